#include "ui/ui_bench.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include "ui/density_plot.hpp"
#include "ui/main_window.hpp"
#include "ui/sample_view.hpp"
#include "ui/timeline.hpp"

namespace symscore::ui {

namespace {
// Waits until pred() holds, processing events; false on timeout.
template <class Pred>
bool waitFor(Pred pred, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// Draws frames as fast as possible (each panel fully repainted) for `seconds`.
double framesPerSecond(SampleView* view, double seconds) {
    const int frames = view->timeline()->frames();
    if (frames < 2) return 0;
    QElapsedTimer t;
    t.start();
    int drawn = 0;
    while (t.elapsed() < seconds * 1000) {
        view->timeline()->setFrame(drawn % frames);
        for (int i = 0; i < view->panelCount(); ++i) view->panel(i)->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        ++drawn;
    }
    return drawn / (t.elapsed() / 1000.0);
}
}  // namespace

QJsonObject runUiBench(MainWindow& w) {
    QJsonObject out;
    // 1. Space to animation, the demo flow on the window's scenario.
    w.setAutoSample(true);
    bool playing = false;
    auto conn = QObject::connect(w.sampleView()->timeline(), &Timeline::playingChanged,
                                 [&](bool on) { playing = playing || on; });
    QElapsedTimer t;
    t.start();
    w.togglePause();  // what Space does
    const bool started = waitFor([&] { return playing; }, 300000);
    out["space_to_animation_seconds"] = started ? t.elapsed() / 1000.0 : -1.0;
    QObject::disconnect(conn);
    w.sampleView()->timeline()->pause();

    // 2. Frame rate at 2000 and 5000 particles, with a training run in the background.
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
        out[QString("fps_3_panels_%1_particles_while_training").arg(particles)] =
            framesPerSecond(w.sampleView(), 5.0);
        w.trainingController()->reset();
    }
    return out;
}

}  // namespace symscore::ui
