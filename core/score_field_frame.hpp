#pragma once
// What the Score field tab draws at one time t, computed in one call off the GUI thread and
// handed to the widget as a value: the density of p_t, and per panel (the exact score first,
// then each model) either arrows of the field and of the exact score on a coarse grid, or a
// heatmap on a finer grid of
//   error  |s(x, t) - grad log p_t(x)|, or
//   defect max_g |s(A_g x, t) - A_g s(x, t)|   (0 for a G-equivariant field),
// with its mean under p_t, its maximum, the shared colour range and p_t's contour.
#include <limits>
#include <memory>
#include <vector>

#include "core/density_grid.hpp"
#include "core/group.hpp"
#include "core/score_field.hpp"

namespace symscore {

enum class FieldMode { Arrows, Error, Defect };

struct FieldFrameSpec {
    double t = 0.01;
    FieldMode mode = FieldMode::Arrows;
    double half = 3.0;                  // the panels show the square [-half, half]^2
    double reachX = 3.0, reachY = 3.0;  // the density and heat grids cover this (>= half)
    int arrowGrid = 17;                 // arrows per side of the square
    int heatGrid = 80;                  // heatmap cells across the square
    int densityCells = 120;             // density cells across the square
    double contourLevel = 0.05;         // p_t's contour at this fraction of its peak
};

// The arrows of one panel at each grid point: raw values, then drawable segments.
struct ArrowField {
    PointsF at;
    PointsF field;
    PointsF exact;
};

struct FieldPanelFrame {
    ArrowField arrows;      // Arrows mode
    PointsF fieldSegments;  // arrows of the field, scaled and capped (arrowSegments)
    PointsF exactSegments;  // arrows of the exact score, the same scale
    DensityGrid heat;       // Error and Defect modes
    double heatMean = std::numeric_limits<double>::quiet_NaN();  // E_{p_t} over the grid
    double heatMax = 0.0;
    // The largest value is float rounding of an exact identity (below 1e-3 of the colour range).
    bool heatIsRounding = false;
};

struct ScoreFieldFrame {
    FieldFrameSpec spec;
    DensityGrid density;  // p_t over the reach
    PointsF contour;      // p_t = contourLevel * peak (Error and Defect modes)
    double arrowScale = 1.0, arrowCap = 1.0;
    double heatRange = 1.0;  // the shared colour range of the heatmaps
    std::vector<FieldPanelFrame> panels;
};

// fields[0] is usually the exact score itself (its panel is the reference).
ScoreFieldFrame computeScoreFieldFrame(const ExactScore& exact,
                                       const std::vector<std::shared_ptr<const ScoreField>>& fields,
                                       const Group& group, const FieldFrameSpec& spec);

// The building blocks, for tests and other views.
// A grid over [-rx, rx] x [-ry, ry] whose cells have the size that puts `cells` across
// [-half, half] (at most 4 * cells per side).
DensityGrid gridShape(double half, int cells, double rx, double ry);
// The cell centres of a grid, row-major like DensityGrid::values.
PointsF gridPoints(const DensityGrid& g);
// Arrows from `at` along k * v, capped at length `cap`: 7 rows each (base, tip, one barb,
// NaN, tip, other barb, NaN). Arrows shorter than 1e-6 cap or not finite are left out.
PointsF arrowSegments(const PointsF& at, const PointsF& v, double k, double cap);
// The heatmaps' values at points x (rows): |s - exact| or max_g |s(A_g x) - A_g s(x)|.
std::vector<float> errorValues(const ScoreField& field, const PointsF& x, const PointsF& exactAtX,
                               double t);
std::vector<float> defectValues(const ScoreField& field, const PointsF& x, const Group& group,
                                double t);
// sum_i w_i v_i / sum_i w_i over the finite values.
double weightedMean(const std::vector<float>& values, const Eigen::VectorXd& weights);

}  // namespace symscore
