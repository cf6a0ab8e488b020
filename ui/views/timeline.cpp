#include "ui/views/timeline.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <cmath>

namespace symscore::ui {

Timeline::Timeline(QWidget* parent)
    : QWidget(parent),
      playButton_(new QToolButton(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      speed_(new QComboBox(this)),
      loop_(new QCheckBox("loop", this)),
      time_(new QLabel(this)) {
    // Step buttons look like steps (one frame), not like rewind and fast-forward; the first
    // button goes back to pure noise in one click.
    auto* start = new QToolButton(this);
    auto* back = new QToolButton(this);
    auto* fwd = new QToolButton(this);
    start->setObjectName("backToNoise");
    start->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    start->setToolTip("Back to pure noise: the first frame, t = T (Home)");
    start->setShortcut(Qt::Key_Home);
    back->setText(QString::fromUtf8("\u2039"));
    fwd->setText(QString::fromUtf8("\u203a"));
    back->setToolTip("One frame back (Left)");
    fwd->setToolTip("One frame forward (Right)");
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    playButton_->setToolTip(
        "Play or pause the reverse process: noise at time T turns into data at time eps (P)");
    slider_->setToolTip(
        "Drag to scrub through the reverse process; left is pure noise (t = T), right is the end "
        "(t = eps)");
    for (const char* s : {"0.25x", "0.5x", "1x", "2x", "4x"}) speed_->addItem(s);
    speed_->setCurrentIndex(2);
    speed_->setToolTip(
        QString("Playback speed; at 1x the whole process takes %1 seconds").arg(kSecondsAt1x));
    loop_->setToolTip("Start again from noise when the end is reached");
    time_->setMinimumWidth(150);
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : std::initializer_list<QWidget*>{start, back, playButton_, fwd})
        l->addWidget(w);
    l->addWidget(slider_, 1);
    l->addWidget(time_);
    l->addWidget(speed_);
    l->addWidget(loop_);
    timer_.setInterval(16);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &Timeline::tick);
    connect(playButton_, &QToolButton::clicked, this, &Timeline::togglePlay);
    connect(start, &QToolButton::clicked, this, [this] {
        pause();
        setFrame(0);
    });
    connect(back, &QToolButton::clicked, this, [this] { step(-1); });
    connect(fwd, &QToolButton::clicked, this, [this] { step(1); });
    connect(slider_, &QSlider::valueChanged, this, [this](int v) {
        if (v != frame_) setFrame(v);
    });
    setFrames({});
}

void Timeline::setFrames(std::vector<double> times) {
    pause();
    times_ = std::move(times);
    slider_->setRange(0, std::max(0, frames() - 1));
    setEnabled(!times_.empty());
    frame_ = -1;
    setFrame(0);
}

void Timeline::setLoop(bool on) { loop_->setChecked(on); }

void Timeline::play() {
    if (times_.empty()) return;
    if (frame_ >= frames() - 1) setFrame(0);
    position_ = frame_;
    clock_.start();
    timer_.start();
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    Q_EMIT playingChanged(true);
}

void Timeline::pause() {
    if (!timer_.isActive()) return;
    timer_.stop();
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    Q_EMIT playingChanged(false);
}

void Timeline::togglePlay() { isPlaying() ? pause() : play(); }

void Timeline::step(int delta) {
    pause();
    setFrame(std::clamp(frame_ + delta, 0, std::max(0, frames() - 1)));
}

void Timeline::setFrame(int f) {
    if (times_.empty() || f == frame_) return;
    frame_ = std::clamp(f, 0, frames() - 1);
    slider_->blockSignals(true);
    slider_->setValue(frame_);
    slider_->blockSignals(false);
    showTime();
    Q_EMIT frameChanged(frame_);
}

void Timeline::showTime() {
    if (times_.empty()) {
        time_->setText("no samples yet");
        return;
    }
    time_->setText(QString("t = %1  (frame %2/%3)")
                       .arg(times_[std::size_t(frame_)], 0, 'f', 3)
                       .arg(frame_ + 1)
                       .arg(frames()));
}

void Timeline::tick() {
    // Advance by wall-clock time, so a slow frame does not slow the whole animation down.
    static const double speeds[] = {0.25, 0.5, 1.0, 2.0, 4.0};
    const double dt = clock_.restart() / 1000.0;
    position_ += dt * speeds[speed_->currentIndex()] * (frames() - 1) / kSecondsAt1x;
    if (position_ >= frames() - 1) {
        if (loop_->isChecked()) {
            position_ = 0;
        } else {
            setFrame(frames() - 1);
            pause();
            return;
        }
    }
    setFrame(int(std::floor(position_)));
}

}  // namespace symscore::ui
