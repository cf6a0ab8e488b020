// The pictures symscore-cli writes (ui/figures, Qt Gui only): the requested size, not blank,
// each model in its own colour where it belongs, the same pixels for the same input, and the
// axis ticks they are read by.
#include <QGuiApplication>
#include <QtTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include "core/density_grid.hpp"
#include "core/io/scenario_json.hpp"
#include "core/random.hpp"
#include "ui/figures/colors.hpp"
#include "ui/figures/figure_axes.hpp"
#include "ui/figures/result_figure.hpp"
#include "ui/figures/sweep_figure.hpp"

using namespace symscore;

namespace {

// Pixels of exactly `color` in the columns [x0, x1) of the image.
int pixelsOf(const QImage& image, const QColor& color, int x0 = 0, int x1 = -1) {
    if (x1 < 0) x1 = image.width();
    const QRgb want = color.rgb();
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = x0; x < x1; ++x) n += image.pixel(x, y) == want ? 1 : 0;
    return n;
}

// Pixels within `tolerance` of `color` in every channel (antialiased lines may fall between
// pixel rows and have no pixel of exactly their colour).
int pixelsNear(const QImage& image, const QColor& color, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor p = image.pixelColor(x, y);
            n += std::abs(p.red() - color.red()) <= tolerance &&
                         std::abs(p.green() - color.green()) <= tolerance &&
                         std::abs(p.blue() - color.blue()) <= tolerance
                     ? 1
                     : 0;
        }
    return n;
}

int distinctColors(const QImage& image) {
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) seen.insert(image.pixel(x, y));
    return int(seen.size());
}

QString preset(const char* file) {
    return QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/" + file;
}

// A run as symscore-cli run would report it, with samples drawn from the target itself.
RunOutcome fakeRun(const Scenario& scenario, int models) {
    RunOutcome out;
    Rng rng(5);
    const Mixture target = scenario.makeTarget();
    out.trainingSet = target.sample(64, rng);
    out.n = 800;
    out.w1Floor = 0.1;
    for (int i = 0; i < models; ++i) {
        ModelOutcome m;
        m.name = "model " + std::to_string(i);
        m.samples = target.sample(800, rng);
        m.w1 = 0.2 + 0.1 * i;
        out.models.push_back(m);
    }
    return out;
}

SweepSummary fakeSweep(const std::vector<std::string>& models) {
    std::vector<SweepRow> rows;
    int run = 0;
    for (int n : {8, 32, 128, 512})
        for (int seed = 0; seed < 3; ++seed)
            for (std::size_t k = 0; k < models.size(); ++k)
                rows.push_back({run++, models[k], n, seed,
                                (0.15 + 0.5 * (k + 1) / std::sqrt(double(n))) * (1 + 0.05 * seed),
                                0.1, 1.0, 0.12, "ok"});
    return summarizeSweep(rows, models);
}

// CIELAB (D65) of an sRGB colour, for colour differences as the eye sees them.
std::array<double, 3> toLab(const QColor& c) {
    auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double r = linear(c.redF()), g = linear(c.greenF()), b = linear(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

// CIE76 colour difference: about 2.3 is just noticeable, above 20 clearly different colours.
double deltaE(const QColor& a, const QColor& b) {
    const auto p = toLab(a), q = toLab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

// The colour as seen with a colour-vision deficiency (Machado, Oliveira & Fernandes 2009,
// severity 1), applied in linear RGB.
QColor simulate(const QColor& c, const std::array<double, 9>& m) {
    auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    auto encode = [](double v) {
        v = std::clamp(v, 0.0, 1.0);
        return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
    };
    const double r = linear(c.redF()), g = linear(c.greenF()), b = linear(c.blueF());
    return QColor::fromRgbF(float(encode(m[0] * r + m[1] * g + m[2] * b)),
                            float(encode(m[3] * r + m[4] * g + m[5] * b)),
                            float(encode(m[6] * r + m[7] * g + m[8] * b)));
}

}  // namespace

class TestFigures : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // One panel for the target and one per model, each model's samples in its colour inside
    // its own panel, and the density's bright end in the target panel.
    void resultFigureShowsEveryModelInItsPanel() {
        const Scenario scenario = io::loadScenario(preset("d4_eight_gaussians.symscore.json"));
        const RunOutcome run = fakeRun(scenario, 3);
        const QImage image = ui::renderResult(scenario, run, QSize(1200, 330));
        QCOMPARE(image.size(), QSize(1200, 330));
        QVERIFY(distinctColors(image) > 100);  // a density, not a flat fill
        const int panel = 1200 / 4;
        for (int i = 0; i < 3; ++i) {
            const QColor c = ui::modelColor(i);
            const int inside = pixelsOf(image, c, (i + 1) * panel, (i + 2) * panel);
            QVERIFY2(inside > 50, qPrintable(QString("model %1: %2 pixels").arg(i).arg(inside)));
            QCOMPARE(pixelsOf(image, c, 0, panel), 0);  // not in the target's panel
        }
        QVERIFY(pixelsOf(image, Qt::white, 0, panel) > 50);  // the training set
        // The density's peaks: the last stop of the colour map, nearly.
        QVERIFY(pixelsNear(image.copy(0, 0, panel, image.height()), ui::densityStops().back(), 16) >
                20);
        QCOMPARE(ui::renderResult(scenario, run, QSize(1200, 330)), image);
    }

    // Without a size, panels of about 420 x 440 in a grid; more than four go on rows.
    void resultFigureDefaultSizeGrowsWithTheModels() {
        const Scenario scenario = io::loadScenario(preset("c4_four_gaussians.symscore.json"));
        QCOMPARE(ui::renderResult(scenario, fakeRun(scenario, 2)).size(), QSize(3 * 420, 440));
        QCOMPARE(ui::renderResult(scenario, fakeRun(scenario, 5)).size(), QSize(3 * 420, 2 * 440));
    }

    // A diverged model's NaN samples are left out, not drawn at a corner or a crash.
    void resultFigureSkipsNonFiniteSamples() {
        const Scenario scenario = io::loadScenario(preset("c4_four_gaussians.symscore.json"));
        RunOutcome run = fakeRun(scenario, 1);
        run.models[0].samples.setConstant(std::numeric_limits<double>::quiet_NaN());
        run.models[0].w1 = std::numeric_limits<double>::quiet_NaN();
        const QImage image = ui::renderResult(scenario, run, QSize(600, 300));
        QCOMPARE(image.size(), QSize(600, 300));
        QCOMPARE(pixelsOf(image, ui::modelColor(0)), 0);
    }

    void sweepFigureShowsEveryModelAndTheFloor() {
        const std::vector<std::string> models{"plain", "augmented", "equivariant", "invariant"};
        const SweepSummary summary = fakeSweep(models);
        const QImage image = ui::renderSweep(summary, "a sweep", QSize(800, 500));
        QCOMPARE(image.size(), QSize(800, 500));
        QVERIFY(distinctColors(image) > 20);
        for (int i = 0; i < int(models.size()); ++i)
            QVERIFY2(pixelsOf(image, ui::modelColor(i)) > 100, models[std::size_t(i)].c_str());
        QVERIFY(pixelsNear(image, QColor(Qt::gray), 24) > 100);  // the noise floor's dashes
        QCOMPARE(ui::renderSweep(summary, "a sweep", QSize(800, 500)), image);
        QVERIFY(ui::renderSweep(summary, "another title", QSize(800, 500)) != image);
    }

    // Nothing finished yet (no rows, NaN floor), or only NaN W1: axes and a title, no crash.
    void sweepFigureOfNothingIsStillAPicture() {
        const QImage empty =
            ui::renderSweep(summarizeSweep({}, {"plain"}), "empty", QSize(640, 400));
        QCOMPARE(empty.size(), QSize(640, 400));
        QVERIFY(distinctColors(empty) > 2);
        SweepRow blown{
            0,   "plain",          8, 0, std::numeric_limits<double>::quiet_NaN(), 0.1, {},
            0.1, "sampler_blew_up"};
        const QImage nan =
            ui::renderSweep(summarizeSweep({blown}, {"plain"}), "nan", QSize(640, 400));
        QCOMPARE(pixelsOf(nan, ui::modelColor(0), 0, 400), 0);  // left of the legend
    }

    void linearTicksAreRoundNumbers() {
        const auto ticks = ui::figure::linearTicks(-3.2, 3.2, 5);
        QStringList labels;
        for (const auto& t : ticks) labels << t.label;
        QCOMPARE(labels, QStringList({"-2", "0", "2"}));
        const auto fine = ui::figure::linearTicks(0.0, 1.0, 5);
        QCOMPARE(int(fine.size()), 6);
        QCOMPARE(fine[3].label, QString("0.6"));
        QVERIFY(ui::figure::linearTicks(1.0, 1.0, 5).empty());
    }

    void logTicksLabelWhatCanBeRead() {
        auto labels = [](double lo, double hi) {
            QStringList out;
            for (const auto& t : ui::figure::logTicks(lo, hi))
                if (!t.label.isEmpty()) out << t.label;
            return out;
        };
        QCOMPARE(labels(0.25, 1.1),
                 QStringList({"0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"}));
        QCOMPARE(labels(0.05, 3), QStringList({"0.05", "0.1", "0.2", "0.5", "1", "2"}));
        QCOMPARE(labels(0.5, 5000), QStringList({"1", "10", "100", "1000"}));
        QVERIFY(ui::figure::logTicks(0.0, 1.0).empty());
    }

    void colorsAreSharedAndStable() {
        QCOMPARE(ui::modelColor(0), QColor("#56b4e9"));
        QCOMPARE(ui::modelColor(8), ui::modelColor(0));
        QCOMPARE(ui::modelColor(-1), ui::modelColor(7));
        QCOMPARE(ui::densityColor(0.0), ui::densityStops().front());
        QCOMPARE(ui::densityColor(1.0), ui::densityStops().back());
        QCOMPARE(ui::densityColor(2.0), ui::densityStops().back());
        QCOMPARE(ui::densityColor(std::nan("")), ui::densityStops().front());
    }
    // Yellow models vanished on the density's yellow peaks, pinks and blues were hard
    // to tell apart. Each model colour stands off every density colour and the white of the
    // curve plots, and the first six stay apart for normal vision and the three common
    // colour-vision deficiencies.
    void modelColorsStandOutAndStayApart() {
        const std::array<double, 9> deutan{0.367322, 0.860646,  -0.227968, 0.280085, 0.672501,
                                           0.047413, -0.011820, 0.042940,  0.968881};
        const std::array<double, 9> protan{0.152286, 1.052583,  -0.204868, 0.114503, 0.786281,
                                           0.099216, -0.003882, -0.048116, 1.051998};
        const std::array<double, 9> tritan{1.255528, -0.076749, -0.178779, -0.078411, 0.930809,
                                           0.147602, 0.004733,  0.691367,  0.303900};
        const std::span<const QColor> stops = ui::densityStops();
        for (int i = 0; i < 8; ++i) {
            const QColor c = ui::modelColor(i);
            for (const QColor& s : stops)
                QVERIFY2(deltaE(c, s) > 25, qPrintable(c.name() + " near density " + s.name()));
            for (std::size_t k = stops.size() - 3; k < stops.size(); ++k)
                QVERIFY2(deltaE(c, stops[k]) > 40, qPrintable(c.name() + " near the peaks"));
            QVERIFY2(deltaE(c, Qt::white) > 30, qPrintable(c.name() + " near white"));
            for (int j = 0; j < i; ++j) {
                const QColor d = ui::modelColor(j);
                QVERIFY2(deltaE(c, d) > 25, qPrintable(c.name() + " near " + d.name()));
                if (i >= 6) continue;
                for (const auto& m : {deutan, protan, tritan})
                    QVERIFY2(deltaE(simulate(c, m), simulate(d, m)) > 20,
                             qPrintable(c.name() + " near " + d.name() + " (deficiency)"));
            }
        }
    }
};

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
