#include "core/io/sweep_session.hpp"

#include <QDir>

namespace symscore::io {

SweepSession::SweepSession(const QString& dir, const SweepDescription& d, bool breakLock)
    : dir_(QDir::cleanPath(dir)), d_(d), models_(modelNames(d.scenario)) {
    if (!QDir().mkpath(dir_)) failAt(dir_, "cannot create the folder");
    lock_ = std::make_unique<FolderLock>(dir_, breakLock);
    const SweepFolderState state = inspectSweepFolder(dir_, d_);
    if (state.kind == SweepFolderState::Different)
        throw SweepFolderRefused(SweepFolderRefused::Different, state.reason);
    if (state.kind == SweepFolderState::CsvWithoutDescription)
        throw SweepFolderRefused(SweepFolderRefused::CsvWithoutDescription, state.reason);
    rows_ = openSweepFolder(dir_, d_);
}

std::set<int> SweepSession::finishedRuns() const { return completeRuns(rows_, models_); }

void SweepSession::addRun(const std::vector<SweepRow>& runRows) {
    std::vector<SweepRow> next = rows_;
    next.insert(next.end(), runRows.begin(), runRows.end());
    sortRows(next, models_);
    writeSweepResults(dir_, next);  // throws before rows_ changes, so rows() is what is on disk
    rows_ = std::move(next);
}

}  // namespace symscore::io
