#pragma once
// Sizing a sweep before running it (`symscore-cli sweep ... --plan`): what one run costs on
// this machine, measured in a second or two, and how to split the sweep into shards so that
// each job fits a wall-time target (docs/cluster.md).
//
// A run (core/experiment) trains every learned model side by side, then for each model
// measures its scores on the evaluation set, samples it and computes W1. calibrateRunCost
// times each phase with the scenario's own settings and extrapolates only along what the
// cost is linear in: training steps (each step costs the same: the batch, not the training
// set, sets it) and sampler steps. Scoring runs in full, and one W1 of the scenario's size
// between two target samples stands for each model's. The W1 noise floor is computed once
// per process (it is cached), so it is a per-shard cost, not a per-run one.
#include <string>

#include "core/scenario.hpp"

namespace symscore {

struct RunCost {
    int threads = 1;                   // the threads it was measured with
    double trainSecondsPerStep = 0.0;  // all learned models together
    long trainSteps = 0;
    double trainSeconds = 0.0;   // trainSecondsPerStep x trainSteps
    double scoreSeconds = 0.0;   // held-out loss and score errors of every model
    double sampleSeconds = 0.0;  // every model, the oracle included
    double w1Seconds = 0.0;      // one W1 per model
    double floorSeconds = 0.0;   // the W1 noise floor: once per shard
    double calibrationSeconds = 0.0;
    double runSeconds() const { return trainSeconds + scoreSeconds + sampleSeconds + w1Seconds; }
};

// Measures a run of `scenario` at n_train = nTrain with `threads` threads (training and the
// parallel loops of sampling and W1). Throws std::invalid_argument on a scenario that
// cannot run.
RunCost calibrateRunCost(const Scenario& scenario, int nTrain, int threads);

struct ShardPlan {
    int shards = 1;               // suggested K
    int runsPerShard = 0;         // the most runs any shard gets: ceil(runs / K)
    double shardSeconds = 0.0;    // runsPerShard x seconds per run + per-shard cost
    double timeLimitSeconds = 0;  // shardSeconds x margin, rounded up to whole minutes
    bool fits = true;             // false when a single run already exceeds the target
};

// The fewest shards whose longest one, times `margin`, fits in wallSeconds; all `runs`
// shards (one run each) when nothing fits. runs >= 1, wallSeconds > 0, margin >= 1.
ShardPlan planShards(int runs, double runSeconds, double shardOverheadSeconds, double wallSeconds,
                     double margin);

// A Slurm --time value: "H:MM:SS", or "D-HH:MM:SS" from a day up; seconds rounded up to
// whole minutes.
std::string slurmTime(double seconds);

}  // namespace symscore
