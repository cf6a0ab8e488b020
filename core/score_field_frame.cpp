#include "core/score_field_frame.hpp"

#include <algorithm>
#include <cmath>

#include "core/contour.hpp"

namespace symscore {

DensityGrid gridShape(double half, int cells, double rx, double ry) {
    DensityGrid g;
    const double cell = 2 * half / cells;
    g.nx = std::min(4 * cells, int(std::ceil(2 * rx / cell)));
    g.ny = std::min(4 * cells, int(std::ceil(2 * ry / cell)));
    g.xmin = -rx;
    g.xmax = rx;
    g.ymin = -ry;
    g.ymax = ry;
    return g;
}

PointsF gridPoints(const DensityGrid& g) {
    PointsF x(g.nx * g.ny, 2);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) x.row(j * g.nx + i) << float(g.x(i)), float(g.y(j));
    return x;
}

PointsF arrowSegments(const PointsF& at, const PointsF& v, double k, double cap) {
    PointsF out(at.rows() * 7, 2);
    Eigen::Index r = 0;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (Eigen::Index i = 0; i < at.rows(); ++i) {
        Eigen::Vector2d d = v.row(i).cast<double>().transpose() * k;
        double len = d.norm();
        if (!std::isfinite(len) || len < 1e-6 * cap) continue;
        if (len > cap) {
            d *= cap / len;
            len = cap;
        }
        const Eigen::Vector2d base = at.row(i).cast<double>().transpose(), tip = base + d;
        const Eigen::Vector2d u = d / len, n(-u.y(), u.x());
        const double h = std::min(0.35 * len, 0.3 * cap);
        const Eigen::Vector2d left = tip - h * u + 0.5 * h * n, right = tip - h * u - 0.5 * h * n;
        out.row(r++) = base.cast<float>().transpose();
        out.row(r++) = tip.cast<float>().transpose();
        out.row(r++) = left.cast<float>().transpose();
        out.row(r++) << nan, nan;
        out.row(r++) = tip.cast<float>().transpose();
        out.row(r++) = right.cast<float>().transpose();
        out.row(r++) << nan, nan;
    }
    out.conservativeResize(r, 2);
    return out;
}

std::vector<float> errorValues(const ScoreField& field, const PointsF& x, const PointsF& exactAtX,
                               double t) {
    PointsF s(x.rows(), 2);
    field.score(x, t, s);
    std::vector<float> out(std::size_t(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        out[std::size_t(i)] = (s.row(i) - exactAtX.row(i)).norm();
    return out;
}

std::vector<float> defectValues(const ScoreField& field, const PointsF& x, const Group& group,
                                double t) {
    const Eigen::Index n = x.rows();
    const int order = group.order();
    PointsF images(n * order, 2), values(n * order, 2), s(n, 2);
    for (int g = 0; g < order; ++g)
        images.middleRows(g * n, n) = x * group.element(g).cast<float>().transpose();
    field.score(x, t, s);
    field.score(images, t, values);
    std::vector<float> out(std::size_t(n), 0.0f);
    for (int g = 0; g < order; ++g) {
        const Eigen::Matrix2f a = group.element(g).cast<float>();
        for (Eigen::Index i = 0; i < n; ++i) {
            const Eigen::RowVector2f rotated = s.row(i) * a.transpose();
            float& v = out[std::size_t(i)];
            v = std::max(v, (values.row(g * n + i) - rotated).norm());
        }
    }
    return out;
}

double weightedMean(const std::vector<float>& values, const Eigen::VectorXd& weights) {
    double sum = 0.0, weight = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isfinite(values[i])) {
            sum += weights[Eigen::Index(i)] * values[i];
            weight += weights[Eigen::Index(i)];
        }
    return weight > 0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

namespace {

void computeArrows(const ExactScore& exact,
                   const std::vector<std::shared_ptr<const ScoreField>>& fields,
                   ScoreFieldFrame& f) {
    const FieldFrameSpec& spec = f.spec;
    const PointsF at = gridPoints(gridShape(spec.half, spec.arrowGrid, spec.half, spec.half));
    PointsF ex(at.rows(), 2);
    exact.score(at, spec.t, ex);
    // One scale for every panel, from the exact score: its upper quartile of lengths spans
    // 0.9 grid steps; longer arrows are capped at one step.
    std::vector<float> len(std::size_t(ex.rows()));
    for (Eigen::Index i = 0; i < ex.rows(); ++i) len[std::size_t(i)] = ex.row(i).norm();
    const auto quartile = len.begin() + std::ptrdiff_t(len.size() * 3 / 4);
    std::nth_element(len.begin(), quartile, len.end());
    const double ref = std::max(1e-12, double(*quartile));
    f.arrowCap = 2 * spec.half / spec.arrowGrid;
    f.arrowScale = 0.9 * f.arrowCap / ref;
    const PointsF exactSegments = arrowSegments(at, ex, f.arrowScale, f.arrowCap);
    for (const auto& field : fields) {
        FieldPanelFrame p;
        p.arrows = {at, PointsF(at.rows(), 2), ex};
        field->score(at, spec.t, p.arrows.field);
        p.fieldSegments = arrowSegments(at, p.arrows.field, f.arrowScale, f.arrowCap);
        p.exactSegments = exactSegments;
        f.panels.push_back(std::move(p));
    }
}

void computeHeatmaps(const ExactScore& exact, const Mixture& pt,
                     const std::vector<std::shared_ptr<const ScoreField>>& fields,
                     const Group& group, ScoreFieldFrame& f) {
    const FieldFrameSpec& spec = f.spec;
    f.contour = contourSegments(f.density, spec.contourLevel * f.density.maxValue);
    const DensityGrid shape = gridShape(spec.half, spec.heatGrid, spec.reachX, spec.reachY);
    const PointsF x = gridPoints(shape);
    const Eigen::Index n = x.rows();
    Eigen::VectorXd logp(n);
    pt.logDensity(x.cast<double>(), logp);
    // p_t relative to its peak on the grid: the weights of the means and the contour test.
    const Eigen::VectorXd p = (logp.array() - logp.maxCoeff()).exp().matrix();
    PointsF ex(n, 2);
    exact.score(x, spec.t, ex);
    // The shared colour range: the largest value where p_t has its mass (inside the contour),
    // so the colours resolve what matters. Its floor, a thousandth of the exact score's
    // typical size, keeps the rounding noise of an exactly symmetric field black.
    const double typical =
        std::sqrt((p.array() * ex.rowwise().squaredNorm().cast<double>().array()).sum() / p.sum());
    double range = 1e-3 * typical;
    for (const auto& field : fields) {
        FieldPanelFrame panel;
        panel.heat = shape;
        panel.heat.values = spec.mode == FieldMode::Error ? errorValues(*field, x, ex, spec.t)
                                                          : defectValues(*field, x, group, spec.t);
        double maxAll = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double v = panel.heat.values[std::size_t(i)];
            if (!std::isfinite(v)) continue;
            maxAll = std::max(maxAll, v);
            if (p[i] >= spec.contourLevel) range = std::max(range, v);
        }
        panel.heat.maxValue = float(maxAll);
        panel.heatMax = maxAll;
        panel.heatMean = weightedMean(panel.heat.values, p);
        f.panels.push_back(std::move(panel));
    }
    f.heatRange = range;
    for (FieldPanelFrame& panel : f.panels)
        panel.heatIsRounding = panel.heatMax > 0.0 && panel.heatMax < 1e-3 * range;
}

}  // namespace

ScoreFieldFrame computeScoreFieldFrame(const ExactScore& exact,
                                       const std::vector<std::shared_ptr<const ScoreField>>& fields,
                                       const Group& group, const FieldFrameSpec& spec) {
    ScoreFieldFrame f;
    f.spec = spec;
    const Mixture pt = exact.marginal(spec.t);
    const DensityGrid d = gridShape(spec.half, spec.densityCells, spec.reachX, spec.reachY);
    f.density = densityGrid(pt, d.nx, d.ny, d.xmin, d.xmax, d.ymin, d.ymax);
    if (spec.mode == FieldMode::Arrows)
        computeArrows(exact, fields, f);
    else
        computeHeatmaps(exact, pt, fields, group, f);
    return f;
}

}  // namespace symscore
