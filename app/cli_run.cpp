// symscore-cli run SCENARIO --out DIR: train every model, sample, measure (docs/scenario.md).
//
// The folder is locked for the run (io::FolderLock) and checked to be writable before
// training starts. A run writes samples_<model>.csv, result.png and, last, metrics.json;
// once they are all written, the files an earlier run wrote there (as its metrics.json says)
// that this run did not write again (samples of models it no longer has) are removed, so the
// folder never mixes two runs; files symscore did not write are never touched.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "app/cli_common.hpp"
#include "core/experiment.hpp"
#include "core/io/atomic_write.hpp"
#include "core/io/enum_names.hpp"
#include "core/io/folder_lock.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"
#ifdef SYMSCORE_HAVE_FIGURES
#include "ui/figures/result_figure.hpp"
#endif

namespace symscore::cli {

namespace {

const char* statusWord(const ModelOutcome& m) {
    if (m.trainStatus == TrainStatus::Diverged) return "diverged";
    if (m.sampleStatus == SampleStatus::BlewUp) return "sampler_blew_up";
    return "ok";
}

// The files an earlier run wrote in dir, as its metrics.json lists its models: only those are
// symscore's to remove. A folder without an earlier run's metrics.json has none, so the user's
// own files there (a samples_mine.csv) are never touched.
QStringList earlierRunFiles(const QString& dir) {
    QFile f(QDir(dir).filePath("metrics.json"));
    if (!QFileInfo(f.fileName()).isFile() || !f.open(QIODevice::ReadOnly)) return {};
    const QJsonObject models =
        QJsonDocument::fromJson(f.read(16 << 20)).object().value("models").toObject();
    if (models.isEmpty()) return {};
    static const QRegularExpression modelName("^[A-Za-z0-9_+-]{1,64}$");  // as validation allows
    QStringList files{"result.png", "train.csv"};
    for (const QString& name : models.keys())
        if (modelName.match(name).hasMatch()) files << "samples_" + name + ".csv";
    return files;
}

// The earlier run's files (earlier) that this run did not write (written) again.
void removeEarlierRun(const QString& dir, const QStringList& earlier, const QStringList& written) {
    const QDir folder(dir);
    for (const QString& name : earlier)
        if (!written.contains(name) && QFileInfo(folder.filePath(name)).isFile() &&
            !QFile::remove(folder.filePath(name)))
            throw CliError(
                (folder.filePath(name) + ": cannot remove the earlier run's file").toStdString());
}

int cmdRun(const Args& args) {
    if (args.positional.size() != 1) throw CliError("usage: symscore-cli run SCENARIO --out DIR");
    const Scenario scenario = io::loadScenario(args.positional[0]);
    const QString dir = args.need("out");
    if (!QDir().mkpath(dir)) throw CliError(("--out: cannot create " + dir).toStdString());
    const io::FolderLock lock(dir, args.has("break-lock"));
    io::checkWritableFolder(dir);  // before training, not after it
    const QStringList earlier = earlierRunFiles(dir);

    RunCallbacks callbacks;
    callbacks.stage = [](const std::string& s) { log("run: " + QString::fromStdString(s)); };
    long lastLogged = -1;
    callbacks.training = [&](const TrainProgress& p) {
        if (p.step / 500 != lastLogged / 500 || p.step == p.totalSteps) {
            lastLogged = p.step;
            log(QString("run: step %1/%2, %3 steps/s")
                    .arg(p.step)
                    .arg(p.totalSteps)
                    .arg(p.stepsPerSecond, 0, 'f', 0));
        }
    };
    const RunOutcome outcome = runScenario(scenario, callbacks);
    // The points every learned model trained on, so another implementation can be paired
    // with this run on the same data (bench/peer_compare does).
    QStringList written;
    if (outcome.trainingSet.rows() > 0) {
        written << "train.csv";
        io::writePointsCsv(QDir(dir).filePath("train.csv"), outcome.trainingSet);
    }

    QJsonObject models;
    for (const ModelOutcome& m : outcome.models) {
        models[QString::fromStdString(m.name)] = QJsonObject{
            {"w1", jsonNumber(m.w1)},
            {"dsm_loss", jsonNumber(m.dsmLoss)},
            {"score_error", jsonNumber(m.scoreError)},
            {"symmetry_violation", jsonNumber(m.symmetryViolation)},
            {"equivariance_defect", jsonNumber(m.equivarianceDefect)},
            {"train_seconds", jsonNumber(m.trainSeconds)},
            {"status", statusWord(m)},
            {"message", QString::fromStdString(m.message)},
        };
        written << QString::fromStdString("samples_" + m.name + ".csv");
        io::writePointsCsv(QDir(dir).filePath(written.back()), m.samples);
    }
    const QJsonObject metrics{{"n", outcome.n},
                              {"w1_floor", jsonNumber(outcome.w1Floor)},
                              {"w1_floor_spread", jsonNumber(outcome.w1FloorSpread)},
                              {"w1_method", io::nameOf(io::kW1Names, scenario.metrics.w1_method)},
                              {"models", models}};
#ifdef SYMSCORE_HAVE_FIGURES
    io::writeFileAtomically(
        QDir(dir).filePath("result.png"),
        pngBytes(ui::renderResult(scenario, outcome), QDir(dir).filePath("result.png")));
    written << "result.png";
#else
    log("run: built without figures (SYMSCORE_BUILD_FIGURES off), so no result.png");
#endif
    io::writeFileAtomically(QDir(dir).filePath("metrics.json"),
                            QJsonDocument(metrics).toJson(QJsonDocument::Indented));
    removeEarlierRun(dir, earlier, written);
    printJson(metrics);
    return 0;
}

const RegisterCommand runCommand{"run",
                                 cmdRun,
                                 {{"out", Value::Path}, {"break-lock", Value::None}},
                                 Gui::Yes,
                                 "run SCENARIO --out DIR [--break-lock]"};

}  // namespace
}  // namespace symscore::cli
