#pragma once
// What the figures of ui/figures share: a plot rectangle mapped to data ranges (linear or
// logarithmic), tick positions with their labels, and the drawing of axes with ticks, tick
// labels and an optional grid, all with QPainter on a QImage (Qt Gui, no widgets).
#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <vector>

namespace symscore::ui::figure {

// One axis: the data range [lo, hi] and whether it is logarithmic (then lo > 0).
struct Scale {
    double lo = 0.0, hi = 1.0;
    bool log = false;
    // Where v falls in [lo, hi], 0 at lo and 1 at hi (outside for values outside).
    double fraction(double v) const;
};

struct Tick {
    double value = 0.0;
    QString label;  // empty for a minor tick
};

// About `count` ticks at 1, 2 or 5 times a power of ten inside [lo, hi].
std::vector<Tick> linearTicks(double lo, double hi, int count);
// Ticks of a logarithmic axis over [lo, hi] (lo > 0) at the integer multiples of powers of
// ten; labelled all of them within about a decade, at 1, 2 and 5 within three decades, at
// the powers of ten beyond.
std::vector<Tick> logTicks(double lo, double hi);
// "0.25", "1", "1e+03": the shortest faithful label of a tick value.
QString tickLabel(double v);

// A plot area: a pixel rectangle and the data scales of its two axes (y grows upwards).
struct Area {
    QRectF rect;
    Scale x, y;
    double px(double v) const { return rect.left() + x.fraction(v) * rect.width(); }
    double py(double v) const { return rect.bottom() - y.fraction(v) * rect.height(); }
    QPointF at(double u, double v) const { return {px(u), py(v)}; }
};

struct AxisStyle {
    QColor line = Qt::black;        // axis lines and ticks
    QColor text = Qt::black;        // tick labels and axis labels
    QColor grid = Qt::transparent;  // grid lines at the labelled ticks; transparent for none
    QFont font;                     // tick labels; axis labels use the same font
};

// The bottom and left axes of `area` with inward ticks, labels outside, and the axis labels
// (the y label turned a quarter). Empty labels are left out.
void drawAxes(QPainter& p, const Area& area, const std::vector<Tick>& xTicks,
              const std::vector<Tick>& yTicks, const AxisStyle& style, const QString& xLabel = {},
              const QString& yLabel = {});
// A font of `pixels` pixels high (pixel sizes keep a picture the same on every screen).
QFont pixelFont(int pixels, bool bold = false);

}  // namespace symscore::ui::figure
