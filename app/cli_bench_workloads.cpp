// The shared reference training workload (see bench_workloads.hpp).
#include <algorithm>
#include <chrono>

#include "app/bench_workloads.hpp"
#include "core/trainer.hpp"

namespace symscore::cli {

double trainMsPerStep(Equivariance kind, int width, int batch, int steps, int repeats) {
    const Group d4 = Group::dihedral(4);
    ProcessSpec ps;
    ps.type = ProcessType::OU;
    ps.T = 1.0;
    const Process process(ps);
    const Mixture target =
        Mixture::orbitMixture({{Vec2(2.0, 0.5), Mat2::Identity() * 0.09, 1.0}}, d4);
    Rng rng(1);
    Points data = target.sample(20000, rng);
    ModelConfig config;
    config.kind = kind;
    config.network = NetworkSpec{width, 3, 16, 8.0, Activation::SiLU};
    config.group = d4.spec();
    config.process = ps;
    config.dataSecondMoment = 0.5 * (target.covariance().trace() + target.mean().squaredNorm());
    TrainingSpec spec;
    spec.batch = batch;
    spec.lr = 1e-3;
    spec.seed = 3;
    const int warmup = 10;
    spec.steps = warmup + steps * repeats;
    Trainer trainer(
        spec, process, d4, std::move(data),
        {{"bench", Augmentation::None, std::shared_ptr<NeuralScore>(makeNeuralScore(config, 0))}});
    trainer.run(warmup);
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        trainer.run(steps);
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return 1000.0 * best / steps;
}

SamplingWorkload referenceSamplingWorkload() {
    ProcessSpec ps;
    ps.type = ProcessType::OU;
    ps.T = 5.0;
    ModelConfig config;
    config.kind = Equivariance::None;
    config.network = NetworkSpec{128, 3, 16, 8.0, Activation::SiLU};
    config.group = Group::trivial().spec();
    config.process = ps;
    const Process process(ps);
    return {process, makeNeuralScore(config, 0), ExactScore(Scenario{}.makeTarget(), process)};
}

}  // namespace symscore::cli
