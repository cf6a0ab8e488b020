// symscore-cli train SCENARIO --out DIR: train every learned model and save it as
// DIR/<model>.symscore-model (the models a lesson ships for an instant start,
// docs/lessons.md). symscore-cli lesson LESSON: read a lesson file and its models with every
// check the app makes, and print what it holds.
#include <QDir>
#include <QJsonArray>

#include "app/cli_common.hpp"
#include "core/io/atomic_write.hpp"
#include "core/io/lesson_file.hpp"
#include "core/io/model_file.hpp"
#include "core/io/scenario_json.hpp"
#include "core/trainer.hpp"

namespace symscore::cli {

namespace {

int cmdTrain(const Args& args) {
    if (args.positional.size() != 1) throw CliError("usage: symscore-cli train SCENARIO --out DIR");
    const Scenario scenario = io::loadScenario(args.positional[0]);
    const QString dir = args.need("out");
    if (!QDir().mkpath(dir)) throw CliError(("--out: cannot create " + dir).toStdString());
    io::checkWritableFolder(dir);  // before training, not after it
    Trainer trainer(scenario);     // deterministic: the app's Train gives the same weights
    long lastLogged = -1;
    trainer.runToEnd(nullptr, [&](const TrainProgress& p) {
        if (p.step / 500 != lastLogged / 500 || p.step == p.totalSteps) {
            lastLogged = p.step;
            log(QString("train: step %1/%2").arg(p.step).arg(p.totalSteps));
        }
    });
    const std::uint64_t fingerprint = io::scenarioFingerprint(scenario);
    QJsonArray files;
    for (const Trainer::Entry& e : trainer.models()) {
        const QString name = QString::fromStdString(e.name);
        const QString path = QDir(dir).filePath(name + ".symscore-model");
        for (const ModelProgress& m : trainer.progress().models)
            if (m.name == e.name && m.status == TrainStatus::Diverged)
                throw CliError(e.name + ": diverged: " + m.message);
        io::saveModel(path, *e.model, name, fingerprint);
        files.append(path);
    }
    printJson({{"fingerprint", QString::number(fingerprint, 16)},
               {"steps", qint64(trainer.step())},
               {"files", files}});
    return 0;
}

int cmdLesson(const Args& args) {
    if (args.positional.size() != 1) throw CliError("usage: symscore-cli lesson LESSON");
    const io::Lesson lesson = io::loadLesson(args.positional[0]);
    const std::vector<io::LessonModel> models = io::loadLessonModels(lesson);
    QJsonArray choices;
    for (const io::LessonChoice& c : lesson.choices) choices.append(c.label);
    printJson({{"title", lesson.title},
               {"question", lesson.question},
               {"choices", choices},
               {"scenario", lesson.scenarioPath},
               {"models", qint64(models.size())}});
    return 0;
}

const RegisterCommand regTrain{
    "train", cmdTrain, {{"out", Value::Path}}, Gui::No, "train SCENARIO --out DIR"};
const RegisterCommand regLesson{"lesson", cmdLesson, {}, Gui::No, "lesson LESSON"};

}  // namespace
}  // namespace symscore::cli
