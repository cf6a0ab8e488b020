#include "core/score_decomposition.hpp"

#include <algorithm>
#include <cmath>

namespace symscore {

DecompositionRow decompositionRow(const ScoreErrors& e) {
    DecompositionRow r;
    r.total = e.error;
    r.equivariantPart = e.symmetrizedError;
    r.equivariant = e.violation <= 1e-9 * std::max(e.error, 0.0) + 1e-15;
    r.violation = r.equivariant ? 0.0 : e.violation;
    const double diff = std::abs(e.symmetrizedError + e.violation - e.error);
    r.mismatch =
        e.error > 0 ? diff / e.error : (diff > 0 ? std::numeric_limits<double>::infinity() : 0.0);
    r.addsUp = r.mismatch <= kAddsUpTolerance;
    if (!r.equivariant && e.error > 0) r.change = (e.symmetrizedError - e.error) / e.error;
    return r;
}

Decomposition decompose(const std::vector<ScoreErrors>& errors) {
    Decomposition d;
    for (const ScoreErrors& e : errors) {
        DecompositionRow r = decompositionRow(e);
        d.allAddUp = d.allAddUp && r.addsUp;
        d.largestMismatch = std::max(d.largestMismatch, r.mismatch);
        d.symmetrizingHurt = d.symmetrizingHurt || r.change > 0;
        d.rows.push_back(r);
    }
    return d;
}

double targetDefect(const ExactScore& exact, const Group& group, const EvaluationSet& set) {
    return scoreErrors(exact, exact, group, set).defect;
}

}  // namespace symscore
