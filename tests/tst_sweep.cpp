// The paper's experiment: core/sweep (runs, determinism, CSV, summary) and symscore-cli sweep
// and merge run as a user would (shards, resume, errors), on a tiny scenario.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/scenario_json.hpp"
#include "core/sweep.hpp"

using namespace symscore;

namespace {

struct Result {
    int code;
    QByteArray out, err;
};

// Qt warns on stderr when XDG_RUNTIME_DIR is unset; give the command a private one, so that
// its stderr holds only what symscore writes.
QProcessEnvironment cliEnvironment() {
    static QTemporaryDir runtime;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_RUNTIME_DIR", runtime.path());
    return env;
}

Result cli(const QStringList& args) {
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.start(SYMSCORE_CLI, args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// results.csv without its wall-time column (train_seconds, the 6th): what must not depend on
// sharding or resuming.
QByteArray withoutTimes(const QByteArray& csv) {
    QList<QByteArray> lines = csv.split('\n');
    for (QByteArray& line : lines) {
        QList<QByteArray> f = line.split(',');
        if (f.size() > 5) f.removeAt(5);
        line = f.join(',');
    }
    return lines.join('\n');
}

// The tiny scenario: C4, plain / augmented / equivariant, a small network and short runs.
Scenario tinyScenario() {
    Scenario s = io::loadScenario(QString(SYMSCORE_SOURCE_DIR) +
                                  "/resources/presets/c4_four_gaussians.symscore.json");
    s.network.width = 16;
    s.network.depth = 1;
    s.training.steps = 60;
    s.training.batch = 64;
    s.sampling.particles = 200;
    s.sampling.steps = 50;
    s.metrics.w1_points = 200;
    return s;
}

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString scenario_;
    QString full_, shard0_, shard1_, merged_;
    const QStringList sizes_{"--sizes", "8,16", "--seeds", "2"};

    QString path(const QString& name) const { return tmp_.filePath(name); }

    Result sweep(const QString& out, const QStringList& extra = {}) {
        return cli(QStringList{"sweep", scenario_} + sizes_ + QStringList{"--out", out} + extra);
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        scenario_ = path("tiny.symscore.json");
        io::saveScenario(tinyScenario(), scenario_);
        full_ = path("full");
        shard0_ = path("shard0");
        shard1_ = path("shard1");
        merged_ = path("merged");
    }

    // --- core ---------------------------------------------------------------------------
    void runsAreIndexedAndSharded() {
        SweepSpec spec;
        spec.sizes = {8, 16, 32};
        spec.seeds = 2;
        const std::vector<SweepRun> all = sweepRuns(spec);
        QCOMPARE(int(all.size()), 6);
        QCOMPARE(all[3].index, 3);
        QCOMPARE(all[3].nTrain, 16);
        QCOMPARE(all[3].seed, 1);
        spec.shardIndex = 1;
        spec.shardCount = 4;
        const std::vector<SweepRun> mine = shardRuns(spec);
        QCOMPARE(int(mine.size()), 2);
        QCOMPARE(mine[0].index, 1);
        QCOMPARE(mine[1].index, 5);

        const Scenario base = tinyScenario();
        const Scenario s = scenarioForRun(base, 32, 3);
        QCOMPARE(s.data.n_train, 32);
        QCOMPARE(s.data.seed, base.data.seed + 3);
        QCOMPARE(s.training.seed, base.training.seed + 3);
        QCOMPARE(s.sampling.seed, base.sampling.seed + 3);

        SweepSpec bad = spec;
        bad.shardIndex = 4;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateSweep(bad));
        bad = spec;
        bad.sizes = {16, 8};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateSweep(bad));
    }

    // The same rows whether runs go one at a time or two at once, resumed or not, and every
    // finished run reaches the sink at once; a stop flag ends the sweep.
    void coreSweepIsDeterministic() {
        const Scenario s = tinyScenario();
        SweepSpec spec;
        spec.sizes = {8, 16};
        spec.seeds = 2;
        std::vector<int> seen;
        SweepCallbacks cb;
        cb.onRun = [&](const SweepRunResult& r) { seen.push_back(r.run.index); };
        int progressCalls = 0;
        cb.progress = [&](const SweepProgress& p) {
            ++progressCalls;
            QVERIFY(p.done <= p.total);
        };
        const SweepOutcome one = runSweep(s, spec, {}, cb);
        QCOMPARE(int(one.runs.size()), 4);
        QCOMPARE(int(seen.size()), 4);
        QVERIFY(progressCalls > 0);

        spec.parallelRuns = 2;
        const SweepOutcome two = runSweep(s, spec, {1});  // run 1 counts as finished
        QCOMPARE(int(two.runs.size()), 3);
        for (const SweepRunResult& r : two.runs) {
            const SweepRunResult& ref = one.runs[std::size_t(r.run.index)];
            QCOMPARE(r.rows.size(), ref.rows.size());
            for (std::size_t m = 0; m < r.rows.size(); ++m) {
                QCOMPARE(r.rows[m].model, ref.rows[m].model);
                QCOMPARE(r.rows[m].w1, ref.rows[m].w1);  // bit for bit
                QCOMPARE(r.rows[m].scoreError, ref.rows[m].scoreError);
                QCOMPARE(r.rows[m].w1Floor, ref.rows[m].w1Floor);
            }
        }
        std::atomic<bool> stop{true};
        const SweepOutcome stopped = runSweep(s, spec, {}, {}, &stop);
        QVERIFY(stopped.stopped);
        QVERIFY(stopped.runs.empty());
    }

    void csvRoundTripsAndSummarizes() {
        std::vector<SweepRow> rows;
        for (int run = 0; run < 2; ++run)
            for (const char* m : {"plain", "equivariant"}) {
                SweepRow r;
                r.run = run;
                r.model = m;
                r.nTrain = 8;
                r.seed = run;
                r.w1 = 0.1 + 0.1 * run + (r.model == "plain" ? 0.3 : 0.0) + 1e-17 * run;
                r.scoreError = 1.0 / 3.0;
                r.trainSeconds = run == 0 ? std::optional<double>(1.25) : std::nullopt;
                r.w1Floor = 0.0625;
                rows.push_back(r);
            }
        const std::string text = sweepCsv(rows);
        QVERIFY(text.rfind(std::string("model,n_train,seed,w1,score_error,train_seconds"), 0) == 0);
        const std::vector<SweepRow> back = parseSweepCsv(text);
        QCOMPARE(sweepCsv(back), text);
        QCOMPARE(back[1].w1, rows[1].w1);
        QVERIFY(!back[2].trainSeconds);
        const SweepSummary sum = summarizeSweep(back, {"plain", "equivariant"});
        const SweepCell* c = sum.cell("equivariant", 8);
        QVERIFY(c);
        QCOMPARE(c->count, 2);
        QVERIFY(qAbs(c->w1Mean - 0.15) < 1e-12);
        QVERIFY(qAbs(c->w1Std - std::sqrt(0.005)) < 1e-12);
        QCOMPARE(sum.w1Floor, 0.0625);

        QCOMPARE(completeRuns(back, {"plain", "equivariant"}), (std::set<int>{0, 1}));
        std::vector<SweepRow> partial(back.begin(), back.begin() + 3);
        QCOMPARE(completeRuns(partial, {"plain", "equivariant"}), (std::set<int>{0}));

        try {
            parseSweepCsv(std::string(kSweepCsvHeader) +
                          "\nplain,8,0,0.1,0.2,1,0,0.05,ok\nplain,8,0,abc,0.2,1,0,0.05,ok\n");
            QFAIL("a corrupt line was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QByteArray(e.what()).startsWith("line 3: w1"), e.what());
        }
    }

    // --- the command line ---------------------------------------------------------------
    void sweepWritesResultsAndFigure() {
        const Result r = sweep(full_);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["runs"].toInt(), 4);
        QCOMPARE(o["runs_done"].toInt(), 4);
        QVERIFY(o["w1_floor"].toDouble() > 0);
        const QJsonArray eq = o["models"].toObject()["equivariant"].toArray();
        QCOMPARE(eq.size(), 2);
        QCOMPARE(eq[0].toObject()["n_train"].toInt(), 8);
        QCOMPARE(eq[1].toObject()["seeds"].toInt(), 2);
        QVERIFY(eq[1].toObject()["w1_std"].toDouble() >= 0);

        // The exported CSV parses, with the contract's header first and a row per model and run.
        const QByteArray csv = readAll(full_ + "/results.csv");
        QVERIFY(csv.startsWith("model,n_train,seed,w1,score_error,train_seconds"));
        const std::vector<SweepRow> rows = parseSweepCsv(csv.toStdString());
        QCOMPARE(int(rows.size()), 12);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].run, int(i / 3));
            QCOMPARE(rows[i].nTrain, i < 6 ? 8 : 16);
            QCOMPARE(rows[i].seed, int(i / 3) % 2);
            QVERIFY(std::isfinite(rows[i].w1) && rows[i].w1 > 0);
            QVERIFY(rows[i].trainSeconds && *rows[i].trainSeconds > 0);
        }
        const QImage png(full_ + "/w1_vs_n.png");
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 400);
    }

    void shardsMergeToTheUnshardedSweep() {
        const Result a = sweep(shard0_, {"--shard", "0/2"});
        QVERIFY2(a.code == 0, a.err.constData());
        QCOMPARE(QJsonDocument::fromJson(a.out).object()["runs"].toInt(), 2);
        const Result b = sweep(shard1_, {"--shard", "1/2"});
        QVERIFY2(b.code == 0, b.err.constData());
        // Order of the directories does not matter.
        const Result m = cli({"merge", shard1_, shard0_, "--out", merged_});
        QVERIFY2(m.code == 0, m.err.constData());

        const QByteArray full = readAll(full_ + "/results.csv");
        const QByteArray merged = readAll(merged_ + "/results.csv");
        // Byte for byte, apart from train_seconds (a wall time, different on every run).
        QCOMPARE(withoutTimes(merged), withoutTimes(full));
        // And the merge copies every shard row unchanged, times included.
        const QByteArray shardRows =
            readAll(shard0_ + "/results.csv") + readAll(shard1_ + "/results.csv");
        for (const QByteArray& line : merged.split('\n'))
            QVERIFY2(shardRows.contains(line), line.constData());
        // The merged directory is the unsharded sweep's: same description, same picture.
        QCOMPARE(readAll(merged_ + "/sweep.json"), readAll(full_ + "/sweep.json"));
        QCOMPARE(QImage(merged_ + "/w1_vs_n.png"), QImage(full_ + "/w1_vs_n.png"));
        QCOMPARE(QJsonDocument::fromJson(m.out).object()["models"],
                 QJsonDocument::fromJson(sweep(full_).out).object()["models"]);
    }

    // A sweep killed after its first run, simulated by cutting results.csv to the header, the
    // first run and a part of the second: the first run is kept as it is, the rest is run.
    void resumeSkipsFinishedRuns() {
        const QString dir = path("resumed");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(full_ + "/sweep.json", dir + "/sweep.json"));
        const QByteArray full = readAll(full_ + "/results.csv");
        const QList<QByteArray> lines = full.split('\n');
        QByteArray cut;
        for (int i = 0; i < 5; ++i)
            cut += lines[i] + '\n';  // header, run 0 (3 rows), 1 row of run 1
        writeAll(dir + "/results.csv", cut);

        const Result r = sweep(dir);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("1 of 4 runs already done"), r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["runs_computed"].toInt(), 3);
        const QByteArray resumed = readAll(dir + "/results.csv");
        // Run 0 was not recomputed: its rows, train_seconds included, are unchanged.
        QVERIFY(resumed.startsWith(cut.left(cut.indexOf(lines[4]))));
        QCOMPARE(withoutTimes(resumed), withoutTimes(full));

        // Running a finished sweep again computes nothing and leaves the file as it is.
        const Result again = sweep(dir);
        QCOMPARE(again.code, 0);
        QCOMPARE(QJsonDocument::fromJson(again.out).object()["runs_computed"].toInt(), 0);
        QCOMPARE(readAll(dir + "/results.csv"), resumed);
    }

    // A real interruption: kill the command once the first rows are on disk, then resume.
    void resumeAfterKill() {
        Scenario slow = tinyScenario();
        slow.training.steps = 1500;  // about a second a run: time to kill it between runs
        const QString sc = path("slower.symscore.json");
        io::saveScenario(slow, sc);
        const QString dir = path("killed");
        QProcess p;
        p.setProcessEnvironment(cliEnvironment());
        p.start(SYMSCORE_CLI, {"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--out", dir});
        QVERIFY(p.waitForStarted());
        QByteArray first;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000 && p.state() == QProcess::Running) {
            first = readAll(dir + "/results.csv");
            if (first.count('\n') >= 4) break;  // header + run 0
            QTest::qWait(20);
        }
        p.kill();
        p.waitForFinished();
        const std::vector<SweepRow> before = parseSweepCsv(first.toStdString());
        QVERIFY2(before.size() >= 3, first.constData());
        const QByteArray atKill = readAll(dir + "/results.csv");
        const std::size_t kept = parseSweepCsv(atKill.toStdString()).size();
        QVERIFY(kept % 3 == 0);  // whole runs only
        QVERIFY2(kept < 12, "the sweep finished before it could be killed");

        const Result r = cli({"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--out", dir});
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArray after = readAll(dir + "/results.csv");
        QVERIFY(after.startsWith(atKill));  // what was on disk was kept as it is (run 0 first)
        QCOMPARE(int(parseSweepCsv(after.toStdString()).size()), 12);
    }

    // A last line cut by a crash (no newline at its end) is not an error: its run is run again.
    void cutLastLineIsRunAgain() {
        const QString dir = path("cutline");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(full_ + "/sweep.json", dir + "/sweep.json"));
        const QByteArray full = readAll(full_ + "/results.csv");
        writeAll(dir + "/results.csv", full.left(full.size() - 10));
        const Result r = sweep(dir);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["runs_computed"].toInt(), 1);
        QCOMPARE(withoutTimes(readAll(dir + "/results.csv")).left(full.size() - 200),
                 withoutTimes(full).left(full.size() - 200));
        QCOMPARE(int(parseSweepCsv(readAll(dir + "/results.csv").toStdString()).size()), 12);
    }

    // Re-running a finished sweep on a full disk: refused with "disk full", exit 1, and
    // results.csv is what it was (it used to be emptied).
    void fullDiskKeepsTheResults() {
        const QString dir = path("fulldisk");
        QVERIFY(QDir().mkpath(dir));
        for (const char* f : {"/sweep.json", "/results.csv"})
            QVERIFY(QFile::copy(full_ + f, dir + f));
        const QByteArray before = readAll(dir + "/results.csv");
        QProcess p;
        QProcessEnvironment env = cliEnvironment();
        env.insert("SYMSCORE_WRITE_FAULT", "flush:results.csv");
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_CLI, QStringList{"sweep", scenario_} + sizes_ + QStringList{"--out", dir});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(
            err.contains(QDir(dir).filePath("results.csv").toUtf8() + ": cannot write: disk full"),
            err.constData());
        QCOMPARE(readAll(dir + "/results.csv"), before);
        const Result again = sweep(dir);  // and the sweep still resumes afterwards
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object()["runs_computed"].toInt(), 0);
    }

    // Two sweeps (or two shards) into one folder at once: the second is refused, naming the
    // folder and the holder's pid, and the first goes on.
    void secondWriterIsRefused() {
        Scenario slow = tinyScenario();
        slow.training.steps = 100000;
        const QString sc = path("slowest.symscore.json");
        io::saveScenario(slow, sc);
        const QString dir = path("contended");
        QProcess first;
        first.setProcessEnvironment(cliEnvironment());
        first.start(SYMSCORE_CLI, {"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--out", dir});
        QVERIFY(first.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (!QFileInfo::exists(dir + "/results.csv") && t.elapsed() < 30000) QTest::qWait(20);
        const qint64 pid = first.processId();
        const Result second =
            cli({"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--shard", "1/2", "--out", dir});
        const Result merge = cli({"merge", full_, "--out", dir});
        const bool stillRunning = first.state() == QProcess::Running;
        first.kill();
        first.waitForFinished();
        QVERIFY(stillRunning);
        QCOMPARE(second.code, 1);
        QVERIFY2(second.err.contains(dir.toUtf8() + ": in use by") &&
                     second.err.contains("pid " + QByteArray::number(pid)),
                 second.err.constData());
        QCOMPARE(merge.code, 1);
        QVERIFY2(merge.err.contains(dir.toUtf8() + ": in use by"), merge.err.constData());
    }

    // merge --out into a folder that holds another sweep is refused, as sweep refuses it.
    void mergeRefusesAFolderWithAnotherSweep() {
        const QString other = path("othersweep");
        QVERIFY(QDir().mkpath(other));
        for (const char* f : {"/sweep.json", "/results.csv"})
            QVERIFY(QFile::copy(shard0_ + f, other + f));
        const QByteArray before = readAll(other + "/results.csv");
        const Result r = cli({"merge", shard0_, shard1_, "--out", other});
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(other.toUtf8() + ": holds a different sweep (it is shard 0/2, not 0/1)"),
            r.err.constData());
        QCOMPARE(readAll(other + "/results.csv"), before);
        // The folder of the same merged sweep is merged into again.
        const Result again = cli({"merge", shard0_, shard1_, "--out", merged_});
        QVERIFY2(again.code == 0, again.err.constData());
    }

    void errorPaths_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sc = path("tiny.symscore.json");
        const QString out = path("errors");
        QTest::newRow("sizes not numbers")
            << QStringList{"sweep", sc, "--sizes", "8,x", "--out", out}
            << "--sizes: \"x\" is not a whole number";
        QTest::newRow("sizes not increasing")
            << QStringList{"sweep", sc, "--sizes", "16,8", "--out", out}
            << "--sizes: must be strictly increasing";
        QTest::newRow("sizes zero") << QStringList{"sweep", sc, "--sizes", "0,8", "--out", out}
                                    << "--sizes: 0 is not a positive size";
        QTest::newRow("seeds zero")
            << QStringList{"sweep", sc, "--sizes", "8", "--seeds", "0", "--out", out}
            << "--seeds: must be at least 1";
        QTest::newRow("seeds 2e9") << QStringList{"sweep",   sc,           "--sizes", "8",
                                                  "--seeds", "2000000000", "--out",   path("huge")}
                                   << "--seeds: at most 10000, not 2000000000";
        QTest::newRow("runs beyond the limit")
            << QStringList{"sweep",   sc,
                           "--sizes", "8,16,32,64,128,256,512,1024,2048,4096,8192,16384",
                           "--seeds", "10000",
                           "--out",   path("huge")}
            << "--seeds: 12 sizes x 10000 seeds is more than 100000 runs";
        QTest::newRow("shard out of range")
            << QStringList{"sweep", sc, "--sizes", "8", "--shard", "3/2", "--out", out}
            << "--shard: 3/2: I must be in 0..K-1";
        QTest::newRow("shard malformed")
            << QStringList{"sweep", sc, "--sizes", "8", "--shard", "1", "--out", out}
            << "--shard: \"1\" is not I/K";
        QTest::newRow("no out") << QStringList{"sweep", sc, "--sizes", "8"} << "--out: missing";
        QTest::newRow("missing scenario")
            << QStringList{"sweep", path("nope.json"), "--sizes", "8", "--out", out} << "nope.json";
        QTest::newRow("different sweep in out")
            << QStringList{"sweep", sc, "--sizes", "8,16,32", "--seeds", "2", "--out", full_}
            << "holds a different sweep (sizes differ (8,16 against 8,16,32))";
        QTest::newRow("other shard in out")
            << QStringList{"sweep", sc,        "--sizes", "8,16",  "--seeds",
                           "2",     "--shard", "1/2",     "--out", shard0_}
            << "it is shard 0/2, not 1/2";
        QTest::newRow("merge missing dir")
            << QStringList{"merge", shard0_, path("nowhere"), "--out", path("m1")}
            << "nowhere: no such directory";
        QTest::newRow("merge missing shard")
            << QStringList{"merge", shard0_, "--out", path("m2")} << "missing shard 1/2";
        QTest::newRow("merge same shard twice")
            << QStringList{"merge", shard0_, shard0_, "--out", path("m3")}
            << "shard 0/2 is given twice";
        QTest::newRow("merge different sweeps")
            << QStringList{"merge", shard0_, full_, "--out", path("m4")} << "is shard 0/1, but";
        QTest::newRow("merge not a sweep") << QStringList{"merge", path("."), "--out", path("m5")}
                                           << "sweep.json: missing (not a sweep directory)";
        QTest::newRow("merge unfinished shard")
            << QStringList{"merge", path("cut0"), shard1_, "--out", path("m6")}
            << "shard 0/2 is unfinished (1 of 2 runs)";
        QTest::newRow("corrupt csv")
            << QStringList{"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--out", path("corrupt")}
            << "results.csv: line 3: score_error \"oops\" is not a number";
        QTest::newRow("foreign row")
            << QStringList{"sweep", sc, "--sizes", "8,16", "--seeds", "2", "--out", path("foreign")}
            << "results.csv: line 2: run 0 is n_train 8, seed 0, not n_train 16, seed 0";
    }
    void errorPaths() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        // Directories some rows need: an unfinished shard and two damaged results files.
        for (const char* name : {"cut0", "corrupt", "foreign"}) {
            const QString src = QString(name) == "cut0" ? shard0_ : full_;
            const QString dir = path(name);
            QDir().mkpath(dir);
            QFile::remove(dir + "/sweep.json");
            QVERIFY(QFile::copy(src + "/sweep.json", dir + "/sweep.json"));
            QList<QByteArray> lines = readAll(src + "/results.csv").split('\n');
            if (QString(name) == "cut0") lines = lines.mid(0, 4);
            if (QString(name) == "corrupt") lines[2].replace(lines[2].split(',')[4], "oops");
            if (QString(name) == "foreign") lines[1].replace(",8,0,", ",16,0,");
            writeAll(dir + "/results.csv",
                     lines.join('\n') + (QString(name) == "cut0" ? "\n" : ""));
        }
        const QByteArray before = readAll(path("corrupt") + "/results.csv");
        const Result r = cli(args);
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(readAll(path("corrupt") + "/results.csv"), before);  // never overwritten on error
        QVERIFY(!QFileInfo::exists(path("huge")));  // refused before anything is created
    }

    void summaryLeavesFailedRunsOut() {
        // A diverged training or a sampler that blew up is a failed seed, never a data point,
        // even when its W1 happens to be finite (a diverged network still samples something).
        std::vector<SweepRow> rows;
        const char* statuses[] = {"ok", "diverged", "ok", "sampler_blew_up"};
        const double w1s[] = {0.2, 0.01, 0.4, NAN};
        for (int run = 0; run < 4; ++run) {
            SweepRow r;
            r.run = run;
            r.model = "plain";
            r.nTrain = 8;
            r.seed = run;
            r.w1 = w1s[run];
            r.scoreError = 1.0;
            r.status = statuses[run];
            rows.push_back(r);
        }
        const SweepSummary sum = summarizeSweep(rows, {"plain"});
        const SweepCell* c = sum.cell("plain", 8);
        QVERIFY(c);
        QCOMPARE(c->count, 2);
        QCOMPARE(c->failed, 2);
        QVERIFY(qAbs(c->w1Mean - 0.3) < 1e-12);
    }
};

QTEST_MAIN(TestSweep)
#include "tst_sweep.moc"
