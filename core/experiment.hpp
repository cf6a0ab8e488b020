#pragma once
// One scenario end to end, as `symscore-cli run` and the sweep do it: train every learned
// model side by side, sample every model (the oracle included), and measure each against
// the target: exact (or sliced) W1 to a fresh target sample with its noise floor, held-out
// DSM loss, exact score error, symmetry violation and equivariance defect.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/sampler.hpp"
#include "core/scenario.hpp"
#include "core/trainer.hpp"

namespace symscore {

struct ModelOutcome {
    std::string name;
    bool learned = true;  // false for the oracle
    Points samples;
    double w1 = 0.0;
    std::optional<double> dsmLoss;  // none for the oracle
    double scoreError = 0.0;
    double symmetryViolation = 0.0;
    double equivarianceDefect = 0.0;
    std::optional<double> trainSeconds;  // wall time of the side-by-side run; none for the oracle
    TrainStatus trainStatus = TrainStatus::Finished;
    SampleStatus sampleStatus = SampleStatus::Finished;
    std::string message;  // why training or sampling stopped early
};

struct RunOutcome {
    int n = 0;                   // points in each W1
    double w1Floor = 0.0;        // W1 between two independent n-samples of the target: mean
    double w1FloorSpread = 0.0;  // and standard deviation over the pairs (core/w1_readout)
    std::vector<ModelOutcome> models;
    Points trainingSet;
    bool stopped = false;  // the stop flag ended it early; the figures are incomplete
};

struct RunCallbacks {
    ProgressCallback training;                      // from the trainer's thread
    std::function<void(const std::string&)> stage;  // "sampling plain", ...
};

// Throws std::invalid_argument on a scenario that cannot run.
RunOutcome runScenario(const Scenario& scenario, const RunCallbacks& callbacks = {},
                       const std::atomic<bool>* stop = nullptr);

}  // namespace symscore
