// Forward processes: alpha and sigma against their closed forms and the SDE they solve.
#include <QtTest>

#include "core/process.hpp"

using namespace symscore;

class TestProcess : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void vpMatchesClosedForm() {
        const Process p(ProcessSpec{});
        const double t = 0.3;
        const double a = std::exp(-0.1 * t / 2 - (20 - 0.1) * t * t / 4);
        QVERIFY(std::abs(p.alpha(t) - a) < 1e-14);
        QVERIFY(std::abs(p.sigma(t) * p.sigma(t) - (1 - a * a)) < 1e-14);
        QCOMPARE(p.sigma(0.0), 0.0);
        QCOMPARE(p.priorStd(), 1.0);
    }
    // For dX = f X dt + g dW: d(log alpha)/dt = f and d(sigma^2)/dt = 2 f sigma^2 + g^2.
    void marginalsSolveTheSde() {
        ProcessSpec ou;
        ou.type = ProcessType::OU;
        ou.T = 5;
        ProcessSpec ve;
        ve.type = ProcessType::VE;
        for (const ProcessSpec& spec : {ProcessSpec{}, ou, ve}) {
            const Process p(spec);
            for (double t : {0.05, 0.3, 0.7}) {
                const double h = 1e-6;
                const double dlogA =
                    (std::log(p.alpha(t + h)) - std::log(p.alpha(t - h))) / (2 * h);
                const double s2 = [&](double u) { return p.sigma(u) * p.sigma(u); }(t);
                const double ds2 =
                    (std::pow(p.sigma(t + h), 2) - std::pow(p.sigma(t - h), 2)) / (2 * h);
                QVERIFY(std::abs(dlogA - p.f(t)) < 1e-6 * (1 + std::abs(p.f(t))));
                if (spec.type != ProcessType::VE)  // VE's sigma(0) = sigma_min > 0 by convention
                    QVERIFY(std::abs(ds2 - (2 * p.f(t) * s2 + p.g2(t))) < 1e-5 * (1 + p.g2(t)));
                else
                    QVERIFY(std::abs(ds2 - p.g2(t)) < 1e-5 * (1 + p.g2(t)));
                QVERIFY(std::abs(p.g(t) * p.g(t) - p.g2(t)) < 1e-12 * (1 + p.g2(t)));
            }
        }
    }
    void priorSampling() {
        ProcessSpec ve;
        ve.type = ProcessType::VE;
        const Process p(ve);
        Rng rng(5);
        const Points x = p.samplePrior(20000, rng);
        const double var = x.col(0).squaredNorm() / 20000;
        QVERIFY(std::abs(var - 100.0) < 5.0);  // sigma_max^2 = 100, 5 standard errors ~ 5
    }
    void rejectsBadParameters() {
        ProcessSpec s;
        s.eps = 2.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Process{s});
        s = {};
        s.beta_max = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Process{s});
        s = {};
        s.type = ProcessType::VE;
        s.sigma_max = 0.001;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Process{s});
    }
};

QTEST_APPLESS_MAIN(TestProcess)
#include "tst_process.moc"
