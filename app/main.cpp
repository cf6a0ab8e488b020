// symscore: the desktop app. `symscore [SCENARIO] [--screenshot OUT.png [--size WxH]]
// [--restore | --no-restore]`; `--train --sample --animation OUT.mp4|OUT.gif [--size WxH]
// [--fps N]` writes the Sample tab's animation and exits; `--open-lesson NAME|FILE [--reveal]`
// opens a lesson (and reveals it). A command line it cannot take (an unknown
// option, a second scenario, --tab naming no tab, an image format it cannot write) exits with
// code 2. The session is autosaved (ui/session_autosave.hpp); after a session that did not close
// normally, symscore offers to restore it.
#include <QApplication>
#include <QCommandLineParser>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>
#include <optional>

#include "core/io/argument_bytes.hpp"
#include "core/io/atomic_write.hpp"
#include "core/io/presets.hpp"
#include "core/io/removal_on_signal.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/app/animation_export.hpp"
#include "ui/app/export.hpp"
#include "ui/app/lesson_director.hpp"
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

// --animation's video: the path, --size (1280x720 unless given), --fps and --frames.
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
    if (cli.isSet("frames")) {
        spec.maxFrames = cli.value("frames").toInt(&ok);
        if (!ok || spec.maxFrames < 2)
            return *error = "--frames: expected a whole number from 2, got " + cli.value("frames"),
                   spec;
    }
    if (const QString why = ui::checkAnimationSpec(spec); !why.isEmpty())
        *error = "--animation: " + why;
    return spec;
}

// Empty when --animation and --fps make sense with the rest, otherwise the problem: refused
// before any training.
QString checkAnimationOptions(const QCommandLineParser& cli) {
    if (!cli.isSet("animation"))
        return cli.isSet("fps")      ? "--fps needs --animation"
               : cli.isSet("frames") ? "--frames needs --animation"
                                     : QString();
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

// Empty when --open-lesson and --reveal make sense with the rest, otherwise the problem.
QString checkLessonOptions(const QCommandLineParser& cli) {
    if (cli.isSet("reveal") && !cli.isSet("open-lesson")) return "--reveal needs --open-lesson";
    if (!cli.isSet("open-lesson")) return {};
    if (!cli.positionalArguments().isEmpty())
        return "--open-lesson and a scenario: one at a time (the lesson brings its scenario)";
    if (cli.isSet("reveal") && (cli.isSet("train") || cli.isSet("sample")))
        return "--reveal samples the lesson's models itself: leave out --train and --sample";
    QString why;
    if (ui::LessonDirector::resolve(cli.value("open-lesson"), &why).isEmpty())
        return "--open-lesson: " + why;
    return {};
}

// Empty when the options make sense together, otherwise the problem.
QString checkOptions(const QCommandLineParser& cli) {
    const QStringList scenarios = cli.positionalArguments();
    if (scenarios.size() > 1)
        return QString("one scenario at most, got %1 (%2)")
            .arg(scenarios.size())
            .arg(scenarios.join(", "));
    if (cli.isSet("tab") && !kTabNames.contains(cli.value("tab").toLower()))
        return "--tab: \"" + cli.value("tab") + "\" is not a tab (valid: " + kTabNames.join(", ") +
               ")";
    if (cli.isSet("restore") && cli.isSet("no-restore"))
        return "--restore and --no-restore exclude each other";
    if (cli.isSet("report") && !cli.isSet("screenshot") &&
        !(cli.isSet("train") && cli.isSet("sample")) && !cli.isSet("bench-ui"))
        return "--report needs --screenshot, or --train and --sample";
    if (cli.isSet("screenshot")) {
        QString error;
        // Refused now, not after a long training: the format the file name asks for.
        ui::encodeImage(QImage(1, 1, QImage::Format_RGB32), cli.value("screenshot"), &error);
        if (!error.isEmpty()) return "--screenshot: " + error;
    }
    if (const QString problem = checkAnimationOptions(cli); !problem.isEmpty()) return problem;
    if (const QString problem = checkLessonOptions(cli); !problem.isEmpty()) return problem;
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
        io::writeOutput(path, QJsonDocument(report).toJson(QJsonDocument::Indented));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

constexpr const char* kWindowSize = "1600x1000";  // a batch run's window unless --size

void addOptions(QCommandLineParser& cli) {
    cli.setApplicationDescription("See how symmetry helps score-based diffusion models learn.");
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addPositionalArgument("scenario",
                              "A .symscore.json scenario (default: the default preset).");
    cli.addOptions({
        {"screenshot", "Save a picture of the window and exit.", "OUT.png"},
        {"size",
         "Window size for --screenshot (default 1600x1000); video size for --animation "
         "(default 1280x720).",
         "WxH", kWindowSize},
        {"train", "Train every model at start (as pressing Train)."},
        {"sample", "Sample with every model once training ends."},
        {"tab", "Tab to show in the screenshot: train, sample, field or experiment.", "NAME"},
        {"report",
         "With --screenshot, or with --train --sample alone: write what the screen shows "
         "(frame, readouts, table, W1 curve) as JSON; - writes it to the standard output.",
         "OUT.json"},
        {"lesson", "Start in lesson mode (settings hidden, larger text, explanations open)."},
        {"open-lesson",
         "Open a lesson at start (lesson mode, its models loaded): a bundled lesson's name "
         "(small_n_c6, wrong_group, broken_symmetry, more_data, symmetrize) or number, or a "
         ".lesson.json file.",
         "NAME|FILE"},
        {"reveal",
         "With --open-lesson: press Reveal at start; --screenshot then waits for the answer."},
        {"bench-ui", "Measure Space-to-animation time and animation frame rates; print JSON."},
        {"restore",
         "Restore the autosave of a session that did not close normally, without "
         "asking."},
        {"no-restore",
         "Start fresh without asking; the autosave of a session that did not "
         "close normally is kept aside."},
        {"break-lock",
         "Take over the session autosave's lock when a symscore on another machine holds it "
         "(a home folder shared over the network); a lock whose holder is gone is taken "
         "over anyway."},
        {"animation",
         "With --train --sample: write the Sample tab's animation (every panel, its W1 "
         "readout, the time t) as MP4 or GIF with ffmpeg, and exit.",
         "OUT.mp4|OUT.gif"},
        {"fps", "Frame rate of --animation.", "N", "25"},
        {"frames",
         "At most N frames for --animation, evenly spaced from the first to the last (a short "
         "GIF); default every frame.",
         "N"},
    });
}

// The session autosave ($SYMSCORE_SESSION_DIR for tests) and what it offers to restore. A
// batch run (--screenshot, --bench-ui, --animation) never asks and leaves the autosave alone
// unless --restore or --no-restore is given.
struct Session {
    std::unique_ptr<ui::SessionAutosave> autosave;
    std::optional<ui::RestoredSession> restored;
    QString note;
};

Session openSession(const QCommandLineParser& cli, bool batch) {
    Session s;
    const bool asked = cli.isSet("restore") || cli.isSet("no-restore");
    if (cli.isSet("bench-ui") || (batch && !asked)) return s;
    s.autosave = std::make_unique<ui::SessionAutosave>(ui::SessionAutosave::defaultFolder());
    s.autosave->setBreakLock(cli.isSet("break-lock"));
    if (!s.autosave->acquire()) {
        if (batch) std::fprintf(stderr, "symscore: %s\n", qPrintable(s.autosave->inactiveReason()));
        return s;
    }
    // An explicit scenario wins over restoring; the crashed session's autosave is kept aside.
    const auto mode =
        !cli.positionalArguments().isEmpty() || cli.isSet("open-lesson") || cli.isSet("no-restore")
            ? ui::SessionAutosave::Restore::Never
        : cli.isSet("restore") ? ui::SessionAutosave::Restore::Always
                               : ui::SessionAutosave::Restore::Ask;
    s.restored = s.autosave->takeLeftover(mode, nullptr, &s.note);
    if (batch && !s.note.isEmpty()) std::fprintf(stderr, "symscore: %s\n", qPrintable(s.note));
    return s;
}

// A batch run's window size (--size, except with --animation, where --size is the video's):
// resizes the window, or says why it cannot.
QString sizeWindow(ui::MainWindow& window, const QCommandLineParser& cli) {
    const QString size = cli.isSet("animation") ? QString(kWindowSize) : cli.value("size");
    const QStringList wh = size.split('x');
    const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
    if (wh.size() != 2 || w < 200 || h < 200 || w > 8000 || h > 8000)
        return "--size: expected WxH between 200 and 8000, got " + cli.value("size");
    window.resize(w, h);
    const QSize least = window.minimumSizeHint().expandedTo(window.minimumSize());
    if (w < least.width() || h < least.height())
        return QString("--size: the window needs at least %1x%2, got %3x%4")
            .arg(least.width())
            .arg(least.height())
            .arg(w)
            .arg(h);
    return {};
}

// Saves what a batch run asked for (picture, report, animation) and leaves the event loop
// with exitCode (1 when a file cannot be written).
void captureAndQuit(ui::MainWindow& window, const QCommandLineParser& cli, int exitCode = 0) {
    QCoreApplication::processEvents();  // queued replots land before the picture
    QString why;
    if (cli.isSet("screenshot"))
        why = ui::saveImage(window.grab().toImage(), cli.value("screenshot"));
    if (why.isEmpty() && cli.isSet("report")) why = writeReport(window, cli.value("report"));
    if (why.isEmpty() && cli.isSet("animation")) {
        QString unused;  // checked before training
        exportAnimationThenQuit(window.sampleView(), animationSpec(cli, &unused));
        return;
    }
    if (!why.isEmpty()) std::fprintf(stderr, "symscore: %s\n", qPrintable(why));
    QCoreApplication::exit(why.isEmpty() ? exitCode : 1);
}

// A batch run: once the last requested step is done, shows the last frame (the generated
// samples over the target) on the tab asked, waits until every readout on screen belongs
// to the frame shown, then captures.
void captureWhenSettled(ui::MainWindow& window, const QCommandLineParser& cli) {
    auto doneSignal = cli.isSet("sample")  ? &ui::MainWindow::samplingFinished
                      : cli.isSet("train") ? &ui::MainWindow::trainingFinished
                                           : &ui::MainWindow::targetReady;
    if (cli.isSet("sample"))
        QObject::connect(&window, &ui::MainWindow::trainingFinished, &window,
                         &ui::MainWindow::sample);
    const bool reveal = cli.isSet("reveal");
    auto settled = [&window, &cli, reveal](int exitCode) {
        ui::Timeline* timeline = window.sampleView()->timeline();
        timeline->setFrame(timeline->frames() - 1);
        if (cli.isSet("tab"))
            window.tabs()->setCurrentIndex(int(kTabNames.indexOf(cli.value("tab").toLower())));
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, &cli, poll, reveal, exitCode] {
            const ui::SampleView* v = window.sampleView();
            if ((cli.isSet("sample") || reveal) && !(v->densitiesReady() && v->settled())) return;
            if (window.scoreFieldView()->busy()) return;
            poll->stop();
            captureAndQuit(window, cli, exitCode);
        });
        poll->start(100);
    };
    // A reveal is done when the lesson's answer shows, or when it ends without one: then the
    // picture still shows why, and the exit status says it failed. Either way it exits.
    if (reveal) {
        auto* director = window.findChild<ui::LessonDirector*>();
        QObject::connect(director, &ui::LessonDirector::answered, &window,
                         [settled] { settled(0); });
        QObject::connect(director, &ui::LessonDirector::unanswered, &window,
                         [settled](const QString& why) {
                             std::fprintf(stderr, "symscore: --reveal: %s\n", qPrintable(why));
                             settled(1);
                         });
    } else {
        QObject::connect(&window, doneSignal, &window, [settled] { settled(0); });
    }
}

// --open-lesson (and --reveal): 1 with one line when the lesson does not open.
int openLesson(ui::MainWindow& window, const QCommandLineParser& cli) {
    if (!cli.isSet("open-lesson")) return 0;
    QString unused;  // resolved once already by checkOptions
    const QString path = ui::LessonDirector::resolve(cli.value("open-lesson"), &unused);
    auto* director = window.findChild<ui::LessonDirector*>();
    if (const QString why = director->open(path); !why.isEmpty()) {
        std::fprintf(stderr, "symscore: --open-lesson: %s\n", qPrintable(why));
        return 1;
    }
    if (cli.isSet("reveal")) director->reveal();
    return 0;
}

// Starts the steps the command line asks for; 1 when --sample has nothing to sample.
int startSteps(ui::MainWindow& window, const QCommandLineParser& cli, bool batchRun) {
    if (cli.isSet("train")) {
        window.train();
    } else if (cli.isSet("sample")) {  // models restored from the autosave sample at once
        if (!window.trainedModels().empty()) {
            window.sample();
        } else if (batchRun) {
            std::fprintf(stderr,
                         "symscore: --sample: no trained models (add --train, or --restore a "
                         "session with models)\n");
            return 1;
        }
    }
    return 0;
}

void nameApplication() {
    QCoreApplication::setApplicationName("symscore");
    QCoreApplication::setOrganizationName("symscore");
    QCoreApplication::setApplicationVersion(SYMSCORE_VERSION);
}

// The command line is read, answered (--help, --version) or refused, and the scenario loaded,
// before the window system is opened: on a terminal without a display (over ssh, in a script)
// these still work, and a mistyped option is named instead of hidden behind "could not
// connect to display". Returns the exit code to leave with, or nothing to go on.
std::optional<int> readCommandLine(int& argc, char** argv, QCommandLineParser& cli,
                                   Scenario* scenario) {
    QCoreApplication app(argc, argv);
    nameApplication();
    addOptions(cli);
    // parse, not process: an unknown option is refused with exit code 2 like every other
    // command-line problem, and the message says which options there are.
    if (!cli.parse(app.arguments())) return refuse(cli.errorText() + " (see symscore --help)");
    if (cli.isSet("help")) cli.showHelp(0);
    if (cli.isSet("version")) cli.showVersion();
    if (const QString problem = checkOptions(cli); !problem.isEmpty()) return refuse(problem);
    try {
        *scenario = cli.positionalArguments().isEmpty()
                        ? io::defaultScenario()
                        : io::loadScenario(cli.positionalArguments()[0]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore: %s\n", e.what());
        return 1;
    }
    return std::nullopt;
}
}  // namespace

int main(int argc, char** argv) {
    io::removeOnTerminationSignals();  // a SIGTERM leaves no lock or temporary behind
    for (const QString& why :
         {io::undecodableArgument(argc, argv), io::undecodableVariable("SYMSCORE_SESSION_DIR")})
        if (!why.isEmpty()) {
            std::fprintf(stderr, "symscore: %s\n", why.toLocal8Bit().constData());
            return 2;
        }
    // The parser keeps what it read after its probe application is gone.
    QCommandLineParser cli;
    Scenario scenario;
    if (const auto answered = readCommandLine(argc, argv, cli, &scenario)) return *answered;

    QApplication app(argc, argv);
    nameApplication();

    ui::lowerTbbWorkerPriority();  // computation yields to the GUI thread
    const bool batchRun = cli.isSet("screenshot") || cli.isSet("report") || cli.isSet("animation");
    Session session = openSession(cli, batchRun || cli.isSet("bench-ui"));
    ui::MainWindow window;
    if (cli.isSet("bench-ui")) {
        window.resize(1600, 1000);
        window.setScenario(scenario);
        window.show();
        const QJsonObject figures = ui::runUiBench(window);
        std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (batchRun) {
        if (const QString problem = sizeWindow(window, cli); !problem.isEmpty())
            return refuse(problem);
        captureWhenSettled(window, cli);
    }
    if (session.restored)
        window.restoreSession(*session.restored);
    else
        window.setScenario(scenario);
    window.setAutosave(session.autosave.get());  // writes the session as it starts
    window.show();
    if (!session.note.isEmpty()) window.statusBar()->showMessage(session.note, 30000);
    if (batchRun) window.setAutoSample(false);  // screenshot mode drives each step
    if (cli.isSet("lesson")) window.setLessonMode(true);
    if (const int failed = openLesson(window, cli)) return failed;
    if (const int failed = startSteps(window, cli, batchRun)) return failed;
    return app.exec();
}
