#include "core/scenario_validation.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>

#include "core/group.hpp"

namespace symscore {

namespace {

using L = ScenarioLimits;

std::string str(double v) { return formatNumber(v); }

// Collects issues under a path prefix.
class Issues {
  public:
    explicit Issues(FieldIssues& out) : out_(out) {}
    void add(const std::string& field, const std::string& message) {
        out_.push_back({field, message});
    }
    // A whole number in [lo, hi].
    void range(const std::string& field, long long value, long long lo, long long hi) {
        if (value < lo || value > hi)
            add(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                           ", got " + std::to_string(value));
    }

  private:
    FieldIssues& out_;
};

void checkComponent(Issues& is, const Gaussian& c, const std::string& at) {
    if (!c.mean.allFinite())
        is.add(at + ".mean", "must be finite numbers");
    else if (c.mean.cwiseAbs().maxCoeff() > L::maxCoordinate)
        is.add(at + ".mean", "coordinates must be between -1e6 and 1e6");
    const Mat2& s = c.cov;
    if (!s.allFinite())
        is.add(at + ".cov", "must be finite numbers");
    else if (s.cwiseAbs().maxCoeff() > L::maxCoordinate * L::maxCoordinate)
        is.add(at + ".cov", "entries must be at most 1e6^2 in magnitude");
    else if (std::abs(s(0, 1) - s(1, 0)) > 1e-12 * (1 + s.norm()))
        is.add(at + ".cov", "not symmetric");
    else if (!(s(0, 0) > 0 && s.determinant() > 1e-300 * (1.0 + s.squaredNorm())))
        is.add(at + ".cov", "not positive definite");
    if (!(std::isfinite(c.weight) && c.weight >= 0)) is.add(at + ".weight", "must be >= 0");
}

void checkMixture(Issues& is, const Scenario& s) {
    const MixtureSpec& m = s.mixture;
    const int count = int(m.components.size());
    if (count == 0) is.add("mixture.components", "at least one component is needed");
    if (count > L::maxBaseComponents)
        is.add("mixture.components",
               "at most " + std::to_string(L::maxBaseComponents) + " base components");
    double total = 0;
    for (int i = 0; i < count; ++i) {
        checkComponent(is, m.components[std::size_t(i)],
                       "mixture.components[" + std::to_string(i) + "]");
        total += m.components[std::size_t(i)].weight;
    }
    if (count > 0 && !(total > 0)) is.add("mixture.components", "the weights sum to zero");
    // Divided by their sum, which must be finite even with the first weight doubled by
    // symmetry breaking (two weights of 1e308 made every weight 0).
    if (count > 0 && total > 0 && !std::isfinite(2 * total))
        is.add("mixture.components",
               "the weights sum to more than a double holds: use smaller weights");
    if (!(m.symmetry_breaking >= 0 && m.symmetry_breaking <= 1))
        is.add("mixture.symmetry_breaking", "must be between 0 and 1");
}

void checkGroup(Issues& is, const Scenario& s, bool& groupOk) {
    const GroupSpec& g = s.group;
    groupOk = true;
    if (g.type == GroupType::Cyclic || g.type == GroupType::Dihedral) {
        if (g.n < 1 || g.n > Group::kMaxN) {
            is.range("group.n", g.n, 1, Group::kMaxN);
            groupOk = false;
        }
    }
    if (g.type == GroupType::Reflection && !std::isfinite(g.axis_deg)) {
        is.add("group.axis_deg", "must be a finite number");
        groupOk = false;
    }
}

void checkOrbit(Issues& is, const Scenario& s, bool groupOk, std::size_t issuesBefore,
                const FieldIssues& all) {
    if (!groupOk || !s.mixture.orbit) return;
    const long long orbit = (long long)s.mixture.components.size() * s.makeGroup().order();
    if (orbit > Mixture::kMaxComponents) {
        is.add("mixture.components", "the orbit would make " + std::to_string(orbit) +
                                         " components, more than " +
                                         std::to_string(Mixture::kMaxComponents) +
                                         ": use fewer components or a smaller group");
        return;
    }
    // The whole target must build (an orbit image can still fail, e.g. rounding making a
    // covariance indefinite); only tried once everything it depends on is valid.
    if (all.size() != issuesBefore) return;
    try {
        (void)s.makeTarget();
    } catch (const std::exception& e) {
        is.add("mixture", e.what());
    }
}

void checkNetworkAndTraining(Issues& is, const Scenario& s) {
    const NetworkSpec& n = s.network;
    is.range("network.width", n.width, 1, L::maxWidth);
    is.range("network.depth", n.depth, 1, L::maxDepth);
    is.range("network.fourier_features", n.fourier_features, 0, L::maxFourier);
    if (!(n.fourier_scale > 0 && n.fourier_scale <= L::maxFourierScale))
        is.add("network.fourier_scale", "must be positive and at most " + str(L::maxFourierScale) +
                                            ", got " + str(n.fourier_scale));
    const TrainingSpec& t = s.training;
    is.range("training.steps", t.steps, 0, L::maxSteps);
    is.range("training.batch", t.batch, 1, L::maxBatch);
    if (!(t.lr > 0 && t.lr <= L::maxLearningRate))
        is.add("training.lr", "must be positive and at most " + str(L::maxLearningRate));
    if (!(t.grad_clip >= 0 && std::isfinite(t.grad_clip)))
        is.add("training.grad_clip", "must be >= 0 (0 turns clipping off)");
    is.range("training.threads", t.threads, 0, L::maxThreads);
}

void checkModels(Issues& is, const Scenario& s) {
    if (s.models.empty()) is.add("models", "at least one model is needed");
    if (s.models.size() > std::size_t(L::maxModels))
        is.add("models", "at most " + std::to_string(L::maxModels) + " models");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s.models.size(); ++i) {
        const std::string at = "models[" + std::to_string(i) + "].name";
        const std::string& name = s.models[i].name;
        if (name.empty()) {
            is.add(at, "missing or empty");
            continue;
        }
        if (name.size() > std::size_t(L::maxModelName))
            is.add(at, "longer than " + std::to_string(L::maxModelName) + " characters");
        else if (!std::all_of(name.begin(), name.end(), [](char c) {
                     return std::isalnum((unsigned char)c) || c == '_' || c == '-' || c == '+';
                 }))
            is.add(at, "use letters, digits, '_', '-' or '+' only (it names files)");
        if (!seen.insert(name).second) is.add(at, "\"" + name + "\" is used twice");
    }
}

void checkBudget(Issues& is, const Scenario& s) {
    // Assumes a 16-core machine, so that whether a scenario is accepted does not depend on
    // the machine it is checked on.
    const std::uint64_t need = estimateMemoryBytes(s, 16);
    if (need <= L::memoryBudgetBytes) return;
    // Named at the field that contributes most: the networks, or the sampled particles.
    const char* field = s.training.batch > 4096 ? "training.batch" : "network.width";
    is.add(field, "this scenario needs about " + formatBytes(need) + " (width " +
                      std::to_string(s.network.width) + ", depth " +
                      std::to_string(s.network.depth) + ", batch " +
                      std::to_string(s.training.batch) + ", " + std::to_string(s.models.size()) +
                      " models), more than the memory budget of " +
                      formatBytes(L::memoryBudgetBytes));
}

}  // namespace

FieldIssues validate(const Scenario& s) {
    FieldIssues out;
    Issues is(out);
    bool groupOk = false;
    checkGroup(is, s, groupOk);
    const std::size_t beforeMixture = out.size();
    checkMixture(is, s);
    const std::size_t beforeProcess = out.size();
    for (const FieldIssue& p : processIssues(s.process)) is.add("process." + p.field, p.message);
    const bool processOk = out.size() == beforeProcess;
    if (processOk) checkOrbit(is, s, groupOk, beforeMixture, out);
    is.range("data.n_train", s.data.n_train, 1, L::maxTrain);
    checkNetworkAndTraining(is, s);
    checkModels(is, s);
    is.range("sampling.steps", s.sampling.steps, 1, L::maxSteps);
    is.range("sampling.particles", s.sampling.particles, 1, L::maxParticles);
    is.range("metrics.w1_points", s.metrics.w1_points, 2, L::maxW1Points);
    if (out.empty()) checkBudget(is, s);
    return out;
}

std::uint64_t estimateMemoryBytes(const Scenario& s, int threads) {
    using U = std::uint64_t;
    if (threads <= 0)
        threads =
            s.training.threads > 0 ? s.training.threads : int(std::thread::hardware_concurrency());
    threads = std::max(threads, 1);
    const U order = U(std::max(1, s.group.type == GroupType::Trivial      ? 1
                                  : s.group.type == GroupType::Reflection ? 2
                                  : s.group.type == GroupType::Cyclic     ? s.group.n
                                                                          : 2 * s.group.n));
    const U w = U(std::max(1, s.network.width)), depth = U(std::max(1, s.network.depth));
    const U fourier = U(std::max(0, s.network.fourier_features));
    const U batch = U(std::max(1, s.training.batch));
    // The network (core/network): inputs are at most a handful of spatial features plus
    // 2F time features; every hidden layer is w x w.
    const U inputs = 8 + 2 * fourier;
    const U params = (inputs + 1) * w + (depth - 1) * (w + 1) * w + (w + 1) * 2;
    U total = 0;
    for (const ModelSpec& m : s.models) {
        if (m.equivariance == Equivariance::Exact) continue;
        const U copies = m.equivariance == Equivariance::Reynolds ? order : 1;
        const U rows = std::max<U>(1, 128 / copies);  // columns per chunk / copies
        const U columns = rows * copies;
        const U slots = std::min<U>((batch + rows - 1) / rows, 16);  // the trainer's chunk slots
        // A workspace: inputs, outputs, two buffers per hidden layer (values and SiLU's
        // sigmoid), two gradient buffers, the time features.
        const U workspace = columns * (inputs + 2 + 2 * depth * w + 2 * w + 2 * fourier);
        // Parameters, Adam's two moments, the gradient, a backup, and each slot's gradient
        // and scratch; workspaces for the slots and for every thread that scores.
        total += 4 * (params * (5 + 2 * slots) + (slots + U(threads)) * workspace + batch * 12);
    }
    const U n = U(std::max(0, s.data.n_train));
    total += n * 16 + n * order * 4 * 2;                        // training set, index streams
    total += U(16 * 128) * order * 6 * 4;                       // evaluation set
    total += U(std::max(0, s.sampling.particles)) * 2 * 8 * 6;  // samples and integrator state
    total += 32ULL << 20;                                       // the program itself
    const U components = U(s.mixture.components.size()) * (s.mixture.orbit ? order : 1);
    total += components * 160;
    return total;
}

std::string formatBytes(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= (1ULL << 30))
        std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / double(1ULL << 30));
    else
        std::snprintf(buf, sizeof buf, "%.0f MiB", double(bytes) / double(1ULL << 20));
    return buf;
}

}  // namespace symscore
