#pragma once
// symscore's main window: the target density of the current scenario with its symmetry.
#include <QMainWindow>

#include "core/scenario.hpp"

namespace symscore::ui {

class DensityPlot;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    void setScenario(const Scenario& s);
    const Scenario& scenario() const { return scenario_; }
    DensityPlot* targetPlot() const { return target_; }

Q_SIGNALS:
    // Emitted when the target density for the current scenario is on screen.
    void targetReady();

private:
    Scenario scenario_;
    DensityPlot* target_;
    int densityJob_ = 0;
};

}  // namespace symscore::ui
