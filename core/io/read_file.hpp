#pragma once
// The one way symscore reads a file it is given: only a regular file (or a Qt resource) is
// read, and never more than a limit. A FIFO, a device (/dev/zero, /dev/urandom), a socket
// or a folder is refused before anything is read, so no reader can hang on a pipe without a
// writer or fill the memory from an endless device; the limit is checked on the bytes
// actually read, so a file that grows (or lies about its size) stops at the limit.
#include <QByteArray>
#include <QString>

#include "core/io/json_reader.hpp"

namespace symscore::io {

// The whole file. Throws FormatError "<path>: <problem>": "cannot open: ...", "not a
// regular file (a FIFO)", "larger than N MiB", "cannot read: ...".
QByteArray readFileLimited(const QString& path, qint64 maxBytes);

}  // namespace symscore::io
