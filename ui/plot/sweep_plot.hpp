#pragma once
// The Experiment tab's live plot of a sweep: W1 against n_train on a log axis, one curve per
// model with the mean over seeds and error bars of one standard deviation, and the W1 noise
// floor as a dashed line, on a QCustomPlot. The picture symscore-cli writes of the same
// summary is ui/figures/sweep_figure (no widgets).
#include <QString>

#include "core/sweep.hpp"

class QCustomPlot;

namespace symscore::ui {

// Clears `plot` and draws the summary on it (it does not replot).
void plotSweep(QCustomPlot* plot, const SweepSummary& summary, const QString& title);

}  // namespace symscore::ui
