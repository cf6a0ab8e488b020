#pragma once
// One writer per output folder. A sweep, a merge or a run holds DIR/.symscore.lock (a
// QLockFile) for as long as it writes there; a second process that wants the same folder is
// refused at once, with the folder and the process that holds it, instead of mixing its
// files with the first one's. The lock of a process that died is stale and taken over.
#include <QString>
#include <memory>

#include "core/io/json_reader.hpp"

class QLockFile;

namespace symscore::io {

class FolderInUse : public FormatError {
  public:
    using FormatError::FormatError;
};

class FolderLock {
  public:
    // dir must exist. Throws FolderInUse "<dir>: in use by symscore-cli (pid 1234 on host)
    // ...", or FormatError when the lock file cannot be created (an unwritable folder).
    explicit FolderLock(const QString& dir);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    static constexpr const char* kFileName = ".symscore.lock";

  private:
    std::unique_ptr<QLockFile> lock_;
};

}  // namespace symscore::io
