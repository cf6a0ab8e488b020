// The session autosave: a scenario change reaches the disk, a real crash (the app killed with
// SIGKILL after training) is restored bit-exactly, a clean close leaves nothing to restore, a
// corrupt autosave is reported by file and kept aside, and a second instance writes nothing.
#include <QAbstractButton>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <limits>

#include "core/io/model_file.hpp"
#include "core/io/presets.hpp"
#include "core/io/process_lock.hpp"
#include "core/io/scenario_json.hpp"
#include "core/trainer.hpp"
#include "tests/time_budget.hpp"
#include "ui/app/main_window.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/train_view.hpp"

using namespace symscore;
using Restore = ui::SessionAutosave::Restore;

namespace {

// The default scenario, small enough to train and sample in seconds.
Scenario quickScenario() {
    Scenario s = io::defaultScenario();
    s.name = "Quick C4";
    s.training.steps = 150;
    s.training.batch = 64;
    s.network.width = 32;
    s.sampling.particles = 200;
    s.sampling.steps = 50;
    s.metrics.w1_points = 200;
    return s;
}

std::vector<ui::ComparedModel> untrainedModels(const Scenario& s) {
    std::vector<ui::ComparedModel> out;
    for (const ModelSpec& m : s.models)
        if (m.equivariance != Equivariance::Exact) {
            out.push_back(ui::networkModel(m.name, makeNeuralScore(modelConfig(s, m), 1234)));
        }
    return out;
}

QJsonObject manifestOf(const QString& dir) {
    QFile f(QDir(dir).filePath("manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString modelFile(const QString& dir, const QString& name) {
    for (const QJsonValue& v : manifestOf(dir)["models"].toArray())
        if (v["name"].toString() == name) return QDir(dir).filePath(v["file"].toString());
    return {};
}

std::vector<float> parametersOf(const ScoreField& f) {
    const auto& net = dynamic_cast<const NeuralScore&>(f).network();
    return {net.parameters().begin(), net.parameters().end()};
}

// Every file of a folder with its bytes.
QMap<QString, QByteArray> contentsOf(const QString& dir) {
    QMap<QString, QByteArray> out;
    for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::Hidden)) {
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::ReadOnly)) out[name] = f.readAll();
    }
    return out;
}

// What a crash leaves: the files of a live session, without its lock.
void copySession(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QString& name : QDir(from).entryList(QDir::Files))
        if (!name.startsWith("running.lock"))
            QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name));
}

// A live session in `dir` holding `models`, written and waited for.
void writeSession(ui::SessionAutosave& session, const Scenario& s,
                  std::vector<ui::ComparedModel> models) {
    session.setSource([s, models] { return ui::SessionSnapshot{s, models, 1}; });
    QSignalSpy saved(&session, &ui::SessionAutosave::saved);
    session.saveNow();
    QVERIFY(saved.wait(timeBudgetMs(10000)));
}

QProcessEnvironment appEnvironment(const QTemporaryDir& tmp, const QString& sessionDir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("SYMSCORE_SESSION_DIR", sessionDir);
    env.insert("XDG_CONFIG_HOME", tmp.filePath("config"));  // the user's settings stay untouched
    env.insert("XDG_DATA_HOME", tmp.filePath("data"));
    return env;
}

// Clicks `button` of the next message box and keeps its text.
void answerNextDialog(const QString& button, QString* text) {
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        *text = box->text() + "\n" + box->informativeText();
        for (QAbstractButton* b : box->buttons())
            if (b->text() == button) b->click();
        poll->deleteLater();
    });
    poll->start(50);
}

}  // namespace

class TestSession : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // (a) A scenario change is written about a second later, whole and valid.
    void scenarioChangeIsAutosaved() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        ui::SessionAutosave session(dir);
        QVERIFY(session.acquire());
        QVERIFY(!session.hasLeftover());
        ui::MainWindow w;
        w.setAutosave(&session);
        QSignalSpy saved(&session, &ui::SessionAutosave::saved);
        Scenario s = quickScenario();
        s.name = "Six-fold";
        s.group = GroupSpec{GroupType::Cyclic, 6, 0.0};
        w.setScenario(s);
        QTRY_VERIFY_WITH_TIMEOUT(manifestOf(dir)["scenario_name"].toString() == "Six-fold",
                                 timeBudgetMs(10000));
        session.waitForWrites();
        const QJsonObject m = manifestOf(dir);
        QCOMPARE(m["clean"].toBool(true), false);
        QCOMPARE(m["fingerprint"].toString(), QString::number(io::scenarioFingerprint(s), 16));
        QVERIFY(m["models"].toArray().isEmpty());
        const Scenario back = io::loadScenario(QDir(dir).filePath(m["scenario"].toString()));
        QCOMPARE(io::scenarioToJson(back), io::scenarioToJson(s));
        // Only what the manifest names is left in the folder, besides the lock.
        QCOMPARE(QDir(dir).entryList(QDir::Files),
                 QStringList({"manifest.json", "running.lock", m["scenario"].toString()}));
        // What a crash at this moment leaves reads back whole.
        copySession(dir, tmp.filePath("crashed"));
        ui::SessionAutosave other(tmp.filePath("crashed"));
        QVERIFY(other.acquire());
        QVERIFY(other.hasLeftover());
        QCOMPARE(io::scenarioToJson(other.readLeftover().scenario), io::scenarioToJson(s));
        // Quick changes make one write, of the last one.
        QTest::qWait(100);  // the signal of the last write is delivered
        saved.clear();
        s.name = "First";
        w.setScenario(s);
        s.name = "Second";
        w.setScenario(s);
        QVERIFY(saved.wait(5000));
        QTest::qWait(1500);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(manifestOf(dir)["scenario_name"].toString(), QString("Second"));
    }

    // (b) The app trains, is killed with SIGKILL, and its session comes back bit for bit.
    void crashedSessionIsRestored() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        const Scenario s = quickScenario();
        io::saveScenario(s, tmp.filePath("quick.symscore.json"));
        QProcess app;
        app.setProcessEnvironment(appEnvironment(tmp, dir));
        app.start(SYMSCORE_APP, {tmp.filePath("quick.symscore.json"), "--train"});
        QVERIFY(app.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(manifestOf(dir)["models"].toArray().size() == 3,
                                 timeBudgetMs(120000));
        app.kill();
        QVERIFY(app.waitForFinished());
        QVERIFY(QFile::exists(QDir(dir).filePath("running.lock")));  // stale: its process is gone

        ui::SessionAutosave session(dir);
        QVERIFY(session.acquire());
        QVERIFY(session.hasLeftover());
        QString question, note;
        answerNextDialog("Restore", &question);
        const std::optional<ui::RestoredSession> restored =
            session.takeLeftover(Restore::Ask, nullptr, &note);
        QVERIFY2(question.contains("did not close normally") &&
                     question.contains("\u201cQuick C4\u201d") &&
                     question.contains("3 trained models"),
                 qPrintable(question));
        QVERIFY(restored);
        ui::MainWindow w;
        w.restoreSession(*restored);
        w.setAutosave(&session);  // as the app does: this session continues the autosave
        session.waitForWrites();
        QCOMPARE(io::scenarioToJson(w.scenario()), io::scenarioToJson(s));

        // The restored models are the ones in the files, and the ones this scenario trains to.
        Trainer reference(s);
        reference.runToEnd();
        const std::vector<ui::ComparedModel> models = w.trainedModels();
        QCOMPARE(int(models.size()), 3);
        for (std::size_t k = 0; k < models.size(); ++k) {
            const QString name = QString::fromStdString(models[k].name);
            QCOMPARE(name, QString::fromStdString(s.models[k].name));
            const std::vector<float> got = parametersOf(*models[k].field);
            const std::vector<float> file =
                parametersOf(*io::loadModel(modelFile(dir, name)).model);
            const std::vector<float> trained = parametersOf(*reference.models()[k].model);
            QCOMPARE(got.size(), trained.size());
            QVERIFY2(std::memcmp(got.data(), file.data(), 4 * got.size()) == 0, qPrintable(name));
            QVERIFY2(std::memcmp(got.data(), trained.data(), 4 * got.size()) == 0,
                     qPrintable(name));
        }
        // Every tab says the same: the models are back and can be sampled; the
        // Train tab no longer says "press Train", Reset can throw them away.
        const QString back = "3 trained model(s) restored from the last session";
        QVERIFY2(w.trainView()->statusText().contains(back),
                 qPrintable(w.trainView()->statusText()));
        QVERIFY2(w.sampleView()->statusText().contains(back),
                 qPrintable(w.sampleView()->statusText()));
        // The progress bar says how far they were trained, not "step 0".
        QCOMPARE(w.trainView()->progressStep(), int(w.scenario().training.steps));
        // Sample works at once, as after training.
        QSignalSpy sampled(&w, &ui::MainWindow::samplingFinished);
        w.sample();
        QVERIFY(sampled.wait(timeBudgetMs(60000)));
    }

    // Models autosaved half-way through training are offered as such: the
    // question and the restored window say how many of the steps they had.
    void halfTrainedModelsSayHowFar() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        ui::SessionAutosave session(dir);
        QVERIFY(session.acquire());
        ui::MainWindow w;
        w.setAutosave(&session);
        Scenario s = quickScenario();
        s.training.steps = 20000;
        w.setScenario(s);
        QSignalSpy updated(w.trainingController(), &ui::TrainingController::updated);
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(updated.size() >= 3, timeBudgetMs(60000));
        w.trainingController()->pause();  // at rest: the models are autosaved now
        session.waitForWrites();
        QTRY_VERIFY_WITH_TIMEOUT(manifestOf(dir)["models"].toArray().size() == 3,
                                 timeBudgetMs(10000));
        const qint64 done = manifestOf(dir)["trained_steps"].toInteger(-1);
        QVERIFY2(done > 0 && done < 20000, qPrintable(QString::number(done)));

        copySession(dir, tmp.filePath("crashed"));
        ui::SessionAutosave other(tmp.filePath("crashed"));
        QVERIFY(other.acquire());
        QVERIFY(other.hasLeftover());
        QString question, note;
        answerNextDialog("Restore", &question);
        const std::optional<ui::RestoredSession> restored =
            other.takeLeftover(Restore::Ask, nullptr, &note);
        QVERIFY(restored);
        const QString said = QString("3 models, trained %1 of 20000 steps").arg(done);
        QVERIFY2(question.contains(said), qPrintable(question));
        QVERIFY2(note.contains(said), qPrintable(note));
        ui::MainWindow back;
        back.restoreSession(*restored);
        QVERIFY2(
            back.trainView()->statusText().contains(QString("trained %1 of 20000 steps").arg(done)),
            qPrintable(back.trainView()->statusText()));
        w.trainingController()->reset();
    }

    // (c) After a normal close there is nothing to restore, in the app as in a window.
    void cleanCloseLeavesNothingToRestore() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        {
            ui::SessionAutosave session(dir);
            QVERIFY(session.acquire());
            ui::MainWindow w;
            w.setAutosave(&session);
            w.setScenario(quickScenario());
            w.show();
            QTRY_VERIFY_WITH_TIMEOUT(manifestOf(dir)["scenario_name"].toString() == "Quick C4",
                                     timeBudgetMs(10000));
            w.close();
            QVERIFY(!QFile::exists(QDir(dir).filePath("running.lock")));
            QCOMPARE(manifestOf(dir)["clean"].toBool(), true);
        }
        ui::SessionAutosave again(dir);
        QVERIFY(again.acquire());
        QVERIFY(!again.hasLeftover());

        // The app restores a crashed session without asking, samples it, and exits cleanly.
        const QString crashed = tmp.filePath("crashed");
        {
            ui::SessionAutosave live(tmp.filePath("live"));
            QVERIFY(live.acquire());
            writeSession(live, quickScenario(), untrainedModels(quickScenario()));
            copySession(tmp.filePath("live"), crashed);
        }
        QProcess app;
        app.setProcessEnvironment(appEnvironment(tmp, crashed));
        app.start(SYMSCORE_APP, {"--restore", "--sample", "--screenshot", tmp.filePath("shot.png"),
                                 "--size", "1400x900"});
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(QFile::exists(tmp.filePath("shot.png")));
        QCOMPARE(manifestOf(crashed)["clean"].toBool(), true);
        QCOMPARE(manifestOf(crashed)["models"].toArray().size(), 3);
        ui::SessionAutosave after(crashed);
        QVERIFY(after.acquire());
        QVERIFY(!after.hasLeftover());
    }

    // (d) A truncated model, a garbage manifest or a model of another architecture is named in
    // the message, the files are kept aside unchanged, and the app starts on the default.
    void corruptAutosaveIsReportedAndKeptAside() {
        QTemporaryDir tmp;
        const Scenario s = quickScenario();
        {
            ui::SessionAutosave live(tmp.filePath("live"));
            QVERIFY(live.acquire());
            writeSession(live, s, untrainedModels(s));
            for (const char* name :
                 {"truncated", "garbage", "architecture", "app", "repeated", "named", "long"})
                copySession(tmp.filePath("live"), tmp.filePath(name));
        }
        const QString truncated = modelFile(tmp.filePath("truncated"), "augmented");
        QVERIFY(QFile::resize(truncated, QFileInfo(truncated).size() / 2));
        {
            QFile f(tmp.filePath("garbage/manifest.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"format\": \"symscore-session\", garbage");
        }
        {  // the equivariant model's file under the plain model's name
            QJsonObject m = manifestOf(tmp.filePath("architecture"));
            QJsonArray models = m["models"].toArray();
            QJsonObject plain = models[0].toObject();
            plain["file"] = models[2].toObject()["file"];
            models[0] = plain;
            m["models"] = models;
            QFile f(tmp.filePath("architecture/manifest.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(m).toJson());
        }
        {  // the plain model's file listed as the augmented model (same architecture)
            QJsonObject m = manifestOf(tmp.filePath("named"));
            QJsonArray models = m["models"].toArray();
            QJsonObject augmented = models[1].toObject();
            QCOMPARE(augmented["name"].toString(), QString("augmented"));
            augmented["file"] = models[0].toObject()["file"];
            models[1] = augmented;
            m["models"] = models;
            QFile f(tmp.filePath("named/manifest.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(m).toJson());
        }
        {  // a name no model file may have
            QJsonObject m = manifestOf(tmp.filePath("long"));
            QJsonArray models = m["models"].toArray();
            QJsonObject first = models[0].toObject();
            first["name"] = QString(100000, 'x');
            models[0] = first;
            m["models"] = models;
            QFile f(tmp.filePath("long/manifest.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(m).toJson());
        }
        {  // the same models listed over and over
            QJsonObject m = manifestOf(tmp.filePath("repeated"));
            const QJsonArray once = m["models"].toArray();
            QJsonArray models;
            for (int i = 0; i < 50; ++i)
                for (const auto& e : once) models.append(e);
            m["models"] = models;
            QFile f(tmp.filePath("repeated/manifest.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(m).toJson());
        }
        const QList<QPair<QString, QStringList>> cases = {
            {"repeated", {tmp.filePath("repeated/manifest.json"), "models: more than 32 models"}},
            {"named",
             {modelFile(tmp.filePath("named"), "plain"),
              "is the model \u201cplain\u201d, listed as \u201caugmented\u201d"}},
            {"long", {"models[0].name: must be 1 to 64 characters"}},
            {"truncated", {truncated, "truncated"}},
            {"garbage", {tmp.filePath("garbage/manifest.json"), "not valid JSON"}},
            {"architecture",
             {modelFile(tmp.filePath("architecture"), "plain"),
              "architecture: kind is reynolds, expected none"}},
        };
        for (const auto& [name, expected] : cases) {
            const QString dir = tmp.filePath(name);
            const QMap<QString, QByteArray> before = contentsOf(dir);
            ui::SessionAutosave session(dir);
            QVERIFY(session.acquire());
            QVERIFY(session.hasLeftover());
            QString note;
            QVERIFY(!session.takeLeftover(Restore::Always, nullptr, &note));
            for (const QString& part : expected) QVERIFY2(note.contains(part), qPrintable(note));
            const QStringList aside =
                QDir(tmp.path()).entryList({name + "-unreadable-*"}, QDir::Dirs);
            QCOMPARE(aside.size(), 1);
            QCOMPARE(contentsOf(tmp.filePath(aside[0])), before);
            QVERIFY(!QFile::exists(QDir(dir).filePath("manifest.json")));
        }
        // The app, asked to restore a corrupt autosave, says why and starts on the default.
        const QString dir = tmp.filePath("app");
        const QString bad = modelFile(dir, "plain");
        QVERIFY(QFile::resize(bad, 100));
        QProcess app;
        app.setProcessEnvironment(appEnvironment(tmp, dir));
        app.start(SYMSCORE_APP,
                  {"--restore", "--screenshot", tmp.filePath("shot.png"), "--size", "1400x900"});
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitCode(), 0);
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(err.contains(bad) && err.contains("truncated"), qPrintable(err));
        QCOMPARE(manifestOf(dir)["scenario_name"].toString(),
                 QString::fromStdString(io::defaultScenario().name));
    }

    // A start never repeats a crash: a start that stopped while it restored a session (here:
    // it restored, then stopped before the session's first write, as a crash in the restore
    // question or in showing the session would) leaves a marker; the next start sets that
    // session aside, whole, says where, and restores nothing. A restore that reached its first
    // write leaves no marker.
    void aRestoreThatCrashedIsSetAsideNextTime() {
        QTemporaryDir tmp;
        const Scenario s = quickScenario();
        {  // copies taken while the sessions run are what a crash leaves behind
            ui::SessionAutosave live(tmp.filePath("live"));
            QVERIFY(live.acquire());
            writeSession(live, s, untrainedModels(s));
            copySession(tmp.filePath("live"), tmp.filePath("restoring"));
            copySession(tmp.filePath("live"), tmp.filePath("ok"));
        }
        const QMap<QString, QByteArray> before = contentsOf(tmp.filePath("restoring"));
        const QString dir = tmp.filePath("crashed");
        QString note;
        {
            ui::SessionAutosave first(tmp.filePath("restoring"));
            QVERIFY(first.acquire());
            QVERIFY(first.takeLeftover(Restore::Always, nullptr, &note));
            QVERIFY(QFile::exists(tmp.filePath("restoring/") + ui::SessionAutosave::kRestoring));
            copySession(tmp.filePath("restoring"), dir);  // it stops here, before any write
        }
        ui::SessionAutosave next(dir);
        QVERIFY(next.acquire());
        QVERIFY(next.hasLeftover());
        QVERIFY(!next.takeLeftover(Restore::Always, nullptr, &note));
        const QStringList aside =
            QDir(tmp.path()).entryList({"crashed-restore-failed-*"}, QDir::Dirs);
        QCOMPARE(aside.size(), 1);
        QVERIFY2(note.contains(tmp.filePath(aside[0])) && note.contains("not restored again"),
                 qPrintable(note));
        QCOMPARE(contentsOf(tmp.filePath(aside[0])), before);  // whole, without the marker

        // A restore that gets as far as the session's first write clears the marker.
        ui::SessionAutosave restored(tmp.filePath("ok"));
        QVERIFY(restored.acquire());
        QVERIFY(restored.takeLeftover(Restore::Always, nullptr, &note));
        writeSession(restored, s, untrainedModels(s));
        QVERIFY(!QFile::exists(tmp.filePath("ok/") + ui::SessionAutosave::kRestoring));
    }

    // A session folder pointed at a folder of the user's: the autosave writes beside the
    // user's files and removes or sets aside only its own, so the user's files stay, unchanged.
    void aSessionFolderKeepsTheUsersFiles() {
        QTemporaryDir tmp;
        const Scenario s = quickScenario();
        const QString dir = tmp.filePath("mine");
        QDir().mkpath(dir);
        const QStringList theirs{"notes.txt", "samples_plain.csv", "model-draft.txt",
                                 "scenario.json"};
        for (const QString& name : theirs) {
            QFile f(QDir(dir).filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(name.toUtf8());
        }
        {
            ui::SessionAutosave live(dir);
            QVERIFY(live.acquire());
            writeSession(live, s, untrainedModels(s));
            writeSession(live, quickScenario(), {});  // a second write removes the first's files
            copySession(dir, tmp.filePath("crashed"));
        }
        for (const QString& name : theirs)
            QVERIFY2(QFile::exists(QDir(dir).filePath(name)), qPrintable(name));
        // Setting a session aside moves only its own files.
        const QString crashed = tmp.filePath("crashed");
        ui::SessionAutosave next(crashed);
        QVERIFY(next.acquire());
        QVERIFY(next.hasLeftover());
        QString note;
        QVERIFY(!next.takeLeftover(Restore::Never, nullptr, &note));
        for (const QString& name : theirs) {
            QFile f(QDir(crashed).filePath(name));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
            QCOMPARE(f.readAll(), name.toUtf8());
        }
        QVERIFY(!QFile::exists(QDir(crashed).filePath("manifest.json")));
    }

    // "(equivariant)" means equivariant under the scenario's group: a loaded model counts as
    // equivariant only when its own group contains the scenario's.
    void aLoadedModelIsEquivariantOnlyUnderAGroupHoldingTheScenarios() {
        const Scenario c4 = quickScenario();
        auto under = [&](const GroupSpec& g) {
            Scenario s = c4;
            s.group = g;
            ModelSpec spec{"equivariant", Equivariance::Reynolds, Augmentation::None};
            return ui::loadedModel("equivariant", makeNeuralScore(modelConfig(s, spec), 1),
                                   c4.group)
                .equivariant;
        };
        QCOMPARE(c4.group.type, GroupType::Cyclic);
        QCOMPARE(c4.group.n, 4);
        QVERIFY(under({GroupType::Cyclic, 4, 0.0}));
        QVERIFY(under({GroupType::Dihedral, 4, 0.0}));
        QVERIFY(!under({GroupType::Cyclic, 3, 0.0}));
        QVERIFY(!under({GroupType::Cyclic, 2, 0.0}));
    }

    // A session lock written on another machine (a home folder on NFS) does not silently turn
    // autosave off: the reason names the holder's host and --break-lock, which takes it over.
    void aLockOfAnotherHostNeedsBreakLock() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        QDir().mkpath(dir);
        const io::LockHolder me = io::ProcessLock::self("symscore");
        {
            QFile f(QDir(dir).filePath(ui::SessionAutosave::kLock));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(QJsonObject{{"app", "symscore"},
                                              {"host", "lab-pc-12"},
                                              {"boot", me.boot},
                                              {"pid", me.pid},
                                              {"start", me.start}})
                        .toJson(QJsonDocument::Compact));
        }
        {
            ui::SessionAutosave session(dir);
            QVERIFY(!session.acquire());
            QVERIFY2(session.inactiveReason().contains("lab-pc-12") &&
                         session.inactiveReason().contains("--break-lock"),
                     qPrintable(session.inactiveReason()));
        }
        ui::SessionAutosave session(dir);
        session.setBreakLock(true);
        QVERIFY(session.acquire());
        QCOMPARE(io::ProcessLock::read(QDir(dir).filePath(ui::SessionAutosave::kLock))->host,
                 me.host);
    }

    // symscore --open-lesson L --reveal --screenshot always exits: a lesson whose plain model
    // blows up (its bundled file's weights are NaN, so it has no final W1) cannot be answered;
    // the animation still plays to the end over the other models' timeline, and the app says
    // there is no answer, writes the picture (which shows why) and exits with 1.
    void aRevealWithoutAnAnswerExits() {
        QTemporaryDir tmp;
        const QString root = tmp.filePath("lesson");
        const QString src = ":/lessons/";
        for (const QString& rel :
             {QString("small_n_c6.lesson.json"), QString("small_n_c6.symscore.json"),
              QString("models/small_n_c6/plain.symscore-model"),
              QString("models/small_n_c6/augmented.symscore-model"),
              QString("models/small_n_c6/equivariant.symscore-model")}) {
            QDir().mkpath(QFileInfo(root + "/" + rel).absolutePath());
            QVERIFY2(QFile::copy(src + rel, root + "/" + rel), qPrintable(rel));
        }
        const QString plain = root + "/models/small_n_c6/plain.symscore-model";
        const io::LoadedModel lm = io::loadModel(plain);
        Network broken = lm.model->network();
        for (float& p : broken.parameters()) p = std::numeric_limits<float>::quiet_NaN();
        QFile::remove(plain);
        io::saveModel(plain, *makeNeuralScore(lm.model->config(), broken), lm.name,
                      lm.scenarioFingerprint);
        QProcess app;
        app.setProcessEnvironment(appEnvironment(tmp, tmp.filePath("session")));
        const QString shot = tmp.filePath("shot.png");
        app.start(SYMSCORE_APP, {"--open-lesson", root + "/small_n_c6.lesson.json", "--reveal",
                                 "--screenshot", shot, "--size", "1400x900"});
        QVERIFY(app.waitForFinished(timeBudgetMs(120000)));
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitCode(), 1);
        QVERIFY2(err.contains("--reveal: No answer: a model has no final W1"), qPrintable(err));
        QVERIFY(!QImage(shot).isNull());
    }

    // A scenario on the command line wins over restoring, and --no-restore starts fresh; either
    // way the crashed session's autosave is kept aside, whole.
    void scenarioArgumentAndNoRestoreKeepTheAutosaveAside() {
        QTemporaryDir tmp;
        {
            ui::SessionAutosave live(tmp.filePath("live"));
            QVERIFY(live.acquire());
            writeSession(live, quickScenario(), untrainedModels(quickScenario()));
            copySession(tmp.filePath("live"), tmp.filePath("argument"));
            copySession(tmp.filePath("live"), tmp.filePath("fresh"));
        }
        const QString d4 =
            QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/d4_eight_gaussians.symscore.json";
        const QList<QPair<QString, QStringList>> runs = {
            {"argument", {d4, "--restore"}},
            {"fresh", {"--no-restore"}},
        };
        for (const auto& [name, args] : runs) {
            const QString dir = tmp.filePath(name);
            const QMap<QString, QByteArray> before = contentsOf(dir);
            QProcess app;
            app.setProcessEnvironment(appEnvironment(tmp, dir));
            app.start(SYMSCORE_APP, args + QStringList{"--screenshot", tmp.filePath("shot.png"),
                                                       "--size", "1400x900"});
            QVERIFY(app.waitForFinished(120000));
            QCOMPARE(app.exitCode(), 0);
            QVERIFY(app.readAllStandardError().contains("is kept in"));
            const QStringList aside = QDir(tmp.path()).entryList({name + "-crashed-*"}, QDir::Dirs);
            QCOMPARE(aside.size(), 1);
            QCOMPARE(contentsOf(tmp.filePath(aside[0])), before);
            const QString expected = name == "argument"
                                         ? QString::fromStdString(io::loadScenario(d4).name)
                                         : QString::fromStdString(io::defaultScenario().name);
            QCOMPARE(manifestOf(dir)["scenario_name"].toString(), expected);
            QVERIFY(manifestOf(dir)["clean"].toBool());
        }
    }

    // (e) While one instance holds the autosave, a second one (window or app) writes nothing.
    void secondInstanceDoesNotOverwrite() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("session");
        ui::SessionAutosave first(dir);
        QVERIFY(first.acquire());
        Scenario s = quickScenario();
        s.name = "First instance";
        writeSession(first, s, untrainedModels(s));
        const QMap<QString, QByteArray> before = contentsOf(dir);

        ui::SessionAutosave second(dir);
        QVERIFY(!second.acquire());
        QVERIFY2(second.inactiveReason().contains("Another symscore"),
                 qPrintable(second.inactiveReason()));
        ui::MainWindow w;
        w.setAutosave(&second);
        QVERIFY(w.statusBar()->currentMessage().contains("Another symscore"));
        w.setScenario(io::defaultScenario());
        second.saveNow();
        QTest::qWait(1500);
        QCOMPARE(contentsOf(dir), before);

        QProcess app;
        app.setProcessEnvironment(appEnvironment(tmp, dir));
        app.start(SYMSCORE_APP,
                  {"--restore", "--screenshot", tmp.filePath("shot.png"), "--size", "1400x900"});
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(app.readAllStandardError().contains("Another symscore"));
        QCOMPARE(contentsOf(dir), before);
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
