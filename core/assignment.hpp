#pragma once
// Exact linear assignment: the permutation p minimizing sum_i c(i, p(i)) for a square cost.
// The solver is Jonker & Volgenant's ("A shortest augmenting path algorithm for dense and
// sparse linear assignment problems", Computing 38, 1987): column reduction, reduction
// transfer and two passes of augmenting row reduction give most rows a column cheaply (an
// auction with zero epsilon, keeping the duals feasible), then every remaining free row is
// matched by a Dijkstra shortest augmenting path on reduced costs, in the form of Crouse
// ("On implementing 2D rectangular assignment algorithms", IEEE TAES 52, 2016), which handles
// ties and duplicated rows without special cases. Everything is double precision.
#include <vector>

#include "core/auction.hpp"
#include "core/types.hpp"

namespace symscore {

struct Assignment {
    std::vector<int> rowToCol;  // the optimal permutation p
    double cost = 0.0;          // sum_i c(i, p(i)), summed in double
};

using CostMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Any finite square cost matrix (negative entries allowed). Throws std::invalid_argument
// on a non-square or non-finite matrix.
Assignment solveAssignment(const Eigen::Ref<const CostMatrix>& cost);

// c(i, j) = |x_i - y_j| (Euclidean), computed on the fly from the coordinates: n = 5000
// would need 200 MB as a dense double matrix, and recomputing a row of distances is as fast
// as streaming it from memory. x and y must have the same number of rows.
// warmStart: start the exact solver from an auction's near-optimal prices (core/auction);
// the result is the same exact optimum either way, only the time differs.
Assignment euclideanAssignment(const Eigen::Ref<const Points>& x, const Eigen::Ref<const Points>& y,
                               bool warmStart = true);

// The same, started from the solution of a similar problem: the previous frame of an
// animation, whose particles and reference points each moved a little. The auction starts
// from that problem's duals and assignment at a small epsilon, so only the rows whose
// column stopped being nearly optimal bid (core/auction); the exact solver then finishes
// from the auction's prices. The result is the same exact optimum whatever the start; a
// start of the wrong size (empty, on the first frame) means a cold start. On return `start`
// holds this problem's duals and assignment, the start for the next frame.
Assignment euclideanAssignmentFrom(const Eigen::Ref<const Points>& x,
                                   const Eigen::Ref<const Points>& y, AuctionStart& start);

}  // namespace symscore
