#include "core/io/folder_lock.hpp"

#include <QCoreApplication>
#include <QDir>

namespace symscore::io {

FolderLock::FolderLock(const QString& dir, bool breakLock) {
    LockHolder holder;
    QString why;
    const QString app = QCoreApplication::applicationName();
    switch (lock_.acquire(QDir(dir).filePath(kFileName), app.isEmpty() ? "symscore" : app,
                          breakLock, &holder, &why)) {
        case ProcessLock::Outcome::Acquired:
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
