#pragma once
// symscore's main window: the scenario on the left, and tabs for training and sampling.
// It wires controls to controllers; it computes nothing itself.
#include <QMainWindow>

#include "core/scenario.hpp"
#include "ui/training_controller.hpp"

class QAction;
class QTabWidget;

namespace symscore::ui {

class DensityPlot;
class TrainView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    void setScenario(const Scenario& s);
    const Scenario& scenario() const { return scenario_; }

    TrainingController* trainingController() const { return training_; }
    TrainView* trainView() const { return trainView_; }
    DensityPlot* targetPlot() const;

    // The demo flow and screenshot mode: train, and (if asked) sample when training ends.
    void train();
    void togglePause();

Q_SIGNALS:
    // The target density for the current scenario is on screen.
    void targetReady();
    void trainingFinished();

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void buildActions();
    void updateActions();
    void openScenario();
    void saveScenarioAs();
    void exportView();

    Scenario scenario_;
    QString scenarioPath_;
    TrainingController* training_;
    QTabWidget* tabs_;
    TrainView* trainView_;
    QAction* trainAct_ = nullptr;
    QAction* stopAct_ = nullptr;
    QAction* resetAct_ = nullptr;
};

}  // namespace symscore::ui
