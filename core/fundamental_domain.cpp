#include "core/fundamental_domain.hpp"

#include <cmath>
#include <numbers>

namespace symscore {

namespace {
double wrapDeg(double a) {  // into [0, 360)
    a = std::fmod(a, 360.0);
    return a < 0 ? a + 360.0 : a;
}
}  // namespace

bool Wedge::contains(const Vec2& x) const {
    if (spanDeg >= 360.0) return x.squaredNorm() > 0;
    const double a = wrapDeg(std::atan2(x.y(), x.x()) * 180.0 / std::numbers::pi - startDeg);
    return a > 0 && a < spanDeg;
}

Wedge fundamentalWedge(const Group& group, double preferDeg) {
    const GroupSpec& s = group.spec();
    const double prefer = wrapDeg(preferDeg);
    switch (s.type) {
        case GroupType::Trivial:
            return {0.0, 360.0};
        case GroupType::Cyclic:
            return {wrapDeg(prefer - 180.0 / s.n), 360.0 / s.n};
        case GroupType::Reflection:
        case GroupType::Dihedral: {
            // The chamber between neighbouring mirror lines (one line: the two half-planes).
            const double span = s.type == GroupType::Reflection ? 180.0 : 180.0 / s.n;
            const double axis = s.type == GroupType::Reflection ? s.axis_deg : 0.0;
            const double k = std::floor(wrapDeg(prefer - axis) / span);
            return {wrapDeg(axis + k * span), span};
        }
    }
    return {0.0, 360.0};
}

}  // namespace symscore
