// Sampling from the app: every trained model is sampled, the animation advances, the W1
// table fills in, and closing the window during sampling or playback exits cleanly.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "core/experiment.hpp"
#include "core/io/presets.hpp"
#include "core/w1_readout.hpp"
#include "core/wasserstein.hpp"
#include "tests/time_budget.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/tasks/sampling_controller.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/score_field_view.hpp"
#include "ui/views/timeline.hpp"
#include "ui/views/train_view.hpp"

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

// Samples the window's models and waits until every frame is measured.
void sampleAll(ui::MainWindow& w) {
    QSignalSpy done(w.sampleView(), &ui::SampleView::ready);
    w.sample();
    QVERIFY(done.wait(timeBudgetMs(120000)));
    QVERIFY(w.sampleView()->settled());
}

// The number a panel title or table cell shows for a W1 value.
QString shown(double v) { return QString::number(v, 'f', 3); }

// Trains the window's scenario to the end.
void train(ui::MainWindow& w) {
    QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
    w.train();
    QVERIFY(finished.wait(timeBudgetMs(60000)));
}
}  // namespace

class TestSamplingUi : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    // The table never elides a model's name: each word whole, a name of several words on
    // several lines, in a table as narrow as a 1280x720 window leaves it.
    void tableShowsEveryNameWhole() {
        ui::MainWindow w;
        w.setLessonMode(true);  // the larger type
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.tabs()->setCurrentWidget(w.sampleView());
        ui::SampleView& v = *w.sampleView();
        std::vector<ui::ComparedModel> models;
        for (const char* name :
             {"plain", "augmented", "equivariant", "equivariant_augmented", "invariant_features"}) {
            ui::ComparedModel m;
            m.name = name;
            m.color = Qt::blue;
            models.push_back(m);
        }
        v.beginRun(models);
        QTableWidget* t = v.table();
        QCoreApplication::processEvents();
        for (int r = 0; r < t->rowCount(); ++r) {
            const QTableWidgetItem* item = t->item(r, 0);
            QCOMPARE(item->toolTip().toStdString(), ui::displayName(models[std::size_t(r)]));
            const QFontMetrics fm(t->font());
            for (const QString& line : item->text().split('\n'))
                QVERIFY2(fm.horizontalAdvance(line) < t->columnWidth(0), qPrintable(line));
            QVERIFY(fm.height() * item->text().count('\n') < t->rowHeight(r));
        }
    }
    // Titles were cut at the panel's edge ("ugmented W1 0.304 (floor 0.277, n=30").
    // At a projector's 1280x720 and the default 1400x900, every line of every panel title fits
    // its panel, the readout is on it, and each line is the title's text or an elided part.
    void panelTitlesFitTheirPanels() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        sampleAll(w);
        for (const QSize size : {QSize(1280, 720), QSize(1400, 900)}) {
            w.resize(size);
            QTRY_COMPARE_WITH_TIMEOUT(w.size(), size, 5000);
            QCoreApplication::processEvents();
            ui::SampleView* v = w.sampleView();
            v->timeline()->setFrame(v->timeline()->frames() - 1);
            for (int i = 0; i < v->panelCount(); ++i) {
                ui::DensityPlot* p = v->panel(i);
                QVERIFY(p->title().contains("W1 "));
                const QFontMetrics fm(QFont(p->font().family(), 11, QFont::Bold));
                const QStringList lines = p->shownTitle().split('\n');
                QVERIFY(lines.size() <= 2);
                for (const QString& line : lines) {
                    QVERIFY2(fm.horizontalAdvance(line) <= p->width(),
                             qPrintable(QString("%1 px wide in a %2 px panel: %3")
                                            .arg(fm.horizontalAdvance(line))
                                            .arg(p->width())
                                            .arg(line)));
                    // Nothing dropped at random: a line is a part of the title, or one cut
                    // visibly with an ellipsis.
                    QVERIFY2(p->title().contains(line.trimmed()) || line.endsWith(QChar(0x2026)),
                             qPrintable(line));
                }
            }
        }
    }
    void sampleFillsPanelsAndTable() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        QSignalSpy done(w.sampleView(), &ui::SampleView::ready);
        w.sample();
        QVERIFY(done.wait(timeBudgetMs(60000)));
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
    // The titles, the curve and the table were three different measurements. Now the
    // title at the last frame is the table row, every frame's title is that frame's reading,
    // and the app's final W1 is symscore-cli run's for the same scenario.
    void everyReadoutIsOneReading_data() {
        QTest::addColumn<QString>("preset");
        QTest::newRow("C4") << "C4: four Gaussians";
        QTest::newRow("C3 pinwheel") << "C3: pinwheel";
    }
    void everyReadoutIsOneReading() {
        QFETCH(QString, preset);
        Scenario s = io::loadPreset(preset);
        const Scenario tiny = tinyScenario();
        s.training = tiny.training;
        s.network = tiny.network;
        s.sampling = tiny.sampling;
        s.metrics = tiny.metrics;
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(s);
        w.show();
        train(w);
        sampleAll(w);
        ui::SampleView* v = w.sampleView();
        const int last = v->timeline()->frames() - 1;
        v->timeline()->setFrame(last);
        QCoreApplication::processEvents();
        const auto& final = v->reading(last);
        QVERIFY(final && final->atTarget);
        const RunOutcome cli = runScenario(s);
        for (int i = 0; i < v->panelCount(); ++i) {
            const double w1 = v->finalW1(i);
            QVERIFY(std::isfinite(w1));
            QCOMPARE(v->table()->item(i, 1)->text(), shown(w1));
            QVERIFY2(v->panel(i)->title().contains("W1 " + shown(w1)),
                     qPrintable(v->panel(i)->title()));
            // symscore-cli run: the same training, sampling and reference sample.
            QVERIFY2(std::abs(cli.models[std::size_t(i)].w1 - w1) < 1e-9,
                     qPrintable(QString("%1: app %2, run %3")
                                    .arg(i)
                                    .arg(w1)
                                    .arg(cli.models[std::size_t(i)].w1)));
        }
        QVERIFY(std::abs(cli.w1Floor - final->floor.mean) < 1e-9);
        // Back and forth: each frame's titles are that frame's reading, equal to a direct
        // computation on the particles shown against the shared reference of p_t.
        const W1Reference ref = scenarioReference(s, ui::SamplingController::kShownParticles);
        for (int f : {last / 2, 3, last - 1, last / 2}) {
            v->timeline()->setFrame(f);
            QCoreApplication::processEvents();
            const auto& r = v->reading(f);
            QVERIFY(r && r->frame == f);
            for (int i = 0; i < v->panelCount(); ++i) {
                QVERIFY2(v->panel(i)->title().contains("W1 " + shown(r->models[std::size_t(i)].w1)),
                         qPrintable(v->panel(i)->title()));
            }
            const Points particles =
                v->result(0)->trajectory.frame(f).cast<double>().topRows(ref.n());
            QVERIFY(std::abs(w1Exact(particles, ref.at(0, r->t, false)) - r->models[0].w1) < 1e-6);
        }
        // The W1-against-t curve holds every frame's reading.
        QCOMPARE(v->w1Plot()->pointCount(QString::fromStdString(s.models[0].name)), last + 1);
        // The report says the same.
        const QJsonObject report = v->report();
        QCOMPARE(report["frames"].toInt(), last + 1);
        QCOMPARE(report["table"].toArray().size(), v->panelCount());
        QCOMPARE(report["table"].toArray()[0].toObject()["w1"].toDouble(), v->finalW1(0));
        // The floor came in a second pass: every frame has it, once on the curve.
        QCOMPARE(v->w1Plot()->pointCount("noise floor"), last + 1);
        for (int f = 0; f <= last; ++f) QVERIFY(v->reading(f)->floor.measured());
        // A second run of the same reference keeps the floors: one reading per frame, the
        // same floor values, and the models measured again.
        const double floorMean = final->floor.mean, floorMid = v->reading(last / 2)->floor.mean;
        QSignalSpy readings(w.samplingController(), &ui::SamplingController::w1Measured);
        sampleAll(w);
        QCOMPARE(readings.count(), last + 1);
        QCOMPARE(v->reading(last)->floor.mean, floorMean);
        QCOMPARE(v->reading(last / 2)->floor.mean, floorMid);
        QCOMPARE(v->w1Plot()->pointCount("noise floor"), last + 1);
    }

    // A new run, a pause, a stop or a reset never leaves another run's numbers on screen.
    void oneRunOneScreen() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        sampleAll(w);
        w.symmetrizeModels();
        QCOMPARE(int(w.comparison()->ofKind(ui::ModelKind::Symmetrized).size()), 2);
        const QString plain = QString::fromStdString(w.scenario().models[0].name);
        QVERIFY(w.trainView()->errorPlot()->pointCount(plain) >= 2);
        // Train again: the old run's curves, models and samples go at once.
        QSignalSpy started(w.trainingController(), &ui::TrainingController::runStarted);
        w.train();
        QCOMPARE(started.size(), 1);
        QCOMPARE(w.trainView()->errorPlot()->pointCount(plain), 0);
        QCOMPARE(w.trainView()->lossPlot()->pointCount(plain), 0);
        QCOMPARE(w.sampleView()->panelCount(), 0);
        QVERIFY(w.comparison()->ofKind(ui::ModelKind::Trained).empty());
        QVERIFY(w.comparison()->ofKind(ui::ModelKind::Symmetrized).empty());
        // Nothing of the last run's tab stays (no "Done.", no table), and
        // training's progress shows where the panels will be and on the Score field tab.
        QCOMPARE(w.sampleView()->table()->rowCount(), 0);
        QVERIFY(!w.sampleView()->statusText().startsWith("Done"));
        QVERIFY(!w.sampleView()->placeholderText().isEmpty());

        // Stop: the status says where, the symmetrized models follow the new weights.
        w.trainingController()->stop();
        QVERIFY(w.trainView()->statusText().startsWith("Stopped at step"));
        QCOMPARE(int(w.comparison()->ofKind(ui::ModelKind::Symmetrized).size()), 2);
        // Reset during sampling cancels it: nothing of the discarded models stays.
        w.sample();
        QTest::qWait(50);
        w.trainingController()->reset();
        QCOMPARE(w.sampleView()->panelCount(), 0);
        QVERIFY(!w.samplingController()->isRunning());
        QVERIFY(w.comparison()->empty());
        QTest::qWait(300);  // anything still queued from the cancelled run is dropped
        QCOMPARE(w.sampleView()->panelCount(), 0);
    }

    // On a first run the Sample tab is not blank: training's progress and
    // the time left show where the panels will be, and on the Score field tab.
    void trainingProgressShowsOnEveryTab() {
        ui::MainWindow w;
        w.setAutoSample(false);
        Scenario s = tinyScenario();
        s.training.steps = 20000;
        w.setScenario(s);
        w.show();
        w.tabs()->setCurrentWidget(w.sampleView());
        QSignalSpy updated(w.trainingController(), &ui::TrainingController::updated);
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(updated.size() >= 3, timeBudgetMs(60000));
        const QString progress = w.sampleView()->placeholderText();
        QVERIFY2(QRegularExpression("^Training \\d+/20000 steps, about \\d+ (s|min) left")
                     .match(progress)
                     .hasMatch(),
                 qPrintable(progress));
        QVERIFY2(w.scoreFieldView()->statusText().startsWith("Training "),
                 qPrintable(w.scoreFieldView()->statusText()));
        w.trainingController()->reset();
    }

    // A model whose particles blow up is labelled as such; nothing crashes.
    void aBlownUpModelIsLabelled() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        // A loaded model whose weights are all NaN joins the comparison.
        auto net = std::const_pointer_cast<NeuralScore>(
            w.comparison()->ofKind(ui::ModelKind::Trained)[0].network);
        Network broken = net->network();
        for (float& p : broken.parameters()) p = std::numeric_limits<float>::quiet_NaN();
        w.comparison()->addLoaded(ui::networkModel("broken", makeNeuralScore(net->config(), broken),
                                                   ui::ModelKind::Loaded));
        sampleAll(w);
        ui::SampleView* v = w.sampleView();
        const int k = v->panelCount() - 1;
        QVERIFY(std::isnan(v->finalW1(k)));
        QVERIFY2(v->table()->item(k, 1)->text().startsWith(QChar(0x2014)),
                 qPrintable(v->table()->item(k, 1)->text()));
        v->timeline()->setFrame(v->timeline()->frames() - 1);
        QVERIFY2(v->panel(k)->title().contains("blew up"), qPrintable(v->panel(k)->title()));
        for (int i = 0; i < k; ++i) QVERIFY(std::isfinite(v->finalW1(i)));
    }

    void animationAdvances() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(tinyScenario());
        w.show();
        train(w);
        QSignalSpy playable(w.sampleView(), &ui::SampleView::playable);
        w.sample();
        QVERIFY(playable.wait(timeBudgetMs(60000)));
        ui::Timeline* timeline = w.sampleView()->timeline();
        QCOMPARE(timeline->frame(), 0);
        QSignalSpy frames(timeline, &ui::Timeline::frameChanged);
        timeline->play();
        QVERIFY(timeline->isPlaying());
        // Frames advance on the GUI thread's timer; a loaded machine only delays them.
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() > 3, timeBudgetMs(20000));
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
                QVERIFY(playable.wait(timeBudgetMs(60000)));
                w->sampleView()->timeline()->play();
                QTest::qWait(100);
            }
            QElapsedTimer timer;
            timer.start();
            QVERIFY(w->close());
            delete w;
            QVERIFY2(timer.elapsed() < timeBudgetMs(2000),
                     qPrintable(QString("close took %1 ms").arg(timer.elapsed())));
        }
    }
};

QTEST_MAIN(TestSamplingUi)
#include "tst_sampling_ui.moc"
