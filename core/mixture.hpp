#pragma once
// Gaussian mixtures in the plane and their G-orbit mixtures (docs/math.md, section 2), with the
// exact density and score of the diffused marginal p_t (section 3), which is again a mixture:
// p_t = sum_k w_k N(alpha mu_k, alpha^2 Sigma_k + sigma^2 I).
#include <vector>

#include "core/group.hpp"
#include "core/random.hpp"
#include "core/types.hpp"

namespace symscore {

struct Gaussian {
    Vec2 mean = Vec2::Zero();
    Mat2 cov = Mat2::Identity();
    double weight = 1.0;
};

// A covariance from two standard deviations and the angle (degrees) of the first axis;
// the form the app's component table edits.
Mat2 covarianceFromAxes(double sd1, double sd2, double angleDeg);

class Mixture {
  public:
    static constexpr int kMaxComponents = 4096;

    // Weights are normalized to sum 1. Throws std::invalid_argument naming the component
    // ("components[1].cov: not positive definite") on a bad mean, covariance or weight.
    explicit Mixture(std::vector<Gaussian> components);

    // The G-orbit mixture of base components: every A_g mu_j, A_g Sigma_j A_g^T with weight
    // w_j / |G|, coinciding components merged. symmetryBreaking in [0, 1] multiplies the
    // weight of the identity image of the first base component by (1 + delta).
    static Mixture orbitMixture(const std::vector<Gaussian>& base, const Group& group,
                                double symmetryBreaking = 0.0);

    const std::vector<Gaussian>& components() const { return comps_; }
    int size() const { return int(comps_.size()); }

    // The marginal p_t of the forward process started from this mixture.
    Mixture marginal(double alpha, double sigma) const;

    double logDensity(const Vec2& x) const;
    double density(const Vec2& x) const;
    Vec2 score(const Vec2& x) const;  // grad log p
    // Batched, TBB-parallel over points.
    void score(const Eigen::Ref<const Points>& x, Eigen::Ref<Points> out) const;
    void logDensity(const Eigen::Ref<const Points>& x, Eigen::Ref<Eigen::VectorXd> out) const;

    Points sample(int n, Rng& rng) const;
    Vec2 mean() const;
    Mat2 covariance() const;

  private:
    struct Cached {
        Mat2 precision;  // Sigma^-1
        Mat2 cholesky;   // lower L with L L^T = Sigma
        double logNorm;  // log w - log(2 pi) - 1/2 log det Sigma
    };
    // log w_k N(x; mu_k, Sigma_k) for every k into buf, returns their log-sum-exp.
    double logTerms(const Vec2& x, double* buf) const;

    std::vector<Gaussian> comps_;
    std::vector<Cached> cache_;
    std::vector<double> cumulative_;  // for sampling
};

}  // namespace symscore
