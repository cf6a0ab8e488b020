#pragma once
// The colours symscore uses everywhere, so that a model has the same colour in every view and
// in every picture. Qt Gui only (QColor), so that both the widgets (ui/plot/palette) and the
// figures symscore-cli draws without widgets take them from here.
#include <QColor>
#include <span>

namespace symscore::ui {

// The stops of the density colour map, dark to bright, evenly spaced over [0, 1].
std::span<const QColor> densityStops();
// The density colour at t in [0, 1] (clamped): linear in RGB between the stops.
QColor densityColor(double t);
// A colour per model, chosen by its position in the scenario's model list.
QColor modelColor(int index);
// The colour of the group's mirror lines and rotation centre on top of a density.
QColor symmetryColor();

}  // namespace symscore::ui
