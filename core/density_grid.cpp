#include "core/density_grid.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace symscore {

double viewHalfWidth(const Mixture& m) {
    double h = 1.0;
    for (const Gaussian& c : m.components()) {
        const double sd = std::sqrt(c.cov.eigenvalues().real().maxCoeff());
        h = std::max(h, c.mean.cwiseAbs().maxCoeff() + 3.0 * sd);
    }
    return h;
}

DensityGrid densityGrid(const Mixture& m, int nx, int ny, double xmin, double xmax, double ymin,
                        double ymax) {
    DensityGrid g;
    g.nx = nx;
    g.ny = ny;
    g.xmin = xmin;
    g.xmax = xmax;
    g.ymin = ymin;
    g.ymax = ymax;
    g.values.assign(std::size_t(nx) * std::size_t(ny), 0.0f);
    tbb::parallel_for(0, ny, [&](int j) {
        for (int i = 0; i < nx; ++i)
            g.values[std::size_t(j) * nx + i] = float(m.density(Vec2(g.x(i), g.y(j))));
    });
    g.maxValue = g.values.empty() ? 0.0f : *std::max_element(g.values.begin(), g.values.end());
    return g;
}

}  // namespace symscore
