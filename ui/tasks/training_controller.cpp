#include "ui/tasks/training_controller.hpp"

#include <QMetaObject>
#include <algorithm>

namespace symscore::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainUpdate>();
}

TrainingController::~TrainingController() { worker_.halt(); }

void TrainingController::setState(State s) {
    if (state_ == s) return;
    state_ = s;
    Q_EMIT stateChanged(s);
}

void TrainingController::setScenario(const Scenario& s) {
    worker_.halt();
    scenario_ = s;
    reset();
}

void TrainingController::reset() {
    worker_.halt();
    {
        std::lock_guard lock(mutex_);
        trainer_.reset();
    }
    setState(State::Idle);
}

namespace {
bool anyLearned(const Scenario& s) {
    return std::any_of(s.models.begin(), s.models.end(),
                       [](const ModelSpec& m) { return m.equivariance != Equivariance::Exact; });
}
}  // namespace

void TrainingController::start() {
    if (state_ == State::Running) return;
    worker_.halt();
    if (!anyLearned(scenario_)) {
        // Only the exact oracle: nothing to train, so training is finished at once.
        setState(State::Finished);
        Q_EMIT finished();
        return;
    }
    const bool resume = state_ == State::Paused;
    if (!resume) {
        std::lock_guard lock(mutex_);
        trainer_.reset();  // a new run; the worker builds it
    }
    stoppedEarly_ = false;
    if (!resume) Q_EMIT runStarted();
    setState(State::Running);
    worker_.start([this](WorkerThread::Run run) { work(run); });
}

void TrainingController::pause() {
    if (state_ != State::Running) return;
    worker_.halt();
    setState(State::Paused);
}

void TrainingController::stop() {
    if (state_ != State::Running && state_ != State::Paused) return;
    worker_.halt();
    stoppedEarly_ = true;
    setState(State::Finished);
    Q_EMIT finished();
}

long TrainingController::stepsDone() const {
    std::lock_guard lock(mutex_);
    return trainer_ && state_ != State::Running ? trainer_->step() : 0;
}

bool TrainingController::hasModels() const {
    std::lock_guard lock(mutex_);
    return trainer_ != nullptr;
}

Points TrainingController::trainingSet() const {
    std::lock_guard lock(mutex_);
    return trainer_ ? trainer_->trainingSet() : Points();
}

std::vector<ComparedModel> TrainingController::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<ComparedModel> out;
    if (!trainer_ && anyLearned(scenario_)) return out;
    // The worker writes the weights while it runs: copies are taken only when it does not.
    if (state_ == State::Running) return out;
    for (const auto& e : trainer_ ? trainer_->models() : std::vector<Trainer::Entry>{}) {
        out.push_back(networkModel(e.name, makeNeuralScore(e.model->config(), e.model->network())));
    }
    for (const ModelSpec& spec : scenario_.models)
        if (spec.equivariance == Equivariance::Exact)
            out.push_back(exactModel(spec.name, makeScoreField(scenario_, spec)));
    return out;
}

void TrainingController::work(WorkerThread::Run run) {
    try {
        if (!trainer_) {
            auto trainer = std::make_unique<Trainer>(scenario_);
            auto exact =
                std::make_unique<ExactScore>(scenario_.makeTarget(), scenario_.makeProcess());
            // The live curve uses a smaller set than the final metrics (8 times x 96 points,
            // each with its orbit): measured ~30 times per run, it must stay cheap next to
            // training. The decomposition still adds up exactly on it (orbit-closed).
            auto set = std::make_unique<EvaluationSet>(makeEvaluationSet(
                scenario_.makeTarget(), scenario_.makeProcess(), scenario_.makeGroup(), 8, 96,
                scenario_.data.seed ^ 0x5eed, scenario_.training.weighting));
            std::lock_guard lock(mutex_);
            trainer_ = std::move(trainer);
            exact_ = std::move(exact);
            evalSet_ = std::move(set);
        }
        const Group group = scenario_.makeGroup();
        auto measure = [&] {
            TrainUpdate u;
            u.progress = trainer_->progress();
            u.hasErrors = true;
            for (const auto& e : trainer_->models())
                u.errors.push_back(scoreErrors(*e.model, *exact_, group, *evalSet_));
            worker_.post(run, [this, u = std::move(u)] { Q_EMIT updated(u); });
        };
        if (trainer_->step() == 0) measure();
        // Measure the exact error about 30 times over a run, at most every 50 steps.
        const long every = std::max(50L, trainer_->totalSteps() / 30);
        while (!worker_.stopRequested()) {
            const RunResult r =
                trainer_->run(every, worker_.stopFlag(), [this, run](const TrainProgress& p) {
                    TrainUpdate u;
                    u.progress = p;
                    worker_.post(run, [this, u = std::move(u)] { Q_EMIT updated(u); });
                });
            if (r == RunResult::Stopped) return;
            measure();
            if (r == RunResult::Finished) {
                worker_.post(run, [this] {
                    worker_.reap();
                    setState(State::Finished);
                    Q_EMIT finished();
                });
                return;
            }
        }
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        worker_.post(run, [this, msg] {
            worker_.reap();
            setState(State::Idle);
            Q_EMIT failed(msg);
        });
    }
}

}  // namespace symscore::ui
