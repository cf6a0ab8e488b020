// symscore: the desktop app. `symscore [SCENARIO] [--screenshot OUT.png [--size WxH]]
// [--restore | --no-restore]`. The session is autosaved (ui/session_autosave.hpp); after a
// session that did not close normally, symscore offers to restore it.
#include <QApplication>
#include <QSaveFile>
#include <QJsonObject>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/jobs/compute_priority.hpp"
#include "ui/app/main_window.hpp"
#include "ui/app/ui_bench.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/views/score_field_view.hpp"
#include <QTabWidget>
#include "ui/views/timeline.hpp"

using namespace symscore;

namespace {
// The --report file: the Sample tab's readouts, the tab shown, as one JSON object.
QString writeReport(const ui::MainWindow& window, const QString& path) {
    QJsonObject report = window.sampleView()->report();
    const QStringList tabs = {"train", "sample", "field", "experiment"};
    report["tab"] = tabs.value(window.tabs()->currentIndex());
    QSaveFile f(path);
    const QByteArray bytes = QJsonDocument(report).toJson(QJsonDocument::Indented);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return path + ": cannot write the report (" + f.errorString() + ")";
    return {};
}
}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("symscore");
    QApplication::setOrganizationName("symscore");

    QCommandLineParser cli;
    cli.setApplicationDescription("See how symmetry helps score-based diffusion models learn.");
    cli.addHelpOption();
    cli.addPositionalArgument("scenario", "A .symscore.json scenario (default: the default preset).");
    QCommandLineOption shotOpt("screenshot", "Save a picture of the window and exit.", "OUT.png");
    QCommandLineOption sizeOpt("size", "Window size for --screenshot.", "WxH", "1600x1000");
    QCommandLineOption trainOpt("train", "Train every model at start (as pressing Train).");
    QCommandLineOption sampleOpt("sample", "Sample with every model once training ends.");
    QCommandLineOption tabOpt("tab", "Tab to show in the screenshot: train, sample, field or experiment.", "NAME");
    QCommandLineOption reportOpt("report", "With --screenshot, or with --train --sample alone: write what the screen "
                                           "shows (frame, readouts, table, W1 curve) as JSON.", "OUT.json");
    QCommandLineOption lessonOpt("lesson", "Start in lesson mode (settings hidden, larger text, explanations open).");
    QCommandLineOption benchOpt("bench-ui", "Measure Space-to-animation time and animation frame rates; print JSON.");
    QCommandLineOption restoreOpt("restore", "Restore the autosave of a session that did not close normally, "
                                             "without asking.");
    QCommandLineOption noRestoreOpt("no-restore", "Start fresh without asking; the autosave of a session that did "
                                                  "not close normally is kept aside.");
    cli.addOptions({shotOpt, sizeOpt, trainOpt, sampleOpt, tabOpt, reportOpt, lessonOpt, benchOpt, restoreOpt, noRestoreOpt});
    cli.process(app);
    if (cli.isSet(restoreOpt) && cli.isSet(noRestoreOpt)) {
        std::fprintf(stderr, "symscore: --restore and --no-restore exclude each other\n");
        return 1;
    }

    Scenario scenario;
    try {
        scenario = cli.positionalArguments().isEmpty() ? io::defaultScenario()
                                                       : io::loadScenario(cli.positionalArguments()[0]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore: %s\n", e.what());
        return 1;
    }

    ui::lowerTbbWorkerPriority();  // computation yields to the GUI thread
    // The session autosave ($SYMSCORE_SESSION_DIR for tests). A batch run (--screenshot,
    // --bench-ui) never asks and leaves the autosave alone unless --restore or --no-restore is given.
    const bool batch = cli.isSet(shotOpt) || cli.isSet(benchOpt);
    std::unique_ptr<ui::SessionAutosave> session;
    std::optional<ui::RestoredSession> restored;
    QString sessionNote;
    if (!cli.isSet(benchOpt) && (!batch || cli.isSet(restoreOpt) || cli.isSet(noRestoreOpt))) {
        session = std::make_unique<ui::SessionAutosave>(ui::SessionAutosave::defaultFolder());
        if (session->acquire()) {
            // An explicit scenario wins over restoring; the crashed session's autosave is kept aside.
            const auto mode = !cli.positionalArguments().isEmpty() || cli.isSet(noRestoreOpt) ? ui::SessionAutosave::Restore::Never
                              : cli.isSet(restoreOpt)                                         ? ui::SessionAutosave::Restore::Always
                                                                                              : ui::SessionAutosave::Restore::Ask;
            restored = session->takeLeftover(mode, nullptr, &sessionNote);
            if (batch && !sessionNote.isEmpty()) std::fprintf(stderr, "symscore: %s\n", qPrintable(sessionNote));
        } else if (batch) {
            std::fprintf(stderr, "symscore: %s\n", qPrintable(session->inactiveReason()));
        }
    }
    ui::MainWindow window;
    if (cli.isSet(benchOpt)) {
        window.resize(1600, 1000);
        window.setScenario(scenario);
        window.show();
        const QJsonObject figures = ui::runUiBench(window);
        std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (cli.isSet(reportOpt) && !cli.isSet(shotOpt) && !(cli.isSet(trainOpt) && cli.isSet(sampleOpt))) {
        std::fprintf(stderr, "symscore: --report needs --screenshot, or --train and --sample\n");
        return 1;
    }
    const bool batchRun = cli.isSet(shotOpt) || cli.isSet(reportOpt);
    if (batchRun) {
        const QStringList wh = cli.value(sizeOpt).split('x');
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 200 || h < 200 || w > 8000 || h > 8000) {
            std::fprintf(stderr, "symscore: --size: expected WxH between 200 and 8000, got %s\n",
                         qPrintable(cli.value(sizeOpt)));
            return 1;
        }
        window.resize(w, h);
        const QSize least = window.minimumSizeHint().expandedTo(window.minimumSize());
        if (w < least.width() || h < least.height()) {
            std::fprintf(stderr, "symscore: --size: the window needs at least %dx%d, got %dx%d\n",
                         least.width(), least.height(), w, h);
            return 1;
        }
        const QString out = cli.value(shotOpt), reportPath = cli.value(reportOpt);
        // The picture is taken when the last requested step is done.
        auto doneSignal = cli.isSet(sampleOpt) ? &ui::MainWindow::samplingFinished
                          : cli.isSet(trainOpt) ? &ui::MainWindow::trainingFinished
                                                : &ui::MainWindow::targetReady;
        if (cli.isSet(sampleOpt))
            QObject::connect(&window, &ui::MainWindow::trainingFinished, &window, &ui::MainWindow::sample);
        QObject::connect(&window, doneSignal, &app, [&, out, reportPath] {  // out by value: the signal comes after this block ends
            // The sample view shows its last frame: the generated samples over the target.
            ui::Timeline* timeline = window.sampleView()->timeline();
            timeline->setFrame(timeline->frames() - 1);
            if (cli.isSet(tabOpt)) {
                const QString tab = cli.value(tabOpt).toLower();
                for (int i = 0; i < window.tabs()->count(); ++i)
                    if (window.tabs()->tabText(i).toLower().startsWith(tab.left(4)) ||
                        window.tabs()->tabText(i).toLower().contains(tab))
                        window.tabs()->setCurrentIndex(i);
            }
            auto* poll = new QTimer(&app);
            QObject::connect(poll, &QTimer::timeout, &app, [&, poll, out, reportPath] {
                // Every readout on screen must belong to the frame shown: wait for all of them.
                if (cli.isSet(sampleOpt) && !(window.sampleView()->densitiesReady() && window.sampleView()->settled()))
                    return;
                if (window.scoreFieldView()->busy()) return;
                poll->stop();
                QCoreApplication::processEvents();  // queued replots land before the picture
                bool ok = true;
                if (!out.isEmpty() && !window.grab().save(out)) {
                    std::fprintf(stderr, "symscore: cannot write %s\n", qPrintable(out));
                    ok = false;
                }
                if (ok && !reportPath.isEmpty()) {
                    if (const QString err = writeReport(window, reportPath); !err.isEmpty()) {
                        std::fprintf(stderr, "symscore: %s\n", qPrintable(err));
                        ok = false;
                    }
                }
                app.exit(ok ? 0 : 1);
            });
            poll->start(100);
        });
    }
    if (restored) window.restoreSession(*restored);
    else window.setScenario(scenario);
    window.setAutosave(session.get());  // writes the session as it starts
    window.show();
    if (!sessionNote.isEmpty()) window.statusBar()->showMessage(sessionNote, 30000);
    if (batchRun) window.setAutoSample(false);  // screenshot mode drives each step
    if (cli.isSet(lessonOpt)) window.setLessonMode(true);
    if (cli.isSet(trainOpt)) {
        window.train();
    } else if (cli.isSet(sampleOpt)) {  // models restored from the autosave sample at once
        if (!window.trainedModels().empty()) {
            window.sample();
        } else if (batchRun) {
            std::fprintf(stderr, "symscore: --sample: no trained models (add --train, or --restore a session with models)\n");
            return 1;
        }
    }
    return app.exec();
}
