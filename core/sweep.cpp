#include "core/sweep.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/experiment.hpp"

namespace symscore {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

const char* statusWord(const ModelOutcome& m) {
    if (m.trainStatus == TrainStatus::Diverged) return "diverged";
    if (m.sampleStatus == SampleStatus::BlewUp) return "sampler_blew_up";
    return "ok";
}

}  // namespace

void validateSweep(const SweepSpec& spec) {
    if (spec.sizes.empty()) throw std::invalid_argument("sizes: empty");
    for (std::size_t i = 0; i < spec.sizes.size(); ++i) {
        if (spec.sizes[i] < 1)
            throw std::invalid_argument("sizes: " + std::to_string(spec.sizes[i]) +
                                        " is not a positive size");
        if (i > 0 && spec.sizes[i] <= spec.sizes[i - 1])
            throw std::invalid_argument("sizes: must be strictly increasing (" +
                                        std::to_string(spec.sizes[i - 1]) + " then " +
                                        std::to_string(spec.sizes[i]) + ")");
    }
    if (spec.seeds < 1)
        throw std::invalid_argument("seeds: must be at least 1, not " + std::to_string(spec.seeds));
    // Checked before anything is allocated or created: the run list alone of 2e9 seeds was
    // 24 GB.
    if (spec.seeds > kMaxSweepSeeds)
        throw std::invalid_argument("seeds: at most " + std::to_string(kMaxSweepSeeds) + ", not " +
                                    std::to_string(spec.seeds));
    if ((long long)spec.sizes.size() * spec.seeds > kMaxSweepRuns)
        throw std::invalid_argument("seeds: " + std::to_string(spec.sizes.size()) + " sizes x " +
                                    std::to_string(spec.seeds) + " seeds is more than " +
                                    std::to_string(kMaxSweepRuns) + " runs");
    if (spec.shardCount < 1)
        throw std::invalid_argument("shard: count must be at least 1, not " +
                                    std::to_string(spec.shardCount));
    if (spec.shardIndex < 0 || spec.shardIndex >= spec.shardCount)
        throw std::invalid_argument("shard: index " + std::to_string(spec.shardIndex) +
                                    " is not in 0.." + std::to_string(spec.shardCount - 1));
    if (spec.parallelRuns < 0) throw std::invalid_argument("parallel-runs: must be at least 0");
}

std::vector<SweepRun> sweepRuns(const SweepSpec& spec) {
    std::vector<SweepRun> runs;
    for (std::size_t i = 0; i < spec.sizes.size(); ++i)
        for (int s = 0; s < spec.seeds; ++s)
            runs.push_back({int(i) * spec.seeds + s, spec.sizes[i], s});
    return runs;
}

std::vector<SweepRun> shardRuns(const SweepSpec& spec) {
    std::vector<SweepRun> runs;
    for (const SweepRun& r : sweepRuns(spec))
        if (r.index % spec.shardCount == spec.shardIndex) runs.push_back(r);
    return runs;
}

Scenario scenarioForRun(const Scenario& base, int nTrain, int seedIndex) {
    Scenario s = base;
    s.data.n_train = nTrain;
    const auto shift = static_cast<unsigned long long>(seedIndex);
    s.data.seed += shift;
    s.training.seed += shift;
    s.sampling.seed += shift;
    return s;
}

std::vector<std::string> modelNames(const Scenario& scenario) {
    std::vector<std::string> names;
    for (const ModelSpec& m : scenario.models) names.push_back(m.name);
    return names;
}

namespace {

// A sweep's progress as the runs go (call every member with the sweep's mutex held): runs
// done, resumed and running, the fraction of each run in flight, and the share of a run's
// time that training takes, learned from the runs that finished (about 0.7 on the C4 preset).
class ProgressMeter {
  public:
    ProgressMeter(int total, int resumed, std::size_t todo, const SweepCallbacks& callbacks)
        : total_(total),
          done_(resumed),
          resumed_(resumed),
          inFlight_(todo, -1.0),
          callbacks_(callbacks) {}

    double trainShare() const {
        return runSeconds_ > 0 ? std::clamp(trainSeconds_ / runSeconds_, 0.05, 0.95) : 0.7;
    }
    void started(std::size_t k) {
        ++running_;
        inFlight_[k] = 0.0;
        report(true);
    }
    // Run k is this far (0..1); reported at most 5 times a second.
    void advanced(std::size_t k, double fraction) {
        inFlight_[k] = std::max(inFlight_[k], fraction);
        report(false);
    }
    void training(std::size_t k, double fraction) {
        inFlight_[k] = fraction;
        report(false);
    }
    void ended(std::size_t k) {
        --running_;
        inFlight_[k] = -1.0;
    }
    void finished(const SweepRunResult& result) {
        ++done_;
        if (!result.rows.empty() && result.rows.front().trainSeconds) {
            trainSeconds_ += *result.rows.front().trainSeconds;
            runSeconds_ += result.seconds;
        }
    }
    int done() const { return done_; }

    void report(bool force) {
        if (!callbacks_.progress) return;
        const auto now = Clock::now();
        if (!force && now - lastReport_ < std::chrono::milliseconds(200)) return;
        lastReport_ = now;
        SweepProgress p;
        p.done = done_;
        p.total = total_;
        p.running = running_;
        p.elapsed = secondsSince(t0_);
        double work = double(done_ - resumed_);
        for (double f : inFlight_)
            if (f > 0) work += f;
        const double left = double(inFlight_.size()) - work;
        if (work > 0.02) p.remaining = std::max(0.0, p.elapsed / work * left);
        if (left <= 0) p.remaining = 0.0;
        callbacks_.progress(p);
    }

  private:
    const Clock::time_point t0_ = Clock::now();
    int total_, done_, resumed_, running_ = 0;
    std::vector<double> inFlight_;  // fraction of each run to do, -1 if not running
    Clock::time_point lastReport_ = Clock::now() - std::chrono::seconds(1);
    double trainSeconds_ = 0.0, runSeconds_ = 0.0;  // over finished runs
    const SweepCallbacks& callbacks_;
};

// One row per model of a finished run.
SweepRunResult resultOf(const SweepRun& run, const RunOutcome& r, double seconds) {
    SweepRunResult result;
    result.run = run;
    result.seconds = seconds;
    for (const ModelOutcome& m : r.models) {
        SweepRow row;
        row.run = run.index;
        row.model = m.name;
        row.nTrain = run.nTrain;
        row.seed = run.seed;
        row.w1 = m.w1;
        row.scoreError = m.scoreError;
        row.trainSeconds = m.trainSeconds;
        row.w1Floor = r.w1Floor;
        row.status = statusWord(m);
        result.rows.push_back(std::move(row));
    }
    return result;
}

// Calls runOne(0 .. count-1), `parallel` at a time, until stopped.
template <class RunOne, class Stopped>
void runAll(std::size_t count, int parallel, RunOne runOne, Stopped stopped) {
    if (parallel == 1) {
        for (std::size_t k = 0; k < count && !stopped(); ++k) runOne(k);
        return;
    }
    tbb::task_arena arena(parallel);
    arena.execute([&] {
        tbb::parallel_for(
            tbb::blocked_range<std::size_t>(0, count, 1),
            [&](const tbb::blocked_range<std::size_t>& range) {
                // Isolated: a thread waiting inside this run's own parallel loops never
                // starts another run on top of it.
                for (std::size_t k = range.begin(); k != range.end(); ++k)
                    tbb::this_task_arena::isolate([&] { runOne(k); });
            },
            tbb::simple_partitioner());
    });
}

}  // namespace

SweepOutcome runSweep(const Scenario& scenario, const SweepSpec& spec,
                      const std::set<int>& finished, const SweepCallbacks& callbacks,
                      const std::atomic<bool>* stop) {
    validateSweep(spec);
    const auto t0 = Clock::now();
    const std::vector<SweepRun> mine = shardRuns(spec);
    std::vector<SweepRun> todo;
    for (const SweepRun& r : mine)
        if (!finished.count(r.index)) todo.push_back(r);

    const int cores = std::max(1, tbb::info::default_concurrency());
    const int parallel = std::clamp(spec.parallelRuns == 0 ? 1 : spec.parallelRuns, 1,
                                    std::max(1, int(todo.size())));
    const int trainThreads = std::max(1, cores / parallel);

    SweepOutcome out;
    std::mutex mutex;  // guards out, the meter and the callbacks
    ProgressMeter meter(int(mine.size()), int(mine.size() - todo.size()), todo.size(), callbacks);
    auto stopped = [&] { return stop && stop->load(); };

    auto runOne = [&](std::size_t k) {
        if (stopped()) return;
        const SweepRun run = todo[k];
        {
            std::lock_guard lock(mutex);
            meter.started(k);
        }
        Scenario sc = scenarioForRun(scenario, run.nTrain, run.seed);
        sc.training.threads = trainThreads;  // never changes a figure, only the speed
        RunCallbacks cb;
        // Training is most of a run's time, sampling and measuring the rest.
        cb.training = [&](const TrainProgress& p) {
            if (p.totalSteps <= 0) return;
            std::lock_guard lock(mutex);
            meter.training(k, meter.trainShare() * double(p.step) / double(p.totalSteps));
        };
        cb.stage = [&](const std::string& stage) {
            if (stage != "measuring scores") return;
            std::lock_guard lock(mutex);
            meter.advanced(k, meter.trainShare());
        };
        const auto runStart = Clock::now();
        const RunOutcome r = runScenario(sc, cb, stop);
        SweepRunResult result = resultOf(run, r, secondsSince(runStart));
        std::lock_guard lock(mutex);
        meter.ended(k);
        if (r.stopped || stopped()) {
            meter.report(true);
            return;
        }
        meter.finished(result);
        if (callbacks.onRun) callbacks.onRun(result);
        out.runs.push_back(std::move(result));
        meter.report(true);
    };
    runAll(todo.size(), parallel, runOne, stopped);

    std::sort(
        out.runs.begin(), out.runs.end(),
        [](const SweepRunResult& a, const SweepRunResult& b) { return a.run.index < b.run.index; });
    std::lock_guard lock(mutex);
    out.stopped = stop && stop->load() && meter.done() < int(mine.size());
    out.seconds = secondsSince(t0);
    meter.report(true);
    return out;
}

}  // namespace symscore
