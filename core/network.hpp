#pragma once
// The score network: a multilayer perceptron in float32 whose inputs are spatial features
// (x itself, or invariant features of x) followed by Gaussian Fourier features of time,
// sin(2 pi w_k tau), cos(2 pi w_k tau) with fixed random frequencies w_k ~ N(0, scale^2)
// (Tancik et al., "Fourier features let networks learn high frequency functions", 2020).
//
// Layout: a batch is column-major "features x columns", one column per evaluation, so a
// row-major n x 2 point cloud is already the 2 x n input block. All weights and biases live
// in one flat float buffer (layer by layer: W as out x in column-major, then b), so a
// snapshot, Adam and the model file see one vector. Forward and backward run on a
// Workspace that holds every buffer of one chunk: nothing is allocated inside a step.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "core/network_kernels.hpp"
#include "core/scenario.hpp"

namespace symscore {

// Flat float buffers (parameters, gradients, optimizer moments) start on a 64-byte boundary.
// Besides speed, this makes results reproducible: Eigen handles an unaligned head of a
// vector with scalar code whose rounding (contracted multiply-adds) differs from the
// vector code, so the same computation on differently aligned copies would differ in the
// last bit.
using FloatBuffer = std::vector<float, Eigen::aligned_allocator<float>>;

struct NetworkShape {
    int spatialInputs = 2;
    int width = 128;
    int depth = 3;     // hidden layers
    int fourier = 16;  // number of frequencies; 2 features each
    int outputs = 2;
    Activation activation = Activation::SiLU;
    int inputs() const { return spatialInputs + 2 * fourier; }
    bool operator==(const NetworkShape&) const = default;
};

class Network {
  public:
    // Seeded PyTorch-like initialization: W, b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    // Throws std::invalid_argument on a shape out of range.
    Network(const NetworkShape& shape, double fourierScale, std::uint64_t seed);
    // A network with given frequencies and parameters (a loaded model). Throws
    // std::invalid_argument when the sizes do not match the shape.
    Network(const NetworkShape& shape, std::vector<float> frequencies,
            std::vector<float> parameters);

    const NetworkShape& shape() const { return shape_; }
    std::size_t parameterCount() const { return params_.size(); }
    std::span<float> parameters() { return params_; }
    std::span<const float> parameters() const { return params_; }
    const std::vector<float>& frequencies() const { return freqs_; }

    // All buffers of one chunk of up to `capacity` columns.
    class Workspace {
      public:
        Workspace() = default;
        Workspace(const NetworkShape& shape, int capacity);
        int capacity() const { return capacity_; }
        // inputs() x capacity, column-major: the caller fills the first `cols` columns.
        float* input() { return input_.data(); }
        // outputs x capacity, valid after forward().
        const float* output() const { return output_.data(); }
        float* output() { return output_.data(); }

      private:
        friend class Network;
        int capacity_ = 0;
        Eigen::MatrixXf input_, output_;
        std::vector<Eigen::MatrixXf> h_;     // post-activation of every hidden layer
        std::vector<Eigen::MatrixXf> aux_;   // SiLU: the sigmoid of the pre-activation
        Eigen::MatrixXf d0_, d1_;            // gradients flowing backwards
        Eigen::MatrixXf phase_, sin_;        // time features: fourier x capacity
        std::vector<float*> hPtr_, auxPtr_;  // the kernels' view of h_ and aux_ (passOver)
    };

    // The 2F time features of tau, written to out[0 .. 2F).
    void timeFeatures(float tau, float* out) const;
    // The time features of tau[j] (j < n <= capacity) into the input rows after the spatial
    // ones, at every `repeat`-th column starting at column j * repeat: one block of phases,
    // sin and cos over it (vectorized), then scattered into the input columns.
    void timeFeatures(Workspace& ws, const float* tau, int n, int repeat) const;
    // ws.input (first cols columns) -> ws.output.
    void forward(Workspace& ws, int cols) const;
    // Given dLoss/dOutput (outputs x cols, column-major) after forward() on the same
    // workspace, writes (not adds) dLoss/dParameters into grad[0 .. parameterCount()).
    void backward(Workspace& ws, int cols, const float* dOutput, float* grad) const;
    // Also dLoss/dInput (inputs x cols) into dInput, for gradient checks of input maps.
    void backward(Workspace& ws, int cols, const float* dOutput, float* grad, float* dInput) const;

  private:
    struct Layer {
        int in, out;
        std::size_t w, b;  // offsets into the flat buffer
    };
    void buildLayers();
    // The kernels' view of a workspace's first cols columns (core/network_kernels.hpp).
    kernels::Pass passOver(Workspace& ws, int cols) const;
    NetworkShape shape_;
    std::vector<Layer> layers_;
    std::vector<kernels::Layer> kernelLayers_;
    std::vector<float> freqs_;
    Eigen::VectorXf omega_;  // 2 pi w_k
    FloatBuffer params_;
};

}  // namespace symscore
