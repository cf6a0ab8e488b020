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
    std::mutex mutex;  // guards out, the counters and the callbacks
    int done = int(mine.size() - todo.size());
    const int resumed = done;
    int running = 0;
    std::vector<double> inFlight(todo.size(), -1.0);  // fraction of each run, -1 if not running
    auto lastReport = Clock::now() - std::chrono::seconds(1);
    double trainSecondsSum = 0.0, runSecondsSum = 0.0;  // over finished runs
    auto trainShare = [&] {
        return runSecondsSum > 0 ? std::clamp(trainSecondsSum / runSecondsSum, 0.05, 0.95) : 0.7;
    };
    auto stopped = [&] { return stop && stop->load(); };

    // Call with the mutex held.
    auto report = [&](bool force) {
        if (!callbacks.progress) return;
        const auto now = Clock::now();
        if (!force && now - lastReport < std::chrono::milliseconds(200)) return;
        lastReport = now;
        SweepProgress p;
        p.done = done;
        p.total = int(mine.size());
        p.running = running;
        p.elapsed = secondsSince(t0);
        double work = double(done - resumed);
        for (double f : inFlight)
            if (f > 0) work += f;
        const double left = double(todo.size()) - work;
        if (work > 0.02) p.remaining = std::max(0.0, p.elapsed / work * left);
        if (left <= 0) p.remaining = 0.0;
        callbacks.progress(p);
    };

    auto runOne = [&](std::size_t k) {
        if (stopped()) return;
        const SweepRun run = todo[k];
        {
            std::lock_guard lock(mutex);
            ++running;
            inFlight[k] = 0.0;
            report(true);
        }
        Scenario sc = scenarioForRun(scenario, run.nTrain, run.seed);
        sc.training.threads = trainThreads;  // never changes a figure, only the speed
        RunCallbacks cb;
        // Training is most of a run's time, sampling and measuring the rest; the share is
        // learned from the runs that finished (about 0.7 on the C4 preset).
        cb.training = [&](const TrainProgress& p) {
            if (p.totalSteps <= 0) return;
            std::lock_guard lock(mutex);
            inFlight[k] = trainShare() * double(p.step) / double(p.totalSteps);
            report(false);
        };
        cb.stage = [&](const std::string& stage) {
            if (stage != "measuring scores") return;
            std::lock_guard lock(mutex);
            inFlight[k] = std::max(inFlight[k], trainShare());
            report(false);
        };
        const auto runStart = Clock::now();
        const RunOutcome r = runScenario(sc, cb, stop);
        SweepRunResult result;
        result.run = run;
        result.seconds = secondsSince(runStart);
        std::lock_guard lock(mutex);
        --running;
        inFlight[k] = -1.0;
        if (r.stopped || stopped()) {
            report(true);
            return;
        }
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
        ++done;
        if (!result.rows.empty() && result.rows.front().trainSeconds) {
            trainSecondsSum += *result.rows.front().trainSeconds;
            runSecondsSum += result.seconds;
        }
        if (callbacks.onRun) callbacks.onRun(result);
        out.runs.push_back(std::move(result));
        report(true);
    };

    if (parallel == 1) {
        for (std::size_t k = 0; k < todo.size() && !stopped(); ++k) runOne(k);
    } else {
        tbb::task_arena arena(parallel);
        arena.execute([&] {
            tbb::parallel_for(
                tbb::blocked_range<std::size_t>(0, todo.size(), 1),
                [&](const tbb::blocked_range<std::size_t>& range) {
                    // Isolated: a thread waiting inside this run's own parallel loops never
                    // starts another run on top of it.
                    for (std::size_t k = range.begin(); k != range.end(); ++k)
                        tbb::this_task_arena::isolate([&] { runOne(k); });
                },
                tbb::simple_partitioner());
        });
    }
    std::sort(
        out.runs.begin(), out.runs.end(),
        [](const SweepRunResult& a, const SweepRunResult& b) { return a.run.index < b.run.index; });
    out.stopped = stop && stop->load() && done < int(mine.size());
    out.seconds = secondsSince(t0);
    {
        std::lock_guard lock(mutex);
        report(true);
    }
    return out;
}

}  // namespace symscore
