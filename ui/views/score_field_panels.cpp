// The Score field tab's panels: square density plots laid out to fill the host, with the
// arrows, heatmap and contour of a computed frame drawn into them. Nothing is computed here.
#include <QFontMetrics>
#include <QTimer>
#include <algorithm>

#include "ui/plot/density_plot.hpp"
#include "ui/plot/qcp.hpp"
#include "ui/views/score_field_view.hpp"

namespace symscore::ui {

namespace {
constexpr int kPanelSpacing = 4;  // pixels between the square panels
const char* kFieldArrows = "model score arrows";
const char* kExactArrows = "exact score arrows";
const char* kContour = "where p_t lives";
const char* kHeatLayer = "score field heatmap";

}  // namespace

QCPColorGradient ScoreFieldView::errorGradient() {
    // magma-like: black (no error) to pale yellow (large), distinct from the density's viridis.
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {"#000004", "#3b0f70", "#8c2981", "#de4968", "#fe9f6d", "#fcfdbf"};
    const int n = int(std::size(stops));
    for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

namespace {
QCPCurve* makeCurve(QCustomPlot* plot, const QString& name, const QPen& pen) {
    auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
    c->setName(name);
    c->setPen(pen);
    c->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    return c;
}

// NaN rows break the polyline: separate arrows and contour pieces.
void setCurve(QCPCurve* c, const PointsF& points) {
    QVector<QCPCurveData> data(points.rows());
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        data[int(i)] = QCPCurveData(double(i), double(points(i, 0)), double(points(i, 1)));
    c->data()->set(data, true);
}

QString baseTitle(const FieldModel& m, bool exact, bool equivariant) {
    QString t = QString::fromStdString(m.name);
    if (!exact && equivariant && m.kind != ModelKind::Symmetrized && !t.contains("equivariant"))
        t += " (equivariant)";
    return t;
}

// The heatmap's value in a panel title: its mean under p_t and its largest value, or that
// it is zero (exactly, or to float rounding of an exact identity).
QString heatValue(const FieldPanelFrame& p) {
    if (p.heatMax == 0.0) return "exactly 0";
    if (p.heatIsRounding)
        return QString::fromUtf8("\u2248 0 (max %1)").arg(QString::number(p.heatMax, 'g', 1));
    return QString::fromUtf8("avg %1 \u00b7 max %2")
        .arg(QString::number(p.heatMean, 'g', 2), QString::number(p.heatMax, 'g', 2));
}
}  // namespace

DensityPlot* ScoreFieldView::makePanelPlot(Panel& p) {
    auto* plot = new DensityPlot(gridHost_);
    // The heatmap gets a layer of its own right under "main": over the density whatever
    // layer that is drawn on, under the arrows and mirror lines.
    plot->addLayer(kHeatLayer, plot->layer("main"), QCustomPlot::limBelow);
    p.heat = new QCPColorMap(plot->xAxis, plot->yAxis);
    p.heat->setLayer(kHeatLayer);
    p.heat->setGradient(errorGradient());
    p.heat->setInterpolate(false);
    p.heat->setTightBoundary(false);
    p.heat->setVisible(false);
    // Creation order is drawing order: the exact arrows, then the model's over them, so
    // white shows only where the model is off.
    p.exactArrows = makeCurve(
        plot, kExactArrows, QPen(QColor(255, 255, 255, p.exact ? 235 : 210), p.exact ? 1.6 : 1.0));
    p.fieldArrows = makeCurve(plot, kFieldArrows, QPen(p.model.color, 1.7));
    p.contour = makeCurve(plot, kContour, QPen(QColor(80, 220, 255), 1.3, Qt::DotLine));
    plot->setToolTip(
        p.exact ? "The exact score of the noisy data density at this time: the answer every "
                  "model tries to learn."
                : "What this model learned at this time, compared with the exact score.");
    p.plot = plot;
    // A title of another height changes the plot's square: lay the panels out again.
    connect(plot, &QCustomPlot::afterLayout, this, [this] {
        if (!relayoutQueued_) {
            relayoutQueued_ = true;
            QTimer::singleShot(0, this, [this] {
                relayoutQueued_ = false;
                layoutPanels();
            });
        }
    });
    setPanelTitle(p, QString());
    plot->show();
    return plot;
}

void ScoreFieldView::layoutPanels() {
    // Square panels, as large as the host allows, centred: the plane is shown where the
    // density and the arrows are, not stretched sideways into empty margins. The plot's
    // decorations (title, tick labels) are measured on the panels when laid out.
    const int n = int(panels_.size());
    if (n == 0) return;
    int decoX = 0, decoY = 0;
    for (const Panel& p : panels_) {
        const QRect r = p.plot->axisRect()->rect();
        if (r.width() > 40 && r.height() > 40) {
            decoX = std::max(decoX, p.plot->width() - r.width());
            decoY = std::max(decoY, p.plot->height() - r.height());
        }
    }
    if (decoX == 0 || decoY == 0) {  // nothing laid out yet: typical sizes
        decoX = 48;
        decoY = 64;
    }
    const QSize host = gridHost_->size();
    int cols = 1, side = -1;
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const int s = std::min((host.width() - kPanelSpacing * (c - 1)) / c - decoX,
                               (host.height() - kPanelSpacing * (rows - 1)) / rows - decoY);
        if (s > side) {
            side = s;
            cols = c;
        }
    }
    side = std::max(side, 80);
    const int rows = (n + cols - 1) / cols;
    const int w = side + decoX, h = side + decoY;
    const int x0 = std::max(0, (host.width() - cols * w - (cols - 1) * kPanelSpacing) / 2);
    const int y0 = std::max(0, (host.height() - rows * h - (rows - 1) * kPanelSpacing) / 2);
    for (int i = 0; i < n; ++i) {
        const QRect want(x0 + (i % cols) * (w + kPanelSpacing),
                         y0 + (i / cols) * (h + kPanelSpacing), w, h);
        const QRect now = panels_[std::size_t(i)].plot->geometry();
        // A pixel or two is tick-label jitter: moving for it would lay out again and again.
        const bool close = std::abs(now.x() - want.x()) <= 2 && std::abs(now.y() - want.y()) <= 2 &&
                           std::abs(now.width() - w) <= 2 && std::abs(now.height() - h) <= 2;
        if (!close) panels_[std::size_t(i)].plot->setGeometry(want);
    }
}

void ScoreFieldView::draw(const ScoreFieldFrame& f) {
    colorScale_->setDataRange(QCPRange(0.0, f.heatRange));
    for (std::size_t i = 0; i < panels_.size() && i < f.panels.size(); ++i)
        drawPanel(panels_[i], f.panels[i], f);
    colorBar_->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreFieldView::drawPanel(Panel& p, const FieldPanelFrame& frame, const ScoreFieldFrame& f) {
    p.plot->setDensity(f.density);
    if (f.spec.mode == Mode::Arrows) {
        setCurve(p.fieldArrows, p.exact ? PointsF(0, 2) : frame.fieldSegments);
        setCurve(p.exactArrows, frame.exactSegments);
        setCurve(p.contour, PointsF(0, 2));
        p.heat->setVisible(false);
        setPanelTitle(p, QString());
    } else {
        const DensityGrid& h = frame.heat;
        setCurve(p.fieldArrows, PointsF(0, 2));
        setCurve(p.exactArrows, PointsF(0, 2));
        setCurve(p.contour, f.contour);
        p.heat->data()->setSize(h.nx, h.ny);
        p.heat->data()->setRange(QCPRange(h.x(0), h.x(h.nx - 1)), QCPRange(h.y(0), h.y(h.ny - 1)));
        for (int j = 0; j < h.ny; ++j)
            for (int k = 0; k < h.nx; ++k)
                p.heat->data()->setCell(k, j, h.values[std::size_t(j) * h.nx + k]);
        p.heat->setDataRange(QCPRange(0.0, f.heatRange));
        p.heat->setVisible(true);
        setPanelTitle(p, heatValue(frame));
    }
    p.plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreFieldView::setPanelTitle(Panel& p, const QString& value) {
    // The name on one line and the heatmap's value on a second, in every panel alike, so the
    // squares keep one size; both are elided deliberately, never cut at the edge.
    const QString name = baseTitle(p.model, p.exact, p.model.equivariant);
    const QFontMetrics fm(QFont(p.plot->font().family(), 11, QFont::Bold));
    const int room = std::max(60, p.plot->width() - 12);
    QString title = fm.elidedText(name, Qt::ElideMiddle, room);
    if (!value.isEmpty()) title += "\n" + fm.elidedText(value, Qt::ElideRight, room);
    p.plot->setTitle(title);
}

}  // namespace symscore::ui
