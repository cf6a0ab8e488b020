#pragma once
// Wasserstein-1 between point clouds (docs/math.md, section 7).
// - w1Exact: for two uniform empirical measures of n points each, W1 is the optimal
//   assignment's mean Euclidean distance (Birkhoff), solved exactly (core/assignment).
// - w1Sliced: a fast monitor, the mean over random directions of the 1D W1 of the
//   projections. It is NOT W1 (projections are 1-Lipschitz, so it is a lower bound on W1);
//   label it "sliced".
// - w1NoiseFloor: two independent n-samples of the same distribution are not at W1 = 0;
//   every W1 readout should be shown next to this floor for its n.
// All functions throw std::invalid_argument on clouds with NaN/Inf, empty clouds, or clouds
// of unequal sizes, with a message saying which. Any finite coordinates are measured (clouds
// far beyond single precision at an exact power-of-two scale).
#include <cstdint>

#include "core/mixture.hpp"
#include "core/scenario.hpp"
#include "core/types.hpp"

namespace symscore {

// The largest cloud w1Exact takes (about a minute on one core); the sliced method has no
// such limit.
inline constexpr int kMaxExactW1Points = 20000;

double w1Exact(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b);

// directions: how many random directions (stratified over [0, pi)); seed fixes them.
double w1Sliced(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b,
                int directions = 128, std::uint64_t seed = 0);

double w1(const Eigen::Ref<const Points>& a, const Eigen::Ref<const Points>& b, W1Method method);
const char* w1MethodName(W1Method method);  // "exact" or "sliced"

// Mean over `repeats` of the exact W1 between two independent n-samples of target, the
// repeats run in parallel. Results are cached per (mixture fingerprint, n, repeats, seed) in
// a small thread-safe cache, so asking again for the same n is free.
double w1NoiseFloor(const Mixture& target, int n, int repeats = 3, std::uint64_t seed = 0);
// A hash of a mixture's components (means, covariances, weights, bit for bit).
std::uint64_t mixtureFingerprint(const Mixture& m);

}  // namespace symscore
