#pragma once
// Samples every model of a comparison on a worker thread (TBB over particles inside core),
// records trajectories for playback, and measures: the final exact W1 of each model against
// a fresh target sample with its noise floor, and W1 against time along the trajectory.
// Results come to the GUI thread as values through queued signals; a new run or cancel()
// makes everything still in flight stale, and stale results are dropped.
#include <QObject>
#include <memory>

#include "core/sampler.hpp"
#include "ui/jobs/worker_thread.hpp"
#include "ui/tasks/training_controller.hpp"

namespace symscore::ui {

struct ModelSamples {
    int index = 0;  // position in the comparison
    std::string name;
    std::shared_ptr<const SampleResult> result;
};

struct W1Reading {
    int index = 0;
    double t = 0;  // time of the particles (eps for the final reading)
    double w1 = 0;
    double floor = 0;  // W1 between two independent samples of p_t of the same size
    int n = 0;
    bool final = false;
};

class SamplingController : public QObject {
    Q_OBJECT
  public:
    explicit SamplingController(QObject* parent = nullptr);
    ~SamplingController() override;

    // Starts sampling these models; cancels a run in progress.
    void start(const Scenario& scenario, std::vector<ComparedModel> models);
    void cancel();
    bool isRunning() const { return worker_.running(); }

    // Particles shown and trails recorded per panel (the UI draws at most this many).
    static constexpr int kShownParticles = 5000;
    static constexpr int kFrames = 160;

  Q_SIGNALS:
    void progress(int modelIndex, int step, int steps);
    void modelSampled(const symscore::ui::ModelSamples& samples);
    void w1Measured(const symscore::ui::W1Reading& reading);
    void finished();
    void failed(const QString& message);

  private:
    void work(WorkerThread::Run run, const Scenario& scenario,
              const std::vector<ComparedModel>& models);

    WorkerThread worker_{this};
};

}  // namespace symscore::ui

Q_DECLARE_METATYPE(symscore::ui::ModelSamples)
Q_DECLARE_METATYPE(symscore::ui::W1Reading)
