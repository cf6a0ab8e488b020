// core/io's file layer under faults: every write atomic and checked (a full disk keeps the
// old file and says "disk full"), every read refusing special files and reading no more than
// its limit, strict JSON (duplicate keys, numbers out of range), one writer per folder, and a
// results.csv cut by a crash.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <ctime>
#include <functional>

#include "core/io/atomic_write.hpp"
#include "core/io/folder_lock.hpp"
#include "core/io/json_document.hpp"
#include "core/io/model_file.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/presets.hpp"
#include "core/io/read_file.hpp"
#include "core/io/scenario_json.hpp"
#include "core/io/sweep_files.hpp"
#include "core/io/sweep_session.hpp"

using namespace symscore;

namespace {
QString messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return "no error";
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

// Each reader symscore has for a file given by the user.
const std::vector<std::pair<const char*, std::function<void(const QString&)>>>& readers() {
    static const std::vector<std::pair<const char*, std::function<void(const QString&)>>> list{
        {"scenario", [](const QString& p) { io::loadScenario(p); }},
        {"points", [](const QString& p) { io::readPointsCsv(p); }},
        {"model", [](const QString& p) { io::loadModel(p); }},
        {"any", [](const QString& p) { io::readFileLimited(p, 1024); }},
    };
    return list;
}

struct TmpfsMount {
    QString dir;
    bool mounted = false;
    QString why;
    TmpfsMount(const QString& at, const char* size) : dir(at) {
        if (::geteuid() != 0) {
            why = "not root: cannot mount a small tmpfs";
            return;
        }
        const QByteArray opts = QByteArray("size=") + size;
        mounted =
            ::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0, opts.constData()) == 0;
        if (!mounted)
            why = QString("mount tmpfs failed: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    }
    ~TmpfsMount() {
        if (mounted) ::umount2(QFile::encodeName(dir).constData(), MNT_DETACH);
    }
};
}  // namespace

class TestIo : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

  private Q_SLOTS:
    void cleanup() { io::setWriteFaultForTesting({}); }

    // Each step of a write can fail; each time the old file stays whole and the message names
    // the path and the real cause, and no temporary file is left behind.
    void failedWriteKeepsTheOldFile_data() {
        QTest::addColumn<QString>("step");
        for (const char* s : {"write", "flush", "size", "commit"}) QTest::newRow(s) << s;
    }
    void failedWriteKeepsTheOldFile() {
        QFETCH(QString, step);
        QTemporaryDir dir;
        const QString path = dir.filePath("results.csv");
        io::writeFileAtomically(path, "old contents\n");
        io::setWriteFaultForTesting(step, "results");
        const QString msg =
            messageOf([&] { io::writeFileAtomically(path, QByteArray(5000, 'x')); });
        QCOMPARE(msg, path + ": cannot write: disk full");
        QCOMPARE(readAll(path), QByteArray("old contents\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"results.csv"});
        // A path the fault does not name is written as usual.
        io::writeFileAtomically(dir.filePath("other.csv"), "new\n");
        QCOMPARE(readAll(dir.filePath("other.csv")), QByteArray("new\n"));
    }

    // Every writer of the io layer goes through the checked write.
    void everyIoWriterReportsAFullDisk() {
        QTemporaryDir dir;
        io::setWriteFaultForTesting("flush");
        const Scenario s = io::defaultScenario();
        const QString scenario = dir.filePath("s.json");
        QVERIFY(
            messageOf([&] { io::saveScenario(s, scenario); }).endsWith("cannot write: disk full"));
        Points p(2, 2);
        p << 1, 2, 3, 4;
        QVERIFY(
            messageOf([&] { io::writePointsCsv(dir.filePath("p.csv"), p); }).endsWith("disk full"));
        auto m = makeNeuralScore(modelConfig(s, s.models.front()), 1);
        QVERIFY(messageOf([&] {
                    io::saveModel(dir.filePath("m.model"), *m, "m", 1);
                }).endsWith("disk full"));
        QVERIFY(messageOf([&] { io::writeSweepResults(dir.path(), {}); }).endsWith("disk full"));
        QVERIFY(messageOf([&] {
                    io::checkWritableFolder(dir.path());
                }).startsWith(dir.path() + ": cannot write: disk full"));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    // For real: a 64 KiB tmpfs. The file that fits is written, the one that does not is
    // refused with "disk full" and the old one is still there, byte for byte.
    void realFullDiskKeepsTheOldFile() {
        QTemporaryDir dir;
        TmpfsMount fs(dir.path(), "64k");
        if (!fs.mounted) QSKIP(qPrintable(fs.why));
        const QString path = dir.filePath("results.csv");
        const QByteArray old(20000, 'a');
        io::writeFileAtomically(path, old);
        const QString msg =
            messageOf([&] { io::writeFileAtomically(path, QByteArray(200000, 'b')); });
        QCOMPARE(msg, path + ": cannot write: disk full");
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"results.csv"});
        QVERIFY(messageOf([&] {
                    io::writePointsCsv(path, Points::Constant(20000, 2, 1.0 / 3));
                }).endsWith("disk full"));
        QCOMPARE(readAll(path), old);
    }

    // Outputs are only ours: a link planted at an output's name is not followed, and what is
    // not a regular file (a device, a FIFO) is kept; a regular file keeps its permissions.
    void writeReplacesOnlyRegularFilesAndKeepsPermissions() {
        QTemporaryDir dir;
        const QString target = dir.filePath("real.json");
        io::writeFileAtomically(target, "1\n");
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        io::writeFileAtomically(target, "2\n");
        QCOMPARE(readAll(target), QByteArray("2\n"));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(target).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);

        const QString link = dir.filePath("link.json");
        QVERIFY(QFile::link(target, link));
        QVERIFY(messageOf([&] {
                    io::writeFileAtomically(link, "3\n");
                }).startsWith(link + ": cannot write: is a symbolic link"));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), QByteArray("2\n"));
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(messageOf([&] {
                    io::writeFileAtomically(fifo, "4\n");
                }).contains("is not a regular file"));
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
        QVERIFY(messageOf([&] {
                    io::writeFileAtomically("/dev/null", "5\n");
                }).contains("is not a regular file"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), 3);
    }

    // "-" and /dev/stdout name the standard output: a report piped on is written to the
    // stream, not refused and not renamed over the device.
    void aDashWritesToTheStandardOutput() {
        QTemporaryDir dir;
        const QString captured = dir.filePath("stdout");
        for (const QString& name : {QString("-"), QString("/dev/stdout")}) {
            std::fflush(stdout);
            const int saved = ::dup(STDOUT_FILENO);
            const int fd =
                ::open(QFile::encodeName(captured).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            QVERIFY(saved >= 0 && fd >= 0);
            ::dup2(fd, STDOUT_FILENO);
            ::close(fd);
            io::writeOutput(name, "{\"report\": 1}\n");
            ::dup2(saved, STDOUT_FILENO);
            ::close(saved);
            QCOMPARE(readAll(captured), QByteArray("{\"report\": 1}\n"));
        }
        QVERIFY(QFileInfo("/dev/stdout").exists());
    }

    // A name of the file system's full 255 bytes can be written: the temporary's name is
    // shortened to fit, and nothing of it is left behind.
    void aNameOf255BytesIsWritten() {
        QTemporaryDir dir;
        const QString name = QString(125, QChar(0x00e9)) + "x.csv";  // 250 + 5 bytes in UTF-8
        QCOMPARE(QFile::encodeName(name).size(), 255);
        const QString path = dir.filePath(name);
        io::writeFileAtomically(path, "1\n");
        io::writeFileAtomically(path, "2\n");
        QCOMPARE(readAll(path), QByteArray("2\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{name});
    }

    // /dev/zero and /dev/urandom never end; a FIFO without a writer never starts. Each reader
    // refuses them at once, in one line.
    void specialFilesAreRefused() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QStringList special{"/dev/zero", "/dev/urandom", fifo, dir.path()};
        for (const auto& [name, read] : readers()) {
            for (const QString& path : special) {
                QElapsedTimer t;
                t.start();
                const QString msg = messageOf([&, &read = read] { read(path); });
                QVERIFY2(msg.startsWith(path + ": not a regular file ("),
                         qPrintable(QString(name) + ": " + msg));
                QVERIFY2(!msg.contains('\n'), qPrintable(msg));
                QVERIFY(t.elapsed() < 2000);
            }
        }
    }

    // The limit holds on what is read: a file larger than the limit is refused, one at the
    // limit is read whole.
    void sizeLimitIsOnTheBytesRead() {
        QTemporaryDir dir;
        const QString path = dir.filePath("big");
        writeAll(path, QByteArray(1025, 'x'));
        QCOMPARE(messageOf([&] { io::readFileLimited(path, 1024); }),
                 path + ": larger than 1024 bytes");
        writeAll(path, QByteArray(1024, 'y'));
        QCOMPARE(io::readFileLimited(path, 1024), QByteArray(1024, 'y'));
        QCOMPARE(io::readFileLimited(":/presets/c4_four_gaussians.symscore.json", 1 << 20).left(1),
                 QByteArray("{"));
    }

    void duplicateKeysAreRefused_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("top") << QByteArray(R"({"name": "a", "name": "b"})")
                             << R"(scenario: key "name" appears twice)";
        QTest::newRow("nested") << QByteArray(
                                       R"({"training": {"steps": 10, "lr": 0.1, "steps": 20}})")
                                << R"(scenario: key "training.steps" appears twice)";
        QTest::newRow("in array")
            << QByteArray(R"({"models": [{"name": "x"}, {"name": "y", "name": "z"}]})")
            << R"(scenario: key "models[1].name" appears twice)";
        QTest::newRow("escaped") << QByteArray(R"({"name": "a", "n\u0061me": "b"})")
                                 << R"(scenario: key "name" appears twice)";
    }
    void duplicateKeysAreRefused() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QCOMPARE(messageOf([&] { io::scenarioFromJson(json); }), message);
    }
    void sameKeyInDifferentObjectsIsFine() {
        const QJsonObject o = io::parseJsonObject(
            R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": "}{,"}]})", "t");
        QCOMPARE(o["b"].toObject()["x"].toInt(), 2);
    }

    void outOfRangeNumbersAreNamed() {
        const QString msg =
            messageOf([] { io::scenarioFromJson(R"({"training": {"lr": 1e999}})"); });
        QVERIFY2(msg.startsWith("scenario: number 1e999 at offset") && msg.contains("out of range"),
                 qPrintable(msg));
        const QString bad = messageOf([] { io::scenarioFromJson(R"({"training": {"lr": 1e}})"); });
        QVERIFY2(bad.startsWith("scenario: not valid JSON"), qPrintable(bad));
    }

    // A second writer of one folder is refused, naming the folder and the holder's pid.
    void folderLockRefusesASecondWriter() {
        QTemporaryDir dir;
        {
            const io::FolderLock first(dir.path());
            const QString msg = messageOf([&] { io::FolderLock second(dir.path()); });
            QVERIFY2(msg.startsWith(dir.path() + ": in use by "), qPrintable(msg));
            QVERIFY2(msg.contains(QString("pid %1").arg(QCoreApplication::applicationPid())),
                     qPrintable(msg));
        }
        const io::FolderLock again(dir.path());  // released with its holder
    }

    // The lock of a process that is gone is taken over.
    void staleLockIsTakenOver() {
        QTemporaryDir dir;
        QProcess dead;
        dead.start("sleep", {"0.05"});
        QVERIFY(dead.waitForStarted());
        const qint64 deadPid = dead.processId();
        QVERIFY(dead.waitForFinished());
        const QString lockPath = dir.filePath(io::FolderLock::kFileName);
        {
            // A lock file as its holder wrote it, then the holder's pid replaced by one that is
            // gone.
            QLockFile model(lockPath);
            QVERIFY(model.tryLock(0));
            QByteArray contents = readAll(lockPath);
            model.unlock();
            contents = QByteArray::number(deadPid) + contents.mid(contents.indexOf('\n'));
            writeAll(lockPath, contents);
        }
        const io::FolderLock lock(dir.path());
    }

    // Locks can be stale anywhere, and none blocks forever: each lock below is written as its
    // holder would have left it, and only what provably has no live holder is taken over. A
    // lock of another host (a Slurm node, a home folder on NFS) holds, says so and names
    // --break-lock, which takes it over.
    void staleLocksAreTakenOverAndOtherHostsNeedBreakLock() {
        const io::LockHolder me = io::ProcessLock::self("tst_io");
        QVERIFY(!me.boot.isEmpty() && me.start > 0);
        auto lockJson = [&](const QString& host, const QString& boot, qint64 pid, qint64 start) {
            return QJsonDocument(QJsonObject{{"app", "symscore-cli"},
                                             {"host", host},
                                             {"boot", boot},
                                             {"pid", pid},
                                             {"start", start}})
                .toJson(QJsonDocument::Compact);
        };
        auto aged = [](const QString& path) {  // written a minute ago
            const struct timespec times[2] = {{std::time(nullptr) - 60, 0},
                                              {std::time(nullptr) - 60, 0}};
            return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
        };
        const QList<QPair<QString, QByteArray>> dead = {
            {"before a reboot",
             lockJson(me.host, "00000000-0000-0000-0000-000000000000", me.pid, me.start)},
            {"its pid now another process", lockJson(me.host, me.boot, me.pid, me.start + 1)},
            {"empty", ""},
            {"garbled", "\x01\x02 not a lock"},
        };
        for (const auto& [what, bytes] : dead) {
            QTemporaryDir dir;
            const QString lockPath = dir.filePath(io::FolderLock::kFileName);
            writeAll(lockPath, bytes);
            QVERIFY(aged(lockPath));
            {
                const io::FolderLock lock(dir.path());
                const auto holder = io::ProcessLock::read(lockPath);
                QVERIFY2(holder && holder->pid == me.pid && holder->start == me.start &&
                             holder->boot == me.boot,
                         qPrintable(what));
            }
            QVERIFY2(!QFileInfo::exists(lockPath), qPrintable(what));  // released
        }
        // Another host: refused, naming the host and --break-lock; broken on request.
        QTemporaryDir dir;
        const QString lockPath = dir.filePath(io::FolderLock::kFileName);
        writeAll(lockPath, lockJson("node7.cluster", me.boot, me.pid, me.start));
        const QString msg = messageOf([&] { io::FolderLock lock(dir.path()); });
        QVERIFY2(msg.contains("pid " + QString::number(me.pid) + " on node7.cluster") &&
                     msg.contains("another machine") && msg.contains("--break-lock"),
                 qPrintable(msg));
        QVERIFY(io::ProcessLock::read(lockPath)->host == "node7.cluster");  // kept
        {
            const io::FolderLock broken(dir.path(), true);
            QCOMPARE(io::ProcessLock::read(lockPath)->host, me.host);
        }
        // A lock just created empty may be one being written: it holds, briefly.
        writeAll(lockPath, "");
        QVERIFY(messageOf([&] { io::FolderLock lock(dir.path()); }).contains("in use by"));
    }

    // A process killed outright (SIGKILL, a power cut) leaves its temporaries; the next that
    // takes the folder removes those of processes that are gone, and nothing else.
    void leftoverTemporariesOfTheDeadAreRemoved() {
        QProcess dead;
        dead.start("sleep", {"0.05"});
        QVERIFY(dead.waitForStarted());
        const QString deadPid = QString::number(dead.processId());
        QVERIFY(dead.waitForFinished());
        const QString livePid = QString::number(QCoreApplication::applicationPid());
        QTemporaryDir dir;
        const QStringList gone{"results.csv.tmp-" + deadPid + "-0123abcd",
                               ".symscore.lock." + deadPid + "-1f2e.new",
                               ".video." + deadPid + "-Ab12Cd.part.mp4"};
        const QStringList kept{"results.csv.tmp-" + livePid + "-0123abcd", "notes.tmp-backup",
                               "samples_plain.csv", ".video.part.mp4"};
        for (const QString& name : gone + kept) writeAll(dir.filePath(name), "x");
        {
            const io::FolderLock lock(dir.path());
            QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
            left.removeAll(io::FolderLock::kFileName);
            QStringList expected = kept;
            expected.sort();
            left.sort();
            QCOMPARE(left, expected);
        }
    }

    // A sweep folder session: locked, refuses another sweep, keeps runs, re-runs a cut line.
    void sweepSessionLocksAndResumes() {
        QTemporaryDir dir;
        Scenario s = io::defaultScenario();
        SweepSpec spec;
        spec.sizes = {8, 16};
        spec.seeds = 1;
        const io::SweepDescription d = io::SweepDescription::of(s, spec);
        std::vector<SweepRow> run0;
        for (const std::string& m : modelNames(s))
            run0.push_back(SweepRow{0, m, 8, 0, 0.5, 1.0, 0.25, 0.1, "ok"});
        {
            io::SweepSession session(dir.path(), d);
            QVERIFY(session.rows().empty());
            QVERIFY(messageOf([&] { io::SweepSession(dir.path(), d); }).contains(": in use by "));
            session.addRun(run0);
            QCOMPARE(session.finishedRuns(), std::set<int>{0});
        }
        // A crash cut the last line: the run it belongs to is computed again, not refused.
        const QString csv = dir.filePath("results.csv");
        const QByteArray whole = readAll(csv);
        writeAll(csv, whole.left(whole.size() - 7));
        {
            io::SweepSession session(dir.path(), d);
            QVERIFY(session.finishedRuns().empty());
            QCOMPARE(int(session.rows().size()), 0);
        }
        SweepSpec other = spec;
        other.seeds = 2;
        bool refused = false;
        try {
            io::SweepSession(dir.path(), io::SweepDescription::of(s, other));
        } catch (const io::SweepFolderRefused& e) {
            refused = e.kind() == io::SweepFolderRefused::Different &&
                      e.reason().contains("seeds differ");
        }
        QVERIFY(refused);
    }
};

QTEST_GUILESS_MAIN(TestIo)
#include "tst_io.moc"
