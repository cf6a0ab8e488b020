#pragma once
// What an accepted scenario may ask for (docs/scenario.md, "Limits"): sizes, so that no
// scenario needs more memory or time than a desktop has, and numeric ranges, so that every
// accepted scenario computes in single precision. validate() (core/scenario_validation)
// checks them; the scenario reader, the panel and the CLI report its items.
#include <cstdint>

namespace symscore {

struct ScenarioLimits {
    // Sizes.
    static constexpr int maxTrain = 200000;
    static constexpr int maxParticles = 100000;
    static constexpr int maxSteps = 10000000;
    static constexpr int maxBatch = 65536;
    static constexpr int maxWidth = 1024;
    static constexpr int maxDepth = 16;
    static constexpr int maxFourier = 256;
    static constexpr int maxW1Points = 20000;
    static constexpr int maxModels = 16;
    static constexpr int maxBaseComponents = 256;
    static constexpr int maxModelName = 64;
    static constexpr int maxThreads = 256;
    // Memory: the estimated peak of training, evaluating and sampling one scenario
    // (estimateMemoryBytes) may not pass this; a larger scenario is refused, not attempted.
    static constexpr std::uint64_t memoryBudgetBytes = 4ULL << 30;  // 4 GiB

    // Numbers. Means and standard deviations within single precision's comfortable range.
    static constexpr double maxCoordinate = 1e6;
    // The time features sin(2 pi w tau) are computed in float: frequencies ~ N(0, scale^2)
    // with scale beyond 1e3 alias to noise.
    static constexpr double maxFourierScale = 1e3;
    // The horizon T of every process, and VP's noise rates: beyond these the sampler's
    // steps (T / steps, beta dt) are meaningless.
    static constexpr double maxHorizon = 1e3;
    static constexpr double maxBeta = 1e4;
    // sigma(eps) (and VE's sigma_min): the score near the data is about 1 / sigma^2.
    static constexpr double minSigma = 1e-5;
    // Learning rate and gradient clip: finite and below this.
    static constexpr double maxLearningRate = 1e3;
};

}  // namespace symscore
