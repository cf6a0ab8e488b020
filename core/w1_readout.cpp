#include "core/w1_readout.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/assignment.hpp"
#include "core/random.hpp"
#include "core/wasserstein.hpp"

namespace symscore {

W1Reference::W1Reference(const Mixture& target, const Process& process, int n, std::uint64_t seed,
                         int pairs)
    : process_(process), n_(n), pairs_(pairs) {
    if (n < 2) throw std::invalid_argument("W1 readout: n must be >= 2");
    if (pairs < 1) throw std::invalid_argument("W1 readout: the floor needs at least one pair");
    const int samples = 1 + 2 * pairs;
    for (int k = 0; k < samples; ++k) {
        Rng rng(seed, 0x0f100 + std::uint64_t(k));
        x0_.push_back(target.sample(n, rng));
        Points z(n, 2);
        for (int i = 0; i < n; ++i) {
            z(i, 0) = rng.normal();
            z(i, 1) = rng.normal();
        }
        z_.push_back(std::move(z));
    }
}

Points W1Reference::at(int k, double t, bool atTarget) const {
    const auto i = std::size_t(k);
    if (atTarget) return x0_.at(i);
    return process_.alpha(t) * x0_.at(i) + process_.sigma(t) * z_.at(i);
}

namespace {
std::string describe(double radius) {
    std::ostringstream s;
    s << "particles beyond |x| = " << radius << ": the model diverged";
    return s.str();
}
}  // namespace

W1Value W1Track::measure(const Eigen::Ref<const Points>& particles,
                         const Eigen::Ref<const Points>& reference) {
    W1Value v;
    const Eigen::Index n = reference.rows();
    if (particles.rows() < n) {
        v.problem = particles.rows() == 0 ? "no particles" : "fewer particles than the reference";
        return v;
    }
    const auto a = particles.topRows(n);
    if (!a.allFinite()) {
        v.problem = "non-finite particles: the model blew up";
        duals_.clear();
        return v;
    }
    if (a.cwiseAbs().maxCoeff() > kDivergedRadius) {
        v.problem = describe(kDivergedRadius);
        duals_.clear();
        return v;
    }
    if (method_ == W1Method::Sliced) {
        v.w1 = w1Sliced(a, reference);
        return v;
    }
    v.w1 = euclideanAssignmentFrom(a, reference, duals_).cost / double(n);
    return v;
}

W1Readout::W1Readout(W1Reference reference, int models, W1Method method)
    : reference_(std::move(reference)), models_(models) {
    for (int k = 0; k < models + reference_.pairs(); ++k) tracks_.emplace_back(method);
}

W1FrameReading W1Readout::measure(int frame, double t, bool atTarget,
                                  const std::vector<Points>& clouds) {
    if (int(clouds.size()) != models_)
        throw std::invalid_argument("W1 readout: one cloud per model");
    W1FrameReading r;
    r.frame = frame;
    r.t = t;
    r.atTarget = atTarget;
    r.models.resize(std::size_t(models_));
    const int pairs = reference_.pairs();
    std::vector<W1Value> floors(static_cast<std::size_t>(pairs));
    const Points ref = reference_.at(0, t, atTarget);
    tbb::parallel_for(0, models_ + pairs, [&](int k) {
        auto& track = tracks_[std::size_t(k)];
        if (k < models_) {
            r.models[std::size_t(k)] = track.measure(clouds[std::size_t(k)], ref);
        } else {
            const int p = k - models_;
            floors[std::size_t(p)] = track.measure(reference_.at(1 + 2 * p, t, atTarget),
                                                   reference_.at(2 + 2 * p, t, atTarget));
        }
    });
    double sum = 0, sq = 0;
    for (const W1Value& f : floors) sum += f.w1;
    r.floor.mean = sum / pairs;
    for (const W1Value& f : floors) sq += (f.w1 - r.floor.mean) * (f.w1 - r.floor.mean);
    r.floor.spread = pairs > 1 ? std::sqrt(sq / (pairs - 1)) : 0.0;
    r.floor.n = reference_.n();
    r.floor.pairs = pairs;
    return r;
}

W1Reference scenarioReference(const Scenario& s, int maxN) {
    const int n = std::min({s.metrics.w1_points, s.sampling.particles, maxN});
    return W1Reference(s.makeTarget(), s.makeProcess(), n, s.sampling.seed ^ 0x3a1d0f5eedULL);
}

}  // namespace symscore
