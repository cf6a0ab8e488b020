#include "core/io/sweep_files.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

#include "core/io/json_document.hpp"
#include "core/io/read_file.hpp"
#include "core/io/scenario_json.hpp"

namespace symscore::io {

namespace {
[[noreturn]] void fail(const QString& text) { throw FormatError(text.toStdString()); }
}  // namespace

SweepDescription SweepDescription::of(const Scenario& scenario, const SweepSpec& spec) {
    SweepDescription d;
    d.scenario = scenario;
    d.scenarioJson = QJsonDocument::fromJson(scenarioToJson(scenario)).object();
    d.spec = spec;
    return d;
}

QJsonObject SweepDescription::toJson() const {
    QJsonArray sizes;
    for (int n : spec.sizes) sizes.append(n);
    return QJsonObject{
        {"format", "symscore-sweep"},
        {"version", 1},
        {"sizes", sizes},
        {"seeds", spec.seeds},
        {"shard", QJsonObject{{"index", spec.shardIndex}, {"count", spec.shardCount}}},
        {"scenario", scenarioJson}};
}

QString SweepDescription::shardText() const {
    return QString("%1/%2").arg(spec.shardIndex).arg(spec.shardCount);
}

QString sizesText(const std::vector<int>& sizes) {
    QStringList s;
    for (int n : sizes) s << QString::number(n);
    return s.join(',');
}

SweepDescription readSweepDescription(const QString& dir) {
    const QString path = QDir(dir).filePath("sweep.json");
    if (!QFileInfo::exists(path)) fail(path + ": missing (not a sweep directory)");
    const QJsonObject o = parseJsonObject(readFileLimited(path, Limits::maxFileBytes), path);
    if (o["format"].toString() != "symscore-sweep" || o["version"].toInt() != 1)
        fail(path + ": not a symscore-sweep version 1 file");
    SweepDescription d;
    d.scenarioJson = o["scenario"].toObject();
    try {
        d.scenario = scenarioFromJson(QJsonDocument(d.scenarioJson).toJson());
    } catch (const std::exception& e) {
        fail(path + ": scenario: " + e.what());
    }
    for (const QJsonValue& v : o["sizes"].toArray()) d.spec.sizes.push_back(v.toInt());
    d.spec.seeds = o["seeds"].toInt();
    d.spec.shardIndex = o["shard"].toObject()["index"].toInt(-1);
    d.spec.shardCount = o["shard"].toObject()["count"].toInt(0);
    try {
        validateSweep(d.spec);
    } catch (const std::exception& e) {
        fail(path + ": " + e.what());
    }
    return d;
}

QString sweepDifference(const SweepDescription& a, const SweepDescription& b) {
    if (a.scenarioJson != b.scenarioJson) return "the scenario differs";
    if (a.spec.sizes != b.spec.sizes)
        return "sizes differ (" + sizesText(a.spec.sizes) + " against " + sizesText(b.spec.sizes) +
               ")";
    if (a.spec.seeds != b.spec.seeds)
        return QString("seeds differ (%1 against %2)").arg(a.spec.seeds).arg(b.spec.seeds);
    return {};
}

std::vector<SweepRow> readSweepResults(const QString& dir, const SweepDescription& d) {
    const QString path = QDir(dir).filePath("results.csv");
    if (!QFile::exists(path)) return {};
    QByteArray bytes = readFileLimited(path, kMaxResultsBytes);
    // Every line symscore writes ends with a newline: a last line without one was cut short
    // (a crash, a copy interrupted), so its run is dropped here and computed again.
    if (!bytes.isEmpty() && !bytes.endsWith('\n')) bytes.truncate(bytes.lastIndexOf('\n') + 1);
    std::vector<SweepRow> rows;
    try {
        rows = parseSweepCsv(bytes.toStdString());
    } catch (const std::exception& e) {
        fail(path + ": " + e.what());
    }
    const std::vector<SweepRun> all = sweepRuns(d.spec);
    const std::vector<std::string> models = modelNames(d.scenario);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SweepRow& r = rows[i];
        const QString where = QString("%1: line %2: ").arg(path).arg(i + 2);
        if (r.run >= int(all.size()))
            fail(where +
                 QString("run %1 is not in this sweep (%2 runs)").arg(r.run).arg(all.size()));
        const SweepRun& run = all[std::size_t(r.run)];
        if (r.nTrain != run.nTrain || r.seed != run.seed)
            fail(where + QString("run %1 is n_train %2, seed %3, not n_train %4, seed %5")
                             .arg(run.index)
                             .arg(run.nTrain)
                             .arg(run.seed)
                             .arg(r.nTrain)
                             .arg(r.seed));
        if (r.run % d.spec.shardCount != d.spec.shardIndex)
            fail(where + QString("run %1 is not in shard %2").arg(r.run).arg(d.shardText()));
        if (std::find(models.begin(), models.end(), r.model) == models.end())
            fail(where + "model \"" + QString::fromStdString(r.model) +
                 "\" is not in the scenario");
        for (std::size_t j = 0; j < i; ++j)
            if (rows[j].run == r.run && rows[j].model == r.model)
                fail(where + QString("run %1 of %2 appears twice")
                                 .arg(r.run)
                                 .arg(QString::fromStdString(r.model)));
    }
    return rows;
}

void writeSweepResults(const QString& dir, const std::vector<SweepRow>& rows) {
    writeFileAtomically(QDir(dir).filePath("results.csv"),
                        QByteArray::fromStdString(sweepCsv(rows)));
}

SweepFolderState inspectSweepFolder(const QString& dir, const SweepDescription& d) {
    SweepFolderState st;
    if (QFile::exists(QDir(dir).filePath("sweep.json"))) {
        const SweepDescription old = readSweepDescription(dir);
        st.reason = sweepDifference(old, d);
        if (st.reason.isEmpty() && old.shardText() != d.shardText())
            st.reason = "it is shard " + old.shardText() + ", not " + d.shardText();
        st.kind = st.reason.isEmpty() ? SweepFolderState::Same : SweepFolderState::Different;
    } else if (QFile::exists(QDir(dir).filePath("results.csv"))) {
        st.kind = SweepFolderState::CsvWithoutDescription;
        st.reason = "results.csv exists without sweep.json";
    }
    return st;
}

std::vector<SweepRow> openSweepFolder(const QString& dir, const SweepDescription& d) {
    const QString descPath = QDir(dir).filePath("sweep.json");
    std::vector<SweepRow> rows;
    if (QFile::exists(descPath))
        rows = readSweepResults(dir, d);
    else
        writeFileAtomically(descPath, QJsonDocument(d.toJson()).toJson(QJsonDocument::Indented));
    const std::set<int> finished = completeRuns(rows, modelNames(d.scenario));
    std::erase_if(rows, [&](const SweepRow& r) { return !finished.count(r.run); });
    writeSweepResults(dir, rows);
    return rows;
}

}  // namespace symscore::io
