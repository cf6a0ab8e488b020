// symscore-cli sweep SCENARIO --sizes ... --seeds S --plan [--wall HOURS] [--cpus C]
// Measures what one run of the sweep costs here (core/sweep_plan) and suggests how many
// shards K and which Slurm --time make each shard's job fit the target wall time.
#include "app/cli_sweep_plan.hpp"

#include <tbb/info.h>

#include <QFileInfo>
#include <QJsonArray>
#include <cmath>

#include "core/sweep.hpp"
#include "core/sweep_plan.hpp"

namespace symscore::cli {

namespace {

// A job's time limit is the estimate times this: compute nodes are not the machine that
// planned, and a job that hits its limit loses the run in flight (never the finished ones).
constexpr double kMargin = 1.5;

// v to `digits` decimals, so the JSON shows 1.495, not 1.4949000000000001.
double rounded(double v, int digits) {
    const double scale = std::pow(10.0, digits);
    return std::round(v * scale) / scale;
}

}  // namespace

int printSweepPlan(const Args& args, const io::SweepDescription& d, const QString& scenarioPath) {
    if (args.options.contains("shard"))
        throw CliError("--plan: sizes the whole sweep (every shard); leave out --shard");
    const double wallHours = args.number("wall", 4.0);
    if (!(wallHours > 0) || wallHours > 24 * 365)
        throw CliError("--wall: " + args.options.value("wall").toStdString() +
                       " is not a number of hours in (0, 8760]");
    const int cpus = args.integer("cpus", 1);
    if (cpus < 1 || cpus > 4096) throw CliError("--cpus: must be between 1 and 4096");
    const int cores = std::max(1, tbb::info::default_concurrency());  // follows the CPU mask
    const int threads = std::min(cpus, cores);
    if (threads < cpus)
        log(QString("sweep --plan: measured with the %1 cores here, not %2")
                .arg(threads)
                .arg(cpus));

    const int runs = int(sweepRuns(d.spec).size());
    log(QString("sweep --plan: timing a run of %1 with %2 thread(s)...")
            .arg(QString::fromStdString(d.scenario.name), QString::number(threads)));
    const RunCost cost = calibrateRunCost(d.scenario, d.spec.sizes.back(), threads);
    const double runSeconds = cost.runSeconds();
    const ShardPlan plan =
        planShards(runs, runSeconds, cost.floorSeconds, wallHours * 3600.0, kMargin);
    const std::string time = slurmTime(plan.timeLimitSeconds);

    const QString submit =
        QString(
            "scripts/cluster/submit.sh --scenario %1 --sizes %2 --seeds %3 --shards %4 "
            "--cpus %5 --time %6 --out DIR")
            .arg(QFileInfo(scenarioPath).absoluteFilePath(), io::sizesText(d.spec.sizes),
                 QString::number(d.spec.seeds), QString::number(plan.shards), QString::number(cpus),
                 QString::fromStdString(time));
    QJsonArray sizes;
    for (int n : d.spec.sizes) sizes.append(n);
    printJson(QJsonObject{
        {"scenario", QString::fromStdString(d.scenario.name)},
        {"sizes", sizes},
        {"seeds", d.spec.seeds},
        {"runs", runs},
        {"cpus", cpus},
        {"threads_measured", threads},
        {"seconds_per_run", rounded(runSeconds, 3)},
        {"cpu_seconds_per_run", rounded(runSeconds * threads, 3)},
        {"cpu_hours", rounded(runSeconds * threads * runs / 3600.0, 4)},
        {"cost", QJsonObject{{"train_seconds_per_step", rounded(cost.trainSecondsPerStep, 6)},
                             {"train_steps", double(cost.trainSteps)},
                             {"train_seconds", rounded(cost.trainSeconds, 3)},
                             {"score_seconds", rounded(cost.scoreSeconds, 3)},
                             {"sample_seconds", rounded(cost.sampleSeconds, 3)},
                             {"w1_seconds", rounded(cost.w1Seconds, 3)},
                             {"shard_overhead_seconds", rounded(cost.floorSeconds, 3)}}},
        {"calibration_seconds", rounded(cost.calibrationSeconds, 2)},
        {"wall_hours", wallHours},
        {"margin", kMargin},
        {"suggested_shards", plan.shards},
        {"runs_per_shard", plan.runsPerShard},
        {"shard_seconds", rounded(plan.shardSeconds, 1)},
        {"slurm_time", QString::fromStdString(time)},
        {"fits", plan.fits},
        {"submit", submit},
    });
    if (!plan.fits)
        log(QString("sweep --plan: one run (%1 s with the margin) is longer than --wall %2 h; "
                    "each shard gets one run and --time %3")
                .arg(runSeconds * kMargin, 0, 'f', 0)
                .arg(wallHours)
                .arg(QString::fromStdString(time)));
    return 0;
}

}  // namespace symscore::cli
