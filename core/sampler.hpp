#pragma once
// Reverse-time samplers (docs/math.md, section 6): from the process prior at T down to eps
// (early stopping), with any ScoreField.
// - Euler-Maruyama on the reverse SDE  dY = [f Y - g^2 s] dt + g dW.
// - Heun (2nd order) on the probability-flow ODE  dY/dt = f Y - g^2 s / 2 (deterministic
//   given the prior draw).
// - Predictor-corrector: a Langevin corrector step at signal-to-noise ratio snr before each
//   Euler-Maruyama predictor step (Song et al., "Score-based generative modeling through
//   stochastic differential equations", ICLR 2021, Algorithms 2-3 and their code).
// Particles are integrated in fixed chunks, in parallel (TBB), each chunk with its own random
// stream Rng(seed, chunk): results do not depend on the number of threads.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/process.hpp"
#include "core/scenario.hpp"
#include "core/score_field.hpp"
#include "core/types.hpp"

namespace symscore {

// Uniform steps, or t_k = eps + (T - eps)(1 - k/N)^2: steps shrink towards eps, where the
// score changes fastest.
enum class TimeSchedule { Uniform, Quadratic };

struct SamplerOptions {
    SamplingMethod method = SamplingMethod::EulerMaruyama;
    int steps = 500;
    int particles = 2000;
    unsigned long long seed = 11;
    TimeSchedule schedule = TimeSchedule::Uniform;
    double snr = 0.16;       // predictor-corrector only
    int correctorSteps = 1;  // Langevin steps per time step, predictor-corrector only
    // Trajectory: a frame every recordStride steps (the prior at T and the final state are
    // always frames); 0 records nothing. recordParticles < 0 records all particles,
    // otherwise the first recordParticles.
    int recordStride = 0;
    int recordParticles = -1;
    // A particle that is NaN/Inf or farther than this (or 10 prior standard deviations, if
    // more) from the origin ends the run with status BlewUp.
    double blowUpRadius = 1e6;
    int chunkParticles = 512;  // fixed, so random streams do not depend on thread count
};

// From a scenario's "sampling" block.
SamplerOptions samplerOptions(const SamplingSpec& spec);

// The time grid T = t_0 > t_1 > ... > t_steps = eps.
std::vector<double> timeGrid(const Process& process, int steps, TimeSchedule schedule);

// frames x particles x 2 floats in one contiguous buffer: frame f is
// xy[f * particles * 2 .. (f + 1) * particles * 2), a ready-made PointsF block.
struct Trajectory {
    int frames = 0;
    int particles = 0;
    std::vector<float> xy;
    std::vector<double> times;  // the time of each frame, from T down to eps
    Eigen::Map<const PointsF> frame(int f) const {
        return {xy.data() + std::size_t(f) * std::size_t(particles) * 2, particles, 2};
    }
};

enum class SampleStatus { Finished, Stopped, BlewUp };

struct SampleProgress {
    int step = 0;  // steps done
    int steps = 0;
    double t = 0;    // current time
    int frames = 0;  // trajectory frames recorded so far
};
using SampleProgressFn = std::function<void(const SampleProgress&)>;

struct SampleResult {
    Points samples;  // the particles where the run ended (at eps when Finished)
    Trajectory trajectory;
    SampleStatus status = SampleStatus::Finished;
    std::string message;  // why it stopped, for Stopped and BlewUp
    int stepsDone = 0;
    double tEnd = 0;  // the time the samples belong to
    double seconds = 0;
    long long scoreEvaluations = 0;  // particle evaluations of the score field
};

// Runs the sampler. progress is called on the calling thread between steps, at most about
// 20 times a second and once at the end. stop (may be null) is polled every step; setting it
// ends the run with status Stopped and the particles as they are. Throws
// std::invalid_argument on bad options (steps, particles, snr, ... named).
SampleResult sample(const ScoreField& score, const Process& process, const SamplerOptions& options,
                    const SampleProgressFn& progress = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace symscore
