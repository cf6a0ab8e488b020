#pragma once
// A sweep folder while a sweep writes to it: used by symscore-cli sweep and by the app's
// Experiment tab alike, so both lock, check, resume and save a folder the same way.
//
// Opening it takes the folder's lock (io::FolderLock) for the session's whole life, checks
// what the folder holds against the sweep (refusing another sweep, or a results.csv without
// its sweep.json), writes sweep.json for a new sweep and keeps the complete runs of an old
// one. Every finished run is then saved with addRun: results.csv is rewritten atomically.
#include <QString>
#include <memory>
#include <set>
#include <vector>

#include "core/io/folder_lock.hpp"
#include "core/io/sweep_files.hpp"

namespace symscore::io {

// Why a folder cannot take a sweep; callers add their own advice ("use another --out").
class SweepFolderRefused : public FormatError {
  public:
    enum Kind { Different, CsvWithoutDescription };
    SweepFolderRefused(Kind kind, QString reason)
        : FormatError(reason.toStdString()), kind_(kind), reason_(std::move(reason)) {}
    Kind kind() const { return kind_; }
    const QString& reason() const { return reason_; }

  private:
    Kind kind_;
    QString reason_;
};

class SweepSession {
  public:
    // Creates dir if needed. Throws FolderInUse (another process writes there),
    // SweepFolderRefused, or FormatError (unreadable or unwritable files).
    // breakLock takes over the folder's lock when another machine holds it (--break-lock).
    SweepSession(const QString& dir, const SweepDescription& d, bool breakLock = false);

    const QString& folder() const { return dir_; }
    const SweepDescription& description() const { return d_; }
    // The rows of complete runs: those found when opening, then those added.
    const std::vector<SweepRow>& rows() const { return rows_; }
    std::set<int> finishedRuns() const;
    // Adds one finished run's rows and saves results.csv. Throws FormatError (a full disk).
    void addRun(const std::vector<SweepRow>& runRows);

  private:
    QString dir_;
    SweepDescription d_;
    std::vector<std::string> models_;
    std::unique_ptr<FolderLock> lock_;
    std::vector<SweepRow> rows_;
};

}  // namespace symscore::io
