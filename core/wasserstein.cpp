#include "core/wasserstein.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/assignment.hpp"
#include "core/random.hpp"

namespace symscore {

namespace {

void checkClouds(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b) {
    if (a.rows() != b.rows())
        throw std::invalid_argument("W1: the clouds must have the same number of points, got " +
                                    std::to_string(a.rows()) + " and " + std::to_string(b.rows()));
    if (a.rows() == 0) throw std::invalid_argument("W1: the clouds are empty");
    if (!a.allFinite()) throw std::invalid_argument("W1: the first cloud has NaN or Inf");
    if (!b.allFinite()) throw std::invalid_argument("W1: the second cloud has NaN or Inf");
}

// Distances are computed from squared coordinate differences (in float by the auction's
// warm start): coordinates past about 1e19 overflow there, past 1e154 in double, and below
// about 1e-160 the squares underflow to zero. W1 is positively homogeneous, W1(ca, cb) =
// c W1(a, b), so clouds outside [2^-60, 2^60] in their largest coordinate are measured at a
// power-of-two scale, which is exact, and the result scaled back.
struct Scaled {
    Points a, b;
    double factor = 1.0;  // W1 of the originals = factor * W1(a, b)
};

std::optional<Scaled> rescaledIfNeeded(const Eigen::Ref<const Points>& a,
                                       const Eigen::Ref<const Points>& b) {
    const double largest = std::max(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff());
    if (largest == 0.0 || (largest >= 0x1p-60 && largest <= 0x1p60)) return std::nullopt;
    const int exponent = std::ilogb(largest);
    Scaled s;
    s.a = a * std::ldexp(1.0, -exponent);
    s.b = b * std::ldexp(1.0, -exponent);
    s.factor = std::ldexp(1.0, exponent);
    return s;
}

// Only clouds whose distances exceed a double (coordinates near +-1e308) get here.
double finiteOrThrow(double w1) {
    if (!std::isfinite(w1))
        throw std::invalid_argument("W1: the distances between the clouds are beyond double range");
    return w1;
}

std::uint64_t mix(std::uint64_t h, double v) {
    std::uint64_t s = h ^ std::bit_cast<std::uint64_t>(v);
    return splitmix64(s);
}

}  // namespace

double w1Exact(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b) {
    checkClouds(a, b);
    if (a.rows() > kMaxExactW1Points)
        throw std::invalid_argument("W1: the exact assignment is limited to " +
                                    std::to_string(kMaxExactW1Points) +
                                    " points (its time grows as n^2 to n^3), got " +
                                    std::to_string(a.rows()) + ": use the sliced method");
    if (const auto s = rescaledIfNeeded(a, b))
        return finiteOrThrow(s->factor * w1Exact(s->a, s->b));
    return euclideanAssignment(a, b).cost / double(a.rows());
}

double w1Sliced(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b,
                int directions, std::uint64_t seed) {
    checkClouds(a, b);
    if (directions < 1) throw std::invalid_argument("W1 sliced: directions must be >= 1");
    if (const auto s = rescaledIfNeeded(a, b))
        return finiteOrThrow(s->factor * w1Sliced(s->a, s->b, directions, seed));
    const Eigen::Index n = a.rows();
    Rng rng(seed);
    std::vector<double> angles(static_cast<std::size_t>(directions));
    for (int k = 0; k < directions; ++k)
        angles[std::size_t(k)] = std::numbers::pi * (k + rng.uniform()) / directions;
    std::vector<double> perDirection(static_cast<std::size_t>(directions));
    tbb::parallel_for(0, directions, [&](int k) {
        const double c = std::cos(angles[std::size_t(k)]), s = std::sin(angles[std::size_t(k)]);
        std::vector<double> pa(static_cast<std::size_t>(n)), pb(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) {
            pa[std::size_t(i)] = c * a(i, 0) + s * a(i, 1);
            pb[std::size_t(i)] = c * b(i, 0) + s * b(i, 1);
        }
        // In 1D the monotone (sorted) coupling is optimal.
        std::sort(pa.begin(), pa.end());
        std::sort(pb.begin(), pb.end());
        double sum = 0.0;
        for (std::size_t i = 0; i < pa.size(); ++i) sum += std::abs(pa[i] - pb[i]);
        perDirection[std::size_t(k)] = sum / double(n);
    });
    double total = 0.0;
    for (double d : perDirection) total += d;
    return total / directions;
}

double w1(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b, W1Method method) {
    return method == W1Method::Exact ? w1Exact(a, b) : w1Sliced(a, b);
}

const char* w1MethodName(W1Method method) { return method == W1Method::Exact ? "exact" : "sliced"; }

std::uint64_t mixtureFingerprint(const Mixture& m) {
    std::uint64_t h = 0x5eed5eed5eedULL + std::uint64_t(m.size());
    for (const Gaussian& g : m.components()) {
        h = mix(h, g.mean.x());
        h = mix(h, g.mean.y());
        for (int k = 0; k < 4; ++k) h = mix(h, g.cov.data()[k]);
        h = mix(h, g.weight);
    }
    return h;
}

double w1NoiseFloor(const Mixture& target, int n, int repeats, std::uint64_t seed) {
    if (n < 1) throw std::invalid_argument("W1 noise floor: n must be >= 1");
    if (repeats < 1) throw std::invalid_argument("W1 noise floor: repeats must be >= 1");
    using Key = std::tuple<std::uint64_t, int, int, std::uint64_t>;
    static std::mutex mutex;
    static std::map<Key, double> cache;
    const Key key{mixtureFingerprint(target), n, repeats, seed};
    {
        const std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    // Computed outside the lock: two threads asking at once both compute the same value,
    // which is cheaper than making every other caller wait.
    std::vector<double> values(static_cast<std::size_t>(repeats));
    tbb::parallel_for(0, repeats, [&](int r) {
        Rng ra(seed, 2 * std::uint64_t(r)), rb(seed, 2 * std::uint64_t(r) + 1);
        values[std::size_t(r)] = w1Exact(target.sample(n, ra), target.sample(n, rb));
    });
    double mean = 0.0;
    for (double v : values) mean += v;
    mean /= repeats;
    const std::lock_guard lock(mutex);
    if (cache.size() > 256) cache.clear();  // bounded: keys are few in practice
    cache.emplace(key, mean);
    return mean;
}

}  // namespace symscore
