// DSM training: the default scenario learns, runs are deterministic and independent of the
// thread count and of pausing, the stop flag is honoured quickly, progress is rate-limited,
// and a diverging run stops with a clear status and finite parameters.
#include <QtTest>
#include <thread>

#include "core/metrics.hpp"
#include "core/trainer.hpp"
#include "tests/time_budget.hpp"

using namespace symscore;

namespace {
std::vector<float> params(const Trainer& t, int m) {
    auto p = t.models()[std::size_t(m)].model->network().parameters();
    return {p.begin(), p.end()};
}
Scenario small(int steps) {
    Scenario s;
    s.training.steps = steps;
    s.network.width = 32;
    s.network.depth = 2;
    s.models = {{"plain", Equivariance::None, Augmentation::None},
                {"augmented", Equivariance::None, Augmentation::Random},
                {"orbit", Equivariance::None, Augmentation::Orbit},
                {"equivariant", Equivariance::Reynolds, Augmentation::None}};
    return s;
}
}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void defaultScenarioLearnsTheScore() {
        Scenario s;  // C4, VP, 64 points, the reference network
        s.training.steps = 1200;
        s.models = {{"plain", Equivariance::None, Augmentation::None},
                    {"equivariant", Equivariance::Reynolds, Augmentation::None}};
        Trainer trainer(s);
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const EvaluationSet set = makeEvaluationSet(s);
        const Group g = s.makeGroup();
        std::vector<double> before;
        for (const auto& e : trainer.models())
            before.push_back(scoreErrors(*e.model, exact, g, set).error);
        QCOMPARE(trainer.runToEnd(), RunResult::Finished);
        for (std::size_t m = 0; m < trainer.models().size(); ++m) {
            const double after = scoreErrors(*trainer.models()[m].model, exact, g, set).error;
            qInfo("%s: score error %.4f -> %.4f", trainer.models()[m].name.c_str(), before[m],
                  after);
            QVERIFY(after < 0.1 * before[m]);
            QCOMPARE(trainer.progress().models[m].status, TrainStatus::Finished);
        }
    }

    void deterministicForAnyThreadCountAndPausing() {
        Scenario s = small(24);
        s.training.threads = 1;
        Trainer one(s);
        one.runToEnd();
        s.training.threads = 2;
        Trainer two(s);
        two.run(7);
        two.run(5);
        QCOMPARE(two.runToEnd(), RunResult::Finished);
        for (int m = 0; m < 4; ++m) QVERIFY(params(one, m) == params(two, m));
        // Different augmentations see different data, from the same initial weights.
        QVERIFY(params(one, 0) != params(one, 1));
        QVERIFY(params(one, 1) != params(one, 2));
    }

    void stopIsHonouredQuicklyAndResumesExactly() {
        Scenario s = small(1000000);
        s.network = NetworkSpec{};  // the reference network, so that a step takes a while
        s.training.batch = 1024;
        Trainer trainer(s);
        // The stop comes once a step is done (the progress callback says so), mid-step.
        std::atomic<bool> stop{false}, stepped{false};
        std::chrono::steady_clock::time_point requested;
        std::thread stopper([&] {
            while (!stepped) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            requested = std::chrono::steady_clock::now();
            stop = true;
        });
        const RunResult r = trainer.run(1000000, &stop, [&](const TrainProgress& p) {
            if (p.step > 0) stepped = true;
        });
        const auto latency = std::chrono::steady_clock::now() - requested;
        stopper.join();
        QCOMPARE(r, RunResult::Stopped);
        QVERIFY2(latency < std::chrono::milliseconds(timeBudgetMs(50)),
                 qPrintable(
                     QString::number(std::chrono::duration<double, std::milli>(latency).count())));
        QVERIFY(trainer.step() > 0);

        // An interrupted run continues exactly like one that never stopped.
        Scenario a = small(10), b = small(10);
        Trainer ta(a), tb(b);
        ta.runToEnd();
        std::atomic<bool> stopNow{true};
        QCOMPARE(tb.run(3, &stopNow), RunResult::Stopped);
        QCOMPARE(tb.step(), 0L);
        tb.run(4);
        tb.runToEnd();
        for (int m = 0; m < 4; ++m) QVERIFY(params(ta, m) == params(tb, m));
    }

    void progressIsRateLimited() {
        Scenario s = small(400);
        Trainer trainer(s);
        int calls = 0;
        TrainProgress last;
        const auto t0 = std::chrono::steady_clock::now();
        trainer.runToEnd(nullptr, [&](const TrainProgress& p) {
            ++calls;
            last = p;
        });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        QVERIFY(calls >= 1);
        QVERIFY(calls <= seconds / 0.05 + 2);
        QCOMPARE(last.step, 400L);
        QCOMPARE(last.models.size(), std::size_t(4));
        QVERIFY(last.models[0].loss > 0 && std::isfinite(last.models[0].loss));
        QVERIFY(last.stepsPerSecond > 0);
    }

    void divergenceStopsWithFiniteParameters() {
        Scenario s = small(300);
        s.training.lr = 1e3;
        s.models.resize(1);
        Trainer trainer(s);
        QCOMPARE(trainer.runToEnd(), RunResult::Finished);
        const ModelProgress p = trainer.progress().models[0];
        QCOMPARE(p.status, TrainStatus::Diverged);
        QVERIFY2(QString::fromStdString(p.message).contains("not finite") ||
                     QString::fromStdString(p.message).contains("NaN") ||
                     QString::fromStdString(p.message).contains("infinite") ||
                     QString::fromStdString(p.message).contains("exploded"),
                 p.message.c_str());
        qInfo("%s", p.message.c_str());
        for (float v : params(trainer, 0)) QVERIFY(std::isfinite(v));
        QVERIFY(trainer.step() < 300);
    }

    void badSpecsAreRejected() {
        Scenario s = small(10);
        s.training.lr = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer{s});
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
