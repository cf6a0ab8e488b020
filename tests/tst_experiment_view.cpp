// The Experiment tab on a tiny scenario: a sweep runs off the GUI thread and fills the plot
// and the table, saves every run at once, cancels within 200 ms leaving a valid results.csv,
// resumes without recomputing finished runs, refuses bad sizes and a folder holding another
// sweep, and exports.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "core/io/scenario_json.hpp"
#include "core/io/slurm_export.hpp"
#include "core/sweep.hpp"
#include "tests/time_budget.hpp"
#include "ui/plot/qcp.hpp"
#include "ui/views/experiment_cluster.hpp"
#include "ui/views/experiment_view.hpp"
#include "ui/views/explanation.hpp"

using namespace symscore;
using namespace symscore::ui;

namespace {

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

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Waits (running the event loop) until the view's sweep has ended on its own.
bool waitFinished(ExperimentView& v, int ms = 20000) {
    QSignalSpy spy(&v, &ExperimentView::finished);
    return spy.wait(ms) || v.controller()->state() == ExperimentController::State::Finished;
}

}  // namespace

class TestExperimentView : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString dir(const QString& name) const { return tmp_.filePath(name); }

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(tmp_.isValid());
    }

    void parsesSizes() {
        QString why;
        QCOMPARE(*parseSizesText("8, 32, 128, 512"), (std::vector<int>{8, 32, 128, 512}));
        QCOMPARE(*parseSizesText(" 8 16,32 "), (std::vector<int>{8, 16, 32}));
        QVERIFY(!parseSizesText("", &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(!parseSizesText("8, x", &why));
        QVERIFY(why.contains("x"));
        QVERIFY(!parseSizesText("32, 8", &why));
        QVERIFY(why.contains("increase"));
        QVERIFY(!parseSizesText("0, 8", &why));
        QVERIFY(!parseSizesText("8, 99999999", &why));
        QVERIFY(why.contains("limit"));
        QCOMPARE(remainingText(30), QString("about 30 s left"));
        QCOMPARE(remainingText(180), QString("about 3 min left"));
    }

    void defaultFolderIsNamedAfterTheScenario() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        QVERIFY(v.folder().endsWith("experiments/c4-four-gaussians"));
        QVERIFY(v.folder().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void runFillsPlotTableAndFolder() {
        ExperimentView v;
        v.resize(1400, 900);
        v.setScenario(tinyScenario());
        v.sizesEdit()->setText("8, 16");
        v.seedsBox()->setValue(2);
        v.setFolder(dir("a"));
        QVERIFY(v.runButton()->isEnabled());
        QCOMPARE(v.run(), QString());
        QVERIFY(v.cancelButton()->isEnabled());
        QVERIFY(!v.runButton()->isEnabled());
        QVERIFY(QFile::exists(dir("a") + "/sweep.json"));  // saved before the first run ends
        QVERIFY(waitFinished(v));
        QCOMPARE(v.progressBar()->value(), 4);
        QVERIFY(v.progressBar()->format().contains("4 of 4"));

        const std::vector<SweepRow> rows =
            parseSweepCsv(readAll(dir("a") + "/results.csv").toStdString());
        QCOMPARE(int(rows.size()), 12);  // 4 runs x 3 models
        // The plot: one graph per model with a point per size, and the noise floor.
        QCustomPlot* p = v.plot();
        QCOMPARE(p->graphCount(), 4);
        for (int i = 0; i < 3; ++i) QCOMPARE(p->graph(i)->dataCount(), 2);
        QVERIFY(p->graph(3)->name().contains("noise floor"));
        // The table: model x n_train, mean ± sd (k seeds), and the floor.
        QTableWidget* t = v.table();
        QCOMPARE(t->rowCount(), 4);
        QCOMPARE(t->columnCount(), 2);
        QCOMPARE(t->verticalHeaderItem(2)->text(), QString("equivariant"));
        QCOMPARE(t->horizontalHeaderItem(1)->text(), QString("n_train = 16"));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j) {
                QVERIFY2(t->item(i, j)->text().contains(QString::fromUtf8("\u00b1")),
                         qPrintable(t->item(i, j)->text()));
                QVERIFY(t->item(i, j)->text().contains("(2 seeds)"));
            }
        const SweepSummary sum = summarizeSweep(rows, modelNames(tinyScenario()));
        QVERIFY(t->item(0, 0)->text().startsWith(
            QString::number(sum.cell("plain", 8)->w1Mean, 'f', 3) + " "));

        if (qEnvironmentVariableIsSet("SYMSCORE_EXPERIMENT_SHOT")) {
            v.explanation()->setExpanded(true);
            QTest::qWait(50);
            v.grab().save(qEnvironmentVariable("SYMSCORE_EXPERIMENT_SHOT"));
        }

        // Exports: a copy of results.csv, a PNG that loads, a PDF.
        QCOMPARE(v.exportCsv(dir("copy.csv")), QString());
        QCOMPARE(readAll(dir("copy.csv")), readAll(dir("a") + "/results.csv"));
        QCOMPARE(v.exportPlot(dir("plot.png")), QString());
        QImage png(dir("plot.png"));
        QVERIFY(!png.isNull());
        QCOMPARE(png.size(), v.plot()->size());
        QCOMPARE(v.exportPlot(dir("plot.pdf")), QString());
        QVERIFY(readAll(dir("plot.pdf")).startsWith("%PDF"));

        // Run again on the finished folder: nothing is recomputed.
        const QByteArray before = readAll(dir("a") + "/results.csv");
        QCOMPARE(v.run(), QString());
        QVERIFY(v.statusText().contains("whole sweep"));
        QVERIFY(waitFinished(v));
        QCOMPARE(readAll(dir("a") + "/results.csv"), before);
    }

    // The cluster row: the form's sweep exported as a Slurm submission folder, and a finished
    // sweep folder (what a cluster's merge sends back) shown without running anything.
    void exportsForSlurmAndOpensResults() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        v.sizesEdit()->setText("8, 16");
        v.seedsBox()->setValue(2);
        io::SlurmExportSpec options;
        options.shards = 3;
        options.partition = "short";
        QCOMPARE(v.cluster()->exportSubmission(dir("slurm"), options), QString());
        for (const QString& f : io::slurmSubmissionFiles())
            QVERIFY2(QFileInfo::exists(dir("slurm") + "/" + f), qPrintable(f));
        QVERIFY(readAll(dir("slurm") + "/submit.sh").contains("short"));
        QCOMPARE(io::loadScenario(dir("slurm") + "/scenario.symscore.json").name,
                 tinyScenario().name);
        QVERIFY(v.statusText().contains("submit.sh"));
        // The folder now holds files: refused, with the reason, nothing overwritten.
        const QByteArray submit = readAll(dir("slurm") + "/submit.sh");
        QVERIFY(!v.cluster()->exportSubmission(dir("slurm"), options).isEmpty());
        QVERIFY(v.statusText().contains("Not exported"));
        QCOMPARE(readAll(dir("slurm") + "/submit.sh"), submit);
        // Bad sizes in the form: refused with the form's reason.
        v.sizesEdit()->setText("16, 8");
        QVERIFY(v.cluster()->exportSubmission(dir("slurm2"), options).contains("increase"));
        QVERIFY(!QFileInfo::exists(dir("slurm2")));

        // Open results: the sweep of runFillsPlotTableAndFolder, all 4 runs, in plot and table.
        ExperimentView w;
        w.setScenario(tinyScenario());
        QCOMPARE(w.cluster()->openResults(dir("a")), QString());
        QVERIFY2(w.statusText().contains("4 of 4 runs"), qPrintable(w.statusText()));
        QCOMPARE(w.plot()->graph(0)->dataCount(), 2);
        QVERIFY(w.table()->item(0, 0)->text().contains("(2 seeds)"));
        QVERIFY(w.exportCsv(dir("opened.csv")).isEmpty());
        QCOMPARE(readAll(dir("opened.csv")), readAll(dir("a") + "/results.csv"));
        // A folder that is not a sweep: the reason names sweep.json.
        QVERIFY(w.cluster()->openResults(dir("slurm")).contains("sweep.json"));
        QVERIFY(w.statusText().contains("Cannot show"));
    }

    void refusesBadSizesAtTheControl() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        v.setFolder(dir("never"));
        v.sizesEdit()->setText("8, x, 32");
        QVERIFY(!v.runButton()->isEnabled());
        QVERIFY(v.sizesError().contains("not a whole number"));
        v.sizesEdit()->setText("32, 8");
        QVERIFY(v.sizesError().contains("increase"));
        QVERIFY(!v.run().isEmpty());
        QVERIFY(!QDir(dir("never")).exists());
        v.sizesEdit()->setText("8, 32");
        QVERIFY(v.sizesError().isEmpty());
        QVERIFY(v.runButton()->isEnabled());
    }

    void refusesAFolderWithAnotherSweep() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        v.sizesEdit()->setText("8, 16");
        v.seedsBox()->setValue(3);  // dir("a") holds 2 seeds
        v.setFolder(dir("a"));
        const QByteArray before = readAll(dir("a") + "/results.csv");
        QVERIFY(!before.isEmpty());
        const QString why = v.run();
        QVERIFY2(why.contains("different sweep") && why.contains("seeds differ"), qPrintable(why));
        QVERIFY(v.statusText().contains("different sweep"));
        QVERIFY(!v.controller()->isRunning());
        QVERIFY(!v.newFolderButton()->isHidden());
        QCOMPARE(v.controller()->lastRefusal(),
                 ExperimentController::Refusal::FolderHoldsAnotherSweep);
        QCOMPARE(readAll(dir("a") + "/results.csv"), before);
        QCOMPARE(readAll(dir("a") + "/sweep.json").contains("\"seeds\": 2"), true);
    }

    void cancelStopsQuicklyAndRunResumes() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        v.sizesEdit()->setText("8, 16");
        v.seedsBox()->setValue(3);  // 6 runs
        v.setFolder(dir("b"));
        QCOMPARE(v.run(), QString());
        // Wait until at least one run is saved, then a little more so that the next is under way.
        QTRY_VERIFY_WITH_TIMEOUT(v.controller()->latest().done >= 1, 20000);
        QTest::qWait(30);
        QVERIFY(v.controller()->isRunning());
        QElapsedTimer timer;
        timer.start();
        v.cancelButton()->click();
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < 200, qPrintable(QString("cancel took %1 ms").arg(ms)));
        QCOMPARE(v.controller()->state(), ExperimentController::State::Cancelled);
        QVERIFY(v.runButton()->isEnabled());

        const QByteArray partial = readAll(dir("b") + "/results.csv");
        const std::vector<SweepRow> rows = parseSweepCsv(partial.toStdString());
        const std::set<int> done = completeRuns(rows, modelNames(tinyScenario()));
        QVERIFY(!done.empty());
        QVERIFY(int(done.size()) < 6);
        QCOMPARE(int(rows.size()), 3 * int(done.size()));  // no run written in part

        // A queued result of the cancelled sweep must not show up later.
        QTest::qWait(100);
        QCOMPARE(v.controller()->state(), ExperimentController::State::Cancelled);

        QCOMPARE(v.run(), QString());
        QVERIFY2(v.statusText().contains(
                     QString("resuming: %1 of 6 runs already done").arg(done.size())),
                 qPrintable(v.statusText()));
        QVERIFY(waitFinished(v));
        const QByteArray full = readAll(dir("b") + "/results.csv");
        QCOMPARE(int(parseSweepCsv(full.toStdString()).size()), 18);
        // The finished runs were not run again: their rows, train_seconds included, are the
        // same bytes, and come first (rows are in run order).
        QVERIFY(full.startsWith(partial));
    }

    void closingDuringASweepExitsCleanly() {
        auto v = std::make_unique<ExperimentView>();
        v->setScenario(tinyScenario());
        v->sizesEdit()->setText("8, 16");
        v->seedsBox()->setValue(2);
        v->setFolder(dir("c"));
        QCOMPARE(v->run(), QString());
        QTest::qWait(50);
        QElapsedTimer timer;
        timer.start();
        v.reset();
        QVERIFY(timer.elapsed() < timeBudgetMs(500));
        parseSweepCsv(
            readAll(dir("c") + "/results.csv").toStdString());  // valid (maybe only a header)
    }

    void newScenarioCancels() {
        ExperimentView v;
        v.setScenario(tinyScenario());
        v.sizesEdit()->setText("8, 16");
        v.seedsBox()->setValue(2);
        v.setFolder(dir("d"));
        QCOMPARE(v.run(), QString());
        QTest::qWait(30);
        Scenario other = tinyScenario();
        other.name = "other";
        v.setScenario(other);
        QVERIFY(!v.controller()->isRunning());
        QCOMPARE(v.table()->item(0, 0)->text(), QString::fromUtf8("\u2014"));
        QCOMPARE(v.folder(), dir("d"));  // the user chose it, so it stays
    }
};

QTEST_MAIN(TestExperimentView)
#include "tst_experiment_view.moc"
