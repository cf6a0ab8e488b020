// Training from the app: progress arrives, training finishes, Stop is prompt, and closing
// the window during training exits cleanly. Offscreen platform.
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "core/io/presets.hpp"
#include "tests/time_budget.hpp"
#include "ui/app/confirm.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/scenario/scenario_panel.hpp"
#include "ui/views/train_view.hpp"

using namespace symscore;
using State = ui::TrainingController::State;

namespace {
Scenario quickScenario(int steps) {
    Scenario s = io::defaultScenario();
    s.training.steps = steps;
    s.network.width = 32;
    s.network.depth = 2;
    s.training.batch = 64;
    return s;
}
}  // namespace

class TestTrainingUi : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    // Space, S, P, R are the window's whatever has the focus, unless a field is being edited.
    void demoKeysWorkWithTheFocusInAField() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(quickScenario(100000));
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QAbstractSpinBox* field = nullptr;
        for (QAbstractSpinBox* b : w.scenarioPanel()->findChildren<QAbstractSpinBox*>())
            if (b->isEnabled() && b->isVisibleTo(&w)) field = b;
        QVERIFY(field);
        // The focus merely landed here: Space trains and the field keeps its text.
        field->setFocus(Qt::OtherFocusReason);
        const QString before = field->text();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QCOMPARE(w.trainingController()->state(), State::Running);
        QCOMPARE(field->text(), before);
        // Training locked the settings: the focus is the window's, not a field's.
        QVERIFY(!QApplication::focusWidget() ||
                !w.scenarioPanel()->isAncestorOf(QApplication::focusWidget()));
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w,
                        Qt::Key_Space);
        QCOMPARE(w.trainingController()->state(), State::Paused);
        w.trainingController()->reset();
        // A field the user clicked into is being edited: Space is typed there; Escape leaves it.
        QVERIFY(field->isEnabled());
        field->setFocus(Qt::MouseFocusReason);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QCOMPARE(w.trainingController()->state(), State::Idle);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!w.scenarioPanel()->isAncestorOf(QApplication::focusWidget()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QCOMPARE(w.trainingController()->state(), State::Running);
        w.trainingController()->reset();
    }

    void trainEmitsProgressAndFinishes() {
        ui::MainWindow w;
        w.setScenario(quickScenario(300));
        w.show();
        QSignalSpy updates(w.trainingController(), &ui::TrainingController::updated);
        QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
        w.train();
        QCOMPARE(w.trainingController()->state(), State::Running);
        QVERIFY(finished.wait(60000));
        QCOMPARE(w.trainingController()->state(), State::Finished);
        QVERIFY(updates.size() >= 2);
        const auto last = updates.last().first().value<ui::TrainUpdate>();
        QCOMPARE(last.progress.step, 300L);
        // The curves behind the plots got data for every learned model.
        QVERIFY(w.trainView()->errorPlot()->pointCount("equivariant") >= 2);
        QVERIFY(w.trainView()->errorPlot()->pointCount("plain: symmetry violation") >= 2);
        QCOMPARE(w.trainView()->errorPlot()->pointCount("equivariant: symmetry violation"), 0);
        // Models can be sampled once training is over: copies, the oracle not among them here.
        QCOMPARE(int(w.trainingController()->snapshot().size()), 3);
    }
    void onlyTheOracleFinishesAtOnce() {
        // Nothing to train: training is finished at once (it never finished, and
        // `symscore --train` waited forever), and the oracle can be sampled.
        ui::MainWindow w;
        Scenario s = quickScenario(300);
        s.models = {{"oracle", Equivariance::Exact, Augmentation::None}};
        w.setScenario(s);
        QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
        w.train();
        QVERIFY(finished.size() == 1 || finished.wait(2000));
        QCOMPARE(w.trainingController()->state(), State::Finished);
        const auto models = w.trainingController()->snapshot();
        QCOMPARE(int(models.size()), 1);
        QCOMPARE(models.front().name, std::string("oracle"));
    }

    void stopTakesEffectQuickly() {
        ui::MainWindow w;
        w.setScenario(quickScenario(1000000));
        QSignalSpy updates(w.trainingController(), &ui::TrainingController::updated);
        w.train();
        QVERIFY(updates.wait(20000));
        QElapsedTimer timer;
        timer.start();
        w.trainingController()->stop();
        QVERIFY2(timer.elapsed() < timeBudgetMs(200),
                 qPrintable(QString("stop took %1 ms").arg(timer.elapsed())));
        QCOMPARE(w.trainingController()->state(), State::Finished);
        QVERIFY(!w.trainingController()->snapshot().empty());
    }
    void pauseAndResume() {
        ui::MainWindow w;
        w.setScenario(quickScenario(1000000));
        QSignalSpy updates(w.trainingController(), &ui::TrainingController::updated);
        w.togglePause();
        QVERIFY(updates.wait(20000));
        w.togglePause();
        QCOMPARE(w.trainingController()->state(), State::Paused);
        const int before = updates.size();
        QTest::qWait(300);
        QCOMPARE(updates.size(), before);  // nothing arrives while paused
        w.togglePause();
        QCOMPARE(w.trainingController()->state(), State::Running);
        QVERIFY(updates.wait(20000));
        w.trainingController()->reset();
        QCOMPARE(w.trainingController()->state(), State::Idle);
    }
    void closingDuringTrainingExitsCleanly() {
        auto* w = new ui::MainWindow;
        w->setScenario(quickScenario(1000000));
        w->show();
        QSignalSpy updates(w->trainingController(), &ui::TrainingController::updated);
        w->train();
        QVERIFY(updates.wait(20000));
        // Quitting asks first: "Keep training" keeps the window and the run.
        QStringList asked;
        bool quit = false;
        const auto previous = ui::setAnswerer([&](const ui::Question& q) {
            asked << q.title;
            return quit;
        });
        QVERIFY(!w->close());
        QCOMPARE(asked, QStringList{"Quit while training?"});
        QCOMPARE(w->trainingController()->state(), State::Running);
        quit = true;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(w->close());
        delete w;
        QVERIFY(timer.elapsed() < timeBudgetMs(1000));
        ui::setAnswerer(previous);
    }
    // Choosing a preset with trained models asks first: keeping them undoes the
    // choice, discarding applies it.
    void choosingAPresetWithTrainedModelsAsks() {
        ui::MainWindow w;
        w.setAutoSample(false);
        w.setScenario(quickScenario(20));
        w.show();
        QSignalSpy finished(w.trainingController(), &ui::TrainingController::finished);
        w.train();
        QVERIFY(finished.wait(60000));
        QCOMPARE(int(w.trainedModels().size()), 3);
        QStringList asked;
        bool discard = false;
        const auto previous = ui::setAnswerer([&](const ui::Question& q) {
            asked << q.text;
            return discard;
        });
        auto* preset = w.scenarioPanel()->findChild<QComboBox*>("preset");
        QVERIFY(preset);
        const int other = preset->findText("D6: snowflake");
        QVERIFY(other >= 0);
        preset->setCurrentIndex(other);
        Q_EMIT preset->activated(other);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.front().contains("3 model(s)"), qPrintable(asked.front()));
        QCOMPARE(int(w.trainedModels().size()), 3);  // kept, and the choice undone
        QCOMPARE(w.scenarioPanel()->scenario().name, quickScenario(20).name);
        QVERIFY(!preset->currentText().startsWith("D6"));
        discard = true;
        preset->setCurrentIndex(other);
        Q_EMIT preset->activated(other);
        QCOMPARE(asked.size(), 2);
        QVERIFY(w.trainedModels().empty());
        QCOMPARE(w.scenarioPanel()->scenario().name, std::string("D6: snowflake"));
        // Without models there is nothing to lose and nothing to ask.
        Q_EMIT preset->activated(0);
        QCOMPARE(asked.size(), 2);
        ui::setAnswerer(previous);
    }
    void changingTheScenarioDuringTrainingDropsTheRun() {
        ui::MainWindow w;
        w.setScenario(quickScenario(1000000));
        QSignalSpy updates(w.trainingController(), &ui::TrainingController::updated);
        w.train();
        QVERIFY(updates.wait(20000));
        Scenario other = quickScenario(200);
        other.group = GroupSpec{GroupType::Dihedral, 4, 0.0};
        w.setScenario(other);
        QCOMPARE(w.trainingController()->state(), State::Idle);
        QCoreApplication::processEvents();
        updates.clear();
        QTest::qWait(200);
        QCOMPARE(updates.size(), 0);  // nothing stale from the old run
        QCOMPARE(w.trainView()->errorPlot()->pointCount("plain"), 0);
    }
};

QTEST_MAIN(TestTrainingUi)
#include "tst_training_ui.moc"
