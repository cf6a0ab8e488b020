#include "core/io/presets.hpp"

#include "core/io/scenario_json.hpp"

namespace symscore::io {

const QList<Preset>& presets() {
    static const QList<Preset> list{
        {"C4: four Gaussians", ":/presets/c4_four_gaussians.symscore.json"},
        {"D4: eight Gaussians", ":/presets/d4_eight_gaussians.symscore.json"},
        {"C3: pinwheel", ":/presets/c3_pinwheel.symscore.json"},
        {"D6: snowflake", ":/presets/d6_snowflake.symscore.json"},
        {"Reflection: butterfly", ":/presets/reflection_butterfly.symscore.json"},
        {"D4, symmetry broken", ":/presets/d4_symmetry_broken.symscore.json"},
    };
    return list;
}

Scenario loadPreset(const QString& name) {
    for (const Preset& p : presets())
        if (p.name == name) return loadScenario(p.path);
    failAt("preset", "no preset named \"" + name + "\"");
}

Scenario defaultScenario() { return loadPreset(presets().front().name); }

}  // namespace symscore::io
