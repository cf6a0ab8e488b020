// Metrics: the orthogonal decomposition E(s) = E(S_G s) + E(s - S_G s) adds up, symmetrizing
// never raises the error, the oracle scores zero, defects of equivariant fields vanish.
#include <QtTest>

#include "core/metrics.hpp"
#include "core/score_model.hpp"
#include "core/trainer.hpp"

using namespace symscore;

namespace {
Scenario scenarioFor(const GroupSpec& g) {
    Scenario s;
    s.group = g;
    s.mixture.components = {{Vec2(1.5, 0.4), Mat2::Identity() * 0.1, 1.0}};
    s.network = NetworkSpec{32, 2, 8, 4.0, Activation::SiLU};
    return s;
}
}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void decompositionAddsUp_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("n");
        QTest::newRow("C4") << int(GroupType::Cyclic) << 4;
        QTest::newRow("D3") << int(GroupType::Dihedral) << 3;
        QTest::newRow("reflection") << int(GroupType::Reflection) << 1;
    }
    void decompositionAddsUp() {
        QFETCH(int, type);
        QFETCH(int, n);
        Scenario s = scenarioFor({GroupType(type), n, 20.0});
        s.training.steps = 60;
        s.models = {{"plain", Equivariance::None, Augmentation::None}};
        Trainer trainer(s);
        trainer.runToEnd();
        const auto& model = trainer.models()[0].model;
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const Group g = s.makeGroup();
        const EvaluationSet set = makeEvaluationSet(s);
        const ScoreErrors e = scoreErrors(*model, exact, g, set);
        QVERIFY(e.violation > 0);
        QVERIFY2(
            std::abs(e.error - (e.symmetrizedError + e.violation)) < 1e-6 * e.error,
            qPrintable(
                QString("%1 vs %2 + %3").arg(e.error).arg(e.symmetrizedError).arg(e.violation)));
        QVERIFY(e.symmetrizedError <= e.error);
        QVERIFY(e.defect > 0);

        // Post-hoc symmetrization: its error is the first term, its violation and defect vanish.
        const Symmetrized sym(model, g);
        const ScoreErrors es = scoreErrors(sym, exact, g, set);
        QVERIFY(std::abs(es.error - e.symmetrizedError) < 1e-4 * e.error);
        QVERIFY(es.violation < 1e-8 * e.error);
        QVERIFY(es.defect < 1e-5);
        QVERIFY(es.error <= e.error);
    }

    void oracleHasNoError() {
        const Scenario s = scenarioFor({GroupType::Dihedral, 4, 0});
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const ScoreErrors e = scoreErrors(exact, exact, s.makeGroup(), makeEvaluationSet(s));
        QCOMPARE(e.error, 0.0);
        QVERIFY(e.defect < 1e-5);
    }

    void nonFiniteModelsNeverScoreWell() {
        // A model that outputs NaN (diverged) or Inf scored a perfect equivariance defect of
        // 0; every figure must come out non-finite instead.
        struct Constant final : ScoreField {
            float value;
            explicit Constant(float v) : value(v) {}
            void score(const Eigen::Ref<const PointsF>&, double,
                       Eigen::Ref<PointsF> out) const override {
                out.setConstant(value);
            }
        };
        const Scenario s = scenarioFor({GroupType::Cyclic, 4, 0});
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const EvaluationSet set = makeEvaluationSet(s);
        for (float v :
             {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
            const Constant bad(v);
            const ScoreErrors e = scoreErrors(bad, exact, s.makeGroup(), set);
            QVERIFY(!std::isfinite(e.error));
            QVERIFY(!std::isfinite(e.violation));
            QVERIFY2(!std::isfinite(e.defect), qPrintable(QString::number(e.defect)));
            QVERIFY(!std::isfinite(heldOutDsmLoss(bad, s.makeProcess(), set)));
        }
    }

    void equivariantModelsHaveNoViolation() {
        const Scenario s = scenarioFor({GroupType::Cyclic, 3, 0});
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const EvaluationSet set = makeEvaluationSet(s);
        for (Equivariance k : {Equivariance::Reynolds, Equivariance::InvariantFeatures}) {
            const auto m = makeScoreField(s, {"m", k, Augmentation::None});
            const ScoreErrors e = scoreErrors(*m, exact, s.makeGroup(), set);
            QVERIFY(e.violation < 1e-9 * e.error);
            QVERIFY(e.defect < 1e-5);
        }
    }

    void heldOutLossPrefersTheOracle() {
        const Scenario s = scenarioFor({GroupType::Cyclic, 4, 0});
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const EvaluationSet set = makeEvaluationSet(s);
        const auto untrained = makeScoreField(s, {"m", Equivariance::None, Augmentation::None});
        const double lo = heldOutDsmLoss(exact, s.makeProcess(), set);
        const double hi = heldOutDsmLoss(*untrained, s.makeProcess(), set);
        QVERIFY(lo > 0 && std::isfinite(lo));
        QVERIFY(hi > lo);
    }

    void evaluationSetsAreSeededAndOrbitClosed() {
        const Scenario s = scenarioFor({GroupType::Dihedral, 2, 0});
        const EvaluationSet a = makeEvaluationSet(s), b = makeEvaluationSet(s);
        QCOMPARE(a.orbitSize, 4);
        QCOMPARE(a.slices.size(), b.slices.size());
        QVERIFY(a.slices[3].x == b.slices[3].x);
        const Group g = s.makeGroup();
        const Vec2 x = a.slices[0].x.row(0).cast<double>().transpose();
        for (int k = 0; k < 4; ++k)
            QVERIFY((a.slices[0].x.row(k).cast<double>().transpose() - g.element(k) * x).norm() <
                    1e-5);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
