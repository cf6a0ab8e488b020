#pragma once
// The oracle's W1: sample the target with its exact score (ExactScore) and compare with a
// fresh sample of the target. What remains is the error of discretization and early
// stopping alone (plus sampling noise, shown by the noise floor next to it), which separates
// sampler error from learning error (docs/math.md, section 6).
#include <cstdint>

#include "core/sampler.hpp"

namespace symscore {

struct OracleFloor {
    double w1 = 0;          // exact W1(oracle samples, fresh target samples)
    double noiseFloor = 0;  // mean W1 between two independent target samples of the same size
    int n = 0;
    SampleResult run;  // the oracle's samples
};

// options.particles points on each side; seed draws the fresh target sample and the floor.
OracleFloor oracleFloor(const Mixture& target, const Process& process,
                        const SamplerOptions& options, std::uint64_t seed = 0,
                        int floorRepeats = 3);

}  // namespace symscore
