#include "core/process.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace symscore {

double defaultT(ProcessType type) { return type == ProcessType::OU ? 5.0 : 1.0; }

namespace {
void require(bool ok, const char* field, const std::string& why) {
    if (!ok) throw std::invalid_argument(std::string(field) + ": " + why);
}
}  // namespace

Process::Process(const ProcessSpec& spec) : spec_(spec) {
    require(std::isfinite(spec.T) && spec.T > 0, "T", "must be a positive number");
    require(std::isfinite(spec.eps) && spec.eps > 0 && spec.eps < spec.T, "eps",
            "must be positive and smaller than T");
    if (spec.type == ProcessType::VP) {
        require(std::isfinite(spec.beta_min) && spec.beta_min >= 0, "beta_min",
                "must be a non-negative number");
        require(std::isfinite(spec.beta_max) && spec.beta_max >= spec.beta_min &&
                    spec.beta_max > 0,
                "beta_max", "must be positive and at least beta_min");
    }
    if (spec.type == ProcessType::VE) {
        require(std::isfinite(spec.sigma_min) && spec.sigma_min > 0, "sigma_min",
                "must be positive");
        require(std::isfinite(spec.sigma_max) && spec.sigma_max > spec.sigma_min, "sigma_max",
                "must be larger than sigma_min");
    }
}

double Process::alpha(double t) const {
    switch (spec_.type) {
        case ProcessType::VP:
            return std::exp(-0.5 * spec_.beta_min * t -
                            0.25 * (spec_.beta_max - spec_.beta_min) * t * t);
        case ProcessType::OU: return std::exp(-t);
        case ProcessType::VE: return 1.0;
    }
    return 1.0;
}

double Process::sigma(double t) const {
    switch (spec_.type) {
        case ProcessType::VP: {
            // 1 - alpha^2 = -expm1(2 log alpha): accurate for small t.
            const double logA = -0.5 * spec_.beta_min * t -
                                0.25 * (spec_.beta_max - spec_.beta_min) * t * t;
            return std::sqrt(-std::expm1(2 * logA));
        }
        case ProcessType::OU: return std::sqrt(-std::expm1(-2 * t));
        case ProcessType::VE:
            return spec_.sigma_min * std::pow(spec_.sigma_max / spec_.sigma_min, t);
    }
    return 1.0;
}

double Process::f(double t) const {
    switch (spec_.type) {
        case ProcessType::VP: return -0.5 * (spec_.beta_min + t * (spec_.beta_max - spec_.beta_min));
        case ProcessType::OU: return -1.0;
        case ProcessType::VE: return 0.0;
    }
    return 0.0;
}

double Process::g2(double t) const {
    switch (spec_.type) {
        case ProcessType::VP: return spec_.beta_min + t * (spec_.beta_max - spec_.beta_min);
        case ProcessType::OU: return 2.0;
        case ProcessType::VE: {
            const double s = sigma(t);
            return s * s * 2.0 * std::log(spec_.sigma_max / spec_.sigma_min);
        }
    }
    return 0.0;
}

double Process::g(double t) const { return std::sqrt(g2(t)); }

double Process::priorStd() const {
    return spec_.type == ProcessType::VE ? spec_.sigma_max : 1.0;
}

Points Process::samplePrior(int n, Rng& rng) const {
    Points p(n, 2);
    const double s = priorStd();
    for (int i = 0; i < n; ++i) {
        p(i, 0) = s * rng.normal();
        p(i, 1) = s * rng.normal();
    }
    return p;
}

}  // namespace symscore
