#include "ui/plot/curve_plot.hpp"

#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/plot/nice_log_ticker.hpp"
#include "ui/plot/plot_scale.hpp"

namespace symscore::ui {

CurvePlot::CurvePlot(const QString& title, const QString& xLabel, const QString& yLabel,
                     QWidget* parent)
    : QCustomPlot(parent) {
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, title, QFont(font().family(), 10, QFont::Bold));
    fullTitle_ = title;
    // The title's width does not set the plot's least width: a long title (at lesson mode's
    // larger type) would hold a whole tab wider than a 1280x720 window; it wraps instead.
    title_->setMinimumSize(60, 0);
    plotLayout()->addElement(0, 0, title_);
    xAxis->setLabel(xLabel);
    yAxis->setLabel(yLabel);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    placeLegendBelow();
    refreshTimer_.setSingleShot(true);
    refreshTimer_.setInterval(40);
    connect(&refreshTimer_, &QTimer::timeout, this, &CurvePlot::refresh);
    setMouseTracking(true);
    connect(this, &QCustomPlot::mouseMove, this, &CurvePlot::showValueAt);
    followPlotScale(this);  // lesson mode enlarges it, curves added later too
    // After the scale is applied (connected later, so called later): the legend's columns
    // follow its entries' width at this replot's type.
    connect(this, &QCustomPlot::beforeReplot, this, &CurvePlot::fitLegend);
}

void CurvePlot::placeLegendBelow() {
    // Out of the axis rect, in rows of its own under the plot: it never covers a curve,
    // whichever end of the curves matters (the t -> 0 end of W1 against t, the early steps of
    // the score error), at any height and at lesson mode's larger type.
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(plotLayout()->rowCount(), 0, legend);
    plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 0.001);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setMargins(QMargins(4, 2, 4, 2));
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
}

void CurvePlot::fitLegend() {
    // The entries' widths (a grid with empty cells counts those as items: skipped).
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = legend->item(i))
            widths.push_back(item->minimumOuterSizeHint().width());
    // As many columns as the width holds, filled row by row.
    const int n = int(widths.size());
    int columns = std::max(1, n);
    for (; columns > 1; --columns) {
        int total = 0;
        for (int c = 0; c < columns; ++c) {
            int widest = 0;
            for (int i = c; i < n; i += columns) widest = std::max(widest, widths[std::size_t(i)]);
            total += widest + legend->columnSpacing();
        }
        if (total + 16 <= width()) break;
    }
    if (legend->wrap() == columns) return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true);  // rearranges the entries
}

void CurvePlot::setLogY(bool log) {
    logY_ = log;
    yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log) {
        QSharedPointer<QCPAxisTickerLog> ticker(new NiceLogTicker);
        yAxis->setTicker(ticker);
        yAxis->setNumberFormat("g");
        yAxis->setNumberPrecision(3);
    }
}

void CurvePlot::addSeries(const QString& name, const QColor& color, Qt::PenStyle style,
                          bool inLegend) {
    if (series_.contains(name)) return;
    QCPGraph* g = addGraph();
    g->setName(name);
    g->setPen(QPen(color, style == Qt::SolidLine ? 2.0 : 1.6, style));
    if (!inLegend) legend->removeItem(legend->itemWithPlottable(g));
    series_[name] = g;
}

void CurvePlot::addLegendKey(const QString& text, Qt::PenStyle style) {
    // A graph without data: drawn only as its legend entry, ignored by the rescaling and by
    // the CSV (it is not a series).
    QCPGraph* key = addGraph();
    key->setName(text);
    key->setPen(QPen(Qt::darkGray, 1.6, style));
    key->setSelectable(QCP::stNone);
}

void CurvePlot::addBand(const QString& lower, const QString& upper, const QColor& fill) {
    addSeries(lower, Qt::transparent);
    addSeries(upper, Qt::transparent);
    QCPGraph* hi = series_[upper];
    hi->setBrush(fill);
    hi->setChannelFillGraph(series_[lower]);
    // The band explains itself next to its centre line; two legend rows would crowd the legend.
    legend->removeItem(legend->itemWithPlottable(series_[lower]));
    legend->removeItem(legend->itemWithPlottable(hi));
}

void CurvePlot::append(const QString& name, double x, double y) {
    auto it = series_.find(name);
    if (it == series_.end() || !std::isfinite(y) || (logY_ && y <= 0)) return;
    it.value()->addData(x, y);
    scheduleRefresh();
}

void CurvePlot::setSeries(const QString& name, const QVector<double>& x, const QVector<double>& y) {
    auto it = series_.find(name);
    if (it == series_.end()) return;
    it.value()->setData(x, y);
    scheduleRefresh();
}

void CurvePlot::setReference(const QString& label, double y) {
    referenceValue_ = y;
    if (!reference_) {
        reference_ = new QCPItemStraightLine(this);
        reference_->setPen(QPen(Qt::gray, 1.2, Qt::DotLine));
        referenceLabel_ = new QCPItemText(this);
        referenceLabel_->setColor(Qt::darkGray);
        referenceLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        referenceLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    }
    reference_->point1->setCoords(0, y);
    reference_->point2->setCoords(1, y);
    referenceLabel_->position->setCoords(0.02, y);
    referenceLabel_->setText(label);
    scheduleRefresh();
}

void CurvePlot::clearData() {
    for (QCPGraph* g : series_) g->data()->clear();
    scheduleRefresh();
}

QByteArray CurvePlot::toCsv() const {
    QByteArray out = "series," + xAxis->label().toUtf8() + "," + yAxis->label().toUtf8() + "\n";
    for (auto it = series_.begin(); it != series_.end(); ++it)
        for (const QCPGraphData& d : *it.value()->data())
            out += "\"" + it.key().toUtf8() + "\"," + QByteArray::number(d.key, 'g', 10) + "," +
                   QByteArray::number(d.value, 'g', 10) + "\n";
    return out;
}

void CurvePlot::removeAllSeries() {
    clearGraphs();
    series_.clear();
    scheduleRefresh();
}

int CurvePlot::pointCount(const QString& name) const {
    auto it = series_.find(name);
    return it == series_.end() ? 0 : it.value()->data()->size();
}

double CurvePlot::lastValue(const QString& name) const {
    auto it = series_.find(name);
    if (it == series_.end() || it.value()->data()->isEmpty()) return qQNaN();
    return (it.value()->data()->constEnd() - 1)->value;
}

void CurvePlot::showEvent(QShowEvent* e) {
    QCustomPlot::showEvent(e);
    fitTitle();
    if (stale_) scheduleRefresh();
}

void CurvePlot::resizeEvent(QResizeEvent* e) {
    fitTitle();
    QCustomPlot::resizeEvent(e);
}

// The title on one line when it fits, else broken at the space nearest its middle.
void CurvePlot::fitTitle() {
    const QFontMetrics fm(title_->font());
    QString text = fullTitle_;
    if (fm.horizontalAdvance(fullTitle_) + 12 > width()) {
        const int middle = int(fullTitle_.size()) / 2;
        int best = -1;
        for (int i = 0; i < fullTitle_.size(); ++i)
            if (fullTitle_[i] == ' ' &&
                (best < 0 || std::abs(i - middle) < std::abs(best - middle)))
                best = i;
        if (best > 0) text = fullTitle_.left(best) + "\n" + fullTitle_.mid(best + 1);
    }
    if (title_->text() != text) title_->setText(text);
}

void CurvePlot::scheduleRefresh() {
    if (!refreshTimer_.isActive()) refreshTimer_.start();
}

void CurvePlot::refresh() {
    // A hidden plot (another tab) only remembers that it is stale: drawing it would cost the
    // animation on the visible tab its frames.
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    rescaleAxes(true);
    if (std::isfinite(referenceValue_)) {
        QCPRange r = yAxis->range();
        r.expand(referenceValue_);
        yAxis->setRange(r);
    }
    if (logY_) {
        const QCPRange r = yAxis->range();
        yAxis->setRange(r.lower / 1.5, r.upper * 1.5);
    } else {
        yAxis->scaleRange(1.1, yAxis->range().center());
    }
    replot(rpQueuedReplot);
}

void CurvePlot::showValueAt(QMouseEvent* e) {
    double best = 15.0;  // pixels
    QString text;
    for (QCPGraph* g : series_) {
        if (g->data()->isEmpty()) continue;
        const double x = xAxis->pixelToCoord(e->pos().x());
        auto it = g->data()->findBegin(x);
        for (int k = 0; k < 2 && it != g->data()->constEnd(); ++k, ++it) {
            const QPointF p(xAxis->coordToPixel(it->key), yAxis->coordToPixel(it->value));
            const double d = std::hypot(p.x() - e->pos().x(), p.y() - e->pos().y());
            if (d < best) {
                best = d;
                text = QString("%1\n%2 = %3\n%4 = %5")
                           .arg(g->name(), xAxis->label(), QString::number(it->key, 'g', 6),
                                yAxis->label(), QString::number(it->value, 'g', 4));
            }
        }
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(e->globalPosition().toPoint(), text, this);
}

}  // namespace symscore::ui
