#pragma once
// The scenario file (docs/scenario.md) <-> core::Scenario. Reading fills documented defaults,
// rejects unknown fields and reports the first problem as "<field path>: <problem>".
// A failed read leaves the caller's scenario untouched (functions return a new value).
#include <QByteArray>
#include <QJsonObject>
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

// The parts of a scenario that model files embed, read and written by the same code, with
// the same limits, as in a scenario. A scenario holds only the fields its types use (a VE
// process has no beta_min: it would be an unknown field); a model file keeps every field
// (SpecFields::All), so that the architecture it records is exactly the one it was trained
// with. obj is the part's object, path its place in messages ("header.process").
enum class SpecFields { Used, All };
GroupSpec groupFromJson(const QJsonObject& obj, const QString& path, SpecFields fields);
QJsonObject groupToJson(const GroupSpec& g, SpecFields fields);
ProcessSpec processFromJson(const QJsonObject& obj, const QString& path, SpecFields fields);
QJsonObject processToJson(const ProcessSpec& p, SpecFields fields);
NetworkSpec networkFromJson(const QJsonObject& obj, const QString& path);
QJsonObject networkToJson(const NetworkSpec& n);

// Size limits (core/scenario_limits.hpp), and the largest scenario file.
struct Limits : ScenarioLimits {
    static constexpr qint64 maxFileBytes = 4 * 1024 * 1024;
};

}  // namespace symscore::io
