#include "core/trainer.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

namespace symscore {

namespace {
constexpr int kMaxSlots = 16;
// The DSM loss is O(1) (||z - eps||^2 is 2 for eps = 0) and O(1e3) at most with g^2
// weighting; beyond this, float arithmetic is a few steps from Inf. Adam's bounded steps
// can keep such a run finite for long, so it counts as diverged too.
constexpr double kExplodedLoss = 1e15;
constexpr std::uint64_t kNoiseSalt = 0x6e6f697365ULL, kGroupSalt = 0x67726f7570ULL,
                        kIndexSalt = 0x696e646578ULL;
using Clock = std::chrono::steady_clock;

std::vector<Trainer::Entry> entriesFor(const Scenario& s) {
    std::vector<Trainer::Entry> out;
    for (const ModelSpec& m : s.models) {
        if (m.equivariance == Equivariance::Exact) continue;
        out.push_back(
            {m.name, m.augmentation,
             std::shared_ptr<NeuralScore>(makeNeuralScore(modelConfig(s, m), s.training.seed))});
    }
    return out;
}

bool allFinite(std::span<float> v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}
}  // namespace

Points drawTrainingSet(const Scenario& scenario) {
    Rng rng(scenario.data.seed, 0x7472);
    return scenario.makeTarget().sample(scenario.data.n_train, rng);
}

// Minibatch indices into a set of `size` points: the concatenation of shuffled epochs,
// a pure function of the position, so a dropped step redraws the same indices.
class Trainer::IndexStream {
  public:
    IndexStream(int size, std::uint64_t seed) : size_(size), seed_(seed) {}
    void draw(long firstPosition, int count, std::vector<int>& out) {
        out.resize(std::size_t(count));
        for (int i = 0; i < count; ++i) {
            const long p = firstPosition + i;
            const long epoch = p / size_;
            if (epoch != epoch_) shuffle(epoch);
            out[std::size_t(i)] = perm_[std::size_t(p % size_)];
        }
    }

  private:
    void shuffle(long epoch) {
        perm_.resize(std::size_t(size_));
        std::iota(perm_.begin(), perm_.end(), 0);
        Rng rng(seed_, std::uint64_t(epoch));
        for (int i = size_ - 1; i > 0; --i)
            std::swap(perm_[std::size_t(i)], perm_[std::size_t(rng.below(std::uint64_t(i + 1)))]);
        epoch_ = epoch;
    }
    int size_;
    std::uint64_t seed_;
    long epoch_ = -1;
    std::vector<int> perm_;
};

struct Trainer::ModelState {
    struct Slot {
        NeuralScore::Workspace ws;
        FloatBuffer grad, scratch;
        double loss = 0.0;
    };
    ModelState(const NeuralScore& model, int batch, const Adam::Options& opt)
        : adam(model.network().parameterCount(), opt) {
        const std::size_t p = model.network().parameterCount();
        const int rows = model.chunkRows();
        chunks = (batch + rows - 1) / rows;
        slots.resize(std::size_t(std::min(chunks, kMaxSlots)));
        for (Slot& s : slots) {
            s.ws = model.makeWorkspace();
            s.grad.assign(p, 0.0f);
            s.scratch.assign(p, 0.0f);
        }
        grad.assign(p, 0.0f);
        backup.assign(p, 0.0f);
        data.resize(batch);
    }
    Adam adam;
    DsmBatch data;
    int chunks = 0;
    std::vector<Slot> slots;
    FloatBuffer grad, backup;
    ModelProgress progress;
    double lossSum = 0.0;
    long lossCount = 0;
};

Trainer::Trainer(const TrainingSpec& spec, const Process& process, const Group& group,
                 Points trainingSet, std::vector<Entry> models)
    : spec_(spec),
      process_(process),
      group_(group),
      data_(std::move(trainingSet)),
      entries_(std::move(models)),
      arena_(spec.threads > 0 ? spec.threads : tbb::task_arena::automatic) {
    if (data_.rows() < 1) throw std::invalid_argument("data.n_train: the training set is empty");
    if (entries_.empty()) throw std::invalid_argument("models: nothing to train");
    if (spec_.batch < 1) throw std::invalid_argument("training.batch: must be at least 1");
    if (spec_.steps < 0) throw std::invalid_argument("training.steps: must not be negative");
    if (!(spec_.lr > 0.0) || !std::isfinite(spec_.lr))
        throw std::invalid_argument("training.lr: must be positive");
    Adam::Options opt;
    opt.gradClip = spec_.grad_clip;
    for (const Entry& e : entries_) {
        if (!e.model) throw std::invalid_argument("models: " + e.name + " has no network");
        states_.push_back(std::make_unique<ModelState>(*e.model, spec_.batch, opt));
        states_.back()->progress.name = e.name;
    }
    const int n = int(data_.rows());
    rawIndices_ = std::make_unique<IndexStream>(n, spec_.seed ^ kIndexSalt);
    orbitIndices_ = std::make_unique<IndexStream>(n * group_.order(), spec_.seed ^ kIndexSalt ^ 1u);
}

Trainer::Trainer(const Scenario& s)
    : Trainer(s.training, s.makeProcess(), s.makeGroup(), drawTrainingSet(s), entriesFor(s)) {}

Trainer::~Trainer() = default;

void Trainer::drawStep(long step) {
    const int b = spec_.batch;
    t_.resize(std::size_t(b));
    alpha_.resize(std::size_t(b));
    sigma_.resize(std::size_t(b));
    weight_.resize(std::size_t(b));
    z_.resize(b, 2);
    Rng noise(spec_.seed ^ kNoiseSalt, std::uint64_t(step));
    const double eps = process_.eps(), span = process_.T() - process_.eps();
    for (int i = 0; i < b; ++i) {
        const double t = eps + span * noise.uniform();
        t_[std::size_t(i)] = float(t);
        z_(i, 0) = float(noise.normal());
        z_(i, 1) = float(noise.normal());
        const double s = process_.sigma(t);
        alpha_[std::size_t(i)] = float(process_.alpha(t));
        sigma_[std::size_t(i)] = float(s);
        weight_[std::size_t(i)] =
            spec_.weighting == LossWeighting::Sigma2 ? 1.0f : float(process_.g2(t) / (s * s));
    }
    rawIndices_->draw(step * b, b, rawIdx_);
    orbitIndices_->draw(step * b, b, orbitIdx_);
    Rng pick(spec_.seed ^ kGroupSalt, std::uint64_t(step));
    randomG_.resize(std::size_t(b));
    for (int& g : randomG_) g = group_.randomIndex(pick);
}

// Model m's rows of this step: x_t = alpha x0 + sigma z with its augmentation of x0, and the
// step's shared noise, times and weights.
void Trainer::fillRows(std::size_t m) {
    const int b = spec_.batch, order = group_.order();
    ModelState& st = *states_[m];
    for (int i = 0; i < b; ++i) {
        Vec2 x0;
        switch (entries_[m].augmentation) {
            case Augmentation::None:
                x0 = data_.row(rawIdx_[std::size_t(i)]).transpose();
                break;
            case Augmentation::Random:
                x0 = group_.element(randomG_[std::size_t(i)]) *
                     data_.row(rawIdx_[std::size_t(i)]).transpose();
                break;
            case Augmentation::Orbit: {
                const int j = orbitIdx_[std::size_t(i)];
                x0 = group_.element(j % order) * data_.row(j / order).transpose();
                break;
            }
        }
        const double a = alpha_[std::size_t(i)], s = sigma_[std::size_t(i)];
        st.data.xt(i, 0) = float(a * x0.x() + s * z_(i, 0));
        st.data.xt(i, 1) = float(a * x0.y() + s * z_(i, 1));
    }
    st.data.z = z_;
    st.data.t = t_;
    st.data.alpha = alpha_;
    st.data.sigma = sigma_;
    st.data.weight = weight_;
}

// Model m's step: sums its slots' gradients, stops it (keeping the last finite parameters)
// if the loss, the gradient or the new parameters are not finite, else an Adam step.
void Trainer::applyGradients(std::size_t m, long step, double lr) {
    const int b = spec_.batch;
    ModelState& st = *states_[m];
    if (st.progress.status != TrainStatus::Training) return;
    Eigen::Map<Eigen::VectorXf> grad(st.grad.data(), Eigen::Index(st.grad.size()));
    double loss = 0.0;
    for (std::size_t s = 0; s < st.slots.size(); ++s) {
        const Eigen::Map<const Eigen::VectorXf> g(st.slots[s].grad.data(), grad.size());
        if (s == 0)
            grad = g;
        else
            grad += g;
        loss += st.slots[s].loss;
    }
    loss /= double(b);
    const double norm = std::sqrt(grad.cast<double>().squaredNorm());
    auto diverge = [&](const std::string& what) {
        st.progress.status = TrainStatus::Diverged;
        st.progress.message =
            what + " at step " + std::to_string(step) + "; keeping the last finite parameters";
    };
    if (!std::isfinite(loss)) return diverge(std::isnan(loss) ? "loss is NaN" : "loss is infinite");
    if (!std::isfinite(norm)) return diverge("gradient is not finite");
    if (loss > kExplodedLoss) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "loss exploded to %.3g", loss);
        return diverge(buf);
    }
    NeuralScore& model = *entries_[m].model;
    std::span<float> params = model.network().parameters();
    std::copy(params.begin(), params.end(), st.backup.begin());
    st.adam.step(params, st.grad, lr);
    if (!allFinite(params)) {
        std::copy(st.backup.begin(), st.backup.end(), params.begin());
        return diverge("parameters overflowed");
    }
    st.progress.step = step + 1;
    st.progress.lr = lr;
    st.progress.gradNorm = norm;
    st.lossSum += loss;
    ++st.lossCount;
    if (step + 1 >= spec_.steps) st.progress.status = TrainStatus::Finished;
}

bool Trainer::trainStep(long step, const std::atomic<bool>* stop) {
    drawStep(step);
    const int b = spec_.batch;
    struct Task {
        ModelState* state;
        const NeuralScore* model;
        int slot;
    };
    std::vector<Task> tasks;
    for (std::size_t m = 0; m < states_.size(); ++m) {
        ModelState& st = *states_[m];
        if (st.progress.status != TrainStatus::Training) continue;
        fillRows(m);
        for (int s = 0; s < int(st.slots.size()); ++s)
            tasks.push_back({&st, entries_[m].model.get(), s});
    }
    if (tasks.empty()) return true;

    std::atomic<bool> interrupted{false};
    const float scale = 1.0f / float(b);
    arena_.execute([&] {
        tbb::parallel_for(0, int(tasks.size()), [&](int k) {
            const Task& task = tasks[std::size_t(k)];
            ModelState& st = *task.state;
            ModelState::Slot& slot = st.slots[std::size_t(task.slot)];
            const int rows = task.model->chunkRows();
            slot.loss = 0.0;
            bool first = true;
            for (int c = task.slot; c < st.chunks; c += int(st.slots.size())) {
                if (stop && stop->load(std::memory_order_relaxed)) {
                    interrupted = true;
                    return;
                }
                float* g = first ? slot.grad.data() : slot.scratch.data();
                slot.loss += task.model->chunkLoss(st.data, c * rows, std::min(b, (c + 1) * rows),
                                                   slot.ws, g, scale);
                if (!first)
                    Eigen::Map<Eigen::VectorXf>(slot.grad.data(), Eigen::Index(slot.grad.size())) +=
                        Eigen::Map<const Eigen::VectorXf>(slot.scratch.data(),
                                                          Eigen::Index(slot.scratch.size()));
                first = false;
            }
        });
    });
    if (interrupted) return false;

    const double lr = scheduledLearningRate(spec_.lr, spec_.lr_schedule, step, spec_.steps);
    arena_.execute([&] {
        tbb::parallel_for(std::size_t(0), states_.size(),
                          [&](std::size_t m) { applyGradients(m, step, lr); });
    });
    return true;
}

TrainProgress Trainer::snapshot(bool resetLossMeans) {
    TrainProgress p;
    p.step = step_;
    p.totalSteps = spec_.steps;
    p.seconds = seconds_;
    p.stepsPerSecond = lastRate_;
    for (auto& st : states_) {
        if (st->lossCount > 0) st->progress.loss = st->lossSum / double(st->lossCount);
        if (resetLossMeans) st->lossSum = 0.0, st->lossCount = 0;
        p.models.push_back(st->progress);
    }
    return p;
}

TrainProgress Trainer::progress() const { return const_cast<Trainer*>(this)->snapshot(false); }

RunResult Trainer::run(long budget, const std::atomic<bool>* stop,
                       const ProgressCallback& progress) {
    const auto start = Clock::now();
    auto lastReport = start;
    long done = 0;
    RunResult result = RunResult::BudgetUsed;
    auto anyTraining = [&] {
        for (auto& st : states_)
            if (st->progress.status == TrainStatus::Training) return true;
        return false;
    };
    for (auto& st : states_)
        if (step_ >= spec_.steps && st->progress.status == TrainStatus::Training)
            st->progress.status = TrainStatus::Finished;
    while (true) {
        if (!anyTraining()) {
            result = RunResult::Finished;
            break;
        }
        if (done >= budget) break;
        if (stop && stop->load()) {
            result = RunResult::Stopped;
            break;
        }
        if (!trainStep(step_, stop)) {
            result = RunResult::Stopped;
            break;
        }
        ++step_;
        ++done;
        const auto now = Clock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        lastRate_ = elapsed > 0 ? double(done) / elapsed : 0.0;
        if (progress && now - lastReport >= std::chrono::milliseconds(50)) {
            seconds_ += std::chrono::duration<double>(now - lastReport).count();
            lastReport = now;
            progress(snapshot(true));
        }
    }
    seconds_ += std::chrono::duration<double>(Clock::now() - lastReport).count();
    if (progress) progress(snapshot(true));
    return result;
}

}  // namespace symscore
