#include "core/auction.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace symscore {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// The cloud y is padded to a multiple of this many columns, the widest vector any kernel
// below reads (AVX-512: 16 floats).
constexpr int kPad = 16;

// The cloud y in single precision, structure-of-arrays, padded to whole vectors with
// columns whose reduced cost is +inf (v = -inf), which no row ever wants.
struct Targets {
    std::vector<float> x, y, v;  // v: the duals; padding columns have v = -inf
};

// For row (ax, ay): the smallest h_j = |a - y_j| - v_j, its column, and the second smallest.
// One pass with everything in registers: per lane the two smallest values and the column of
// the smallest. Written with GCC/Clang vector extensions, so one body compiles to AVX-512,
// AVX2 or SSE; Lanes must be the target's own width (a 16-float vector on AVX2 compiles to
// code ten times slower: docs/packaging.md). The result does not depend on Lanes:
// the square root is correctly rounded (this file is built with -fno-math-errno, so
// __builtin_sqrtf is the vector instruction), and among equal minima the lowest column wins.
template <int Lanes>
struct LaneTypes;
#define SYMSCORE_LANE_TYPES(n)                                              \
    template <>                                                             \
    struct LaneTypes<n> {                                                   \
        typedef float Lane __attribute__((vector_size(n * sizeof(float)))); \
        typedef int Index __attribute__((vector_size(n * sizeof(int))));    \
    };
SYMSCORE_LANE_TYPES(4)
SYMSCORE_LANE_TYPES(8)
SYMSCORE_LANE_TYPES(16)
#undef SYMSCORE_LANE_TYPES

template <int Lanes>
[[gnu::always_inline]] inline void bestTwoLanes(const Targets& t, float ax, float ay, float& m1,
                                                int& j1, float& m2) {
    using Lane = typename LaneTypes<Lanes>::Lane;
    using Index = typename LaneTypes<Lanes>::Index;
    Lane lo1, lo2;
    Index idx1, col;
    for (int k = 0; k < Lanes; ++k) {
        lo1[k] = lo2[k] = kInf;
        idx1[k] = 0;
        col[k] = k;
    }
    const std::size_t columns = t.x.size();
    for (std::size_t j = 0; j < columns; j += Lanes, col += Lanes) {
        Lane tx, ty, tv;
        std::memcpy(&tx, t.x.data() + j, sizeof(Lane));
        std::memcpy(&ty, t.y.data() + j, sizeof(Lane));
        std::memcpy(&tv, t.v.data() + j, sizeof(Lane));
        const Lane dx = tx - ax, dy = ty - ay;
        const Lane d2 = dx * dx + dy * dy;
        Lane d;
        for (int k = 0; k < Lanes; ++k) d[k] = __builtin_sqrtf(d2[k]);
        const Lane hb = d - tv;
        const Index better = hb < lo1;
        const Lane hi = better ? lo1 : hb;  // max(hb, lo1)
        lo2 = hi < lo2 ? hi : lo2;
        lo1 = better ? hb : lo1;
        idx1 = better ? col : idx1;
    }
    m1 = kInf;
    j1 = 0;
    int lane = 0;
    for (int k = 0; k < Lanes; ++k)
        if (lo1[k] < m1 || (lo1[k] == m1 && idx1[k] < j1)) {
            m1 = lo1[k];
            j1 = idx1[k];
            lane = k;
        }
    // The second smallest overall: that lane's second, or another lane's first.
    m2 = lo2[lane];
    for (int k = 0; k < Lanes; ++k)
        if (k != lane) m2 = std::min(m2, lo1[k]);
}

// The width this file is compiled for.
#if defined(__AVX512F__)
constexpr int kBuiltLanes = 16;
#elif defined(__AVX__)
constexpr int kBuiltLanes = 8;
#else
constexpr int kBuiltLanes = 4;
#endif
static_assert(kPad % kBuiltLanes == 0);

using BestTwo = void (*)(const Targets&, float, float, float&, int&, float&);

void bestTwoBuilt(const Targets& t, float ax, float ay, float& m1, int& j1, float& m2) {
    bestTwoLanes<kBuiltLanes>(t, ax, ay, m1, j1, m2);
}

// A build for a baseline without AVX-512 (the Debian package: x86-64-v3) carries a second
// copy of the kernel for x86-64-v4 processors, chosen at run time (docs/packaging.md). The
// vector extensions are lowered after inlining, so this copy gets 16-float AVX-512 code.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__AVX512F__)
#define SYMSCORE_AUCTION_V4_CLONE 1
[[gnu::target("arch=x86-64-v4")]] void bestTwoV4(const Targets& t, float ax, float ay, float& m1,
                                                 int& j1, float& m2) {
    bestTwoLanes<16>(t, ax, ay, m1, j1, m2);
}
#endif

BestTwo chooseBestTwo() {
#ifdef SYMSCORE_AUCTION_V4_CLONE
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return bestTwoV4;
#endif
    return bestTwoBuilt;
}

void bestTwo(const Targets& t, float ax, float ay, float& m1, int& j1, float& m2) {
    static const BestTwo kernel = chooseBestTwo();
    kernel(t, ax, ay, m1, j1, m2);
}

// The auction's state: single-precision coordinates relative to a common centre (targets
// padded to whole vectors), the duals, and which row holds each column.
struct Auction {
    Targets t;
    std::vector<float> ax, ay;
    std::vector<int> owner;  // owner[j]: the row holding column j, or -1
    int n = 0;

    Auction(const Eigen::Ref<const Points>& x, const Eigen::Ref<const Points>& y,
            const std::vector<double>& duals) {
        n = int(x.rows());
        const Eigen::RowVector2d mid =
            0.5 * (x.colwise().minCoeff().cwiseMin(y.colwise().minCoeff()) +
                   x.colwise().maxCoeff().cwiseMax(y.colwise().maxCoeff()));
        const std::size_t columns = (std::size_t(n) + kPad - 1) / kPad * kPad;
        t.x.resize(columns);
        t.y.resize(columns);
        t.v.resize(columns);
        float* tx = t.x.data();
        float* ty = t.y.data();
        float* v = prices();
        for (std::size_t j = 0; j < columns; ++j) {
            const bool real = j < std::size_t(n);
            tx[j] = real ? float(y(Eigen::Index(j), 0) - mid.x()) : 0.0f;
            ty[j] = real ? float(y(Eigen::Index(j), 1) - mid.y()) : 0.0f;
            // Padding columns are infinitely expensive.
            v[j] = !real ? -kInf : duals.empty() ? 0.0f : float(duals[j]);
        }
        const std::size_t un = static_cast<std::size_t>(n);
        ax.resize(un);
        ay.resize(un);
        for (int i = 0; i < n; ++i) {
            ax[std::size_t(i)] = float(x(i, 0) - mid.x());
            ay[std::size_t(i)] = float(x(i, 1) - mid.y());
        }
        owner.assign(un, -1);
    }
    float* prices() { return t.v.data(); }
    float reduced(int i, int j) {
        const float dx = t.x[std::size_t(j)] - ax[std::size_t(i)];
        const float dy = t.y[std::size_t(j)] - ay[std::size_t(i)];
        return std::sqrt(dx * dx + dy * dy) - prices()[j];
    }

    // The rows that must bid at this epsilon: every row when `keep` is false; otherwise the
    // rows whose column is no longer within epsilon of their best.
    std::vector<int> freeRows(float e, bool keep) {
        std::vector<int> rows;
        rows.reserve(std::size_t(n));
        if (!keep) {
            std::fill(owner.begin(), owner.end(), -1);
            for (int i = n - 1; i >= 0; --i) rows.push_back(i);
            return rows;
        }
        for (int j = n - 1; j >= 0; --j) {
            const int i = owner[std::size_t(j)];
            if (i < 0) continue;
            float m1, m2;
            int j1;
            bestTwo(t, ax[std::size_t(i)], ay[std::size_t(i)], m1, j1, m2);
            if (reduced(i, j) > m1 + e) {
                owner[std::size_t(j)] = -1;
                rows.push_back(i);
            }
        }
        return rows;
    }

    // Bids until every row holds a column; false when a price war outlasts its budget.
    bool bid(std::vector<int> rows, float e) {
        float* v = prices();
        // A price war (many near-equal costs, or epsilon near float resolution) could last;
        // prices are only a warm start, so a phase that runs too long ends the auction.
        long long bids = 0;
        const long long budget = 64LL * n + 1024;
        while (!rows.empty() && bids++ < budget) {
            const int i = rows.back();
            rows.pop_back();
            float m1, m2;
            int j1;
            bestTwo(t, ax[std::size_t(i)], ay[std::size_t(i)], m1, j1, m2);
            if (n == 1) m2 = m1;
            // Bid: lower v_j1 until row i is indifferent between j1 and its second choice,
            // plus epsilon so that every bid makes progress (and at least one float step).
            const float lowered = v[j1] - ((m2 - m1) + e);
            v[j1] = lowered < v[j1] ? lowered : std::nextafter(v[j1], -kInf);
            const int prev = owner[std::size_t(j1)];
            owner[std::size_t(j1)] = i;
            if (prev >= 0) rows.push_back(prev);
        }
        return rows.empty();
    }

    // Epsilon-scaling from epsStart down to epsFinal; `keep`: each phase keeps the assignments
    // still epsilon-optimal instead of starting every row free.
    std::vector<double> run(double epsStart, double epsFinal, bool keep) {
        // Bertsekas recommends reducing epsilon by a factor between 4 and 10; 7 measured best.
        const double theta = 7.0;
        for (double eps = epsStart;; eps = std::max(eps / theta, epsFinal)) {
            const float e = float(eps);
            if (!bid(freeRows(e, keep), e) || eps <= epsFinal) break;
        }
        const float* v = prices();
        return std::vector<double>(v, v + n);
    }
};

// Prices drift by about costScale per phase, so float keeps reduced costs to ~1e-7
// costScale: an epsilon much below that would only start price wars on rounding noise.
double finalEpsilon(double costScale, double relEpsFinal) {
    return std::max(costScale * relEpsFinal, 1e-30);
}

}  // namespace

std::vector<double> auctionDuals(const Eigen::Ref<const Points>& x,
                                 const Eigen::Ref<const Points>& y, double costScale,
                                 double relEpsFinal) {
    if (x.rows() == 0) return {};
    Auction a(x, y, {});
    return a.run(costScale / 7.0, finalEpsilon(costScale, relEpsFinal), false);
}

std::vector<double> auctionDualsFrom(const Eigen::Ref<const Points>& x,
                                     const Eigen::Ref<const Points>& y, double costScale,
                                     const AuctionStart& start, double relEpsStart,
                                     double relEpsFinal) {
    const int n = int(x.rows());
    if (n == 0) return {};
    if (!start.usable(n)) return auctionDuals(x, y, costScale, relEpsFinal);
    Auction a(x, y, start.duals);
    for (int i = 0; i < n; ++i) a.owner[std::size_t(start.rowToCol[std::size_t(i)])] = i;
    const double epsFinal = finalEpsilon(costScale, relEpsFinal);
    return a.run(std::max(costScale * relEpsStart, epsFinal), epsFinal, true);
}

}  // namespace symscore
