#pragma once
// File > Export animation: asks for the file, its size and frame rate, then runs an
// AnimationExporter behind a progress dialog with Cancel (docs/animation.md).
#include <QString>
#include <functional>

class QWidget;

namespace symscore::ui {

class SampleView;

// Runs the whole dialog, suggesting `suggestedName` (a file name without folder or extension)
// in the last folder used; `report` receives the success line (for the status bar). A
// failure is shown in a message box; a cancel says nothing.
void exportAnimationInteractively(QWidget* parent, SampleView* view, const QString& suggestedName,
                                  const std::function<void(const QString&)>& report);

}  // namespace symscore::ui
