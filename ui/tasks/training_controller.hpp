#pragma once
// Runs a scenario's side-by-side training on a worker thread (TBB inside core) and reports
// value snapshots to the GUI thread: progress about 20 times a second, and the exact score
// error with its symmetry-violation part every few dozen steps. The GUI thread only flips
// flags and joins a worker that honours its stop flag within milliseconds.
#include <QObject>
#include <atomic>
#include <memory>
#include <mutex>

#include "core/metrics.hpp"
#include "core/trainer.hpp"
#include "ui/jobs/worker_thread.hpp"
#include "ui/models/compared_model.hpp"

namespace symscore::ui {

struct TrainUpdate {
    TrainProgress progress;
    bool hasErrors = false;
    std::vector<ScoreErrors> errors;  // per model, in progress.models order
};

class TrainingController : public QObject {
    Q_OBJECT
  public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // Stops any run and discards it; the next start() trains this scenario from scratch.
    void setScenario(const Scenario& s);
    void start();  // Idle or Finished: a new run; Paused: resume
    void pause();
    void stop();   // ends the run early; the models stay as trained so far
    void reset();  // discards the models
    State state() const { return state_; }
    // Finished by stop() before the last step (the models are as trained so far).
    bool stoppedEarly() const { return stoppedEarly_; }
    // The steps the models have had (0 before a run); read while training rests.
    long stepsDone() const;
    bool hasModels() const;
    // Copies of the models (the oracle included), for sampling; empty while running (the
    // worker is writing the weights), so callers pause first.
    std::vector<ComparedModel> snapshot() const;
    // The run's training set (empty before the first start).
    Points trainingSet() const;

  Q_SIGNALS:
    // A new run begins (not a resume): everything shown for an earlier run is stale.
    void runStarted();
    void updated(const symscore::ui::TrainUpdate& update);
    void stateChanged(symscore::ui::TrainingController::State state);
    void finished();
    void failed(const QString& message);

  private:
    void setState(State s);
    void work(WorkerThread::Run run);

    Scenario scenario_;
    std::unique_ptr<Trainer> trainer_;  // touched by the worker only while it runs
    std::unique_ptr<ExactScore> exact_;
    std::unique_ptr<EvaluationSet> evalSet_;
    mutable std::mutex mutex_;  // guards trainer_ creation against snapshot()
    State state_ = State::Idle;
    bool stoppedEarly_ = false;
    WorkerThread worker_{this};  // last member: destroyed (halted) first
};

}  // namespace symscore::ui

Q_DECLARE_METATYPE(symscore::ui::TrainUpdate)
