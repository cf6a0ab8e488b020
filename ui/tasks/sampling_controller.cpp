#include "ui/tasks/sampling_controller.hpp"

#include <QMetaObject>
#include <algorithm>

#include "core/wasserstein.hpp"

namespace symscore::ui {

SamplingController::SamplingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ModelSamples>();
    qRegisterMetaType<W1Reading>();
}

SamplingController::~SamplingController() { worker_.halt(); }

void SamplingController::cancel() { worker_.halt(); }

void SamplingController::start(const Scenario& scenario, std::vector<ComparedModel> models) {
    worker_.start([this, scenario, models = std::move(models)](WorkerThread::Run run) {
        work(run, scenario, models);
    });
}

void SamplingController::work(WorkerThread::Run run, const Scenario& scenario,
                              const std::vector<ComparedModel>& models) {
    try {
        const Process process = scenario.makeProcess();
        const Mixture target = scenario.makeTarget();
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

        // Final W1 at the scenario's size, against a fresh sample of the target.
        const W1Method method = scenario.metrics.w1_method;
        Rng rng(scenario.sampling.seed ^ 0x5eed, 99);
        for (std::size_t i = 0; i < results.size() && !worker_.stopRequested(); ++i) {
            const SampleResult& r = *results[i];
            if (r.status != SampleStatus::Finished) continue;
            const int n = std::min<int>(scenario.metrics.w1_points, int(r.samples.rows()));
            const Points fresh = target.sample(n, rng);
            W1Reading w{int(i),
                        process.eps(),
                        w1(r.samples.topRows(n), fresh, method),
                        w1NoiseFloor(target, n),
                        n,
                        true};
            worker_.post(run, [this, w] { Q_EMIT w1Measured(w); });
        }
        // W1 against time along each trajectory, on a few hundred particles (a monitor: the
        // size is printed with it, and so is the floor for that size and time).
        const int n = std::min(400, results.empty() ? 0 : results[0]->trajectory.particles);
        for (std::size_t i = 0; i < results.size() && !worker_.stopRequested() && n > 1; ++i) {
            const Trajectory& tr = results[i]->trajectory;
            if (results[i]->status != SampleStatus::Finished) continue;
            const int every = std::max(1, tr.frames / 16);
            for (int f = 0; f < tr.frames && !worker_.stopRequested(); f += every) {
                const double t = tr.times[std::size_t(f)];
                const Mixture pt = target.marginal(process.alpha(t), process.sigma(t));
                const Points particles = tr.frame(f).topRows(n).cast<double>();
                W1Reading w{
                    int(i), t,    w1Exact(particles, pt.sample(n, rng)), w1NoiseFloor(pt, n),
                    n,      false};
                worker_.post(run, [this, w] { Q_EMIT w1Measured(w); });
            }
        }
        worker_.post(run, [this] { Q_EMIT finished(); });
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        worker_.post(run, [this, msg] { Q_EMIT failed(msg); });
    }
}

}  // namespace symscore::ui
