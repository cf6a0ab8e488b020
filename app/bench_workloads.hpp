#pragma once
// The reference training workload that the "training" and "scaling" bench sections share:
// the network of the PyTorch reference that bench/compare times (2 + 2*16 Fourier inputs -> 3 x
// width SiLU -> 2), Adam, float32, OU process on [1e-3, 1], data the D4 orbit of N((2, 0.5), 0.3^2
// I).
#include <memory>

#include "core/score_model.hpp"

namespace symscore::cli {

// Milliseconds per training step of one model of this kind (None: plain; Reynolds: averaged
// over D4, |G| = 8): the best of `repeats` timed blocks of `steps` steps after a warm-up.
double trainMsPerStep(Equivariance kind, int width, int batch, int steps, int repeats);

// The reference sampling workload: the OU process on [1e-3, 5] with the plain width-128 MLP
// above (untrained: its speed, not its samples, is measured) and, for comparison, the exact
// score of the default scenario's target.
struct SamplingWorkload {
    Process process;
    std::unique_ptr<NeuralScore> mlp;
    ExactScore oracle;
};
SamplingWorkload referenceSamplingWorkload();

}  // namespace symscore::cli
