// The Score field tab's numbers, computed in core without any application object: a heatmap's
// title value is the p_t-weighted mean of its cells, an equivariant field has no defect, the
// contour lies on its level set, the decomposition's parts add up on an invariant target and
// not on a target the assumed group is not a symmetry of, and the target's own defect says so.
#include <QtTest>
#include <cmath>

#include "core/contour.hpp"
#include "core/io/presets.hpp"
#include "core/score_decomposition.hpp"
#include "core/score_field_frame.hpp"
#include "core/score_model.hpp"

using namespace symscore;

namespace {
Scenario small(Scenario s) {
    s.network.width = 16;
    s.network.depth = 1;
    return s;
}

std::shared_ptr<const ScoreField> model(const Scenario& s, Equivariance kind) {
    for (const ModelSpec& m : s.models)
        if (m.equivariance == kind) return makeScoreField(s, m);
    ModelSpec spec{"extra", kind, Augmentation::None};
    return makeScoreField(s, spec);
}

FieldFrameSpec frameSpec(const Scenario& s, FieldMode mode, double t = 0.05) {
    FieldFrameSpec spec;
    spec.t = t;
    spec.mode = mode;
    spec.half = viewHalfWidth(s.makeTarget()) * 1.15;
    spec.reachX = spec.half * 1.3;  // wider than tall, as a panel may be
    spec.reachY = spec.half;
    spec.heatGrid = 40;  // fast; the code paths are the same
    spec.densityCells = 60;
    return spec;
}

// A field that is a multiple of another.
class Scaled final : public ScoreField {
  public:
    Scaled(const ScoreField& base, float k) : base_(base), k_(k) {}
    void score(const Eigen::Ref<const PointsF>& x, double t,
               Eigen::Ref<PointsF> out) const override {
        base_.score(x, t, out);
        out *= k_;
    }

  private:
    const ScoreField& base_;
    float k_;
};

// Bilinear interpolation of a grid's values at (x, y) (inside the cell centres' hull).
double bilinear(const DensityGrid& g, double x, double y) {
    const double fx = (x - g.xmin) / (g.xmax - g.xmin) * g.nx - 0.5;
    const double fy = (y - g.ymin) / (g.ymax - g.ymin) * g.ny - 0.5;
    const int i = std::clamp(int(std::floor(fx)), 0, g.nx - 2);
    const int j = std::clamp(int(std::floor(fy)), 0, g.ny - 2);
    const double u = fx - i, v = fy - j;
    auto at = [&](int a, int b) { return double(g.values[std::size_t(b) * g.nx + a]); };
    return (1 - u) * (1 - v) * at(i, j) + u * (1 - v) * at(i + 1, j) + (1 - u) * v * at(i, j + 1) +
           u * v * at(i + 1, j + 1);
}
}  // namespace

class TestScoreFieldFrame : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void arrowsShareOneScale() {
        const Scenario s = small(io::loadPreset("C4: four Gaussians"));
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const auto plain = model(s, Equivariance::None);
        const FieldFrameSpec spec = frameSpec(s, FieldMode::Arrows);
        const ScoreFieldFrame f = computeScoreFieldFrame(
            exact, {std::make_shared<ExactScore>(exact), plain}, s.makeGroup(), spec);
        QCOMPARE(int(f.panels.size()), 2);
        QCOMPARE(f.arrowCap, 2 * spec.half / spec.arrowGrid);
        for (const FieldPanelFrame& p : f.panels) {
            QCOMPARE(int(p.arrows.at.rows()), spec.arrowGrid * spec.arrowGrid);
            QCOMPARE(p.fieldSegments.rows() % 7, Eigen::Index(0));
            QVERIFY(p.fieldSegments.rows() > 100 * 7);
            // No drawn arrow is longer than the cap.
            for (Eigen::Index r = 0; r < p.fieldSegments.rows(); r += 7)
                QVERIFY((p.fieldSegments.row(r + 1) - p.fieldSegments.row(r)).norm() <=
                        f.arrowCap * (1 + 1e-5));
        }
        // The exact panel's field is the exact score: the same arrows.
        QVERIFY(f.panels[0].arrows.field.isApprox(f.panels[0].arrows.exact));
        // The density covers the reach, wider than tall.
        QVERIFY(f.density.nx > f.density.ny);
        QCOMPARE(f.density.xmax, spec.reachX);
    }

    void heatmapMeanIsTheWeightedMean() {
        const Scenario s = small(io::loadPreset("D4: eight Gaussians"));
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const auto plain = model(s, Equivariance::None);
        const FieldFrameSpec spec = frameSpec(s, FieldMode::Error, 0.1);
        const ScoreFieldFrame f = computeScoreFieldFrame(
            exact, {std::make_shared<ExactScore>(exact), plain}, s.makeGroup(), spec);
        QCOMPARE(f.panels[0].heatMax, 0.0);  // the exact score against itself
        const DensityGrid& h = f.panels[1].heat;
        QVERIFY(h.nx >= spec.heatGrid && h.ny >= spec.heatGrid);
        // Directly: the density of p_t and |s - grad log p_t| at every cell centre.
        const Mixture pt = exact.marginal(spec.t);
        double num = 0, den = 0, largest = 0;
        for (int j = 0; j < h.ny; ++j)
            for (int i = 0; i < h.nx; ++i) {
                PointsF x(1, 2), sx(1, 2), ex(1, 2);
                x << float(h.x(i)), float(h.y(j));
                Eigen::VectorXd logp(1);
                pt.logDensity(x.cast<double>(), logp);
                plain->score(x, spec.t, sx);
                exact.score(x, spec.t, ex);
                const double v = (sx - ex).norm(), p = std::exp(logp[0]);
                num += p * v;
                den += p;
                largest = std::max(largest, v);
                QVERIFY(std::abs(h.values[std::size_t(j) * h.nx + i] - v) <= 1e-5 * (1 + v));
            }
        QVERIFY2(std::abs(f.panels[1].heatMean - num / den) <= 1e-6 * num / den,
                 qPrintable(QString("%1 vs %2").arg(f.panels[1].heatMean).arg(num / den)));
        QVERIFY(std::abs(f.panels[1].heatMax - largest) <= 1e-5 * largest);
        QVERIFY(f.heatRange > 0 && f.heatRange <= largest * (1 + 1e-6));
        QVERIFY(f.contour.rows() > 0);
    }

    void defectOfAnEquivariantFieldVanishes() {
        const Scenario s = small(io::loadPreset("D4: eight Gaussians"));
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const Group g = s.makeGroup();
        const auto plain = model(s, Equivariance::None);
        const auto reynolds = model(s, Equivariance::Reynolds);
        const auto symmetrized = std::make_shared<Symmetrized>(plain, g);
        const ScoreFieldFrame f = computeScoreFieldFrame(
            exact, {std::make_shared<ExactScore>(exact), plain, reynolds, symmetrized}, g,
            frameSpec(s, FieldMode::Defect));
        const double plainDefect = f.panels[1].heatMax;
        QVERIFY(plainDefect > 1e-3);
        for (int k : {0, 2, 3}) {
            QVERIFY2(
                f.panels[std::size_t(k)].heatMax <= 1e-4 * plainDefect,
                qPrintable(QString("panel %1: %2").arg(k).arg(f.panels[std::size_t(k)].heatMax)));
            QVERIFY(f.panels[std::size_t(k)].heatMax == 0.0 ||
                    f.panels[std::size_t(k)].heatIsRounding);
        }
        QVERIFY(!f.panels[1].heatIsRounding);
    }

    void contourLiesOnTheLevelSet() {
        // A cone r(x, y) = |(x, y)|: its level set at 1 is the unit circle.
        DensityGrid g;
        g.nx = 50;
        g.ny = 40;
        g.xmin = -2.0;
        g.xmax = 2.5;
        g.ymin = -1.7;
        g.ymax = 1.9;
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) g.values.push_back(float(std::hypot(g.x(i), g.y(j))));
        const PointsF c = contourSegments(g, 1.0);
        QVERIFY(c.rows() >= 3 * 40);
        QCOMPARE(c.rows() % 3, Eigen::Index(0));
        const double cell = (g.xmax - g.xmin) / g.nx;
        double angleCovered = 0;
        for (Eigen::Index r = 0; r < c.rows(); r += 3) {
            QVERIFY(std::isnan(c(r + 2, 0)) && std::isnan(c(r + 2, 1)));
            for (Eigen::Index k : {r, r + 1}) {
                const double x = c(k, 0), y = c(k, 1);
                QVERIFY(std::abs(bilinear(g, x, y) - 1.0) <= 1e-4);       // on the grid's level set
                QVERIFY(std::abs(std::hypot(x, y) - 1.0) <= 0.1 * cell);  // and near the circle
            }
            angleCovered += (c.row(r + 1) - c.row(r)).norm();
        }
        QVERIFY(std::abs(angleCovered - 2 * M_PI) < 0.02);  // one closed loop of length 2 pi

        // p_t's contour at 5% of its peak: the density there is 5% of the peak, to the
        // grid's resolution.
        const Scenario s = io::loadPreset("C4: four Gaussians");
        const Mixture pt = ExactScore(s.makeTarget(), s.makeProcess()).marginal(0.05);
        const double half = viewHalfWidth(s.makeTarget());
        const DensityGrid d = densityGrid(pt, 160, 160, -half, half, -half, half);
        const PointsF pc = contourSegments(d, 0.05 * d.maxValue);
        QVERIFY(pc.rows() > 0);
        for (Eigen::Index r = 0; r < pc.rows(); r += 3) {
            Eigen::VectorXd logp(1);
            pt.logDensity(pc.row(r).cast<double>(), logp);
            QVERIFY2(std::abs(std::exp(logp[0]) / d.maxValue - 0.05) < 0.01,
                     qPrintable(QString::number(std::exp(logp[0]) / d.maxValue)));
        }
    }

    void decompositionPartsAddUp() {
        const Scenario s = small(io::loadPreset("C4: four Gaussians"));
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const Group g = s.makeGroup();
        const EvaluationSet set = makeEvaluationSet(s.makeTarget(), s.makeProcess(), g, 4, 48, 5);
        const auto plain = model(s, Equivariance::None);
        const Decomposition d =
            decompose({scoreErrors(*plain, exact, g, set),
                       scoreErrors(*model(s, Equivariance::Reynolds), exact, g, set)});
        QVERIFY(d.allAddUp);
        QVERIFY(d.largestMismatch < 1e-6);
        const DecompositionRow& r = d.rows[0];
        QVERIFY(!r.equivariant && r.violation > 0);
        QVERIFY(std::abs(r.sumOfParts() - r.total) <= 1e-6 * r.total);
        QVERIFY(r.change <= 0);  // symmetrizing over a symmetry of the target never hurts
        QCOMPARE(r.change, (r.equivariantPart - r.total) / r.total);
        QVERIFY(d.rows[1].equivariant && std::isnan(d.rows[1].change));
        QVERIFY(!d.symmetrizingHurt);
        QVERIFY(targetDefect(exact, g, set) < kInvariantTargetDefect);

        // Plain numbers: 0.02 + 0.01 = 0.03 adds up, 0.02 + 0.01 against 0.05 does not.
        const Decomposition by = decompose({{0.03, 0.02, 0.01, 0.2}, {0.05, 0.08, 0.01, 0.2}});
        QVERIFY(by.rows[0].addsUp && !by.rows[1].addsUp && !by.allAddUp);
        QVERIFY(std::abs(by.rows[0].change + 1.0 / 3) < 1e-12);
        QVERIFY(by.rows[1].change > 0 && by.symmetrizingHurt);
    }

    void aWrongGroupShowsInTheTargetDefect() {
        // The pinwheel is C3-invariant, not D3-invariant.
        Scenario s = small(io::loadPreset("C3: pinwheel"));
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const Group c3 = s.makeGroup();
        QVERIFY(targetDefect(exact, c3,
                             makeEvaluationSet(s.makeTarget(), s.makeProcess(), c3, 4, 48, 5)) <
                kInvariantTargetDefect);
        s.group = {GroupType::Dihedral, 3, 0.0};
        const Group d3 = s.makeGroup();
        const ExactScore exactD3(s.makeTarget(), s.makeProcess());
        const EvaluationSet set = makeEvaluationSet(s.makeTarget(), s.makeProcess(), d3, 4, 48, 5);
        const double defect = targetDefect(exactD3, d3, set);
        qInfo("pinwheel target defect under D3: %.3f", defect);
        QVERIFY(defect > 0.1);
        // A model that learned the C3 target well (0.8 of its exact score) is not D3-equivariant:
        // its error's parts no longer add up, and symmetrizing over D3 makes it worse.
        const Decomposition d = decompose({scoreErrors(Scaled(exactD3, 0.8f), exactD3, d3, set)});
        QVERIFY(!d.allAddUp);
        QVERIFY(d.symmetrizingHurt && d.rows[0].change > 0);
        qInfo("0.8 x exact score under D3: total %.4f, equivariant part %.4f, violation %.4f",
              d.rows[0].total, d.rows[0].equivariantPart, d.rows[0].violation);
    }
};

QTEST_APPLESS_MAIN(TestScoreFieldFrame)
#include "tst_score_field_frame.moc"
