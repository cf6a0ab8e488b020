#include "ui/app/animation_export.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/io/leftovers.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
bool isGif(const QString& path) { return path.endsWith(".gif", Qt::CaseInsensitive); }
bool isMp4(const QString& path) { return path.endsWith(".mp4", Qt::CaseInsensitive); }
constexpr int kWaitingMs = 50;  // polling for the readout to settle
constexpr int kBackedUpMs = 5;  // ffmpeg has not taken the last frame yet
}  // namespace

std::optional<QSize> parseVideoSize(const QString& text, QString* error) {
    const QStringList wh = text.split('x');
    bool okW = false, okH = false;
    const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
    if (wh.size() != 2 || !okW || !okH || w < kMinVideoSide || h < kMinVideoSide ||
        w > kMaxVideoWidth || h > kMaxVideoHeight || w % 2 != 0 || h % 2 != 0) {
        *error = QString("expected an even WxH from %1x%1 to %2x%3, got \"%4\"")
                     .arg(kMinVideoSide)
                     .arg(kMaxVideoWidth)
                     .arg(kMaxVideoHeight)
                     .arg(text);
        return std::nullopt;
    }
    return QSize(w, h);
}

QString checkAnimationSpec(const AnimationSpec& spec) {
    if (!isGif(spec.path) && !isMp4(spec.path))
        return spec.path + ": an animation is written as .mp4 or .gif";
    QString why;
    if (!parseVideoSize(QString("%1x%2").arg(spec.size.width()).arg(spec.size.height()), &why))
        return "size: " + why;
    if (spec.maxFrames < 0 || spec.maxFrames == 1)
        return QString("frames: expected at least 2 (or 0 for every frame), got %1")
            .arg(spec.maxFrames);
    if (spec.fps < kMinFps || spec.fps > kMaxFps)
        return QString("frame rate: expected %1 to %2 frames per second, got %3")
            .arg(kMinFps)
            .arg(kMaxFps)
            .arg(spec.fps);
    return {};
}

QString findFfmpeg() {
    const QString given = QProcessEnvironment::systemEnvironment().value("SYMSCORE_FFMPEG");
    if (!given.isEmpty()) return given;
    return QStandardPaths::findExecutable("ffmpeg");
}

QString ffmpegProblem(const QString& program) {
    const QFileInfo file(program);
    if (program.isEmpty() || (file.isAbsolute() && !(file.isFile() && file.isExecutable())))
        return "ffmpeg was not found" + (program.isEmpty() ? QString() : " at " + program) +
               ": install the distribution's ffmpeg (scripts/setup.sh does)";
    return {};
}

QStringList ffmpegArguments(const AnimationSpec& spec, const QString& output) {
    QStringList args{"-hide_banner", "-loglevel", "error", "-y",
                     // the input: raw frames on standard input, as FFMpegWriter feeds them
                     "-f", "rawvideo", "-pix_fmt", "rgb24", "-s",
                     QString("%1x%2").arg(spec.size.width()).arg(spec.size.height()), "-r",
                     QString::number(spec.fps), "-i", "-"};
    if (isGif(spec.path)) {
        // A palette of its own for every frame (stats_mode=single, new=1): the densities'
        // gradients keep their colours, and nothing has to hold the whole video in memory
        // the way a palette for all frames would.
        args << "-filter_complex"
             << "[0:v]split[a][b];[a]palettegen=stats_mode=single[p];"
                "[b][p]paletteuse=new=1:dither=sierra2_4a"
             << "-loop"
             << "0"
             << "-f"
             << "gif";
    } else {
        // H.264 in yuv420p plays everywhere slides are shown; faststart puts the index first.
        // veryfast: twice the speed of the default preset on this machine, and at crf 20 the
        // flat backgrounds and gradients look the same (docs/performance.md).
        args << "-c:v"
             << "libx264"
             << "-preset"
             << "veryfast"
             << "-crf"
             << "20"
             << "-pix_fmt"
             << "yuv420p"
             << "-movflags"
             << "+faststart"
             << "-f"
             << "mp4";
    }
    args << output;
    return args;
}

AnimationExporter::AnimationExporter(SampleView* view, QObject* parent)
    : QObject(parent), view_(view), program_(findFfmpeg()) {
    connect(&timer_, &QTimer::timeout, this, &AnimationExporter::tick);
    connect(&watchdog_, &QTimer::timeout, this, &AnimationExporter::checkStall);
}

AnimationExporter::~AnimationExporter() { cleanUp(); }

int AnimationExporter::frameCount() const {
    const int all = view_ ? view_->timeline()->frames() : 0;
    return spec_.maxFrames > 0 ? std::min(all, spec_.maxFrames) : all;
}

int AnimationExporter::sourceFrame(int i) const {
    const int all = view_ ? view_->timeline()->frames() : 0, n = frameCount();
    if (n == all || n < 2) return n < 2 ? all - 1 : i;
    return int(std::lround(double(i) * (all - 1) / (n - 1)));  // first and last kept
}

bool AnimationExporter::start(const AnimationSpec& spec, QString* error) {
    if (active_) return *error = "an export is already running", false;
    if (const QString why = checkAnimationSpec(spec); !why.isEmpty()) return *error = why, false;
    if (!view_ || view_->panelCount() == 0)
        return *error = "sample first (S): there is no animation to export yet", false;
    if (const QString why = ffmpegProblem(program_); !why.isEmpty()) return *error = why, false;
    // The temporary file is made here, beside the target, so that the rename is atomic and
    // an unwritable folder is refused before any work.
    const QFileInfo target(spec.path);
    io::removeLeftoverTemporaries(target.absolutePath());  // of exports killed outright
    // The name holds the pid, so that a later export can tell a killed one's leftover.
    QTemporaryFile tmp(target.absoluteDir().filePath(
        "." + target.completeBaseName() + "." +
        QString::number(QCoreApplication::applicationPid()) + "-XXXXXX.part." + target.suffix()));
    tmp.setAutoRemove(false);
    if (!tmp.open())
        return *error = "cannot write in " + target.absolutePath() + ": " + tmp.errorString(),
               false;
    temporary_ = tmp.fileName();
    temporaryRemoval_ = io::RemovalOnSignal(temporary_);
    tmp.close();
    spec_ = spec;
    next_ = 0;
    started_ = false;
    active_ = true;
    timer_.start(0);
    return true;
}

void AnimationExporter::tick() {
    if (!active_) return;
    if (!view_) return fail("the Sample tab is gone");
    if (!started_) {
        // Every title must show its own frame's reading: wait until all are measured.
        if (!(view_->settled() && view_->densitiesReady())) {
            timer_.setInterval(kWaitingMs);
            Q_EMIT progress(0, frameCount());
            return;
        }
        started_ = true;
        restoreFrame_ = view_->timeline()->frame();
        ffmpeg_ = new QProcess(this);
        ffmpeg_->setStandardOutputFile(QProcess::nullDevice());
        connect(ffmpeg_, &QProcess::finished, this, &AnimationExporter::onFfmpegFinished);
        connect(ffmpeg_, &QProcess::errorOccurred, this, &AnimationExporter::onFfmpegError);
        // Progress is ffmpeg taking bytes from the pipe; none for too long is a stall.
        connect(ffmpeg_, &QProcess::bytesWritten, this, [this] { sinceProgress_.restart(); });
        ffmpeg_->start(program_, ffmpegArguments(spec_, temporary_));
        sinceProgress_.restart();
        watchdog_.start(std::clamp(stallLimitMs_ / 4, 50, 1000));
        timer_.setInterval(0);
        return;
    }
    feedFrame();
}

void AnimationExporter::feedFrame() {
    if (ffmpeg_->state() != QProcess::Running || next_ >= frameCount()) return;
    const qint64 frameBytes = qint64(spec_.size.width()) * spec_.size.height() * 3;
    if (ffmpeg_->bytesToWrite() >= frameBytes) {  // let the pipe drain first
        timer_.setInterval(kBackedUpMs);
        return;
    }
    timer_.setInterval(0);
    const QImage frame =
        view_->renderFrame(sourceFrame(next_), spec_.size).convertToFormat(QImage::Format_RGB888);
    const qsizetype line = qsizetype(spec_.size.width()) * 3;
    for (int y = 0; y < frame.height(); ++y)
        ffmpeg_->write(reinterpret_cast<const char*>(frame.constScanLine(y)), line);
    ++next_;
    Q_EMIT progress(next_, frameCount());
    if (next_ == frameCount()) {
        timer_.stop();
        view_->drawFrame(restoreFrame_);
        ffmpeg_->closeWriteChannel();  // ffmpeg finishes the file and exits
        sinceProgress_.restart();
    }
}

QString AnimationExporter::lastErrorLine() {
    const QStringList lines =
        QString::fromLocal8Bit(ffmpeg_->readAllStandardError()).split('\n', Qt::SkipEmptyParts);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        if (!it->trimmed().isEmpty()) return it->trimmed();
    return "no message";
}

void AnimationExporter::onFfmpegFinished(int exitCode, QProcess::ExitStatus status) {
    if (!active_) return;
    if (status != QProcess::NormalExit) return fail("ffmpeg crashed: " + lastErrorLine());
    if (exitCode != 0)
        return fail(QString("ffmpeg failed (exit code %1): %2").arg(exitCode).arg(lastErrorLine()));
    if (next_ < frameCount())
        return fail(QString("ffmpeg stopped after %1 of %2 frames").arg(next_).arg(frameCount()));
    if (QFileInfo(temporary_).size() <= 0) return fail("ffmpeg wrote an empty file");
    probe();
}

void AnimationExporter::probe() {
    QString ffprobe = qEnvironmentVariable("SYMSCORE_FFPROBE");
    if (ffprobe.isEmpty()) {
        const QFileInfo ffmpeg(program_);
        const QString beside = ffmpeg.absoluteDir().filePath("ffprobe");
        ffprobe = program_.contains('/') && QFileInfo(beside).isExecutable()
                      ? beside
                      : QStandardPaths::findExecutable("ffprobe");
    }
    if (ffprobe.isEmpty())
        return fail("cannot check the video: ffprobe was not found (it comes with ffmpeg)");
    ffprobe_ = new QProcess(this);
    ffprobe_->setStandardOutputFile(QProcess::nullDevice());
    connect(ffprobe_, &QProcess::finished, this, &AnimationExporter::onProbeFinished);
    connect(ffprobe_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (active_ && error == QProcess::FailedToStart)
            fail("cannot check the video with ffprobe: " + ffprobe_->errorString());
    });
    // Reading every packet finds a cut file (no trailer, a truncated stream) that a header
    // check alone would pass.
    ffprobe_->start(ffprobe, {"-v", "error", "-count_packets", "-show_entries",
                              "stream=nb_read_packets", "-of", "csv=p=0", temporary_});
    sinceProgress_.restart();
}

void AnimationExporter::onProbeFinished(int exitCode, QProcess::ExitStatus status) {
    if (!active_) return;
    const QString errors = QString::fromLocal8Bit(ffprobe_->readAllStandardError()).trimmed();
    if (status != QProcess::NormalExit || exitCode != 0 || !errors.isEmpty())
        return fail("the video ffmpeg wrote does not play (" +
                    (errors.isEmpty() ? QString("ffprobe failed") : errors.section('\n', -1)) +
                    "); a file already at " + spec_.path + " is kept");
    commit();
}

void AnimationExporter::checkStall() {
    if (!active_ || sinceProgress_.elapsed() < stallLimitMs_) return;
    fail(QString("%1 made no progress for %2 s (a full disk or a stuck encoder); the export "
                 "stopped and a file already at %3 is kept")
             .arg(ffprobe_ ? QString("ffprobe") : QString("ffmpeg"),
                  QString::number(stallLimitMs_ / 1000.0, 'g', 3), spec_.path));
}

void AnimationExporter::commit() {
    // The temporary file was made private (0600); the video is an ordinary file.
    QFile::setPermissions(
        temporary_, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    std::error_code ec;
    std::filesystem::rename(QFile::encodeName(temporary_).toStdString(),
                            QFile::encodeName(spec_.path).toStdString(), ec);
    if (ec)
        return fail("cannot rename the video to " + spec_.path + ": " +
                    QString::fromStdString(ec.message()));
    temporary_.clear();
    temporaryRemoval_ = io::RemovalOnSignal();
    cleanUp();
    Q_EMIT finished(true, spec_.path);
}

void AnimationExporter::onFfmpegError(QProcess::ProcessError error) {
    // A crash or a closed pipe also ends in finished(); only a failed start does not.
    if (active_ && error == QProcess::FailedToStart)
        fail("cannot start ffmpeg (" + program_ + "): " + ffmpeg_->errorString());
}

void AnimationExporter::fail(const QString& message) {
    cleanUp();
    Q_EMIT finished(false, message);
}

void AnimationExporter::cancel() {
    if (!active_) return;
    cleanUp();
    Q_EMIT finished(false, "cancelled");
}

void AnimationExporter::cleanUp() {
    timer_.stop();
    watchdog_.stop();
    if (ffprobe_) {
        ffprobe_->disconnect(this);
        if (ffprobe_->state() != QProcess::NotRunning) {
            ffprobe_->kill();
            ffprobe_->waitForFinished(5000);
        }
        ffprobe_->deleteLater();
        ffprobe_ = nullptr;
    }
    if (ffmpeg_) {
        ffmpeg_->disconnect(this);
        if (ffmpeg_->state() != QProcess::NotRunning) {
            ffmpeg_->kill();
            ffmpeg_->waitForFinished(5000);
        }
        ffmpeg_->deleteLater();
        ffmpeg_ = nullptr;
    }
    temporaryRemoval_ = io::RemovalOnSignal();
    if (!temporary_.isEmpty()) QFile::remove(temporary_);
    temporary_.clear();
    if (active_ && started_ && view_) view_->drawFrame(restoreFrame_);
    active_ = false;
}

}  // namespace symscore::ui
