#pragma once
// Point clouds as CSV: one "x,y" per line, no header (SCENARIO.md). Reading names the line of
// the first problem ("cloud.csv:7: expected two numbers x,y"); writing is atomic.
#include <QString>

#include "core/io/json_reader.hpp"
#include "core/types.hpp"

namespace symscore::io {

constexpr int kMaxCsvPoints = 1000000;

// Throws FormatError.
Points readPointsCsv(const QString& path);
void writePointsCsv(const QString& path, const Eigen::Ref<const Points>& points);

}  // namespace symscore::io
