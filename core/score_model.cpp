#include "core/score_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/invariant_features.hpp"

namespace symscore {

namespace {
// Network columns per chunk: 128 keeps a chunk's activations (128 x 128 floats per layer)
// in L2 and was the fastest block in measurements (see docs/models.md).
constexpr int kChunkColumns = 128;
// sigma(t) is 0 at t = 0 for VP and OU; s = -eps/sigma stays finite there.
constexpr double kMinSigma = 1e-6;
}  // namespace

// The data's second moment is a sum over the training set: builds that vectorize or contract
// it differently (-march=native against a portable or sanitizer build) agree only to the last
// bits, and the network reads it in single precision anyway.
static bool sameMoment(double a, double b) {
    return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

bool ModelConfig::operator==(const ModelConfig& o) const {
    const NetworkSpec& a = network;
    const NetworkSpec& b = o.network;
    return kind == o.kind && a.width == b.width && a.depth == b.depth &&
           a.fourier_features == b.fourier_features && a.fourier_scale == b.fourier_scale &&
           a.activation == b.activation && a.input_scaling == b.input_scaling && group == o.group &&
           process == o.process && sameMoment(dataSecondMoment, o.dataSecondMoment);
}

void DsmBatch::resize(int rows) {
    xt.resize(rows, 2);
    z.resize(rows, 2);
    t.resize(std::size_t(rows));
    alpha.resize(std::size_t(rows));
    sigma.resize(std::size_t(rows));
    weight.resize(std::size_t(rows));
}

NetworkShape NeuralScore::shapeFor(const NetworkSpec& spec, int spatialInputs) {
    NetworkShape s;
    s.spatialInputs = spatialInputs;
    s.width = spec.width;
    s.depth = spec.depth;
    s.fourier = spec.fourier_features;
    s.outputs = 2;
    s.activation = spec.activation;
    return s;
}

NeuralScore::NeuralScore(const ModelConfig& config, int spatialInputs, Network net)
    : group_(config.group), config_(config), process_(config.process), net_(std::move(net)) {
    if (!(net_.shape() == shapeFor(config.network, spatialInputs)))
        throw std::invalid_argument("model: network shape does not match the model's architecture");
    if (!(config.dataSecondMoment > 0.0) || !std::isfinite(config.dataSecondMoment))
        throw std::invalid_argument("model: data second moment must be positive");
    // Per-thread scratch for score(), built on a thread's first use (copies() is virtual,
    // so not here).
    scratch_ = std::make_unique<tbb::enumerable_thread_specific<Workspace>>(
        [this] { return makeWorkspace(); });
}

int NeuralScore::chunkRows() const { return std::max(1, kChunkColumns / copies()); }

NeuralScore::~NeuralScore() = default;

bool NeuralScore::equivariantByConstruction() const {
    return config_.kind != Equivariance::None || group_.order() == 1;
}

NeuralScore::Workspace NeuralScore::makeWorkspace() const {
    Workspace ws;
    const int rows = chunkRows();
    const int cols = rows * copies();
    ws.net = Network::Workspace(net_.shape(), cols);
    ws.aux.setZero(auxRows(), rows);
    ws.eps.setZero(2, rows);
    ws.dEps.setZero(2, rows);
    ws.dOut.setZero(2, cols);
    ws.cIn.assign(std::size_t(rows), 0.0f);
    ws.tau.assign(std::size_t(rows), 0.0f);
    ws.features.assign(std::size_t(2 * rows), 0.0f);
    ws.times.assign(std::size_t(rows), 0.0f);
    ws.alphas.assign(std::size_t(rows), 0.0f);
    ws.sigmas.assign(std::size_t(rows), 0.0f);
    ws.xin.assign(std::size_t(2 * rows), 0.0f);
    return ws;
}

void NeuralScore::forwardChunk(const float* x, const float* t, const float* alpha,
                               const float* sigma, int rows, Workspace& ws) const {
    const float m2 = float(config_.dataSecondMoment);
    const double invT = 1.0 / process_.T();
    float* scaled = ws.features.data();
    for (int i = 0; i < rows; ++i) {
        const float a = alpha[i], s = sigma[i];
        const float c = 1.0f / std::sqrt(a * a * m2 + s * s);
        ws.cIn[std::size_t(i)] = c;
        ws.tau[std::size_t(i)] = float(t[i] * invT);
        scaled[2 * i] = c * x[2 * i];
        scaled[2 * i + 1] = c * x[2 * i + 1];
    }
    const int stride = net_.shape().inputs();
    const int spatial = net_.shape().spatialInputs;
    const int k = copies();
    float* input = ws.net.input();
    encode(scaled, rows, input, stride, ws.aux.data());
    // Time features once per row, copied to the row's other columns.
    net_.timeFeatures(ws.net, ws.tau.data(), rows, k);
    const int nt = stride - spatial;
    for (int i = 0; i < rows; ++i) {
        const float* src = input + std::size_t(i * k) * stride + spatial;
        for (int g = 1; g < k; ++g)
            std::copy(src, src + nt, input + std::size_t(i * k + g) * stride + spatial);
    }
    net_.forward(ws.net, rows * k);
    decode(ws.net.output(), ws.aux.data(), rows, ws.eps.data());
}

double NeuralScore::chunkLoss(const DsmBatch& batch, int begin, int end, Workspace& ws, float* grad,
                              float gradScale) const {
    const int rows = end - begin;
    if (rows > chunkRows()) throw std::invalid_argument("model: chunk larger than chunkRows()");
    forwardChunk(batch.xt.data() + 2 * begin, batch.t.data() + begin, batch.alpha.data() + begin,
                 batch.sigma.data() + begin, rows, ws);
    double loss = 0.0;
    for (int i = 0; i < rows; ++i) {
        const float w = batch.weight[std::size_t(begin + i)];
        const float rx = ws.eps(0, i) - batch.z(begin + i, 0);
        const float ry = ws.eps(1, i) - batch.z(begin + i, 1);
        loss += double(w) * (double(rx) * rx + double(ry) * ry);
        ws.dEps(0, i) = 2.0f * w * gradScale * rx;
        ws.dEps(1, i) = 2.0f * w * gradScale * ry;
    }
    if (grad) {
        decodeBackward(ws.dEps.data(), ws.aux.data(), rows, ws.dOut.data());
        net_.backward(ws.net, rows * copies(), ws.dOut.data(), grad);
    }
    return loss;
}

void NeuralScore::score(const Eigen::Ref<const PointsF>& x, double t,
                        Eigen::Ref<PointsF> out) const {
    if (out.rows() != x.rows()) throw std::invalid_argument("score: x and out differ in rows");
    const float alpha = float(process_.alpha(t)), sigma = float(process_.sigma(t));
    const float invSigma = float(1.0 / std::max(process_.sigma(t), kMinSigma));
    const int rowsPerChunk = chunkRows();
    const Eigen::Index n = x.rows();
    const Eigen::Index chunks = (n + rowsPerChunk - 1) / rowsPerChunk;
    // Copy only when x is not a contiguous row-major block (Ref may carry strides).
    const bool contiguous = x.outerStride() == 2 && out.outerStride() == 2;
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, chunks), [&](const auto& r) {
        Workspace& ws = scratch_->local();
        for (Eigen::Index c = r.begin(); c != r.end(); ++c) {
            const Eigen::Index b = c * rowsPerChunk;
            const int rows = int(std::min<Eigen::Index>(rowsPerChunk, n - b));
            std::fill(ws.times.begin(), ws.times.begin() + rows, float(t));
            std::fill(ws.alphas.begin(), ws.alphas.begin() + rows, alpha);
            std::fill(ws.sigmas.begin(), ws.sigmas.begin() + rows, sigma);
            const float* xp = x.data() + 2 * b;
            if (!contiguous) {
                for (int i = 0; i < rows; ++i) {
                    ws.xin[std::size_t(2 * i)] = x(b + i, 0);
                    ws.xin[std::size_t(2 * i + 1)] = x(b + i, 1);
                }
                xp = ws.xin.data();
            }
            forwardChunk(xp, ws.times.data(), ws.alphas.data(), ws.sigmas.data(), rows, ws);
            for (int i = 0; i < rows; ++i) {
                out(b + i, 0) = -ws.eps(0, i) * invSigma;
                out(b + i, 1) = -ws.eps(1, i) * invSigma;
            }
        }
    });
}

// ---- plain and Reynolds ---------------------------------------------------------------

namespace {
class PlainScore final : public NeuralScore {
  public:
    PlainScore(const ModelConfig& c, Network net) : NeuralScore(c, 2, std::move(net)) {}
    static constexpr int kInputs = 2;

  protected:
    void encode(const float* x, int rows, float* input, int stride, float*) const override {
        for (int i = 0; i < rows; ++i) {
            input[std::size_t(i) * stride] = x[2 * i];
            input[std::size_t(i) * stride + 1] = x[2 * i + 1];
        }
    }
    void decode(const float* out, const float*, int rows, float* eps) const override {
        std::copy(out, out + 2 * rows, eps);
    }
    void decodeBackward(const float* dEps, const float*, int rows, float* dOut) const override {
        std::copy(dEps, dEps + 2 * rows, dOut);
    }
};

// S_G[s](x) = (1/|G|) sum_g A_g^T s(A_g x): the Reynolds operator of docs/math.md, section 5,
// as |G| network columns per row; gradients flow through every copy.
class ReynoldsScore final : public NeuralScore {
  public:
    ReynoldsScore(const ModelConfig& c, Network net) : NeuralScore(c, 2, std::move(net)) {
        for (const Mat2& a : group_.elements()) mats_.push_back(a.cast<float>());
    }
    int copies() const override { return group_.order(); }

  protected:
    void encode(const float* x, int rows, float* input, int stride, float*) const override {
        const int k = copies();
        for (int i = 0; i < rows; ++i) {
            const Eigen::Vector2f xi(x[2 * i], x[2 * i + 1]);
            for (int g = 0; g < k; ++g) {
                const Eigen::Vector2f y = mats_[std::size_t(g)] * xi;
                float* col = input + std::size_t(i * k + g) * stride;
                col[0] = y.x();
                col[1] = y.y();
            }
        }
    }
    void decode(const float* out, const float*, int rows, float* eps) const override {
        const int k = copies();
        const float inv = 1.0f / float(k);
        for (int i = 0; i < rows; ++i) {
            Eigen::Vector2f acc = Eigen::Vector2f::Zero();
            for (int g = 0; g < k; ++g) {
                const float* o = out + 2 * std::size_t(i * k + g);
                acc += mats_[std::size_t(g)].transpose() * Eigen::Vector2f(o[0], o[1]);
            }
            eps[2 * i] = acc.x() * inv;
            eps[2 * i + 1] = acc.y() * inv;
        }
    }
    void decodeBackward(const float* dEps, const float*, int rows, float* dOut) const override {
        const int k = copies();
        const float inv = 1.0f / float(k);
        for (int i = 0; i < rows; ++i) {
            const Eigen::Vector2f d(dEps[2 * i] * inv, dEps[2 * i + 1] * inv);
            for (int g = 0; g < k; ++g) {
                const Eigen::Vector2f y = mats_[std::size_t(g)] * d;
                dOut[2 * std::size_t(i * k + g)] = y.x();
                dOut[2 * std::size_t(i * k + g) + 1] = y.y();
            }
        }
    }

  private:
    std::vector<Eigen::Matrix2f> mats_;
};
}  // namespace

std::unique_ptr<NeuralScore> makeNeuralScore(const ModelConfig& config, Network net) {
    std::unique_ptr<NeuralScore> m;
    switch (config.kind) {
        case Equivariance::None:
            m = std::make_unique<PlainScore>(config, std::move(net));
            break;
        case Equivariance::Reynolds:
            m = std::make_unique<ReynoldsScore>(config, std::move(net));
            break;
        case Equivariance::InvariantFeatures:
            m = makeInvariantFeatureScore(config, std::move(net));
            break;
        case Equivariance::Exact:
            throw std::invalid_argument("model: the exact score is not a network");
    }
    return m;
}

int spatialInputs(const ModelConfig& config) {
    return config.kind == Equivariance::InvariantFeatures
               ? invariantFeatureCount(Group(config.group))
               : 2;
}

std::unique_ptr<NeuralScore> makeNeuralScore(const ModelConfig& config, std::uint64_t seed) {
    return makeNeuralScore(config,
                           Network(NeuralScore::shapeFor(config.network, spatialInputs(config)),
                                   config.network.fourier_scale, seed));
}

ModelConfig modelConfig(const Scenario& scenario, const ModelSpec& model) {
    ModelConfig c;
    c.kind = model.equivariance;
    c.network = scenario.network;
    c.group = scenario.group;
    c.process = scenario.process;
    // With noise scaling m2 = 1: for VP and OU (alpha^2 + sigma^2 = 1) the network then sees
    // x_t as it is, for VE x_t / sqrt(1 + sigma^2). Dividing out the data's scale as well
    // slowed training by about half on the presets (docs/results.md, fairness section).
    c.dataSecondMoment = 1.0;
    if (scenario.network.input_scaling == InputScaling::Data) {
        const Mixture target = scenario.makeTarget();
        const Mat2 cov = target.covariance();
        const Vec2 mean = target.mean();
        c.dataSecondMoment = 0.5 * (cov.trace() + mean.squaredNorm());
    }
    return c;
}

std::shared_ptr<ScoreField> makeScoreField(const Scenario& scenario, const ModelSpec& model) {
    if (model.equivariance == Equivariance::Exact)
        return std::make_shared<ExactScore>(scenario.makeTarget(), scenario.makeProcess());
    return makeNeuralScore(modelConfig(scenario, model), scenario.training.seed);
}

}  // namespace symscore
