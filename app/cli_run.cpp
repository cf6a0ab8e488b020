// symscore-cli run SCENARIO --out DIR: train every model, sample, measure (SCENARIO.md).
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>

#include "app/cli_common.hpp"
#include "core/experiment.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"
#ifdef SYMSCORE_HAVE_FIGURES
#include "ui/figures/result_figure.hpp"
#endif

namespace symscore::cli {

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
QJsonValue number(const std::optional<double>& v) { return v ? number(*v) : QJsonValue(QJsonValue::Null); }

const char* statusWord(const ModelOutcome& m) {
    if (m.trainStatus == TrainStatus::Diverged) return "diverged";
    if (m.sampleStatus == SampleStatus::BlewUp) return "sampler_blew_up";
    return "ok";
}

void writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        throw CliError((path + ": cannot write: " + f.errorString()).toStdString());
}

int cmdRun(const Args& args) {
    if (args.positional.size() != 1) throw CliError("usage: symscore-cli run SCENARIO --out DIR");
    const Scenario scenario = io::loadScenario(args.positional[0]);
    const QString dir = args.need("out");
    if (!QDir().mkpath(dir)) throw CliError(("--out: cannot create " + dir).toStdString());

    RunCallbacks callbacks;
    callbacks.stage = [](const std::string& s) { log("run: " + QString::fromStdString(s)); };
    long lastLogged = -1;
    callbacks.training = [&](const TrainProgress& p) {
        if (p.step / 500 != lastLogged / 500 || p.step == p.totalSteps) {
            lastLogged = p.step;
            log(QString("run: step %1/%2, %3 steps/s").arg(p.step).arg(p.totalSteps).arg(p.stepsPerSecond, 0, 'f', 0));
        }
    };
    const RunOutcome outcome = runScenario(scenario, callbacks);
    // The points every learned model trained on, so another implementation can be paired
    // with this run on the same data (bench/peer_compare does).
    if (outcome.trainingSet.rows() > 0) io::writePointsCsv(QDir(dir).filePath("train.csv"), outcome.trainingSet);

    QJsonObject models;
    for (const ModelOutcome& m : outcome.models) {
        models[QString::fromStdString(m.name)] = QJsonObject{
            {"w1", number(m.w1)},
            {"dsm_loss", number(m.dsmLoss)},
            {"score_error", number(m.scoreError)},
            {"symmetry_violation", number(m.symmetryViolation)},
            {"equivariance_defect", number(m.equivarianceDefect)},
            {"train_seconds", number(m.trainSeconds)},
            {"status", statusWord(m)},
            {"message", QString::fromStdString(m.message)},
        };
        io::writePointsCsv(QDir(dir).filePath(QString::fromStdString("samples_" + m.name + ".csv")), m.samples);
    }
    const QJsonObject metrics{{"n", outcome.n}, {"w1_floor", number(outcome.w1Floor)},
                              {"w1_floor_spread", number(outcome.w1FloorSpread)},
                              {"w1_method", scenario.metrics.w1_method == W1Method::Exact ? "exact" : "sliced"},
                              {"models", models}};
    writeAtomically(QDir(dir).filePath("metrics.json"), QJsonDocument(metrics).toJson(QJsonDocument::Indented));
#ifdef SYMSCORE_HAVE_FIGURES
    const QImage picture = ui::renderResult(scenario, outcome);
    QSaveFile png(QDir(dir).filePath("result.png"));
    if (!png.open(QIODevice::WriteOnly) || !picture.save(&png, "PNG") || !png.commit())
        throw CliError((png.fileName() + ": cannot write").toStdString());
#else
    log("run: built without figures (SYMSCORE_BUILD_FIGURES off), so no result.png");
#endif
    printJson(metrics);
    return 0;
}

const RegisterCommand reg{"run", cmdRun, {}, "run SCENARIO --out DIR"};

}  // namespace
}  // namespace symscore::cli
