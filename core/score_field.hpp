#pragma once
// A score field s(x, t) ~ grad log p_t(x): what samplers integrate and metrics measure.
// Learned models (score_model) and the exact oracle share this interface.
// score() must be safe to call from several threads at once on disjoint outputs.
#include <string>

#include "core/mixture.hpp"
#include "core/process.hpp"
#include "core/types.hpp"

namespace symscore {

class ScoreField {
  public:
    virtual ~ScoreField() = default;
    // out.row(i) = s(x.row(i), t). x and out have the same number of rows.
    virtual void score(const Eigen::Ref<const PointsF>& x, double t,
                       Eigen::Ref<PointsF> out) const = 0;
    // True when s(A_g x, t) = A_g s(x, t) holds by construction for the scenario's group.
    virtual bool equivariantByConstruction() const { return false; }
};

// The oracle: the exact score of p_t for a Gaussian mixture target (docs/math.md, section 3),
// evaluated in double precision.
class ExactScore final : public ScoreField {
  public:
    ExactScore(Mixture target, Process process)
        : target_(std::move(target)), process_(std::move(process)) {}
    void score(const Eigen::Ref<const PointsF>& x, double t,
               Eigen::Ref<PointsF> out) const override;
    bool equivariantByConstruction() const override { return true; }
    const Mixture& target() const { return target_; }
    const Process& process() const { return process_; }
    // The marginal p_t as a mixture.
    Mixture marginal(double t) const {
        return target_.marginal(process_.alpha(t), process_.sigma(t));
    }

  private:
    Mixture target_;
    Process process_;
};

}  // namespace symscore
