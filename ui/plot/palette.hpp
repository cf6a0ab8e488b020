#pragma once
// The colours symscore uses everywhere, as the widgets need them. The colours themselves
// (model colours, the density stops, the symmetry colour) live in ui/figures/colors, which
// needs Qt Gui only, so that symscore-cli's figures share them without linking widgets.
#include <QColor>
#include <QString>

#include "ui/figures/colors.hpp"

class QCPColorGradient;

namespace symscore::ui {

// The density colour map as a QCustomPlot gradient (QCustomPlot 2.1.0 has no gpViridis).
QCPColorGradient densityGradient();

}  // namespace symscore::ui
