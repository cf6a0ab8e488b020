#pragma once
// The Train tab: the target density with the training points, and for every model its DSM
// loss and its exact score error (with, for models that are not equivariant by
// construction, the symmetry-violation part of that error), following training live.
#include <QLabel>
#include <QProgressBar>
#include <QWidget>
#include <utility>

#include "core/density_grid.hpp"
#include "core/scenario.hpp"
#include "ui/jobs/latest_only.hpp"
#include "ui/tasks/training_controller.hpp"

namespace symscore::ui {

class CurvePlot;
class Explanation;
class DensityPlot;

class TrainView : public QWidget {
    Q_OBJECT
  public:
    explicit TrainView(TrainingController* controller, QWidget* parent = nullptr);
    void setScenario(const Scenario& s);

    DensityPlot* targetPlot() const { return target_; }
    CurvePlot* lossPlot() const { return loss_; }
    CurvePlot* errorPlot() const { return error_; }
    // One line on how the last run ended (diverged models are named).
    QString statusText() const { return status_->text(); }
    int progressStep() const { return progress_->value(); }
    // Lesson mode leaves the loss out: no lesson asks about it, and on a 1280x720 projector
    // beside the lesson's panel the score error needs the room.
    void setLessonMode(bool on);
    // Models that arrive trained (a restored session, a lesson's): the progress bar at the steps
    // they were trained for, and the note in the status line.
    void showTrained(long steps, const QString& note);
    // "Training 340/600 steps, about 20 s left": the line every tab shows while training
    // runs, so progress is in view wherever the user looks.
    static QString progressLine(const TrainProgress& p);
    Explanation* explanation() const { return explanation_; }

  Q_SIGNALS:
    void targetReady();

  private:
    void onUpdate(const TrainUpdate& u);
    void onState(TrainingController::State s);
    void clearRun();    // curves, progress and speed of an earlier run go
    void drawTarget();  // the target density and training set, in the background

    TrainingController* controller_;
    Scenario scenario_;
    DensityPlot* target_;
    CurvePlot* loss_;
    CurvePlot* error_;
    QProgressBar* progress_;
    QLabel* speed_;
    QLabel* status_;
    Explanation* explanation_ = nullptr;
    long lastStep_ = 0;
    LatestOnly<std::pair<DensityGrid, Points>> targetJob_{this};
};

}  // namespace symscore::ui
