// io/slurm_export: the Slurm submission folder a sweep is exported as. The folder must hold
// the scenario and scripts/cluster byte for byte, and its submit.sh must submit exactly the
// sweep that was exported (checked through submit.sh --dry-run, which prints the sbatch
// command lines).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/json_reader.hpp"
#include "core/io/scenario_json.hpp"
#include "core/io/slurm_export.hpp"

using namespace symscore;

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QString preset() {
    return QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/d4_eight_gaussians.symscore.json";
}
}  // namespace

class TestSlurmExport : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    io::SlurmExportSpec spec() const {
        io::SlurmExportSpec s;
        s.sizes = {8, 16, 32};
        s.seeds = 3;
        s.shards = 4;
        s.cpus = 2;
        s.partition = "short";
        s.time = "1:30:00";
        s.memory = "2G";
        s.cli = SYMSCORE_CLI;
        return s;
    }

  private Q_SLOTS:
    void writesAFolderThatSubmitsTheSweep() {
        const QString folder = tmp_.filePath("export");
        const Scenario scenario = io::loadScenario(preset());
        io::writeSlurmSubmission(folder, scenario, spec());
        for (const QString& f : io::slurmSubmissionFiles())
            QVERIFY2(QFileInfo(folder + "/" + f).isFile(), qPrintable(f));
        // The scenario reads back as the one exported; the scripts are symscore's own.
        QCOMPARE(io::scenarioToJson(io::loadScenario(folder + "/scenario.symscore.json")),
                 io::scenarioToJson(scenario));
        for (const char* s :
             {"submit.sh", "sweep_shard.sbatch", "merge.sbatch", "parallel_sweep.sh"}) {
            const QString copy = folder + "/cluster/" + s;
            QCOMPARE(readAll(copy),
                     readAll(QString(SYMSCORE_SOURCE_DIR) + "/scripts/cluster/" + s));
            QVERIFY(QFileInfo(copy).isExecutable());
        }
        QVERIFY(QFileInfo(folder + "/submit.sh").isExecutable());
        QVERIFY(readAll(folder + "/README.md")
                    .contains("3 seeds: 9 runs of every model, in 4 shards of at most 3 runs"));

        // What submit.sh would hand to sbatch: this sweep, its shards and Slurm options; an
        // option given on its command line wins.
        QProcess p;
        p.start("bash", {folder + "/submit.sh", "--dry-run", "--partition", "long"});
        QVERIFY(p.waitForFinished(30000));
        const QString out = p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QString array = lines[0], merge = lines[1];
        for (const QString& want : {"--array=0-3", "--cpus-per-task=2", "--partition=long",
                                    "--mem=2G", "--time=1:30:00", " 8,16,32 3 ", "/sweep 4"})
            QVERIFY2(array.contains(want), qPrintable(want + " not in " + array));
        QVERIFY(!array.contains("--partition=short"));
        QVERIFY2(merge.contains("--dependency=afterok:") && merge.endsWith(" 4"),
                 qPrintable(merge));
        QVERIFY(array.contains(QFileInfo(folder).canonicalFilePath() + "/sweep/scenario.json"));
    }
    void refusesWhatCannotWork_data() {
        QTest::addColumn<int>("shards");
        QTest::addColumn<QString>("partition");
        QTest::addColumn<int>("seeds");
        QTest::addColumn<QString>("message");
        QTest::newRow("too many shards")
            << 10 << "" << 3 << "shards: 10 is more than the sweep's 9 runs";
        QTest::newRow("no shards") << 0 << "" << 3 << "shards: must be at least 1";
        QTest::newRow("two words") << 2 << "a b" << 3 << "partition: \"a b\" is not a single word";
        QTest::newRow("shell") << 2 << "x;rm" << 3 << "partition: \"x;rm\" is not a single word";
        QTest::newRow("no seeds") << 2 << "" << 0 << "seeds: must be at least 1";
    }
    void refusesWhatCannotWork() {
        QFETCH(int, shards);
        QFETCH(QString, partition);
        QFETCH(int, seeds);
        QFETCH(QString, message);
        io::SlurmExportSpec s = spec();
        s.shards = shards;
        s.partition = partition;
        s.seeds = seeds;
        const QString folder = tmp_.filePath(QString("bad-%1").arg(QTest::currentDataTag()));
        try {
            io::writeSlurmSubmission(folder, io::loadScenario(preset()), s);
            QFAIL("accepted");
        } catch (const io::FormatError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
        QVERIFY(!QFileInfo::exists(folder));  // nothing written
    }
    void refusesAFolderWithFiles() {
        const QString folder = tmp_.filePath("used");
        QVERIFY(QDir().mkpath(folder));
        QFile f(folder + "/results.csv");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me\n");
        f.close();
        QVERIFY_THROWS_EXCEPTION(
            io::FormatError, io::writeSlurmSubmission(folder, io::loadScenario(preset()), spec()));
        QCOMPARE(readAll(folder + "/results.csv"), QByteArray("keep me\n"));
        QVERIFY(!QFileInfo::exists(folder + "/submit.sh"));
    }
};

QTEST_GUILESS_MAIN(TestSlurmExport)
#include "tst_slurm_export.moc"
