#pragma once
// The paper's experiment (docs/math.md, section 8): W1 to the target against the training set
// size, for every model of a scenario, over repeated seeds.
//
// Runs. A sweep over sizes {n_0 < ...} and S seeds is R = sizes x S runs, indexed
// r = i * S + s for size index i and seed index s. Run r is runScenario on the scenario with
// data.n_train = n_i and the data, training and sampling seeds each shifted by s (so seed 0
// is the scenario itself, and runs of the same seed at different sizes share their random
// streams: the smaller training set is a prefix of the larger one). A run yields one row per
// model. Sharding (I/K) keeps the runs with r mod K == I, which deals every size out evenly.
//
// Determinism: a run's figures (w1, score_error, w1_floor) depend only on the scenario and
// (n, s), never on which runs ran before, beside it, or on how many threads each used
// (training and sampling are thread-count independent). train_seconds is a wall time.
//
// Parallelism: `parallelRuns` runs at once in one TBB arena, each isolated (a thread
// waiting inside a run never picks up another run) and training with cores/parallelRuns
// threads. On 2 cores, one run at a time with both cores is as fast or faster (see
// docs/results.md), so that is the default.
//
// Control: a stop flag ends the sweep within about a training chunk; runs in flight are
// dropped (never reported), later ones are not started. Resume: pass the indices of the runs
// already finished; they are skipped. Every finished run goes to onRun at once, so a caller
// can persist it before the next one ends.
//
// No Qt here. The rows' CSV (results.csv) is in sweep_csv, their summary in sweep_summary.
#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "core/sweep_csv.hpp"
#include "core/sweep_summary.hpp"

namespace symscore {

struct SweepSpec {
    std::vector<int> sizes;  // n_train values, each >= 1, strictly increasing
    int seeds = 5;           // seed indices 0 .. seeds-1
    int shardIndex = 0;      // this job runs r with r mod shardCount == shardIndex
    int shardCount = 1;
    int parallelRuns = 1;  // runs at once; 0 picks 1 (the measured best on 2 cores)
};

// The largest sweep: seeds, and runs (sizes x seeds), so that the run list and results stay
// small (docs/scenario.md).
inline constexpr int kMaxSweepSeeds = 10000;
inline constexpr long long kMaxSweepRuns = 100000;

// Throws std::invalid_argument naming the bad field (empty or unsorted sizes, seeds < 1 or
// above kMaxSweepSeeds, more than kMaxSweepRuns runs, shard index outside 0..count-1, ...).
void validateSweep(const SweepSpec& spec);

struct SweepRun {
    int index = 0;  // r
    int nTrain = 0;
    int seed = 0;  // seed index s
};
// Every run of the whole sweep (all shards), in index order.
std::vector<SweepRun> sweepRuns(const SweepSpec& spec);
// The runs of this spec's shard, in index order.
std::vector<SweepRun> shardRuns(const SweepSpec& spec);
// The scenario of one run: n_train and the seeds shifted by the seed index.
Scenario scenarioForRun(const Scenario& base, int nTrain, int seedIndex);

struct SweepRunResult {
    SweepRun run;
    std::vector<SweepRow> rows;  // in the scenario's model order
    double seconds = 0.0;        // wall time of the whole run
};

struct SweepProgress {
    int done = 0;             // runs finished in this shard, resumed ones included
    int total = 0;            // runs in this shard
    int running = 0;          // runs in flight
    double elapsed = 0.0;     // seconds since runSweep started
    double remaining = -1.0;  // estimated seconds left; < 0 until there is a basis
};

struct SweepCallbacks {
    // Both are called from worker threads, never two at a time.
    std::function<void(const SweepRunResult&)> onRun;    // each finished run, at once
    std::function<void(const SweepProgress&)> progress;  // at most ~5 times a second
};

struct SweepOutcome {
    std::vector<SweepRunResult> runs;  // those computed by this call, in index order
    bool stopped = false;
    double seconds = 0.0;
};

// Runs this shard's runs whose index is not in `finished`. Throws std::invalid_argument on a
// bad spec or a scenario that cannot run.
SweepOutcome runSweep(const Scenario& scenario, const SweepSpec& spec,
                      const std::set<int>& finished = {}, const SweepCallbacks& callbacks = {},
                      const std::atomic<bool>* stop = nullptr);

std::vector<std::string> modelNames(const Scenario& scenario);

}  // namespace symscore
