// symscore-cli validate, score, run and sweep --plan, run as a user would: JSON on stdout,
// one-line errors.
#include <sys/stat.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"
#include "core/sweep_plan.hpp"
#include "core/trainer.hpp"
#include "tests/time_budget.hpp"

using namespace symscore;

namespace {
// JSON written with single quotes, so that test data reads cleanly (and moc can parse it).
QByteArray json(const char* text) { return QByteArray(text).replace('\'', '"'); }

struct Result {
    int code;
    QByteArray out, err;
};

// extraEnv: NAME=VALUE entries added to the environment (SYMSCORE_WRITE_FAULT).
Result run(const QStringList& args, const QStringList& extraEnv = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& e : extraEnv) env.insert(e.section('=', 0, 0), e.section('=', 1));
    p.setProcessEnvironment(env);
    p.start(SYMSCORE_CLI, args);
    if (!p.waitForFinished(timeBudgetMs(60000))) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, "timed out"};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A run of a second or so: two models, short training and sampling.
const char* kQuickRun =
    "{'network': {'width': 16, 'depth': 1}, 'training': {'steps': %1, 'batch': 64},"
    " 'sampling': {'particles': 200, 'steps': 50}, 'metrics': {'w1_points': 200},"
    " 'models': [{'name': 'plain'}, {'name': 'oracle', 'equivariance': 'exact'}]}";

QString preset(const char* file) {
    return QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/" + file;
}
}  // namespace

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString write(const char* name, const QByteArray& text) {
        QFile f(dir_.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }

  private Q_SLOTS:
    // A learning rate of 10 diverges: the run still finishes, says which models diverged and
    // why in metrics.json, and keeps the oracle's figures.
    void divergingRunIsReported() {
        const QString scenario =
            write("diverge.json", json("{'training': {'steps': 200, 'lr': 10}, 'sampling': "
                                       "{'particles': 300, 'steps': 100},"
                                       " 'metrics': {'w1_points': 300}, 'models': [{'name': "
                                       "'plain'}, {'name': 'oracle', 'equivariance': 'exact'}]}"));
        QProcess p;
        p.start(SYMSCORE_CLI, {"run", scenario, "--out", dir_.filePath("diverge")});
        QVERIFY(p.waitForFinished(timeBudgetMs(120000)));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject models =
            QJsonDocument::fromJson(p.readAllStandardOutput()).object()["models"].toObject();
        const QJsonObject plain = models["plain"].toObject();
        QCOMPARE(plain["status"].toString(), QString("diverged"));
        QVERIFY(!plain["message"]
                     .toString()
                     .isEmpty());  // why: the loss, or the sampler that blew up after
        QCOMPARE(models["oracle"].toObject()["status"].toString(), QString("ok"));
        QVERIFY(models["oracle"].toObject()["w1"].toDouble() > 0);
    }
    // run --out also writes the training set, to the last bit, so that another implementation
    // can train on the very points symscore trained on; an oracle-only run trains on nothing.
    void runWritesItsTrainingSet() {
        const QString scenario = write(
            "pairable.json", json("{'data': {'n_train': 19, 'seed': 5}, 'training': {'steps': 5}, "
                                  "'sampling': {'particles': 50, 'steps': 10},"
                                  " 'metrics': {'w1_points': 50}, 'models': [{'name': 'plain'}]}"));
        const QString out = dir_.filePath("pairable");
        const Result r = run({"run", scenario, "--out", out});
        QCOMPARE(r.code, 0);
        const Points written = io::readPointsCsv(QDir(out).filePath("train.csv"));
        const Points expected = drawTrainingSet(io::loadScenario(scenario));
        QCOMPARE(written.rows(), Eigen::Index(19));
        QVERIFY(written == expected);
        // Another seed draws other points: the file follows the scenario, not a fixed set.
        QVERIFY(!(expected == drawTrainingSet([&] {
                      Scenario s = io::loadScenario(scenario);
                      s.data.seed = 6;
                      return s;
                  }())));

        const QString oracleOnly =
            write("oracle_only.json",
                  json("{'sampling': {'particles': 50, 'steps': 10}, 'metrics': {'w1_points': 50},"
                       " 'models': [{'name': 'oracle', 'equivariance': 'exact'}]}"));
        const QString out2 = dir_.filePath("oracle_only");
        QCOMPARE(run({"run", oracleOnly, "--out", out2}).code, 0);
        QVERIFY(QFile::exists(QDir(out2).filePath("metrics.json")));
        QVERIFY(!QFile::exists(QDir(out2).filePath("train.csv")));
    }
    void validatePrintsTheFilledScenario() {
        const Result r = run({"validate", preset("d4_eight_gaussians.symscore.json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["name"].toString(), QString("D4: eight Gaussians"));
        QCOMPARE(o["group"].toObject()["type"].toString(), QString("dihedral"));
        QVERIFY(o["network"].toObject().contains("fourier_scale"));  // defaults filled in
    }
    void validateErrorNamesTheField() {
        const QString bad =
            write("bad.json",
                  json("{'mixture': {'components': [{'mean': [0, 1], 'cov': [[1, 2], [2, 1]]}]}}"));
        const Result r = run({"validate", bad});
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("mixture.components[0].cov: not positive definite"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
    void scoreMatchesTheLibrary() {
        const QString pts = write("p.csv", "0.5,0.25\n2,0\n-1.5,3\n");
        const Result r = run(
            {"score", preset("c4_four_gaussians.symscore.json"), "--t", "0.2", "--points", pts});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["t"].toDouble(), 0.2);
        const QJsonArray scores = o["scores"].toArray();
        QCOMPARE(scores.size(), 3);
        const Scenario s = io::loadScenario(preset("c4_four_gaussians.symscore.json"));
        const Process proc = s.makeProcess();
        const Mixture pt = s.makeTarget().marginal(proc.alpha(0.2), proc.sigma(0.2));
        const Vec2 expect = pt.score(Vec2(-1.5, 3));
        QCOMPARE(scores[2].toArray()[0].toDouble(), expect(0));
        QCOMPARE(scores[2].toArray()[1].toDouble(), expect(1));
        QCOMPARE(o["log_density"].toArray()[1].toDouble(), pt.logDensity(Vec2(2, 0)));
    }
    // --plan measures a run, sizes the sweep for the wall-time target, and writes nothing.
    void planSizesTheSweep() {
        const QString scenario =
            write("tiny.json", json("{'network': {'width': 32}, 'training': {'steps': 300, "
                                    "'batch': 64}, 'sampling': {'particles': 300, 'steps': 100},"
                                    " 'metrics': {'w1_points': 300}}"));
        const QString out = dir_.filePath("plan-out");
        const Result r = run({"sweep", scenario, "--sizes", "8,16", "--seeds", "3", "--plan",
                              "--wall", "0.002", "--out", out});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(out));
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["runs"].toInt(), 6);
        const QJsonObject cost = o["cost"].toObject();
        QCOMPARE(cost["train_steps"].toInt(), 300);
        QVERIFY(cost["train_seconds_per_step"].toDouble() > 0);
        QVERIFY(cost["sample_seconds"].toDouble() > 0);
        const double run = o["seconds_per_run"].toDouble();
        const double parts = cost["train_seconds"].toDouble() + cost["score_seconds"].toDouble() +
                             cost["sample_seconds"].toDouble() + cost["w1_seconds"].toDouble();
        QVERIFY2(std::abs(run - parts) < 0.01,
                 qPrintable(QString("%1 against %2").arg(run).arg(parts)));
        // The suggestion is what planShards makes of the measured cost.
        const ShardPlan plan =
            planShards(6, run, cost["shard_overhead_seconds"].toDouble(), 0.002 * 3600, 1.5);
        QCOMPARE(o["suggested_shards"].toInt(), plan.shards);
        QCOMPARE(o["runs_per_shard"].toInt(), plan.runsPerShard);
        QCOMPARE(o["fits"].toBool(), plan.fits);
        QVERIFY(
            QRegularExpression("^\\d+:\\d\\d:00$").match(o["slurm_time"].toString()).hasMatch());
        QVERIFY(o["submit"].toString().contains(QString("--shards %1 ").arg(plan.shards)));
    }
    void planShardsFitsTheWallTime() {
        // 10 runs of 100 s, 1000 s of wall time with a 1.5 margin: 6 runs fit in a shard.
        ShardPlan p = planShards(10, 100, 0, 1000, 1.5);
        QCOMPARE(p.shards, 2);
        QCOMPARE(p.runsPerShard, 5);
        QCOMPARE(p.shardSeconds, 500.0);
        QCOMPARE(p.timeLimitSeconds, 780.0);  // 750 s rounded up to minutes
        QVERIFY(p.fits);
        p = planShards(10, 100, 0, 1e6, 1.5);  // everything fits in one job
        QCOMPARE(p.shards, 1);
        QCOMPARE(p.runsPerShard, 10);
        p = planShards(10, 100, 200, 1000, 1.5);  // the per-shard cost leaves room for 4 runs
        QCOMPARE(p.shards, 3);
        QCOMPARE(p.runsPerShard, 4);
        p = planShards(10, 2000, 0, 1000, 1.5);  // not even one run fits: one run per shard
        QVERIFY(!p.fits);
        QCOMPARE(p.shards, 10);
        QCOMPARE(p.timeLimitSeconds, 3000.0);
        QCOMPARE(slurmTime(1), std::string("0:01:00"));
        QCOMPARE(slurmTime(60), std::string("0:01:00"));
        QCOMPARE(slurmTime(61), std::string("0:02:00"));
        QCOMPARE(slurmTime(5 * 3600 + 59 * 60), std::string("5:59:00"));
        QCOMPARE(slurmTime(2 * 86400 + 3 * 3600 + 60), std::string("2-03:01:00"));
    }
    // Every subcommand takes only the options it declares: a typo, an option of another
    // command, one given twice or a malformed value is refused before anything runs, naming
    // the option and the valid ones, with exit code 2.
    void strictOptions_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sc = preset("c4_four_gaussians.symscore.json");
        const QString out = dir_.filePath("strict");
        QTest::newRow("sweep --seed")
            << QStringList{"sweep", sc, "--sizes", "8", "--seed", "3", "--out", out}
            << "--seed: unknown option for sweep (did you mean --seeds? valid: --sizes, --seeds, "
               "--out, --shard, --parallel-runs, --plan, --wall, --cpus, --break-lock)";
        QTest::newRow("sweep --shards")
            << QStringList{"sweep", sc, "--sizes", "8", "--shards", "0/2", "--out", out}
            << "--shards: unknown option for sweep (did you mean --shard?";
        QTest::newRow("bench --quik") << QStringList{"bench", "--quik"}
                                      << "--quik: unknown option for bench (did you mean --quick? "
                                         "valid: --quick, --scaling, --only)";
        QTest::newRow("validate --bogus")
            << QStringList{"validate", sc, "--bogus", "1"}
            << "--bogus: unknown option for validate (it takes no options)";
        QTest::newRow("repeated") << QStringList{"sweep", sc,        "--sizes", "8",     "--seeds",
                                                 "2",     "--seeds", "3",       "--out", out}
                                  << "--seeds: given twice";
        QTest::newRow("soak --minutes inf") << QStringList{"soak", "--minutes", "inf"}
                                            << "--minutes: \"inf\" is not a finite number";
        QTest::newRow("soak --minutes nan")
            << QStringList{"soak", "--minutes=nan"} << "--minutes: \"nan\" is not a finite number";
        QTest::newRow("seeds not a number")
            << QStringList{"sweep", sc, "--sizes", "8", "--seeds", "many", "--out", out}
            << "--seeds: \"many\" is not a whole number";
        QTest::newRow("flag with a value")
            << QStringList{"bench", "--quick=yes"} << "--quick: is a flag and takes no value";
        QTest::newRow("value missing")
            << QStringList{"w1", "a.csv", "b.csv", "--method"} << "--method: needs a value";
        QTest::newRow("shard 0/0")
            << QStringList{"sweep", sc, "--sizes", "8", "--shard", "0/0", "--out", out}
            << "--shard: 0/0: I must be in 0..K-1";
    }
    void strictOptions() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = run(args);
        QVERIFY2(r.code == 2 || message.startsWith("--shard"), r.err.constData());
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString(r.err).contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(dir_.filePath("strict")));  // nothing was started
    }
    void optionWithEqualsSign() {
        const QString pts = write("eq.csv", "0.5,0.25\n");
        const Result r =
            run({"score", preset("c4_four_gaussians.symscore.json"), "--t=0.2", "--points=" + pts});
        QVERIFY2(r.code == 0, r.err.constData());
    }

    // A device, a FIFO without a writer, a folder: refused at once by every command that reads
    // a file, in one line; never a hang or a memory exhaustion.
    void specialFilesAreRefused() {
        const QString fifo = dir_.filePath("fifo");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString sc = preset("c4_four_gaussians.symscore.json");
        const QString good = write("one.csv", "1,2\n");
        for (const QString& special : {QString("/dev/zero"), QString("/dev/urandom"), fifo}) {
            const QList<QStringList> commands{{"validate", special},
                                              {"w1", special, good},
                                              {"w1", good, special},
                                              {"score", sc, "--t", "0.5", "--points", special}};
            for (const QStringList& args : commands) {
                QElapsedTimer t;
                t.start();
                const Result r = run(args);
                QVERIFY2(r.code == 1, qPrintable(args.join(' ') + ": " + r.err));
                QVERIFY2(r.err.contains(special.toUtf8() + ": not a regular file"),
                         r.err.constData());
                QCOMPARE(r.err.count('\n'), 1);
                QVERIFY(t.elapsed() < timeBudgetMs(10000));
            }
        }
    }

    // A full disk: the run fails with the file and "disk full", exit 1, and the earlier run's
    // metrics.json is kept as it was.
    void runOnAFullDiskKeepsTheOldFiles() {
        const QString scenario =
            write("quick.json", json(QByteArray(kQuickRun).replace("%1", "40")));
        const QString out = dir_.filePath("fullrun");
        Result r = run({"run", scenario, "--out", out});
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArray metrics = readAll(out + "/metrics.json");
        const QByteArray samples = readAll(out + "/samples_plain.csv");
        r = run({"run", scenario, "--out", out}, {"SYMSCORE_WRITE_FAULT=flush:samples_plain"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QDir(out).filePath("samples_plain.csv").toUtf8() +
                                ": cannot write: disk full"),
                 r.err.constData());
        QCOMPARE(readAll(out + "/metrics.json"), metrics);
        QCOMPARE(readAll(out + "/samples_plain.csv"), samples);
        // The picture is encoded in memory and written like any file: the failed write is the
        // one line after the progress, with no encoder or Qt warning before it.
        if (QFileInfo::exists(out + "/result.png")) {
            const QByteArray png = readAll(out + "/result.png");
            r = run({"run", scenario, "--out", out}, {"SYMSCORE_WRITE_FAULT=write:result.png"});
            QCOMPARE(r.code, 1);
            const QList<QByteArray> lines = r.err.trimmed().split('\n');
            QVERIFY2(lines.last().endsWith("result.png: cannot write: disk full"),
                     r.err.constData());
            for (const QByteArray& line : lines)
                QVERIFY2(line.startsWith("run: ") || line == lines.last(), r.err.constData());
            QCOMPARE(readAll(out + "/result.png"), png);
        }
        // A folder that cannot be written is found out before training, not after it.
        r = run({"run", scenario, "--out", out},
                {"SYMSCORE_WRITE_FAULT=write:.symscore-write-probe"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(out.toUtf8() + ": cannot write: disk full"), r.err.constData());
        QVERIFY2(!r.err.contains("run: step"), r.err.constData());
    }

    // run into a folder of an earlier run with other models: the new run's files replace the
    // old ones and the old run's other samples (as its metrics.json lists its models) are
    // removed, so nothing stale is left; a file the earlier run did not write is the user's
    // and stays, even when its name looks like one of ours.
    void runReplacesAnEarlierRun() {
        const QString out = dir_.filePath("rerun");
        QDir().mkpath(out);
        write("rerun/samples_equivariant.csv", "1,2\n");
        write("rerun/samples_mine.csv", "3,4\n");
        write("rerun/metrics.json", R"({"models": {"equivariant": {"w1": 0.2}}})");
        const QString scenario =
            write("quick2.json", json(QByteArray(kQuickRun).replace("%1", "40")));
        const Result r = run({"run", scenario, "--out", out});
        QVERIFY2(r.code == 0, r.err.constData());
        QStringList files = QDir(out).entryList(QDir::Files);
        files.removeAll("result.png");  // only with the GUI built
        QCOMPARE(files, (QStringList{"metrics.json", "samples_mine.csv", "samples_oracle.csv",
                                     "samples_plain.csv", "train.csv"}));
        QCOMPARE(readAll(out + "/samples_mine.csv"), QByteArray("3,4\n"));
        QVERIFY(readAll(out + "/metrics.json").contains("\"plain\""));
    }

    // A path that is not valid UTF-8 is refused at the door, never rewritten: Qt would decode
    // its bad byte to U+FFFD and symscore would write a different folder than the one named.
    void aPathThatIsNotUtf8IsRefused() {
        QProcess p;
        // The shell makes the byte 0xff; QProcess itself passes text only.
        p.start("/bin/sh",
                {"-c", "exec \"$0\" validate \"$(printf '%s/bad\\377name.json' \"$1\")\"",
                 SYMSCORE_CLI, dir_.path()});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("argument 2 (") && err.contains("bad\\xffname.json") &&
                     err.contains("not valid UTF-8"),
                 err.constData());
    }

    // A run stopped by SIGTERM (scancel, a job's time limit, kill) removes its lock like a
    // normal end, so the next run into the folder starts at once, and leaves no temporary.
    void sigtermReleasesTheLock() {
        const QString scenario =
            write("sigterm.json", json(QByteArray(kQuickRun).replace("%1", "100000")));
        const QString out = dir_.filePath("sigterm");
        QProcess first;
        first.start(SYMSCORE_CLI, {"run", scenario, "--out", out});
        QVERIFY(first.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (!QFileInfo::exists(out + "/.symscore.lock") && t.elapsed() < timeBudgetMs(20000))
            QTest::qWait(20);
        QVERIFY(QFileInfo::exists(out + "/.symscore.lock"));
        first.terminate();  // SIGTERM
        QVERIFY(first.waitForFinished(timeBudgetMs(10000)));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);  // it died of the signal, as it should
        QVERIFY(!QFileInfo::exists(out + "/.symscore.lock"));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // Two runs into one folder at once: the second is refused, naming the folder and the
    // process that holds it; the first finishes untouched.
    void secondRunIntoTheSameFolderIsRefused() {
        const QString scenario =
            write("slow.json", json(QByteArray(kQuickRun).replace("%1", "100000")));
        const QString out = dir_.filePath("locked");
        QProcess first;
        first.start(SYMSCORE_CLI, {"run", scenario, "--out", out});
        QVERIFY(first.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (!QFileInfo::exists(out + "/.symscore.lock") && t.elapsed() < timeBudgetMs(20000))
            QTest::qWait(20);
        const Result r = run({"run", scenario, "--out", out});
        const qint64 pid = first.processId();
        first.kill();
        first.waitForFinished();
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(out.toUtf8() + ": in use by"), r.err.constData());
        QVERIFY2(r.err.contains("pid " + QByteArray::number(pid)), r.err.constData());
    }
    void scoreErrorPaths_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sc = preset("c4_four_gaussians.symscore.json");
        const QString good = write("good.csv", "1,2\n");
        const QString bad = write("bad.csv", "1,2\n3;4\n");
        QTest::newRow("no t") << QStringList{"score", sc, "--points", good} << "--t: missing";
        QTest::newRow("t too big") << QStringList{"score", sc, "--t", "7", "--points", good}
                                   << "--t: must be between 0 and T";
        QTest::newRow("t not number") << QStringList{"score", sc, "--t", "abc", "--points", good}
                                      << "--t: \"abc\" is not a number";
        QTest::newRow("bad csv line") << QStringList{"score", sc, "--t", "0.5", "--points", bad}
                                      << "bad.csv:2: expected two numbers x,y";
        QTest::newRow("no csv") << QStringList{"score", sc,         "--t",
                                               "0.5",   "--points", "/nonexistent.csv"}
                                << "/nonexistent.csv: cannot open";
        QTest::newRow("unknown command")
            << QStringList{"frobnicate"} << "unknown command \"frobnicate\"";
        const QStringList plan{"sweep", sc, "--sizes", "8,16", "--plan"};
        QTest::newRow("plan of a shard")
            << plan + QStringList{"--shard", "0/2"} << "--plan: sizes the whole sweep";
        QTest::newRow("plan wall 0")
            << plan + QStringList{"--wall", "0"} << "--wall: 0 is not a number of hours";
        QTest::newRow("plan wall text")
            << plan + QStringList{"--wall", "soon"} << "--wall: \"soon\" is not a number";
        // An option that would do nothing is refused, not ignored.
        QTest::newRow("wall without plan")
            << QStringList{"sweep", sc, "--sizes", "8,16", "--out", "/tmp/x", "--wall", "2"}
            << "--wall: does nothing without --plan";
        QTest::newRow("cpus without plan")
            << QStringList{"sweep", sc, "--sizes", "8,16", "--out", "/tmp/x", "--cpus", "2"}
            << "--cpus: does nothing without --plan";
        QTest::newRow("plan cpus 0")
            << plan + QStringList{"--cpus", "0"} << "--cpus: must be between 1 and 4096";
    }
    void scoreErrorPaths() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = run(args);
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString(r.err).contains(message), r.err.constData());
    }

    // symscore-cli draws its pictures with Qt Gui alone (ui/figures): neither Qt Widgets nor
    // QCustomPlot among the libraries it loads, directly or through another.
    void linksNoWidgets() {
        QProcess ldd;
        ldd.start("ldd", {SYMSCORE_CLI});
        if (!ldd.waitForStarted()) QSKIP("ldd is not installed");
        QVERIFY(ldd.waitForFinished(30000));
        QCOMPARE(ldd.exitCode(), 0);
        const QByteArray libraries = ldd.readAllStandardOutput().toLower();
        QVERIFY2(libraries.contains("libqt6core"), libraries.constData());  // ldd read it
        QVERIFY2(!libraries.contains("widgets"), libraries.constData());
        QVERIFY2(!libraries.contains("qcustomplot"), libraries.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
