// symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard I/K]
// symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --plan [--wall HOURS] [--cpus C]
// symscore-cli merge DIR1 DIR2 ... --out DIR
// The paper's experiment (docs/scenario.md, docs/math.md, section 8) over core/sweep.
//
// A sweep directory holds sweep.json (what the sweep is: the scenario with its defaults
// filled in, sizes, seeds and shard), results.csv (one row per model and finished run,
// rewritten atomically after every run) and, once the sweep is done, w1_vs_n.png. Running
// the same command on the same directory resumes it: the runs already in results.csv are
// skipped. merge joins the directories of all K shards into the directory the unsharded
// sweep would have written (shard 0/1), rows sorted by run index. --plan only sizes the
// sweep (cli_sweep_plan.cpp) and writes nothing.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <atomic>
#include <chrono>
#include <cmath>

#include "app/cli_common.hpp"
#include "app/cli_sweep_plan.hpp"
#include "core/io/folder_lock.hpp"
#include "core/io/scenario_json.hpp"
#include "core/io/sweep_files.hpp"
#include "core/io/sweep_session.hpp"
#include "core/sweep.hpp"
#ifdef SYMSCORE_HAVE_FIGURES
#include "ui/figures/sweep_figure.hpp"
#endif

namespace symscore::cli {

namespace {

CliError error(const QString& text) { return CliError(text.toStdString()); }

using io::SweepDescription;

void writeAtomically(const QString& path, const QByteArray& bytes) {
    io::writeFileAtomically(path, bytes);
}
SweepDescription readDescription(const QString& dir) { return io::readSweepDescription(dir); }
QString difference(const SweepDescription& a, const SweepDescription& b) {
    return io::sweepDifference(a, b);
}
std::vector<SweepRow> readResults(const QString& dir, const SweepDescription& d) {
    return io::readSweepResults(dir, d);
}

QString figureTitle(const SweepDescription& d) {
    return QString("%1: W1 against n_train, %2 seeds")
        .arg(QString::fromStdString(d.scenario.name), QString::number(d.spec.seeds));
}

// w1_vs_n.png and the JSON summary of a finished (or merged) sweep directory.
QJsonObject finish(const QString& dir, const SweepDescription& d,
                   const std::vector<SweepRow>& rows) {
    const SweepSummary summary = summarizeSweep(rows, modelNames(d.scenario));
#ifdef SYMSCORE_HAVE_FIGURES
    writeAtomically(
        QDir(dir).filePath("w1_vs_n.png"),
        pngBytes(ui::renderSweep(summary, figureTitle(d)), QDir(dir).filePath("w1_vs_n.png")));
#else
    log("sweep: built without figures (SYMSCORE_BUILD_FIGURES off), so no w1_vs_n.png");
#endif
    QJsonObject models;
    for (const std::string& m : summary.models) {
        QJsonArray cells;
        for (int n : summary.sizes) {
            const SweepCell* c = summary.cell(m, n);
            if (!c) continue;
            cells.append(QJsonObject{
                {"n_train", n},
                {"w1_mean", jsonNumber(c->w1Mean)},
                {"w1_std", c->count > 1 ? jsonNumber(c->w1Std) : QJsonValue(QJsonValue::Null)},
                {"seeds", c->count},
                {"failed", c->failed},
                {"score_error_mean", jsonNumber(c->scoreErrorMean)}});
        }
        models[QString::fromStdString(m)] = cells;
    }
    QJsonArray sizes;
    for (int n : d.spec.sizes) sizes.append(n);
    return QJsonObject{
        {"scenario", QString::fromStdString(d.scenario.name)},
        {"sizes", sizes},
        {"seeds", d.spec.seeds},
        {"shard", d.shardText()},
        {"runs", int(shardRuns(d.spec).size())},
        {"runs_done", int(completeRuns(rows, modelNames(d.scenario)).size())},
        {"w1_points", std::min(d.scenario.metrics.w1_points, d.scenario.sampling.particles)},
        {"w1_floor", jsonNumber(summary.w1Floor)},
        {"models", models}};
}

std::vector<int> parseSizes(const QString& text) {
    std::vector<int> sizes;
    for (const QString& part : text.split(',')) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok)
            throw error("--sizes: \"" + part +
                        "\" is not a whole number (expected e.g. 8,16,32,64)");
        if (n > io::Limits::maxTrain)
            throw error(QString("--sizes: %1 is above the limit of %2 training points")
                            .arg(n)
                            .arg(io::Limits::maxTrain));
        sizes.push_back(n);
    }
    return sizes;
}

void parseShard(const QString& text, SweepSpec& spec) {
    const QStringList parts = text.split('/');
    bool ok1 = false, ok2 = false;
    if (parts.size() == 2) {
        spec.shardIndex = parts[0].toInt(&ok1);
        spec.shardCount = parts[1].toInt(&ok2);
    }
    if (!ok1 || !ok2) throw error("--shard: \"" + text + "\" is not I/K (e.g. 0/4)");
    if (spec.shardCount < 1 || spec.shardIndex < 0 || spec.shardIndex >= spec.shardCount)
        throw error("--shard: " + text + ": I must be in 0..K-1");
}

void checkSpec(const SweepSpec& spec) {
    try {
        validateSweep(spec);
    } catch (const std::exception& e) {
        throw error(QString("--") + e.what());
    }
}

io::SweepSession openSession(const QString& dir, const SweepDescription& d, bool breakLock) {
    try {
        return io::SweepSession(dir, d, breakLock);
    } catch (const io::SweepFolderRefused& e) {
        if (e.kind() == io::SweepFolderRefused::Different)
            throw error(dir + ": holds a different sweep (" + e.reason() +
                        "); use another --out to start a new one");
        throw error(QDir(dir).filePath("results.csv") +
                    ": exists without sweep.json, so it cannot be resumed; use another --out");
    }
}

int cmdSweep(const Args& args) {
    if (args.positional.size() != 1)
        throw CliError(
            "usage: symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard "
            "I/K]");
    SweepDescription d;
    d.spec.sizes = parseSizes(args.need("sizes"));
    d.spec.seeds = args.integer("seeds", 5);
    if (args.has("shard")) parseShard(args.text("shard", {}), d.spec);
    d.spec.parallelRuns = args.integer("parallel-runs", 1);
    checkSpec(d.spec);
    d = SweepDescription::of(io::loadScenario(args.positional[0]), d.spec);
    if (args.options.contains("plan")) return printSweepPlan(args, d, args.positional[0]);
    const QString dir = args.need("out");
    // Locks the folder for the whole sweep and writes sweep.json if new; a run written in part
    // (a line cut short by a crash) is run again. results.csv exists from the start.
    io::SweepSession session = openSession(dir, d, args.has("break-lock"));
    const std::set<int> finished = session.finishedRuns();
    const int total = int(shardRuns(d.spec).size());
    if (!finished.empty())
        log(QString("sweep: resuming %1: %2 of %3 runs already done")
                .arg(dir, QString::number(finished.size()), QString::number(total)));

    SweepCallbacks callbacks;
    callbacks.onRun = [&](const SweepRunResult& r) {
        session.addRun(r.rows);
        QStringList w1;
        for (const SweepRow& row : r.rows)
            w1 << QString::fromStdString(row.model) + " " + QString::number(row.w1, 'f', 4);
        log(QString("sweep: run %1 (n_train %2, seed %3) in %4 s: W1 %5")
                .arg(r.run.index)
                .arg(r.run.nTrain)
                .arg(r.run.seed)
                .arg(r.seconds, 0, 'f', 1)
                .arg(w1.join(", ")));
    };
    auto lastLog = std::chrono::steady_clock::now();
    int lastDone = -1;
    callbacks.progress = [&](const SweepProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - lastLog < std::chrono::seconds(10) && p.running > 0) return;
        if (p.done == lastDone && p.running == 0) return;  // said already
        lastLog = now;
        lastDone = p.done;
        log(QString("sweep: %1/%2 runs done, %3 running, %4 s elapsed%5")
                .arg(p.done)
                .arg(p.total)
                .arg(p.running)
                .arg(p.elapsed, 0, 'f', 0)
                .arg(p.remaining >= 0 ? QString(", about %1 s left").arg(p.remaining, 0, 'f', 0)
                                      : QString()));
    };
    const SweepOutcome outcome = runSweep(d.scenario, d.spec, finished, callbacks);
    QJsonObject summary = finish(dir, d, session.rows());
    summary["runs_computed"] = int(outcome.runs.size());
    summary["seconds"] = outcome.seconds;
    printJson(summary);
    return 0;
}

int cmdMerge(const Args& args) {
    if (args.positional.isEmpty())
        throw CliError("usage: symscore-cli merge DIR1 DIR2 ... --out DIR");
    const QString out = args.need("out");
    std::vector<SweepDescription> shards;
    std::vector<std::vector<SweepRow>> results;
    for (const QString& dir : args.positional) {
        if (!QFileInfo(dir).isDir()) throw error(dir + ": no such directory");
        if (QFileInfo(dir).canonicalFilePath() == QFileInfo(out).canonicalFilePath())
            throw error("--out: " + out + " is one of the shards being merged");
        shards.push_back(readDescription(dir));
        const SweepDescription& d = shards.back();
        const QString diff = difference(shards.front(), d);
        if (!diff.isEmpty())
            throw error(dir + ": not a shard of the same sweep as " + args.positional[0] + " (" +
                        diff + ")");
        if (d.spec.shardCount != shards.front().spec.shardCount)
            throw error(dir + ": is shard " + d.shardText() + ", but " + args.positional[0] +
                        " is shard " + shards.front().shardText());
        for (std::size_t j = 0; j + 1 < shards.size(); ++j)
            if (shards[j].spec.shardIndex == d.spec.shardIndex)
                throw error(dir + ": shard " + d.shardText() + " is given twice (also " +
                            args.positional[int(j)] + ")");
        results.push_back(readResults(dir, d));
        const std::vector<std::string> models = modelNames(d.scenario);
        const int done = int(completeRuns(results.back(), models).size());
        const int total = int(shardRuns(d.spec).size());
        if (done < total)
            throw error(dir +
                        QString(": shard %1 is unfinished (%2 of %3 runs); run its sweep "
                                "command again to finish it")
                            .arg(d.shardText(), QString::number(done), QString::number(total)));
    }
    const int count = shards.front().spec.shardCount;
    if (int(shards.size()) != count) {
        QStringList missing;
        for (int i = 0; i < count; ++i) {
            bool have = false;
            for (const SweepDescription& d : shards) have = have || d.spec.shardIndex == i;
            if (!have) missing << QString("%1/%2").arg(i).arg(count);
        }
        throw error("missing shard" + QString(missing.size() > 1 ? "s " : " ") +
                    missing.join(", "));
    }

    SweepDescription merged = shards.front();
    merged.spec.shardIndex = 0;
    merged.spec.shardCount = 1;
    std::vector<SweepRow> rows;
    for (const auto& r : results) rows.insert(rows.end(), r.begin(), r.end());
    const std::vector<std::string> models = modelNames(merged.scenario);
    sortRows(rows, models);
    // Only complete runs are in each shard's file (checked above), so this is the whole sweep.
    if (!QDir().mkpath(out)) throw error("--out: cannot create " + out);
    // The same rules as sweep: one writer at a time, and never over another sweep.
    const io::FolderLock lock(out, args.has("break-lock"));
    const io::SweepFolderState state = io::inspectSweepFolder(out, merged);
    if (state.kind == io::SweepFolderState::Different)
        throw error(out + ": holds a different sweep (" + state.reason + "); use another --out");
    if (state.kind == io::SweepFolderState::CsvWithoutDescription)
        throw error(QDir(out).filePath("results.csv") +
                    ": exists without sweep.json; use another --out");
    writeAtomically(QDir(out).filePath("sweep.json"),
                    QJsonDocument(merged.toJson()).toJson(QJsonDocument::Indented));
    writeAtomically(QDir(out).filePath("results.csv"), QByteArray::fromStdString(sweepCsv(rows)));
    QJsonObject summary = finish(out, merged, rows);
    summary["merged"] = int(shards.size());
    printJson(summary);
    return 0;
}

const RegisterCommand regSweep{
    "sweep",
    cmdSweep,
    {{"sizes", Value::Text},
     {"seeds", Value::Integer},
     {"out", Value::Path},
     {"shard", Value::Text},
     {"parallel-runs", Value::Integer},
     {"plan", Value::None},
     {"wall", Value::Number, "plan"},
     {"cpus", Value::Integer, "plan"},
     {"break-lock", Value::None}},
    Gui::Yes,
    "sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard I/K] [--parallel-runs P]"
    " [--break-lock]\n"
    "  symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --plan [--wall HOURS] [--cpus C]"};
const RegisterCommand regMerge{"merge",
                               cmdMerge,
                               {{"out", Value::Path}, {"break-lock", Value::None}},
                               Gui::Yes,
                               "merge DIR1 DIR2 ... --out DIR [--break-lock]"};

}  // namespace
}  // namespace symscore::cli
