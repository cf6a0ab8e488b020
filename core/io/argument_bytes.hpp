#pragma once
// Paths are bytes on Linux, and Qt holds them as text: a file name that is not valid in the
// system's encoding (UTF-8) cannot round-trip through a QString, and decoding it replaces the
// bad bytes, so symscore would read or write a different file than the one named. Such a
// name is refused at the door instead, never rewritten.
#include <QString>

namespace symscore::io {

// Empty when every argument (argv[1..argc-1]) survives decoding and encoding byte for byte;
// otherwise a one-line message naming the first that does not (its bad bytes as \xNN).
QString undecodableArgument(int argc, char** argv);
// The same for one environment variable's value (empty when unset or fine).
QString undecodableVariable(const char* name);

}  // namespace symscore::io
