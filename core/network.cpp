// GCC 12 reports its own AVX-512 intrinsics header (`__m512i __Y = __Y;`) as uninitialized
// when Eigen's vectorized sin/cos are inlined here: a known false positive, silenced for
// this file only (the pragma must precede the headers to reach inlined code).
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "core/network.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/random.hpp"

namespace symscore {

namespace {
using MapCV = Eigen::Map<const Eigen::VectorXf>;

void checkShape(const NetworkShape& s) {
    auto bad = [](const char* field, int v) {
        throw std::invalid_argument(std::string("network.") + field + ": out of range, got " +
                                    std::to_string(v));
    };
    if (s.spatialInputs < 1 || s.spatialInputs > 16) bad("spatial_inputs", s.spatialInputs);
    if (s.width < 1 || s.width > 4096) bad("width", s.width);
    if (s.depth < 1 || s.depth > 64) bad("depth", s.depth);
    if (s.fourier < 0 || s.fourier > 1024) bad("fourier_features", s.fourier);
    if (s.outputs < 1 || s.outputs > 16) bad("outputs", s.outputs);
}

}  // namespace

void Network::buildLayers() {
    checkShape(shape_);
    layers_.clear();
    kernelLayers_.clear();
    std::size_t off = 0;
    int in = shape_.inputs();
    for (int l = 0; l <= shape_.depth; ++l) {
        const int out = l < shape_.depth ? shape_.width : shape_.outputs;
        Layer layer{in, out, off, off + std::size_t(in) * std::size_t(out)};
        off = layer.b + std::size_t(out);
        layers_.push_back(layer);
        kernelLayers_.push_back({layer.in, layer.out, layer.w, layer.b});
        in = out;
    }
    params_.resize(off);
}

Network::Network(const NetworkShape& shape, double fourierScale, std::uint64_t seed)
    : shape_(shape) {
    buildLayers();
    if (!(fourierScale > 0.0) || !std::isfinite(fourierScale))
        throw std::invalid_argument("network.fourier_scale: must be positive");
    Rng freqRng(seed, 0xF0);
    freqs_.resize(std::size_t(shape_.fourier));
    for (float& w : freqs_) w = float(fourierScale * freqRng.normal());
    omega_ = MapCV(freqs_.data(), shape_.fourier) * (2.0f * std::numbers::pi_v<float>);
    Rng initRng(seed, 0x1A);
    for (const Layer& layer : layers_) {
        const double bound = 1.0 / std::sqrt(double(layer.in));
        for (std::size_t i = layer.w; i < layer.b + std::size_t(layer.out); ++i)
            params_[i] = float((2.0 * initRng.uniform() - 1.0) * bound);
    }
}

Network::Network(const NetworkShape& shape, std::vector<float> frequencies,
                 std::vector<float> parameters)
    : shape_(shape) {
    buildLayers();
    if (frequencies.size() != std::size_t(shape_.fourier))
        throw std::invalid_argument("network: expected " + std::to_string(shape_.fourier) +
                                    " frequencies, got " + std::to_string(frequencies.size()));
    if (parameters.size() != params_.size())
        throw std::invalid_argument("network: expected " + std::to_string(params_.size()) +
                                    " parameters, got " + std::to_string(parameters.size()));
    freqs_ = std::move(frequencies);
    params_.assign(parameters.begin(), parameters.end());
    omega_ = MapCV(freqs_.data(), shape_.fourier) * (2.0f * std::numbers::pi_v<float>);
}

Network::Workspace::Workspace(const NetworkShape& shape, int capacity) : capacity_(capacity) {
    input_.setZero(shape.inputs(), capacity);
    output_.setZero(shape.outputs, capacity);
    h_.assign(std::size_t(shape.depth), Eigen::MatrixXf::Zero(shape.width, capacity));
    if (shape.activation == Activation::SiLU)
        aux_.assign(std::size_t(shape.depth), Eigen::MatrixXf::Zero(shape.width, capacity));
    else
        aux_.assign(std::size_t(shape.depth), Eigen::MatrixXf());
    const int widest = std::max(shape.width, shape.inputs());
    d0_.setZero(widest, capacity);
    d1_.setZero(widest, capacity);
    phase_.setZero(shape.fourier, capacity);
    sin_.setZero(shape.fourier, capacity);
}

void Network::timeFeatures(float tau, float* out) const {
    Workspace ws(shape_, 1);
    timeFeatures(ws, &tau, 1, 1);
    std::copy(ws.input_.data() + shape_.spatialInputs, ws.input_.data() + shape_.inputs(), out);
}

void Network::timeFeatures(Workspace& ws, const float* tau, int n, int repeat) const {
    const int f = shape_.fourier;
    if (f == 0 || n == 0) return;
    auto phase = ws.phase_.leftCols(n);
    auto sn = ws.sin_.leftCols(n);
    phase.noalias() = omega_ * Eigen::Map<const Eigen::RowVectorXf>(tau, n);
    sn = phase.array().sin().matrix();
    phase = phase.array().cos().matrix();
    const int stride = shape_.inputs(), spatial = shape_.spatialInputs;
    for (int j = 0; j < n; ++j) {
        float* col = ws.input_.data() + std::size_t(j) * repeat * stride + spatial;
        std::copy(sn.col(j).data(), sn.col(j).data() + f, col);
        std::copy(phase.col(j).data(), phase.col(j).data() + f, col + f);
    }
}

kernels::Pass Network::passOver(Workspace& ws, int cols) const {
    kernels::Pass x{};
    x.params = params_.data();
    x.layers = kernelLayers_.data();
    x.depth = shape_.depth;
    x.act = shape_.activation == Activation::SiLU   ? kernels::Act::SiLU
            : shape_.activation == Activation::Tanh ? kernels::Act::Tanh
                                                    : kernels::Act::ReLU;
    x.cols = cols;
    x.input = ws.input_.data();
    x.inputs = shape_.inputs();
    ws.hPtr_.clear();
    ws.auxPtr_.clear();
    for (std::size_t l = 0; l < ws.h_.size(); ++l) {
        ws.hPtr_.push_back(ws.h_[l].data());
        ws.auxPtr_.push_back(ws.aux_[l].size() ? ws.aux_[l].data() : nullptr);
    }
    x.h = ws.hPtr_.data();
    x.aux = ws.auxPtr_.data();
    x.width = shape_.width;
    x.output = ws.output_.data();
    x.outputs = shape_.outputs;
    x.d0 = ws.d0_.data();
    x.d1 = ws.d1_.data();
    x.widest = int(ws.d0_.rows());
    return x;
}

void Network::forward(Workspace& ws, int cols) const {
    if (cols > ws.capacity_)
        throw std::invalid_argument("network: chunk larger than its workspace");
    kernels::networkKernels().forward(passOver(ws, cols));
}

void Network::backward(Workspace& ws, int cols, const float* dOutput, float* grad) const {
    backward(ws, cols, dOutput, grad, nullptr);
}

void Network::backward(Workspace& ws, int cols, const float* dOutput, float* grad,
                       float* dInput) const {
    kernels::Pass x = passOver(ws, cols);
    x.dOutput = dOutput;
    x.grad = grad;
    x.dInput = dInput;
    kernels::networkKernels().backward(x);
}

}  // namespace symscore
