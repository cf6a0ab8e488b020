#include "core/mixture.hpp"

#include <tbb/parallel_for.h>

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace symscore {

namespace {
constexpr int kStackTerms = 256;

[[noreturn]] void fail(std::size_t k, const char* field, const std::string& why) {
    throw std::invalid_argument("components[" + std::to_string(k) + "]." + field + ": " + why);
}

// The smallest eigenvalue of a symmetric positive definite 2 x 2 matrix, as det / largest
// (the difference form loses everything to cancellation when the axes differ a lot).
double smallestEigenvalue(const Mat2& s) {
    const double half = 0.5 * (s(0, 0) + s(1, 1));
    const double largest = half + std::hypot(0.5 * (s(0, 0) - s(1, 1)), s(0, 1));
    return largest > 0 ? s.determinant() / largest : 0.0;
}

// True duplicates only: b is a within rounding of the group's matrices, measured in a's own
// shape. The mean difference in a's standard deviations and the covariance difference
// relative to a's smallest variance must both be below 1e-6 (two such Gaussians are at a
// KL divergence of about 1e-12). An absolute tolerance merged a tiny anisotropic component
// with its mirror image, and two distinct tiny components near 1e6. Not merging two images
// that differ by more only keeps two components of half the weight each: still exact.
bool near(const Gaussian& a, const Gaussian& b) {
    constexpr double kRelative = 1e-6;
    const double lambda = smallestEigenvalue(a.cov);
    if (!(lambda > 0)) return false;
    const Vec2 d = a.mean - b.mean;
    if ((a.cov - b.cov).norm() > kRelative * lambda) return false;
    const double mahalanobis2 = d.dot(a.cov.inverse() * d);
    return mahalanobis2 <= kRelative * kRelative;
}
}  // namespace

Mat2 covarianceFromAxes(double sd1, double sd2, double angleDeg) {
    const Mat2 r = rotation(angleDeg * std::numbers::pi / 180.0);
    return r * Eigen::Vector2d(sd1 * sd1, sd2 * sd2).asDiagonal() * r.transpose();
}

Mixture::Mixture(std::vector<Gaussian> components) : comps_(std::move(components)) {
    if (comps_.empty()) throw std::invalid_argument("components: at least one is needed");
    if (comps_.size() > std::size_t(kMaxComponents))
        throw std::invalid_argument("components: at most " + std::to_string(kMaxComponents) +
                                    " allowed, got " + std::to_string(comps_.size()));
    double total = 0.0;
    for (std::size_t k = 0; k < comps_.size(); ++k) {
        const Gaussian& c = comps_[k];
        if (!c.mean.allFinite()) fail(k, "mean", "must be finite numbers");
        if (!c.cov.allFinite()) fail(k, "cov", "must be finite numbers");
        if (std::abs(c.cov(0, 1) - c.cov(1, 0)) > 1e-9 * (1.0 + c.cov.norm()))
            fail(k, "cov", "not symmetric");
        if (!(std::isfinite(c.weight) && c.weight >= 0)) fail(k, "weight", "must be >= 0");
        total += c.weight;
    }
    if (!(total > 0)) throw std::invalid_argument("components: the weights sum to zero");
    const double log2pi = std::log(2.0 * std::numbers::pi);
    double acc = 0.0;
    for (std::size_t k = 0; k < comps_.size(); ++k) {
        Gaussian& c = comps_[k];
        c.weight /= total;
        c.cov(1, 0) = c.cov(0, 1);
        const double det = c.cov.determinant();
        if (!(c.cov(0, 0) > 0 && det > 1e-300 * (1.0 + c.cov.squaredNorm())))
            fail(k, "cov", "not positive definite");
        Cached cc;
        cc.precision = c.cov.inverse();
        cc.cholesky = c.cov.llt().matrixL();
        cc.logNorm = (c.weight > 0 ? std::log(c.weight) : -INFINITY) - log2pi - 0.5 * std::log(det);
        cache_.push_back(cc);
        acc += c.weight;
        cumulative_.push_back(acc);
    }
}

Mixture Mixture::orbitMixture(const std::vector<Gaussian>& base, const Group& group,
                              double symmetryBreaking) {
    if (!(symmetryBreaking >= 0 && symmetryBreaking <= 1))
        throw std::invalid_argument("symmetry_breaking: must be between 0 and 1");
    std::vector<Gaussian> out;
    const double order = group.order();
    for (std::size_t j = 0; j < base.size(); ++j) {
        for (int g = 0; g < group.order(); ++g) {
            const Mat2& a = group.element(g);
            Gaussian c{a * base[j].mean, a * base[j].cov * a.transpose(), base[j].weight / order};
            if (j == 0 && g == 0) c.weight *= 1.0 + symmetryBreaking;
            auto same =
                std::find_if(out.begin(), out.end(), [&](const Gaussian& o) { return near(o, c); });
            if (same != out.end())
                same->weight += c.weight;
            else
                out.push_back(c);
        }
    }
    return Mixture(std::move(out));
}

Mixture Mixture::marginal(double alpha, double sigma) const {
    std::vector<Gaussian> out = comps_;
    for (auto& c : out) {
        c.mean *= alpha;
        c.cov = alpha * alpha * c.cov + sigma * sigma * Mat2::Identity();
    }
    return Mixture(std::move(out));
}

double Mixture::logTerms(const Vec2& x, double* buf) const {
    double mx = -INFINITY;
    for (std::size_t k = 0; k < comps_.size(); ++k) {
        const Vec2 d = x - comps_[k].mean;
        buf[k] = cache_[k].logNorm - 0.5 * d.dot(cache_[k].precision * d);
        mx = std::max(mx, buf[k]);
    }
    if (!std::isfinite(mx)) return mx;
    double s = 0.0;
    for (std::size_t k = 0; k < comps_.size(); ++k) s += std::exp(buf[k] - mx);
    return mx + std::log(s);
}

double Mixture::logDensity(const Vec2& x) const {
    double stack[kStackTerms];
    std::vector<double> heap;
    double* buf = stack;
    if (comps_.size() > kStackTerms) {
        heap.resize(comps_.size());
        buf = heap.data();
    }
    return logTerms(x, buf);
}

double Mixture::density(const Vec2& x) const { return std::exp(logDensity(x)); }

Vec2 Mixture::score(const Vec2& x) const {
    double stack[kStackTerms];
    std::vector<double> heap;
    double* buf = stack;
    if (comps_.size() > kStackTerms) {
        heap.resize(comps_.size());
        buf = heap.data();
    }
    (void)logTerms(x, buf);
    double mx = -INFINITY;
    for (std::size_t k = 0; k < comps_.size(); ++k) mx = std::max(mx, buf[k]);
    Vec2 s = Vec2::Zero();
    if (!std::isfinite(mx)) return s;
    // Responsibilities normalized directly, sum_k e^(l_k - max) / sum: going through the
    // log-sum-exp (e^(l_k - lse)) loses log K to rounding once |l_k| is past about 1e16 (far
    // from the data), and the score came out K times too large.
    double total = 0.0;
    for (std::size_t k = 0; k < comps_.size(); ++k) {
        buf[k] = std::exp(buf[k] - mx);
        total += buf[k];
    }
    for (std::size_t k = 0; k < comps_.size(); ++k)
        s -= (buf[k] / total) * (cache_[k].precision * (x - comps_[k].mean));
    return s;
}

void Mixture::score(const Eigen::Ref<const Points>& x, Eigen::Ref<Points> out) const {
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, x.rows(), 256), [&](const auto& r) {
        for (Eigen::Index i = r.begin(); i != r.end(); ++i)
            out.row(i) = score(Vec2(x(i, 0), x(i, 1))).transpose();
    });
}

void Mixture::logDensity(const Eigen::Ref<const Points>& x, Eigen::Ref<Eigen::VectorXd> out) const {
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, x.rows(), 256), [&](const auto& r) {
        for (Eigen::Index i = r.begin(); i != r.end(); ++i)
            out(i) = logDensity(Vec2(x(i, 0), x(i, 1)));
    });
}

Points Mixture::sample(int n, Rng& rng) const {
    Points p(n, 2);
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform() * cumulative_.back();
        std::size_t k = std::size_t(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                    cumulative_.begin());
        k = std::min(k, comps_.size() - 1);
        const Vec2 z(rng.normal(), rng.normal());
        p.row(i) = (comps_[k].mean + cache_[k].cholesky * z).transpose();
    }
    return p;
}

Vec2 Mixture::mean() const {
    Vec2 m = Vec2::Zero();
    for (const auto& c : comps_) m += c.weight * c.mean;
    return m;
}

Mat2 Mixture::covariance() const {
    const Vec2 m = mean();
    Mat2 s = Mat2::Zero();
    for (const auto& c : comps_) s += c.weight * (c.cov + (c.mean - m) * (c.mean - m).transpose());
    return s;
}

}  // namespace symscore
