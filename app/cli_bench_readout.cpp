// bench section "readout": the live W1 readout of the Sample tab, without the GUI. The default
// scenario's reverse process is sampled three times (the exact score, three seeds: three
// panels whose particles move as a trained model's do), recorded at the frames the app plays,
// and the frames are measured in playing order as the app measures them (core/w1_readout:
// n = 2000 particles per model against one reference sample of p_t, and the noise floor's 4
// pairs, each exact solve warm-started from the frame before).
// - live_w1_frames_per_s_3_models_2000: frames per second of the models' readings (the app's
//   first pass, what the panel titles follow);
// - live_w1_with_floor_frames_per_s_3_models_2000: models and floor together (a first run);
// - live_w1_cold_frames_per_s_3_models_2000: models and floor, every solve from scratch.
#include <chrono>

#include "app/cli_common.hpp"
#include "core/io/presets.hpp"
#include "core/sampler.hpp"
#include "core/score_field.hpp"
#include "core/w1_readout.hpp"

namespace symscore::cli {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kModels = 3, kN = 2000, kFrames = 160;

struct Recorded {
    std::vector<std::vector<Points>> clouds;  // [frame][model]
    std::vector<double> times;
};

Recorded sampledFrames(const Scenario& s) {
    const Process process = s.makeProcess();
    const ExactScore exact(s.makeTarget(), process);
    SamplerOptions opt = samplerOptions(s.sampling);
    opt.particles = kN;
    opt.recordStride = std::max(1, opt.steps / kFrames);
    opt.recordParticles = kN;
    Recorded rec;
    for (int m = 0; m < kModels; ++m) {
        opt.seed = s.sampling.seed + std::uint64_t(m);
        const SampleResult r = sample(exact, process, opt);
        rec.times = r.trajectory.times;
        rec.clouds.resize(std::size_t(r.trajectory.frames));
        for (int f = 0; f < r.trajectory.frames; ++f)
            rec.clouds[std::size_t(f)].push_back(r.trajectory.frame(f).cast<double>());
    }
    return rec;
}

enum class Measure { Models, WithFloor, Cold };

// Frames per second measuring the frames in playing order (the last one, against the target,
// left out); Cold: a new readout, so no warm start, for every frame.
double framesPerSecond(const Scenario& s, const Recorded& rec, Measure what, int frames) {
    const W1Reference reference = scenarioReference(s, kN);
    auto readout = std::make_unique<W1Readout>(reference, kModels);
    const auto t0 = Clock::now();
    for (int f = 0; f < frames; ++f) {
        const double t = rec.times[std::size_t(f)];
        const auto& clouds = rec.clouds[std::size_t(f)];
        if (what == Measure::Cold) readout = std::make_unique<W1Readout>(reference, kModels);
        if (what == Measure::Models)
            readout->measureModels(f, t, false, clouds);
        else
            readout->measure(f, t, false, clouds);
    }
    return frames / std::chrono::duration<double>(Clock::now() - t0).count();
}

void benchReadout(bool quick, QJsonObject& out) {
    Scenario s = io::defaultScenario();
    s.metrics.w1_points = kN;
    const Recorded rec = sampledFrames(s);
    const int frames = int(rec.clouds.size()) - 1;
    const QString suffix = QString("_3_models_%1").arg(kN);
    out["live_w1_frames_per_s" + suffix] = framesPerSecond(s, rec, Measure::Models, frames);
    out["live_w1_with_floor_frames_per_s" + suffix] =
        framesPerSecond(s, rec, Measure::WithFloor, quick ? frames / 4 : frames);
    out["live_w1_cold_frames_per_s" + suffix] =
        framesPerSecond(s, rec, Measure::Cold, quick ? 10 : frames / 4);
}

const RegisterBench readoutBench{"readout", benchReadout};
}  // namespace

}  // namespace symscore::cli
