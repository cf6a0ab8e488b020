#pragma once
// One writer per output folder. A sweep, a merge or a run holds DIR/.symscore.lock (an
// io::ProcessLock) for as long as it writes there; a second process that wants the same folder
// is refused at once, with the folder and the process that holds it, instead of mixing its
// files with the first one's. A lock whose holder provably is gone (killed, from before a
// reboot, garbled) is taken over; one from another machine holds unless broken explicitly.
#include <QString>

#include "core/io/json_reader.hpp"
#include "core/io/process_lock.hpp"

namespace symscore::io {

class FolderInUse : public FormatError {
  public:
    using FormatError::FormatError;
};

class FolderLock {
  public:
    // dir must exist. Throws FolderInUse "<dir>: in use by symscore-cli (pid 1234 on host)
    // ..." (for another host, naming --break-lock), or FormatError when the lock file cannot
    // be created (an unwritable folder). breakLock takes over a lock of another host.
    explicit FolderLock(const QString& dir, bool breakLock = false);
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    static constexpr const char* kFileName = ".symscore.lock";

  private:
    ProcessLock lock_;
};

}  // namespace symscore::io
