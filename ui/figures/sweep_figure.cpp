#include "ui/figures/sweep_figure.hpp"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/figures/colors.hpp"
#include "ui/figures/figure_axes.hpp"

namespace symscore::ui {

namespace {

struct Point {
    double x, mean, lo, hi;  // lo and hi: mean -/+ one sd, lo kept positive for the log axis
};
struct Series {
    QString name;
    QColor color;
    std::vector<Point> points;
};

// One series per model, spread a little sideways so that their error bars do not overlap.
// Cells without a finite positive mean cannot be shown on a log axis and are left out.
std::vector<Series> seriesOf(const SweepSummary& summary) {
    std::vector<Series> out;
    const int m = int(summary.models.size());
    for (int i = 0; i < m; ++i) {
        const std::string& model = summary.models[std::size_t(i)];
        const double dodge = std::exp(0.035 * (double(i) - 0.5 * double(m - 1)));
        Series s{QString::fromStdString(model), modelColor(i), {}};
        for (int n : summary.sizes) {
            const SweepCell* c = summary.cell(model, n);
            if (!c || c->count == 0 || !std::isfinite(c->w1Mean) || c->w1Mean <= 0) continue;
            const double sd = std::isfinite(c->w1Std) ? c->w1Std : 0.0;
            const double lo = c->w1Mean - sd > 0 ? c->w1Mean - sd : c->w1Mean / 2;
            s.points.push_back({double(n) * dodge, c->w1Mean, lo, c->w1Mean + sd});
        }
        out.push_back(std::move(s));
    }
    return out;
}

bool hasFloor(const SweepSummary& s) { return std::isfinite(s.w1Floor) && s.w1Floor > 0; }

// The y range: every error bar and the floor, with a margin of a tenth of the log span.
figure::Scale yScale(const std::vector<Series>& series, const SweepSummary& summary) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (const Series& s : series)
        for (const Point& p : s.points) {
            lo = std::min(lo, p.lo);
            hi = std::max(hi, p.hi);
        }
    if (hasFloor(summary)) {
        lo = std::min(lo, summary.w1Floor);
        hi = std::max(hi, summary.w1Floor);
    }
    if (!(hi > 0) || !std::isfinite(lo)) return {0.1, 1.0, true};
    if (hi <= lo * 1.5) {  // one value, or nearly: show a factor of two around it
        lo /= 1.5;
        hi *= 1.5;
    }
    const double margin = std::pow(hi / lo, 0.08);
    return {lo / margin, hi * margin, true};
}

figure::Scale xScale(const SweepSummary& summary) {
    if (summary.sizes.empty()) return {1.0, 10.0, true};
    return {summary.sizes.front() / 1.35, summary.sizes.back() * 1.35, true};
}

// Labelled ticks at the sizes of the sweep, minor ticks at the other integer multiples of
// powers of ten.
std::vector<figure::Tick> xTicks(const SweepSummary& summary, const figure::Scale& x) {
    std::vector<figure::Tick> ticks;
    for (const figure::Tick& t : figure::logTicks(x.lo, x.hi)) ticks.push_back({t.value, {}});
    for (int n : summary.sizes) ticks.push_back({double(n), QString::number(n)});
    return ticks;
}

void drawSeries(QPainter& p, const figure::Area& a, const Series& s) {
    const double whisker = 3.5;
    p.setPen(QPen(s.color, 1.4));
    for (const Point& q : s.points) {
        const double x = a.px(q.x), top = a.py(q.hi), bottom = a.py(q.lo);
        p.drawLine(QPointF(x, top), QPointF(x, bottom));
        p.drawLine(QPointF(x - whisker, top), QPointF(x + whisker, top));
        p.drawLine(QPointF(x - whisker, bottom), QPointF(x + whisker, bottom));
    }
    p.setPen(QPen(s.color, 2.0));
    for (std::size_t k = 1; k < s.points.size(); ++k)
        p.drawLine(a.at(s.points[k - 1].x, s.points[k - 1].mean),
                   a.at(s.points[k].x, s.points[k].mean));
    p.setPen(Qt::NoPen);
    p.setBrush(s.color);
    for (const Point& q : s.points) p.drawEllipse(a.at(q.x, q.mean), 3.5, 3.5);
    p.setBrush(Qt::NoBrush);
}

struct LegendEntry {
    QString name;
    QPen pen;
    bool marker;
};

// How much of the drawing falls inside `box`: the markers, the bar ends, points along each
// segment and along the floor line.
int coveredBy(const QRectF& box, const figure::Area& a, const std::vector<Series>& series,
              double floor) {
    int covered = 0;
    auto count = [&](double x, double y) { covered += box.contains(a.at(x, y)) ? 1 : 0; };
    for (const Series& s : series)
        for (std::size_t k = 0; k < s.points.size(); ++k) {
            const Point& q = s.points[k];
            for (double y : {q.mean, q.lo, q.hi}) count(q.x, y);
            if (k == 0) continue;
            const Point& r = s.points[k - 1];
            for (int t = 1; t < 16; ++t) {
                const double f = t / 16.0;
                count(r.x * std::pow(q.x / r.x, f), r.mean * std::pow(q.mean / r.mean, f));
            }
        }
    if (std::isfinite(floor) && floor > 0)
        for (int t = 0; t <= 32; ++t) count(a.x.lo * std::pow(a.x.hi / a.x.lo, t / 32.0), floor);
    return covered;
}

// The legend goes where it hides the least of the curves: an inside corner or the middle of
// a side (top right first when several hide nothing).
QPointF legendCorner(const QSizeF& box, const figure::Area& a, const std::vector<Series>& series,
                     double floor) {
    const double inset = 12;
    const QPointF corners[] = {
        {a.rect.right() - inset - box.width(), a.rect.top() + inset},
        {a.rect.left() + inset, a.rect.top() + inset},
        {a.rect.right() - inset - box.width(), a.rect.bottom() - inset - box.height()},
        {a.rect.left() + inset, a.rect.bottom() - inset - box.height()},
        {a.rect.right() - inset - box.width(), a.rect.center().y() - box.height() / 2},
        {a.rect.left() + inset, a.rect.center().y() - box.height() / 2}};
    QPointF best = corners[0];
    int least = std::numeric_limits<int>::max();
    for (const QPointF& c : corners) {
        const int covered = coveredBy(QRectF(c, box), a, series, floor);
        if (covered < least) {
            least = covered;
            best = c;
        }
    }
    return best;
}

void drawLegend(QPainter& p, const figure::Area& a, const std::vector<LegendEntry>& entries,
                const std::vector<Series>& series, double floor) {
    if (entries.empty()) return;
    const QFont font = figure::pixelFont(13);
    const QFontMetricsF fm(font);
    double textWidth = 0;
    for (const LegendEntry& e : entries)
        textWidth = std::max(textWidth, fm.horizontalAdvance(e.name));
    const double row = fm.height() + 5, sample = 30, pad = 8;
    const QSizeF extent(pad + sample + 8 + textWidth + pad,
                        2 * pad + row * double(entries.size()) - 5);
    const QRectF box(legendCorner(extent, a, series, floor), extent);
    p.setPen(QPen(Qt::black, 1.0));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRect(box);
    p.setFont(font);
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const double y = box.top() + pad + row * double(k) + fm.height() / 2;
        const double x0 = box.left() + pad;
        p.setPen(entries[k].pen);
        p.drawLine(QPointF(x0, y), QPointF(x0 + sample, y));
        if (entries[k].marker) {
            p.setPen(Qt::NoPen);
            p.setBrush(entries[k].pen.color());
            p.drawEllipse(QPointF(x0 + sample / 2, y), 3.5, 3.5);
            p.setBrush(Qt::NoBrush);
        }
        p.setPen(Qt::black);
        p.drawText(QPointF(x0 + sample + 8, y + (fm.ascent() - fm.descent()) / 2), entries[k].name);
    }
}

}  // namespace

QImage renderSweep(const SweepSummary& summary, const QString& title, QSize size) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);

    const QFont titleFont = figure::pixelFont(16, true);
    const QFontMetricsF tm(titleFont);
    p.setFont(titleFont);
    p.setPen(Qt::black);
    const QString heading = tm.elidedText(title, Qt::ElideRight, size.width() - 20);
    p.drawText(QPointF((size.width() - tm.horizontalAdvance(heading)) / 2, 10 + tm.ascent()),
               heading);

    const std::vector<Series> series = seriesOf(summary);
    const figure::Area a{
        QRectF(QPointF(86, 22 + tm.height()), QPointF(size.width() - 20, size.height() - 58)),
        xScale(summary), yScale(series, summary)};
    figure::AxisStyle style;
    style.grid = QColor(200, 200, 200);
    style.font = figure::pixelFont(13);
    figure::drawAxes(p, a, xTicks(summary, a.x), figure::logTicks(a.y.lo, a.y.hi), style,
                     "training set size n_train (log scale)",
                     QString::fromUtf8("W1 to the target, mean \u00b1 sd over seeds (log scale)"));

    std::vector<LegendEntry> legend;
    p.setClipRect(a.rect.adjusted(-6, -6, 6, 6));
    if (hasFloor(summary)) {
        const QPen pen(Qt::gray, 1.5, Qt::DashLine);
        p.setPen(pen);
        p.drawLine(a.at(a.x.lo, summary.w1Floor), a.at(a.x.hi, summary.w1Floor));
        legend.push_back(
            {QString("W1 noise floor (%1)").arg(summary.w1Floor, 0, 'f', 3), pen, false});
    }
    for (const Series& s : series) {
        drawSeries(p, a, s);
        legend.insert(legend.end() - (hasFloor(summary) ? 1 : 0),
                      {s.name, QPen(s.color, 2.0), true});
    }
    p.setClipping(false);
    drawLegend(p, a, legend, series,
               hasFloor(summary) ? summary.w1Floor : std::numeric_limits<double>::quiet_NaN());
    p.end();
    return image;
}

}  // namespace symscore::ui
