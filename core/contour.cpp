#include "core/contour.hpp"

#include <limits>
#include <vector>

namespace symscore {

PointsF contourSegments(const DensityGrid& g, double level) {
    std::vector<Eigen::Vector2f> pts;
    auto v = [&](int i, int j) { return double(g.values[std::size_t(j) * g.nx + i]); };
    auto cross = [&](int i0, int j0, int i1, int j1) {
        const double a = v(i0, j0), b = v(i1, j1), s = (level - a) / (b - a);
        return Eigen::Vector2f(float(g.x(i0) + s * (g.x(i1) - g.x(i0))),
                               float(g.y(j0) + s * (g.y(j1) - g.y(j0))));
    };
    const Eigen::Vector2f gap = Eigen::Vector2f::Constant(std::numeric_limits<float>::quiet_NaN());
    for (int j = 0; j + 1 < g.ny; ++j)
        for (int i = 0; i + 1 < g.nx; ++i) {
            // Edges in order bottom, right, top, left: the crossings pair up in this order.
            const int edges[4][4] = {{i, j, i + 1, j},
                                     {i + 1, j, i + 1, j + 1},
                                     {i, j + 1, i + 1, j + 1},
                                     {i, j, i, j + 1}};
            Eigen::Vector2f hits[4];
            int n = 0;
            for (const auto& e : edges)
                if ((v(e[0], e[1]) >= level) != (v(e[2], e[3]) >= level))
                    hits[n++] = cross(e[0], e[1], e[2], e[3]);
            for (int h = 0; h + 1 < n; h += 2) {
                pts.push_back(hits[h]);
                pts.push_back(hits[h + 1]);
                pts.push_back(gap);
            }
        }
    PointsF out(Eigen::Index(pts.size()), 2);
    for (std::size_t k = 0; k < pts.size(); ++k) out.row(Eigen::Index(k)) = pts[k].transpose();
    return out;
}

}  // namespace symscore
