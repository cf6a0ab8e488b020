#pragma once
// A lock file that says who holds it, checked rather than trusted. symscore's locks (an
// output folder's, the session autosave's) live in home folders on lab networks and in sweep
// folders that Slurm shards on other nodes write to, so a lock may come from another machine,
// from before a reboot, from a process killed before it could remove it, or be empty or
// garbled. The file records the holder's host, boot and process (pid and start time) and is
// created whole (written beside it, then hard-linked into place, which is atomic on local
// file systems and NFS alike). A lock is taken over when it provably has no live holder:
// garbled, from this host before its last boot, or naming a process of this boot that is gone
// or is another process with the same pid. A lock from another host cannot be checked from
// here: it holds unless the user breaks it explicitly (--break-lock). A held lock is removed
// by a normal end and by a stop by signal (io::RemovalOnSignal).
#include <QString>
#include <optional>

#include "core/io/removal_on_signal.hpp"

namespace symscore::io {

struct LockHolder {
    QString app, host, boot;
    qint64 pid = 0;
    qint64 start = 0;  // the process's start time (clock ticks after boot, /proc/PID/stat)
    // "symscore-cli (pid 1234 on node7)"
    QString describe() const;
};

// Whether a process of this machine with that pid exists (it may be another than the one
// that wrote the pid down; ProcessLock compares start times for that).
bool processIsAlive(qint64 pid);

class ProcessLock {
  public:
    enum class Outcome { Acquired, HeldHere, HeldElsewhere, Failed };
    // Tries once, never waits. On HeldHere / HeldElsewhere *holder says who holds it; on Failed
    // *why says what went wrong (the folder takes no file). breakLock takes over a lock of
    // another host too.
    Outcome acquire(const QString& path, const QString& app, bool breakLock, LockHolder* holder,
                    QString* why);
    // Removes the lock if it is still this process's; also done by the destructor.
    void release();
    ~ProcessLock();
    bool held() const { return !path_.isEmpty(); }

    // This process as a lock names it.
    static LockHolder self(const QString& app);
    // The lock file's holder; nothing when the file is empty or garbled. Reads the format of
    // older symscore versions (QLockFile's: pid, app, host on three lines) too.
    static std::optional<LockHolder> read(const QString& path);

  private:
    QString path_;
    QByteArray written_;
    RemovalOnSignal removal_;  // a SIGTERM removes the lock too
};

}  // namespace symscore::io
