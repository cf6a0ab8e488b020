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

bool near(const Gaussian& a, const Gaussian& b) {
    const double scale = 1.0 + a.mean.norm() + a.cov.norm();
    return (a.mean - b.mean).norm() < 1e-9 * scale && (a.cov - b.cov).norm() < 1e-9 * scale;
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
            auto same = std::find_if(out.begin(), out.end(),
                                     [&](const Gaussian& o) { return near(o, c); });
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
    const double lse = logTerms(x, buf);
    Vec2 s = Vec2::Zero();
    if (!std::isfinite(lse)) return s;
    for (std::size_t k = 0; k < comps_.size(); ++k) {
        const double gamma = std::exp(buf[k] - lse);
        s -= gamma * (cache_[k].precision * (x - comps_[k].mean));
    }
    return s;
}

void Mixture::score(const Eigen::Ref<const Points>& x, Eigen::Ref<Points> out) const {
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, x.rows(), 256), [&](const auto& r) {
        for (Eigen::Index i = r.begin(); i != r.end(); ++i)
            out.row(i) = score(Vec2(x(i, 0), x(i, 1))).transpose();
    });
}

void Mixture::logDensity(const Eigen::Ref<const Points>& x,
                         Eigen::Ref<Eigen::VectorXd> out) const {
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, x.rows(), 256), [&](const auto& r) {
        for (Eigen::Index i = r.begin(); i != r.end(); ++i)
            out(i) = logDensity(Vec2(x(i, 0), x(i, 1)));
    });
}

Points Mixture::sample(int n, Rng& rng) const {
    Points p(n, 2);
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform() * cumulative_.back();
        std::size_t k = std::size_t(
            std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
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
