// Groups: closure, orthogonality, orders, identity, inverses, names and drawing aids.
#include <QtTest>

#include "core/fundamental_domain.hpp"
#include "core/group.hpp"

using namespace symscore;

namespace {
std::vector<Group> allGroups() {
    std::vector<Group> gs{Group::trivial(), Group::reflection(0), Group::reflection(30),
                          Group::reflection(-117.5)};
    for (int n : {1, 2, 3, 4, 5, 6, 8, 12, 24, 64}) {
        gs.push_back(Group::cyclic(n));
        gs.push_back(Group::dihedral(n));
    }
    return gs;
}

int indexOf(const Group& g, const Mat2& m) {
    for (int k = 0; k < g.order(); ++k)
        if ((g.element(k) - m).norm() < 1e-9) return k;
    return -1;
}
}  // namespace

class TestGroup : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    // A group contains another when every element of the other is one of its own.
    void containsSubgroups() {
        QVERIFY(Group::dihedral(4).contains(Group::cyclic(4)));
        QVERIFY(Group::dihedral(4).contains(Group::cyclic(2)));
        QVERIFY(Group::cyclic(4).contains(Group::cyclic(2)));
        QVERIFY(Group::cyclic(4).contains(Group::trivial()));
        QVERIFY(Group::dihedral(4).contains(Group::reflection(0)));
        QVERIFY(Group::dihedral(4).contains(Group::reflection(45)));
        QVERIFY(!Group::dihedral(4).contains(Group::reflection(30)));
        QVERIFY(!Group::cyclic(4).contains(Group::dihedral(4)));
        QVERIFY(!Group::cyclic(3).contains(Group::cyclic(4)));
        QVERIFY(Group::cyclic(6).contains(Group::cyclic(3)));
        QVERIFY(!Group::trivial().contains(Group::cyclic(2)));
    }
    void orders() {
        QCOMPARE(Group::trivial().order(), 1);
        QCOMPARE(Group::reflection(10).order(), 2);
        QCOMPARE(Group::cyclic(7).order(), 7);
        QCOMPARE(Group::dihedral(4).order(), 8);
        QCOMPARE(Group::dihedral(1).order(), 2);
        QCOMPARE(Group::dihedral(24).order(), 48);
    }
    void elementsAreOrthogonalAndDistinct() {
        for (const Group& g : allGroups())
            for (int a = 0; a < g.order(); ++a) {
                const Mat2& m = g.element(a);
                QVERIFY2((m.transpose() * m - Mat2::Identity()).norm() < 1e-12, g.name().c_str());
                QVERIFY(std::abs(std::abs(m.determinant()) - 1.0) < 1e-12);
                for (int b = 0; b < a; ++b) QVERIFY((m - g.element(b)).norm() > 1e-6);
            }
    }
    void closedUnderCompositionWithIdentityAndInverses() {
        for (const Group& g : allGroups()) {
            QVERIFY(indexOf(g, Mat2::Identity()) >= 0);
            for (int a = 0; a < g.order(); ++a) {
                QVERIFY2(indexOf(g, g.element(a).transpose()) >= 0, g.name().c_str());
                for (int b = 0; b < g.order(); ++b)
                    QVERIFY2(indexOf(g, g.element(a) * g.element(b)) >= 0, g.name().c_str());
            }
        }
    }
    void reflectionFixesItsLine() {
        const Group g = Group::reflection(30);
        const double a = 30 * M_PI / 180;
        const Vec2 onLine(std::cos(a), std::sin(a));
        QVERIFY((g.element(1) * onLine - onLine).norm() < 1e-12);
        QCOMPARE(g.mirrorAnglesDeg().size(), std::size_t(1));
        QCOMPARE(g.mirrorAnglesDeg()[0], 30.0);
    }
    void dihedralMirrorsFixTheirLines() {
        const Group g = Group::dihedral(6);
        const auto angles = g.mirrorAnglesDeg();
        QCOMPARE(int(angles.size()), 6);
        for (double deg : angles) {
            const Vec2 u(std::cos(deg * M_PI / 180), std::sin(deg * M_PI / 180));
            bool fixed = false;
            for (const Mat2& m : g.elements())
                if (m.determinant() < 0 && (m * u - u).norm() < 1e-12) fixed = true;
            QVERIFY(fixed);
        }
        QVERIFY(Group::cyclic(5).mirrorAnglesDeg().empty());
        QCOMPARE(Group::cyclic(5).rotationOrder(), 5);
    }
    void fundamentalWedgeHoldsOnePointOfEveryOrbit() {
        // A fundamental domain: the orbit of a point in general position meets it exactly
        // once, for any preferred direction; the wedge holds that direction.
        Rng rng(5);
        for (const Group& g : allGroups())
            for (double prefer : {0.0, 17.0, 200.0, -75.0}) {
                const Wedge w = fundamentalWedge(g, prefer);
                QCOMPARE(w.spanDeg, 360.0 / g.order());
                const double p = prefer * M_PI / 180;
                QVERIFY2(w.contains(Vec2(std::cos(p), std::sin(p))) ||
                             g.spec().type != GroupType::Cyclic,
                         g.name().c_str());
                for (int trial = 0; trial < 50; ++trial) {
                    const Vec2 x(rng.normal(), rng.normal());
                    int inside = 0;
                    for (const Vec2& y : g.orbit(x)) inside += w.contains(y) ? 1 : 0;
                    QVERIFY2(inside == 1, g.name().c_str());
                }
            }
        const Wedge d4 = fundamentalWedge(Group::dihedral(4), 50.0);  // between 45 and 90
        QCOMPARE(d4.startDeg, 45.0);
        QCOMPARE(d4.spanDeg, 45.0);
    }
    void orbitAndRandomElement() {
        const Group g = Group::cyclic(4);
        const auto orb = g.orbit(Vec2(2, 0));
        QCOMPARE(int(orb.size()), 4);
        QVERIFY((orb[1] - Vec2(0, 2)).norm() < 1e-15);  // exact after snapping
        Rng rng(3);
        std::vector<int> counts(8, 0);
        const Group d4 = Group::dihedral(4);
        for (int i = 0; i < 8000; ++i) counts[std::size_t(d4.randomIndex(rng))]++;
        for (int c : counts) QVERIFY(c > 850 && c < 1150);  // about 1000 each
    }
    void names() {
        QCOMPARE(Group::dihedral(4).name(), std::string("D4, order 8"));
        QCOMPARE(Group::cyclic(3).name(), std::string("C3, order 3"));
        QCOMPARE(Group::trivial().name(), std::string("trivial, order 1"));
    }
    void rejectsBadSizes() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Group::cyclic(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Group::dihedral(Group::kMaxN + 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Group::reflection(NAN));
    }
};

QTEST_APPLESS_MAIN(TestGroup)
#include "tst_group.moc"
