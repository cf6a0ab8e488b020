#pragma once
// Post-hoc symmetrization of a trained model, as the app offers it from a menu: the
// Reynolds average S_G[s](x, t) = (1/|G|) sum_g A_g^T s(A_g x, t) (MATH.md section 5).
// The result is exactly equivariant and, when p_t is G-invariant, its exact score error
// is never above the original's (it removes the symmetry-violation part).
#include "core/metrics.hpp"
#include "ui/tasks/training_controller.hpp"

namespace symscore::ui {

// {m.name + " (symmetrized)", S_G[m.field], equivariant, kind Symmetrized}. The base field is shared,
// not copied: like every NamedField it must not be written to afterwards.
inline NamedField symmetrize(const NamedField& m, const Group& g) {
    return {m.name + " (symmetrized)", std::make_shared<const Symmetrized>(m.field, g), true,
            ModelKind::Symmetrized};
}

}  // namespace symscore::ui
