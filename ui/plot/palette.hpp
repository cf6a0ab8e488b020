#pragma once
// The colours symscore uses everywhere, so that a model has the same colour in every view.
#include <QColor>
#include <QString>

class QCPColorGradient;

namespace symscore::ui {

// A perceptually uniform dark-to-bright gradient for densities (viridis-like; QCustomPlot
// 2.1.0 has no gpViridis).
QCPColorGradient densityGradient();
// A colour per model, chosen by its position in the scenario's model list.
QColor modelColor(int index);
// The colour of the group's mirror lines and rotation centre on top of a density.
QColor symmetryColor();

}  // namespace symscore::ui
