// Exporting the Sample tab's animation (ui/app/animation_export, docs/animation.md): MP4
// and GIF of the right size and frame count (checked with ffprobe), every frame titled with
// its own W1 reading, Cancel and a failing ffmpeg leave no file (and keep an older one),
// and `symscore --animation` works headless and refuses what it cannot write.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "tests/time_budget.hpp"
#include "ui/app/animation_export.hpp"
#include "ui/app/export.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/timeline.hpp"

using namespace symscore;

namespace {
Scenario tinyScenario() {
    Scenario s = io::defaultScenario();
    s.training.steps = 150;
    s.training.batch = 64;
    s.network.width = 32;
    s.network.depth = 2;
    s.sampling.steps = 24;
    s.sampling.particles = 300;
    s.metrics.w1_points = 300;
    return s;
}

struct Probe {
    int frames = -1, width = -1, height = -1;
};

// ffprobe's count of decoded frames and the size of the first video stream.
Probe probe(const QString& path) {
    QProcess p;
    p.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                        "stream=nb_read_frames,width,height", "-of", "default=nw=1", path});
    p.waitForFinished(30000);
    Probe r;
    for (const QString& line : QString(p.readAllStandardOutput()).split('\n')) {
        const QStringList kv = line.trimmed().split('=');
        if (kv.size() != 2) continue;
        if (kv[0] == "width") r.width = kv[1].toInt();
        if (kv[0] == "height") r.height = kv[1].toInt();
        if (kv[0] == "nb_read_frames") r.frames = kv[1].toInt();
    }
    return r;
}

// Every file in dir, hidden ones included: a temporary file left behind shows here.
QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

QString shown(double v) { return QString::number(v, 'f', 3); }
}  // namespace

class TestAnimationExport : public QObject {
    Q_OBJECT
    std::unique_ptr<ui::MainWindow> window_;
    ui::SampleView* view() const { return window_->sampleView(); }

    // Runs an export to the end; returns finished()'s (ok, message).
    std::pair<bool, QString> exportTo(ui::AnimationExporter& e, const ui::AnimationSpec& spec) {
        QSignalSpy done(&e, &ui::AnimationExporter::finished);
        QString why;
        if (!e.start(spec, &why)) return {false, why};
        if (!done.wait(120000)) return {false, "timed out"};
        return {done[0][0].toBool(), done[0][1].toString()};
    }

  private Q_SLOTS:
    // ffmpeg is part of symscore's setup (scripts/setup.sh): missing, it is a failure to fix,
    // not a reason to test less.
    void initTestCase() {
        QVERIFY2(!ui::findFfmpeg().isEmpty(),
                 "ffmpeg is not installed: run scripts/setup.sh (it installs ffmpeg)");
        QVERIFY2(!QStandardPaths::findExecutable("ffprobe").isEmpty(),
                 "ffprobe is not installed: run scripts/setup.sh (ffmpeg brings it)");
        window_ = std::make_unique<ui::MainWindow>();
        window_->setAutoSample(false);
        window_->setScenario(tinyScenario());
        window_->resize(1280, 720);
        window_->show();
        QSignalSpy trained(window_.get(), &ui::MainWindow::trainingFinished);
        window_->train();
        QVERIFY(trained.wait(60000));
        QSignalSpy ready(view(), &ui::SampleView::ready);
        window_->sample();
        QVERIFY(ready.wait(60000));
        QVERIFY(view()->timeline()->frames() > 10);
    }
    void cleanupTestCase() { window_.reset(); }

    // A frame's picture carries that frame's reading, and the tab comes back to its frame.
    void aFrameShowsItsOwnReading() {
        const int last = view()->timeline()->frames() - 1;
        view()->timeline()->setFrame(last);
        for (int f : {0, last / 2}) {
            const QImage img = view()->renderFrame(f, QSize(320, 180));
            QCOMPARE(img.size(), QSize(320, 180));
            QVERIFY(view()->reading(f).has_value());
            QVERIFY2(view()->panel(0)->title().contains(shown(view()->reading(f)->models[0].w1)),
                     qPrintable(view()->panel(0)->title()));
        }
        view()->drawFrame(last);
        QVERIFY(view()->panel(0)->title().contains(shown(view()->reading(last)->models[0].w1)));
        // Not blank: the density's gradient and the particles give many colours.
        const QImage img = view()->renderFrame(last, QSize(320, 180));
        QSet<QRgb> colors;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3) colors.insert(img.pixel(x, y));
        QVERIFY(colors.size() > 30);
        view()->drawFrame(last);
    }

    void exportsMp4AndGif_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("mp4") << "lesson.mp4";
        QTest::newRow("gif") << "lesson.gif";
    }
    void exportsMp4AndGif() {
        QFETCH(QString, name);
        QTemporaryDir dir;
        ui::AnimationExporter e(view());
        const ui::AnimationSpec spec{dir.filePath(name), QSize(192, 108), 10};
        const auto [ok, message] = exportTo(e, spec);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(filesIn(dir.path()), QStringList{name});  // no temporary file left
        const Probe p = probe(spec.path);
        QCOMPARE(p.width, 192);
        QCOMPARE(p.height, 108);
        QCOMPARE(p.frames, view()->timeline()->frames());
        QVERIFY(QFileInfo(spec.path).permissions().testFlag(QFile::ReadOther));
    }

    // A short GIF for a web page: at most N frames, evenly spaced, the first and last kept.
    void exportsAtMostTheFramesAsked() {
        QTemporaryDir dir;
        ui::AnimationExporter e(view());
        ui::AnimationSpec spec{dir.filePath("short.gif"), QSize(160, 90), 10};
        spec.maxFrames = 12;
        const auto [ok, message] = exportTo(e, spec);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(probe(spec.path).frames, 12);
        QCOMPARE(e.sourceFrame(0), 0);
        QCOMPARE(e.sourceFrame(11), view()->timeline()->frames() - 1);
        QVERIFY(e.sourceFrame(5) > e.sourceFrame(4));
        QString why;
        spec.maxFrames = 1;
        QVERIFY(!e.start(spec, &why) && why.contains("frames"));
    }

    void cancelLeavesNoFile() {
        QTemporaryDir dir;
        ui::AnimationExporter e(view());
        QSignalSpy done(&e, &ui::AnimationExporter::finished);
        connect(&e, &ui::AnimationExporter::progress, &e, [&e](int frame, int) {
            if (frame == 2) e.cancel();
        });
        QString why;
        QVERIFY(e.start({dir.filePath("a.mp4"), QSize(192, 108), 10}, &why));
        QVERIFY(done.wait(60000));
        QCOMPARE(done[0][0].toBool(), false);
        QCOMPARE(done[0][1].toString(), QString("cancelled"));
        QCOMPARE(filesIn(dir.path()), QStringList{});
    }

    // ffmpeg exits with an error: its last line is the message, the temporary file is gone,
    // and a file already at the target is kept as it was.
    void failingFfmpegKeepsTheOldFile() {
        QTemporaryDir dir;
        const QString fake = dir.filePath("fake-ffmpeg");
        {
            QFile f(fake);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(
                "#!/bin/sh\necho 'first line' >&2\necho 'Conversion failed: test' >&2\nexit 1\n");
        }
        QFile::setPermissions(fake, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QDir(dir.path()).mkdir("out");
        const QString target = dir.filePath("out/old.gif");
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        ui::AnimationExporter e(view());
        e.setProgram(fake);
        const auto [ok, message] = exportTo(e, {target, QSize(192, 108), 10});
        QVERIFY(!ok);
        QVERIFY2(message.contains("Conversion failed: test"), qPrintable(message));
        QCOMPARE(filesIn(dir.filePath("out")), QStringList{"old.gif"});
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old"));
    }

    // ffmpeg can lie: one that reads every frame and exits 0 but leaves a file without its
    // trailer (a full disk) does not replace the old file, because ffprobe cannot read it;
    // one that stops taking frames (a stuck encoder) is stopped after the stall limit. Either
    // way the message says what happened and no temporary file is left.
    void lyingOrStalledFfmpegKeepsTheOldFile_data() {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("stallLimitMs");  // the default, 30 s, unless the case stalls
        // The output is ffmpeg's last argument.
        QTest::newRow("exit 0 without a trailer")
            << QByteArray(
                   "#!/bin/sh\ncat > /dev/null\nfor a; do out=\"$a\"; done\n"
                   "printf 'ftypisom not a whole video' > \"$out\"\nexit 0\n")
            << "does not play" << 30000;
        // A stall is a stop of several seconds: 3 s here, far above a loaded machine's pauses.
        QTest::newRow("stalled") << QByteArray("#!/bin/sh\nexec sleep 60\n") << "made no progress"
                                 << timeBudgetMs(3000);
    }
    void lyingOrStalledFfmpegKeepsTheOldFile() {
        QFETCH(QByteArray, script);
        QFETCH(QString, message);
        QFETCH(int, stallLimitMs);
        QTemporaryDir dir;
        const QString fake = dir.filePath("fake-ffmpeg");
        {
            QFile f(fake);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(script);
        }
        QFile::setPermissions(fake, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QDir(dir.path()).mkdir("out");
        const QString target = dir.filePath("out/old.mp4");
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        ui::AnimationExporter e(view());
        e.setProgram(fake);
        e.setStallLimit(stallLimitMs);
        const auto [ok, why] = exportTo(e, {target, QSize(192, 108), 10});
        QVERIFY(!ok);
        QVERIFY2(why.contains(message) && why.contains(target), qPrintable(why));
        QCOMPARE(filesIn(dir.filePath("out")), QStringList{"old.mp4"});
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old"));
    }

    void missingFfmpegIsNamed() {
        QTemporaryDir dir;
        ui::AnimationExporter e(view());
        e.setProgram("/nonexistent/ffmpeg");
        QString why;
        QVERIFY(!e.start({dir.filePath("a.mp4"), QSize(192, 108), 10}, &why));
        QVERIFY2(why.contains("ffmpeg was not found at /nonexistent/ffmpeg"), qPrintable(why));
        QCOMPARE(filesIn(dir.path()), QStringList{});
    }

    void badSpecsAreRefused_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("fps");
        QTest::addColumn<QString>("message");
        QTest::newRow("format") << "a.avi" << QSize(192, 108) << 10 << "as .mp4 or .gif";
        QTest::newRow("odd") << "a.mp4" << QSize(191, 108) << 10 << "expected an even WxH";
        QTest::newRow("fps") << "a.gif" << QSize(192, 108) << 0 << "frame rate";
    }
    void badSpecsAreRefused() {
        QFETCH(QString, name);
        QFETCH(QSize, size);
        QFETCH(int, fps);
        QFETCH(QString, message);
        QTemporaryDir dir;
        ui::AnimationExporter e(view());
        QString why;
        QVERIFY(!e.start({dir.filePath(name), size, fps}, &why));
        QVERIFY2(why.contains(message), qPrintable(why));
        QCOMPARE(filesIn(dir.path()), QStringList{});
    }

    // symscore SCENARIO --train --sample --animation OUT.gif --size --fps, and a refusal.
    void headlessExport() {
        QTemporaryDir dir, session, runtime;
        const QString scenario = dir.filePath("tiny.symscore.json");
        io::saveScenario(tinyScenario(), scenario);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("SYMSCORE_SESSION_DIR", session.path());
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        QProcess p;
        p.setProcessEnvironment(env);
        const QString out = dir.filePath("demo.gif");
        p.start(SYMSCORE_APP, {scenario, "--train", "--sample", "--animation", out, "--size",
                               "160x90", "--fps", "12"});
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const Probe probed = probe(out);
        QCOMPARE(probed.width, 160);
        QCOMPARE(probed.height, 90);
        QVERIFY(probed.frames > 10);

        p.start(SYMSCORE_APP, {scenario, "--train", "--sample", "--animation",
                               dir.filePath("x.mp4"), "--size", "161x90"});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("--size: expected an even WxH"), err.constData());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(!QFile::exists(dir.filePath("x.mp4")));
        // A missing ffmpeg is refused before training, not after.
        env.insert("SYMSCORE_FFMPEG", "/nonexistent/ffmpeg");
        p.setProcessEnvironment(env);
        p.start(SYMSCORE_APP, {scenario, "--train", "--sample", "--animation", out});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("ffmpeg was not found at /nonexistent/ffmpeg"));
    }

    // File > Export view is slide-ready: the plots and readouts only (no buttons, timeline or
    // status line), the PDF page exactly the size of the picture (no blank margins).
    void viewExportIsSlideReady() {
        QWidget* tab = view();
        const QRect part = ui::plotsAndReadouts(tab);
        const QRect timeline(view()->timeline()->mapTo(tab, QPoint(0, 0)),
                             view()->timeline()->size());
        QVERIFY(!part.intersects(timeline));
        QVERIFY(part.contains(
            QRect(view()->panel(0)->mapTo(tab, QPoint(0, 0)), view()->panel(0)->size())));
        QTemporaryDir dir;
        QCOMPARE(ui::exportWidget(tab, dir.filePath("v.png")), QString());
        QCOMPARE(QImage(dir.filePath("v.png")).size(), part.size() * tab->devicePixelRatio());
        QCOMPARE(ui::exportWidget(tab, dir.filePath("v.pdf")), QString());
        QFile pdf(dir.filePath("v.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(pdf.readAll());
        const QRegularExpression box("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]");
        const QRegularExpressionMatch m = box.match(text);
        QVERIFY2(m.hasMatch(), "no MediaBox");
        // Points: 72 per inch for a picture drawn at 96 pixels per inch.
        QVERIFY(std::abs(m.captured(1).toDouble() - part.width() * 0.75) < 1.5);
        QVERIFY(std::abs(m.captured(2).toDouble() - part.height() * 0.75) < 1.5);
    }

    // Frames per second of export at 1280x720 (docs/performance.md); only when asked, as
    // it takes a while: SYMSCORE_MEASURE_EXPORT=1 QTEST_FUNCTION_TIMEOUT=900000.
    void measureExportSpeed() {
        if (qEnvironmentVariableIsEmpty("SYMSCORE_MEASURE_EXPORT"))
            QSKIP("a measurement: set SYMSCORE_MEASURE_EXPORT=1 to run it");
        // The default scenario's animation: its frames and 2000 particles per panel (the
        // training and the W1 readout kept short: they are not what is measured).
        Scenario s = io::defaultScenario();
        s.training.steps = 150;
        s.metrics.w1_points = 300;
        window_->setScenario(s);
        QSignalSpy trained(window_.get(), &ui::MainWindow::trainingFinished);
        window_->train();
        QVERIFY(trained.wait(600000));
        QSignalSpy ready(view(), &ui::SampleView::ready);
        window_->sample();
        QVERIFY(ready.wait(600000));
        QElapsedTimer paint;
        paint.start();
        for (int f = 0; f < view()->timeline()->frames(); ++f)
            view()->renderFrame(f, QSize(1280, 720));
        qInfo("painting alone: %.1f frames/s at 1280x720",
              view()->timeline()->frames() / (paint.nsecsElapsed() * 1e-9));
        view()->drawFrame(view()->timeline()->frame());
        for (const QString name : {"speed.mp4", "speed.gif"}) {
            QTemporaryDir dir;
            ui::AnimationExporter e(view());
            QElapsedTimer clock;
            clock.start();
            const auto [ok, message] = exportTo(e, {dir.filePath(name), QSize(1280, 720), 25});
            QVERIFY2(ok, qPrintable(message));
            const double seconds = clock.nsecsElapsed() * 1e-9;
            qInfo("%s: %d frames at 1280x720 in %.2f s: %.1f frames/s", qPrintable(name),
                  e.frameCount(), seconds, e.frameCount() / seconds);
        }
    }
};

QTEST_MAIN(TestAnimationExport)
#include "tst_animation_export.moc"
