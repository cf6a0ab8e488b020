#pragma once
// Adam over one flat parameter vector (D. P. Kingma and J. Ba, "Adam: A method for
// stochastic optimization", ICLR 2015), with optional clipping of the global gradient norm
// and a constant or cosine learning-rate schedule (I. Loshchilov and F. Hutter, "SGDR:
// stochastic gradient descent with warm restarts", ICLR 2017, without restarts).
#include <span>
#include <vector>

#include "core/network.hpp"

namespace symscore {

// The learning rate at step (0-based) of totalSteps.
double scheduledLearningRate(double baseLr, LrSchedule schedule, long step, long totalSteps);

class Adam {
  public:
    struct Options {
        double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        double gradClip = 0.0;  // max global gradient norm; 0 turns clipping off
    };
    explicit Adam(std::size_t parameterCount) : Adam(parameterCount, Options{}) {}
    Adam(std::size_t parameterCount, Options options);

    // One update of params with grad (grad may be rescaled in place by clipping).
    // Returns the gradient norm before clipping.
    double step(std::span<float> params, std::span<float> grad, double lr);
    long steps() const { return t_; }

    // The state, for snapshots (a run that must resume exactly where it stopped).
    const FloatBuffer& firstMoment() const { return m_; }
    const FloatBuffer& secondMoment() const { return v_; }

  private:
    Options opt_;
    FloatBuffer m_, v_;
    long t_ = 0;
};

}  // namespace symscore
