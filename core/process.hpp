#pragma once
// Forward diffusion processes dX = f(t) X dt + g(t) dW (docs/math.md, section 3), with marginal
// X_t | X_0 ~ N(alpha(t) X_0, sigma(t)^2 I). Time runs over [eps, T].
#include "core/field_issue.hpp"
#include "core/random.hpp"
#include "core/types.hpp"

namespace symscore {

enum class ProcessType { VP, OU, VE };

struct ProcessSpec {
    ProcessType type = ProcessType::VP;
    double beta_min = 0.1, beta_max = 20.0;     // VP
    double sigma_min = 0.01, sigma_max = 10.0;  // VE
    double T = 1.0;                             // OU's default is 5 (see defaultT)
    double eps = 1e-3;
    bool operator==(const ProcessSpec&) const = default;
};

// The documented default horizon of each process.
double defaultT(ProcessType type);

// Every problem with a process specification, fields named relative to it ("beta_max",
// "T"): invalid values, and values beyond docs/scenario.md's limits (horizon, noise rates,
// sigma(eps), VE's sigma range) that would validate but make every run NaN or meaningless.
FieldIssues processIssues(const ProcessSpec& spec);

class Process {
  public:
    // Throws std::invalid_argument "<field>: <problem>" with the first of processIssues.
    explicit Process(const ProcessSpec& spec = {});
    const ProcessSpec& spec() const { return spec_; }

    double alpha(double t) const;
    double sigma(double t) const;
    double f(double t) const;   // drift coefficient
    double g(double t) const;   // diffusion coefficient
    double g2(double t) const;  // g(t)^2
    double T() const { return spec_.T; }
    double eps() const { return spec_.eps; }
    // The prior N(0, priorStd^2 I) that sampling starts from at time T.
    double priorStd() const;
    Points samplePrior(int n, Rng& rng) const;

  private:
    ProcessSpec spec_;
};

}  // namespace symscore
