#include "ui/plot/plot_scale.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QPen>
#include <cmath>
#include <functional>

#include "ui/plot/qcp.hpp"

namespace symscore::ui {

namespace {
double g_scale = 1.0;

// What an element had before scaling (its base) and what scaling gave it (applied), kept as
// properties of the element: when its current value is no longer the applied one, code set
// a new value, which becomes the base.
template <class T>
T baseOf(QObject* o, const char* key, const T& current) {
    const QByteArray applied = QByteArray(key) + "_applied", base = QByteArray(key) + "_base";
    const QVariant a = o->property(applied.constData());
    if (!a.isValid() || a.value<T>() != current) {
        o->setProperty(base.constData(), QVariant::fromValue(current));
        return current;
    }
    return o->property(base.constData()).value<T>();
}

template <class T>
void remember(QObject* o, const char* key, const T& applied) {
    o->setProperty((QByteArray(key) + "_applied").constData(), QVariant::fromValue(applied));
}

void scaleFont(QObject* o, const char* key, const QFont& current,
               const std::function<void(const QFont&)>& set) {
    const QFont base = baseOf(o, key, current);
    QFont f = base;
    if (base.pointSizeF() > 0)
        f.setPointSizeF(base.pointSizeF() * g_scale);
    else if (base.pixelSize() > 0)
        f.setPixelSize(int(std::lround(base.pixelSize() * g_scale)));
    if (f != current) set(f);
    remember(o, key, f);
}

void scalePen(QObject* o, const char* key, const QPen& current,
              const std::function<void(const QPen&)>& set) {
    const double base = baseOf(o, key, current.widthF());
    QPen p = current;
    // At 1 every pen keeps its own width; a cosmetic (0) pen counts as one pixel wide.
    p.setWidthF(g_scale == 1.0 ? base : std::max(1.0, base) * g_scale);
    if (p.widthF() != current.widthF()) set(p);
    remember(o, key, p.widthF());
}

void scaleAxis(QCPAxis* a) {
    scaleFont(a, "tickFont", a->tickLabelFont(), [a](const QFont& f) { a->setTickLabelFont(f); });
    scaleFont(a, "labelFont", a->labelFont(), [a](const QFont& f) { a->setLabelFont(f); });
    scalePen(a, "basePen", a->basePen(), [a](const QPen& p) { a->setBasePen(p); });
    scalePen(a, "tickPen", a->tickPen(), [a](const QPen& p) { a->setTickPen(p); });
    // Larger labels need more room each: fewer of them, so they never run into each other.
    // (Only visible axes: a hidden one may share its ticker with a visible one.)
    if (!a->visible() || !a->ticker()) return;
    const int current = a->ticker()->tickCount();
    int n = std::max(3, int(std::lround(baseOf(a, "tickCount", current) / g_scale)));
    // A short vertical axis (a plot squeezed by its neighbours) holds fewer still: a label's
    // height and as much space again per tick, measured at the last layout.
    if (a->orientation() == Qt::Vertical && a->axisRect() && a->axisRect()->height() > 0) {
        const int labelHeight = QFontMetrics(a->tickLabelFont()).height();
        n = std::min(n, std::max(2, a->axisRect()->height() / (2 * labelHeight)));
    }
    if (n != current) a->ticker()->setTickCount(n);
    remember(a, "tickCount", n);
}

void scaleLayout(QCPLayoutElement* e) {
    if (!e) return;
    if (auto* t = qobject_cast<QCPTextElement*>(e))
        scaleFont(t, "font", t->font(), [t](const QFont& f) { t->setFont(f); });
    if (auto* l = qobject_cast<QCPLegend*>(e))
        scaleFont(l, "font", l->font(), [l](const QFont& f) { l->setFont(f); });
    if (auto* c = qobject_cast<QCPColorScale*>(e)) scaleAxis(c->axis());
    if (auto* layout = qobject_cast<QCPLayout*>(e))
        for (int i = 0; i < layout->elementCount(); ++i) scaleLayout(layout->elementAt(i));
    if (auto* rect = qobject_cast<QCPAxisRect*>(e)) scaleLayout(rect->insetLayout());
}

void scaleItem(QCPAbstractItem* item) {
    if (auto* t = qobject_cast<QCPItemText*>(item))
        scaleFont(t, "font", t->font(), [t](const QFont& f) { t->setFont(f); });
    if (auto* s = qobject_cast<QCPItemStraightLine*>(item))
        scalePen(s, "pen", s->pen(), [s](const QPen& p) { s->setPen(p); });
    if (auto* l = qobject_cast<QCPItemLine*>(item))
        scalePen(l, "pen", l->pen(), [l](const QPen& p) { l->setPen(p); });
}
}  // namespace

double plotScale() { return g_scale; }

void setPlotScale(double factor) { g_scale = factor > 0 ? factor : 1.0; }

void applyPlotScale(QCustomPlot* plot) {
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* a : rect->axes()) scaleAxis(a);
    scaleLayout(plot->plotLayout());
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (p->pen().style() == Qt::NoPen || p->pen().color().alpha() == 0) continue;
        scalePen(p, "pen", p->pen(), [p](const QPen& pen) { p->setPen(pen); });
    }
    for (int i = 0; i < plot->itemCount(); ++i) scaleItem(plot->item(i));
}

void followPlotScale(QCustomPlot* plot) {
    if (!plot->property("followsPlotScale").toBool()) {
        plot->setProperty("followsPlotScale", true);
        QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { applyPlotScale(plot); });
    }
    applyPlotScale(plot);
}

}  // namespace symscore::ui
