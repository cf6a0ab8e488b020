#pragma once
// Denoising score matching (docs/math.md, section 4) over a fixed training set, for several
// models side by side. Every model sees the same minibatch indices, times and noise
// (drawn once per step from streams keyed by the step number), and starts from the same
// weights where the architectures agree, so differences between them come from the
// method alone. Augmentation (section 5): none; random (each use of a point takes A_g x0
// with g uniform); orbit (the training set becomes the |G| N images, visited in shuffled
// epochs like the raw set).
//
// Work: a step of each model is split into chunks of model.chunkRows() rows; chunks are
// dealt to a fixed number of slots, each slot sums its chunks' gradients in order and the
// slots are summed in order. Nothing depends on which thread ran what: a run is
// bit-identical for any thread count. All of it runs inside one tbb::task_arena of
// TrainingSpec.threads threads (0: all).
//
// Control: run(budget) trains up to `budget` more steps and returns; call it again to
// resume (pause = stop and re-enter). A stop flag is checked between chunks, so it is
// honoured within a chunk's time (about a millisecond); the interrupted step is dropped
// and redone on resume. A model whose loss or gradient is not finite (or whose loss
// exploded past 1e15) stops with status Diverged and keeps its last finite parameters.
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/optimizer.hpp"
#include "core/score_model.hpp"

namespace symscore {

enum class TrainStatus { Training, Finished, Diverged };
enum class RunResult { BudgetUsed, Stopped, Finished };

struct ModelProgress {
    std::string name;
    long step = 0;
    double loss = 0.0;  // mean DSM loss of the steps since the last report
    double lr = 0.0;
    double gradNorm = 0.0;
    TrainStatus status = TrainStatus::Training;
    std::string message;  // why a model stopped, e.g. "loss is NaN at step 12"
};

// A value snapshot; safe to copy across threads.
struct TrainProgress {
    long step = 0, totalSteps = 0;
    double stepsPerSecond = 0.0;  // over the current run() call
    double seconds = 0.0;         // training time over all run() calls
    std::vector<ModelProgress> models;
};
using ProgressCallback = std::function<void(const TrainProgress&)>;

// The fixed training set: n_train points of the target, drawn with data.seed.
Points drawTrainingSet(const Scenario& scenario);

class Trainer {
  public:
    struct Entry {
        std::string name;
        Augmentation augmentation = Augmentation::None;
        std::shared_ptr<NeuralScore> model;
    };
    // Throws std::invalid_argument on an empty set, no models, or a bad training spec.
    Trainer(const TrainingSpec& spec, const Process& process, const Group& group,
            Points trainingSet, std::vector<Entry> models);
    // The scenario's learned models (the oracle is skipped), freshly initialized.
    explicit Trainer(const Scenario& scenario);
    ~Trainer();

    // Up to `budget` more steps (until totalSteps, a stop request, or every model finished
    // or diverged). Calls progress at most every 50 ms and once before returning, on the
    // calling thread.
    RunResult run(long budget, const std::atomic<bool>* stop = nullptr,
                  const ProgressCallback& progress = {});
    RunResult runToEnd(const std::atomic<bool>* stop = nullptr,
                       const ProgressCallback& progress = {}) {
        return run(totalSteps(), stop, progress);
    }

    long step() const { return step_; }
    long totalSteps() const { return spec_.steps; }
    TrainProgress progress() const;
    const std::vector<Entry>& models() const { return entries_; }
    const Points& trainingSet() const { return data_; }

  private:
    struct ModelState;
    class IndexStream;
    void drawStep(long step);
    bool trainStep(long step, const std::atomic<bool>* stop);
    void fillRows(std::size_t model);
    void applyGradients(std::size_t model, long step, double lr);
    TrainProgress snapshot(bool resetLossMeans);

    TrainingSpec spec_;
    Process process_;
    Group group_;
    Points data_;
    std::vector<Entry> entries_;
    std::vector<std::unique_ptr<ModelState>> states_;
    std::unique_ptr<IndexStream> rawIndices_, orbitIndices_;
    tbb::task_arena arena_;
    long step_ = 0;
    double seconds_ = 0.0, lastRate_ = 0.0;
    // The step's shared draws: times, noise, raw and orbit indices, random elements.
    std::vector<float> t_, alpha_, sigma_, weight_;
    PointsF z_;
    std::vector<int> rawIdx_, orbitIdx_, randomG_;
};

}  // namespace symscore
