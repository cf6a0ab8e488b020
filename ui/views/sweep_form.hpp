#pragma once
// What the Experiment tab's form means, apart from its widgets: the training set sizes as
// typed, the time left as said, and the folders a sweep goes to.
#include <QString>
#include <optional>
#include <vector>

#include "core/scenario.hpp"

namespace symscore::ui {

// "8, 32, 128, 512" (commas and/or spaces) -> sizes, or nullopt with a one-line reason.
std::optional<std::vector<int>> parseSizesText(const QString& text, QString* reason = nullptr);
// "about 40 s left", "about 3 min left", "about 1 h 20 min left".
QString remainingText(double seconds);
// The default output folder of a scenario: <AppDataLocation>/experiments/<scenario-name>.
QString defaultExperimentFolder(const Scenario& s);
// A scenario's name as a file or folder name: lower case, runs of other characters as "-".
QString scenarioSlug(const std::string& name);
// A sibling of dir that holds no sweep yet: "dir-2", "dir-3", ...
QString freeSibling(const QString& dir);

}  // namespace symscore::ui
