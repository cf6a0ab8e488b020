#pragma once
// The scenario file (SCENARIO.md) <-> core::Scenario. Reading fills documented defaults,
// rejects unknown fields and reports the first problem as "<field path>: <problem>".
// A failed read leaves the caller's scenario untouched (functions return a new value).
#include <QByteArray>
#include <QString>

#include "core/io/json_reader.hpp"
#include "core/scenario.hpp"

namespace symscore::io {

// Throws FormatError.
Scenario scenarioFromJson(const QByteArray& json);
Scenario loadScenario(const QString& path);
QByteArray scenarioToJson(const Scenario& s);
// Atomic: the old file stays intact if writing fails. Throws FormatError on I/O errors.
void saveScenario(const Scenario& s, const QString& path);

// Size limits, so that no scenario can ask for more memory or time than a desktop has.
struct Limits {
    static constexpr int maxTrain = 200000;
    static constexpr int maxParticles = 100000;
    static constexpr int maxSteps = 10000000;
    static constexpr int maxBatch = 65536;
    static constexpr int maxWidth = 1024;
    static constexpr int maxDepth = 16;
    static constexpr int maxFourier = 256;
    static constexpr int maxW1Points = 20000;
    static constexpr int maxModels = 16;
    static constexpr qint64 maxFileBytes = 4 * 1024 * 1024;
};

}  // namespace symscore::io
