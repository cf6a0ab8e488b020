#include "ui/tasks/experiment_controller.hpp"

#include <QDir>
#include <QMetaObject>

#include "core/io/sweep_session.hpp"

namespace symscore::ui {

namespace {
ExperimentUpdate makeUpdate(const std::vector<SweepRow>& rows,
                            const std::vector<std::string>& models, int total) {
    ExperimentUpdate u;
    u.rows = rows;
    u.summary = summarizeSweep(rows, models);
    u.done = int(completeRuns(rows, models).size());
    u.total = total;
    return u;
}
}  // namespace

ExperimentController::ExperimentController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ExperimentUpdate>();
    qRegisterMetaType<SweepProgress>();
}

ExperimentController::~ExperimentController() { halt(); }

void ExperimentController::halt() {
    worker_.halt();
    session_.reset();  // unlocks the folder
}

void ExperimentController::setState(State s) {
    if (state_ == s) return;
    state_ = s;
    Q_EMIT stateChanged(s);
}

void ExperimentController::setScenario(const Scenario& s) {
    halt();
    scenario_ = s;
    latest_ = ExperimentUpdate();
    resumed_ = 0;
    setState(State::Idle);
}

QString ExperimentController::open(const QString& dir) {
    halt();
    try {
        const io::SweepDescription d = io::readSweepDescription(dir);
        std::vector<SweepRow> rows = io::readSweepResults(dir, d);
        const std::vector<std::string> models = modelNames(d.scenario);
        spec_ = d.spec;
        opened_ = d.scenario;
        resumed_ = 0;
        latest_ = makeUpdate(rows, models, int(shardRuns(d.spec).size()));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    setState(State::Idle);
    Q_EMIT updated(latest_);
    return {};
}

void ExperimentController::cancel() {
    if (state_ != State::Running) return;
    halt();
    setState(State::Cancelled);
}

QString ExperimentController::start(const SweepSpec& spec, const QString& folder) {
    auto refuse = [this](Refusal why, const QString& message) {
        refusal_ = why;
        return message;
    };
    refusal_ = Refusal::None;
    if (state_ == State::Running)
        return refuse(Refusal::Busy, "a sweep is already running; cancel it first");
    halt();
    SweepSpec sp = spec;
    sp.shardIndex = 0;
    sp.shardCount = 1;
    try {
        validateSweep(sp);
    } catch (const std::exception& e) {
        return refuse(Refusal::BadSettings, QString::fromStdString(e.what()));
    }
    if (folder.trimmed().isEmpty()) return refuse(Refusal::NoFolder, "choose an output folder");
    const QString dir = QDir::cleanPath(folder);
    const io::SweepDescription d = io::SweepDescription::of(scenario_, sp);
    try {
        session_ = std::make_unique<io::SweepSession>(dir, d);  // locked until the sweep ends
    } catch (const io::SweepFolderRefused& e) {
        if (e.kind() == io::SweepFolderRefused::Different)
            return refuse(
                Refusal::FolderHoldsAnotherSweep,
                "this folder holds a different sweep (" + e.reason() + "); choose another folder");
        return refuse(
            Refusal::FolderCannotResume,
            "this folder holds a results.csv without sweep.json, so it cannot be resumed; "
            "choose another folder");
    } catch (const std::exception& e) {
        return refuse(Refusal::FolderError, QString::fromStdString(e.what()));
    }
    std::vector<SweepRow> rows = session_->rows();
    opened_ = scenario_;
    spec_ = sp;
    folder_ = dir;
    const std::vector<std::string> models = modelNames(scenario_);
    const int total = int(shardRuns(sp).size());
    std::set<int> done = completeRuns(rows, models);
    resumed_ = int(done.size());
    latest_ = makeUpdate(rows, models, total);
    setState(State::Running);
    Q_EMIT started(resumed_, total);
    Q_EMIT updated(latest_);
    worker_.start(
        [this, rows = std::move(rows), done = std::move(done)](WorkerThread::Run run) mutable {
            work(run, std::move(rows), std::move(done));
        });
    return {};
}

void ExperimentController::endRun(WorkerThread::Run run, State s, const QString& message) {
    worker_.post(run, [this, s, message] {
        worker_.reap();
        session_.reset();
        setState(s);
        if (s == State::Finished) Q_EMIT finished();
        if (s == State::Failed) Q_EMIT failed(message);
    });
}

// The worker: scenario_, spec_ and folder_ do not change while it runs (every setter on
// the GUI thread joins it first).
void ExperimentController::work(WorkerThread::Run run, std::vector<SweepRow> rows,
                                std::set<int> done) {
    const std::vector<std::string> models = modelNames(scenario_);
    const int total = int(shardRuns(spec_).size());
    QString writeError;
    SweepCallbacks callbacks;
    // Called under runSweep's lock, one run at a time: save first, then tell the GUI.
    callbacks.onRun = [&](const SweepRunResult& r) {
        if (!writeError.isEmpty()) return;
        try {
            session_->addRun(r.rows);
            rows = session_->rows();
        } catch (const std::exception& e) {
            writeError = QString::fromStdString(e.what());
            worker_.requestStop();  // nothing more can be saved, so nothing more is run
            return;
        }
        ExperimentUpdate u = makeUpdate(rows, models, total);
        worker_.post(run, [this, u = std::move(u)] {
            latest_ = u;
            Q_EMIT updated(latest_);
        });
    };
    callbacks.progress = [&](const SweepProgress& p) {
        worker_.post(run, [this, p] { Q_EMIT progress(p); });
    };
    try {
        const SweepOutcome out = runSweep(scenario_, spec_, done, callbacks, worker_.stopFlag());
        if (!writeError.isEmpty())
            endRun(run, State::Failed, "could not save the results: " + writeError);
        else if (!out.stopped)
            endRun(run, State::Finished, {});
        // stopped by cancel(): the GUI thread has joined and moved on already
    } catch (const std::exception& e) {
        endRun(run, State::Failed, QString::fromStdString(e.what()));
    }
}

}  // namespace symscore::ui
