#include "ui/main_window.hpp"

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
#include "ui/curve_plot.hpp"
#include "ui/decomposition_plot.hpp"
#include "ui/density_plot.hpp"
#include "ui/experiment_view.hpp"
#include "ui/explanation.hpp"
#include "ui/export.hpp"
#include "ui/palette.hpp"
#include "ui/sample_view.hpp"
#include "ui/scenario_panel.hpp"
#include "ui/score_field_view.hpp"
#include "ui/session_autosave.hpp"
#include "ui/settings.hpp"
#include "ui/symmetrize.hpp"
#include "ui/timeline.hpp"
#include "ui/train_view.hpp"

namespace symscore::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      training_(new TrainingController(this)),
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
    tabs_->setTabToolTip(0, "Train every model side by side and watch how close each gets to the true score.");
    tabs_->setTabToolTip(1, "Watch each model turn noise into data, and measure how close its samples are.");
    tabs_->setTabToolTip(2, "See each learned score as arrows next to the exact one, where it errs, and where it breaks the symmetry.");
    tabs_->setTabToolTip(3, "The paper's experiment: how close each model's samples get to the target as the training set grows.");
    autoSample_ = Settings::autoSample();
    setCentralWidget(tabs_);
    dock_ = new QDockWidget("Scenario", this);
    dock_->setObjectName("scenarioDock");
    dock_->setWidget(panel_);
    dock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    normalFont_ = font();
    connect(panel_, &ScenarioPanel::scenarioChanged, this, &MainWindow::applyScenario);
    buildActions();
    connect(trainView_, &TrainView::targetReady, this, &MainWindow::targetReady);
    // The trained models as training last rested: what Sample uses, and what the autosave keeps
    // while a new run goes on.
    connect(training_, &TrainingController::stateChanged, this, [this](TrainingController::State st) {
        using S = TrainingController::State;
        if (st == S::Running) return;
        atRest_ = st == S::Idle ? std::vector<NamedField>() : training_->snapshot();
        if (!autosave_) return;
        if (st == S::Idle) autosave_->scheduleSave();  // nothing is lost by waiting
        else autosave_->saveNow();
    });
    connect(training_, &TrainingController::stateChanged, this, &MainWindow::updateActions);
    connect(training_, &TrainingController::finished, this, &MainWindow::trainingFinished);
    connect(training_, &TrainingController::finished, this, [this] {
        if (autoSample_) sample();
    });
    // The score field view shows the models as they are whenever training rests.
    connect(training_, &TrainingController::stateChanged, this, [this](TrainingController::State st) {
        if (st == TrainingController::State::Paused || st == TrainingController::State::Finished)
            fieldView_->setModels(comparedModels());
        if (st == TrainingController::State::Idle) extraModels_.clear();
    });
    // Its decomposition bars follow training live.
    connect(training_, &TrainingController::updated, this, [this](const TrainUpdate& u) {
        if (!u.hasErrors) return;
        std::vector<std::string> names;
        std::vector<QColor> colors;
        for (const ModelProgress& m : u.progress.models) {
            names.push_back(m.name);
            int index = 0;
            for (std::size_t k = 0; k < scenario_.models.size(); ++k)
                if (scenario_.models[k].name == m.name) index = int(k);
            colors.push_back(modelColor(index));
        }
        fieldView_->decompositionPlot()->setErrors(names, u.errors, colors);
    });
    connect(sampleView_, &SampleView::ready, this, &MainWindow::samplingFinished);
    connect(sampleView_, &SampleView::playable, this, [this] {
        if (autoSample_ && tabs_->currentWidget() == sampleView_) sampleView_->timeline()->play();
    });
    connect(training_, &TrainingController::failed, this, [this](const QString& m) {
        statusBar()->showMessage("Training failed: " + m);
    });
    resize(1400, 900);
    if (const QByteArray g = Settings::windowGeometry(); !g.isEmpty()) restoreGeometry(g);
    if (const QByteArray s = Settings::windowState(); !s.isEmpty()) restoreState(s);
}

MainWindow::~MainWindow() {
    if (autosave_) autosave_->setSource({});
}

DensityPlot* MainWindow::targetPlot() const { return trainView_->targetPlot(); }

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu("&File");
    QAction* open = file->addAction("&Open scenario\u2026", this, &MainWindow::openScenario);
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction("&Save scenario as\u2026", this, &MainWindow::saveScenarioAs);
    save->setShortcut(QKeySequence::Save);
    file->addAction("&Export view as PNG or PDF\u2026", this, &MainWindow::exportView);
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
    trainAct_->setToolTip("Train every model side by side (Space); Space again pauses and resumes.");
    stopAct_ = run->addAction("Stop", training_, &TrainingController::stop);
    stopAct_->setToolTip("End training now, keeping the models as they are.");
    resetAct_ = run->addAction("Reset", training_, &TrainingController::reset);
    resetAct_->setShortcut(Qt::Key_R);
    resetAct_->setToolTip("Throw the trained models away and start again from the same initial weights (R).");
    sampleAct_ = run->addAction("Sample", this, &MainWindow::sample);
    sampleAct_->setShortcut(Qt::Key_S);
    sampleAct_->setToolTip("Generate samples with every trained model by running the reverse process (S).");
    QAction* sym = run->addAction("Symmetrize the trained models", this, &MainWindow::symmetrizeModels);
    sym->setToolTip("Average each non-equivariant model over the group (S_G) and add the result to the comparison: "
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
    QAction* full = view->addAction("Full screen", this, [this] {
        isFullScreen() ? showNormal() : showFullScreen();
    });
    full->setShortcut(Qt::Key_F11);
    QAction* lesson = view->addAction("Lesson mode", this, &MainWindow::setLessonMode);
    lesson->setCheckable(true);
    lesson->setShortcut(Qt::Key_F9);
    lesson->setToolTip("For teaching: hides the settings, enlarges the text and opens every explanation (F9).");

    QToolBar* bar = addToolBar("Run");
    bar->setObjectName("runToolbar");
    bar->addActions({trainAct_, stopAct_, resetAct_, sampleAct_});
    updateActions();
}

void MainWindow::updateActions() {
    using S = TrainingController::State;
    const S s = training_->state();
    trainAct_->setText(s == S::Running ? "Pause" : s == S::Paused ? "Resume" : "Train");
    stopAct_->setEnabled(s == S::Running || s == S::Paused);
    resetAct_->setEnabled(s != S::Idle);
    sampleAct_->setEnabled(s != S::Idle || !atRest_.empty() || !extraModels_.empty());
    // A run belongs to one scenario: while it can still be resumed, its settings are locked.
    panel_->setTrainingLocked(s == S::Running || s == S::Paused);
}

void MainWindow::setAutoSample(bool on) { autoSample_ = on; }

void MainWindow::sample() {
    if (training_->state() == TrainingController::State::Running) training_->pause();
    std::vector<NamedField> models = comparedModels();
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
    extraModels_.clear();
    atRest_.clear();
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
    connect(tabs_, &QTabWidget::currentChanged, session, &SessionAutosave::scheduleSave, Qt::UniqueConnection);
    connect(session, &SessionAutosave::failed, this, [this](const QString& m) {
        statusBar()->showMessage("Autosave failed: " + m, 10000);
    });
    session->saveNow();
}

SessionSnapshot MainWindow::sessionSnapshot() const {
    // While a run goes on, the models of the last rest stay the ones worth keeping.
    return {scenario_, atRest_, extraModels_, tabs_->currentIndex()};
}

void MainWindow::restoreSession(const RestoredSession& r) {
    setScenario(r.scenario);
    atRest_ = r.trained;
    extraModels_ = r.loaded;
    if (r.symmetrized)
        for (const NamedField& m : atRest_)
            if (!m.equivariant) extraModels_.push_back(symmetrize(m, scenario_.makeGroup()));
    fieldView_->setModels(comparedModels());
    tabs_->setCurrentIndex(std::clamp(r.tab, 0, tabs_->count() - 1));
    updateActions();
    if (autosave_) autosave_->saveNow();
}

void MainWindow::train() {
    if (training_->state() != TrainingController::State::Running) training_->start();
}

void MainWindow::togglePause() {
    using S = TrainingController::State;
    switch (training_->state()) {
        case S::Running: training_->pause(); break;
        default: training_->start(); break;
    }
}

std::vector<NamedField> MainWindow::trainedModels() const {
    return training_->state() == TrainingController::State::Running ? std::vector<NamedField>() : atRest_;
}

std::vector<NamedField> MainWindow::comparedModels() const {
    std::vector<NamedField> models = trainedModels();
    models.insert(models.end(), extraModels_.begin(), extraModels_.end());
    return models;
}

void MainWindow::symmetrizeModels() {
    if (training_->state() == TrainingController::State::Running) training_->pause();
    const std::vector<NamedField> trained = trainedModels();
    if (trained.empty()) {
        statusBar()->showMessage("Train first: there are no models to symmetrize yet.", 4000);
        return;
    }
    extraModels_.clear();
    const Group group = scenario_.makeGroup();
    for (const NamedField& m : trained)
        if (!m.equivariant) extraModels_.push_back(symmetrize(m, group));
    if (extraModels_.empty()) {
        statusBar()->showMessage("Every model is already equivariant: nothing to symmetrize.", 4000);
        return;
    }
    fieldView_->setModels(comparedModels());
    tabs_->setCurrentWidget(fieldView_);
    statusBar()->showMessage(QString("Added %1 symmetrized model(s); Sample (S) compares them too.").arg(extraModels_.size()), 6000);
    if (autosave_) autosave_->saveNow();
}

void MainWindow::openScenario() {
    const QString path = QFileDialog::getOpenFileName(this, "Open scenario", Settings::lastDirectory(),
                                                      "symscore scenarios (*.symscore.json *.json)");
    if (path.isEmpty()) return;
    try {
        const Scenario s = io::loadScenario(path);
        scenarioPath_ = path;
        Settings::setLastScenarioPath(path);
        Settings::setLastDirectory(QFileInfo(path).absolutePath());
        setScenario(s);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot open scenario", QString::fromStdString(e.what()));
    }
}

void MainWindow::saveScenarioAs() {
    QString path = QFileDialog::getSaveFileName(this, "Save scenario", Settings::lastDirectory(),
                                                "symscore scenarios (*.symscore.json)");
    if (path.isEmpty()) return;
    if (!path.endsWith(".json")) path += ".symscore.json";
    try {
        io::saveScenario(scenario_, path);
        scenarioPath_ = path;
        Settings::setLastScenarioPath(path);
        Settings::setLastDirectory(QFileInfo(path).absolutePath());
        statusBar()->showMessage("Saved " + path, 4000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot save scenario", QString::fromStdString(e.what()));
    }
}

void MainWindow::exportView() {
    QString path = QFileDialog::getSaveFileName(this, "Export view", Settings::lastDirectory(),
                                                "PNG image (*.png);;PDF document (*.pdf)");
    if (path.isEmpty()) return;
    if (!path.endsWith(".pdf", Qt::CaseInsensitive) && !path.endsWith(".png", Qt::CaseInsensitive))
        path += ".png";
    if (const QString err = exportWidget(tabs_->currentWidget(), path); !err.isEmpty())
        QMessageBox::warning(this, "Cannot export", err);
    else
        statusBar()->showMessage("Exported " + path, 4000);
}

void MainWindow::setLessonMode(bool on) {
    lessonMode_ = on;
    dock_->setVisible(!on);
    QFont f = normalFont_;
    if (on) f.setPointSizeF(normalFont_.pointSizeF() * 1.3);
    tabs_->setFont(f);
    trainView_->explanation()->setExpanded(on);
    sampleView_->explanation()->setExpanded(on);
    experimentView_->explanation()->setExpanded(on);
}

namespace {
bool writeFile(QWidget* parent, const QString& path, const QByteArray& bytes) {
    try {
        io::writeFileAtomically(path, bytes);
        return true;
    } catch (const io::FormatError& e) {
        QMessageBox::warning(parent, "Cannot write", QString::fromUtf8(e.what()));
        return false;
    }
}
}  // namespace

void MainWindow::exportCurves() {
    const QString dir = QFileDialog::getExistingDirectory(this, "Folder for the curves", Settings::lastDirectory());
    if (dir.isEmpty()) return;
    const bool ok = writeFile(this, QDir(dir).filePath("loss.csv"), trainView_->lossPlot()->toCsv()) &&
                    writeFile(this, QDir(dir).filePath("score_error.csv"), trainView_->errorPlot()->toCsv()) &&
                    writeFile(this, QDir(dir).filePath("w1_vs_t.csv"), sampleView_->w1Plot()->toCsv());
    if (ok) statusBar()->showMessage("Wrote loss.csv, score_error.csv and w1_vs_t.csv to " + dir, 6000);
}

void MainWindow::exportSamples() {
    if (sampleView_->panelCount() == 0) {
        statusBar()->showMessage("Sample first (S): there are no samples to export yet.", 4000);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, "Folder for the samples", Settings::lastDirectory());
    if (dir.isEmpty()) return;
    try {
        const int n = sampleView_->writeSamples(dir);
        statusBar()->showMessage(QString("Wrote %1 files samples_<model>.csv to %2").arg(n).arg(dir), 6000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot export samples", QString::fromStdString(e.what()));
    }
}

void MainWindow::saveModels() {
    if (training_->state() == TrainingController::State::Running) training_->pause();
    const std::vector<NamedField> models = trainedModels();
    if (models.empty()) {
        statusBar()->showMessage("Train first: there are no models to save yet.", 4000);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, "Folder for the models", Settings::lastDirectory());
    if (dir.isEmpty()) return;
    int saved = 0;
    try {
        for (const NamedField& m : models)
            if (auto* net = dynamic_cast<const NeuralScore*>(m.field.get())) {
                const QString name = QString::fromStdString(m.name);
                io::saveModel(QDir(dir).filePath(name + ".symscore-model"), *net, name,
                              io::scenarioFingerprint(scenario_));
                ++saved;
            }
        statusBar()->showMessage(QString("Saved %1 model(s) to %2").arg(saved).arg(dir), 6000);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Cannot save models", QString::fromStdString(e.what()));
    }
}

void MainWindow::loadModels() {
    const QStringList paths = QFileDialog::getOpenFileNames(this, "Load models", Settings::lastDirectory(),
                                                            "symscore models (*.symscore-model)");
    if (paths.isEmpty()) return;
    if (training_->state() == TrainingController::State::Running) training_->pause();
    QStringList notes;
    for (const QString& path : paths) {
        try {
            io::LoadedModel m = io::loadModel(path);
            if (m.scenarioFingerprint != io::scenarioFingerprint(scenario_))
                notes << m.name + ": trained on another scenario";
            NamedField f{("loaded " + m.name).toStdString(), std::shared_ptr<const ScoreField>(std::move(m.model)), false};
            f.equivariant = f.field->equivariantByConstruction();
            extraModels_.push_back(std::move(f));
        } catch (const std::exception& e) {
            QMessageBox::warning(this, "Cannot load model", QString::fromStdString(e.what()));
        }
    }
    fieldView_->setModels(comparedModels());
    updateActions();
    statusBar()->showMessage("Loaded models join the comparison (Sample, Score field). " + notes.join("; "), 8000);
    if (autosave_) autosave_->saveNow();
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (autosave_) autosave_->closeCleanly();  // a normal close: nothing to restore next time
    // Stop and join the workers before the window goes away.
    sampling_->cancel();
    training_->reset();
    Settings::setWindowGeometry(saveGeometry());
    Settings::setWindowState(saveState());
    e->accept();
}

}  // namespace symscore::ui
