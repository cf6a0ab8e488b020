// Sampling from the app: every trained model is sampled, the animation advances, the W1
// table fills in, and closing the window during sampling or playback exits cleanly.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "tests/time_budget.hpp"

#include "core/io/presets.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/app/main_window.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/tasks/sampling_controller.hpp"
#include "ui/views/timeline.hpp"

using namespace symscore;

namespace {
Scenario tinyScenario() {
    Scenario s = io::defaultScenario();
    s.training.steps = 150;
    s.training.batch = 64;
    s.network.width = 32;
    s.network.depth = 2;
    s.sampling.steps = 60;
    s.sampling.particles = 400;
    s.metrics.w1_points = 400;
    return s;
}

// Trains the window's scenario to the end.
void train(ui::MainWindow& w) {
    QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
    w.train();
    QVERIFY(finished.wait(60000));
}
}  // namespace

class TestSamplingUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleFillsPanelsAndTable() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        QSignalSpy done(w.sampleView(), &ui::SampleView::ready);
        w.sample();
        QVERIFY(done.wait(60000));
        QCOMPARE(w.sampleView()->panelCount(), 3);
        QVERIFY(w.sampleView()->timeline()->frames() > 10);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(std::isfinite(w.sampleView()->finalW1(i)));
            QVERIFY(w.sampleView()->finalW1(i) > 0);
            QVERIFY(!w.sampleView()->table()->item(i, 1)->text().startsWith(QChar(0x2026)));
        }
        // The panel shows the particles of the current frame.
        QCOMPARE(w.sampleView()->panel(0)->cloudSize("particles"), 400);
    }
    void animationAdvances() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        QSignalSpy playable(w.sampleView(), &ui::SampleView::playable);
        w.sample();
        QVERIFY(playable.wait(60000));
        ui::Timeline* timeline = w.sampleView()->timeline();
        QCOMPARE(timeline->frame(), 0);
        QSignalSpy frames(timeline, &ui::Timeline::frameChanged);
        timeline->play();
        QVERIFY(timeline->isPlaying());
        QTest::qWait(600);
        QVERIFY(frames.size() > 3);
        QVERIFY(timeline->frame() > 0);
        timeline->pause();
        const int at = timeline->frame();
        QTest::qWait(200);
        QCOMPARE(timeline->frame(), at);  // paused means paused
        timeline->step(-1);
        QCOMPARE(timeline->frame(), std::max(0, at - 1));
    }
    void closingDuringSamplingAndPlaybackExitsCleanly() {
        for (bool playing : {false, true}) {
            auto* w = new ui::MainWindow;
            w->setAutoSample(false);
            Scenario s = tinyScenario();
            s.sampling.particles = 5000;
            s.sampling.steps = 400;
            w->setScenario(s);
            w->show();
            train(*w);
            QSignalSpy playable(w->sampleView(), &ui::SampleView::playable);
            w->sample();
            if (playing) {
                QVERIFY(playable.wait(60000));
                w->sampleView()->timeline()->play();
                QTest::qWait(100);
            }
            QElapsedTimer timer;
            timer.start();
            QVERIFY(w->close());
            delete w;
            QVERIFY2(timer.elapsed() < timeBudgetMs(2000), qPrintable(QString("close took %1 ms").arg(timer.elapsed())));
        }
    }
};

QTEST_MAIN(TestSamplingUi)
#include "tst_sampling_ui.moc"
