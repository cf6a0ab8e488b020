#include "core/sweep_plan.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/metrics.hpp"
#include "core/sampler.hpp"
#include "core/score_field.hpp"
#include "core/sweep.hpp"
#include "core/trainer.hpp"
#include "core/wasserstein.hpp"

namespace symscore {

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double timed(F&& f) {
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Sampler steps timed per model: enough for a stable rate, a small part of the full count.
constexpr int kCalibrationSamplerSteps = 20;
// Training is timed over at least this long (or every step, if the run is shorter).
constexpr double kCalibrationTrainSeconds = 0.4;

// Seconds per training step of all learned models together, and the trained entries.
double timeTraining(Trainer& trainer) {
    trainer.run(2);  // warm-up: first-touch allocations, thread start
    long left = trainer.totalSteps() - 2;
    long batch = 4, timedSteps = 0;
    double seconds = 0.0;
    while (left > 0 && seconds < kCalibrationTrainSeconds) {
        const long n = std::min(batch, left);
        seconds += timed([&] { trainer.run(n); });
        timedSteps += n;
        left -= n;
        batch *= 2;
    }
    return timedSteps > 0 ? seconds / double(timedSteps) : 0.0;
}

}  // namespace

RunCost calibrateRunCost(const Scenario& base, int nTrain, int threads) {
    if (threads < 1) throw std::invalid_argument("threads: must be at least 1");
    Scenario sc = scenarioForRun(base, nTrain, 0);
    sc.training.threads = threads;
    RunCost cost;
    cost.threads = threads;
    const auto start = Clock::now();
    tbb::task_arena arena(threads);
    arena.execute([&] {
        const Group group = sc.makeGroup();
        const Mixture target = sc.makeTarget();
        const Process process = sc.makeProcess();
        std::vector<std::shared_ptr<const ScoreField>> fields;
        const bool anyLearned =
            std::any_of(sc.models.begin(), sc.models.end(),
                        [](const ModelSpec& m) { return m.equivariance != Equivariance::Exact; });
        std::unique_ptr<Trainer> trainer;
        if (anyLearned) {
            trainer = std::make_unique<Trainer>(sc);
            cost.trainSecondsPerStep = timeTraining(*trainer);
            cost.trainSteps = sc.training.steps;
            cost.trainSeconds = cost.trainSecondsPerStep * double(cost.trainSteps);
        }
        const auto exact = std::make_shared<ExactScore>(target, process);
        std::size_t learned = 0;
        for (const ModelSpec& m : sc.models) {
            if (m.equivariance == Equivariance::Exact)
                fields.push_back(exact);
            else
                fields.push_back(trainer->models()[learned++].model);
        }

        const EvaluationSet evalSet = makeEvaluationSet(sc);
        SamplerOptions options = samplerOptions(sc.sampling);
        const int fullSteps = options.steps;
        options.steps = std::min(fullSteps, kCalibrationSamplerSteps);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const ScoreField& field = *fields[i];
            cost.scoreSeconds += timed([&] {
                if (sc.models[i].equivariance != Equivariance::Exact)
                    heldOutDsmLoss(field, process, evalSet);
                scoreErrors(field, *exact, group, evalSet);
            });
            cost.sampleSeconds +=
                timed([&] { sample(field, process, options); }) * fullSteps / options.steps;
        }

        const int n = std::min(sc.metrics.w1_points, sc.sampling.particles);
        Rng ra(sc.sampling.seed, 1), rb(sc.sampling.seed, 2);
        const Points a = target.sample(n, ra), b = target.sample(n, rb);
        const double oneW1 = timed([&] { w1(a, b, sc.metrics.w1_method); });
        cost.w1Seconds = oneW1 * double(fields.size());
        cost.floorSeconds = 3 * timed([&] { w1Exact(a, b); });  // w1NoiseFloor: 3 exact W1s
    });
    cost.calibrationSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return cost;
}

ShardPlan planShards(int runs, double runSeconds, double shardOverheadSeconds, double wallSeconds,
                     double margin) {
    if (runs < 1) throw std::invalid_argument("runs: must be at least 1");
    if (!(wallSeconds > 0)) throw std::invalid_argument("wall time: must be positive");
    if (!(margin >= 1)) throw std::invalid_argument("margin: must be at least 1");
    auto shardSeconds = [&](int perShard) {
        return double(perShard) * runSeconds + shardOverheadSeconds;
    };
    ShardPlan plan;
    // The most runs a shard may hold and still fit; K = ceil(runs / that).
    const double perShardFits =
        std::floor((wallSeconds / margin - shardOverheadSeconds) / std::max(runSeconds, 1e-9));
    if (perShardFits < 1) {
        plan.fits = false;
        plan.shards = runs;
    } else {
        const int perShard = int(std::min<double>(perShardFits, runs));
        plan.shards = (runs + perShard - 1) / perShard;
    }
    plan.runsPerShard = (runs + plan.shards - 1) / plan.shards;
    plan.shardSeconds = shardSeconds(plan.runsPerShard);
    plan.timeLimitSeconds = std::ceil(plan.shardSeconds * margin / 60.0) * 60.0;
    return plan;
}

std::string slurmTime(double seconds) {
    const long minutes = std::max(1L, long(std::ceil(seconds / 60.0 - 1e-9)));
    const long days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
    char text[48];
    if (days > 0)
        std::snprintf(text, sizeof text, "%ld-%02ld:%02ld:00", days, hours, mins);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld:00", hours, mins);
    return text;
}

}  // namespace symscore
