#include "core/score_field.hpp"

namespace symscore {

void ExactScore::score(const Eigen::Ref<const PointsF>& x, double t,
                       Eigen::Ref<PointsF> out) const {
    const Mixture pt = marginal(t);
    const Points xd = x.cast<double>();
    Points sd(xd.rows(), 2);
    pt.score(xd, sd);
    out = sd.cast<float>();
}

}  // namespace symscore
