#pragma once
// The scenarios that ship with symscore (resources/presets), in menu order.
#include <QString>
#include <QStringList>

#include "core/scenario.hpp"

namespace symscore::io {

struct Preset {
    QString name;  // as in the file's "name", e.g. "C4: four Gaussians"
    QString path;  // resource path, ":/presets/c4_four_gaussians.symscore.json"
};

const QList<Preset>& presets();
// The default scenario: "C4: four Gaussians", the paper's setting.
Scenario defaultScenario();
// Throws FormatError for an unknown name.
Scenario loadPreset(const QString& name);

}  // namespace symscore::io
