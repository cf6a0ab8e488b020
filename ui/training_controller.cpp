#include "ui/training_controller.hpp"
#include "ui/gui_handoff.hpp"

#include <QMetaObject>
#include <algorithm>

#include "ui/compute_priority.hpp"

namespace symscore::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainUpdate>();
}

TrainingController::~TrainingController() { halt(); }

void TrainingController::halt() {
    ++run_;  // results the old worker already posted are now stale
    stop_ = true;
    if (worker_.joinable()) worker_.join();
    stop_ = false;
}

void TrainingController::setState(State s) {
    if (state_ == s) return;
    state_ = s;
    Q_EMIT stateChanged(s);
}

void TrainingController::setScenario(const Scenario& s) {
    halt();
    scenario_ = s;
    reset();
}

void TrainingController::reset() {
    halt();
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
    halt();
    if (!anyLearned(scenario_)) {
        // Only the exact oracle: nothing to train, so training is finished at once (it never
        // finished before, and `symscore --train` waited forever).
        setState(State::Finished);
        Q_EMIT finished();
        return;
    }
    if (state_ != State::Paused) {
        std::lock_guard lock(mutex_);
        trainer_.reset();  // a new run; the worker builds it
    }
    setState(State::Running);
    const int run = ++run_;
    worker_ = std::thread([this, run] { work(run); });
}

void TrainingController::pause() {
    if (state_ != State::Running) return;
    halt();
    setState(State::Paused);
}

void TrainingController::stop() {
    if (state_ != State::Running && state_ != State::Paused) return;
    halt();
    setState(State::Finished);
    Q_EMIT finished();
}

bool TrainingController::hasModels() const {
    std::lock_guard lock(mutex_);
    return trainer_ != nullptr;
}

Points TrainingController::trainingSet() const {
    std::lock_guard lock(mutex_);
    return trainer_ ? trainer_->trainingSet() : Points();
}

std::vector<NamedField> TrainingController::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<NamedField> out;
    if (!trainer_ && anyLearned(scenario_)) return out;
    // The worker writes the weights while it runs: copies are taken only when it does not.
    if (state_ == State::Running) return out;
    for (const auto& e : trainer_ ? trainer_->models() : std::vector<Trainer::Entry>{}) {
        auto copy = makeNeuralScore(e.model->config(), e.model->network());
        const bool eq = copy->equivariantByConstruction();
        out.push_back({e.name, std::shared_ptr<const ScoreField>(std::move(copy)), eq});
    }
    for (const ModelSpec& m : scenario_.models)
        if (m.equivariance == Equivariance::Exact)
            out.push_back({m.name, makeScoreField(scenario_, m), true});
    return out;
}

void TrainingController::post(TrainUpdate u, int run) {
    postToGui(
        this,
        [this, run, u = std::move(u)] {
            if (run == run_) Q_EMIT updated(u);
        });
}

void TrainingController::work(int run) {
    lowerCurrentThreadPriority();
    try {
        if (!trainer_) {
            auto trainer = std::make_unique<Trainer>(scenario_);
            auto exact = std::make_unique<ExactScore>(scenario_.makeTarget(), scenario_.makeProcess());
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
            post(std::move(u), run);
        };
        if (trainer_->step() == 0) measure();
        // Measure the exact error about 30 times over a run, at most every 50 steps.
        const long every = std::max(50L, trainer_->totalSteps() / 30);
        while (!stop_) {
            const RunResult r = trainer_->run(every, &stop_, [this, run](const TrainProgress& p) {
                TrainUpdate u;
                u.progress = p;
                post(std::move(u), run);
            });
            if (r == RunResult::Stopped) return;
            measure();
            if (r == RunResult::Finished) {
                postToGui(this, [this, run] {
                    if (run != run_) return;  // the user started, reset or paused since
                    if (worker_.joinable()) worker_.join();
                    setState(State::Finished);
                    Q_EMIT finished();
                });
                return;
            }
        }
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        postToGui(this, [this, msg, run] {
            if (run != run_) return;
            if (worker_.joinable()) worker_.join();
            setState(State::Idle);
            Q_EMIT failed(msg);
        });
    }
}

}  // namespace symscore::ui
