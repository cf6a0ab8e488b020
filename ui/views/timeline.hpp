#pragma once
// A shared playback timeline: play/pause, step, scrub, speed and loop. It owns the clock
// (a 60 Hz timer) and emits the frame to show; views only draw that frame.
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <cmath>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace symscore::ui {

class Timeline : public QWidget {
    Q_OBJECT
  public:
    explicit Timeline(QWidget* parent = nullptr);
    // frames to play and the time t of each (from T down to eps).
    void setFrames(std::vector<double> times);
    int frame() const { return frame_; }
    int frames() const { return int(times_.size()); }
    // The time t of a frame (NaN outside the frames).
    double timeAt(int frame) const {
        return frame >= 0 && frame < frames() ? times_[std::size_t(frame)] : std::nan("");
    }
    bool isPlaying() const { return timer_.isActive(); }
    void play();
    void pause();
    void togglePlay();
    void setFrame(int f);
    void step(int delta);
    void setLoop(bool on);
    // Seconds for the whole reverse process at 1x.
    static constexpr double kSecondsAt1x = 6.0;

  Q_SIGNALS:
    void frameChanged(int frame);
    void playingChanged(bool playing);

  private:
    void tick();
    void showTime();
    std::vector<double> times_;
    int frame_ = 0;
    double position_ = 0;  // fractional frame while playing
    QTimer timer_;
    QElapsedTimer clock_;
    QToolButton* playButton_;
    QSlider* slider_;
    QComboBox* speed_;
    QCheckBox* loop_;
    QLabel* time_;
};

}  // namespace symscore::ui
