#pragma once
// The picture of a run (symscore-cli run's result.png): the target with its training set,
// then one panel per model with its samples over the target density, titled with its W1.
// Drawn with the app's own DensityPlot, offscreen.
#include <QImage>

#include "core/experiment.hpp"

namespace symscore::ui {

// Square panels of about 420 pixels unless a size is given.
QImage renderResult(const Scenario& scenario, const RunOutcome& outcome, QSize size = {});

}  // namespace symscore::ui
