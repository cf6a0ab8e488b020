#pragma once
// Point clouds as CSV: one "x,y" per line, no header (docs/scenario.md). Reading names the line of
// the first problem ("cloud.csv:7: expected two numbers x,y"); writing is atomic.
#include <QByteArray>
#include <QString>

#include "core/io/json_reader.hpp"
#include "core/types.hpp"

namespace symscore::io {

constexpr int kMaxCsvPoints = 1000000;
// A million points of "x,y" with 17 significant digits each fit with room to spare; a
// larger file is refused before it is read into memory.
constexpr qint64 kMaxCsvBytes = 64LL * 1024 * 1024;
// The longest line: two numbers of 17 significant digits with exponents and blanks fit many
// times over.
constexpr int kMaxCsvLineBytes = 256;

// Throws FormatError. `where` names the source in messages ("cloud.csv:7: ...").
Points pointsFromCsv(const QByteArray& bytes, const QString& where);
// Reads the file and parses it with pointsFromCsv.
Points readPointsCsv(const QString& path);

// The text readPointsCsv reads back to the same doubles (17 significant digits).
QByteArray pointsToCsv(const Eigen::Ref<const Points>& points);
void writePointsCsv(const QString& path, const Eigen::Ref<const Points>& points);

}  // namespace symscore::io
