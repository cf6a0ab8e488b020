#include "core/process.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/scenario_limits.hpp"

namespace symscore {

double defaultT(ProcessType type) { return type == ProcessType::OU ? 5.0 : 1.0; }

namespace {
// sigma(t) of a spec without building a Process (whose constructor checks the spec).
double sigmaOf(const ProcessSpec& spec, double t);

std::string number(double v) { return formatNumber(v); }
}  // namespace

FieldIssues processIssues(const ProcessSpec& spec) {
    using L = ScenarioLimits;
    FieldIssues out;
    auto require = [&](bool ok, const char* field, const std::string& why) {
        if (!ok) out.push_back({field, why});
        return ok;
    };
    const bool horizonOk =
        require(std::isfinite(spec.T) && spec.T > 0, "T", "must be a positive number") &&
        require(spec.T <= L::maxHorizon, "T",
                "must be at most " + number(L::maxHorizon) + ", got " + number(spec.T));
    const bool epsOk = require(std::isfinite(spec.eps) && spec.eps > 0 && spec.eps < spec.T, "eps",
                               "must be positive and smaller than T");
    bool ratesOk = true;
    if (spec.type == ProcessType::VP) {
        ratesOk &= require(std::isfinite(spec.beta_min) && spec.beta_min >= 0, "beta_min",
                           "must be a non-negative number");
        ratesOk &= require(
            std::isfinite(spec.beta_max) && spec.beta_max >= spec.beta_min && spec.beta_max > 0,
            "beta_max", "must be positive and at least beta_min");
        ratesOk &=
            require(!(spec.beta_max > L::maxBeta), "beta_max",
                    "must be at most " + number(L::maxBeta) + ", got " + number(spec.beta_max));
    }
    if (spec.type == ProcessType::VE) {
        ratesOk &= require(std::isfinite(spec.sigma_min) && spec.sigma_min > 0, "sigma_min",
                           "must be positive");
        ratesOk &=
            require(!(spec.sigma_min < L::minSigma), "sigma_min",
                    "must be at least " + number(L::minSigma) + ", got " + number(spec.sigma_min));
        ratesOk &= require(std::isfinite(spec.sigma_max) && spec.sigma_max > spec.sigma_min,
                           "sigma_max", "must be larger than sigma_min");
        ratesOk &= require(!(spec.sigma_max > L::maxCoordinate), "sigma_max",
                           "must be at most " + number(L::maxCoordinate));
        if (ratesOk && horizonOk && !(sigmaOf(spec, spec.T) <= L::maxCoordinate))
            out.push_back({"sigma_max", "sigma(T) = " + number(sigmaOf(spec, spec.T)) +
                                            " at T = " + number(spec.T) + ", more than " +
                                            number(L::maxCoordinate)});
    }
    // The noise at the end of sampling: below minSigma the score (about 1 / sigma^2 near the
    // data) leaves single precision, and a T of 1e-300 makes everything NaN.
    if (horizonOk && epsOk && ratesOk && !(sigmaOf(spec, spec.eps) >= L::minSigma))
        out.push_back({"eps", "sigma(eps) = " + number(sigmaOf(spec, spec.eps)) +
                                  " at eps = " + number(spec.eps) + ", below " +
                                  number(L::minSigma) + ": use a larger eps"});
    return out;
}

Process::Process(const ProcessSpec& spec) : spec_(spec) {
    const FieldIssues issues = processIssues(spec);
    if (!issues.empty()) throw std::invalid_argument(issues.front().text());
}

namespace {
double sigmaOf(const ProcessSpec& spec, double t) {
    switch (spec.type) {
        case ProcessType::VP: {
            // 1 - alpha^2 = -expm1(2 log alpha): accurate for small t.
            const double logA =
                -0.5 * spec.beta_min * t - 0.25 * (spec.beta_max - spec.beta_min) * t * t;
            return std::sqrt(-std::expm1(2 * logA));
        }
        case ProcessType::OU:
            return std::sqrt(-std::expm1(-2 * t));
        case ProcessType::VE:
            return spec.sigma_min * std::pow(spec.sigma_max / spec.sigma_min, t);
    }
    return 1.0;
}
}  // namespace

double Process::alpha(double t) const {
    switch (spec_.type) {
        case ProcessType::VP:
            return std::exp(-0.5 * spec_.beta_min * t -
                            0.25 * (spec_.beta_max - spec_.beta_min) * t * t);
        case ProcessType::OU:
            return std::exp(-t);
        case ProcessType::VE:
            return 1.0;
    }
    return 1.0;
}

double Process::sigma(double t) const { return sigmaOf(spec_, t); }

double Process::f(double t) const {
    switch (spec_.type) {
        case ProcessType::VP:
            return -0.5 * (spec_.beta_min + t * (spec_.beta_max - spec_.beta_min));
        case ProcessType::OU:
            return -1.0;
        case ProcessType::VE:
            return 0.0;
    }
    return 0.0;
}

double Process::g2(double t) const {
    switch (spec_.type) {
        case ProcessType::VP:
            return spec_.beta_min + t * (spec_.beta_max - spec_.beta_min);
        case ProcessType::OU:
            return 2.0;
        case ProcessType::VE: {
            const double s = sigma(t);
            return s * s * 2.0 * std::log(spec_.sigma_max / spec_.sigma_min);
        }
    }
    return 0.0;
}

double Process::g(double t) const { return std::sqrt(g2(t)); }

double Process::priorStd() const { return spec_.type == ProcessType::VE ? spec_.sigma_max : 1.0; }

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
