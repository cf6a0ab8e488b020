#pragma once
// Score models that are G-equivariant in one network pass: the network sees only
// G-invariant features phi(x) and predicts two coefficients (a, b); the output is
//   eps(x) = a U(x) + b W(x)
// with a frame (U, W) that transforms like a vector: U(A_g x) = A_g U(x), W(A_g x) = A_g W(x).
// Then eps(A_g x) = A_g eps(x) exactly. With u = x / sqrt(r^2 + delta^2) (a unit vector away
// from the origin that fades to 0 at it), theta = atan2(y, x), rho = r / sqrt(r^2 + delta^2):
//   order 1 (trivial, C_1): phi = x,                                 U = e1, W = e2
//   C_n, n >= 2:  phi = (r, rho cos n theta, rho sin n theta),       U = u,  W = u_perp
//   D_n, n >= 2:  phi = (r, rho cos n theta),                        U = u,  W = sin(n theta)
//   u_perp one mirror at angle phi0 (reflection, D_1 with phi0 = 0), in coordinates x' = R(-phi0)
//   x:
//                 phi = (x'_1, y'^2 / sqrt(y'^2 + delta^2)),  U = R(phi0) e1,
//                 W = y' / sqrt(y'^2 + delta^2) R(phi0) e2
// u_perp is the rotation of u by 90 degrees: it rotates with rotations but flips sign
// under reflections, which the factor sin(n theta) (rotation-invariant, reflection-odd)
// compensates. docs/models.md shows why each case is exactly equivariant and universal.
#include <memory>

#include "core/score_model.hpp"

namespace symscore {

// The fade radius delta of the frame, in units of the scaled input c_in(t) x.
constexpr double kFrameFade = 0.1;

// Spatial inputs of the invariant-feature network for a group.
int invariantFeatureCount(const Group& group);

std::unique_ptr<NeuralScore> makeInvariantFeatureScore(const ModelConfig& config, Network net);

}  // namespace symscore
