#pragma once
// symscore's main window: the scenario on the left, and tabs for training and sampling.
// It wires controls to controllers; it computes nothing itself.
#include <QMainWindow>
#include <QPointer>

#include "core/scenario.hpp"
#include "ui/models/comparison.hpp"
#include "ui/tasks/training_controller.hpp"

class QAction;
class QDockWidget;
class QTabWidget;

namespace symscore::ui {

class DensityPlot;
class SampleView;
class ScenarioPanel;
class ScoreFieldView;
class ExperimentView;
class SamplingController;
class SessionAutosave;
struct RestoredSession;
struct SessionSnapshot;
class TrainView;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    // Shows a scenario everywhere (the panel included) and drops any run of the old one.
    void setScenario(const Scenario& s);
    const Scenario& scenario() const { return scenario_; }

    TrainingController* trainingController() const { return training_; }
    TrainView* trainView() const { return trainView_; }
    SampleView* sampleView() const { return sampleView_; }
    SamplingController* samplingController() const { return sampling_; }
    QTabWidget* tabs() const { return tabs_; }
    ScenarioPanel* scenarioPanel() const { return panel_; }
    ScoreFieldView* scoreFieldView() const { return fieldView_; }
    ExperimentView* experimentView() const { return experimentView_; }
    // Autosaves the session (scenario, models, tab shown) to `session` from now on.
    void setAutosave(SessionAutosave* session);
    // Shows a restored session: its scenario, its models as the trained ones (Sample works at
    // once), its tab.
    void restoreSession(const RestoredSession& r);
    // The models being compared: the last run's at rest (or restored ones), the oracle,
    // symmetrized and loaded ones.
    Comparison* comparison() const { return comparison_; }
    // The trained models, the oracle included; empty while training runs.
    std::vector<ComparedModel> trainedModels() const;
    // Adds S_G[s] of every trained model that is not equivariant to the comparison.
    void symmetrizeModels();
    // Presenter layout: settings hidden, larger type, every explanation open, and plot
    // fonts, lines and markers kLessonPlotScale times their desk size.
    static constexpr double kLessonPlotScale = 1.5;
    bool lessonMode() const { return lessonMode_; }
    void setLessonMode(bool on);
    // Every tab's "What am I looking at?" explanation open or closed (a click toggles each).
    void setExplanationsShown(bool on);
    DensityPlot* targetPlot() const;

    // The demo flow and screenshot mode: train, and (if asked) sample when training ends.
    void train();
    void togglePause();
    // Samples every trained model (pausing training first) and shows the Sample tab.
    void sample();
    // Sample and play by itself when training finishes (the demo flow); the menu's toggle
    // also remembers the choice in Settings, this call does not.
    void setAutoSample(bool on);

  Q_SIGNALS:
    // The target density for the current scenario is on screen.
    void targetReady();
    void trainingFinished();
    // Every model is sampled and measured.
    void samplingFinished();

  protected:
    void closeEvent(QCloseEvent* e) override;

  private:
    void buildActions();
    void applyScenario(const Scenario& s);  // from the panel: everything but the panel
    // An edit made on a plot (ui/views/target_editor): refused while training holds the
    // scenario, asks before discarding models as the dock does, then shows s everywhere.
    bool editScenario(const Scenario& s, const QString& change);
    void buildSymmetryTools();  // the fundamental domain's editor and the orbit highlight
    // Asks before change throws trained or loaded models away; true when it may go ahead.
    bool mayDiscardModels(const QString& change);
    // The panel holds a refused value: says so in the status bar and returns true.
    bool panelRefusesTo(const QString& action);
    std::vector<ComparedModel> comparedModels() const;  // empty while training runs
    void onTrainingState(TrainingController::State st);
    SessionSnapshot sessionSnapshot() const;
    void updateActions();
    void openScenario();
    void saveScenarioAs();
    void exportView();
    void exportViewAtSize();         // PNG at the size asked (main_window_files.cpp)
    QString currentTabSlug() const;  // the shown tab's name in a file name
    void exportCurves();
    void exportSamples();
    void saveModels();
    void loadModels();

    Scenario scenario_;
    QString scenarioPath_;
    TrainingController* training_;
    Comparison* comparison_;
    QTabWidget* tabs_;
    ScenarioPanel* panel_;
    TrainView* trainView_;
    SamplingController* sampling_;
    SampleView* sampleView_;
    ScoreFieldView* fieldView_;
    ExperimentView* experimentView_;
    QPointer<SessionAutosave> autosave_;
    bool autoSample_ = true;
    bool lessonMode_ = false;
    void rememberWindow();
    long trainedSteps_ = -1;  // the steps of the compared trained models (-1: none or unknown)
    QAction* trainAct_ = nullptr;
    QAction* stopAct_ = nullptr;
    QAction* resetAct_ = nullptr;
    QAction* sampleAct_ = nullptr;
    QDockWidget* dock_ = nullptr;
    QFont normalFont_;
};

}  // namespace symscore::ui
