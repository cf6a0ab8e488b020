#include "core/w1_readout.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstring>
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
    // FNV-1a over what decides the samples: the points, the noise and the process at a few
    // times (two processes that agree there are the same schedule for any practical purpose).
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        h = (h ^ bits) * 1099511628211ULL;
    };
    mix(n);
    mix(pairs);
    for (double t : {0.0, 0.1, 0.5, 1.0, 5.0, 50.0}) {
        mix(process_.alpha(t));
        mix(process_.sigma(t));
    }
    for (int k = 0; k < samples; ++k)
        for (const Points* p : {&x0_[std::size_t(k)], &z_[std::size_t(k)]})
            for (Eigen::Index i = 0; i < p->size(); ++i) mix(p->data()[i]);
    identity_ = h;
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
        start_ = {};
        return v;
    }
    if (a.cwiseAbs().maxCoeff() > kDivergedRadius) {
        v.problem = describe(kDivergedRadius);
        start_ = {};
        return v;
    }
    if (method_ == W1Method::Sliced) {
        v.w1 = w1Sliced(a, reference);
        return v;
    }
    v.w1 = euclideanAssignmentFrom(a, reference, start_).cost / double(n);
    return v;
}

W1Readout::W1Readout(W1Reference reference, int models, W1Method method)
    : reference_(std::move(reference)), models_(models) {
    for (int k = 0; k < models + reference_.pairs(); ++k) tracks_.emplace_back(method);
}

W1FrameReading W1Readout::measure(int frame, double t, bool atTarget,
                                  const std::vector<Points>& clouds) {
    W1FrameReading r = measureModels(frame, t, atTarget, clouds);
    r.floor = measureFloor(t, atTarget);
    return r;
}

W1FrameReading W1Readout::measureModels(int frame, double t, bool atTarget,
                                        const std::vector<Points>& clouds) {
    if (int(clouds.size()) != models_)
        throw std::invalid_argument("W1 readout: one cloud per model");
    W1FrameReading r;
    r.frame = frame;
    r.t = t;
    r.atTarget = atTarget;
    r.models.resize(std::size_t(models_));
    r.floor.n = reference_.n();
    const Points ref = reference_.at(0, t, atTarget);
    tbb::parallel_for(0, models_, [&](int k) {
        r.models[std::size_t(k)] = tracks_[std::size_t(k)].measure(clouds[std::size_t(k)], ref);
    });
    return r;
}

FloorStats W1Readout::measureFloor(double t, bool atTarget) {
    const int pairs = reference_.pairs();
    std::vector<W1Value> floors(static_cast<std::size_t>(pairs));
    tbb::parallel_for(0, pairs, [&](int p) {
        floors[std::size_t(p)] = tracks_[std::size_t(models_ + p)].measure(
            reference_.at(1 + 2 * p, t, atTarget), reference_.at(2 + 2 * p, t, atTarget));
    });
    FloorStats f;
    double sum = 0, sq = 0;
    for (const W1Value& v : floors) sum += v.w1;
    f.mean = sum / pairs;
    for (const W1Value& v : floors) sq += (v.w1 - f.mean) * (v.w1 - f.mean);
    f.spread = pairs > 1 ? std::sqrt(sq / (pairs - 1)) : 0.0;
    f.n = reference_.n();
    f.pairs = pairs;
    return f;
}

W1Reference scenarioReference(const Scenario& s, int maxN) {
    const int n = std::min({s.metrics.w1_points, s.sampling.particles, maxN});
    return W1Reference(s.makeTarget(), s.makeProcess(), n, s.sampling.seed ^ 0x3a1d0f5eedULL);
}

}  // namespace symscore
