#pragma once
// Finite subgroups of O(2) acting on the plane (docs/math.md, section 1): trivial, one reflection,
// cyclic C_n and dihedral D_n. Elements are orthogonal 2x2 matrices A_g, so A_g^-1 = A_g^T.
#include <string>
#include <vector>

#include "core/random.hpp"
#include "core/types.hpp"

namespace symscore {

enum class GroupType { Trivial, Reflection, Cyclic, Dihedral };

struct GroupSpec {
    GroupType type = GroupType::Cyclic;
    int n = 4;              // for cyclic and dihedral
    double axis_deg = 0.0;  // mirror line angle, for reflection
    bool operator==(const GroupSpec&) const = default;
};

class Group {
  public:
    static constexpr int kMaxN = 64;

    // Throws std::invalid_argument naming the problem (n out of range, axis not finite).
    explicit Group(const GroupSpec& spec = {});
    static Group trivial() { return Group({GroupType::Trivial, 1, 0.0}); }
    static Group reflection(double axisDeg) { return Group({GroupType::Reflection, 1, axisDeg}); }
    static Group cyclic(int n) { return Group({GroupType::Cyclic, n, 0.0}); }
    static Group dihedral(int n) { return Group({GroupType::Dihedral, n, 0.0}); }

    const GroupSpec& spec() const { return spec_; }
    int order() const { return int(elements_.size()); }
    const std::vector<Mat2>& elements() const { return elements_; }
    const Mat2& element(int k) const { return elements_[std::size_t(k)]; }

    // All |G| images A_g x, in element order (repeats kept: a point on a mirror line maps to
    // itself under that mirror).
    std::vector<Vec2> orbit(const Vec2& x) const;
    // Index of a uniformly random element.
    int randomIndex(Rng& rng) const { return int(rng.below(std::uint64_t(order()))); }

    // "C4, order 4", "D6, order 12", "reflection at 30°, order 2", "trivial, order 1".
    std::string name() const;
    // Short symbol: "C4", "D6", "R30", "1".
    std::string symbol() const;
    // Angles (degrees, in [0, 180)) of the mirror lines through the origin, for drawing.
    std::vector<double> mirrorAnglesDeg() const;
    // The number of rotations (n of C_n inside G); > 1 means the origin is a rotation centre.
    int rotationOrder() const;
    // Whether every element of other is one of this group's (to 1e-9): a model equivariant
    // under this group is then equivariant under other (D4 contains C4; C3 does not).
    bool contains(const Group& other) const;

  private:
    GroupSpec spec_;
    std::vector<Mat2> elements_;
};

Mat2 rotation(double radians);
Mat2 reflectionAcross(double lineRadians);  // F_phi of docs/math.md

}  // namespace symscore
