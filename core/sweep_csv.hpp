#pragma once
// results.csv of a sweep (core/sweep.hpp): one row per model and run, plain C++ so the app
// and the CLI share it.
// Header: model,n_train,seed,w1,score_error,train_seconds,run,w1_floor,status
// Numbers are written in their shortest exact form (std::to_chars), so reading a file and
// writing it again gives the same bytes. Rows are written in the order given; sortRows puts
// them in the canonical order (run index, then the scenario's model order).
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace symscore {

// One model in one run: a row of results.csv.
struct SweepRow {
    int run = 0;
    std::string model;
    int nTrain = 0;
    int seed = 0;
    double w1 = 0.0;  // NaN if sampling blew up
    double scoreError = 0.0;
    std::optional<double> trainSeconds;  // none for the oracle
    double w1Floor = 0.0;                // noise floor of W1 at the run's w1 size
    std::string status = "ok";           // ok | diverged | sampler_blew_up
};

extern const char* const kSweepCsvHeader;
std::string sweepCsv(const std::vector<SweepRow>& rows);
// Throws std::invalid_argument "line N: <problem>" on a bad header or row.
std::vector<SweepRow> parseSweepCsv(const std::string& text);
void sortRows(std::vector<SweepRow>& rows, const std::vector<std::string>& modelOrder);
// Runs whose rows are all present (one per model); a partly written run does not count.
std::set<int> completeRuns(const std::vector<SweepRow>& rows,
                           const std::vector<std::string>& modelOrder);

}  // namespace symscore
