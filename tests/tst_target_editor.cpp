// The symmetry made visible (docs/lessons.md): the target plot shades a
// fundamental domain of G, hovering a point rings its whole orbit in every plot of the plane,
// dragging a component's mean moves its whole orbit (the dock's table follows), clicking adds
// a component with its orbit, and every edit keeps the target exactly G-invariant and goes
// through the dock's path (asking before discarding models).
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "core/io/lesson_file.hpp"
#include "core/io/presets.hpp"
#include "tests/time_budget.hpp"
#include "ui/app/confirm.hpp"
#include "ui/app/lesson_director.hpp"
#include "ui/app/main_window.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/scenario/component_table.hpp"
#include "ui/scenario/scenario_panel.hpp"
#include "ui/views/target_editor.hpp"

using namespace symscore;

namespace {
QPoint pixelOf(ui::DensityPlot* plot, const Vec2& x) {
    return {int(std::lround(plot->xAxis->coordToPixel(x.x()))),
            int(std::lround(plot->yAxis->coordToPixel(x.y())))};
}

Vec2 planeOf(ui::DensityPlot* plot, QPoint p) {
    return {plot->xAxis->pixelToCoord(p.x()), plot->yAxis->pixelToCoord(p.y())};
}

void mouse(QWidget* w, QEvent::Type type, QPoint at, Qt::MouseButtons buttons) {
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, QPointF(at), w->mapToGlobal(QPointF(at)), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

// score(A_g x) = A_g score(x) for every g at scattered points: the target is G-invariant.
double invarianceDefect(const Scenario& s) {
    const Mixture target = s.makeTarget();
    const Group g = s.makeGroup();
    double worst = 0;
    Rng rng(3);
    for (int i = 0; i < 40; ++i) {
        const Vec2 x(2 * rng.normal(), 2 * rng.normal());
        for (const Mat2& a : g.elements())
            worst = std::max(worst, (target.score(a * x) - a * target.score(x)).norm());
    }
    return worst;
}

struct Shown {
    ui::MainWindow w;
    explicit Shown(const Scenario& s) {
        QSignalSpy ready(&w, &ui::MainWindow::targetReady);
        w.resize(1280, 720);
        w.setScenario(s);
        w.show();
        if (ready.isEmpty()) (void)ready.wait(timeBudgetMs(10000));
        w.targetPlot()->replot();  // axes laid out: pixels and plane agree
    }
    ui::DensityPlot* plot() { return w.targetPlot(); }
};
}  // namespace

class TestTargetEditor : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void init() {
        ui::setAnswerer([](const ui::Question&) { return true; });
    }
    void cleanup() { ui::setAnswerer({}); }

    void fundamentalDomainIsShaded() {
        Shown d4(io::loadPreset("D4: eight Gaussians"));  // base mean (2, 0.8): 21.8 degrees
        const Wedge w = d4.plot()->fundamentalDomain();
        QCOMPARE(w.startDeg, 0.0);  // between the mirrors at 0 and 45 degrees
        QCOMPARE(w.spanDeg, 45.0);
        Scenario c6 = io::defaultScenario();
        c6.group = GroupSpec{GroupType::Cyclic, 6, 0.0};
        d4.w.setScenario(c6);
        QCOMPARE(d4.plot()->fundamentalDomain().spanDeg, 60.0);
        QVERIFY(d4.plot()->fundamentalDomain().contains(c6.mixture.components[0].mean));
        c6.group = GroupSpec{GroupType::Reflection, 1, 30.0};
        d4.w.setScenario(c6);
        QCOMPARE(d4.plot()->fundamentalDomain().spanDeg, 180.0);
    }

    void hoverRingsTheOrbitInEveryPlot() {
        Shown d4(io::loadPreset("D4: eight Gaussians"));
        ui::DensityPlot* plot = d4.plot();
        const QPoint at = pixelOf(plot, Vec2(1.3, 0.4));
        mouse(plot, QEvent::MouseMove, at, Qt::NoButton);
        const Vec2 x = planeOf(plot, at);
        const std::vector<Vec2> expected = d4.w.scenario().makeGroup().orbit(x);
        QCOMPARE(int(expected.size()), 8);
        const auto plots = d4.w.findChildren<ui::DensityPlot*>();
        QVERIFY(plots.size() >= 2);  // the target and the Score field's panels at least
        for (ui::DensityPlot* p : plots) {
            QCOMPARE(p->cloudSize("orbit"), 8);
            const std::vector<Vec2>& ring = p->orbitHighlight();
            for (std::size_t k = 0; k < expected.size(); ++k)
                QVERIFY((ring[k] - expected[k]).norm() < 1e-12);
        }
        // The images are where the group puts them: (y, x) is the mirror image in the
        // diagonal, (-x, -y) the half turn.
        auto has = [&](const Vec2& y) {
            return std::any_of(expected.begin(), expected.end(),
                               [&](const Vec2& z) { return (z - y).norm() < 1e-12; });
        };
        QVERIFY(has(Vec2(x.y(), x.x())) && has(-x) && has(Vec2(-x.y(), x.x())));
        // SYMSCORE_TARGET_SHOT=FILE keeps a picture of the ringed orbit (to look at).
        if (const QString shot = qEnvironmentVariable("SYMSCORE_TARGET_SHOT"); !shot.isEmpty()) {
            plot->replot();
            d4.w.grab().save(shot);
        }
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(plot, &leave);
        for (ui::DensityPlot* p : plots) QCOMPARE(p->cloudSize("orbit"), 0);
    }

    void draggingAMeanMovesItsOrbitAndTheTable() {
        Shown d4(io::loadPreset("D4: eight Gaussians"));
        ui::DensityPlot* plot = d4.plot();
        const Group g = d4.w.scenario().makeGroup();
        // Take the image of the base mean under the quarter turn, (-0.8, 2).
        const Vec2 image = g.element(1) * d4.w.scenario().mixture.components[0].mean;
        const QPoint from = pixelOf(plot, image);
        const QPoint to = pixelOf(plot, Vec2(-0.5, 1.5));
        const Vec2 dropped = planeOf(plot, to);  // the view holds still during a drag
        mouse(plot, QEvent::MouseButtonPress, from, Qt::LeftButton);
        mouse(plot, QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
        mouse(plot, QEvent::MouseMove, to, Qt::LeftButton);
        mouse(plot, QEvent::MouseButtonRelease, to, Qt::NoButton);
        const Scenario s = d4.w.scenario();
        // The base mean moved so that its quarter-turn image is under the pointer.
        const Vec2 base = s.mixture.components[0].mean;
        QVERIFY((g.element(1) * base - dropped).norm() < 1e-12);
        QVERIFY((base - Vec2(1.5, 0.5)).norm() < 0.05);
        QCOMPARE(s.makeTarget().size(), 8);
        QVERIFY(invarianceDefect(s) < 1e-12);
        // The dock's table shows the new mean.
        auto* table = d4.w.scenarioPanel()->findChild<QTableView*>("componentTable");
        QVERIFY(table);
        const auto* model = table->model();
        QVERIFY(std::abs(model->index(0, ui::ComponentModel::MeanX).data().toDouble() - base.x()) <
                0.01);
        QVERIFY(std::abs(model->index(0, ui::ComponentModel::MeanY).data().toDouble() - base.y()) <
                0.01);
        QCOMPARE(d4.w.scenarioPanel()->scenario().mixture.components[0].mean, base);
        QCOMPARE(plot->cloudSize("component means"), 8);
    }

    void clickingAddsAComponentWithItsOrbit() {
        Shown d4(io::loadPreset("D4: eight Gaussians"));
        ui::DensityPlot* plot = d4.plot();
        const QPoint at = pixelOf(plot, Vec2(0.9, 0.3));  // far from every mean
        const Vec2 clicked = planeOf(plot, at);
        mouse(plot, QEvent::MouseButtonPress, at, Qt::LeftButton);
        mouse(plot, QEvent::MouseButtonRelease, at, Qt::NoButton);
        const Scenario s = d4.w.scenario();
        QCOMPARE(int(s.mixture.components.size()), 2);
        QVERIFY((s.mixture.components[1].mean - clicked).norm() < 1e-12);
        QCOMPARE(s.makeTarget().size(), 16);
        QVERIFY(invarianceDefect(s) < 1e-12);
        QCOMPARE(plot->cloudSize("component means"), 16);
        auto* table = d4.w.scenarioPanel()->findChild<QTableView*>("componentTable");
        QCOMPARE(table->model()->rowCount(), 2);
    }

    // The same path as the dock: with trained models, an edit asks first; keeping the
    // models leaves the scenario as it was and ends the drag.
    void anEditAsksBeforeDiscardingModels() {
        ui::MainWindow w;
        w.resize(1280, 720);
        w.show();
        QCOMPARE(w.findChild<ui::LessonDirector*>()->open(io::bundledLessons().front()), QString());
        QVERIFY(!w.comparison()->empty());
        w.targetPlot()->replot();
        int asked = 0;
        ui::setAnswerer([&](const ui::Question&) { return ++asked, false; });
        const Scenario before = w.scenario();
        const Vec2 mean = before.mixture.components[0].mean;
        const QPoint from = pixelOf(w.targetPlot(), mean);
        mouse(w.targetPlot(), QEvent::MouseButtonPress, from, Qt::LeftButton);
        mouse(w.targetPlot(), QEvent::MouseMove, from + QPoint(20, 0), Qt::LeftButton);
        mouse(w.targetPlot(), QEvent::MouseMove, from + QPoint(40, 0), Qt::LeftButton);
        mouse(w.targetPlot(), QEvent::MouseButtonRelease, from + QPoint(40, 0), Qt::NoButton);
        QCOMPARE(asked, 1);
        QCOMPARE(w.scenario().mixture.components[0].mean, mean);
        QVERIFY(!w.comparison()->empty());
    }

    void pureEditsKeepTheOrbit() {
        // Without the orbit, a component is its own image: only it moves.
        Scenario s = io::loadPreset("D4: eight Gaussians");
        s.mixture.orbit = false;
        const auto hit = ui::nearestMeanImage(s, Vec2(2.0, 0.85), 0.1);
        QVERIFY(hit && hit->component == 0 && hit->element == 0);
        QVERIFY(!ui::nearestMeanImage(s, Vec2(0.8, 2.0), 0.1));  // no image there without it
        s.mixture.orbit = true;
        const auto image = ui::nearestMeanImage(s, Vec2(0.8, 2.0), 0.1);
        QVERIFY(image);
        const Scenario moved = ui::withMeanImageAt(s, *image, Vec2(0.5, 2.5));
        QVERIFY((s.makeGroup().element(image->element) * moved.mixture.components[0].mean -
                 Vec2(0.5, 2.5))
                    .norm() < 1e-12);
    }
};

QTEST_MAIN(TestTargetEditor)
#include "tst_target_editor.moc"
