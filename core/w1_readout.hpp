#pragma once
// The W1 readout symscore shows and reports (docs/math.md, section 7): at each frame of the
// reverse process, every model's particles against ONE reference sample of p_t shared by all
// models, beside the noise floor (its mean and spread) at the same n. The app's panel titles,
// its W1-against-t curve and its final table, and `symscore-cli run`, all read these numbers,
// so they agree by construction.
//
// The reference at time t is x_t = alpha(t) x_0 + sigma(t) z for fixed pairs (x_0 drawn from
// the target, z standard normal): exactly a sample of p_t, and continuous in t. From one frame
// to the next the reference points move a little, as the particles do, so each exact solve
// starts from the previous frame's duals (core/assignment) and is several times faster than a
// solve from scratch. At the last frame the reference is the target sample x_0 itself: the
// final W1 is the distance to the target.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/auction.hpp"
#include "core/mixture.hpp"
#include "core/process.hpp"
#include "core/scenario.hpp"
#include "core/types.hpp"

namespace symscore {

// W1 between two independent n-samples of the same distribution, over `pairs` pairs.
struct FloorStats {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double spread = std::numeric_limits<double>::quiet_NaN();  // standard deviation over pairs
    int n = 0;
    int pairs = 0;  // 0: not measured yet
    bool measured() const { return pairs > 0; }
};

// One model's W1, or why there is none (then w1 is NaN): the problem is said in words.
struct W1Value {
    double w1 = std::numeric_limits<double>::quiet_NaN();
    std::string problem;
    bool ok() const { return problem.empty(); }
};

class W1Reference {
  public:
    // n points per sample; `pairs` independent pairs of samples for the floor; all from seed.
    W1Reference(const Mixture& target, const Process& process, int n, std::uint64_t seed,
                int pairs = 4);
    int n() const { return n_; }
    int pairs() const { return pairs_; }
    // Sample k (0: the models' reference; 1 .. 2 * pairs: the floor's) at time t, or of the
    // target itself when atTarget.
    Points at(int k, double t, bool atTarget) const;
    // Equal for two references that give the same samples at every t (the same target
    // sample, noise and process): a key under which floors measured once can be kept.
    std::uint64_t identity() const { return identity_; }

  private:
    Process process_;
    int n_, pairs_;
    std::vector<Points> x0_, z_;
    std::uint64_t identity_ = 0;
};

// A sequence of related W1 problems of one size, each exact solve warm-started from the
// previous one's duals. Sliced W1 (a monitor, not W1) needs no warm start.
class W1Track {
  public:
    explicit W1Track(W1Method method = W1Method::Exact) : method_(method) {}
    // Never throws: non-finite or diverged particles, or too few of them, give a problem.
    W1Value measure(const Eigen::Ref<const Points>& particles,
                    const Eigen::Ref<const Points>& reference);

  private:
    W1Method method_;
    AuctionStart start_;
};

struct W1FrameReading {
    int frame = -1;
    double t = std::numeric_limits<double>::quiet_NaN();
    bool atTarget = false;        // the last frame: measured against the target sample
    std::vector<W1Value> models;  // in the order of the clouds measured
    FloorStats floor;
};

// Measures frames of one sampling run: one track per model and per floor pair, carried from
// frame to frame; the solves of a frame run in parallel (TBB).
class W1Readout {
  public:
    W1Readout(W1Reference reference, int models, W1Method method = W1Method::Exact);
    const W1Reference& reference() const { return reference_; }
    // clouds: every model's particles at this frame (at least n rows; an empty cloud for a
    // model with none, such as one that stopped early).
    W1FrameReading measure(int frame, double t, bool atTarget, const std::vector<Points>& clouds);
    // The same in two halves, so the models' readings can be shown before the floor's: the
    // models (the floor left unmeasured), then the floor at a time. The floor depends on the
    // reference and t only, so it can also be measured once and kept (its own tracks are
    // warm-started from the floor measured before, whatever the models did).
    W1FrameReading measureModels(int frame, double t, bool atTarget,
                                 const std::vector<Points>& clouds);
    FloorStats measureFloor(double t, bool atTarget);

  private:
    W1Reference reference_;
    int models_;
    std::vector<W1Track> tracks_;  // models first, then one per floor pair
};

// The reference of a scenario's sampling run: n = min(w1_points, particles, maxN), seeded
// from the sampling seed, so the app and `symscore-cli run` use the same points.
W1Reference scenarioReference(const Scenario& s, int maxN = std::numeric_limits<int>::max());

// Particles farther than this from the origin count as diverged (their squared distances
// would lose all precision long before they overflow).
constexpr double kDivergedRadius = 1e8;

}  // namespace symscore
