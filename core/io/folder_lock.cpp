#include "core/io/folder_lock.hpp"

#include <QDir>
#include <QLockFile>

namespace symscore::io {

FolderLock::FolderLock(const QString& dir)
    : lock_(std::make_unique<QLockFile>(QDir(dir).filePath(kFileName))) {
    // A lock is stale only when its process is gone, never by age: a sweep may run for days.
    lock_->setStaleLockTime(0);
    if (lock_->tryLock(0)) return;
    if (lock_->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        const QString holder = lock_->getLockInfo(&pid, &host, &app)
                                   ? QString("%1 (pid %2 on %3)")
                                         .arg(app.isEmpty() ? "symscore" : app)
                                         .arg(pid)
                                         .arg(host)
                                   : QString("another symscore process");
        throw FolderInUse(
            (dir + ": in use by " + holder + "; wait for it to finish or use another folder")
                .toStdString());
    }
    failAt(dir, "cannot write: cannot create " + QString(kFileName) +
                    (lock_->error() == QLockFile::PermissionError ? " (permission denied)" : ""));
}

FolderLock::~FolderLock() = default;

}  // namespace symscore::io
