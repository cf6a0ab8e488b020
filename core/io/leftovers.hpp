#pragma once
// Temporary files of symscore processes that were killed outright (SIGKILL, a power cut)
// before they could remove them. Each kind of temporary symscore writes names its process:
//   <name>.tmp-<pid>-<8 hex>              io::writeFileAtomically
//   <lock>.<pid>-<hex>.new                io::ProcessLock, before it links the lock in place
//   .<name>.<pid>-<6 chars>.part.<mp4|gif> the animation export
// so a later process that takes the folder removes those whose process is gone, and nothing
// else: a file of a live process, or a file symscore did not write, stays.
#include <QString>

namespace symscore::io {

// Removes dir's leftover temporaries of processes that are gone; returns how many.
int removeLeftoverTemporaries(const QString& dir);

}  // namespace symscore::io
