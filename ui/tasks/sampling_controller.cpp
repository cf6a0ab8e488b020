#include "ui/tasks/sampling_controller.hpp"

#include <algorithm>
#include <mutex>

namespace symscore::ui {

SamplingController::SamplingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ModelSamples>();
    qRegisterMetaType<W1FrameReading>();
}

SamplingController::~SamplingController() { worker_.halt(); }

void SamplingController::cancel() { worker_.halt(); }

void SamplingController::start(const Scenario& scenario, std::vector<ComparedModel> models) {
    wanted_ = -1;
    worker_.start([this, scenario, models = std::move(models)](WorkerThread::Run run) {
        work(run, scenario, models);
    });
}

void SamplingController::work(WorkerThread::Run run, const Scenario& scenario,
                              const std::vector<ComparedModel>& models) {
    try {
        const Process process = scenario.makeProcess();
        SamplerOptions opt = samplerOptions(scenario.sampling);
        opt.recordStride = std::max(1, opt.steps / kFrames);
        opt.recordParticles = std::min(opt.particles, kShownParticles);

        std::vector<std::shared_ptr<const SampleResult>> results;
        for (std::size_t i = 0; i < models.size() && !worker_.stopRequested(); ++i) {
            const int index = int(i);
            auto r = std::make_shared<SampleResult>(sample(
                *models[i].field, process, opt,
                [&](const SampleProgress& p) {
                    worker_.post(run,
                                 [this, index, p] { Q_EMIT progress(index, p.step, p.steps); });
                },
                worker_.stopFlag()));
            if (r->status == SampleStatus::Stopped) return;
            results.push_back(r);
            ModelSamples m{index, models[i].name, r};
            worker_.post(run, [this, m] { Q_EMIT modelSampled(m); });
        }
        measureFrames(run, scenario, results);
        if (!worker_.stopRequested()) worker_.post(run, [this] { Q_EMIT finished(); });
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        worker_.post(run, [this, msg] { Q_EMIT failed(msg); });
    }
}

void SamplingController::measureFrames(
    WorkerThread::Run run, const Scenario& scenario,
    const std::vector<std::shared_ptr<const SampleResult>>& results) {
    // The frames of the longest trajectory (a model that blew up stops recording early).
    const Trajectory* clock = nullptr;
    for (const auto& r : results)
        if (!clock || r->trajectory.frames > clock->frames) clock = &r->trajectory;
    if (!clock || clock->frames == 0) return;
    const int frames = clock->frames, last = frames - 1;
    W1Readout readout(scenarioReference(scenario, kShownParticles), int(results.size()),
                      scenario.metrics.w1_method);
    auto cloudsAt = [&](int f) {
        std::vector<Points> clouds;
        for (const auto& r : results) {
            const bool finished = r->status == SampleStatus::Finished;
            if (f == last && finished)
                clouds.push_back(r->samples);  // what `run` measures
            else if (f < r->trajectory.frames && (f < last || !finished))
                clouds.push_back(r->trajectory.frame(f).cast<double>());
            else
                clouds.push_back(Points());
        }
        return clouds;
    };
    // Two passes: every model's reading first (the panel titles and the curve), then the
    // floor of each frame, so the readings follow the animation at the rate of the models'
    // solves. The last frame (the table) comes first and whole; floors measured by an
    // earlier run of the same reference are reused.
    std::vector<W1FrameReading> readings(static_cast<std::size_t>(frames));
    std::vector<bool> done(std::size_t(frames), false);
    int next = 0;  // the next frame in playing order
    auto pick = [&](bool first) {
        int f = wanted_.exchange(-1);
        if (first) f = last;
        if (f < 0 || f >= frames || done[std::size_t(f)]) {
            while (done[std::size_t(next)]) ++next;
            f = next;
        }
        done[std::size_t(f)] = true;
        return f;
    };
    auto emit = [&](const W1FrameReading& r) {
        worker_.post(run, [this, r] { Q_EMIT w1Measured(r); });
    };
    const std::uint64_t identity = readout.reference().identity();
    for (int count = 0; count < frames && !worker_.stopRequested(); ++count) {
        const int f = pick(count == 0);
        const double t = clock->times[std::size_t(f)];
        W1FrameReading& r = readings[std::size_t(f)];
        r = readout.measureModels(f, t, f == last, cloudsAt(f));
        if (auto kept = floors_.find(identity, t, f == last))
            r.floor = *kept;
        else if (f == last)
            r.floor = floors_.keep(identity, t, true, readout.measureFloor(t, true));
        emit(r);
    }
    std::fill(done.begin(), done.end(), false);
    next = 0;
    for (int count = 0; count < frames && !worker_.stopRequested(); ++count) {
        const int f = pick(false);
        W1FrameReading& r = readings[std::size_t(f)];
        if (r.floor.measured()) continue;
        r.floor = floors_.keep(identity, r.t, false, readout.measureFloor(r.t, false));
        emit(r);
    }
}

std::optional<FloorStats> SamplingController::FloorMemo::find(std::uint64_t identity, double t,
                                                              bool atTarget) {
    std::lock_guard lock(mutex_);
    if (identity != identity_) return std::nullopt;
    const auto it = floors_.find({t, atTarget});
    if (it == floors_.end()) return std::nullopt;
    return it->second;
}

FloorStats SamplingController::FloorMemo::keep(std::uint64_t identity, double t, bool atTarget,
                                               const FloorStats& floor) {
    std::lock_guard lock(mutex_);
    if (identity != identity_) {
        floors_.clear();
        identity_ = identity;
    }
    floors_[{t, atTarget}] = floor;
    return floor;
}

}  // namespace symscore::ui
