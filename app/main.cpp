// symscore: the desktop app. `symscore [SCENARIO] [--screenshot OUT.png [--size WxH]]
// [--restore | --no-restore]`; `--train --sample --animation OUT.mp4|OUT.gif [--size WxH]
// [--fps N]` writes the Sample tab's animation and exits. A command line it cannot take (an unknown
// option, a second scenario, --tab naming no tab, an image format it cannot write) exits with
// code 2. The session is autosaved (ui/session_autosave.hpp); after a session that did not close
// normally, symscore offers to restore it.
#include <QApplication>
#include <QCommandLineParser>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>

#include "core/io/atomic_write.hpp"
#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/app/animation_export.hpp"
#include "ui/app/export.hpp"
#include "ui/app/main_window.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/app/ui_bench.hpp"
#include "ui/jobs/compute_priority.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/score_field_view.hpp"
#include "ui/views/timeline.hpp"

using namespace symscore;

namespace {
// The tabs --tab names, in the window's order.
const QStringList kTabNames{"train", "sample", "field", "experiment"};

// A command line the app cannot take: one line on stderr and exit code 2, before any window.
int refuse(const QString& problem) {
    std::fprintf(stderr, "symscore: %s\n", qPrintable(problem));
    return 2;
}

// --animation's video: the path, --size (1280x720 unless given) and --fps.
ui::AnimationSpec animationSpec(const QCommandLineParser& cli, QString* error) {
    ui::AnimationSpec spec;
    spec.path = cli.value("animation");
    if (cli.isSet("size")) {
        const auto size = ui::parseVideoSize(cli.value("size"), error);
        if (!size) return *error = "--size: " + *error, spec;
        spec.size = *size;
    }
    bool ok = false;
    spec.fps = cli.value("fps").toInt(&ok);
    if (!ok) return *error = "--fps: expected a whole number, got " + cli.value("fps"), spec;
    if (const QString why = ui::checkAnimationSpec(spec); !why.isEmpty())
        *error = "--animation: " + why;
    return spec;
}

// Empty when --animation and --fps make sense with the rest, otherwise the problem: refused
// before any training.
QString checkAnimationOptions(const QCommandLineParser& cli) {
    if (!cli.isSet("animation")) return cli.isSet("fps") ? "--fps needs --animation" : QString();
    if (!cli.isSet("sample")) return "--animation needs --sample (and --train, or --restore)";
    if (cli.isSet("screenshot")) return "--animation and --screenshot: one at a time";
    QString error;
    animationSpec(cli, &error);
    if (error.isEmpty() && !ui::ffmpegProblem(ui::findFfmpeg()).isEmpty())
        error = "--animation: " + ui::ffmpegProblem(ui::findFfmpeg());
    return error;
}

// Writes the animation of the settled Sample tab, then leaves the event loop: 0 when the
// file is written, 1 with one line on stderr otherwise.
void exportAnimationThenQuit(ui::SampleView* view, const ui::AnimationSpec& spec) {
    auto* exporter = new ui::AnimationExporter(view, view);
    QObject::connect(exporter, &ui::AnimationExporter::finished, view,
                     [](bool ok, const QString& message) {
                         if (!ok) std::fprintf(stderr, "symscore: %s\n", qPrintable(message));
                         QCoreApplication::exit(ok ? 0 : 1);
                     });
    QString why;
    if (!exporter->start(spec, &why)) {
        std::fprintf(stderr, "symscore: %s\n", qPrintable(why));
        QCoreApplication::exit(1);
    }
}

// Empty when the options make sense together, otherwise the problem.
QString checkOptions(const QCommandLineParser& cli, const QCommandLineOption& tabOpt,
                     const QCommandLineOption& shotOpt) {
    const QStringList scenarios = cli.positionalArguments();
    if (scenarios.size() > 1)
        return QString("one scenario at most, got %1 (%2)")
            .arg(scenarios.size())
            .arg(scenarios.join(", "));
    if (cli.isSet(tabOpt) && !kTabNames.contains(cli.value(tabOpt).toLower()))
        return "--tab: \"" + cli.value(tabOpt) + "\" is not a tab (valid: " + kTabNames.join(", ") +
               ")";
    if (cli.isSet(shotOpt)) {
        QString error;
        // Refused now, not after a long training: the format the file name asks for.
        ui::encodeImage(QImage(1, 1, QImage::Format_RGB32), cli.value(shotOpt), &error);
        if (!error.isEmpty()) return "--screenshot: " + error;
    }
    if (const QString problem = checkAnimationOptions(cli); !problem.isEmpty()) return problem;
    const QStringList given = cli.optionNames();
    for (const QString& name : given)
        if (given.count(name) > 1) return "--" + name + ": given twice";
    return {};
}

// The --report file: the Sample tab's readouts, the tab shown, as one JSON object.
QString writeReport(const ui::MainWindow& window, const QString& path) {
    QJsonObject report = window.sampleView()->report();
    report["tab"] = kTabNames.value(window.tabs()->currentIndex());
    try {
        io::writeFileAtomically(path, QJsonDocument(report).toJson(QJsonDocument::Indented));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
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
    cli.addPositionalArgument("scenario",
                              "A .symscore.json scenario (default: the default preset).");
    QCommandLineOption shotOpt("screenshot", "Save a picture of the window and exit.", "OUT.png");
    QCommandLineOption sizeOpt("size",
                               "Window size for --screenshot (default 1600x1000); video size "
                               "for --animation (default 1280x720).",
                               "WxH", "1600x1000");
    QCommandLineOption animationOpt(
        "animation",
        "With --train --sample: write the Sample tab's animation (every panel, its W1 "
        "readout, the time t) as MP4 or GIF with ffmpeg, and exit.",
        "OUT.mp4|OUT.gif");
    QCommandLineOption fpsOpt("fps", "Frame rate of --animation.", "N", "25");
    QCommandLineOption trainOpt("train", "Train every model at start (as pressing Train).");
    QCommandLineOption sampleOpt("sample", "Sample with every model once training ends.");
    QCommandLineOption tabOpt(
        "tab", "Tab to show in the screenshot: train, sample, field or experiment.", "NAME");
    QCommandLineOption reportOpt(
        "report",
        "With --screenshot, or with --train --sample alone: write what the screen "
        "shows (frame, readouts, table, W1 curve) as JSON.",
        "OUT.json");
    QCommandLineOption lessonOpt(
        "lesson", "Start in lesson mode (settings hidden, larger text, explanations open).");
    QCommandLineOption benchOpt(
        "bench-ui", "Measure Space-to-animation time and animation frame rates; print JSON.");
    QCommandLineOption restoreOpt("restore",
                                  "Restore the autosave of a session that did not close normally, "
                                  "without asking.");
    QCommandLineOption noRestoreOpt(
        "no-restore",
        "Start fresh without asking; the autosave of a session that did "
        "not close normally is kept aside.");
    cli.addOptions({shotOpt, sizeOpt, trainOpt, sampleOpt, tabOpt, reportOpt, lessonOpt, benchOpt,
                    restoreOpt, noRestoreOpt, animationOpt, fpsOpt});
    // parse, not process: an unknown option is refused with exit code 2 like every other
    // command-line problem, and the message says which options there are.
    if (!cli.parse(app.arguments())) return refuse(cli.errorText() + " (see symscore --help)");
    if (cli.isSet("help")) cli.showHelp(0);
    if (const QString problem = checkOptions(cli, tabOpt, shotOpt); !problem.isEmpty())
        return refuse(problem);
    if (cli.isSet(restoreOpt) && cli.isSet(noRestoreOpt))
        return refuse("--restore and --no-restore exclude each other");

    Scenario scenario;
    try {
        scenario = cli.positionalArguments().isEmpty()
                       ? io::defaultScenario()
                       : io::loadScenario(cli.positionalArguments()[0]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore: %s\n", e.what());
        return 1;
    }

    ui::lowerTbbWorkerPriority();  // computation yields to the GUI thread
    // The session autosave ($SYMSCORE_SESSION_DIR for tests). A batch run (--screenshot,
    // --bench-ui) never asks and leaves the autosave alone unless --restore or --no-restore is
    // given.
    const bool batch = cli.isSet(shotOpt) || cli.isSet(benchOpt) || cli.isSet(animationOpt);
    std::unique_ptr<ui::SessionAutosave> session;
    std::optional<ui::RestoredSession> restored;
    QString sessionNote;
    if (!cli.isSet(benchOpt) && (!batch || cli.isSet(restoreOpt) || cli.isSet(noRestoreOpt))) {
        session = std::make_unique<ui::SessionAutosave>(ui::SessionAutosave::defaultFolder());
        if (session->acquire()) {
            // An explicit scenario wins over restoring; the crashed session's autosave is kept
            // aside.
            const auto mode = !cli.positionalArguments().isEmpty() || cli.isSet(noRestoreOpt)
                                  ? ui::SessionAutosave::Restore::Never
                              : cli.isSet(restoreOpt) ? ui::SessionAutosave::Restore::Always
                                                      : ui::SessionAutosave::Restore::Ask;
            restored = session->takeLeftover(mode, nullptr, &sessionNote);
            if (batch && !sessionNote.isEmpty())
                std::fprintf(stderr, "symscore: %s\n", qPrintable(sessionNote));
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
    if (cli.isSet(reportOpt) && !cli.isSet(shotOpt) &&
        !(cli.isSet(trainOpt) && cli.isSet(sampleOpt))) {
        return refuse("--report needs --screenshot, or --train and --sample");
    }
    const bool batchRun = cli.isSet(shotOpt) || cli.isSet(reportOpt) || cli.isSet(animationOpt);
    if (batchRun) {
        // --size is the video's with --animation; the window keeps its default size then.
        const QString windowSize =
            cli.isSet(animationOpt) ? sizeOpt.defaultValues().value(0) : cli.value(sizeOpt);
        const QStringList wh = windowSize.split('x');
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 200 || h < 200 || w > 8000 || h > 8000) {
            return refuse("--size: expected WxH between 200 and 8000, got " + cli.value(sizeOpt));
        }
        window.resize(w, h);
        const QSize least = window.minimumSizeHint().expandedTo(window.minimumSize());
        if (w < least.width() || h < least.height()) {
            return refuse(QString("--size: the window needs at least %1x%2, got %3x%4")
                              .arg(least.width())
                              .arg(least.height())
                              .arg(w)
                              .arg(h));
        }
        const QString out = cli.value(shotOpt), reportPath = cli.value(reportOpt);
        // The picture is taken when the last requested step is done.
        auto doneSignal = cli.isSet(sampleOpt)  ? &ui::MainWindow::samplingFinished
                          : cli.isSet(trainOpt) ? &ui::MainWindow::trainingFinished
                                                : &ui::MainWindow::targetReady;
        if (cli.isSet(sampleOpt))
            QObject::connect(&window, &ui::MainWindow::trainingFinished, &window,
                             &ui::MainWindow::sample);
        QObject::connect(
            &window, doneSignal, &app,
            [&, out, reportPath] {  // out by value: the signal comes after this block ends
                // The sample view shows its last frame: the generated samples over the target.
                ui::Timeline* timeline = window.sampleView()->timeline();
                timeline->setFrame(timeline->frames() - 1);
                if (cli.isSet(tabOpt))
                    window.tabs()->setCurrentIndex(
                        int(kTabNames.indexOf(cli.value(tabOpt).toLower())));
                auto* poll = new QTimer(&app);
                QObject::connect(poll, &QTimer::timeout, &app, [&, poll, out, reportPath] {
                    // Every readout on screen must belong to the frame shown: wait for all of them.
                    if (cli.isSet(sampleOpt) &&
                        !(window.sampleView()->densitiesReady() && window.sampleView()->settled()))
                        return;
                    if (window.scoreFieldView()->busy()) return;
                    poll->stop();
                    QCoreApplication::processEvents();  // queued replots land before the picture
                    QString why;
                    if (!out.isEmpty()) why = ui::saveImage(window.grab().toImage(), out);
                    if (why.isEmpty() && !reportPath.isEmpty())
                        why = writeReport(window, reportPath);
                    if (why.isEmpty() && cli.isSet("animation")) {
                        QString unused;  // checked before training
                        exportAnimationThenQuit(window.sampleView(), animationSpec(cli, &unused));
                        return;
                    }
                    if (!why.isEmpty()) std::fprintf(stderr, "symscore: %s\n", qPrintable(why));
                    app.exit(why.isEmpty() ? 0 : 1);
                });
                poll->start(100);
            });
    }
    if (restored)
        window.restoreSession(*restored);
    else
        window.setScenario(scenario);
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
            std::fprintf(stderr,
                         "symscore: --sample: no trained models (add --train, or --restore a "
                         "session with models)\n");
            return 1;
        }
    }
    return app.exec();
}
