#pragma once
// The one way symscore writes a file: the bytes go to a temporary file beside the target,
// which is written, flushed to the disk, checked for its size and only then renamed over the
// target. Either the whole new file is there or the old one is untouched; every step is
// checked, so a full disk is reported instead of leaving an empty or cut file behind.
//
// QSaveFile is not enough on its own: on Qt 6.4 its commit() can succeed after the final
// flush failed with ENOSPC, and the target is then renamed to an empty file.
//
// Fault injection for tests: SYMSCORE_WRITE_FAULT=STEP[:TEXT] makes STEP (write, flush,
// commit or size) fail with "No space left on device" for every path containing TEXT (for
// every path without TEXT). setWriteFaultForTesting does the same from inside a process.
#include <QByteArray>
#include <QString>

#include "core/io/json_reader.hpp"

namespace symscore::io {

// Throws FormatError "<path>: cannot write: <reason>", with "disk full" for ENOSPC and
// "disk quota exceeded" for EDQUOT, the system's words otherwise. Only a regular file is
// replaced: a symbolic link, a device, a pipe or a folder at path is refused and kept.
void writeFileAtomically(const QString& path, const QByteArray& bytes);

// An output a user names: "-" or /dev/stdout writes bytes to the standard output (a report
// piped on); any other path goes through writeFileAtomically. Throws FormatError like it.
void writeOutput(const QString& path, const QByteArray& bytes);

// Checks that files can be created in dir (creates and removes a small probe file), so a
// long computation learns before it starts that its results could not be written.
// Throws FormatError "<dir>: cannot write: <reason>".
void checkWritableFolder(const QString& dir);

// The same as the environment variable, for tests that run in one process; an empty step
// clears it.
void setWriteFaultForTesting(const QString& step, const QString& pathContains = {});

}  // namespace symscore::io
