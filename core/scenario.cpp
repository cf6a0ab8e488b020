#include "core/scenario.hpp"

namespace symscore {

Mixture Scenario::makeTarget() const {
    if (!mixture.orbit) {
        // Without the orbit, symmetry breaking still scales the first component's weight.
        std::vector<Gaussian> comps = mixture.components;
        if (!comps.empty()) comps[0].weight *= 1.0 + mixture.symmetry_breaking;
        return Mixture(std::move(comps));
    }
    return Mixture::orbitMixture(mixture.components, makeGroup(), mixture.symmetry_breaking);
}

}  // namespace symscore
