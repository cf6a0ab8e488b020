// The main window on the offscreen platform: builds from every preset, shows the target's
// density and symmetry, and the screenshot mode writes a real picture of the requested size.
#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QtTest>
#include <tuple>

#include "core/io/presets.hpp"
#include "tests/time_budget.hpp"
#include "tests/window_fit.hpp"
#include "ui/app/export.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/nice_log_ticker.hpp"
#include "ui/plot/plot_scale.hpp"
#include "ui/scenario/scenario_panel.hpp"
#include "ui/views/docs_link.hpp"
#include "ui/views/experiment_view.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/score_field_view.hpp"
#include "ui/views/train_view.hpp"

using namespace symscore;

class TestWindow : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    // A scenario is a shared file: its name reaches the window's labels, titles and status
    // as text, never as markup that could load what an <img> names. Every label of every tab
    // is looked at, so a new label that shows the name is checked too.
    void aScenarioNameIsText() {
        const QString hostile = "<img src=\"/dev/zero\"> %1 <a href=\"x\">c4</a>";
        Scenario s = io::defaultScenario();
        s.name = hostile.toStdString();
        ui::MainWindow w;
        w.resize(1280, 720);
        w.show();
        w.setScenario(s);
        auto* tabs = w.findChild<QTabWidget*>();
        QVERIFY(tabs);
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QCoreApplication::processEvents();
            for (const QLabel* l : w.findChildren<QLabel*>()) {
                const bool rich =
                    l->textFormat() == Qt::RichText ||
                    (l->textFormat() == Qt::AutoText && Qt::mightBeRichText(l->text()));
                QVERIFY2(!rich || !l->text().contains("<img"),
                         qPrintable(l->objectName() + ": " + l->text()));
            }
        }
        // The name is shown somewhere, as typed: the checks above looked at it.
        bool shown = w.windowTitle().contains(hostile);
        for (const QLabel* l : w.findChildren<QLabel*>())
            shown = shown || l->text().contains(hostile);
        QVERIFY(shown);
    }
    void buildsFromEveryPreset() {
        for (const io::Preset& p : io::presets()) {
            ui::MainWindow w;
            QSignalSpy ready(&w, &ui::MainWindow::targetReady);
            const Scenario s = io::loadPreset(p.name);
            w.setScenario(s);
            w.show();
            QVERIFY2(ready.wait(timeBudgetMs(10000)), qPrintable(p.name));
            const DensityGrid& g = w.targetPlot()->density();
            QVERIFY(g.maxValue > 0);
            QCOMPARE(w.targetPlot()->cloudSize("training points"), s.data.n_train);
            QCOMPARE(w.targetPlot()->mirrorLineCount(),
                     int(s.makeGroup().mirrorAnglesDeg().size()));
        }
    }
    // Changing the group changes the target: the data behind the plot follows.
    void changingTheGroupRedrawsTheMixture() {
        ui::MainWindow w;
        QSignalSpy ready(&w, &ui::MainWindow::targetReady);
        Scenario s = io::defaultScenario();
        w.setScenario(s);
        QVERIFY(ready.wait(timeBudgetMs(10000)));
        QCOMPARE(w.targetPlot()->cloudSize("component means"), 4);
        s.group = GroupSpec{GroupType::Cyclic, 6, 0.0};
        w.setScenario(s);
        QVERIFY(ready.wait(timeBudgetMs(10000)));
        QCOMPARE(w.targetPlot()->cloudSize("component means"), 6);
        // The density at the new orbit point (2 cos 60deg, 2 sin 60deg) is high.
        const DensityGrid& g = w.targetPlot()->density();
        auto at = [&](double x, double y) {
            const int i = int((x - g.xmin) / (g.xmax - g.xmin) * g.nx);
            const int j = int((y - g.ymin) / (g.ymax - g.ymin) * g.ny);
            return g.values[std::size_t(j) * g.nx + i];
        };
        QVERIFY(at(1.0, 1.732) > 0.5 * g.maxValue);
        QVERIFY(at(0.0, 2.0) < 0.1 * g.maxValue);
    }
    // In lesson mode every plot's type, lines and markers grow (readable
    // from the back of a room), curves added later too; leaving it brings the desk sizes back.
    void lessonModeEnlargesPlots() {
        ui::MainWindow w;
        w.setScenario(io::defaultScenario());
        w.show();
        ui::DensityPlot* target = w.targetPlot();
        ui::CurvePlot* loss = w.trainView()->lossPlot();
        ui::CurvePlot* w1 = w.sampleView()->w1Plot();
        const double targetTick = target->xAxis->tickLabelFont().pointSizeF();
        const double lossTick = loss->yAxis->tickLabelFont().pointSizeF();
        const double w1Label = w1->xAxis->labelFont().pointSizeF();
        QVERIFY(loss->graphCount() > 0);
        const double pen = loss->graph(0)->pen().widthF();
        const int ticks = w1->yAxis->ticker()->tickCount();
        const double k = ui::MainWindow::kLessonPlotScale;
        w.setLessonMode(true);
        QCOMPARE(ui::plotScale(), k);
        QCOMPARE(target->xAxis->tickLabelFont().pointSizeF(), targetTick * k);
        QCOMPARE(loss->yAxis->tickLabelFont().pointSizeF(), lossTick * k);
        QCOMPARE(w1->xAxis->labelFont().pointSizeF(), w1Label * k);
        QCOMPARE(loss->graph(0)->pen().widthF(), pen * k);
        QVERIFY(w1->yAxis->ticker()->tickCount() < ticks);  // larger labels, fewer of them
        // A new scenario adds its curves afresh: they are drawn large as well.
        w.setScenario(io::loadPreset("D4: eight Gaussians"));
        loss->replot();
        QCOMPARE(loss->graph(0)->pen().widthF(), pen * k);
        QCOMPARE(loss->yAxis->tickLabelFont().pointSizeF(), lossTick * k);  // not compounded
        w.setLessonMode(false);
        QCOMPARE(target->xAxis->tickLabelFont().pointSizeF(), targetTick);
        QCOMPARE(loss->graph(0)->pen().widthF(), pen);
        QCOMPARE(w1->yAxis->ticker()->tickCount(), ticks);
    }

    // File > Export view at a size writes the size asked, not the window's.
    void exportsAViewAtTheSizeAsked() {
        ui::MainWindow w;
        QSignalSpy ready(&w, &ui::MainWindow::targetReady);
        w.resize(1280, 720);
        w.setScenario(io::defaultScenario());
        w.show();
        QVERIFY(ready.wait(timeBudgetMs(10000)));
        QTemporaryDir dir;
        const QString path = dir.filePath("view.png");
        QCOMPARE(ui::exportWidgetAtSize(w.trainView(), path, QSize(1920, 1080)), QString());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QCOMPARE(w.size(), QSize(1280, 720));
        // The plots are in it: the target's dark background and bright density both show.
        int dark = 0, bright = 0;
        for (int y = 0; y < image.height(); y += 8)
            for (int x = 0; x < image.width(); x += 8) {
                const int v = qGray(image.pixel(x, y));
                dark += v < 60;
                bright += v > 200;
            }
        QVERIFY(dark > 1000 && bright > 1000);
        QString why;
        QVERIFY(!ui::parseImageSize("10x10", &why) && why.contains("100x100"));
        QCOMPARE(*ui::parseImageSize(" 800x600 ", &why), QSize(800, 600));
    }

    // A status-bar message does not move the tabs (the bar was made by the
    // first message and pushed everything up by its height).
    void statusMessageKeepsTheLayout() {
        ui::MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QApplication::processEvents();
        const QRect before = w.tabs()->geometry();
        w.statusBar()->showMessage("A message");
        QApplication::processEvents();
        QCOMPARE(w.tabs()->geometry(), before);
        w.statusBar()->clearMessage();
        QApplication::processEvents();
        QCOMPARE(w.tabs()->geometry(), before);
    }

    // A field the panel refused stops Train, Sample and the Experiment's Run,
    // naming the field and why, instead of running the last good value silently.
    void aRefusedFieldStopsTrainingAndRuns() {
        ui::MainWindow w;
        w.show();
        auto* batch = w.scenarioPanel()->findChild<QSpinBox*>("batch");
        QVERIFY(batch);
        batch->setFocus();
        batch->selectAll();
        QTest::keyClick(batch, Qt::Key_Backspace);
        QCOMPARE(w.scenarioPanel()->problem(), QString("Batch: empty, type a number"));
        w.train();
        QCOMPARE(w.trainingController()->state(), ui::TrainingController::State::Idle);
        QVERIFY2(w.statusBar()->currentMessage().contains("Not training: Batch: empty"),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(w.experimentView()->sizesError().contains("Batch: empty"));
        QVERIFY(!w.experimentView()->runButton()->isEnabled());
        QVERIFY(w.experimentView()->run().contains("Batch"));
        QTest::keyClicks(batch, "64");
        QVERIFY(w.scenarioPanel()->problem().isEmpty());
        QVERIFY(w.experimentView()->sizesError().isEmpty());
        // The Experiment form's own fields keep what was typed too.
        QSpinBox* seeds = w.experimentView()->seedsBox();
        seeds->setFocus();
        seeds->selectAll();
        QTest::keyClicks(seeds, "99");
        QCOMPARE(seeds->text(), QString("99"));
        QVERIFY2(w.experimentView()->sizesError().contains("Seeds per size: 99 is out of range"),
                 qPrintable(w.experimentView()->sizesError()));
        QVERIFY(!w.experimentView()->runButton()->isEnabled());
    }

    // The pinwheel's group switched from C3 to D3 says at once, next to the
    // group, that the target is not D3-invariant.
    void aGroupTheTargetLacksIsSaid() {
        ui::MainWindow w;
        Scenario s = io::loadPreset("C3: pinwheel");
        w.setScenario(s);
        QSignalSpy measured(w.scoreFieldView(), &ui::ScoreFieldView::errorsMeasured);
        QVERIFY(measured.wait(timeBudgetMs(20000)));
        QVERIFY(w.scenarioPanel()->groupNote().isEmpty());
        s.group = GroupSpec{GroupType::Dihedral, 3, 0.0};
        w.setScenario(s);
        QVERIFY(w.scenarioPanel()->groupNote().isEmpty());  // C3's verdict is not D3's
        QVERIFY(measured.wait(timeBudgetMs(20000)));
        QVERIFY2(w.scenarioPanel()->groupNote().startsWith("Target defect under D3: 0."),
                 qPrintable(w.scenarioPanel()->groupNote()));
    }

    // The window fits a 1280x720 projector, with and without lesson
    // mode, and takes that size; the message names what is too large when it does not.
    void fitsA1280x720Projector() {
        for (const bool lesson : {false, true}) {
            ui::MainWindow w;
            w.setScenario(io::defaultScenario());
            w.setLessonMode(lesson);
            // Shown larger first, as the screenshot mode and a user dragging the window do:
            // nothing laid out at the larger size may hold the window there.
            w.resize(1600, 1000);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            for (int i = 0; i < w.tabs()->count(); ++i) {  // each tab laid out at the larger size
                w.tabs()->setCurrentIndex(i);
                QCoreApplication::processEvents();
            }
            w.resize(1280, 720);
            const QString misfit = projectorMisfit(w);
            QVERIFY2(misfit.isEmpty(),
                     qPrintable(QString("lesson %1: %2").arg(lesson).arg(misfit)));
            QCOMPARE(w.size(), QSize(1280, 720));
        }
    }
    // Curve plots keep their legends off the curves and whole, their y labels apart and a
    // plot area worth reading, at a desk's size and a projector's, in and out of lesson mode
    // (legends once covered the curves and ran out of the plot).
    void curvePlotsStayReadable_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("lesson");
        QTest::newRow("1400x900") << QSize(1400, 900) << false;
        QTest::newRow("1280x720") << QSize(1280, 720) << false;
        QTest::newRow("1280x720 lesson") << QSize(1280, 720) << true;
    }
    void curvePlotsStayReadable() {
        QFETCH(QSize, size);
        QFETCH(bool, lesson);
        ui::MainWindow w;
        w.setScenario(io::defaultScenario());
        w.setLessonMode(lesson);
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Curves over four decades, as a run draws them.
        for (ui::CurvePlot* plot : {w.trainView()->errorPlot(), w.trainView()->lossPlot()})
            for (int step = 0; step <= 2000; step += 50)
                plot->append("plain", step, std::pow(10.0, -3.0 * step / 2000.0));
        const QString misfit = curvePlotMisfitOnEveryTab(w, 60);
        QVERIFY2(misfit.isEmpty(), qPrintable(misfit));
    }
    // A log axis spanning less than a couple of decades gets round ticks, evenly spread on
    // the log scale, no more than its tick count (QCustomPlot's own fell back to 0.25, 0.5,
    // 0.75: crowded at the top); a wider one keeps the powers of ten.
    void narrowLogAxesGetRoundTicks() {
        ui::NiceLogTicker ticker;
        const auto ticksFor = [&](QCPRange range, int count) {
            ticker.setTickCount(count);
            QVector<double> ticks, sub;
            QVector<QString> labels;
            ticker.generate(range, QLocale::c(), 'g', 3, ticks, &sub, &labels);
            return ticks;
        };
        const auto same = [](const QVector<double>& got, const QVector<double>& want) {
            if (got.size() != want.size()) return false;
            for (int i = 0; i < got.size(); ++i)
                if (std::abs(got[i] - want[i]) > 1e-12 * want[i]) return false;
            return true;
        };
        QVERIFY(same(ticksFor({0.09, 0.6}, 2), {0.1, 0.3}));
        QVERIFY(same(ticksFor({0.08, 0.4}, 5), {0.1, 0.15, 0.2, 0.3}));
        QVERIFY(same(ticksFor({0.11, 0.13}, 2), {0.12}));  // the finest family's one tick
        const QVector<double> wide = ticksFor({0.001, 10.0}, 5);
        for (double t : wide) QCOMPARE(std::log10(t), std::round(std::log10(t)));
    }
    void screenshotModeWritesAPicture() {
        QTemporaryDir dir;
        const QString out = dir.filePath("shot.png");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_APP, {QString(SYMSCORE_SOURCE_DIR) +
                                   "/resources/presets/d4_eight_gaussians.symscore.json",
                               "--screenshot", out, "--size", "1500x900"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QImage img(out);
        QCOMPARE(img.size(), QSize(1500, 900));
        // Not blank: many distinct colours.
        QSet<QRgb> colors;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7) colors.insert(img.pixel(x, y));
        QVERIFY(colors.size() > 50);
    }
    // A size the window cannot take is refused, not silently changed.
    void screenshotRefusesATooSmallSize() {
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_APP, {"--screenshot", dir.filePath("x.png"), "--size", "300x300"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(p.readAllStandardError().contains("--size: the window needs at least"));
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }
    // A command line the app cannot take is refused at once: one line, exit code 2, no window
    // and no autosave touched.
    void badCommandLineIsRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString preset =
            QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/c4_four_gaussians.symscore.json";
        QTest::newRow("tab")
            << QStringList{"--tab", "bogus", "--screenshot", "/tmp/never.png"}
            << "--tab: \"bogus\" is not a tab (valid: train, sample, field, experiment)";
        QTest::newRow("two scenarios")
            << QStringList{preset, preset} << "one scenario at most, got 2";
        QTest::newRow("unknown option") << QStringList{"--bogus"} << "Unknown option 'bogus'";
        QTest::newRow("repeated") << QStringList{"--tab", "train", "--tab", "sample"}
                                  << "--tab: given twice";
        QTest::newRow("image format")
            << QStringList{"--screenshot", "/tmp/never.xyz"}
            << "--screenshot: /tmp/never.xyz: unknown image format \"xyz\" (use one of";
        QTest::newRow("no such lesson")
            << QStringList{"--open-lesson", "nosuch"}
            << "--open-lesson: \"nosuch\" is neither a bundled lesson (small_n_c6, ";
        QTest::newRow("reveal alone") << QStringList{"--reveal"} << "--reveal needs --open-lesson";
        QTest::newRow("lesson and scenario") << QStringList{"--open-lesson", "1", preset}
                                             << "--open-lesson and a scenario: one at a time";
        QTest::newRow("frames alone")
            << QStringList{"--frames", "10"} << "--frames needs --animation";
    }
    // The help for the comparison says what makes it fair and links to the paired table; the
    // Help menu opens it and the other documents the app refers to.
    void helpLinksToTheFairnessTable() {
        ui::MainWindow w;
        QMenu* help = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->text() == "&Help") help = a->menu();
        QVERIFY(help);
        QCOMPARE(w.menuBar()->actions().last()->menu(), help);
        int docs = 0;
        for (QAction* a : help->actions())
            if (!a->isSeparator() && a->text() != "&About symscore") {
                QVERIFY2(a->isEnabled(), qPrintable(a->text()));  // its document was found
                ++docs;
            }
        QCOMPARE(docs, 5);
        const auto* explanation = w.findChild<ui::TrainView*>()->findChild<ui::Explanation*>();
        QVERIFY(explanation);
        const QString text = explanation->text();
        QVERIFY(text.contains("same training points"));
        const QRegularExpression link("href=\"([^\"]+results\\.md)\"");
        const QRegularExpressionMatch m = link.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        QVERIFY(QFileInfo(QUrl(m.captured(1)).toLocalFile()).isFile());
        QVERIFY(QFileInfo(ui::docsPath("results.md")).isFile());
        QVERIFY(ui::docsPath("no_such_document.md").isEmpty());
        QVERIFY(ui::docsLink("no_such_document.md", "x").contains("docs/no_such_document.md"));
    }
    // A long explanation takes at most a quarter of its tab and scrolls beyond it: on a
    // projector the plots under it keep their room.
    void longExplanationScrolls() {
        QWidget tab;
        tab.resize(600, 400);
        auto* layout = new QVBoxLayout(&tab);
        auto* e =
            new ui::Explanation(QString("A sentence that explains a plot. ").repeated(80), &tab);
        layout->addWidget(e);
        layout->addStretch(1);
        tab.show();
        e->setExpanded(true);
        QTRY_VERIFY(e->scrolls());
        QVERIFY2(e->height() <= 400 / 4 + 60,
                 qPrintable(QString::number(e->height())));  // + the button
        tab.resize(600, 1600);  // a tall tab: more room, no scroll bar for a short text
        auto* small = new ui::Explanation("Short.", &tab);
        layout->addWidget(small);
        small->setExpanded(true);
        QTRY_VERIFY(!small->scrolls());
    }
    // --help, --version and a refused option are answered before the window system opens:
    // they work on a terminal without a display.
    void commandLineNeedsNoDisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) env.remove(name);
        const auto run = [&](const QStringList& args) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(SYMSCORE_APP, args);
            p.waitForFinished(20000);
            return std::make_tuple(p.exitCode(), QString(p.readAllStandardOutput()),
                                   QString(p.readAllStandardError()));
        };
        auto [code, out, err] = run({"--version"});
        QCOMPARE(code, 0);
        QVERIFY(out.contains(QRegularExpression("symscore \\d+\\.\\d+")));
        std::tie(code, out, err) = run({"--help"});
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("--open-lesson"), qPrintable(out));
        std::tie(code, out, err) = run({"--versoin"});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("versoin") && !err.contains("display"), qPrintable(err));
        std::tie(code, out, err) = run({"/no/such/scenario.symscore.json"});
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("scenario.symscore.json"), qPrintable(err));
    }
    void badCommandLineIsRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir session;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("SYMSCORE_SESSION_DIR", session.path());
        QTemporaryDir runtime;  // private (0700): Qt warns when XDG_RUNTIME_DIR is unset or open
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_APP, args);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(QString(err).contains(message), err.constData());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(QDir(session.path()).isEmpty());
    }
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
