#pragma once
// Runs the paper's experiment (core/sweep) for the Experiment tab on its own worker thread,
// saving every finished run at once into a sweep folder (io::SweepSession, as symscore-cli
// sweep: the folder locked while the sweep runs, sweep.json and results.csv written
// atomically), so that a cancelled sweep or a crash resumes without
// redoing finished runs. Results come back to the GUI thread as values through queued calls
// tagged with their run (ui/jobs/worker_thread); those of an older run are dropped. cancel() sets
// the stop flag and joins (core/sweep honours it within a training chunk); the destructor does the
// same.
#include <QObject>
#include <QString>
#include <memory>
#include <set>
#include <vector>

#include "core/scenario.hpp"
#include "core/sweep.hpp"
#include "ui/jobs/worker_thread.hpp"

namespace symscore::io {
class SweepSession;
}

namespace symscore::ui {

// What the GUI thread learns after every finished run (and once at the start): all rows
// of the sweep so far, in canonical order, and their summary.
struct ExperimentUpdate {
    std::vector<SweepRow> rows;
    SweepSummary summary;
    int done = 0;  // runs complete, resumed ones included
    int total = 0;
};

class ExperimentController : public QObject {
    Q_OBJECT
  public:
    enum class State { Idle, Running, Finished, Cancelled, Failed };
    Q_ENUM(State)

    explicit ExperimentController(QObject* parent = nullptr);
    ~ExperimentController() override;  // cancels and joins

    // Cancels a running sweep and forgets its results (the folder keeps them).
    void setScenario(const Scenario& s);
    const Scenario& scenario() const { return scenario_; }

    // Starts (or resumes) the sweep of the current scenario in `folder`, creating it if
    // needed. Returns an empty string when the sweep started, otherwise why it was refused
    // (bad settings, a folder holding a different sweep, unreadable files); then nothing
    // changes. Runs already in the folder's results.csv are not run again.
    QString start(const SweepSpec& spec, const QString& folder);
    // Why the last start() was refused, typed, so a caller offers a new folder without
    // matching message text.
    enum class Refusal {
        None,
        Busy,
        BadSettings,
        NoFolder,
        FolderHoldsAnotherSweep,
        FolderCannotResume,
        FolderError
    };
    Refusal lastRefusal() const { return refusal_; }
    // Sets the stop flag and joins the worker; the runs finished so far stay saved.
    void cancel();
    // Shows the results a folder holds (a sweep folder, or the merged result of a sweep run
    // as shards on a cluster) without running anything; a running sweep is cancelled first.
    // Returns why the folder cannot be shown, or an empty string. The sweep's own scenario,
    // which may differ from the current one, is openedScenario() until the next start().
    QString open(const QString& folder);
    const Scenario& openedScenario() const { return opened_; }

    State state() const { return state_; }
    bool isRunning() const { return state_ == State::Running; }
    QString folder() const { return folder_; }
    const SweepSpec& spec() const { return spec_; }
    int resumedRuns() const { return resumed_; }  // runs already done when start() was called
    const ExperimentUpdate& latest() const { return latest_; }

  Q_SIGNALS:
    void started(int resumed, int total);
    void updated(const symscore::ui::ExperimentUpdate& update);
    void progress(const symscore::SweepProgress& p);
    void stateChanged(symscore::ui::ExperimentController::State state);
    void finished();                      // every run of the sweep is done and saved
    void failed(const QString& message);  // the sweep stopped on an error

  private:
    void halt();  // the worker stopped and joined, the folder unlocked
    void setState(State s);
    void work(WorkerThread::Run run, std::vector<SweepRow> rows, std::set<int> done);
    void endRun(WorkerThread::Run run, State s, const QString& message);

    Scenario scenario_;
    Scenario opened_;
    SweepSpec spec_;
    QString folder_;
    std::unique_ptr<io::SweepSession> session_;  // the folder, locked while a sweep runs
    ExperimentUpdate latest_;
    int resumed_ = 0;
    Refusal refusal_ = Refusal::None;
    State state_ = State::Idle;
    WorkerThread worker_{this};  // last member: destroyed (halted) first
};

}  // namespace symscore::ui

Q_DECLARE_METATYPE(symscore::ui::ExperimentUpdate)
Q_DECLARE_METATYPE(symscore::SweepProgress)
