#pragma once
// The whole configuration of a comparison, as plain values (docs/scenario.md). Parsing and
// writing live in core/io/scenario_json; this header only holds the data and its defaults.
#include <string>
#include <vector>

#include "core/group.hpp"
#include "core/mixture.hpp"
#include "core/process.hpp"

namespace symscore {

enum class Equivariance { None, Reynolds, InvariantFeatures, Exact };
enum class Augmentation { None, Random, Orbit };
enum class Activation { SiLU, Tanh, ReLU };
// What the network input's scale c_in(t) divides out (docs/models.md): only the noise's
// growth, c_in = 1 / sqrt(alpha^2 + sigma^2), or the data's scale too, with its second
// moment m2: c_in = 1 / sqrt(alpha^2 m2 + sigma^2) (Karras et al. 2022).
enum class InputScaling { Noise, Data };
enum class LossWeighting { Sigma2, G2 };
enum class LrSchedule { Constant, Cosine };
enum class SamplingMethod { EulerMaruyama, ProbabilityFlow, PredictorCorrector };
enum class W1Method { Exact, Sliced };

struct MixtureSpec {
    std::vector<Gaussian> components{{Vec2(2.0, 0.0), Mat2::Identity() * 0.09, 1.0}};
    bool orbit = true;
    double symmetry_breaking = 0.0;
};

struct DataSpec {
    int n_train = 64;
    unsigned long long seed = 1;
};

struct NetworkSpec {
    int width = 128;
    int depth = 3;
    int fourier_features = 16;
    double fourier_scale = 4.0;  // std of the random time frequencies
    Activation activation = Activation::SiLU;
    InputScaling input_scaling = InputScaling::Noise;
};

struct TrainingSpec {
    int steps = 3000;
    int batch = 256;
    double lr = 1e-3;
    unsigned long long seed = 7;
    LossWeighting weighting = LossWeighting::Sigma2;
    LrSchedule lr_schedule = LrSchedule::Constant;
    double grad_clip = 0.0;  // max gradient norm; 0 turns clipping off
    int threads = 0;         // 0: all cores
};

struct ModelSpec {
    std::string name;
    Equivariance equivariance = Equivariance::None;
    Augmentation augmentation = Augmentation::None;
};

struct SamplingSpec {
    SamplingMethod method = SamplingMethod::EulerMaruyama;
    int steps = 500;
    int particles = 2000;
    unsigned long long seed = 11;
};

struct MetricsSpec {
    int w1_points = 2000;
    W1Method w1_method = W1Method::Exact;
};

struct Scenario {
    std::string name = "C4: four Gaussians";
    GroupSpec group;
    MixtureSpec mixture;
    ProcessSpec process;
    DataSpec data;
    NetworkSpec network;
    TrainingSpec training;
    std::vector<ModelSpec> models{
        {"plain", Equivariance::None, Augmentation::None},
        {"augmented", Equivariance::None, Augmentation::Random},
        {"equivariant", Equivariance::Reynolds, Augmentation::None},
    };
    SamplingSpec sampling;
    MetricsSpec metrics;

    Group makeGroup() const { return Group(group); }
    // The target pi: the orbit mixture of the base components (or the components as given
    // when mixture.orbit is false).
    Mixture makeTarget() const;
    Process makeProcess() const { return Process(process); }
};

}  // namespace symscore
