#pragma once
// A fundamental domain of a finite subgroup of O(2) as a wedge around the origin
// (docs/math.md, section 1): its |G| images tile the plane, so a G-invariant density is
// known from its values there. The target plot shades one (docs/lessons.md).
#include "core/group.hpp"

namespace symscore {

// The directions from startDeg to startDeg + spanDeg (counter-clockwise, spanDeg in
// (0, 360]).
struct Wedge {
    double startDeg = 0.0;
    double spanDeg = 360.0;
    // Whether the direction of x (not the origin) lies strictly inside.
    bool contains(const Vec2& x) const;
};

// C_n: a wedge of 360/n degrees centred on the direction preferDeg; D_n: the wedge of 180/n
// degrees between two neighbouring mirror lines that holds preferDeg; a reflection: the
// half-plane on the preferDeg side of its line; the trivial group: the whole plane.
Wedge fundamentalWedge(const Group& group, double preferDeg = 0.0);

}  // namespace symscore
