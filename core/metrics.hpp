#pragma once
// What measures learning (docs/math.md, sections 4 and 5): the held-out DSM loss, the exact score
// error E(s) against grad log p_t, its orthogonal decomposition
//   E||s - grad log p_t||^2 = E||S_G[s] - grad log p_t||^2 + E||s - S_G[s]||^2,
// and the equivariance defect. All are Monte Carlo estimates on FIXED, seeded evaluation
// sets, so two models (or two moments of one training run) are compared on the same points.
//
// Evaluation sets are orbit-closed: every sampled x ~ p_t comes with all |G| images A_g x
// (rows i|G| .. i|G| + |G| - 1, in the group's element order, identity first). On such a
// set S_G[s] needs no extra evaluation (its values are averages over the rows of an orbit),
// and because S_G is then an exact orthogonal projection of the set's empirical measure,
// the decomposition adds up to rounding, not just up to Monte Carlo error (provided the
// target is G-invariant, so that the exact score is equivariant). With symmetry breaking
// the set samples the symmetrized p_t, and the gap between the two sides is the lesson.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/group.hpp"
#include "core/scenario.hpp"
#include "core/score_field.hpp"

namespace symscore {

double lossWeight(const Process& process, LossWeighting weighting, double t);  // lambda(t)

struct EvaluationSet {
    struct Slice {
        double t = 0.0;
        double lambda = 1.0;
        PointsF x;   // orbit blocks of |G| rows
        PointsF z;   // the DSM noise of each row (used by heldOutDsmLoss)
        PointsF x0;  // the clean point of each row (ditto)
    };
    std::vector<Slice> slices;
    int orbitSize = 1;
};

// `times` stratified times in [eps, T], `samples` draws per time, each with its |G|-orbit.
// x ~ p_t for the score error; x0 ~ target, z ~ N(0, I) for the held-out DSM loss.
EvaluationSet makeEvaluationSet(const Mixture& target, const Process& process, const Group& group,
                                int times, int samples, std::uint64_t seed,
                                LossWeighting weighting = LossWeighting::Sigma2);
// The scenario's set: 16 times x 128 samples, seeded from data.seed.
EvaluationSet makeEvaluationSet(const Scenario& scenario);

struct ScoreErrors {
    double error = 0.0;             // E||s - grad log p_t||^2, lambda-weighted
    double symmetrizedError = 0.0;  // E||S_G[s] - grad log p_t||^2
    double violation = 0.0;         // E||s - S_G[s]||^2: the model-form error
    double defect = 0.0;            // max_g E||s(A_g x) - A_g s(x)|| / E||s(x)||
};
ScoreErrors scoreErrors(const ScoreField& model, const ExactScore& exact, const Group& group,
                        const EvaluationSet& set);

// E_t lambda(t) E ||s(alpha x0 + sigma z, t) + z / sigma||^2 on fresh (held-out) x0.
double heldOutDsmLoss(const ScoreField& model, const Process& process, const EvaluationSet& set);

// S_G[s](x, t) = (1/|G|) sum_g A_g^T s(A_g x, t) of any field: post-hoc symmetrization.
class Symmetrized final : public ScoreField {
  public:
    Symmetrized(std::shared_ptr<const ScoreField> base, Group group)
        : base_(std::move(base)), group_(std::move(group)) {}
    void score(const Eigen::Ref<const PointsF>& x, double t,
               Eigen::Ref<PointsF> out) const override;
    bool equivariantByConstruction() const override { return true; }

  private:
    std::shared_ptr<const ScoreField> base_;
    Group group_;
};

}  // namespace symscore
