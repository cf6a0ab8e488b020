#pragma once
// Post-hoc symmetrization of a trained model, as the app offers it from a menu: the
// Reynolds average S_G[s](x, t) = (1/|G|) sum_g A_g^T s(A_g x, t) (docs/math.md, section 5).
// The result is exactly equivariant and, when p_t is G-invariant, its exact score error
// is never above the original's (it removes the symmetry-violation part).
#include "core/metrics.hpp"
#include "ui/models/compared_model.hpp"

namespace symscore::ui {

// S_G[m] as a model of kind Symmetrized (its display name says so), derived from m. The base
// field is shared, not copied: like every compared model it must not be written to afterwards.
inline ComparedModel symmetrize(const ComparedModel& m, const Group& g) {
    ComparedModel s;
    s.name = m.name;
    s.kind = ModelKind::Symmetrized;
    s.field = std::make_shared<const Symmetrized>(m.field, g);
    s.equivariant = true;
    s.sourceId = m.id;
    return s;
}

}  // namespace symscore::ui
