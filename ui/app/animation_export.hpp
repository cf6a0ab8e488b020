#pragma once
// Writes the Sample tab's animation as an MP4 or GIF file (docs/animation.md). Each frame is
// painted by SampleView::renderFrame from the event loop, one per pass, and its raw RGB
// pixels go through a pipe to the distribution's ffmpeg program, as matplotlib's
// FFMpegWriter does; the GUI stays responsive between frames. ffmpeg writes a temporary
// file beside the target, renamed over it only when ffmpeg succeeded: a cancelled or failed
// export leaves nothing behind and keeps an older file of that name.
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QSize>
#include <QString>
#include <QTimer>
#include <optional>

#include "core/io/removal_on_signal.hpp"

namespace symscore::ui {

class SampleView;

struct AnimationSpec {
    QString path;           // .mp4 or .gif
    QSize size{1280, 720};  // pixels of the video
    int fps = 25;           // frames per second of the video
    // At most this many frames, evenly spaced from the first to the last (a short GIF for a
    // web page); 0: every frame of the animation.
    int maxFrames = 0;
};

// The limits of an export: the video size and frame rate a user can ask for.
constexpr int kMinVideoSide = 64, kMaxVideoWidth = 3840, kMaxVideoHeight = 2160;
constexpr int kMinFps = 1, kMaxFps = 60;

// "WxH" as a video size within the limits, both even (H.264 needs it); std::nullopt with
// the one-line reason in *error otherwise.
std::optional<QSize> parseVideoSize(const QString& text, QString* error);
// Empty when spec can be exported, otherwise the one-line problem (the format, size, fps).
QString checkAnimationSpec(const AnimationSpec& spec);
// The ffmpeg program: $SYMSCORE_FFMPEG if set, otherwise ffmpeg on the PATH; empty if none.
QString findFfmpeg();
// Empty when program can be run as ffmpeg, otherwise the one-line problem (none found,
// not an executable file).
QString ffmpegProblem(const QString& program);
// The arguments that make ffmpeg read raw rgb24 frames of spec's size and rate on its
// standard input and write `output` as MP4 (H.264) or GIF (a palette per frame).
QStringList ffmpegArguments(const AnimationSpec& spec, const QString& output);

class AnimationExporter : public QObject {
    Q_OBJECT
  public:
    explicit AnimationExporter(SampleView* view, QObject* parent = nullptr);
    ~AnimationExporter() override;
    // The ffmpeg to run (findFfmpeg() by default); tests point it elsewhere. The video is
    // checked with the ffprobe beside it (or on the PATH, or $SYMSCORE_FFPROBE).
    void setProgram(const QString& program) { program_ = program; }
    // How long ffmpeg (or ffprobe) may go without taking a frame or finishing before the
    // export fails as stalled (a full disk, a stuck encoder): 30 s; tests shorten it.
    void setStallLimit(int ms) { stallLimitMs_ = ms; }
    // Starts the export: waits for the tab to be settled (every frame measured), then
    // renders and encodes. The outcome comes as finished(); false (and no signal) when the
    // export cannot start, with the reason in *error.
    bool start(const AnimationSpec& spec, QString* error);
    // Stops, removes the temporary file, and reports finished(false, "cancelled").
    void cancel();
    bool running() const { return active_; }
    // The frames the video gets: every frame of the animation, or spec.maxFrames of them.
    int frameCount() const;
    // The animation's frame shown as the video's frame i.
    int sourceFrame(int i) const;

  Q_SIGNALS:
    // A frame was handed to ffmpeg (done of total); done == 0 while waiting for the readout.
    void progress(int done, int total);
    // ok: the file is at spec.path. Otherwise message says why, in one line.
    void finished(bool ok, const QString& message);

  private:
    void tick();
    void feedFrame();
    void onFfmpegFinished(int exitCode, QProcess::ExitStatus status);
    void onFfmpegError(QProcess::ProcessError error);
    // ffmpeg can exit 0 without the file's trailer (a full disk): the video replaces the old
    // file only once ffprobe reads it.
    void probe();
    void onProbeFinished(int exitCode, QProcess::ExitStatus status);
    void commit();
    void checkStall();
    void fail(const QString& message);
    void cleanUp();
    QString lastErrorLine();

    QPointer<SampleView> view_;
    QString program_;
    AnimationSpec spec_;
    QString temporary_;
    io::RemovalOnSignal temporaryRemoval_;  // a SIGTERM mid-export leaves no temporary
    QProcess* ffmpeg_ = nullptr;
    QProcess* ffprobe_ = nullptr;
    QTimer timer_;
    QTimer watchdog_;
    QElapsedTimer sinceProgress_;
    int stallLimitMs_ = 30000;
    int next_ = 0;
    int restoreFrame_ = 0;
    bool active_ = false;
    bool started_ = false;  // ffmpeg was started (after the readout settled)
};

}  // namespace symscore::ui
