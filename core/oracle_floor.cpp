#include "core/oracle_floor.hpp"

#include "core/wasserstein.hpp"

namespace symscore {

OracleFloor oracleFloor(const Mixture& target, const Process& process,
                        const SamplerOptions& options, std::uint64_t seed, int floorRepeats) {
    OracleFloor f;
    f.n = options.particles;
    const ExactScore oracle(target, process);
    f.run = sample(oracle, process, options);
    // A stream no other consumer of this seed uses.
    Rng rng(seed, 0x0f100aULL);
    if (f.run.status == SampleStatus::Finished)
        f.w1 = w1Exact(f.run.samples, target.sample(f.n, rng));
    f.noiseFloor = w1NoiseFloor(target, f.n, floorRepeats, seed);
    return f;
}

}  // namespace symscore
