#pragma once
// The picture of a run (symscore-cli run's result.png): the target density with its training
// set, then one panel per model with its samples over the target density, titled with its
// name and W1. Drawn with QPainter on a QImage (Qt Gui only, no widgets), in the app's
// colours: the density in the density colour map, each model in its own colour, the group's
// mirror lines and rotation centre on top.
#include <QImage>

#include "core/experiment.hpp"

namespace symscore::ui {

// Panels of 420 x 440 pixels in a grid unless a size is given; the same run always gives the
// same pixels. Needs a QGuiApplication (fonts).
QImage renderResult(const Scenario& scenario, const RunOutcome& outcome, QSize size = {});

}  // namespace symscore::ui
