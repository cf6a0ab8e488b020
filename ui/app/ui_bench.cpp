#include "ui/app/ui_bench.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <ctime>
#include <set>

#include "core/io/lesson_file.hpp"
#include "ui/app/lesson_director.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/tasks/sampling_controller.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
// Waits until pred() holds, sleeping in the event loop as the app does (a 10 ms timer
// wakes it to check), so the waiting itself takes no CPU from the work measured; false on
// timeout.
template <class Pred>
bool waitFor(Pred pred, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    QTimer tick;
    tick.start(10);
    while (!pred()) {
        if (t.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

struct FrameRate {
    double fps = 0;               // frames drawn per wall-clock second
    double guiCpuMsPerFrame = 0;  // GUI-thread CPU time per frame: what a quiet machine pays
    QJsonObject breakdown;        // of that time: preparing, drawing layers, painting, events
};

// Draws frames as fast as possible (each panel repainted) for `seconds`.
FrameRate framesPerSecond(SampleView* view, double seconds) {
    const int frames = view->timeline()->frames();
    if (frames < 2) return {};
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < view->panelCount(); ++i)
        view->panel(i)->setAnimating(true);  // as playing does
    const double cpu0 = threadCpuSeconds();
    int drawn = 0;
    double a = 0, b = 0, c = 0, d = 0;
    while (t.elapsed() < seconds * 1000) {
        const double c0 = threadCpuSeconds();
        view->timeline()->setFrame(drawn % frames);
        const double c1 = threadCpuSeconds();
        for (int i = 0; i < view->panelCount(); ++i) view->panel(i)->flushLayers();
        const double c2 = threadCpuSeconds();
        for (int i = 0; i < view->panelCount(); ++i)
            view->panel(i)->repaint();  // as a screen would
        const double c3 = threadCpuSeconds();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        const double c4 = threadCpuSeconds();
        a += c1 - c0;
        b += c2 - c1;
        c += c3 - c2;
        d += c4 - c3;
        ++drawn;
    }
    for (int i = 0; i < view->panelCount(); ++i) view->panel(i)->setAnimating(false);
    const QJsonObject parts{{"prepare_ms", 1000 * a / drawn},
                            {"draw_layers_ms", 1000 * b / drawn},
                            {"paint_ms", 1000 * c / drawn},
                            {"events_ms", 1000 * d / drawn}};
    return {drawn / (t.elapsed() / 1000.0), 1000.0 * (threadCpuSeconds() - cpu0) / drawn, parts};
}
// Opening the first bundled lesson and pressing Reveal, to a running animation: the
// lesson's models ship with it, so nothing trains (docs/lessons.md, instant start).
double lessonToAnimationSeconds(MainWindow& w) {
    auto* director = w.findChild<LessonDirector*>();
    if (!director) return -1;
    bool playing = false;
    auto conn = QObject::connect(w.sampleView()->timeline(), &Timeline::playingChanged,
                                 [&](bool on) { playing = playing || on; });
    QElapsedTimer t;
    t.start();
    if (!director->open(io::bundledLessons().front()).isEmpty()) return -1;
    director->reveal();
    const bool started = waitFor([&] { return playing; }, 60000);
    const double seconds = started ? t.elapsed() / 1000.0 : -1.0;
    QObject::disconnect(conn);
    w.sampleView()->timeline()->pause();
    waitFor([&] { return w.sampleView()->settled(); }, 120000);
    return seconds;
}

// Space to animation, the demo flow on the window's scenario, and the live W1 readout's rate.
void measureSpaceToAnimation(MainWindow& w, QJsonObject& out) {
    w.setAutoSample(true);
    bool playing = false;
    auto conn = QObject::connect(w.sampleView()->timeline(), &Timeline::playingChanged,
                                 [&](bool on) { playing = playing || on; });
    QElapsedTimer t;
    double trained = -1, firstSampled = -1;
    double guiCpuTraining = -1;
    const double cpuStart = threadCpuSeconds();
    auto c1 = QObject::connect(&w, &MainWindow::trainingFinished, [&] {
        trained = t.elapsed() / 1000.0;
        guiCpuTraining = threadCpuSeconds() - cpuStart;
    });
    auto c3 = QObject::connect(w.samplingController(), &SamplingController::modelSampled, [&] {
        if (firstSampled < 0) firstSampled = t.elapsed() / 1000.0;
    });
    // The W1 readout follows the animation: every frame's models, one frame after the other,
    // then every frame's floor (a second reading of the frame).
    std::vector<double> readingTimes, floorTimes;
    std::set<int> framesSeen;
    int readoutModels = 0, readoutN = 0;
    auto c4 = QObject::connect(w.samplingController(), &SamplingController::w1Measured,
                               [&](const W1FrameReading& r) {
                                   const double now = t.elapsed() / 1000.0;
                                   if (framesSeen.insert(r.frame).second)
                                       readingTimes.push_back(now);
                                   else
                                       floorTimes.push_back(now);
                                   readoutModels = int(r.models.size());
                                   readoutN = r.floor.n;
                               });
    t.start();
    w.togglePause();  // what Space does
    const bool started = waitFor([&] { return playing; }, 300000);
    out["space_to_animation_seconds"] = started ? t.elapsed() / 1000.0 : -1.0;
    // Where that time goes: training ends, then the first model's particles are in, then the
    // densities of p_t for every frame.
    out["space_to_training_done_seconds"] = trained;
    out["space_to_first_model_sampled_seconds"] = firstSampled;
    out["gui_cpu_seconds_while_training"] = guiCpuTraining;
    // Every frame measured while the animation plays: frames (all models) per second, leaving
    // out the first reading (the final frame, solved from scratch with its floor); then the
    // floors per second, on a first run (none kept from before).
    waitFor([&] { return w.sampleView()->settled(); }, 300000);
    auto rate = [](const std::vector<double>& times) {
        const double span = times.size() > 2 ? times.back() - times[1] : 0.0;
        return span > 0 ? double(times.size() - 2) / span : -1.0;
    };
    out[QString("live_w1_updates_per_s_%1_panels_%2_particles").arg(readoutModels).arg(readoutN)] =
        rate(readingTimes);
    out[QString("live_w1_floor_frames_per_s_n%1").arg(readoutN)] = rate(floorTimes);
    QObject::disconnect(conn);
    QObject::disconnect(c1);
    QObject::disconnect(c3);
    QObject::disconnect(c4);
    w.sampleView()->timeline()->pause();
}

// Frame rate at 2000 and 5000 particles, with a training run in the background.
void measureFrameRates(MainWindow& w, QJsonObject& out) {
    for (int particles : {2000, 5000}) {
        Scenario s = w.scenario();
        s.sampling.particles = particles;
        s.sampling.steps = 200;
        s.training.steps = 1000000;  // keeps the background run busy while frames are drawn
        w.setAutoSample(false);
        w.setScenario(s);
        w.train();
        waitFor([] { return false; }, 1500);  // let a few steps happen
        w.trainingController()->pause();
        bool sampled = false;
        auto c2 = QObject::connect(&w, &MainWindow::samplingFinished, [&] { sampled = true; });
        w.sample();
        waitFor([&] { return sampled && w.sampleView()->densitiesReady(); }, 300000);
        QObject::disconnect(c2);
        w.trainingController()->start();  // resume training in the background
        const FrameRate r = framesPerSecond(w.sampleView(), 5.0);
        out[QString("fps_3_panels_%1_particles_while_training").arg(particles)] = r.fps;
        out[QString("gui_cpu_ms_per_frame_3_panels_%1_particles").arg(particles)] =
            r.guiCpuMsPerFrame;
        out[QString("gui_cpu_breakdown_3_panels_%1_particles").arg(particles)] = r.breakdown;
        w.trainingController()->reset();
    }
}
}  // namespace

QJsonObject runUiBench(MainWindow& w) {
    QJsonObject out;
    measureSpaceToAnimation(w, out);
    measureFrameRates(w, out);
    // A lesson, from opening it to its animation.
    out["lesson_to_animation_seconds"] = lessonToAnimationSeconds(w);
    return out;
}

}  // namespace symscore::ui
