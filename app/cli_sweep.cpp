// symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard I/K]
// symscore-cli merge DIR1 DIR2 ... --out DIR
// The paper's experiment (SCENARIO.md, MATH.md section 8) over core/sweep.
//
// A sweep directory holds sweep.json (what the sweep is: the scenario with its defaults
// filled in, sizes, seeds and shard), results.csv (one row per model and finished run,
// rewritten atomically after every run) and, once the sweep is done, w1_vs_n.png. Running
// the same command on the same directory resumes it: the runs already in results.csv are
// skipped. merge joins the directories of all K shards into the directory the unsharded
// sweep would have written (shard 0/1), rows sorted by run index.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <atomic>
#include <chrono>
#include <cmath>

#include "app/cli_common.hpp"
#include "core/io/scenario_json.hpp"
#include "core/sweep.hpp"
#ifdef SYMSCORE_HAVE_UI
#include "ui/sweep_figure.hpp"
#endif

namespace symscore::cli {

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

CliError error(const QString& text) { return CliError(text.toStdString()); }

void writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        throw error(path + ": cannot write: " + f.errorString());
}

// What identifies a sweep: two directories with equal fingerprints (shard aside) hold runs
// of the same sweep.
struct SweepDescription {
    Scenario scenario;
    QJsonObject scenarioJson;
    SweepSpec spec;

    QJsonObject toJson() const {
        QJsonArray sizes;
        for (int n : spec.sizes) sizes.append(n);
        return QJsonObject{{"format", "symscore-sweep"},
                           {"version", 1},
                           {"sizes", sizes},
                           {"seeds", spec.seeds},
                           {"shard", QJsonObject{{"index", spec.shardIndex}, {"count", spec.shardCount}}},
                           {"scenario", scenarioJson}};
    }
    QString shardText() const { return QString("%1/%2").arg(spec.shardIndex).arg(spec.shardCount); }
};

QString sizesText(const std::vector<int>& sizes) {
    QStringList s;
    for (int n : sizes) s << QString::number(n);
    return s.join(',');
}

SweepDescription readDescription(const QString& dir) {
    const QString path = QDir(dir).filePath("sweep.json");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw error(path + ": missing (not a sweep directory)");
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        throw error(path + ": not valid JSON: " + pe.errorString());
    const QJsonObject o = doc.object();
    if (o["format"].toString() != "symscore-sweep" || o["version"].toInt() != 1)
        throw error(path + ": not a symscore-sweep version 1 file");
    SweepDescription d;
    d.scenarioJson = o["scenario"].toObject();
    try {
        d.scenario = io::scenarioFromJson(QJsonDocument(d.scenarioJson).toJson());
    } catch (const std::exception& e) {
        throw error(path + ": scenario: " + e.what());
    }
    for (const QJsonValue& v : o["sizes"].toArray()) d.spec.sizes.push_back(v.toInt());
    d.spec.seeds = o["seeds"].toInt();
    d.spec.shardIndex = o["shard"].toObject()["index"].toInt(-1);
    d.spec.shardCount = o["shard"].toObject()["count"].toInt(0);
    try {
        validateSweep(d.spec);
    } catch (const std::exception& e) {
        throw error(path + ": " + e.what());
    }
    return d;
}

// Empty if a and b describe the same sweep (shards aside), otherwise what differs.
QString difference(const SweepDescription& a, const SweepDescription& b) {
    if (a.scenarioJson != b.scenarioJson) return "the scenario differs";
    if (a.spec.sizes != b.spec.sizes)
        return "sizes differ (" + sizesText(a.spec.sizes) + " against " + sizesText(b.spec.sizes) + ")";
    if (a.spec.seeds != b.spec.seeds)
        return QString("seeds differ (%1 against %2)").arg(a.spec.seeds).arg(b.spec.seeds);
    return {};
}

// results.csv of a sweep directory (empty if there is none yet), checked against the sweep:
// every row must belong to a run of this shard, with that run's n_train and seed.
std::vector<SweepRow> readResults(const QString& dir, const SweepDescription& d) {
    const QString path = QDir(dir).filePath("results.csv");
    if (!QFile::exists(path)) return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw error(path + ": cannot read: " + f.errorString());
    const QByteArray bytes = f.readAll();
    std::vector<SweepRow> rows;
    try {
        rows = parseSweepCsv(bytes.toStdString());
    } catch (const std::exception& e) {
        throw error(path + ": " + e.what());
    }
    const std::vector<SweepRun> all = sweepRuns(d.spec);
    const std::vector<std::string> models = modelNames(d.scenario);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SweepRow& r = rows[i];
        const QString where = QString("%1: line %2: ").arg(path).arg(i + 2);
        if (r.run >= int(all.size()))
            throw error(where + QString("run %1 is not in this sweep (%2 runs)").arg(r.run).arg(all.size()));
        const SweepRun& run = all[std::size_t(r.run)];
        if (r.nTrain != run.nTrain || r.seed != run.seed)
            throw error(where + QString("run %1 is n_train %2, seed %3, not n_train %4, seed %5")
                                    .arg(run.index).arg(run.nTrain).arg(run.seed).arg(r.nTrain).arg(r.seed));
        if (r.run % d.spec.shardCount != d.spec.shardIndex)
            throw error(where + QString("run %1 is not in shard %2").arg(r.run).arg(d.shardText()));
        if (std::find(models.begin(), models.end(), r.model) == models.end())
            throw error(where + "model \"" + QString::fromStdString(r.model) + "\" is not in the scenario");
        for (std::size_t j = 0; j < i; ++j)
            if (rows[j].run == r.run && rows[j].model == r.model)
                throw error(where + QString("run %1 of %2 appears twice").arg(r.run).arg(QString::fromStdString(r.model)));
    }
    return rows;
}

QString figureTitle(const SweepDescription& d) {
    return QString("%1: W1 against n_train, %2 seeds")
        .arg(QString::fromStdString(d.scenario.name))
        .arg(d.spec.seeds);
}

// w1_vs_n.png and the JSON summary of a finished (or merged) sweep directory.
QJsonObject finish(const QString& dir, const SweepDescription& d, const std::vector<SweepRow>& rows) {
    const SweepSummary summary = summarizeSweep(rows, modelNames(d.scenario));
#ifdef SYMSCORE_HAVE_UI
    const QImage picture = ui::renderSweep(summary, figureTitle(d));
    QSaveFile png(QDir(dir).filePath("w1_vs_n.png"));
    if (!png.open(QIODevice::WriteOnly) || !picture.save(&png, "PNG") || !png.commit())
        throw error(png.fileName() + ": cannot write");
#else
    log("sweep: built without the GUI, so no w1_vs_n.png");
#endif
    QJsonObject models;
    for (const std::string& m : summary.models) {
        QJsonArray cells;
        for (int n : summary.sizes) {
            const SweepCell* c = summary.cell(m, n);
            if (!c) continue;
            cells.append(QJsonObject{{"n_train", n},
                                     {"w1_mean", number(c->w1Mean)},
                                     {"w1_std", c->count > 1 ? number(c->w1Std) : QJsonValue(QJsonValue::Null)},
                                     {"seeds", c->count},
                                     {"failed", c->failed},
                                     {"score_error_mean", number(c->scoreErrorMean)}});
        }
        models[QString::fromStdString(m)] = cells;
    }
    QJsonArray sizes;
    for (int n : d.spec.sizes) sizes.append(n);
    return QJsonObject{{"scenario", QString::fromStdString(d.scenario.name)},
                       {"sizes", sizes},
                       {"seeds", d.spec.seeds},
                       {"shard", d.shardText()},
                       {"runs", int(shardRuns(d.spec).size())},
                       {"runs_done", int(completeRuns(rows, modelNames(d.scenario)).size())},
                       {"w1_points", std::min(d.scenario.metrics.w1_points, d.scenario.sampling.particles)},
                       {"w1_floor", number(summary.w1Floor)},
                       {"models", models}};
}

std::vector<int> parseSizes(const QString& text) {
    std::vector<int> sizes;
    for (const QString& part : text.split(',')) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok) throw error("--sizes: \"" + part + "\" is not a whole number (expected e.g. 8,16,32,64)");
        if (n > io::Limits::maxTrain)
            throw error(QString("--sizes: %1 is above the limit of %2 training points").arg(n).arg(io::Limits::maxTrain));
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

int cmdSweep(const Args& args) {
    if (args.positional.size() != 1)
        throw CliError("usage: symscore-cli sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard I/K]");
    SweepDescription d;
    d.spec.sizes = parseSizes(args.need("sizes"));
    d.spec.seeds = args.integer("seeds", 5);
    if (args.options.contains("shard")) parseShard(args.options["shard"], d.spec);
    d.spec.parallelRuns = args.integer("parallel-runs", 1);
    checkSpec(d.spec);
    d.scenario = io::loadScenario(args.positional[0]);
    d.scenarioJson = QJsonDocument::fromJson(io::scenarioToJson(d.scenario)).object();
    const QString dir = args.need("out");
    if (!QDir().mkpath(dir)) throw error("--out: cannot create " + dir);

    const QString descPath = QDir(dir).filePath("sweep.json");
    const QString csvPath = QDir(dir).filePath("results.csv");
    std::vector<SweepRow> rows;
    if (QFile::exists(descPath)) {
        const SweepDescription old = readDescription(dir);
        QString diff = difference(old, d);
        if (diff.isEmpty() && old.shardText() != d.shardText())
            diff = "it is shard " + old.shardText() + ", not " + d.shardText();
        if (!diff.isEmpty())
            throw error(dir + ": holds a different sweep (" + diff + "); use another --out to start a new one");
        rows = readResults(dir, d);
    } else if (QFile::exists(csvPath)) {
        throw error(csvPath + ": exists without sweep.json, so it cannot be resumed; use another --out");
    } else {
        writeAtomically(descPath, QJsonDocument(d.toJson()).toJson(QJsonDocument::Indented));
    }

    const std::vector<std::string> models = modelNames(d.scenario);
    // A run written in part (a file cut short by hand) is run again.
    const std::set<int> finished = completeRuns(rows, models);
    std::erase_if(rows, [&](const SweepRow& r) { return !finished.count(r.run); });
    const int total = int(shardRuns(d.spec).size());
    if (!finished.empty())
        log(QString("sweep: resuming %1: %2 of %3 runs already done").arg(dir).arg(finished.size()).arg(total));
    // The file always exists once the sweep has started, even before its first run ends.
    writeAtomically(csvPath, QByteArray::fromStdString(sweepCsv(rows)));

    SweepCallbacks callbacks;
    callbacks.onRun = [&](const SweepRunResult& r) {
        rows.insert(rows.end(), r.rows.begin(), r.rows.end());
        sortRows(rows, models);
        writeAtomically(csvPath, QByteArray::fromStdString(sweepCsv(rows)));
        QStringList w1;
        for (const SweepRow& row : r.rows) w1 << QString("%1 %2").arg(QString::fromStdString(row.model)).arg(row.w1, 0, 'f', 4);
        log(QString("sweep: run %1 (n_train %2, seed %3) in %4 s: W1 %5")
                .arg(r.run.index).arg(r.run.nTrain).arg(r.run.seed)
                .arg(r.seconds, 0, 'f', 1).arg(w1.join(", ")));
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
                .arg(p.done).arg(p.total).arg(p.running).arg(p.elapsed, 0, 'f', 0)
                .arg(p.remaining >= 0 ? QString(", about %1 s left").arg(p.remaining, 0, 'f', 0) : QString()));
    };
    const SweepOutcome outcome = runSweep(d.scenario, d.spec, finished, callbacks);
    QJsonObject summary = finish(dir, d, rows);
    summary["runs_computed"] = int(outcome.runs.size());
    summary["seconds"] = outcome.seconds;
    printJson(summary);
    return 0;
}

int cmdMerge(const Args& args) {
    if (args.positional.isEmpty()) throw CliError("usage: symscore-cli merge DIR1 DIR2 ... --out DIR");
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
            throw error(dir + ": not a shard of the same sweep as " + args.positional[0] + " (" + diff + ")");
        if (d.spec.shardCount != shards.front().spec.shardCount)
            throw error(dir + ": is shard " + d.shardText() + ", but " + args.positional[0] + " is shard " +
                        shards.front().shardText());
        for (std::size_t j = 0; j + 1 < shards.size(); ++j)
            if (shards[j].spec.shardIndex == d.spec.shardIndex)
                throw error(dir + ": shard " + d.shardText() + " is given twice (also " + args.positional[int(j)] + ")");
        results.push_back(readResults(dir, d));
        const std::vector<std::string> models = modelNames(d.scenario);
        const int done = int(completeRuns(results.back(), models).size());
        const int total = int(shardRuns(d.spec).size());
        if (done < total)
            throw error(dir + QString(": shard %1 is unfinished (%2 of %3 runs); run its sweep command again to finish it")
                                  .arg(d.shardText()).arg(done).arg(total));
    }
    const int count = shards.front().spec.shardCount;
    if (int(shards.size()) != count) {
        QStringList missing;
        for (int i = 0; i < count; ++i) {
            bool have = false;
            for (const SweepDescription& d : shards) have = have || d.spec.shardIndex == i;
            if (!have) missing << QString("%1/%2").arg(i).arg(count);
        }
        throw error("missing shard" + QString(missing.size() > 1 ? "s " : " ") + missing.join(", "));
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
    writeAtomically(QDir(out).filePath("sweep.json"), QJsonDocument(merged.toJson()).toJson(QJsonDocument::Indented));
    writeAtomically(QDir(out).filePath("results.csv"), QByteArray::fromStdString(sweepCsv(rows)));
    QJsonObject summary = finish(out, merged, rows);
    summary["merged"] = int(shards.size());
    printJson(summary);
    return 0;
}

const RegisterCommand regSweep{"sweep", cmdSweep, {},
                               "sweep SCENARIO --sizes 8,16,32,64 --seeds 5 --out DIR [--shard I/K] [--parallel-runs P]"};
const RegisterCommand regMerge{"merge", cmdMerge, {}, "merge DIR1 DIR2 ... --out DIR"};

}  // namespace
}  // namespace symscore::cli
