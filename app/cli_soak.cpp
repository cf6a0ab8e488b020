// symscore-cli soak [--minutes M | --cycles N]: train / sample / measure / sweep cycles in one
// process, for as long as asked, checking that every cycle's results are valid and that the
// resident memory stays bounded (a leak grows it cycle after cycle; caches do not).
//
// A cycle takes the next preset (all six in turn, so every group, process and model kind is
// exercised), shrinks it to a second or two of work, shifts its seeds by the cycle number,
// and runs it end to end; every fourth cycle also runs a two-size sweep and round-trips its
// results.csv, a model file and a point cloud through the file layer.
//
// Memory: after each cycle the allocator returns its free pages (malloc_trim), so the
// resident size measures what is still held. The first two rotations of the presets are the
// warm-up (thread pools, TBB arenas, caches reach their working size); after it, the
// resident size must stay under 1.1 x the warm-up peak + 32 MiB.
#include <malloc.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <cmath>

#include "app/cli_common.hpp"
#include "core/experiment.hpp"
#include "core/io/model_file.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/presets.hpp"
#include "core/io/sweep_files.hpp"
#include "core/sweep.hpp"

namespace symscore::cli {

namespace {

double residentMiB() {
    malloc_trim(0);
    QFile statm("/proc/self/statm");
    if (!statm.open(QIODevice::ReadOnly)) return std::nan("");
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1
               ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0)
               : std::nan("");
}

Scenario shrunk(Scenario s, int cycle) {
    s.training.steps = 300;
    s.sampling.particles = 500;
    s.sampling.steps = 200;
    s.metrics.w1_points = 500;
    s.data.seed += unsigned(cycle);
    s.training.seed += unsigned(cycle);
    s.sampling.seed += unsigned(cycle);
    return s;
}

// The problems of one run's results, empty when they are valid.
QStringList checkRun(const Scenario& s, const RunOutcome& out) {
    QStringList problems;
    if (out.stopped) problems << "run stopped early";
    if (!(std::isfinite(out.w1Floor) && out.w1Floor > 0)) problems << "w1 floor not finite";
    if (out.models.size() != s.models.size()) problems << "wrong number of models";
    for (const ModelOutcome& m : out.models) {
        const QString name = QString::fromStdString(m.name);
        if (m.trainStatus != TrainStatus::Finished) problems << name + ": training did not finish";
        if (m.sampleStatus != SampleStatus::Finished)
            problems << name + ": sampling did not finish";
        if (m.samples.rows() != s.sampling.particles || !m.samples.allFinite())
            problems << name + ": samples missing or not finite";
        if (!(std::isfinite(m.w1) && m.w1 >= 0)) problems << name + ": W1 not finite";
        if (!std::isfinite(m.scoreError)) problems << name + ": score error not finite";
    }
    return problems;
}

// A small sweep and the file round trips; the problems found, empty when all is well.
QStringList checkFiles(const Scenario& s, int cycle) {
    QStringList problems;
    QTemporaryDir dir;
    SweepSpec spec;
    spec.sizes = {8, 16};
    spec.seeds = 1;
    const SweepOutcome sweep = runSweep(s, spec);
    std::vector<SweepRow> rows;
    for (const SweepRunResult& r : sweep.runs)
        rows.insert(rows.end(), r.rows.begin(), r.rows.end());
    io::writeSweepResults(dir.path(), rows);
    const auto back = io::readSweepResults(dir.path(), io::SweepDescription::of(s, spec));
    if (sweepCsv(back) != sweepCsv(rows)) problems << "results.csv did not read back equal";
    for (const SweepRow& r : rows)
        if (!std::isfinite(r.w1)) problems << "sweep: W1 not finite";

    auto model = makeNeuralScore(modelConfig(s, s.models.back()), std::uint64_t(cycle));
    const QString modelPath = dir.filePath("m.symscore-model");
    io::saveModel(modelPath, *model, "m", io::scenarioFingerprint(s));
    const io::LoadedModel loaded = io::loadModel(modelPath, model->config());
    if (io::modelToBytes(*loaded.model, "m", io::scenarioFingerprint(s)) !=
        io::modelToBytes(*model, "m", io::scenarioFingerprint(s)))
        problems << "model file did not read back equal";

    Rng rng(std::uint64_t(cycle), 5);
    const Points cloud = s.makeTarget().sample(300, rng);
    io::writePointsCsv(dir.filePath("p.csv"), cloud);
    if (!(io::readPointsCsv(dir.filePath("p.csv")) - cloud).isZero(1e-12))
        problems << "point cloud did not read back equal";
    return problems;
}

int cmdSoak(const Args& args) {
    if (!args.positional.isEmpty())
        throw CliError("usage: symscore-cli soak --minutes M | --cycles N");
    const double minutes = args.number("minutes", 0.0);
    const int cycles = args.integer("cycles", 0);
    if ((minutes > 0) == (cycles > 0))
        throw CliError("give either --minutes M or --cycles N (positive)");
    const QList<io::Preset>& presets = io::presets();
    const int warmup = 2 * int(presets.size());

    QElapsedTimer clock;
    clock.start();
    QJsonArray rss, failures;
    double warmupPeak = 0.0, laterPeak = 0.0;
    int cycle = 0;
    for (; cycles > 0 ? cycle < cycles : clock.elapsed() < minutes * 60000.0; ++cycle) {
        const io::Preset& preset = presets[cycle % presets.size()];
        const Scenario s = shrunk(io::loadPreset(preset.name), cycle);
        QStringList problems;
        try {
            problems = checkRun(s, runScenario(s));
            if (cycle % 4 == 3) problems += checkFiles(s, cycle);
        } catch (const std::exception& e) {
            problems << QString::fromUtf8(e.what());
        }
        for (const QString& p : problems)
            failures.append(QString("cycle %1 (%2): %3").arg(cycle).arg(preset.name, p));
        const double mib = residentMiB();
        rss.append(std::round(mib * 10) / 10);
        double& peak = cycle < warmup ? warmupPeak : laterPeak;
        peak = std::max(peak, mib);
        log(QString("soak: cycle %1 %2: %3, %4 MiB resident")
                .arg(cycle)
                .arg(preset.name, problems.isEmpty() ? "ok" : problems.join("; "))
                .arg(mib, 0, 'f', 1));
    }
    const double limit = 1.1 * warmupPeak + 32.0;
    const bool judged = cycle > warmup;
    const bool bounded = !judged || laterPeak <= limit;
    printJson(QJsonObject{{"cycles", cycle},
                          {"seconds", clock.elapsed() / 1000.0},
                          {"rss_mib", rss},
                          {"warmup_cycles", warmup},
                          {"warmup_peak_mib", warmupPeak},
                          {"peak_after_warmup_mib", judged ? QJsonValue(laterPeak) : QJsonValue()},
                          {"limit_mib", limit},
                          {"memory_bounded", judged ? QJsonValue(bounded) : QJsonValue()},
                          {"failures", failures}});
    if (!failures.isEmpty())
        throw CliError(QString("%1 cycle problem(s), first: %2")
                           .arg(failures.size())
                           .arg(failures[0].toString())
                           .toStdString());
    if (!bounded)
        throw CliError(QString("resident memory grew to %1 MiB after the warm-up, limit %2 MiB")
                           .arg(laterPeak, 0, 'f', 1)
                           .arg(limit, 0, 'f', 1)
                           .toStdString());
    return 0;
}

const RegisterCommand soakCommand{"soak",
                                  cmdSoak,
                                  {{"minutes", Value::Number}, {"cycles", Value::Integer}},
                                  Gui::No,
                                  "soak --minutes M | --cycles N"};

}  // namespace
}  // namespace symscore::cli
