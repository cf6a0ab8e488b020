#pragma once
// Ticks for a logarithmic axis that spans less than a couple of decades (a W1 curve between
// 0.1 and 0.4, a score error late in training). QCustomPlot's log ticker falls back to
// evenly stepped linear ticks there (0.25, 0.5, 0.75), which crowd together at the top of a
// log axis until their labels overlap. These come from families of round numbers whose marks
// are close to evenly spaced on a log scale: 1-3, 1-2-5, 1-1.5-2-3-5-7, 1-1.2-...-9 (in every
// decade), the finest one with no more ticks than the ticker's tick count (at least two).
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

class NiceLogTicker : public QCPAxisTickerLog {
  protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;

  private:
    bool narrow_ = false;  // the last range was too narrow for powers of ten alone
};

}  // namespace symscore::ui
