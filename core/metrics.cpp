#include "core/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace symscore {

double lossWeight(const Process& process, LossWeighting weighting, double t) {
    if (weighting == LossWeighting::G2) return process.g2(t);
    const double s = process.sigma(t);
    return s * s;
}

EvaluationSet makeEvaluationSet(const Mixture& target, const Process& process, const Group& group,
                                int times, int samples, std::uint64_t seed,
                                LossWeighting weighting) {
    EvaluationSet set;
    const int order = group.order();
    set.orbitSize = order;
    Rng rng(seed, 0xE7A1);
    const double eps = process.eps(), span = process.T() - process.eps();
    for (int k = 0; k < times; ++k) {
        EvaluationSet::Slice s;
        s.t = eps + span * (k + rng.uniform()) / times;
        s.lambda = lossWeight(process, weighting, s.t);
        const double a = process.alpha(s.t), sig = process.sigma(s.t);
        const Points xt = target.marginal(a, sig).sample(samples, rng);
        const Points x0 = target.sample(samples, rng);
        s.x.resize(samples * order, 2);
        s.x0.resize(samples * order, 2);
        s.z.resize(samples * order, 2);
        for (int i = 0; i < samples; ++i) {
            const Vec2 z(rng.normal(), rng.normal());
            for (int g = 0; g < order; ++g) {
                const Mat2& A = group.element(g);
                const int r = i * order + g;
                s.x.row(r) = (A * xt.row(i).transpose()).cast<float>().transpose();
                s.x0.row(r) = (A * x0.row(i).transpose()).cast<float>().transpose();
                s.z.row(r) = (A * z).cast<float>().transpose();
            }
        }
        set.slices.push_back(std::move(s));
    }
    return set;
}

EvaluationSet makeEvaluationSet(const Scenario& scenario) {
    return makeEvaluationSet(scenario.makeTarget(), scenario.makeProcess(), scenario.makeGroup(),
                             16, 128, scenario.data.seed ^ 0x5eed, scenario.training.weighting);
}

ScoreErrors scoreErrors(const ScoreField& model, const ExactScore& exact, const Group& group,
                        const EvaluationSet& set) {
    const int order = group.order();
    if (set.orbitSize != order)
        throw std::invalid_argument("scoreErrors: set not closed under this group");
    ScoreErrors e;
    std::vector<double> defectNum(std::size_t(order), 0.0);
    double defectDen = 0.0, weightSum = 0.0;
    for (const auto& slice : set.slices) {
        const Eigen::Index n = slice.x.rows();
        PointsF s(n, 2), ex(n, 2);
        model.score(slice.x, slice.t, s);
        exact.score(slice.x, slice.t, ex);
        double err = 0.0, symErr = 0.0, viol = 0.0;
        const double rootLambda = std::sqrt(slice.lambda);
        for (Eigen::Index i = 0; i < n / order; ++i) {
            // S_G[s](x_i) from the orbit rows, then S_G[s](A_h x_i) = A_h S_G[s](x_i).
            Vec2 sym = Vec2::Zero();
            for (int g = 0; g < order; ++g)
                sym +=
                    group.element(g).transpose() * s.row(i * order + g).cast<double>().transpose();
            sym /= order;
            const Vec2 s0 = s.row(i * order).cast<double>().transpose();
            for (int h = 0; h < order; ++h) {
                const Eigen::Index r = i * order + h;
                const Vec2 sr = s.row(r).cast<double>().transpose();
                const Vec2 er = ex.row(r).cast<double>().transpose();
                const Vec2 symr = group.element(h) * sym;
                err += (sr - er).squaredNorm();
                symErr += (symr - er).squaredNorm();
                viol += (sr - symr).squaredNorm();
                defectNum[std::size_t(h)] += rootLambda * (sr - group.element(h) * s0).norm();
            }
            defectDen += rootLambda * s0.norm();
        }
        e.error += slice.lambda * err / double(n);
        e.symmetrizedError += slice.lambda * symErr / double(n);
        e.violation += slice.lambda * viol / double(n);
        weightSum += 1.0;
    }
    if (weightSum > 0) {
        e.error /= weightSum;
        e.symmetrizedError /= weightSum;
        e.violation /= weightSum;
    }
    // A model that outputs NaN or Inf is a failure on every figure, never a perfect score:
    // the defect's 0 / 0 guard (a zero field is exactly equivariant) must not catch it.
    const bool finite = std::all_of(defectNum.begin(), defectNum.end(),
                                    [](double v) { return std::isfinite(v); }) &&
                        std::isfinite(defectDen);
    const double maxNum = *std::max_element(defectNum.begin(), defectNum.end());
    if (!finite)
        e.defect = std::numeric_limits<double>::quiet_NaN();
    else
        e.defect = defectDen > 0 ? maxNum / defectDen : 0.0;
    return e;
}

double heldOutDsmLoss(const ScoreField& model, const Process& process, const EvaluationSet& set) {
    double total = 0.0;
    for (const auto& slice : set.slices) {
        const double a = process.alpha(slice.t), sig = process.sigma(slice.t);
        const PointsF xt =
            (a * slice.x0.cast<double>() + sig * slice.z.cast<double>()).cast<float>();
        PointsF s(xt.rows(), 2);
        model.score(xt, slice.t, s);
        double sum = 0.0;
        for (Eigen::Index i = 0; i < xt.rows(); ++i)
            sum += (s.row(i).cast<double>() + slice.z.row(i).cast<double>() / sig).squaredNorm();
        total += slice.lambda * sum / double(xt.rows());
    }
    return set.slices.empty() ? 0.0 : total / double(set.slices.size());
}

void Symmetrized::score(const Eigen::Ref<const PointsF>& x, double t,
                        Eigen::Ref<PointsF> out) const {
    const int order = group_.order();
    const Eigen::Index n = x.rows();
    PointsF images(n * order, 2), values(n * order, 2);
    std::vector<Eigen::Matrix2f> mats;
    for (const Mat2& a : group_.elements()) mats.push_back(a.cast<float>());
    for (int g = 0; g < order; ++g)
        images.middleRows(g * n, n) = x * mats[std::size_t(g)].transpose();
    base_->score(images, t, values);
    out.setZero();
    for (int g = 0; g < order; ++g) out += values.middleRows(g * n, n) * mats[std::size_t(g)];
    out /= float(order);
}

}  // namespace symscore
