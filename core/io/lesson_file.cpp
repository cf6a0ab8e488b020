#include "core/io/lesson_file.hpp"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "core/io/json_document.hpp"
#include "core/io/read_file.hpp"
#include "core/io/scenario_json.hpp"

namespace symscore::io {

namespace {
constexpr qint64 kMaxLessonBytes = 256 * 1024;

QString required(JsonReader& r, const QString& key) {
    const QString s = r.string(key, {}).trimmed();
    if (s.isEmpty()) failAt(r.at(key), "missing (a non-empty string is required)");
    return s;
}

const ModelSpec* findSpec(const Scenario& s, const QString& name) {
    for (const ModelSpec& m : s.models)
        if (QString::fromStdString(m.name) == name) return &m;
    return nullptr;
}

LessonChoice readChoice(const QJsonValue& v, const QString& at, const Lesson& lesson) {
    if (!v.isObject()) failAt(at, "expected an object");
    JsonReader r(v.toObject(), at);
    LessonChoice c;
    c.label = required(r, "label");
    c.tie = r.boolean("tie", false);
    c.model = r.string("model", {});
    c.symmetrized = r.boolean("symmetrized", false);
    r.finish();
    if (c.tie) {
        if (!c.model.isEmpty() || c.symmetrized)
            failAt(at, "a tie choice names no model (\"tie\": true stands for \"about the same\")");
        return c;
    }
    if (c.model.isEmpty()) failAt(r.at("model"), "missing: which of the scenario's models");
    const ModelSpec* spec = findSpec(lesson.scenario, c.model);
    if (!spec) failAt(r.at("model"), "\"" + c.model + "\" is not one of the scenario's models");
    // A reveal compares the models that learn; the exact score is their reference and gets no
    // final W1 of its own there, so a choice naming it could never be the answer.
    if (spec->equivariance == Equivariance::Exact)
        failAt(r.at("model"), "\"" + c.model +
                                  "\" is the exact score (the oracle), which a reveal does not "
                                  "rank: choose a model that learns");
    if (c.symmetrized && !lesson.symmetrize)
        failAt(r.at("symmetrized"), "needs \"symmetrize\": true in the lesson");
    if (c.symmetrized && spec->equivariance != Equivariance::None)
        failAt(r.at("symmetrized"),
               "\"" + c.model + "\" is equivariant already: symmetrizing changes nothing");
    return c;
}

void readChoices(JsonReader& root, Lesson& l) {
    const QJsonArray arr = root.array("choices", true);
    if (arr.size() < 2 || arr.size() > 6) failAt("choices", "give between 2 and 6 choices");
    QStringList labels, picks;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString at = QString("choices[%1]").arg(i);
        LessonChoice c = readChoice(arr[i], at, l);
        if (labels.contains(c.label)) failAt(at + ".label", "\"" + c.label + "\" appears twice");
        const QString pick = c.tie ? QString("tie") : c.model + (c.symmetrized ? "+S_G" : "");
        if (picks.contains(pick)) failAt(at, "the same model as an earlier choice");
        labels << c.label;
        picks << pick;
        l.choices << c;
    }
}

void readAnswer(JsonReader& root, Lesson& l) {
    JsonReader a(root.object("answer"), "answer");
    const QString rule = a.choice("rule", "", {"lowest_final_w1", "highest_final_w1"});
    l.rule = rule == "lowest_final_w1" ? LessonRule::LowestFinalW1 : LessonRule::HighestFinalW1;
    l.tieWithin = a.number("tie_within_floor", 0.0);
    a.finish();
    const int ties = int(std::count_if(l.choices.begin(), l.choices.end(),
                                       [](const LessonChoice& c) { return c.tie; }));
    if (ties > 1) failAt("choices", "at most one tie choice");
    if (ties == 1 && !(l.tieWithin > 0 && l.tieWithin <= 10))
        failAt("answer.tie_within_floor", "a tie choice needs a value between 0 and 10 floors");
    if (ties == 0 && l.tieWithin != 0)
        failAt("answer.tie_within_floor", "only used with a tie choice");
    if (l.choices.size() - ties < 2) failAt("choices", "at least two choices must name models");
}

Lesson readLesson(const QString& path) {
    const QJsonObject obj = parseJsonObject(readFileLimited(path, kMaxLessonBytes), path);
    JsonReader root(obj, "");
    if (root.string("format", "") != "symscore-lesson")
        failAt("format", "expected \"symscore-lesson\"");
    if (root.integer("version", 1, 1, 1000) != 1)
        failAt("version", "this symscore reads version 1");
    Lesson l;
    l.path = path;
    l.title = required(root, "title");
    l.question = required(root, "question");
    l.why = required(root, "why");
    const QDir dir = QFileInfo(path).dir();
    l.scenarioPath = dir.filePath(required(root, "scenario"));
    try {
        l.scenario = loadScenario(l.scenarioPath);
    } catch (const FormatError& e) {
        failAt("scenario", l.scenarioPath + ": " + QString::fromUtf8(e.what()));
    }
    l.symmetrize = root.boolean("symmetrize", false);
    l.reveal = root.choice("reveal", "sample", {"sample", "score_field"}) == "sample"
                   ? LessonView::Sample
                   : LessonView::ScoreField;
    readChoices(root, l);
    readAnswer(root, l);
    const QJsonArray models = root.array("models", false);
    for (qsizetype i = 0; i < models.size(); ++i) {
        if (!models[i].isString() || models[i].toString().isEmpty())
            failAt(QString("models[%1]").arg(i), "expected a file name");
        l.modelPaths << dir.filePath(models[i].toString());
    }
    root.finish();
    return l;
}
}  // namespace

int Lesson::tieChoice() const {
    for (int i = 0; i < choices.size(); ++i)
        if (choices[i].tie) return i;
    return -1;
}

int Lesson::answer(const std::vector<double>& w1, double floorMean) const {
    return lessonAnswer(rule, {w1, tieChoice(), tieWithin, floorMean});
}

Lesson loadLesson(const QString& path) {
    try {
        return readLesson(path);
    } catch (const FormatError& e) {
        const QString msg = QString::fromUtf8(e.what());
        if (msg.startsWith(path)) throw;
        failAt(path, msg);
    }
}

std::vector<LessonModel> loadLessonModels(const Lesson& lesson) {
    std::vector<LessonModel> out;
    const std::uint64_t fingerprint = scenarioFingerprint(lesson.scenario);
    const auto& specs = lesson.scenario.models;
    for (const QString& file : lesson.modelPaths) {
        LoadedModel probe = loadModel(file);
        const ModelSpec* spec = findSpec(lesson.scenario, probe.name);
        if (!spec || spec->equivariance == Equivariance::Exact)
            failAt(file,
                   "model \"" + probe.name + "\" is not one of the scenario's learned models");
        const int index = int(spec - specs.data());
        for (const LessonModel& m : out)
            if (m.specIndex == index) failAt(file, "a second file for \"" + probe.name + "\"");
        LoadedModel lm = loadModel(file, modelConfig(lesson.scenario, *spec));
        if (lm.scenarioFingerprint != fingerprint)
            failAt(file, "trained on another version of " + lesson.scenarioPath +
                             "; remake it with symscore-cli train (docs/lessons.md)");
        out.push_back({index, std::move(lm)});
    }
    if (!out.empty())
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (specs[i].equivariance != Equivariance::Exact &&
                std::none_of(out.begin(), out.end(),
                             [&](const LessonModel& m) { return m.specIndex == int(i); }))
                failAt(lesson.path,
                       "models: no file for \"" + QString::fromStdString(specs[i].name) + "\"");
    std::sort(out.begin(), out.end(),
              [](const LessonModel& a, const LessonModel& b) { return a.specIndex < b.specIndex; });
    return out;
}

QStringList bundledLessons() {
    return {":/lessons/small_n_c6.lesson.json", ":/lessons/wrong_group.lesson.json",
            ":/lessons/broken_symmetry.lesson.json", ":/lessons/more_data.lesson.json",
            ":/lessons/symmetrize.lesson.json"};
}

}  // namespace symscore::io
