#pragma once
// The scenario file (SCENARIO.md) <-> core::Scenario. Reading fills documented defaults,
// rejects unknown fields and reports the first problem as "<field path>: <problem>".
// A failed read leaves the caller's scenario untouched (functions return a new value).
#include <QByteArray>
#include <QString>

#include "core/io/json_reader.hpp"
#include "core/scenario.hpp"
#include "core/scenario_limits.hpp"

namespace symscore::io {

// Throws FormatError.
Scenario scenarioFromJson(const QByteArray& json);
Scenario loadScenario(const QString& path);
QByteArray scenarioToJson(const Scenario& s);
// Atomic: the old file stays intact if writing fails. Throws FormatError on I/O errors.
void saveScenario(const Scenario& s, const QString& path);

// Size limits (core/scenario_limits.hpp), and the largest scenario file.
struct Limits : ScenarioLimits {
    static constexpr qint64 maxFileBytes = 4 * 1024 * 1024;
};

}  // namespace symscore::io
