#pragma once
// A density sampled on a regular grid, for heatmaps. Computed off the GUI thread (TBB over
// rows); the UI only copies the values into its colour map.
#include <vector>

#include "core/mixture.hpp"

namespace symscore {

struct DensityGrid {
    int nx = 0, ny = 0;
    double xmin = -1, xmax = 1, ymin = -1, ymax = 1;
    std::vector<float> values;  // row-major: values[j * nx + i] at (x_i, y_j), cell centres
    float maxValue = 0;

    double x(int i) const { return xmin + (i + 0.5) * (xmax - xmin) / nx; }
    double y(int j) const { return ymin + (j + 0.5) * (ymax - ymin) / ny; }
};

// The square view [-h, h]^2 that shows a mixture with a margin: every mean plus three
// standard deviations of its widest direction.
double viewHalfWidth(const Mixture& m);

DensityGrid densityGrid(const Mixture& m, int nx, int ny, double xmin, double xmax, double ymin,
                        double ymax);

}  // namespace symscore
