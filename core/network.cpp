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
using MapM = Eigen::Map<Eigen::MatrixXf>;
using MapCM = Eigen::Map<const Eigen::MatrixXf>;
using MapV = Eigen::Map<Eigen::VectorXf>;
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

// Bias and activation over one column of a freshly multiplied block: one pass over data
// that is still in L1, the "fused" half of a layer.
inline void biasActivate(Activation act, float* h, float* aux, const float* b, int n) {
    MapV hv(h, n);
    const MapCV bv(b, n);
    hv += bv;
    switch (act) {
        case Activation::SiLU: {
            MapV s(aux, n);
            s = ((-hv.array()).exp() + 1.0f).inverse().matrix();
            hv.array() *= s.array();
            break;
        }
        case Activation::Tanh:
            hv = hv.array().tanh().matrix();
            break;
        case Activation::ReLU:
            hv = hv.cwiseMax(0.0f);
            break;
    }
}

// dH (in place) -> dZ = dH * act'(z), with act' from the stored activation.
inline void activationBackward(Activation act, float* d, const float* h, const float* aux, int n) {
    MapV dv(d, n);
    const MapCV hv(h, n);
    switch (act) {
        case Activation::SiLU: {
            // silu'(z) = s + z s (1 - s) = s + h (1 - s), with s = sigmoid(z), h = z s.
            const MapCV s(aux, n);
            dv.array() *= s.array() + hv.array() * (1.0f - s.array());
            break;
        }
        case Activation::Tanh:
            dv.array() *= 1.0f - hv.array().square();
            break;
        case Activation::ReLU:
            dv.array() *= (hv.array() > 0.0f).cast<float>();
            break;
    }
}
}  // namespace

void Network::buildLayers() {
    checkShape(shape_);
    layers_.clear();
    std::size_t off = 0;
    int in = shape_.inputs();
    for (int l = 0; l <= shape_.depth; ++l) {
        const int out = l < shape_.depth ? shape_.width : shape_.outputs;
        Layer layer{in, out, off, off + std::size_t(in) * std::size_t(out)};
        off = layer.b + std::size_t(out);
        layers_.push_back(layer);
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

void Network::forward(Workspace& ws, int cols) const {
    if (cols > ws.capacity_)
        throw std::invalid_argument("network: chunk larger than its workspace");
    const float* p = params_.data();
    const Eigen::MatrixXf* prev = &ws.input_;
    for (int l = 0; l < shape_.depth; ++l) {
        const Layer& L = layers_[std::size_t(l)];
        Eigen::MatrixXf& h = ws.h_[std::size_t(l)];
        const MapCM w(p + L.w, L.out, L.in);
        h.leftCols(cols).noalias() = w * prev->leftCols(cols);
        float* aux = ws.aux_[std::size_t(l)].size() ? ws.aux_[std::size_t(l)].data() : nullptr;
        for (int c = 0; c < cols; ++c)
            biasActivate(shape_.activation, h.col(c).data(),
                         aux ? aux + std::size_t(c) * L.out : nullptr, p + L.b, L.out);
        prev = &h;
    }
    const Layer& L = layers_.back();
    const MapCM w(p + L.w, L.out, L.in);
    const MapCV b(p + L.b, L.out);
    ws.output_.leftCols(cols).noalias() = w * prev->leftCols(cols);
    ws.output_.leftCols(cols).colwise() += b;
}

void Network::backward(Workspace& ws, int cols, const float* dOutput, float* grad) const {
    backward(ws, cols, dOutput, grad, nullptr);
}

void Network::backward(Workspace& ws, int cols, const float* dOutput, float* grad,
                       float* dInput) const {
    const float* p = params_.data();
    const MapCM dy(dOutput, shape_.outputs, cols);
    // Output layer.
    {
        const Layer& L = layers_.back();
        const Eigen::MatrixXf& hPrev = ws.h_.back();
        MapM(grad + L.w, L.out, L.in).noalias() = dy * hPrev.leftCols(cols).transpose();
        MapV(grad + L.b, L.out) = dy.rowwise().sum();
        ws.d0_.topLeftCorner(L.in, cols).noalias() = MapCM(p + L.w, L.out, L.in).transpose() * dy;
    }
    Eigen::MatrixXf* d = &ws.d0_;
    Eigen::MatrixXf* dNext = &ws.d1_;
    for (int l = shape_.depth - 1; l >= 0; --l) {
        const Layer& L = layers_[std::size_t(l)];
        const Eigen::MatrixXf& h = ws.h_[std::size_t(l)];
        const float* aux =
            ws.aux_[std::size_t(l)].size() ? ws.aux_[std::size_t(l)].data() : nullptr;
        for (int c = 0; c < cols; ++c)
            activationBackward(shape_.activation, d->col(c).data(), h.col(c).data(),
                               aux ? aux + std::size_t(c) * L.out : nullptr, L.out);
        const auto dz = d->topLeftCorner(L.out, cols);
        const Eigen::MatrixXf& prev = l > 0 ? ws.h_[std::size_t(l - 1)] : ws.input_;
        MapM(grad + L.w, L.out, L.in).noalias() = dz * prev.leftCols(cols).transpose();
        MapV(grad + L.b, L.out) = dz.rowwise().sum();
        if (l > 0) {
            dNext->topLeftCorner(L.in, cols).noalias() =
                MapCM(p + L.w, L.out, L.in).transpose() * dz;
            std::swap(d, dNext);
        } else if (dInput) {
            MapM(dInput, L.in, cols).noalias() = MapCM(p + L.w, L.out, L.in).transpose() * dz;
        }
    }
}

}  // namespace symscore
