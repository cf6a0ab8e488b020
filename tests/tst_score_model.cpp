// Score models: exact equivariance of S_G[s] (Reynolds) and of invariant-feature models for
// every kind of group, gradient checks of the whole DSM loss, invariance of the Reynolds
// model's DSM loss under (x0, z) -> (A_g x0, A_g z), and the factory.
#include <QtTest>

#include "core/invariant_features.hpp"
#include "core/metrics.hpp"
#include "core/score_model.hpp"

using namespace symscore;

namespace {
std::vector<GroupSpec> allGroups() {
    return {{GroupType::Trivial, 1, 0},      {GroupType::Reflection, 1, 30},
            {GroupType::Reflection, 1, -70}, {GroupType::Cyclic, 1, 0},
            {GroupType::Cyclic, 2, 0},       {GroupType::Cyclic, 3, 0},
            {GroupType::Cyclic, 4, 0},       {GroupType::Cyclic, 7, 0},
            {GroupType::Dihedral, 1, 0},     {GroupType::Dihedral, 2, 0},
            {GroupType::Dihedral, 3, 0},     {GroupType::Dihedral, 4, 0},
            {GroupType::Dihedral, 6, 0}};
}

ModelConfig config(Equivariance kind, const GroupSpec& g, int width = 32) {
    ModelConfig c;
    c.kind = kind;
    c.network = NetworkSpec{width, 2, 4, 2.0, Activation::SiLU};
    c.group = g;
    c.process = ProcessSpec{};
    c.dataSecondMoment = 2.0;
    return c;
}

PointsF randomPoints(int n, Rng& rng, double scale = 2.0) {
    PointsF x(n, 2);
    for (int i = 0; i < n; ++i)
        x.row(i) << float(scale * rng.normal()), float(scale * rng.normal());
    return x;
}

// max over g and points of |s(A_g x) - A_g s(x)|, relative to the largest |s(x)|.
double equivarianceError(const ScoreField& s, const Group& group, double t) {
    Rng rng(4);
    const PointsF x = randomPoints(300, rng);
    PointsF sx(x.rows(), 2), sgx(x.rows(), 2);
    s.score(x, t, sx);
    double worst = 0.0;
    for (const Mat2& a : group.elements()) {
        const Eigen::Matrix2f af = a.cast<float>();
        const PointsF gx = x * af.transpose();
        s.score(gx, t, sgx);
        worst = std::max(worst, double((sgx - sx * af.transpose()).rowwise().norm().maxCoeff()));
    }
    return worst / double(sx.rowwise().norm().maxCoeff());
}

DsmBatch randomBatch(int rows, const Process& p, Rng& rng, PointsF& x0) {
    DsmBatch b;
    b.resize(rows);
    x0 = randomPoints(rows, rng);
    for (int i = 0; i < rows; ++i) {
        const double t = p.eps() + (p.T() - p.eps()) * rng.uniform();
        b.t[std::size_t(i)] = float(t);
        b.alpha[std::size_t(i)] = float(p.alpha(t));
        b.sigma[std::size_t(i)] = float(p.sigma(t));
        b.weight[std::size_t(i)] = 1.0f;
        b.z.row(i) << float(rng.normal()), float(rng.normal());
    }
    return b;
}
void noise(DsmBatch& b, const PointsF& x0) {
    for (int i = 0; i < b.rows(); ++i)
        b.xt.row(i) = b.alpha[std::size_t(i)] * x0.row(i) + b.sigma[std::size_t(i)] * b.z.row(i);
}
double batchLoss(const NeuralScore& m, const DsmBatch& b, NeuralScore::Workspace& ws, float* grad) {
    double l = 0.0;
    for (int c = 0; c * m.chunkRows() < b.rows(); ++c)
        l += m.chunkLoss(b, c * m.chunkRows(), std::min(b.rows(), (c + 1) * m.chunkRows()), ws,
                         grad, 1.0f);
    return l;
}
}  // namespace

class TestScoreModel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void reynoldsIsEquivariantForEveryGroup() {
        for (const GroupSpec& g : allGroups()) {
            auto m = makeNeuralScore(config(Equivariance::Reynolds, g), 1);
            const double e = equivarianceError(*m, m->group(), 0.3);
            QVERIFY2(e < 2e-5, qPrintable(QString::fromStdString(m->group().name()) + ": " +
                                          QString::number(e)));
            QVERIFY(m->equivariantByConstruction());
        }
    }

    void invariantFeaturesAreEquivariantForEveryGroup() {
        for (const GroupSpec& g : allGroups()) {
            auto m = makeNeuralScore(config(Equivariance::InvariantFeatures, g), 1);
            for (double t : {0.01, 0.5}) {
                const double e = equivarianceError(*m, m->group(), t);
                QVERIFY2(e < 2e-5, qPrintable(QString::fromStdString(m->group().name()) + ": " +
                                              QString::number(e)));
            }
        }
    }

    void plainModelIsNotEquivariant() {
        auto m = makeNeuralScore(config(Equivariance::None, {GroupType::Cyclic, 4, 0}), 1);
        QVERIFY(equivarianceError(*m, m->group(), 0.3) > 1e-2);
        QVERIFY(!m->equivariantByConstruction());
    }

    void reynoldsEqualsSymmetrizedPlainWithTheSameWeights() {
        const GroupSpec d3{GroupType::Dihedral, 3, 0};
        std::shared_ptr<NeuralScore> plain = makeNeuralScore(config(Equivariance::None, d3), 2);
        auto rey = makeNeuralScore(config(Equivariance::Reynolds, d3), 2);
        const Symmetrized sym(plain, Group(d3));
        Rng rng(1);
        const PointsF x = randomPoints(200, rng);
        PointsF a(200, 2), b(200, 2);
        rey->score(x, 0.2, a);
        sym.score(x, 0.2, b);
        QVERIFY((a - b).cwiseAbs().maxCoeff() < 1e-4f * b.cwiseAbs().maxCoeff());
    }

    void dsmLossGradientCheck_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("group");
        QTest::newRow("plain C4") << int(Equivariance::None) << 6;
        QTest::newRow("reynolds D3") << int(Equivariance::Reynolds) << 10;
        QTest::newRow("invariant C4") << int(Equivariance::InvariantFeatures) << 6;
        QTest::newRow("invariant D4") << int(Equivariance::InvariantFeatures) << 11;
        QTest::newRow("invariant reflection") << int(Equivariance::InvariantFeatures) << 1;
        QTest::newRow("invariant trivial") << int(Equivariance::InvariantFeatures) << 0;
    }
    void dsmLossGradientCheck() {
        QFETCH(int, kind);
        QFETCH(int, group);
        auto m =
            makeNeuralScore(config(Equivariance(kind), allGroups()[std::size_t(group)], 12), 3);
        Rng rng(5);
        PointsF x0;
        DsmBatch b = randomBatch(40, m->process(), rng, x0);
        noise(b, x0);
        auto ws = m->makeWorkspace();
        const std::size_t p = m->network().parameterCount();
        std::vector<float> chunkGrad(p), grad(p, 0.0f);
        // Sum the chunks' gradients, as the trainer does.
        for (int c = 0; c * m->chunkRows() < b.rows(); ++c) {
            m->chunkLoss(b, c * m->chunkRows(), std::min(b.rows(), (c + 1) * m->chunkRows()), ws,
                         chunkGrad.data(), 1.0f);
            for (std::size_t i = 0; i < p; ++i) grad[i] += chunkGrad[i];
        }
        auto params = m->network().parameters();
        double num2 = 0.0, den2 = 0.0;
        const float h = 1e-2f;
        for (std::size_t i = 0; i < p; i += 3) {
            const float keep = params[i];
            params[i] = keep + h;
            const double up = batchLoss(*m, b, ws, nullptr);
            params[i] = keep - h;
            const double down = batchLoss(*m, b, ws, nullptr);
            params[i] = keep;
            const double numeric = (up - down) / (2.0 * h);
            num2 += (numeric - grad[i]) * (numeric - grad[i]);
            den2 += double(grad[i]) * grad[i];
        }
        QVERIFY2(std::sqrt(num2 / den2) < 5e-3,
                 qPrintable(QString::number(std::sqrt(num2 / den2))));
    }

    void reynoldsLossIsInvariantUnderTheGroup() {
        const GroupSpec d4{GroupType::Dihedral, 4, 0};
        auto m = makeNeuralScore(config(Equivariance::Reynolds, d4), 7);
        Rng rng(8);
        PointsF x0;
        DsmBatch b = randomBatch(64, m->process(), rng, x0);
        noise(b, x0);
        auto ws = m->makeWorkspace();
        const double base = batchLoss(*m, b, ws, nullptr);
        for (const Mat2& a : m->group().elements()) {
            const Eigen::Matrix2f af = a.cast<float>();
            DsmBatch g = b;
            g.z = b.z * af.transpose();
            const PointsF gx0 = x0 * af.transpose();
            noise(g, gx0);
            const double l = batchLoss(*m, g, ws, nullptr);
            QVERIFY2(std::abs(l - base) < 1e-5 * base,
                     qPrintable(QString("%1 vs %2").arg(l).arg(base)));
        }
    }

    void scoreIsMinusEpsOverSigma() {
        // A batch row with z and the model's own eps: loss = ||sigma s + z||^2 computed two ways.
        auto m = makeNeuralScore(config(Equivariance::None, {GroupType::Cyclic, 4, 0}), 1);
        Rng rng(2);
        PointsF x0;
        DsmBatch b = randomBatch(10, m->process(), rng, x0);
        noise(b, x0);
        auto ws = m->makeWorkspace();
        for (int i = 0; i < 10; ++i) {
            PointsF s(1, 2);
            m->score(b.xt.row(i), b.t[std::size_t(i)], s);
            const double direct = (b.sigma[std::size_t(i)] * s.row(0) + b.z.row(i)).squaredNorm();
            const double viaLoss = m->chunkLoss(b, i, i + 1, ws, nullptr, 1.0f);
            QVERIFY(std::abs(direct - viaLoss) < 1e-4 * std::max(1.0, viaLoss));
        }
    }

    void factoryBuildsEveryKind() {
        Scenario s;
        QVERIFY(dynamic_cast<ExactScore*>(
            makeScoreField(s, {"oracle", Equivariance::Exact, Augmentation::None}).get()));
        for (Equivariance e :
             {Equivariance::None, Equivariance::Reynolds, Equivariance::InvariantFeatures})
            QVERIFY(
                dynamic_cast<NeuralScore*>(makeScoreField(s, {"m", e, Augmentation::None}).get()));
        // Models of one scenario share initial weights where the architecture agrees.
        auto a = makeNeuralScore(modelConfig(s, {"a", Equivariance::None, Augmentation::None}),
                                 s.training.seed);
        auto b = makeNeuralScore(modelConfig(s, {"b", Equivariance::Reynolds, Augmentation::None}),
                                 s.training.seed);
        QVERIFY(std::equal(a->network().parameters().begin(), a->network().parameters().end(),
                           b->network().parameters().begin()));
    }

    // network.input_scaling (docs/models.md): "noise" divides out only the noise's growth
    // (m2 = 1), "data" the target's second moment too; the two give different models.
    void inputScalingChoosesTheSecondMoment() {
        Scenario s;  // the default preset: four blobs at radius 2, m2 about 2
        const ModelSpec plain{"plain", Equivariance::None, Augmentation::None};
        QCOMPARE(s.network.input_scaling, InputScaling::Noise);
        QCOMPARE(modelConfig(s, plain).dataSecondMoment, 1.0);
        s.network.input_scaling = InputScaling::Data;
        const Mixture target = s.makeTarget();
        const double m2 = 0.5 * (target.covariance().trace() + target.mean().squaredNorm());
        QVERIFY(m2 > 1.5);
        QCOMPARE(modelConfig(s, plain).dataSecondMoment, m2);
        auto data = makeNeuralScore(modelConfig(s, plain), 3);
        s.network.input_scaling = InputScaling::Noise;
        auto noise = makeNeuralScore(modelConfig(s, plain), 3);
        QVERIFY(!(modelConfig(s, plain) == data->config()));
        PointsF x(1, 2), a(1, 2), b(1, 2);
        x << 2.0f, 0.5f;
        data->score(x, 0.01, a);
        noise->score(x, 0.01, b);
        QVERIFY((a - b).norm() > 1e-3 * a.norm());
    }
};

QTEST_GUILESS_MAIN(TestScoreModel)
#include "tst_score_model.moc"
