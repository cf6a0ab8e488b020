#include "core/assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/auction.hpp"

namespace symscore {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Below this size the plain Jonker-Volgenant start is as fast as an auction.
constexpr int kAuctionMinSize = 64;

// A dense cost matrix, read in place.
struct DenseCost {
    const double* c;
    int n;
    double at(int i, int j) const { return c[std::size_t(i) * std::size_t(n) + std::size_t(j)]; }
    void row(int i, double* out) const {
        std::copy_n(c + std::size_t(i) * std::size_t(n), std::size_t(n), out);
    }
};

// Euclidean distances between two clouds, from coordinates kept in separate arrays so the
// row scans vectorize.
struct EuclideanCost {
    const Eigen::ArrayXd& xs;
    const Eigen::ArrayXd& ys;
    const Eigen::ArrayXd& xt;
    const Eigen::ArrayXd& yt;
    double at(int i, int j) const {
        const double dx = xs[i] - xt[j], dy = ys[i] - yt[j];
        return std::sqrt(dx * dx + dy * dy);
    }
    // Eigen's sqrt vectorizes; std::sqrt in a loop does not (errno).
    void row(int i, double* out) const {
        Eigen::Map<Eigen::ArrayXd>(out, xt.size()) =
            ((xt - xs[i]).square() + (yt - ys[i]).square()).sqrt();
    }
};

template <class Cost>
class JonkerVolgenant {
  public:
    JonkerVolgenant(const Cost& cost, int n)
        : c_(cost),
          n_(n),
          u_(std::size_t(n), 0.0),
          v_(std::size_t(n), 0.0),
          h_(std::size_t(n), 0.0),
          col4row_(std::size_t(n), -1),
          row4col_(std::size_t(n), -1) {}

    // warmDuals: column duals v to start from (e.g. from an auction), or empty.
    std::vector<int> solve(const std::vector<double>& warmDuals = {}) {
        if (n_ == 0) return {};
        if (n_ == 1) return {0};
        std::vector<int> freeRows = warmDuals.empty() ? initialize() : initializeFrom(warmDuals);
        // After an auction the free rows are near-ties that the shortest paths settle in a
        // few steps; augmenting row reduction would only fight a price war over them.
        const int passes = warmDuals.empty() ? 2 : 0;
        for (int pass = 0; pass < passes && !freeRows.empty(); ++pass)
            freeRows = augmentingRowReduction(freeRows);
        // Row duals: tight on assigned pairs; for a free row the largest feasible value.
        for (int i = 0; i < n_; ++i) {
            if (col4row_[i] >= 0) {
                u_[i] = c_.at(i, col4row_[i]) - v_[col4row_[i]];
            } else {
                u_[i] = reducedRow(i).minCoeff();
            }
        }
        spc_.assign(std::size_t(n_), kInf);
        path_.assign(std::size_t(n_), -1);
        remaining_.resize(std::size_t(n_));
        for (int r : freeRows) shortestAugmentingPath(r);
        return col4row_;
    }
    // The column duals after solve(): a warm start for a similar problem.
    std::vector<double>& duals() { return v_; }

  private:
    // Column reduction and reduction transfer (JV 1987, section 4). Afterwards c - u - v >= 0
    // everywhere and every assigned pair is tight; returns the rows still free.
    std::vector<int> initialize() {
        std::vector<double> colMin(std::size_t(n_), kInf);
        std::vector<int> colArg(std::size_t(n_), 0);
        for (int i = 0; i < n_; ++i)
            for (int j = 0; j < n_; ++j) {
                const double h = c_.at(i, j);
                if (h < colMin[j]) {
                    colMin[j] = h;
                    colArg[j] = i;
                }
            }
        std::vector<int> matches(std::size_t(n_), 0);
        for (int j = n_ - 1; j >= 0; --j) {
            const int i = colArg[j];
            v_[j] = colMin[j];
            if (++matches[i] == 1) {
                col4row_[i] = j;
                row4col_[j] = i;
            } else if (v_[j] < v_[col4row_[i]]) {
                row4col_[col4row_[i]] = -1;
                col4row_[i] = j;
                row4col_[j] = i;
            }
        }
        std::vector<int> freeRows;
        for (int i = 0; i < n_; ++i) {
            if (matches[i] == 0) {
                freeRows.push_back(i);
            } else if (matches[i] == 1) {
                // Raise the price of the row's only column up to its second-best reduced
                // cost: other rows then see that column as no cheaper than it must be.
                const int j1 = col4row_[i];
                auto h = reducedRow(i);
                h[j1] = kInf;
                v_[j1] -= h.minCoeff();
            }
        }
        return freeRows;
    }

    // Any column duals v are feasible with u_i = min_j c(i, j) - v_j; each row takes its
    // cheapest column if nobody has it yet, so every assigned pair is tight.
    std::vector<int> initializeFrom(const std::vector<double>& v) {
        v_ = v;
        std::vector<int> freeRows;
        for (int i = 0; i < n_; ++i) {
            const int arg = argmin(reducedRow(i));
            if (row4col_[arg] < 0) {
                row4col_[arg] = i;
                col4row_[i] = arg;
            } else {
                freeRows.push_back(i);
            }
        }
        return freeRows;
    }

    // One pass of augmenting row reduction: each free row bids for its cheapest column,
    // raising its price to the second cheapest (auction with epsilon = 0). A price war on
    // near-equal costs could go on for long, so the number of bids is capped; what is left
    // goes to the exact shortest-path phase.
    std::vector<int> augmentingRowReduction(std::vector<int> freeRows) {
        const int prv = int(freeRows.size());
        int k = 0, numFree = 0;
        long long bids = 0;
        const long long budget = 4LL * n_ + 64;
        while (k < prv) {
            if (++bids > budget) {
                while (k < prv) freeRows[numFree++] = freeRows[k++];
                break;
            }
            const int i = freeRows[k++];
            auto h = reducedRow(i);
            const double umin = h.minCoeff();
            int j1 = argmin(h, umin);
            h[j1] = kInf;
            const double usub = h.minCoeff();
            int j2 = argmin(h, usub);
            int i0 = row4col_[j1];
            const bool strict = umin < usub;
            if (strict) {
                v_[j1] -= usub - umin;
            } else if (i0 >= 0) {
                j1 = j2;  // a tie: take the other cheapest column instead of evicting
                i0 = row4col_[j1];
            }
            if (i0 >= 0) col4row_[i0] = -1;
            col4row_[i] = j1;
            row4col_[j1] = i;
            if (i0 >= 0) {
                if (strict)
                    freeRows[--k] = i0;  // bid again at once, prices are fresh
                else
                    freeRows[numFree++] = i0;
            }
        }
        freeRows.resize(std::size_t(numFree));
        return freeRows;
    }

    // Dijkstra over columns with reduced costs c - u - v >= 0 from a free row to the nearest
    // free column (Crouse 2016, Algorithm 1), then the dual update and the augmentation.
    void shortestAugmentingPath(int curRow) {
        int numRem = n_;
        for (int j = 0; j < n_; ++j) remaining_[j] = n_ - 1 - j;
        sr_.clear();
        sc_.clear();
        double minVal = 0.0;
        int i = curRow, sink = -1;
        while (sink < 0) {
            sr_.push_back(i);
            double lowest = kInf;
            int index = -1;
            const double shift = minVal - u_[i];
            const double* h = reducedRow(i).data();
            for (int it = 0; it < numRem; ++it) {
                const int j = remaining_[it];
                const double r = shift + h[j];
                if (r < spc_[j]) {
                    path_[j] = i;
                    spc_[j] = r;
                }
                if (spc_[j] < lowest || (spc_[j] == lowest && row4col_[j] < 0)) {
                    lowest = spc_[j];
                    index = it;
                }
            }
            if (index < 0) throw std::runtime_error("assignment: no augmenting path");
            minVal = lowest;
            const int j = remaining_[index];
            if (row4col_[j] < 0)
                sink = j;
            else
                i = row4col_[j];
            sc_.push_back(j);
            remaining_[index] = remaining_[--numRem];
        }
        u_[curRow] += minVal;
        for (int r : sr_)
            if (r != curRow) u_[r] += minVal - spc_[col4row_[r]];
        for (int j : sc_) v_[j] -= minVal - spc_[j];
        std::fill(spc_.begin(), spc_.end(), kInf);
        int j = sink;
        while (true) {
            const int r = path_[j];
            row4col_[j] = r;
            std::swap(col4row_[r], j);
            if (r == curRow) break;
        }
    }

    // h_j = c(i, j) - v_j for the whole row i, in a buffer that the next call overwrites.
    Eigen::Map<Eigen::ArrayXd> reducedRow(int i) {
        c_.row(i, h_.data());
        Eigen::Map<Eigen::ArrayXd> h(h_.data(), n_);
        h -= Eigen::Map<const Eigen::ArrayXd>(v_.data(), n_);
        return h;
    }
    static int argmin(const Eigen::Map<Eigen::ArrayXd>& h, double m) {
        int j = 0;
        while (h[j] != m) ++j;
        return j;
    }
    static int argmin(const Eigen::Map<Eigen::ArrayXd>& h) { return argmin(h, h.minCoeff()); }

    const Cost& c_;
    int n_;
    std::vector<double> u_, v_, h_, spc_;
    std::vector<int> col4row_, row4col_, path_, remaining_, sr_, sc_;
};

template <class Cost>
Assignment finish(const Cost& cost, int n, const std::vector<double>& warmDuals = {},
                  std::vector<double>* dualsOut = nullptr) {
    Assignment a;
    JonkerVolgenant<Cost> solver(cost, n);
    a.rowToCol = solver.solve(warmDuals);
    for (int i = 0; i < n; ++i) a.cost += cost.at(i, a.rowToCol[std::size_t(i)]);
    if (dualsOut) *dualsOut = std::move(solver.duals());
    return a;
}

}  // namespace

Assignment solveAssignment(const Eigen::Ref<const CostMatrix>& cost) {
    if (cost.rows() != cost.cols())
        throw std::invalid_argument("assignment: the cost matrix must be square, got " +
                                    std::to_string(cost.rows()) + " x " +
                                    std::to_string(cost.cols()));
    if (!cost.allFinite())
        throw std::invalid_argument("assignment: the cost matrix has NaN or Inf");
    const CostMatrix c = cost;  // contiguous row-major copy
    return finish(DenseCost{c.data(), int(c.rows())}, int(c.rows()));
}

namespace {
void checkSameSize(const Eigen::Ref<const Points>& x, const Eigen::Ref<const Points>& y) {
    if (x.rows() != y.rows())
        throw std::invalid_argument("assignment: the clouds differ in size (" +
                                    std::to_string(x.rows()) + " and " + std::to_string(y.rows()) +
                                    " points)");
}

// The diagonal of the box around both clouds: an upper bound on every distance.
double diameter(const Eigen::Ref<const Points>& x, const Eigen::Ref<const Points>& y) {
    const double d = (x.colwise().maxCoeff().cwiseMax(y.colwise().maxCoeff()) -
                      x.colwise().minCoeff().cwiseMin(y.colwise().minCoeff()))
                         .norm();
    return std::max(d, 1e-300);
}

std::vector<double> auctionStart(const Eigen::Ref<const Points>& x,
                                 const Eigen::Ref<const Points>& y) {
    if (x.rows() < kAuctionMinSize) return {};
    return auctionDuals(x, y, diameter(x, y));
}

// The first epsilon of a warm start, relative to the diameter. Measured on the floor's frames
// of the default scenario (n = 2000, CPU seconds per solve): 1e-2 0.052, 3e-3 0.050, 1e-3
// 0.044, 3e-4 0.044, 1e-4 0.051, a cold start 0.055.
constexpr double kWarmRelEpsilon = 1e-3;
}  // namespace

Assignment euclideanAssignment(const Eigen::Ref<const Points>& x, const Eigen::Ref<const Points>& y,
                               bool warmStart) {
    checkSameSize(x, y);
    const Eigen::ArrayXd xs = x.col(0), ys = x.col(1), xt = y.col(0), yt = y.col(1);
    const std::vector<double> warm = warmStart ? auctionStart(x, y) : std::vector<double>();
    return finish(EuclideanCost{xs, ys, xt, yt}, int(x.rows()), warm);
}

Assignment euclideanAssignmentFrom(const Eigen::Ref<const Points>& x,
                                   const Eigen::Ref<const Points>& y, AuctionStart& start) {
    checkSameSize(x, y);
    const int n = int(x.rows());
    const Eigen::ArrayXd xs = x.col(0), ys = x.col(1), xt = y.col(0), yt = y.col(1);
    std::vector<double> warm;
    if (!start.usable(n))
        warm = auctionStart(x, y);
    else if (n < kAuctionMinSize)
        warm = start.duals;
    else
        warm = auctionDualsFrom(x, y, diameter(x, y), start, kWarmRelEpsilon);
    Assignment a = finish(EuclideanCost{xs, ys, xt, yt}, n, warm, &start.duals);
    start.rowToCol = a.rowToCol;
    return a;
}

}  // namespace symscore
