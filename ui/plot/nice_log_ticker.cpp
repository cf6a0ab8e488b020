#include "ui/plot/nice_log_ticker.hpp"

#include <array>
#include <cmath>
#include <vector>

namespace symscore::ui {

namespace {
// Mantissas from coarse to fine; each family repeats in every decade.
const std::array<std::vector<double>, 5> kFamilies{{
    {1.0},
    {1.0, 3.0},
    {1.0, 2.0, 5.0},
    {1.0, 1.5, 2.0, 3.0, 5.0, 7.0},
    {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0},
}};

QVector<double> ticksOf(const std::vector<double>& mantissas, const QCPRange& range) {
    QVector<double> ticks;
    const int first = int(std::floor(std::log10(range.lower)));
    const int last = int(std::ceil(std::log10(range.upper)));
    for (int decade = first; decade <= last; ++decade)
        for (double m : mantissas) {
            const double v = m * std::pow(10.0, decade);
            if (v >= range.lower && v <= range.upper) ticks.push_back(v);
        }
    return ticks;
}
}  // namespace

QVector<double> NiceLogTicker::createTickVector(double tickStep, const QCPRange& range) {
    narrow_ =
        range.lower > 0 && range.upper > range.lower && std::log10(range.upper / range.lower) < 1.6;
    if (!narrow_) return QCPAxisTickerLog::createTickVector(tickStep, range);
    // The finest family that stays within the tick count; at least two ticks when any
    // family has them.
    QVector<double> best;
    for (const auto& family : kFamilies) {
        QVector<double> ticks = ticksOf(family, range);
        if (best.size() >= 2 && ticks.size() > tickCount()) break;
        best = std::move(ticks);
    }
    return best;
}

QVector<double> NiceLogTicker::createSubTickVector(int subTickCount, const QVector<double>& ticks) {
    // Between uneven marks, evenly spaced sub-ticks would mislead: none.
    if (narrow_) return {};
    return QCPAxisTickerLog::createSubTickVector(subTickCount, ticks);
}

}  // namespace symscore::ui
