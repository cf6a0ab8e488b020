#include "ui/app/main_window.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <algorithm>

#include "core/io/atomic_write.hpp"
#include "core/io/model_file.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/app/animation_dialog.hpp"
#include "ui/app/confirm.hpp"
#include "ui/app/export.hpp"
#include "ui/app/help_menu.hpp"
#include "ui/app/lesson_director.hpp"
#include "ui/app/orbit_hover.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/app/settings.hpp"
#include "ui/app/window_keys.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/decomposition_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/plot_scale.hpp"
#include "ui/scenario/scenario_panel.hpp"
#include "ui/views/experiment_view.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/score_field_view.hpp"
#include "ui/views/sweep_form.hpp"
#include "ui/views/target_editor.hpp"
#include "ui/views/timeline.hpp"
#include "ui/views/train_view.hpp"

namespace symscore::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      training_(new TrainingController(this)),
      comparison_(new Comparison(this)),
      tabs_(new QTabWidget(this)),
      panel_(new ScenarioPanel(this)),
      trainView_(new TrainView(training_, this)),
      sampling_(new SamplingController(this)),
      sampleView_(new SampleView(sampling_, this)),
      fieldView_(new ScoreFieldView(this)),
      experimentView_(new ExperimentView(this)) {
    setWindowTitle("symscore");
    tabs_->addTab(trainView_, "Train");
    tabs_->addTab(sampleView_, "Sample");
    tabs_->addTab(fieldView_, "Score field");
    tabs_->addTab(experimentView_, "Experiment");
    tabs_->setTabToolTip(
        0, "Train every model side by side and watch how close each gets to the true score.");
    tabs_->setTabToolTip(
        1, "Watch each model turn noise into data, and measure how close its samples are.");
    tabs_->setTabToolTip(2,
                         "See each learned score as arrows next to the exact one, where it errs, "
                         "and where it breaks the symmetry.");
    tabs_->setTabToolTip(3,
                         "The paper's experiment: how close each model's samples get to the target "
                         "as the training set grows.");
    autoSample_ = Settings::autoSample();
    setCentralWidget(tabs_);
    // The status bar exists from the start: made by its first message, it pushed the whole
    // window up by its height.
    statusBar()->setSizeGripEnabled(false);
    dock_ = new QDockWidget("Scenario", this);
    dock_->setObjectName("scenarioDock");
    dock_->setWidget(panel_);
    dock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    normalFont_ = font();
    // An edit that would throw trained models away asks first; keeping them undoes it.
    connect(panel_, &ScenarioPanel::scenarioChanged, this, [this](const Scenario& s) {
        mayDiscardModels("Changing the scenario") ? applyScenario(s)
                                                  : panel_->setScenario(scenario_);
    });
    connect(panel_, &ScenarioPanel::problemChanged, experimentView_,
            &ExperimentView::setScenarioProblem);
    buildActions();
    buildSymmetryTools();
    new LessonDirector(this);  // the Lessons menu and panel (docs/lessons.md)
    addHelpMenu(this);         // last in the menu bar
    new WindowKeys(this, tabs_);
    connect(trainView_, &TrainView::targetReady, this, &MainWindow::targetReady);
    connect(training_, &TrainingController::stateChanged, this, &MainWindow::onTrainingState);
    // One run, one screen: a new run makes everything derived from the last one stale.
    connect(training_, &TrainingController::runStarted, this, [this] {
        sampling_->cancel();
        comparison_->dropTrained();
        trainedSteps_ = -1;
        sampleView_->beginRun({});
    });
    connect(training_, &TrainingController::finished, this, &MainWindow::trainingFinished);
    connect(training_, &TrainingController::finished, this, [this] {
        if (autoSample_)
            sample();
        else
            sampleView_->showNote("Trained. Sample (S) to watch the models turn noise into data.");
    });
    // The score field view shows the compared models whenever they change.
    connect(comparison_, &Comparison::changed, this,
            [this] { fieldView_->setModels(comparison_->models()); });
    // Its decomposition bars follow training live.
    connect(training_, &TrainingController::updated, this, [this](const TrainUpdate& u) {
        const QString line = TrainView::progressLine(u.progress);  // on every tab
        sampleView_->showTrainingProgress(line);
        fieldView_->showTrainingProgress(line);
        if (!u.hasErrors) return;
        std::vector<std::string> names;
        std::vector<QColor> colors;
        for (const ModelProgress& m : u.progress.models) {
            names.push_back(displayName(m.name));
            colors.push_back(Comparison::scenarioColor(scenario_, m.name));
        }
        fieldView_->decompositionPlot()->setErrors(names, u.errors, colors);
    });
    // The target's defect under the chosen group, measured there, is said next to the group.
    connect(fieldView_, &ScoreFieldView::errorsMeasured, this,
            [this] { panel_->setTargetDefect(fieldView_->targetDefect()); });
    connect(sampleView_, &SampleView::ready, this, &MainWindow::samplingFinished);
    connect(sampleView_, &SampleView::playable, this, [this] {
        if (autoSample_ && tabs_->currentWidget() == sampleView_) sampleView_->timeline()->play();
    });
    connect(training_, &TrainingController::failed, this,
            [this](const QString& m) { statusBar()->showMessage("Training failed: " + m); });
    resize(1400, 900);
    if (const QByteArray g = Settings::windowGeometry(); !g.isEmpty()) restoreGeometry(g);
    if (const QByteArray s = Settings::windowState(); !s.isEmpty()) restoreState(s);
}

MainWindow::~MainWindow() {
    if (autosave_) autosave_->setSource({});
    if (lessonMode_) setPlotScale(1.0);  // the next window starts at desk size
}

DensityPlot* MainWindow::targetPlot() const { return trainView_->targetPlot(); }

void MainWindow::buildSymmetryTools() {
    auto* editor = new TargetEditor(
        targetPlot(), [this] { return scenario_; },
        [this](const Scenario& s, const QString& change) { return editScenario(s, change); }, this);
    connect(editor, &TargetEditor::refused, this,
            [this](const QString& why) { statusBar()->showMessage(why, 6000); });
    new OrbitHover(this, [this] { return scenario_.makeGroup(); });
}

bool MainWindow::editScenario(const Scenario& s, const QString& change) {
    if (panel_->isTrainingLocked()) {
        statusBar()->showMessage(change + " waits: Stop or Reset training first.", 6000);
        return false;
    }
    if (!mayDiscardModels(change)) return false;
    setScenario(s);  // the dock's table shows it too
    return true;
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu("&File");
    QAction* open = file->addAction("&Open scenario\u2026", this, &MainWindow::openScenario);
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction("&Save scenario as\u2026", this, &MainWindow::saveScenarioAs);
    save->setShortcut(QKeySequence::Save);
    file->addAction("&Export view as PNG or PDF\u2026", this, &MainWindow::exportView);
    file->addAction("Export &animation as MP4 or GIF\u2026", this, [this] {
        exportAnimationInteractively(
            this, sampleView_, scenarioSlug(scenario_.name) + "-animation",
            [this](const QString& done) { statusBar()->showMessage(done, 6000); });
    });
    file->addAction("Export view as PNG at a si&ze\u2026", this, &MainWindow::exportViewAtSize);
    file->addAction("Export lesson &worksheet as PDF\u2026", this,
                    [this] { findChild<LessonDirector*>()->exportWorksheetInteractively(); });
    file->addAction("Export training &curves as CSV\u2026", this, &MainWindow::exportCurves);
    file->addAction("Export &samples as CSV\u2026", this, &MainWindow::exportSamples);
    file->addSeparator();
    file->addAction("Save trained &models\u2026", this, &MainWindow::saveModels);
    file->addAction("&Load models\u2026", this, &MainWindow::loadModels);
    file->addSeparator();
    file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu("&Run");
    trainAct_ = run->addAction("Train", this, &MainWindow::togglePause);
    trainAct_->setShortcut(Qt::Key_Space);
    trainAct_->setToolTip(
        "Train every model side by side (Space); Space again pauses and resumes.");
    stopAct_ = run->addAction("Stop", training_, &TrainingController::stop);
    stopAct_->setToolTip("End training now, keeping the models as they are.");
    resetAct_ = run->addAction("Reset", this, [this] {
        training_->reset();  // restored models go too: Reset means start again
        if (comparison_->hasTrained()) onTrainingState(TrainingController::State::Idle);
    });
    resetAct_->setShortcut(Qt::Key_R);
    resetAct_->setToolTip(
        "Throw the trained models away and start again from the same initial weights (R).");
    sampleAct_ = run->addAction("Sample", this, &MainWindow::sample);
    sampleAct_->setShortcut(Qt::Key_S);
    sampleAct_->setToolTip(
        "Generate samples with every trained model by running the reverse process (S).");
    QAction* sym =
        run->addAction("Symmetrize the trained models", this, &MainWindow::symmetrizeModels);
    sym->setToolTip(
        "Average each non-equivariant model over the group (S_G) and add the result to the "
        "comparison: "
        "its score error can only go down.");
    QAction* play = run->addAction("Play / pause animation", this, [this] {
        tabs_->setCurrentWidget(sampleView_);
        sampleView_->timeline()->togglePlay();
    });
    play->setShortcut(Qt::Key_P);
    run->addSeparator();
    QAction* autoSample = run->addAction("Sample and play when training ends");
    autoSample->setCheckable(true);
    autoSample->setChecked(autoSample_);
    connect(autoSample, &QAction::toggled, this, [this](bool on) {
        setAutoSample(on);
        Settings::setAutoSample(on);
    });

    QMenu* view = menuBar()->addMenu("&View");
    QAction* full = view->addAction("Full screen", this,
                                    [this] { isFullScreen() ? showNormal() : showFullScreen(); });
    full->setShortcut(Qt::Key_F11);
    QAction* lesson = view->addAction("Lesson mode", this, &MainWindow::setLessonMode);
    lesson->setCheckable(true);
    lesson->setShortcut(Qt::Key_F9);
    lesson->setToolTip(
        "For teaching: hides the settings, enlarges the text and opens every explanation (F9).");

    QToolBar* bar = addToolBar("Run");
    bar->setObjectName("runToolbar");
    bar->addActions({trainAct_, stopAct_, resetAct_, sampleAct_});
    updateActions();
}

void MainWindow::onTrainingState(TrainingController::State st) {
    using S = TrainingController::State;
    // The models as training rests are the ones compared (and autosaved while a new run goes on).
    if (st == S::Paused || st == S::Finished) {
        comparison_->setTrained(training_->snapshot());
        trainedSteps_ = training_->stepsDone();
    }
    if (st == S::Idle) {
        trainedSteps_ = -1;
        sampling_->cancel();  // Reset cancels sampling: its models are gone
        comparison_->dropTrained();
        sampleView_->beginRun({});
    }
    updateActions();
    if (!autosave_ || st == S::Running) return;
    // The window's place goes with the autosave: a session restored after a crash opens there.
    rememberWindow();
    if (st == S::Idle)
        autosave_->scheduleSave();  // nothing is lost by waiting
    else
        autosave_->saveNow();
}

void MainWindow::updateActions() {
    using S = TrainingController::State;
    const S s = training_->state();
    trainAct_->setText(s == S::Running ? "Pause" : s == S::Paused ? "Resume" : "Train");
    stopAct_->setEnabled(s == S::Running || s == S::Paused);
    resetAct_->setEnabled(s != S::Idle || comparison_->hasTrained());
    sampleAct_->setEnabled(s != S::Idle || !comparison_->empty());
    // A run belongs to one scenario: while it can still be resumed, its settings are locked.
    panel_->setTrainingLocked(s == S::Running || s == S::Paused);
    // Locking moved the focus to whatever field stayed enabled: give it back to the window,
    // so the next Space pauses instead of typing into that field.
    if (QWidget* f = QApplication::focusWidget(); f && panel_->isAncestorOf(f) && s == S::Running)
        tabs_->setFocus(Qt::OtherFocusReason);
}

void MainWindow::setAutoSample(bool on) { autoSample_ = on; }

bool MainWindow::panelRefusesTo(const QString& action) {
    // A value the panel refused is never replaced by its last good one behind the user's
    // back: nothing starts until it is fixed.
    if (panel_->problem().isEmpty()) return false;
    statusBar()->showMessage(
        QString("Not %1: %2. Fix it in the Scenario panel first.").arg(action, panel_->problem()),
        10000);
    return true;
}

void MainWindow::sample() {
    if (panelRefusesTo("sampling")) return;
    if (training_->state() == TrainingController::State::Running) training_->pause();
    std::vector<ComparedModel> models = comparedModels();
    if (models.empty()) {
        statusBar()->showMessage("Train first: there are no models to sample with yet.", 4000);
        return;
    }
    tabs_->setCurrentWidget(sampleView_);
    sampleView_->beginRun(models);
    sampling_->start(scenario_, std::move(models));
}

void MainWindow::setScenario(const Scenario& s) {
    panel_->setScenario(s);
    applyScenario(s);
}

void MainWindow::applyScenario(const Scenario& s) {
    scenario_ = s;
    training_->setScenario(s);
    trainView_->setScenario(s);
    sampleView_->setScenario(s);
    fieldView_->setScenario(s);
    experimentView_->setScenario(s);
    comparison_->setScenario(s);
    setWindowTitle(QString::fromStdString(s.name) + " \u2014 symscore");
    updateActions();
    if (autosave_) autosave_->scheduleSave();
}

void MainWindow::setAutosave(SessionAutosave* session) {
    autosave_ = session;
    if (!session) return;
    if (!session->active()) {
        statusBar()->showMessage(session->inactiveReason(), 20000);
        return;
    }
    session->setSource([this] { return sessionSnapshot(); });
    connect(tabs_, &QTabWidget::currentChanged, session, &SessionAutosave::scheduleSave,
            Qt::UniqueConnection);
    // The window's place goes with every autosave, so a crash restores it too.
    connect(session, &SessionAutosave::saved, this, [this] { rememberWindow(); });
    connect(session, &SessionAutosave::failed, this,
            [this](const QString& m) { statusBar()->showMessage("Autosave failed: " + m, 10000); });
    session->saveNow();
}

SessionSnapshot MainWindow::sessionSnapshot() const {
    // While a run goes on, the models of the last rest stay the ones worth keeping.
    return {scenario_, comparison_->models(), tabs_->currentIndex(), trainedSteps_};
}

void MainWindow::restoreSession(const RestoredSession& r) {
    setScenario(r.scenario);
    comparison_->setTrained(r.trained);
    trainedSteps_ = r.trainedSteps;
    for (const ComparedModel& m : r.loaded) comparison_->addLoaded(m);
    if (r.symmetrized) comparison_->symmetrize();
    tabs_->setCurrentIndex(std::clamp(r.tab, 0, tabs_->count() - 1));
    updateActions();
    // Every tab tells the same story: the models are back, ready to sample.
    if (const auto n = comparison_->ofKind(ModelKind::Trained).size(); n > 0) {
        const long total = r.scenario.training.steps;
        const bool partly = r.trainedSteps >= 0 && r.trainedSteps < total;
        const QString back = partly ? QString("%1 model(s), trained %2 of %3 steps, %4")
                                          .arg(n)
                                          .arg(r.trainedSteps)
                                          .arg(total)
                                          .arg(r.origin)
                                    : QString("%1 trained model(s) %2").arg(n).arg(r.origin);
        trainView_->showTrained(r.trainedSteps >= 0 ? r.trainedSteps : total,
                                back +
                                    ": Sample (S) compares them; Train (Space) starts a new "
                                    "run. Their training curves were not kept.");
        sampleView_->showNote(back + ": Sample (S) to watch them turn noise into data.");
    }
    if (autosave_) autosave_->saveNow();
}

bool MainWindow::mayDiscardModels(const QString& change) {
    const auto kept = comparison_->ofKind(ModelKind::Trained).size() +
                      comparison_->ofKind(ModelKind::Loaded).size();
    return kept == 0 || askDiscardModels(this, change, int(kept));
}

void MainWindow::train() {
    if (training_->state() == TrainingController::State::Running) return;
    if (training_->state() != TrainingController::State::Paused && panelRefusesTo("training"))
        return;
    training_->start();
}

void MainWindow::togglePause() {
    if (training_->state() == TrainingController::State::Running)
        training_->pause();
    else
        train();
}

std::vector<ComparedModel> MainWindow::trainedModels() const {
    if (training_->state() == TrainingController::State::Running) return {};
    std::vector<ComparedModel> out = comparison_->ofKind(ModelKind::Trained);
    for (const ComparedModel& m : comparison_->ofKind(ModelKind::Exact)) out.push_back(m);
    return out;
}

std::vector<ComparedModel> MainWindow::comparedModels() const {
    if (training_->state() == TrainingController::State::Running) return {};
    return comparison_->models();
}

void MainWindow::symmetrizeModels() {
    if (training_->state() == TrainingController::State::Running) training_->pause();
    if (comparison_->empty()) {
        statusBar()->showMessage("Train first: there are no models to symmetrize yet.", 4000);
        return;
    }
    const int added = comparison_->symmetrize();
    if (added == 0) {
        statusBar()->showMessage("Every model is already equivariant: nothing to symmetrize.",
                                 4000);
        return;
    }
    tabs_->setCurrentWidget(fieldView_);
    statusBar()->showMessage(
        QString("Added %1 symmetrized model(s); Sample (S) compares them too.").arg(added), 6000);
    if (autosave_) autosave_->saveNow();
}

void MainWindow::setLessonMode(bool on) {
    lessonMode_ = on;
    dock_->setVisible(!on);
    QFont f = normalFont_;
    if (on) f.setPointSizeF(normalFont_.pointSizeF() * 1.3);
    tabs_->setFont(f);
    // Plots grow too, from the back of a room: fonts, lines and markers (ui/plot/plot_scale).
    setPlotScale(on ? kLessonPlotScale : 1.0);
    for (QCustomPlot* plot : findChildren<QCustomPlot*>()) {
        followPlotScale(plot);
        if (auto* density = qobject_cast<DensityPlot*>(plot))
            density->refreshStyle();
        else
            plot->replot(QCustomPlot::rpQueuedReplot);
    }
    trainView_->setLessonMode(on);
    setExplanationsShown(on);
    sampleView_->setRevealAsPlayed(on);  // results appear as the animation reaches them
}

void MainWindow::setExplanationsShown(bool on) {
    trainView_->explanation()->setExpanded(on);
    sampleView_->explanation()->setExpanded(on);
    experimentView_->explanation()->setExpanded(on);
    fieldView_->setHelpShown(on);
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (const auto st = training_->state();
        (st == TrainingController::State::Running || st == TrainingController::State::Paused) &&
        !askQuitWhileTraining(this))
        return e->ignore();
    if (autosave_) autosave_->closeCleanly();  // a normal close: nothing to restore next time
    // Stop and join the workers before the window goes away.
    sampling_->cancel();
    training_->reset();
    rememberWindow();
    e->accept();
}

// The window's place, and its docks' layout unless a lesson has rearranged them: the next
// start at the desk shows the scenario dock, not a lesson's empty panel.
void MainWindow::rememberWindow() {
    Settings::setWindowGeometry(saveGeometry());
    if (!lessonMode_) Settings::setWindowState(saveState());
}

}  // namespace symscore::ui
