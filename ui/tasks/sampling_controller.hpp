#pragma once
// Samples every model of a comparison on a worker thread (TBB over particles inside core),
// records trajectories for playback, then measures W1 at every recorded frame with the one
// readout of core/w1_readout: each model's particles against one reference sample of p_t
// shared by all models, with the noise floor at the same n. The last frame (the final table,
// W1 to the target) is measured first, then the frames in playing order, the models first
// and the floor in a second pass (a frame's reading is sent again when its floor is in); a
// frame the user shows before its turn is measured next (prioritize). Results come to the GUI
// thread as values; a new run or cancel() makes everything still in flight stale (ui/jobs).
#include <QObject>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "core/sampler.hpp"
#include "core/w1_readout.hpp"
#include "ui/jobs/worker_thread.hpp"
#include "ui/models/compared_model.hpp"

namespace symscore::ui {

struct ModelSamples {
    int index = 0;  // position in the comparison
    std::string name;
    std::shared_ptr<const SampleResult> result;
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
    // Measure this frame next, if it is not measured yet (the frame on screen).
    void prioritize(int frame) { wanted_ = frame; }

    // Particles shown and trails recorded per panel (the UI draws at most this many); the W1
    // readout uses min(w1_points, particles, kShownParticles) of them.
    static constexpr int kShownParticles = 5000;
    static constexpr int kFrames = 160;

  Q_SIGNALS:
    void progress(int modelIndex, int step, int steps);
    void modelSampled(const symscore::ui::ModelSamples& samples);
    // Every model's W1 and the floor at one frame.
    void w1Measured(const symscore::W1FrameReading& reading);
    // Every model is sampled and every frame measured.
    void finished();
    void failed(const QString& message);

  private:
    void work(WorkerThread::Run run, const Scenario& scenario,
              const std::vector<ComparedModel>& models);
    void measureFrames(WorkerThread::Run run, const Scenario& scenario,
                       const std::vector<std::shared_ptr<const SampleResult>>& results);

    // The noise floor depends on the reference sample and t only, not on the models: floors
    // measured once are kept for the next run of the same reference (re-sampling, retraining
    // with the same target), so that run measures only the models.
    class FloorMemo {
      public:
        std::optional<FloorStats> find(std::uint64_t identity, double t, bool atTarget);
        FloorStats keep(std::uint64_t identity, double t, bool atTarget, const FloorStats& floor);

      private:
        std::mutex mutex_;
        std::uint64_t identity_ = 0;
        std::map<std::pair<double, bool>, FloorStats> floors_;
    };

    std::atomic<int> wanted_{-1};
    FloorMemo floors_;
    WorkerThread worker_{this};
};

}  // namespace symscore::ui

Q_DECLARE_METATYPE(symscore::ui::ModelSamples)
Q_DECLARE_METATYPE(symscore::W1FrameReading)
