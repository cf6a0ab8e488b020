#include "core/optimizer.hpp"

#include <cmath>
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
    double sq = 0.0;
    for (float g : grad) sq += double(g) * double(g);
    const double norm = std::sqrt(sq);
    float scale = 1.0f;
    if (opt_.gradClip > 0.0 && norm > opt_.gradClip) scale = float(opt_.gradClip / norm);

    ++t_;
    const float b1 = float(opt_.beta1), b2 = float(opt_.beta2);
    // Bias corrections folded into the step size and epsilon (Kingma & Ba, section 2).
    const double c1 = 1.0 - std::pow(opt_.beta1, double(t_));
    const double c2 = 1.0 - std::pow(opt_.beta2, double(t_));
    const float stepSize = float(lr * std::sqrt(c2) / c1);
    const float eps = float(opt_.epsilon * std::sqrt(c2));
    float* p = params.data();
    const float* g = grad.data();
    float* m = m_.data();
    float* v = v_.data();
    const std::size_t n = m_.size();
    for (std::size_t i = 0; i < n; ++i) {
        const float gi = g[i] * scale;
        m[i] = b1 * m[i] + (1.0f - b1) * gi;
        v[i] = b2 * v[i] + (1.0f - b2) * gi * gi;
        p[i] -= stepSize * m[i] / (std::sqrt(v[i]) + eps);
    }
    return norm;
}

}  // namespace symscore
