#include "core/auction.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>

namespace symscore {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr int kLanes = 16;
// GCC/Clang vector extension: one loop body that compiles to AVX-512, AVX2 or SSE as the
// target allows, without -ffast-math (a scalar min loop does not vectorize without it).
typedef float Lane __attribute__((vector_size(kLanes * sizeof(float))));
typedef int Index __attribute__((vector_size(kLanes * sizeof(int))));

// The cloud y in single precision, structure-of-arrays, padded to whole vectors with
// columns whose reduced cost is +inf (v = -inf), which no row ever wants.
struct Targets {
    std::vector<Lane> x, y, v;  // v: the duals; padding columns have v = -inf
};

// For row (ax, ay): the smallest h_j = |a - y_j| - v_j, its column, and the second
// smallest. One pass with everything in registers: per lane the two smallest values and the
// column of the smallest.
inline void bestTwo(const Targets& t, float ax, float ay, float& m1, int& j1, float& m2) {
    Lane lo1, lo2;
    Index idx1, col;
    for (int k = 0; k < kLanes; ++k) {
        lo1[k] = lo2[k] = kInf;
        idx1[k] = 0;
        col[k] = k;
    }
    const std::size_t blocks = t.x.size();
    for (std::size_t b = 0; b < blocks; ++b, col += kLanes) {
        const Lane dx = t.x[b] - ax, dy = t.y[b] - ay;
        const Lane d2 = dx * dx + dy * dy;
        // Eigen's packet sqrt: the builtin on each lane would be a scalar call (errno).
        Lane d;
        Eigen::Map<Eigen::Array<float, kLanes, 1>>(reinterpret_cast<float*>(&d)) =
            Eigen::Map<const Eigen::Array<float, kLanes, 1>>(reinterpret_cast<const float*>(&d2))
                .sqrt();
        const Lane hb = d - t.v[b];
        const Index better = hb < lo1;
        const Lane hi = better ? lo1 : hb;  // max(hb, lo1)
        lo2 = hi < lo2 ? hi : lo2;
        lo1 = better ? hb : lo1;
        idx1 = better ? col : idx1;
    }
    m1 = kInf;
    int lane = 0;
    for (int k = 0; k < kLanes; ++k)
        if (lo1[k] < m1) {
            m1 = lo1[k];
            lane = k;
        }
    j1 = idx1[lane];
    // The second smallest overall: that lane's second, or another lane's first.
    m2 = lo2[lane];
    for (int k = 0; k < kLanes; ++k)
        if (k != lane) m2 = std::min(m2, lo1[k]);
}

}  // namespace

std::vector<double> auctionDuals(const Eigen::Ref<const Points>& x,
                                 const Eigen::Ref<const Points>& y, double costScale,
                                 double relEpsFinal) {
    const int n = int(x.rows());
    if (n == 0) return {};
    // Single-precision coordinates relative to a common centre.
    const Eigen::RowVector2d mid = 0.5 * (x.colwise().minCoeff().cwiseMin(y.colwise().minCoeff()) +
                                          x.colwise().maxCoeff().cwiseMax(y.colwise().maxCoeff()));
    const std::size_t blocks = (std::size_t(n) + kLanes - 1) / kLanes;
    Targets t;
    t.x.resize(blocks);
    t.y.resize(blocks);
    t.v.resize(blocks);
    float* tx = reinterpret_cast<float*>(t.x.data());
    float* ty = reinterpret_cast<float*>(t.y.data());
    float* v = reinterpret_cast<float*>(t.v.data());
    for (std::size_t j = 0; j < blocks * kLanes; ++j) {
        const bool real = j < std::size_t(n);
        tx[j] = real ? float(y(Eigen::Index(j), 0) - mid.x()) : 0.0f;
        ty[j] = real ? float(y(Eigen::Index(j), 1) - mid.y()) : 0.0f;
        v[j] = real ? 0.0f : -kInf;  // padding: infinitely expensive
    }
    const std::size_t un = static_cast<std::size_t>(n);
    std::vector<float> ax(un), ay(un);
    for (int i = 0; i < n; ++i) {
        ax[std::size_t(i)] = float(x(i, 0) - mid.x());
        ay[std::size_t(i)] = float(x(i, 1) - mid.y());
    }
    std::vector<int> owner(std::size_t(n), -1), freeRows;
    freeRows.reserve(std::size_t(n));
    // Prices drift by about costScale per phase, so float keeps reduced costs to ~1e-7
    // costScale: an epsilon much below that would only start price wars on rounding noise.
    const double epsFinal = std::max(costScale * relEpsFinal, 1e-30);
    // Bertsekas recommends reducing epsilon by a factor between 4 and 10; 7 measured best.
    const double theta = 7.0;
    for (double eps = costScale / theta;; eps = std::max(eps / theta, epsFinal)) {
        std::fill(owner.begin(), owner.end(), -1);
        freeRows.resize(std::size_t(n));
        for (int i = 0; i < n; ++i) freeRows[std::size_t(i)] = n - 1 - i;
        const float e = float(eps);
        // A price war (many near-equal costs, or epsilon near float resolution) could last;
        // prices are only a warm start, so a phase that runs too long ends the auction.
        long long bids = 0;
        const long long budget = 64LL * n + 1024;
        while (!freeRows.empty() && bids++ < budget) {
            const int i = freeRows.back();
            freeRows.pop_back();
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
            if (prev >= 0) freeRows.push_back(prev);
        }
        if (eps <= epsFinal || !freeRows.empty()) break;
    }
    return std::vector<double>(v, v + n);
}

}  // namespace symscore
