#pragma once
// Learned score fields: a Network turned into s(x, t) (docs/math.md, sections 4 and 5).
//
// Every model predicts the noise, eps_theta(x, t), and reports s = -eps_theta / sigma(t).
// Why: with the default weighting lambda = sigma^2 the DSM integrand is
// || sigma s + z ||^2 = || z - eps_theta ||^2, whose target z has unit scale at every t,
// whereas a network that outputs s directly must reach |s| ~ 1/sigma(eps) ~ 30-100 near
// t = eps and sees gradients that vary by that factor across the batch. Dividing by the
// scalar sigma(t) commutes with every A_g, so equivariance is unaffected. The network
// also sees the input scaled by c_in(t) = 1/sqrt(alpha^2 m2 + sigma^2) (m2: the target's
// second moment per coordinate), so its inputs have unit scale for VP, OU and VE alike
// (Karras et al., "Elucidating the design space of diffusion-based generative models",
// 2022), and time as tau = t / T.
//
// The three learned kinds differ only in how a row x becomes network columns (encode)
// and how the columns' outputs become eps (decode, linear in the outputs):
//   plain               one column, eps = output
//   reynolds            |G| columns A_g x, eps = (1/|G|) sum_g A_g^T output_g   (S_G)
//   invariant_features  one column of G-invariant features, eps = a U(x) + b W(x) with an
//                       equivariant frame (see invariant_features.hpp, docs/models.md)
#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/group.hpp"
#include "core/network.hpp"
#include "core/score_field.hpp"

namespace symscore {

// Everything that defines a learned model's architecture, as saved in a model file.
struct ModelConfig {
    Equivariance kind = Equivariance::None;  // None, Reynolds or InvariantFeatures
    NetworkSpec network;
    GroupSpec group;
    ProcessSpec process;
    double dataSecondMoment = 1.0;  // m2 of c_in(t)
    bool operator==(const ModelConfig& o) const;
};

// The rows of one DSM step: x_t = alpha x0 + sigma z; the loss of row i is
// weight_i * || sigma_i s(x_t_i, t_i) + z_i ||^2 = weight_i * || z_i - eps_theta ||^2,
// where weight = lambda(t) / sigma^2 (1 for lambda = sigma^2).
struct DsmBatch {
    PointsF xt, z;
    std::vector<float> t, alpha, sigma, weight;  // alpha(t), sigma(t) per row
    void resize(int rows);
    int rows() const { return int(xt.rows()); }
};

class NeuralScore : public ScoreField {
  public:
    ~NeuralScore() override;
    const ModelConfig& config() const { return config_; }
    Network& network() { return net_; }
    const Network& network() const { return net_; }
    const Group& group() const { return group_; }
    const Process& process() const { return process_; }

    // Thread-safe; parallel over chunks of rows (TBB).
    void score(const Eigen::Ref<const PointsF>& x, double t,
               Eigen::Ref<PointsF> out) const override;
    bool equivariantByConstruction() const override;

    // One chunk's buffers. Chunks hold a fixed number of rows (chunkRows) chosen by the
    // model alone, so sums over chunks do not depend on the number of threads.
    struct Workspace {
        Network::Workspace net;
        Eigen::MatrixXf aux;              // per-row frame data of the decode
        Eigen::MatrixXf eps, dEps, dOut;  // 2 x rows, 2 x rows, outputs x columns
        std::vector<float> cIn, tau, features, times, alphas, sigmas, xin;
    };
    Workspace makeWorkspace() const;
    int chunkRows() const;
    // Network columns per row: |G| for Reynolds, 1 otherwise.
    virtual int copies() const { return 1; }

    // Sum over rows [begin, end) of the DSM loss, and (if grad) its gradient times
    // gradScale written to grad[0 .. parameterCount). end - begin <= chunkRows().
    double chunkLoss(const DsmBatch& batch, int begin, int end, Workspace& ws, float* grad,
                     float gradScale) const;

    // The network shape of a spec with the given number of spatial inputs.
    static NetworkShape shapeFor(const NetworkSpec& spec, int spatialInputs);

  protected:
    NeuralScore(const ModelConfig& config, int spatialInputs, Network net);

    // x (2 x rows, scaled by c_in) -> spatial inputs of rows*copies() columns, written to
    // input with column stride `stride`; per-row frame data to aux (auxRows() x rows).
    virtual void encode(const float* x, int rows, float* input, int stride, float* aux) const = 0;
    // eps (2 x rows) from the network outputs (2 x rows*copies()).
    virtual void decode(const float* out, const float* aux, int rows, float* eps) const = 0;
    // The transpose of decode: dOut from dEps.
    virtual void decodeBackward(const float* dEps, const float* aux, int rows,
                                float* dOut) const = 0;
    virtual int auxRows() const { return 1; }

    Group group_;

  private:
    // Forward of rows [0, rows) of x at times t (alpha(t), sigma(t)) into ws.eps.
    void forwardChunk(const float* x, const float* t, const float* alpha, const float* sigma,
                      int rows, Workspace& ws) const;

    ModelConfig config_;
    Process process_;
    Network net_;
    std::unique_ptr<tbb::enumerable_thread_specific<Workspace>> scratch_;
};

// A learned model of the given kind (None, Reynolds, InvariantFeatures) with freshly
// initialized weights (seed), or with a given network (a loaded model).
// Throws std::invalid_argument for other kinds or a network of the wrong shape.
std::unique_ptr<NeuralScore> makeNeuralScore(const ModelConfig& config, std::uint64_t seed);
std::unique_ptr<NeuralScore> makeNeuralScore(const ModelConfig& config, Network net);

// Spatial inputs of the network of a configuration (2, or the invariant-feature count).
int spatialInputs(const ModelConfig& config);

// The configuration of a scenario's model: its kind, network, group, process and the
// target's second moment.
ModelConfig modelConfig(const Scenario& scenario, const ModelSpec& model);

// Any scenario model, the oracle (Equivariance::Exact) included. Learned models start from
// the weights seeded by training.seed, so models of one scenario share initial weights
// (where their architectures agree).
std::shared_ptr<ScoreField> makeScoreField(const Scenario& scenario, const ModelSpec& model);

}  // namespace symscore
