// The W1 readout (core/w1_readout): warm-started exact solves equal solves from scratch; the
// reference is a sample of p_t (the target at the last frame); a frame's reading is the same
// whatever was measured before it and equals a direct computation; non-finite or diverged
// particles give a reason, never an exception; the floor has a mean and a spread.
#include <QtTest>
#include <cmath>

#include "core/assignment.hpp"
#include "core/io/presets.hpp"
#include "core/w1_readout.hpp"
#include "core/wasserstein.hpp"

using namespace symscore;

namespace {
Points cloud(int n, std::uint64_t seed, double shift = 0.0) {
    Rng rng(seed);
    Points p(n, 2);
    for (int i = 0; i < n; ++i) {
        p(i, 0) = shift + rng.normal();
        p(i, 1) = 0.5 * rng.normal();
    }
    return p;
}

// Particles that drift towards the target over `frames` frames, as an animation's do.
std::vector<Points> drifting(const Points& from, const Points& to, int frames) {
    std::vector<Points> out;
    for (int f = 0; f < frames; ++f) {
        const double s = double(f) / (frames - 1);
        out.push_back((1 - s) * from + s * to);
    }
    return out;
}
}  // namespace

class TestW1Readout : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void warmStartedEqualsFromScratch() {
        const int n = 400;
        const auto xs = drifting(cloud(n, 1, 3.0), cloud(n, 2), 12);
        const auto ys = drifting(cloud(n, 3, -1.0), cloud(n, 4), 12);
        AuctionStart start;
        for (std::size_t f = 0; f < xs.size(); ++f) {
            const double warm = euclideanAssignmentFrom(xs[f], ys[f], start).cost;
            const double cold = euclideanAssignment(xs[f], ys[f]).cost;
            QVERIFY2(std::abs(warm - cold) <= 1e-9 * cold,
                     qPrintable(QString("frame %1: %2 vs %3").arg(f).arg(warm).arg(cold)));
        }
        // A start of another size is not used (a cold start instead).
        start.duals.assign(7, 0.0);
        start.rowToCol.assign(7, 0);
        QCOMPARE(euclideanAssignmentFrom(xs[0], ys[0], start).cost,
                 euclideanAssignment(xs[0], ys[0]).cost);
    }

    void referenceIsASampleOfPt() {
        const Scenario s = io::defaultScenario();
        const Process process = s.makeProcess();
        const W1Reference ref(s.makeTarget(), process, 3000, 7);
        const Points target = ref.at(0, 0.0, true);
        const double t = 0.5 * process.T();
        const Points pt = ref.at(0, t, false);
        QCOMPARE(pt.rows(), Eigen::Index(3000));
        // The second moment of p_t: alpha^2 E|x0|^2 + 2 sigma^2 (the target is centred under C4).
        const double a = process.alpha(t), sg = process.sigma(t);
        const double m0 = target.rowwise().squaredNorm().mean();
        const double mt = pt.rowwise().squaredNorm().mean();
        QVERIFY2(std::abs(mt - (a * a * m0 + 2 * sg * sg)) < 0.1 * mt,
                 qPrintable(QString("%1 vs %2").arg(mt).arg(a * a * m0 + 2 * sg * sg)));
        // Continuous in t: the next frame's reference is close to this one's.
        const Points next = ref.at(0, t * 0.98, false);
        QVERIFY((next - pt).rowwise().norm().maxCoeff() < 0.2);
        // The samples are different draws (the floor's pairs are independent of the reference).
        QVERIFY((ref.at(1, t, false) - pt).norm() > 1.0);
    }

    void aFramesReadingIsThatFrames() {
        const Scenario s = io::defaultScenario();
        const Process process = s.makeProcess();
        const int n = 300;
        const auto clouds = drifting(cloud(n, 11, 4.0), cloud(n, 12), 8);
        const std::vector<double> times = {1.0, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1, 0.01};
        W1Readout inOrder(W1Reference(s.makeTarget(), process, n, 5), 1);
        std::vector<W1FrameReading> readings;
        for (int f = 0; f < 8; ++f)
            readings.push_back(
                inOrder.measure(f, times[std::size_t(f)], f == 7, {clouds[std::size_t(f)]}));
        // Back and forth, and a fresh readout on one frame alone: the same numbers.
        for (int f : {5, 2, 7, 0}) {
            W1Readout alone(W1Reference(s.makeTarget(), process, n, 5), 1);
            const W1FrameReading r =
                alone.measure(f, times[std::size_t(f)], f == 7, {clouds[std::size_t(f)]});
            const W1FrameReading again =
                inOrder.measure(f, times[std::size_t(f)], f == 7, {clouds[std::size_t(f)]});
            QVERIFY(std::abs(r.models[0].w1 - readings[std::size_t(f)].models[0].w1) < 1e-9);
            QVERIFY(std::abs(again.models[0].w1 - readings[std::size_t(f)].models[0].w1) < 1e-9);
            QVERIFY(std::abs(r.floor.mean - readings[std::size_t(f)].floor.mean) < 1e-9);
            // A direct computation against the same reference.
            const Points ref = alone.reference().at(0, times[std::size_t(f)], f == 7);
            QVERIFY(std::abs(w1Exact(clouds[std::size_t(f)], ref) - r.models[0].w1) < 1e-9);
        }
        const FloorStats& floor = readings[7].floor;
        QCOMPARE(floor.n, n);
        QCOMPARE(floor.pairs, 4);
        QVERIFY(floor.mean > 0 && floor.spread > 0 && floor.spread < floor.mean);
    }

    void brokenParticlesGiveAReason() {
        const Scenario s = io::defaultScenario();
        W1Readout readout(W1Reference(s.makeTarget(), s.makeProcess(), 100, 3), 4);
        Points nan = cloud(100, 1);
        nan(17, 1) = std::numeric_limits<double>::quiet_NaN();
        Points far = cloud(100, 2);
        far(3, 0) = 1e297;
        const W1FrameReading r =
            readout.measure(0, 0.5, false, {cloud(100, 3), nan, far, Points()});
        QVERIFY(r.models[0].ok() && std::isfinite(r.models[0].w1));
        QVERIFY(!r.models[1].ok() && std::isnan(r.models[1].w1));
        QVERIFY(QString::fromStdString(r.models[1].problem).contains("blew up"));
        QVERIFY(!r.models[2].ok() &&
                QString::fromStdString(r.models[2].problem).contains("diverged"));
        QVERIFY(!r.models[3].ok());
        QVERIFY(std::isfinite(r.floor.mean));
    }

    void scenarioReferenceFollowsTheScenario() {
        Scenario s = io::defaultScenario();
        s.metrics.w1_points = 500;
        QCOMPARE(scenarioReference(s).n(), 500);
        QCOMPARE(scenarioReference(s, 200).n(), 200);
        // The same scenario, the same points, and the same identity (the key under which the
        // app keeps floors from one run to the next); another seed or n, another identity.
        QCOMPARE(scenarioReference(s).at(0, 0.3, false), scenarioReference(s).at(0, 0.3, false));
        QCOMPARE(scenarioReference(s).identity(), scenarioReference(s).identity());
        QVERIFY(scenarioReference(s, 200).identity() != scenarioReference(s).identity());
        Scenario other = s;
        other.sampling.seed += 1;
        QVERIFY(scenarioReference(other).identity() != scenarioReference(s).identity());
    }

    void modelsThenFloorIsOneReading() {
        // The app's two passes (models, then floor) give the reading of one measure().
        const Scenario s = io::defaultScenario();
        const int n = 250;
        const auto clouds = drifting(cloud(n, 21, 2.0), cloud(n, 22), 4);
        const std::vector<double> times = {0.9, 0.5, 0.2, 0.05};
        W1Readout whole(W1Reference(s.makeTarget(), s.makeProcess(), n, 9), 1);
        W1Readout halves(W1Reference(s.makeTarget(), s.makeProcess(), n, 9), 1);
        std::vector<W1FrameReading> split;
        for (int f = 0; f < 4; ++f) {
            split.push_back(
                halves.measureModels(f, times[std::size_t(f)], false, {clouds[std::size_t(f)]}));
            QVERIFY(!split.back().floor.measured());
            QCOMPARE(split.back().floor.n, n);
        }
        for (int f = 0; f < 4; ++f) {
            const double t = times[std::size_t(f)];
            const W1FrameReading r = whole.measure(f, t, false, {clouds[std::size_t(f)]});
            const FloorStats floor = halves.measureFloor(t, false);
            QVERIFY(floor.measured());
            QVERIFY(std::abs(r.models[0].w1 - split[std::size_t(f)].models[0].w1) < 1e-9);
            QVERIFY(std::abs(r.floor.mean - floor.mean) < 1e-9);
            QVERIFY(std::abs(r.floor.spread - floor.spread) < 1e-9);
        }
    }
};

QTEST_GUILESS_MAIN(TestW1Readout)
#include "tst_w1_readout.moc"
