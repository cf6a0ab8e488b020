// The passes of core/network_kernels.hpp. This file is compiled once per copy:
// SYMSCORE_KERNEL_VARIANT names the copy's namespace (baseline, or v4 with Eigen renamed, see
// core/CMakeLists.txt).
// GCC 12 reports its own AVX-512 intrinsics header (`__m512i __Y = __Y;`) as uninitialized
// when Eigen's vectorized exp is inlined here: a known false positive, silenced for this file
// only (the pragma must precede the headers to reach inlined code).
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "core/network_kernels.hpp"

#include <Eigen/Core>

#ifndef SYMSCORE_KERNEL_VARIANT
#define SYMSCORE_KERNEL_VARIANT baseline
#endif

namespace symscore::kernels::SYMSCORE_KERNEL_VARIANT {

namespace {
using Stride = Eigen::OuterStride<>;
using MapM = Eigen::Map<Eigen::MatrixXf, 0, Stride>;
using MapCM = Eigen::Map<const Eigen::MatrixXf, 0, Stride>;
using MapV = Eigen::Map<Eigen::VectorXf>;
using MapCV = Eigen::Map<const Eigen::VectorXf>;

// rows x cols of a block whose leading dimension is ld.
MapM block(float* p, int rows, int cols, int ld) { return MapM(p, rows, cols, Stride(ld)); }
MapCM block(const float* p, int rows, int cols, int ld) { return MapCM(p, rows, cols, Stride(ld)); }

// Bias and activation over one column of a freshly multiplied block: one pass over data
// that is still in L1, the "fused" half of a layer.
inline void biasActivate(Act act, float* h, float* aux, const float* b, int n) {
    MapV hv(h, n);
    const MapCV bv(b, n);
    hv += bv;
    switch (act) {
        case Act::SiLU: {
            MapV s(aux, n);
            s = ((-hv.array()).exp() + 1.0f).inverse().matrix();
            hv.array() *= s.array();
            break;
        }
        case Act::Tanh:
            hv = hv.array().tanh().matrix();
            break;
        case Act::ReLU:
            hv = hv.cwiseMax(0.0f);
            break;
    }
}

// dH (in place) -> dZ = dH * act'(z), with act' from the stored activation.
inline void activationBackward(Act act, float* d, const float* h, const float* aux, int n) {
    MapV dv(d, n);
    const MapCV hv(h, n);
    switch (act) {
        case Act::SiLU: {
            // silu'(z) = s + z s (1 - s) = s + h (1 - s), with s = sigmoid(z), h = z s.
            const MapCV s(aux, n);
            dv.array() *= s.array() + hv.array() * (1.0f - s.array());
            break;
        }
        case Act::Tanh:
            dv.array() *= 1.0f - hv.array().square();
            break;
        case Act::ReLU:
            dv.array() *= (hv.array() > 0.0f).cast<float>();
            break;
    }
}
}  // namespace

void forward(const Pass& x) {
    const float* p = x.params;
    const float* prev = x.input;
    int prevRows = x.inputs;
    for (int l = 0; l < x.depth; ++l) {
        const Layer& L = x.layers[l];
        float* h = x.h[l];
        block(h, L.out, x.cols, x.width).noalias() =
            block(p + L.w, L.out, L.in, L.out) * block(prev, L.in, x.cols, prevRows);
        float* aux = x.aux[l];
        for (int c = 0; c < x.cols; ++c)
            biasActivate(x.act, h + std::size_t(c) * x.width,
                         aux ? aux + std::size_t(c) * x.width : nullptr, p + L.b, L.out);
        prev = h;
        prevRows = x.width;
    }
    const Layer& L = x.layers[x.depth];
    auto out = block(x.output, L.out, x.cols, x.outputs);
    out.noalias() = block(p + L.w, L.out, L.in, L.out) * block(prev, L.in, x.cols, prevRows);
    out.colwise() += MapCV(p + L.b, L.out);
}

void backward(const Pass& x) {
    const float* p = x.params;
    const auto dy = block(x.dOutput, x.outputs, x.cols, x.outputs);
    // Output layer.
    {
        const Layer& L = x.layers[x.depth];
        const float* hPrev = x.h[x.depth - 1];
        block(x.grad + L.w, L.out, L.in, L.out).noalias() =
            dy * block(hPrev, L.in, x.cols, x.width).transpose();
        MapV(x.grad + L.b, L.out) = dy.rowwise().sum();
        block(x.d0, L.in, x.cols, x.widest).noalias() =
            block(p + L.w, L.out, L.in, L.out).transpose() * dy;
    }
    float* d = x.d0;
    float* dNext = x.d1;
    for (int l = x.depth - 1; l >= 0; --l) {
        const Layer& L = x.layers[l];
        const float* h = x.h[l];
        const float* aux = x.aux[l];
        for (int c = 0; c < x.cols; ++c)
            activationBackward(x.act, d + std::size_t(c) * x.widest, h + std::size_t(c) * x.width,
                               aux ? aux + std::size_t(c) * x.width : nullptr, L.out);
        const auto dz = block(d, L.out, x.cols, x.widest);
        const float* prev = l > 0 ? x.h[l - 1] : x.input;
        const int prevRows = l > 0 ? x.width : x.inputs;
        block(x.grad + L.w, L.out, L.in, L.out).noalias() =
            dz * block(prev, L.in, x.cols, prevRows).transpose();
        MapV(x.grad + L.b, L.out) = dz.rowwise().sum();
        if (l > 0) {
            block(dNext, L.in, x.cols, x.widest).noalias() =
                block(p + L.w, L.out, L.in, L.out).transpose() * dz;
            std::swap(d, dNext);
        } else if (x.dInput) {
            block(x.dInput, L.in, x.cols, x.inputs).noalias() =
                block(p + L.w, L.out, L.in, L.out).transpose() * dz;
        }
    }
}

}  // namespace symscore::kernels::SYMSCORE_KERNEL_VARIANT
