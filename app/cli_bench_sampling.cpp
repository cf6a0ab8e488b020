// bench section "sampling": the W1 and sampling workloads of the reference scripts that
// bench/compare runs beside it (POT and SciPy for W1).
// - w1_exact_n{1000,2000,5000}_seconds: exact W1 of x ~ N(0, I) against y ~ N(0, I) + 0.5,
//   n points each, as in w1_reference.py (our own seeded RNG: the workload's shape matters,
//   not the digits). The best of a few runs, like a careful Python timing would report.
// - reverse_sde_particle_steps_per_s: 4096 particles x 500 Euler-Maruyama steps of the
//   reverse OU SDE (T = 5) with the plain MLP 2 + 2*16 Fourier inputs -> 3 x 128 SiLU -> 2,
//   as in torch_dsm.py (untrained weights: the cost is the same); the best of three runs.
// - reverse_sde_oracle_particle_steps_per_s: the same with the exact score of the default
//   target, for scale.
#include <algorithm>
#include <chrono>

#include "app/bench_workloads.hpp"
#include "app/cli_common.hpp"
#include "core/sampler.hpp"
#include "core/score_model.hpp"
#include "core/wasserstein.hpp"

namespace symscore::cli {

namespace {

using Clock = std::chrono::steady_clock;

void benchW1(bool quick, QJsonObject& out) {
    for (int n : {1000, 2000, 5000}) {
        if (quick && n == 5000) continue;
        Rng rng(static_cast<std::uint64_t>(n));
        Points x(n, 2), y(n, 2);
        for (int i = 0; i < n; ++i) x.row(i) << rng.normal(), rng.normal();
        for (int i = 0; i < n; ++i) y.row(i) << rng.normal() + 0.5, rng.normal() + 0.5;
        const int repeats = n >= 5000 ? 1 : 3;
        double best = 1e300, value = 0;
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = Clock::now();
            value = w1Exact(x, y);
            best = std::min(best, secondsSince(t0));
        }
        const QString key = QString("w1_exact_n%1").arg(n);
        out[key + "_seconds"] = best;
        out[key + "_value"] = value;
    }
}

// The best of `repeats` runs after a warm-up.
double particleStepsPerSecond(const ScoreField& score, const Process& process, int steps,
                              int repeats) {
    SamplerOptions o;
    o.method = SamplingMethod::EulerMaruyama;
    o.particles = 4096;
    o.steps = 10;
    o.seed = 1;
    sample(score, process, o);  // warm-up: thread pool, caches
    o.steps = steps;
    double best = 0;
    for (int i = 0; i < repeats; ++i) {
        const SampleResult r = sample(score, process, o);
        if (r.status != SampleStatus::Finished)
            log("bench: sampling ended early: " + QString::fromStdString(r.message));
        best = std::max(best, double(o.particles) * r.stepsDone / r.seconds);
    }
    return best;
}

void benchSampling(bool quick, QJsonObject& out) {
    benchW1(quick, out);
    const int steps = quick ? 100 : 500, repeats = quick ? 1 : 3;
    const SamplingWorkload w = referenceSamplingWorkload();
    const Process& process = w.process;
    const auto& mlp = w.mlp;
    out["reverse_sde_particle_steps_per_s"] =
        qRound64(particleStepsPerSecond(*mlp, process, steps, repeats));
    out["reverse_sde_oracle_particle_steps_per_s"] =
        qRound64(particleStepsPerSecond(w.oracle, process, steps, repeats));
}

const RegisterBench samplingBench{"sampling", benchSampling};

}  // namespace

}  // namespace symscore::cli
