#pragma once
// The picture of a sweep (symscore-cli sweep and merge's w1_vs_n.png): W1 against n_train on
// a log axis, one curve per model with the mean over seeds and error bars of one standard
// deviation, and the W1 noise floor as a dashed line. The same drawing serves a live plot in
// the app (plotSweep on a QCustomPlot) and the offscreen picture (renderSweep).
#include <QImage>
#include <QString>

#include "core/sweep.hpp"

class QCustomPlot;

namespace symscore::ui {

// Clears `plot` and draws the summary on it (it does not replot).
void plotSweep(QCustomPlot* plot, const SweepSummary& summary, const QString& title);
// The same, rendered offscreen; the same summary always gives the same pixels.
QImage renderSweep(const SweepSummary& summary, const QString& title, QSize size = QSize(960, 620));

}  // namespace symscore::ui
