#include "core/optimizer.hpp"

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace symscore {

double scheduledLearningRate(double baseLr, LrSchedule schedule, long step, long totalSteps) {
    if (schedule == LrSchedule::Constant || totalSteps <= 1) return baseLr;
    const double progress = std::min(1.0, double(step) / double(totalSteps - 1));
    return baseLr * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
}

Adam::Adam(std::size_t parameterCount, Options options)
    : opt_(options), m_(parameterCount, 0.0f), v_(parameterCount, 0.0f) {}

double Adam::step(std::span<float> params, std::span<float> grad, double lr) {
    if (params.size() != m_.size() || grad.size() != m_.size())
        throw std::invalid_argument("Adam: parameter count mismatch");
    // In double: a float sum of squares overflows long before the gradient does.
    const double norm =
        std::sqrt(Eigen::Map<const Eigen::VectorXf>(grad.data(), Eigen::Index(grad.size()))
                      .cast<double>()
                      .squaredNorm());
    float scale = 1.0f;
    if (opt_.gradClip > 0.0 && norm > opt_.gradClip) scale = float(opt_.gradClip / norm);

    ++t_;
    const float b1 = float(opt_.beta1), b2 = float(opt_.beta2);
    // Bias corrections folded into the step size and epsilon (Kingma & Ba, section 2).
    const double c1 = 1.0 - std::pow(opt_.beta1, double(t_));
    const double c2 = 1.0 - std::pow(opt_.beta2, double(t_));
    const float stepSize = float(lr * std::sqrt(c2) / c1);
    const float eps = float(opt_.epsilon * std::sqrt(c2));
    // Whole-vector array expressions, so that the update runs vectorized.
    using Arr = Eigen::Map<Eigen::ArrayXf>;
    const Eigen::Index n = Eigen::Index(m_.size());
    Arr p(params.data(), n), m(m_.data(), n), v(v_.data(), n);
    const Eigen::Map<const Eigen::ArrayXf> g(grad.data(), n);
    m = b1 * m + ((1.0f - b1) * scale) * g;
    // Capped: g^2 overflows for |g| > 1.8e19, and the vectorized sqrt (x * rsqrt(x)) turns
    // an infinite v into NaN; a capped v keeps the step finite and the run diagnosable.
    v = (b2 * v + ((1.0f - b2) * scale * scale) * g.square())
            .min(std::numeric_limits<float>::max());
    p -= stepSize * (m / (v.sqrt() + eps));  // ratio first: stepSize * m may overflow
    return norm;
}

}  // namespace symscore
