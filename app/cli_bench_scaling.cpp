// bench section "scaling" (only with `symscore-cli bench --scaling`): how the cost of the
// app's three heavy jobs grows with their size, for docs/performance.md.
// - scaling_train_width: DSM training, plain MLP 2 + 2*16 Fourier -> 3 x width SiLU -> 2,
//   batch 256 (the app's default), width 32, 64, 128, 256; and the same for D4 Reynolds.
// - scaling_train_batch: width 128, batch 64 .. 1024, plain.
// - scaling_train_default_scenario: the default scenario's three models trained together
//   (what Train does), ms per step and the projected time of its 3000 steps.
// - scaling_sample_particles: reverse SDE (Euler-Maruyama), plain width-128 MLP and the
//   exact score, 500 .. 8000 particles; seconds per 500 steps (the default).
// - scaling_w1_n: exact W1 of N(0, I) against N(0, I) + 0.5, n = 250 .. 5000.
// Every figure is the best of a few timed runs after a warm-up: on a shared machine the
// fastest run is the one least disturbed by other processes.
#include <QJsonArray>
#include <chrono>

#include "app/bench_workloads.hpp"
#include "app/cli_common.hpp"
#include "core/sampler.hpp"
#include "core/score_model.hpp"
#include "core/trainer.hpp"
#include "core/wasserstein.hpp"

namespace symscore::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Steps so that one timed block does about `work` samples (batch x |G| network rows).
int stepsFor(double rows, double work) { return std::max(10, int(work / rows)); }

QJsonArray trainWidth(bool quick) {
    QJsonArray rows;
    const double work = quick ? 2e4 : 1.5e5;
    for (int width : {32, 64, 128, 256}) {
        const int batch = 256;
        const double plain =
            trainMsPerStep(Equivariance::None, width, batch, stepsFor(batch, work), quick ? 1 : 3);
        const double d4 = trainMsPerStep(Equivariance::Reynolds, width, batch,
                                         stepsFor(8.0 * batch, work), quick ? 1 : 3);
        rows.append(QJsonObject{{"width", width},
                                {"batch", batch},
                                {"plain_ms_per_step", plain},
                                {"plain_samples_per_s", qRound64(1000.0 * batch / plain)},
                                {"d4_ms_per_step", d4},
                                {"d4_samples_per_s", qRound64(1000.0 * batch / d4)}});
    }
    return rows;
}

QJsonArray trainBatch(bool quick) {
    QJsonArray rows;
    const double work = quick ? 2e4 : 1.5e5;
    for (int batch : {64, 128, 256, 512, 1024}) {
        const double ms =
            trainMsPerStep(Equivariance::None, 128, batch, stepsFor(batch, work), quick ? 1 : 3);
        rows.append(QJsonObject{{"width", 128},
                                {"batch", batch},
                                {"plain_ms_per_step", ms},
                                {"plain_samples_per_s", qRound64(1000.0 * batch / ms)}});
    }
    return rows;
}

QJsonObject trainDefaultScenario(bool quick) {
    const Scenario s;
    Trainer trainer(s);
    trainer.run(10);
    const int steps = quick ? 30 : 100;
    double best = 1e300;
    for (int r = 0; r < (quick ? 1 : 3); ++r) {
        const auto t0 = Clock::now();
        trainer.run(steps);
        best = std::min(best, secondsSince(t0));
    }
    const double ms = 1000.0 * best / steps;
    return QJsonObject{{"models", int(s.models.size())},
                       {"batch", s.training.batch},
                       {"ms_per_step", ms},
                       {"steps", s.training.steps},
                       {"projected_seconds", ms * s.training.steps / 1000.0}};
}

double sampleSeconds(const ScoreField& score, const Process& process, int particles, int steps,
                     int repeats) {
    SamplerOptions o;
    o.method = SamplingMethod::EulerMaruyama;
    o.particles = particles;
    o.steps = 5;
    o.seed = 1;
    sample(score, process, o);  // warm-up
    o.steps = steps;
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) best = std::min(best, sample(score, process, o).seconds);
    return best;
}

QJsonArray sampleParticles(bool quick) {
    const SamplingWorkload w = referenceSamplingWorkload();
    const Process& process = w.process;
    const auto& mlp = w.mlp;
    const ExactScore& oracle = w.oracle;
    const int steps = quick ? 20 : 100;
    QJsonArray rows;
    for (int particles : {500, 1000, 2000, 4000, 8000}) {
        const double tm = sampleSeconds(*mlp, process, particles, steps, quick ? 1 : 3);
        const double to = sampleSeconds(oracle, process, particles, steps, quick ? 1 : 3);
        rows.append(
            QJsonObject{{"particles", particles},
                        {"mlp_particle_steps_per_s", qRound64(double(particles) * steps / tm)},
                        {"mlp_seconds_per_500_steps", tm * 500.0 / steps},
                        {"oracle_particle_steps_per_s", qRound64(double(particles) * steps / to)},
                        {"oracle_seconds_per_500_steps", to * 500.0 / steps}});
    }
    return rows;
}

QJsonArray w1Scaling(bool quick) {
    QJsonArray rows;
    for (int n : {250, 500, 1000, 2000, 3000, 5000}) {
        if (quick && n > 2000) continue;
        Rng rng(static_cast<std::uint64_t>(n));
        Points x(n, 2), y(n, 2);
        for (int i = 0; i < n; ++i) x.row(i) << rng.normal(), rng.normal();
        for (int i = 0; i < n; ++i) y.row(i) << rng.normal() + 0.5, rng.normal() + 0.5;
        const int repeats = quick ? 1 : n <= 1000 ? 5 : n <= 2000 ? 3 : 2;
        double best = 1e300;
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = Clock::now();
            w1Exact(x, y);
            best = std::min(best, secondsSince(t0));
        }
        rows.append(QJsonObject{{"n", n}, {"seconds", best}});
    }
    return rows;
}

void benchScaling(bool quick, QJsonObject& out) {
    log("bench: scaling: training against width ...");
    out["scaling_train_width"] = trainWidth(quick);
    log("bench: scaling: training against batch ...");
    out["scaling_train_batch"] = trainBatch(quick);
    log("bench: scaling: the default scenario's training ...");
    out["scaling_train_default_scenario"] = trainDefaultScenario(quick);
    log("bench: scaling: sampling against particles ...");
    out["scaling_sample_particles"] = sampleParticles(quick);
    log("bench: scaling: exact W1 against n ...");
    out["scaling_w1_n"] = w1Scaling(quick);
}

// Sections named "scaling..." run only under --scaling (see cli_bench.cpp).
const RegisterBench scalingBench{"scaling", benchScaling};

}  // namespace

}  // namespace symscore::cli
