#include "ui/tasks/sampling_controller.hpp"

#include <algorithm>

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
    std::vector<bool> done(std::size_t(frames), false);
    int next = 0;  // the next frame in playing order
    for (int count = 0; count < frames && !worker_.stopRequested(); ++count) {
        int f = wanted_.exchange(-1);
        if (count == 0) f = last;  // the final table first
        if (f < 0 || f >= frames || done[std::size_t(f)]) {
            while (done[std::size_t(next)]) ++next;
            f = next;
        }
        done[std::size_t(f)] = true;
        const bool atTarget = f == last;
        W1FrameReading reading =
            readout.measure(f, clock->times[std::size_t(f)], atTarget, cloudsAt(f));
        worker_.post(run, [this, reading = std::move(reading)] { Q_EMIT w1Measured(reading); });
    }
}

}  // namespace symscore::ui
