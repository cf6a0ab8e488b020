#include "core/io/folder_lock.hpp"

#include <QCoreApplication>
#include <QDir>

#include "core/io/leftovers.hpp"

namespace symscore::io {

FolderLock::FolderLock(const QString& dir, bool breakLock) {
    LockHolder holder;
    QString why;
    const QString app = QCoreApplication::applicationName();
    switch (lock_.acquire(QDir(dir).filePath(kFileName), app.isEmpty() ? "symscore" : app,
                          breakLock, &holder, &why)) {
        case ProcessLock::Outcome::Acquired:
            removeLeftoverTemporaries(dir);  // the folder is ours now: what the dead left goes
            return;
        case ProcessLock::Outcome::HeldHere:
            throw FolderInUse((dir + ": in use by " + holder.describe() +
                               "; wait for it to finish or use another folder")
                                  .toStdString());
        case ProcessLock::Outcome::HeldElsewhere:
            throw FolderInUse(
                (dir + ": in use by " + holder.describe() +
                 ", another machine, which this one cannot check; if that process is gone (a "
                 "crashed node, a shard resubmitted elsewhere), run again with --break-lock")
                    .toStdString());
        case ProcessLock::Outcome::Failed:
            break;
    }
    failAt(dir, "cannot write: cannot create " + QString(kFileName) + " (" + why + ")");
}

}  // namespace symscore::io
