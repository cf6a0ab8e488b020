#include "core/sampler.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/random.hpp"

namespace symscore {

namespace {

void require(bool ok, const char* field, const std::string& why) {
    if (!ok) throw std::invalid_argument(std::string("sampling.") + field + ": " + why);
}

// One chunk of particles [begin, end): its random stream and its scratch buffers, so chunks
// run in parallel without sharing anything.
struct Chunk {
    int begin = 0, end = 0;
    Rng rng;
    PointsF xin, sout;  // score input and output
    Points a, b;        // Heun's first slope and predictor; the corrector's score and noise
    int size() const { return end - begin; }
};

class Integrator {
  public:
    Integrator(const ScoreField& score, const Process& process, const SamplerOptions& o, Points& y)
        : score_(score), process_(process), o_(o), y_(y) {
        const int n = int(y.rows());
        for (int begin = 0, c = 0; begin < n; begin += o.chunkParticles, ++c) {
            Chunk ch;
            ch.begin = begin;
            ch.end = std::min(n, begin + o.chunkParticles);
            ch.rng = Rng(o.seed, std::uint64_t(c));
            ch.xin.resize(ch.size(), 2);
            ch.sout.resize(ch.size(), 2);
            chunks_.push_back(std::move(ch));
        }
    }

    void drawPrior() {
        const double sd = process_.priorStd();
        forEachChunk([&](Chunk& c) {
            for (int i = c.begin; i < c.end; ++i) {
                y_(i, 0) = sd * c.rng.normal();
                y_(i, 1) = sd * c.rng.normal();
            }
        });
    }

    // One step from t down to tn.
    void step(double t, double tn) {
        const double h = t - tn;
        switch (o_.method) {
            case SamplingMethod::EulerMaruyama:
                forEachChunk([&](Chunk& c) { eulerMaruyama(c, t, h); });
                break;
            case SamplingMethod::ProbabilityFlow:
                forEachChunk([&](Chunk& c) { heun(c, t, tn); });
                break;
            case SamplingMethod::PredictorCorrector:
                for (int k = 0; k < o_.correctorSteps; ++k) langevin(t, h);
                forEachChunk([&](Chunk& c) { eulerMaruyama(c, t, h); });
                break;
        }
    }

    // The first particle that is NaN/Inf or beyond the radius, or -1.
    int firstBadParticle(double radius) {
        std::vector<int> bad(chunks_.size(), -1);
        forEachChunk([&](Chunk& c) {
            for (int i = c.begin; i < c.end; ++i) {
                const double r2 = y_(i, 0) * y_(i, 0) + y_(i, 1) * y_(i, 1);
                if (!(r2 <= radius * radius)) {  // also catches NaN
                    bad[std::size_t(&c - chunks_.data())] = i;
                    return;
                }
            }
        });
        for (int b : bad)
            if (b >= 0) return b;
        return -1;
    }

  private:
    template <class F>
    void forEachChunk(F&& f) {
        tbb::parallel_for(0, int(chunks_.size()), [&](int k) { f(chunks_[std::size_t(k)]); });
    }

    // out = s(y_chunk, t) (evaluated in float, as every ScoreField is).
    void evalScore(Chunk& c, const Eigen::Ref<const Points>& x, double t) {
        c.xin = x.cast<float>();
        score_.score(c.xin, t, c.sout);
    }

    // Y <- Y - h [f(t) Y - g(t)^2 s(Y, t)] + g(t) sqrt(h) z
    void eulerMaruyama(Chunk& c, double t, double h) {
        auto y = y_.middleRows(c.begin, c.size());
        evalScore(c, y, t);
        const double f = process_.f(t), g2 = process_.g2(t), noise = std::sqrt(g2 * h);
        for (int i = 0; i < c.size(); ++i)
            for (int d = 0; d < 2; ++d)
                y(i, d) += -h * (f * y(i, d) - g2 * double(c.sout(i, d))) + noise * c.rng.normal();
    }

    // Heun on dY/dt = F(Y, t) = f Y - g^2 s / 2, backwards from t to tn.
    void heun(Chunk& c, double t, double tn) {
        auto y = y_.middleRows(c.begin, c.size());
        const double h = t - tn;
        evalScore(c, y, t);
        c.a = process_.f(t) * y - 0.5 * process_.g2(t) * c.sout.cast<double>();  // F0
        c.b = y - h * c.a;                                                       // Euler predictor
        evalScore(c, c.b, tn);
        const Points f1 = process_.f(tn) * c.b - 0.5 * process_.g2(tn) * c.sout.cast<double>();
        y -= 0.5 * h * (c.a + f1);
    }

    // Langevin corrector at time t (Song et al. 2021): step size
    // 2 alpha (snr |z| / |s|)^2 with the norms averaged over all particles, then
    // Y <- Y + step s + sqrt(2 step) z. alpha = 1 - g^2 h plays the discrete 1 - beta_i of
    // VP (and OU); VE uses 1.
    void langevin(double t, double h) {
        std::vector<double> sNorm(chunks_.size(), 0.0), zNorm(chunks_.size(), 0.0);
        forEachChunk([&](Chunk& c) {
            const std::size_t k = std::size_t(&c - chunks_.data());
            evalScore(c, y_.middleRows(c.begin, c.size()), t);
            c.a = c.sout.cast<double>();
            c.b.resize(c.size(), 2);
            for (int i = 0; i < c.size(); ++i) {
                c.b(i, 0) = c.rng.normal();
                c.b(i, 1) = c.rng.normal();
            }
            sNorm[k] = c.a.rowwise().norm().sum();
            zNorm[k] = c.b.rowwise().norm().sum();
        });
        double sn = 0, zn = 0;  // summed in chunk order: independent of thread count
        for (std::size_t k = 0; k < chunks_.size(); ++k) {
            sn += sNorm[k];
            zn += zNorm[k];
        }
        if (!(sn > 0)) return;
        const double alpha =
            process_.spec().type == ProcessType::VE ? 1.0 : std::max(0.0, 1.0 - process_.g2(t) * h);
        const double ratio = o_.snr * zn / sn;
        const double stepSize = 2.0 * alpha * ratio * ratio;
        const double noise = std::sqrt(2.0 * stepSize);
        forEachChunk(
            [&](Chunk& c) { y_.middleRows(c.begin, c.size()) += stepSize * c.a + noise * c.b; });
    }

    const ScoreField& score_;
    const Process& process_;
    const SamplerOptions& o_;
    Points& y_;
    std::vector<Chunk> chunks_;
};

class Recorder {
  public:
    Recorder(const SamplerOptions& o, int steps, int n) : stride_(o.recordStride) {
        if (stride_ <= 0) return;
        t_.particles = o.recordParticles < 0 ? n : std::min(o.recordParticles, n);
        const int capacity = steps / stride_ + 1 + (steps % stride_ != 0 ? 1 : 0);
        t_.xy.reserve(std::size_t(capacity) * std::size_t(t_.particles) * 2);
        t_.times.reserve(std::size_t(capacity));
    }
    void record(const Points& y, double t, int step) {
        if (stride_ <= 0 || step == lastStep_) return;
        lastStep_ = step;
        for (int i = 0; i < t_.particles; ++i) {
            t_.xy.push_back(float(y(i, 0)));
            t_.xy.push_back(float(y(i, 1)));
        }
        t_.times.push_back(t);
        ++t_.frames;
    }
    bool due(int step, int steps) const {
        return stride_ > 0 && (step % stride_ == 0 || step == steps);
    }
    int frames() const { return t_.frames; }
    Trajectory take() { return std::move(t_); }

  private:
    int stride_;
    int lastStep_ = -1;
    Trajectory t_;
};

}  // namespace

SamplerOptions samplerOptions(const SamplingSpec& spec) {
    SamplerOptions o;
    o.method = spec.method;
    o.steps = spec.steps;
    o.particles = spec.particles;
    o.seed = spec.seed;
    return o;
}

std::vector<double> timeGrid(const Process& process, int steps, TimeSchedule schedule) {
    require(steps >= 1, "steps", "must be at least 1");
    std::vector<double> t(std::size_t(steps) + 1);
    const double T = process.T(), eps = process.eps();
    for (int k = 0; k <= steps; ++k) {
        const double u = 1.0 - double(k) / steps;  // 1 at T, 0 at eps
        t[std::size_t(k)] = eps + (T - eps) * (schedule == TimeSchedule::Quadratic ? u * u : u);
    }
    t.front() = T;  // exact ends, whatever the rounding
    t.back() = eps;
    return t;
}

SampleResult sample(const ScoreField& score, const Process& process, const SamplerOptions& o,
                    const SampleProgressFn& progress, const std::atomic<bool>* stop) {
    require(o.steps >= 1 && o.steps <= 1000000, "steps", "must be between 1 and 1000000");
    require(o.particles >= 1 && o.particles <= 10000000, "particles",
            "must be between 1 and 10000000");
    require(o.chunkParticles >= 1, "chunkParticles", "must be at least 1");
    require(std::isfinite(o.snr) && o.snr > 0, "snr", "must be a positive number");
    require(o.correctorSteps >= 0, "correctorSteps", "must be >= 0");
    require(o.recordStride >= 0, "recordStride", "must be >= 0");
    require(o.blowUpRadius > 0, "blowUpRadius", "must be positive");
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const std::vector<double> grid = timeGrid(process, o.steps, o.schedule);
    // A VE prior may be as wide as 1e6 (docs/scenario.md): the radius stays well outside it,
    // so only a particle that really ran away ends the run.
    const double radius = std::max(o.blowUpRadius, 10.0 * process.priorStd());

    SampleResult r;
    r.samples.resize(o.particles, 2);
    Integrator integrator(score, process, o, r.samples);
    Recorder recorder(o, o.steps, o.particles);
    integrator.drawPrior();
    recorder.record(r.samples, grid[0], 0);
    r.tEnd = grid[0];
    const long long perStep = o.method == SamplingMethod::ProbabilityFlow ? 2
                              : o.method == SamplingMethod::PredictorCorrector
                                  ? 1 + o.correctorSteps
                                  : 1;

    auto lastReport = start - std::chrono::seconds(1);  // the first step reports at once
    auto report = [&](bool force) {
        if (!progress) return;
        const auto now = Clock::now();
        if (!force && now - lastReport < std::chrono::milliseconds(50)) return;
        lastReport = now;
        progress({r.stepsDone, o.steps, r.tEnd, recorder.frames()});
    };
    for (int k = 0; k < o.steps; ++k) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            r.status = SampleStatus::Stopped;
            r.message = "stopped at step " + std::to_string(k) + " of " + std::to_string(o.steps);
            break;
        }
        integrator.step(grid[std::size_t(k)], grid[std::size_t(k) + 1]);
        r.stepsDone = k + 1;
        r.tEnd = grid[std::size_t(k) + 1];
        r.scoreEvaluations += perStep * o.particles;
        if (const int bad = integrator.firstBadParticle(radius); bad >= 0) {
            std::ostringstream m;
            m << "blew up: particle " << bad << " at step " << r.stepsDone << " (t = " << r.tEnd
              << ") is at (" << r.samples(bad, 0) << ", " << r.samples(bad, 1) << "), "
              << (r.samples.row(bad).allFinite() ? "beyond the blow-up radius" : "not finite")
              << "; the score field is probably unstable there";
            r.status = SampleStatus::BlewUp;
            r.message = m.str();
            break;
        }
        if (recorder.due(r.stepsDone, o.steps)) recorder.record(r.samples, r.tEnd, r.stepsDone);
        report(false);
    }
    recorder.record(r.samples, r.tEnd, r.stepsDone);  // a stopped run still ends on a frame
    r.trajectory = recorder.take();
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report(true);
    return r;
}

}  // namespace symscore
