#pragma once
// A sweep directory on disk, shared by symscore-cli sweep/merge and the app's Experiment tab.
//
// The directory holds sweep.json (what the sweep is: the scenario with its defaults filled
// in, sizes, seeds and shard) and results.csv (one row per model and finished run, written
// again atomically after every run). Two directories whose descriptions agree (shard aside)
// hold runs of the same sweep, so a run that finds its own description resumes it, and one
// that finds another sweep is refused. Every problem is a FormatError whose message starts
// with the file it concerns.
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <set>
#include <vector>

#include "core/io/atomic_write.hpp"
#include "core/io/json_reader.hpp"
#include "core/scenario.hpp"
#include "core/sweep.hpp"

namespace symscore::io {

// results.csv holds one short line per model and run: 64 MiB is far beyond any sweep the
// limits allow, and a larger file is refused before it fills the memory.
constexpr qint64 kMaxResultsBytes = 64LL * 1024 * 1024;

struct SweepDescription {
    Scenario scenario;
    QJsonObject scenarioJson;  // the scenario as sweep.json stores it (defaults filled in)
    SweepSpec spec;

    static SweepDescription of(const Scenario& scenario, const SweepSpec& spec);
    QJsonObject toJson() const;
    QString shardText() const;  // "I/K"
};

// "8,16,32"
QString sizesText(const std::vector<int>& sizes);

// DIR/sweep.json. Throws FormatError if it is missing, unreadable or not a valid sweep.
SweepDescription readSweepDescription(const QString& dir);
// Empty if a and b describe the same sweep (shards aside), otherwise what differs, e.g.
// "sizes differ (8,16 against 8,32)".
QString sweepDifference(const SweepDescription& a, const SweepDescription& b);
// DIR/results.csv (empty if there is none yet), checked against the sweep: every row must
// belong to a run of this shard, with that run's n_train and seed, and appear once.
std::vector<SweepRow> readSweepResults(const QString& dir, const SweepDescription& d);
// Writes DIR/results.csv atomically.
void writeSweepResults(const QString& dir, const std::vector<SweepRow>& rows);

// What a directory holds with respect to the sweep d.
struct SweepFolderState {
    enum Kind {
        Empty,                 // no sweep.json and no results.csv: a new sweep can start here
        Same,                  // sweep.json describes d (same shard too): resume it
        Different,             // sweep.json describes another sweep; `reason` says what differs
        CsvWithoutDescription  // results.csv but no sweep.json: cannot be resumed
    };
    Kind kind = Empty;
    QString reason;
};
// Throws FormatError if sweep.json exists but cannot be read.
SweepFolderState inspectSweepFolder(const QString& dir, const SweepDescription& d);

// Opens dir for the sweep d, which inspectSweepFolder found Empty or Same: writes sweep.json
// if it is new, reads the rows of the runs already complete (a run written in part is
// dropped, to be run again) and writes results.csv with just those, so the file exists
// from the start. Returns those rows.
std::vector<SweepRow> openSweepFolder(const QString& dir, const SweepDescription& d);

}  // namespace symscore::io
