#pragma once
// Near-optimal column prices for a Euclidean assignment problem from Bertsekas' auction
// algorithm with epsilon-scaling (D. P. Bertsekas, "The auction algorithm: a distributed
// relaxation method for the assignment problem", Annals of Operations Research 14, 1988).
// It runs in single precision on distances computed on the fly: its prices only warm-start
// the exact double-precision shortest-path solver (core/assignment), which then has short
// augmenting paths to find instead of paths across the whole problem.
#include <vector>

#include "core/types.hpp"

namespace symscore {

// Where an auction may start from: the column duals and the assignment of a similar problem
// (the previous frame of an animation), or nothing.
struct AuctionStart {
    std::vector<double> duals;  // v_j, Jonker & Volgenant's convention (v_j = -price_j)
    std::vector<int> rowToCol;  // a permutation: row i holds column rowToCol[i]
    bool usable(int n) const {
        return duals.size() == std::size_t(n) && rowToCol.size() == std::size_t(n);
    }
};

// Costs c(i, j) = |x_i - y_j|. costScale: an upper bound on the distances (the first epsilon
// is a fraction of it); relEpsFinal: the last epsilon relative to costScale.
// Returns v with v_j = -price_j, the convention of Jonker & Volgenant (reduced cost
// c(i, j) - v_j), for which the auction's final assignment is epsilon-complementary-slack.
std::vector<double> auctionDuals(const Eigen::Ref<const Points>& x,
                                 const Eigen::Ref<const Points>& y, double costScale,
                                 double relEpsFinal = 1e-6);

// The same from a warm start: the first phase begins at epsilon = relEpsStart * costScale
// with the start's prices, and every row keeps its column while that column stays within
// epsilon of its best (epsilon-complementary slackness), so only the rows the change
// affected bid. Each later phase keeps the previous phase's assignment the same way.
std::vector<double> auctionDualsFrom(const Eigen::Ref<const Points>& x,
                                     const Eigen::Ref<const Points>& y, double costScale,
                                     const AuctionStart& start, double relEpsStart,
                                     double relEpsFinal = 1e-6);

}  // namespace symscore
