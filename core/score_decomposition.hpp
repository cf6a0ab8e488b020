#pragma once
// The numbers behind the Score field tab's decomposition chart, from measured ScoreErrors
// (core/metrics): for each model its measured total error, the equivariant part (which is
// also the error of the model symmetrized over G), the symmetry violation, whether the two
// parts add up to the total, and the signed relative change that symmetrizing makes.
//
// The parts add up exactly (to rounding, on an orbit-closed evaluation set) when the exact
// score is G-equivariant, i.e. when the target is G-invariant: symmetrizing then removes the
// violation and never makes a model worse. When the assumed group is not a symmetry of the
// target, the cross term between the violation and the target's own asymmetry survives:
// the parts no longer add up and symmetrizing can make a model worse. targetDefect measures
// that asymmetry.
#include <limits>
#include <vector>

#include "core/metrics.hpp"

namespace symscore {

struct DecompositionRow {
    double total = 0.0;            // measured E||s - grad log p_t||^2
    double equivariantPart = 0.0;  // E||S_G[s] - grad log p_t||^2: the symmetrized model's error
    double violation = 0.0;        // E||s - S_G[s]||^2, 0 for an equivariant model
    bool equivariant = false;      // violation is zero to rounding
    double mismatch = 0.0;         // |equivariantPart + violation - total| / total
    bool addsUp = true;            // mismatch within kAddsUpTolerance
    // (equivariantPart - total) / total: below 0 symmetrizing helped, above 0 it hurt; NaN
    // when the total is 0 or the model is equivariant (symmetrizing changes nothing).
    double change = std::numeric_limits<double>::quiet_NaN();
    double sumOfParts() const { return equivariantPart + violation; }
};

struct Decomposition {
    std::vector<DecompositionRow> rows;
    bool allAddUp = true;
    double largestMismatch = 0.0;
    bool symmetrizingHurt = false;  // some model's error grew when symmetrized
};

// Relative tolerance of "adds up": the split is exact up to float rounding of the scores.
constexpr double kAddsUpTolerance = 1e-4;
// Below this relative defect the target counts as G-invariant (float rounding of the score).
constexpr double kInvariantTargetDefect = 1e-4;

DecompositionRow decompositionRow(const ScoreErrors& e);
Decomposition decompose(const std::vector<ScoreErrors>& errors);

// How far the target is from G-invariant, through its exact score:
// max_g E||e(A_g x) - A_g e(x)|| / E||e(x)|| on the set (ScoreErrors::defect of the exact
// score e). 0 to rounding for a G-invariant target.
double targetDefect(const ExactScore& exact, const Group& group, const EvaluationSet& set);

}  // namespace symscore
