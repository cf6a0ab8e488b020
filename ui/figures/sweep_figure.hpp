#pragma once
// The picture of a sweep (symscore-cli sweep and merge's w1_vs_n.png): W1 against n_train on
// log-log axes, one curve per model in its colour with the mean over seeds and error bars of
// one standard deviation, the W1 noise floor as a dashed line, and a legend. Drawn with
// QPainter on a QImage (Qt Gui only, no widgets); the app's live version of the same plot is
// ui/plot/sweep_plot.
#include <QImage>
#include <QString>

#include "core/sweep.hpp"

namespace symscore::ui {

// The same summary always gives the same pixels. Needs a QGuiApplication (fonts).
QImage renderSweep(const SweepSummary& summary, const QString& title, QSize size = QSize(960, 620));

}  // namespace symscore::ui
