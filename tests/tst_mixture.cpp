// G-invariant Gaussian mixtures: invariance, exact scores against finite differences,
// normalisation, sampling moments, merging of duplicates and symmetry breaking.
#include <QtTest>

#include "core/mixture.hpp"
#include "core/process.hpp"

using namespace symscore;

namespace {
struct Case {
    const char* name;
    Group group;
    std::vector<Gaussian> base;
};

std::vector<Case> cases() {
    return {
        {"C4", Group::cyclic(4), {{Vec2(2, 0), Mat2::Identity() * 0.09, 1}}},
        {"D4", Group::dihedral(4), {{Vec2(2, 0.7), Mat2::Identity() * 0.09, 1}}},
        {"C3 pinwheel", Group::cyclic(3), {{Vec2(1.8, 0), covarianceFromAxes(0.6, 0.12, 35), 1}}},
        {"D6",
         Group::dihedral(6),
         {{Vec2(2.2, 0), covarianceFromAxes(0.3, 0.08, 0), 2},
          {Vec2(1, 0.3), Mat2::Identity() * 0.02, 1}}},
        {"reflection",
         Group::reflection(60),
         {{Vec2(1.5, -0.4), covarianceFromAxes(0.5, 0.2, 20), 1}}},
    };
}

std::vector<ProcessSpec> processes() {
    ProcessSpec vp;
    ProcessSpec ou;
    ou.type = ProcessType::OU;
    ou.T = 5;
    ProcessSpec ve;
    ve.type = ProcessType::VE;
    return {vp, ou, ve};
}
}  // namespace

class TestMixture : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void densityIsInvariant() {
        Rng rng(1);
        for (const Case& c : cases()) {
            const Mixture m = Mixture::orbitMixture(c.base, c.group);
            // Typical points of the target, where its density is not vanishingly small.
            const Points xs = m.sample(50, rng);
            for (int i = 0; i < 50; ++i) {
                const Vec2 x = xs.row(i).transpose();
                const double p = m.density(x);
                for (const Mat2& a : c.group.elements())
                    QVERIFY2(std::abs(m.density(a * x) - p) <= 1e-12 * p,
                             qPrintable(QString("%1: p=%2 rel=%3")
                                            .arg(c.name)
                                            .arg(p)
                                            .arg(std::abs(m.density(a * x) - p) / p)));
            }
        }
    }
    void exactScoreIsEquivariant() {
        Rng rng(2);
        for (const Case& c : cases()) {
            const Process proc(ProcessSpec{});
            const Mixture m = Mixture::orbitMixture(c.base, c.group);
            for (double t : {0.01, 0.2, 0.8}) {
                const Mixture pt = m.marginal(proc.alpha(t), proc.sigma(t));
                for (int i = 0; i < 20; ++i) {
                    const Vec2 x(2 * rng.normal(), 2 * rng.normal());
                    const Vec2 s = pt.score(x);
                    for (const Mat2& a : c.group.elements())
                        QVERIFY2((pt.score(a * x) - a * s).norm() <= 1e-9 * (1 + s.norm()), c.name);
                }
            }
        }
    }
    void exactScoreMatchesFiniteDifferences() {
        Rng rng(3);
        const double h = 1e-5;
        for (const ProcessSpec& spec : processes()) {
            const Process proc(spec);
            for (const Case& c : cases()) {
                const Mixture m = Mixture::orbitMixture(c.base, c.group);
                for (int i = 0; i < 20; ++i) {
                    const double t = proc.eps() + rng.uniform() * (proc.T() - proc.eps());
                    const Mixture pt = m.marginal(proc.alpha(t), proc.sigma(t));
                    const double spread = proc.alpha(t) * 2.5 + proc.sigma(t);
                    const Vec2 x(spread * rng.normal(), spread * rng.normal());
                    const Vec2 s = pt.score(x);
                    Vec2 fd;
                    for (int d = 0; d < 2; ++d) {
                        Vec2 e = Vec2::Zero();
                        e(d) = h * (1 + std::abs(x(d)));
                        fd(d) = (pt.logDensity(x + e) - pt.logDensity(x - e)) / (2 * e(d));
                    }
                    const double rel = (fd - s).norm() / std::max(s.norm(), 1e-3);
                    QVERIFY2(rel < 1e-6,
                             qPrintable(QString("%1 t=%2 rel=%3").arg(c.name).arg(t).arg(rel)));
                }
            }
        }
    }
    void marginalIntegratesToOne() {
        for (const ProcessSpec& spec : processes()) {
            const Process proc(spec);
            const Mixture m = Mixture::orbitMixture(cases()[3].base, cases()[3].group);
            for (double t : {proc.eps(), 0.1 * proc.T()}) {
                const Mixture pt = m.marginal(proc.alpha(t), proc.sigma(t));
                // Grid wide enough for the spread of p_t, fine enough for its narrowest part.
                const double half = 3.5 * proc.alpha(t) + 6 * proc.sigma(t) + 1.5;
                const int n = 1400;
                const double dx = 2 * half / n;
                double total = 0;
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < n; ++j)
                        total += pt.density(Vec2(-half + (i + 0.5) * dx, -half + (j + 0.5) * dx));
                total *= dx * dx;
                QVERIFY2(std::abs(total - 1) < 1e-3, qPrintable(QString::number(total, 'g', 10)));
            }
        }
    }
    void sampleMomentsMatch() {
        const Mixture m = Mixture::orbitMixture(cases()[2].base, cases()[2].group);
        Rng rng(4);
        const int n = 200000;
        const Points x = m.sample(n, rng);
        const Vec2 mean = x.colwise().mean().transpose();
        const Mat2 cov =
            (x.rowwise() - mean.transpose()).transpose() * (x.rowwise() - mean.transpose()) / n;
        const double se = std::sqrt(m.covariance().maxCoeff() / n);
        QVERIFY((mean - m.mean()).norm() < 5 * se);
        // Standard error of a covariance entry ~ sqrt(2/n) * variance; 5 of them.
        QVERIFY((cov - m.covariance()).cwiseAbs().maxCoeff() <
                5 * std::sqrt(2.0 / n) * m.covariance().maxCoeff() * 2);
    }
    void duplicatesMerge() {
        // A mean on a mirror line with an isotropic covariance: D4 gives 4 distinct, not 8.
        const Mixture m =
            Mixture::orbitMixture({{Vec2(2, 0), Mat2::Identity() * 0.09, 1}}, Group::dihedral(4));
        QCOMPARE(m.size(), 4);
        for (const auto& c : m.components()) QVERIFY(std::abs(c.weight - 0.25) < 1e-12);
        QCOMPARE(Mixture::orbitMixture(cases()[1].base, Group::dihedral(4)).size(), 8);
    }
    void symmetryBreakingBreaksInvariance() {
        const Mixture m = Mixture::orbitMixture(cases()[0].base, Group::cyclic(4), 0.5);
        const Vec2 x(2, 0);
        QVERIFY(m.density(x) > 1.3 * m.density(Vec2(0, 2)));
        double total = 0;
        for (const auto& c : m.components()) total += c.weight;
        QVERIFY(std::abs(total - 1) < 1e-12);
    }
    void rejectsBadComponents() {
        Mat2 indefinite;
        indefinite << 1, 2, 2, 1;
        try {
            Mixture({{Vec2(0, 0), Mat2::Identity(), 1}, {Vec2(1, 0), indefinite, 1}});
            QFAIL("accepted an indefinite covariance");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("components[1].cov: not positive definite"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Mixture({{Vec2(0, 0), Mat2::Identity(), 0}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Mixture({{Vec2(0, 0), Mat2::Identity(), -1}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Mixture({{Vec2(NAN, 0), Mat2::Identity(), 1}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mixture({{Vec2(0, 0), Mat2::Zero(), 1}}));
    }
    void logDensityIsStableFarAway() {
        const Mixture m = Mixture::orbitMixture(cases()[0].base, Group::cyclic(4));
        const double lp = m.logDensity(Vec2(100, 100));
        QVERIFY(std::isfinite(lp));
        QVERIFY(lp < -1e4);
        QVERIFY(m.score(Vec2(100, 100)).allFinite());
    }
    void exactScoreStaysExactFarAway() {
        // Far from the data the score is a responsibility-weighted sum of -P_k (x - mu_k);
        // normalizing through log-sum-exp lost log K to rounding past about 1e16 and gave K
        // times the score. Compared with a direct computation in long double, on the C4
        // target along a diagonal (two nearest components tie) and on four copies of one
        // component (the K-times case).
        const Gaussian one{Vec2(2, 0), Mat2::Identity() * 0.09, 1};
        for (const Mixture& m : {Mixture::orbitMixture(cases()[0].base, Group::cyclic(4)),
                                 Mixture({one, one, one, one})})
            for (double r : {1e3, 1e8, 1e16, 1e17, 1e20, 1e25}) {
                const Vec2 x(r, r);
                long double lmax = -INFINITY;
                std::vector<long double> logs;
                for (const auto& c : m.components()) {
                    const Vec2 d = x - c.mean;
                    logs.push_back(std::log((long double)c.weight) -
                                   0.5L * (long double)d.dot(c.cov.inverse() * d) -
                                   0.5L * std::log((long double)c.cov.determinant()));
                    lmax = std::max(lmax, logs.back());
                }
                long double total = 0, sx = 0, sy = 0;
                for (std::size_t k = 0; k < logs.size(); ++k) total += std::exp(logs[k] - lmax);
                for (std::size_t k = 0; k < logs.size(); ++k) {
                    const auto& c = m.components()[k];
                    const Vec2 g = c.cov.inverse() * (x - c.mean);
                    const long double gamma = std::exp(logs[k] - lmax) / total;
                    sx -= gamma * g.x();
                    sy -= gamma * g.y();
                }
                const Vec2 got = m.score(x);
                const double scale = std::hypot(double(sx), double(sy));
                QVERIFY2(std::abs(got.x() - double(sx)) <= 1e-9 * scale &&
                             std::abs(got.y() - double(sy)) <= 1e-9 * scale,
                         qPrintable(QString("r = %1: got (%2, %3), want (%4, %5)")
                                        .arg(r)
                                        .arg(got.x())
                                        .arg(got.y())
                                        .arg(double(sx))
                                        .arg(double(sy))));
                // Never K times the single-component score (what the log-sum-exp route gave).
                QVERIFY(got.norm() < 1.5 * scale);
            }
    }
    void onlyTrueDuplicatesMerge() {
        // A tiny anisotropic component centred on a mirror line (the x axis) but tilted: its
        // mirror image has the same mean and a different covariance, so the invariant target
        // needs both.
        const Mat2 tilted = covarianceFromAxes(1e-6, 1e-7, 30);
        const Mixture mirrored =
            Mixture::orbitMixture({{Vec2(1, 0), tilted, 1}}, Group::reflection(0));
        QCOMPARE(mirrored.size(), 2);
        const Vec2 x(1 + 1e-6, 0.5e-6), fx(x.x(), -x.y());
        QVERIFY(std::abs(mirrored.logDensity(x) - mirrored.logDensity(fx)) <
                1e-9 * std::abs(mirrored.logDensity(x)));
        // Two distinct tiny components near 1e6, a thousand standard deviations apart.
        const Mat2 tiny = Mat2::Identity() * 1e-8;
        const Mixture apart = Mixture::orbitMixture(
            {{Vec2(1e6, 0), tiny, 1}, {Vec2(1e6 + 0.1, 0), tiny, 1}}, Group::trivial());
        QCOMPARE(apart.size(), 2);
        // True duplicates still merge: an isotropic component at the origin under C8 is one.
        QCOMPARE(Mixture::orbitMixture({{Vec2(0, 0), tiny, 1}}, Group::cyclic(8)).size(), 1);
        QCOMPARE(Mixture::orbitMixture({{Vec2(1e6, 0), tiny, 1}}, Group::reflection(0)).size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestMixture)
#include "tst_mixture.moc"
