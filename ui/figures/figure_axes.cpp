#include "ui/figures/figure_axes.hpp"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace symscore::ui::figure {

double Scale::fraction(double v) const {
    if (log) return (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
    return (v - lo) / (hi - lo);
}

QString tickLabel(double v) {
    if (std::abs(v) < 1e-12) return "0";  // no "-0" or "1e-17" from rounding
    return QString::number(v, 'g', 6);
}

std::vector<Tick> linearTicks(double lo, double hi, int count) {
    std::vector<Tick> ticks;
    if (!(hi > lo) || count < 1 || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
    const double raw = (hi - lo) / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * power;
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    for (double k = std::ceil(lo / step); k * step <= hi + 1e-9 * step; k += 1.0)
        ticks.push_back({k * step, tickLabel(k * step)});
    return ticks;
}

std::vector<Tick> logTicks(double lo, double hi) {
    std::vector<Tick> ticks;
    if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi)) return ticks;
    const int first = int(std::floor(std::log10(lo))), last = int(std::ceil(std::log10(hi)));
    // Enough labels to read a value off: every multiple within about a decade, 1-2-5 within
    // a few, powers of ten beyond.
    const double decades = std::log10(hi / lo);
    for (int e = first; e <= last; ++e) {
        for (int m = 1; m <= 9; ++m) {
            const double v = m * std::pow(10.0, e);
            if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
            const bool major = m == 1 || decades <= 1.2 || (decades <= 3 && (m == 2 || m == 5));
            ticks.push_back({v, major ? tickLabel(v) : QString()});
        }
    }
    return ticks;
}

QFont pixelFont(int pixels, bool bold) {
    QFont f;
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

namespace {
constexpr double kMajorTick = 5.0, kMinorTick = 2.5, kLabelGap = 4.0;

void drawXAxis(QPainter& p, const Area& a, const std::vector<Tick>& ticks, const AxisStyle& s) {
    const QFontMetricsF fm(s.font);
    const double y = a.rect.bottom();
    for (const Tick& t : ticks) {
        const double x = a.px(t.value);
        if (x < a.rect.left() - 0.5 || x > a.rect.right() + 0.5) continue;
        if (!t.label.isEmpty() && s.grid.alpha() > 0) {
            p.setPen(QPen(s.grid, 1.0, Qt::DotLine));
            p.drawLine(QPointF(x, a.rect.top()), QPointF(x, y));
        }
        p.setPen(QPen(s.line, 1.0));
        p.drawLine(QPointF(x, y), QPointF(x, y - (t.label.isEmpty() ? kMinorTick : kMajorTick)));
        if (t.label.isEmpty()) continue;
        p.setPen(s.text);
        const double w = fm.horizontalAdvance(t.label);
        p.drawText(QPointF(x - w / 2, y + kLabelGap + fm.ascent()), t.label);
    }
}

// Returns the widest tick label, so that the axis label goes clear of them.
double drawYAxis(QPainter& p, const Area& a, const std::vector<Tick>& ticks, const AxisStyle& s) {
    const QFontMetricsF fm(s.font);
    const double x = a.rect.left();
    double widest = 0.0;
    for (const Tick& t : ticks) {
        const double y = a.py(t.value);
        if (y < a.rect.top() - 0.5 || y > a.rect.bottom() + 0.5) continue;
        if (!t.label.isEmpty() && s.grid.alpha() > 0) {
            p.setPen(QPen(s.grid, 1.0, Qt::DotLine));
            p.drawLine(QPointF(x, y), QPointF(a.rect.right(), y));
        }
        p.setPen(QPen(s.line, 1.0));
        p.drawLine(QPointF(x, y), QPointF(x + (t.label.isEmpty() ? kMinorTick : kMajorTick), y));
        if (t.label.isEmpty()) continue;
        p.setPen(s.text);
        const double w = fm.horizontalAdvance(t.label);
        widest = std::max(widest, w);
        p.drawText(QPointF(x - kLabelGap - w, y + (fm.ascent() - fm.descent()) / 2), t.label);
    }
    return widest;
}
}  // namespace

void drawAxes(QPainter& p, const Area& area, const std::vector<Tick>& xTicks,
              const std::vector<Tick>& yTicks, const AxisStyle& style, const QString& xLabel,
              const QString& yLabel) {
    p.save();
    p.setFont(style.font);
    p.setRenderHint(QPainter::Antialiasing, false);  // crisp one-pixel lines
    drawXAxis(p, area, xTicks, style);
    const double widest = drawYAxis(p, area, yTicks, style);
    p.setPen(QPen(style.line, 1.0));
    p.drawLine(area.rect.bottomLeft(), area.rect.bottomRight());
    p.drawLine(area.rect.bottomLeft(), area.rect.topLeft());
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(style.text);
    const QFontMetricsF fm(style.font);
    if (!xLabel.isEmpty()) {
        const double w = fm.horizontalAdvance(xLabel);
        p.drawText(QPointF(area.rect.center().x() - w / 2,
                           area.rect.bottom() + 2 * kLabelGap + fm.height() + fm.ascent()),
                   xLabel);
    }
    if (!yLabel.isEmpty()) {
        p.translate(area.rect.left() - 2 * kLabelGap - widest - fm.descent(),
                    area.rect.center().y());
        p.rotate(-90);
        p.drawText(QPointF(-fm.horizontalAdvance(yLabel) / 2, 0), yLabel);
    }
    p.restore();
}

}  // namespace symscore::ui::figure
