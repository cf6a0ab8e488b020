// Lesson files (core/io/lesson_file, docs/lessons.md) and the answer rule
// (core/lesson_answer): every bundled lesson reads with its models; each kind of mistake a
// teacher can make is refused with one line naming the file and the field.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/io/lesson_file.hpp"
#include "core/io/model_file.hpp"
#include "core/io/scenario_json.hpp"

using namespace symscore;

namespace {
// A copy of a bundled lesson in dir (lesson, scenario, models), with the lesson's JSON
// passed through edit; returns the lesson's path.
QString copyLesson(const QTemporaryDir& dir, const QString& name,
                   const std::function<void(QJsonObject&)>& edit = {}) {
    const QString src = ":/lessons/";
    QJsonObject obj = QJsonDocument::fromJson([&] {
                          QFile f(src + name + ".lesson.json");
                          f.open(QIODevice::ReadOnly);
                          return f.readAll();
                      }())
                          .object();
    QFile::copy(src + obj["scenario"].toString(), dir.filePath(obj["scenario"].toString()));
    for (const QJsonValue& m : obj["models"].toArray()) {
        QDir().mkpath(QFileInfo(dir.filePath(m.toString())).absolutePath());
        QFile::copy(src + m.toString(), dir.filePath(m.toString()));
    }
    if (edit) edit(obj);
    const QString path = dir.filePath(name + ".lesson.json");
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(QJsonDocument(obj).toJson());
    return path;
}

QString errorOf(const QString& path, bool withModels = false) {
    try {
        const io::Lesson l = io::loadLesson(path);
        if (withModels) io::loadLessonModels(l);
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}
}  // namespace

class TestLessonFile : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyBundledLessonReads() {
        QCOMPARE(io::bundledLessons().size(), 5);
        for (const QString& path : io::bundledLessons()) {
            const io::Lesson l = io::loadLesson(path);
            QVERIFY(!l.question.isEmpty() && !l.why.isEmpty());
            QVERIFY(l.choices.size() >= 2);
            const auto models = io::loadLessonModels(l);
            QVERIFY2(!models.empty(), qPrintable(path));  // instant start
        }
    }

    void answerFollowsTheRule() {
        QCOMPARE(lessonAnswer(LessonRule::LowestFinalW1, {{0.5, 0.2, 0.3}}), 1);
        QCOMPARE(lessonAnswer(LessonRule::HighestFinalW1, {{0.5, 0.2, 0.3}}), 0);
        QCOMPARE(lessonAnswer(LessonRule::LowestFinalW1, {{0.5, NAN, 0.3}}), -1);
        // A tie choice wins when the spread is within tieWithin floors, and only then.
        QCOMPARE(lessonAnswer(LessonRule::LowestFinalW1, {{0.20, 0.22, 0.21, NAN}, 3, 0.5, 0.1}),
                 3);
        QCOMPARE(lessonAnswer(LessonRule::LowestFinalW1, {{0.20, 0.30, 0.21, NAN}, 3, 0.5, 0.1}),
                 0);
    }

    void mistakesAreNamed_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");  // JSON for that field
        QTest::addColumn<QString>("expected");
        QTest::newRow("format") << "format"
                                << "\"x\""
                                << ": format: expected";
        QTest::newRow("unknown field") << "colour"
                                       << "1"
                                       << "colour";
        QTest::newRow("empty question") << "question"
                                        << "\"\""
                                        << ": question: missing";
        QTest::newRow("one choice") << "choices"
                                    << R"([{"label":"a","model":"plain"}])"
                                    << ": choices: give between 2 and 6";
        QTest::newRow("unknown model")
            << "choices"
            << R"([{"label":"a","model":"plain"},{"label":"b","model":"nope"}])"
            << "choices[1].model: \"nope\" is not one of";
        QTest::newRow("twice")
            << "choices"
            << R"([{"label":"a","model":"plain"},{"label":"a","model":"augmented"}])"
            << "choices[1].label: \"a\" appears twice";
        QTest::newRow("rule") << "answer"
                              << R"({"rule":"best"})"
                              << "answer.rule";
        QTest::newRow("reveal") << "reveal"
                                << "\"train\""
                                << ": reveal:";
        QTest::newRow("scenario") << "scenario"
                                  << "\"missing.json\""
                                  << ": scenario: ";
    }
    void mistakesAreNamed() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6", [&](QJsonObject& o) {
            o[field] = QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0);
        });
        const QString msg = errorOf(path);
        QVERIFY2(msg.startsWith(path + ": ") && msg.contains(expected), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
    }

    // Every choice can be the answer: one naming the exact score (the oracle), which a reveal
    // does not rank, is refused when the lesson is read, by the app and symscore-cli alike.
    void aChoiceNamingTheOracleIsRefused() {
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6", [](QJsonObject& o) {
            QJsonArray choices = o["choices"].toArray();
            choices.append(QJsonObject{{"label", "the oracle"}, {"model", "oracle"}});
            o["choices"] = choices;
        });
        const QString scenarioPath = dir.filePath("small_n_c6.symscore.json");
        Scenario s = io::loadScenario(scenarioPath);
        s.models.push_back({"oracle", Equivariance::Exact, Augmentation::None});
        QFile::remove(scenarioPath);
        io::saveScenario(s, scenarioPath);
        const QString msg = errorOf(path);
        QVERIFY2(msg.contains("\"oracle\" is the exact score"), qPrintable(msg));
    }

    // A model trained on another version of the scenario is refused, naming the remedy.
    void staleModelsAreRefused() {
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6");
        const QString scenarioPath = dir.filePath("small_n_c6.symscore.json");
        Scenario s = io::loadScenario(scenarioPath);
        s.data.n_train = 17;
        QFile::remove(scenarioPath);
        io::saveScenario(s, scenarioPath);
        const QString msg = errorOf(path, true);
        QVERIFY2(msg.contains("trained on another version") && msg.contains("symscore-cli train"),
                 qPrintable(msg));
    }

    // The fingerprint covers the model list: models trained before an augmentation changed
    // (random to whole-orbit averaging) are refused like models of another scenario.
    void modelsOfAnotherAugmentationAreRefused() {
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6");
        const QString scenarioPath = dir.filePath("small_n_c6.symscore.json");
        Scenario s = io::loadScenario(scenarioPath);
        bool changed = false;
        for (ModelSpec& m : s.models)
            if (m.augmentation == Augmentation::Random) {
                m.augmentation = Augmentation::Orbit;
                changed = true;
            }
        QVERIFY(changed);
        QFile::remove(scenarioPath);
        io::saveScenario(s, scenarioPath);
        const QString msg = errorOf(path, true);
        QVERIFY2(msg.contains("trained on another version"), qPrintable(msg));
    }

    // symscore-cli train makes a lesson's models reproducibly: the same scenario gives the
    // same bytes, and the files carry the scenario's fingerprint.
    void cliTrainIsReproducible() {
        QTemporaryDir dir;
        Scenario s = io::loadScenario(":/lessons/small_n_c6.symscore.json");
        s.training.steps = 30;
        s.network.width = 16;
        const QString scenario = dir.filePath("tiny.symscore.json");
        io::saveScenario(s, scenario);
        QByteArray first;
        for (const QString& out : {dir.filePath("a"), dir.filePath("b")}) {
            QProcess p;
            p.start(SYMSCORE_CLI, {"train", scenario, "--out", out});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            QFile f(QDir(out).filePath("equivariant.symscore-model"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            if (first.isEmpty()) first = bytes;
            QCOMPARE(bytes, first);
        }
        const io::LoadedModel m = io::loadModel(dir.filePath("a/plain.symscore-model"));
        QCOMPARE(m.scenarioFingerprint, io::scenarioFingerprint(s));
    }

    // symscore-cli train learns that its folder takes no file before it trains, not after:
    // a full disk (injected at the folder's probe) stops it at once, naming the folder.
    void cliTrainChecksItsFolderFirst() {
        QTemporaryDir dir;
        const QString out = dir.filePath("full");
        const QString scenario = dir.filePath("c6.symscore.json");
        io::saveScenario(io::loadScenario(":/lessons/small_n_c6.symscore.json"), scenario);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SYMSCORE_WRITE_FAULT", "write:.symscore-write-probe");
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_CLI, {"train", scenario, "--out", out});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(out.toUtf8() + ": cannot write: disk full"), err.constData());
        QVERIFY2(!err.contains("train: step"), err.constData());  // nothing was trained
    }

    // symscore-cli lesson: a bad lesson is one line on stderr and a non-zero exit.
    void cliLessonNamesTheProblem() {
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6", [](QJsonObject& o) { o.remove("why"); });
        QProcess p;
        p.start(SYMSCORE_CLI, {"lesson", path});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.exitCode() != 0);
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QVERIFY2(err.contains(path + ": why: missing") && !err.contains('\n'), qPrintable(err));
        QProcess ok;
        ok.start(SYMSCORE_CLI, {"lesson", copyLesson(dir, "wrong_group")});
        QVERIFY(ok.waitForFinished(30000));
        QCOMPARE(ok.exitCode(), 0);
    }

    void missingModelFileIsNamed() {
        QTemporaryDir dir;
        const QString path = copyLesson(dir, "small_n_c6");
        QFile::remove(dir.filePath("models/small_n_c6/augmented.symscore-model"));
        const QString msg = errorOf(path, true);
        QVERIFY2(msg.contains("augmented.symscore-model"), qPrintable(msg));
    }
};

QTEST_MAIN(TestLessonFile)
#include "tst_lesson_file.moc"
