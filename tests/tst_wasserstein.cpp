// Exact W1: brute force over permutations, POT's network simplex, symmetry, identity,
// translation, ties and duplicated points, bad input; the sliced monitor; the noise floor;
// and `symscore-cli w1` with its error paths.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/assignment.hpp"
#include "core/io/points_csv.hpp"
#include "core/scenario.hpp"
#include "core/wasserstein.hpp"
#include "tests/time_budget.hpp"

using namespace symscore;

namespace {

Points gaussianCloud(int n, Rng& rng, Vec2 shift = Vec2::Zero(), double scale = 1.0) {
    Points p(n, 2);
    for (int i = 0; i < n; ++i) {
        p(i, 0) = shift.x() + scale * rng.normal();
        p(i, 1) = shift.y() + scale * rng.normal();
    }
    return p;
}

double bruteForceW1(const Points& a, const Points& b) {
    std::vector<int> perm(std::size_t(a.rows()));
    std::iota(perm.begin(), perm.end(), 0);
    double best = INFINITY;
    do {
        double s = 0.0;
        for (Eigen::Index i = 0; i < a.rows(); ++i)
            s += (a.row(i) - b.row(perm[std::size_t(i)])).norm();
        best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));
    return best / double(a.rows());
}

// POT's exact W1 (ot.emd2), an independent solver; scripts/setup.sh installs POT for the tests.
QString potReference() { return QString(SYMSCORE_SOURCE_DIR) + "/tests/references/pot_w1.py"; }

bool havePot() {
    QProcess p;
    p.start("/usr/bin/python3", {"-c", "import ot, scipy"});
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit &&
           p.exitCode() == 0 && QFile::exists(potReference());
}

struct Run {
    int code;
    QByteArray out, err;
};
Run cli(const QStringList& args) {
    QProcess p;
    p.start(SYMSCORE_CLI, args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestWasserstein : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void bruteForceSmall() {
        Rng rng(3);
        for (int n = 1; n <= 8; ++n)
            for (int rep = 0; rep < 3; ++rep) {
                const Points a = gaussianCloud(n, rng), b = gaussianCloud(n, rng, Vec2(0.3, 0));
                const double brute = bruteForceW1(a, b);
                QVERIFY2(std::abs(w1Exact(a, b) - brute) <= 1e-12 * (1 + brute),
                         qPrintable(QString("n = %1").arg(n)));
            }
    }

    void denseMatrixBruteForce() {
        // The general solver on arbitrary (also negative, also tied) costs.
        Rng rng(4);
        for (int n = 2; n <= 7; ++n) {
            CostMatrix c(n, n);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) c(i, j) = std::round(4 * rng.normal());  // many ties
            std::vector<int> perm(static_cast<std::size_t>(n));
            std::iota(perm.begin(), perm.end(), 0);
            double best = INFINITY;
            do {
                double s = 0;
                for (int i = 0; i < n; ++i) s += c(i, perm[std::size_t(i)]);
                best = std::min(best, s);
            } while (std::next_permutation(perm.begin(), perm.end()));
            const Assignment a = solveAssignment(c);
            QCOMPARE(a.cost, best);
            std::vector<int> sorted = a.rowToCol;
            std::sort(sorted.begin(), sorted.end());
            for (int j = 0; j < n; ++j) QCOMPARE(sorted[std::size_t(j)], j);  // a permutation
        }
    }

    void warmStartGivesSameOptimum() {
        // The auction only warm-starts the exact solver: same optimal cost as a cold start.
        Rng rng(5);
        for (int n : {64, 150, 400}) {
            const Points a = gaussianCloud(n, rng), b = gaussianCloud(n, rng, Vec2(0.5, 0.5));
            const double warm = euclideanAssignment(a, b, true).cost;
            const double cold = euclideanAssignment(a, b, false).cost;
            QVERIFY(std::abs(warm - cold) <= 1e-12 * cold);
        }
    }

    void matchesPot() {
        if (!havePot())
            QSKIP("python3-pot or python3-scipy is not installed (scripts/test.sh installs them)");
        QTemporaryDir dir;
        Rng rng(6);
        for (int n : {200, 500}) {
            const Points a = gaussianCloud(n, rng), b = gaussianCloud(n, rng, Vec2(0.5, 0.5), 1.3);
            const QString fa = dir.filePath(QString("a%1.csv").arg(n));
            const QString fb = dir.filePath(QString("b%1.csv").arg(n));
            io::writePointsCsv(fa, a);
            io::writePointsCsv(fb, b);
            QProcess p;
            p.start("/usr/bin/python3", {potReference(), fa, fb});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            bool ok = false;
            const double pot = p.readAllStandardOutput().trimmed().toDouble(&ok);
            QVERIFY(ok);
            // The reference prints 17 digits: the 1e-9 is the solvers' agreement, not rounding.
            const double ours = w1Exact(a, b);
            QVERIFY2(std::abs(ours - pot) <= 1e-9 * pot, qPrintable(QString("n=%1 ours %2 pot %3")
                                                                        .arg(n)
                                                                        .arg(ours, 0, 'g', 15)
                                                                        .arg(pot, 0, 'g', 15)));
        }
    }

    void symmetricIdentityTranslation() {
        Rng rng(7);
        const Points a = gaussianCloud(300, rng), b = gaussianCloud(300, rng, Vec2(1, -0.5));
        QVERIFY(std::abs(w1Exact(a, b) - w1Exact(b, a)) <= 1e-12 * w1Exact(a, b));
        QCOMPARE(w1Exact(a, a), 0.0);
        // A shuffled copy is the same measure.
        Points shuffled = a;
        for (Eigen::Index i = shuffled.rows() - 1; i > 0; --i)
            shuffled.row(i).swap(shuffled.row(Eigen::Index(rng.below(std::uint64_t(i + 1)))));
        QVERIFY(w1Exact(a, shuffled) <= 1e-12);
        // W1(mu, mu + v) = |v| (the 1-Lipschitz witness f(x) = <x, v/|v|> attains it).
        const Vec2 v(0.3, 0.4);
        const Points moved = a.rowwise() + v.transpose();
        QVERIFY(std::abs(w1Exact(a, moved) - 0.5) <= 1e-12);
    }

    void tiesAndDuplicates() {
        // A lattice and its translate by one lattice step: every point has four equally near
        // neighbours. W1 = 1.
        Points grid(400, 2);
        for (int i = 0; i < 400; ++i) grid.row(i) << i % 20, i / 20;
        const Points step = grid.rowwise() + Eigen::RowVector2d(1, 0);
        QVERIFY(std::abs(w1Exact(grid, step) - 1.0) <= 1e-12);
        // Heavily duplicated points: half at (0,0), half at (1,0), against all at (0.5, 0).
        Points halves(200, 2), middle(200, 2);
        for (int i = 0; i < 200; ++i) {
            halves.row(i) << (i % 2), 0.0;
            middle.row(i) << 0.5, 0.0;
        }
        QVERIFY(std::abs(w1Exact(halves, middle) - 0.5) <= 1e-12);
        // Few distinct locations on both sides, warm against cold start.
        Rng rng(8);
        Points a(300, 2), b(300, 2);
        for (int i = 0; i < 300; ++i) {
            a.row(i) << double(rng.below(4)), double(rng.below(3));
            b.row(i) << double(rng.below(3)) + 0.5, double(rng.below(4));
        }
        const double warm = euclideanAssignment(a, b, true).cost;
        const double cold = euclideanAssignment(a, b, false).cost;
        QVERIFY(std::abs(warm - cold) <= 1e-12 * cold);
        // Small enough for brute force, with duplicates.
        Points s(6, 2), t(6, 2);
        s << 0, 0, 0, 0, 1, 0, 1, 0, 2, 2, 2, 2;
        t << 1, 1, 1, 1, 1, 1, 0, 2, 0, 2, 3, 0;
        QVERIFY(std::abs(w1Exact(s, t) - bruteForceW1(s, t)) <= 1e-12);
    }

    void refusesBadClouds() {
        Points a = Points::Zero(5, 2), b = Points::Zero(6, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Exact(a, b));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Sliced(a, b));
        Points c = Points::Zero(5, 2);
        c(2, 1) = NAN;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Exact(a, c));
        c(2, 1) = INFINITY;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Exact(c, a));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Exact(Points(0, 2), Points(0, 2)));
        try {
            w1Exact(a, b);
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("5 and 6"));
        }
    }

    void hugeAndTinyCoordinatesAreMeasured() {
        // W1 is positively homogeneous: any finite clouds are measured, at a power-of-two
        // scale where squared distances neither overflow nor underflow (they crashed or gave
        // NaN above 1e154, and the float warm start above 1e19).
        Rng rng(12);
        const Points a = gaussianCloud(100, rng), b = gaussianCloud(100, rng, Vec2(1, 0));
        const double base = w1Exact(a, b), baseSliced = w1Sliced(a, b);
        for (double scale : {0x1p70, 0x1p500, 0x1p1000, 0x1p-70, 0x1p-1000}) {
            const Points sa = a * scale, sb = b * scale;
            const double exact = w1Exact(sa, sb);
            QVERIFY2(std::isfinite(exact) && std::abs(exact / scale - base) <= 1e-12 * base,
                     qPrintable(QString("scale %1: %2").arg(scale).arg(exact)));
            QVERIFY(std::abs(w1Sliced(sa, sb) / scale - baseSliced) <= 1e-12 * baseSliced);
        }
        // Distances beyond double range are refused, not returned as inf.
        Points far = Points::Zero(3, 2), near = Points::Zero(3, 2);
        far.col(0).setConstant(1.5e308);
        near.col(0).setConstant(-1.5e308);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w1Exact(far, near));
        // The exact method has a documented size limit.
        const Points big = Points::Zero(kMaxExactW1Points + 1, 2);
        try {
            w1Exact(big, big);
            QFAIL("accepted more points than the limit");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains(QString::number(kMaxExactW1Points)));
        }
    }

    void slicedIsAMonitor() {
        Rng rng(9);
        const Points a = gaussianCloud(500, rng), b = gaussianCloud(500, rng, Vec2(0.7, 0));
        const double sliced = w1Sliced(a, b);
        // Projections are 1-Lipschitz: each 1D W1 is below W1, so is their mean.
        QVERIFY(sliced > 0 && sliced <= w1Exact(a, b));
        QCOMPARE(w1Sliced(a, b, 128, 1), w1Sliced(a, b, 128, 1));  // seeded
        // A translate by v: the mean of |<v, theta>| over directions, 2|v|/pi.
        const Points moved = a.rowwise() + Eigen::RowVector2d(0, 2);
        QVERIFY(std::abs(w1Sliced(a, moved, 512) - 4 / M_PI) < 0.01);
        QCOMPARE(QString(w1MethodName(W1Method::Sliced)), QString("sliced"));
    }

    void noiseFloor() {
        const Scenario s;
        const Mixture target = s.makeTarget();
        const double f200 = w1NoiseFloor(target, 200, 3, 1);
        const double f800 = w1NoiseFloor(target, 800, 3, 1);
        // Decays with n (roughly like sqrt(log n / n) in 2D), but is never 0.
        QVERIFY(f800 > 0 && f800 < f200);
        QVERIFY(f200 < 1.0);
        // Cached: the same value, at once.
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(w1NoiseFloor(target, 800, 3, 1), f800);
        QVERIFY(timer.elapsed() < timeBudgetMs(5));
        QVERIFY(mixtureFingerprint(target) != mixtureFingerprint(target.marginal(0.9, 0.1)));
    }

    void cliW1() {
        QTemporaryDir dir;
        Rng rng(10);
        const Points a = gaussianCloud(100, rng), b = gaussianCloud(100, rng, Vec2(1, 0));
        const QString fa = dir.filePath("a.csv"), fb = dir.filePath("b.csv");
        io::writePointsCsv(fa, a);
        io::writePointsCsv(fb, b);
        for (const char* method : {"exact", "sliced"}) {
            const Run r = cli({"w1", fa, fb, "--method", method});
            QCOMPARE(r.code, 0);
            const QJsonObject o = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(o["n"].toInt(), 100);
            QCOMPARE(o["method"].toString(), QString(method));
            QVERIFY(o["seconds"].toDouble() >= 0);
            const double expected = QString(method) == "exact" ? w1Exact(a, b) : w1Sliced(a, b);
            QVERIFY(std::abs(o["w1"].toDouble() - expected) <= 1e-12 * expected);
        }
        QCOMPARE(QJsonDocument::fromJson(cli({"w1", fa, fb}).out).object()["method"].toString(),
                 QString("exact"));

        auto fails = [&](const QStringList& args, const char* needle) {
            const Run r = cli(args);
            QVERIFY2(r.code != 0, needle);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(r.err.contains(needle), r.err.constData());
            QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
        };
        fails({"w1", fa, dir.filePath("missing.csv")}, "missing.csv");
        io::writePointsCsv(dir.filePath("c.csv"), gaussianCloud(99, rng));
        fails({"w1", fa, dir.filePath("c.csv")}, "equal size");
        QFile bad(dir.filePath("bad.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("1,2\n3,4\n5;6\n");
        bad.close();
        fails({"w1", fa, bad.fileName()}, "bad.csv:3");
        fails({"w1", fa, fb, "--method", "fast"}, "--method");
        fails({"w1", fa}, "usage");

        // Finite coordinates whose squared distances overflow: a number, exit 0 (it crashed
        // or printed null before), and the size limit of the exact method named.
        const QString fh = dir.filePath("huge_a.csv"), gh = dir.filePath("huge_b.csv");
        io::writePointsCsv(fh, a * 1e200);
        io::writePointsCsv(gh, b * 1e200);
        const Run huge = cli({"w1", fh, gh});
        QCOMPARE(huge.code, 0);
        const QJsonValue value = QJsonDocument::fromJson(huge.out).object()["w1"];
        QVERIFY2(value.isDouble() && std::abs(value.toDouble() / 1e200 - w1Exact(a, b)) < 1e-9,
                 huge.out.constData());
        const QString fbig = dir.filePath("big.csv");
        io::writePointsCsv(fbig, Points::Zero(kMaxExactW1Points + 1, 2));
        fails({"w1", fbig, fbig}, "limited to 20000 points");
    }
};

QTEST_GUILESS_MAIN(TestWasserstein)
#include "tst_wasserstein.moc"
