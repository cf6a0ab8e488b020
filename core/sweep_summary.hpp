#pragma once
// The summary of a sweep's rows: W1 and score error per model and training set size, mean
// and spread over the seeds, and the noise floor of W1.
#include <string>
#include <vector>

#include "core/sweep_csv.hpp"

namespace symscore {

struct SweepCell {
    std::string model;
    int nTrain = 0;
    int count = 0;   // seeds whose run succeeded (status ok, finite W1 and score error)
    int failed = 0;  // seeds whose run failed (diverged, sampler blew up, NaN): not in the means
    double w1Mean = 0.0;
    double w1Std = 0.0;  // sample standard deviation (n - 1); 0 for a single seed
    double scoreErrorMean = 0.0;
    double scoreErrorStd = 0.0;
};
struct SweepSummary {
    std::vector<std::string> models;  // in the scenario's order
    std::vector<int> sizes;           // the n_train values present, increasing
    std::vector<SweepCell> cells;     // model-major, then size
    double w1Floor = 0.0;             // NaN if there are no rows
    const SweepCell* cell(const std::string& model, int nTrain) const;
};
SweepSummary summarizeSweep(const std::vector<SweepRow>& rows,
                            const std::vector<std::string>& modelOrder);

}  // namespace symscore
