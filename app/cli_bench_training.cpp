// bench section "training": DSM training throughput on the workload of the PyTorch
// reference that bench/compare runs beside it: the network 2 + 2*16 Fourier inputs -> 3 x 128 SiLU
// -> 2, batch 512, Adam, float32, OU process on [1e-3, 1], data the D4 orbit of N((2, 0.5), 0.3^2
// I); plain, and averaged over D4 (|G| = 8, Reynolds). Keys: train_plain_samples_per_s,
// train_equivariant_samples_per_s (training samples per second, as PyTorch counts them; the
// best of three timed blocks).
#include "app/bench_workloads.hpp"
#include "app/cli_common.hpp"

namespace symscore::cli {

namespace {
// Training samples per second, as PyTorch counts them: batch 512, width 128.
double samplesPerSecond(Equivariance kind, bool quick) {
    const bool plain = kind == Equivariance::None;
    const int steps = quick ? (plain ? 200 : 40) : (plain ? 500 : 100);
    const int batch = 512;
    return batch * 1000.0 / trainMsPerStep(kind, 128, batch, steps, quick ? 1 : 3);
}

void benchTraining(bool quick, QJsonObject& out) {
    out["train_plain_samples_per_s"] = qRound64(samplesPerSecond(Equivariance::None, quick));
    out["train_equivariant_samples_per_s"] =
        qRound64(samplesPerSecond(Equivariance::Reynolds, quick));
}

const RegisterBench trainingBench{"training", benchTraining};
}  // namespace

}  // namespace symscore::cli
