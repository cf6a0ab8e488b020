#include "ui/plot/density_plot.hpp"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/plot/palette.hpp"
#include "ui/plot/plot_scale.hpp"

namespace symscore::ui {

DensityPlot::DensityPlot(QWidget* parent) : QCustomPlot(parent) {
    setNoAntialiasingOnDrag(true);
    setBackground(QColor("#1e1e24"));
    for (QCPAxis* a : {xAxis, yAxis}) {
        a->setBasePen(QPen(Qt::gray));
        a->setTickPen(QPen(Qt::gray));
        a->setSubTickPen(QPen(Qt::gray));
        a->setTickLabelColor(Qt::lightGray);
        a->grid()->setVisible(false);
    }
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, "", QFont(font().family(), 11, QFont::Bold));
    title_->setTextColor(Qt::white);
    plotLayout()->addElement(0, 0, title_);
    // Beyond the density's grid (the longer side of a plot that is not square) the plane
    // shows the colour of zero density, not a seam where the grid ends.
    QCPColorGradient zero = densityGradient();  // color() is not const in QCustomPlot 2.1
    axisRect()->setBackground(QBrush(zero.color(0.0, QCPRange(0, 1))));

    // The density and the animated clouds live on layers of their own with their own paint
    // buffers: an animation frame redraws those two layers only, not axes, titles and lines.
    addLayer("density", layer("background"), limAbove);
    addLayer("animation", layer("main"), limBelow);
    layer("density")->setMode(QCPLayer::lmBuffered);
    layer("animation")->setMode(QCPLayer::lmBuffered);
    map_ = new DensityImageItem(this);
    map_->setLayer("density");
    domain_ = new WedgeItem(this);  // above the density, below the points
    domain_->setLayer("density");
    setMouseTracking(true);  // hovering shows orbits (ui/app/orbit_hover)
    flushTimer_.setSingleShot(true);
    flushTimer_.setInterval(0);
    connect(&flushTimer_, &QTimer::timeout, this, &DensityPlot::flushLayers);
    connect(this, &QCustomPlot::afterReplot, this, [this] {
        drawnX_ = xAxis->range();
        drawnY_ = yAxis->range();
    });
    connect(this, &QCustomPlot::afterLayout, this, &DensityPlot::keepSquareScale);
    setView(half_);
    followPlotScale(this);
}

QString fitTitleText(const QString& title, const QFont& font, int width) {
    const QFontMetrics fm(font);
    QStringList lines = title.split('\n');
    auto fits = [&](const QString& line) { return fm.horizontalAdvance(line) <= width; };
    if (std::all_of(lines.begin(), lines.end(), fits)) return title;
    if (lines.size() == 1) {
        // The readout goes to a second line: the model's name stays whole where it can.
        for (const QString& sep : {QString("   "), QString::fromUtf8(" \u2014 ")}) {
            const qsizetype at = title.indexOf(sep);
            if (at <= 0) continue;
            lines = {title.left(at), title.mid(at + sep.size()).trimmed()};
            break;
        }
    }
    for (QString& line : lines) line = fm.elidedText(line, Qt::ElideRight, std::max(0, width));
    return lines.join('\n');
}

void DensityPlot::setTitle(const QString& title) {
    if (fullTitle_ == title) return;
    fullTitle_ = title;
    fitTitle();
}

QString DensityPlot::title() const { return fullTitle_; }

QString DensityPlot::shownTitle() const { return title_->text(); }

void DensityPlot::setTitleRows(int rows) {
    titleRows_ = std::max(1, rows);
    fitTitle();
}

void DensityPlot::resizeEvent(QResizeEvent* e) {
    QCustomPlot::resizeEvent(e);
    fitTitle();
}

QString DensityPlot::fittedTitle(int width) const {
    // The room is the width less the title's margins and a little air.
    const QMargins m = title_->margins();
    QString shown = fitTitleText(fullTitle_, title_->font(), width - m.left() - m.right() - 8);
    // Pad to the reserved number of lines: a blank line keeps the plot's size steady.
    for (qsizetype lines = shown.count('\n') + 1; lines < titleRows_; ++lines) shown += "\n ";
    return shown;
}

void DensityPlot::fitTitle() {
    const QString shown = fittedTitle(width());
    if (title_->text() == shown) return;
    title_->setText(shown);
    replot(rpQueuedReplot);  // a title changed alone must reach the screen too
}

void DensityPlot::setViewLocked(bool locked) {
    viewLocked_ = locked;
    if (!locked && pendingHalf_ > 0) setView(std::exchange(pendingHalf_, 0.0));
}

void DensityPlot::setView(double halfWidth) {
    if (viewLocked_) {
        pendingHalf_ = halfWidth;
        return;
    }
    half_ = halfWidth;
    xAxis->setRange(-half_, half_);
    yAxis->setRange(-half_, half_);
    keepSquareScale();
    replot(rpQueuedReplot);
}

void DensityPlot::keepSquareScale() {
    // Equal scales on both axes, so that a rotation looks like a rotation: the shorter side
    // of the plot spans [-half, half] and the longer one more.
    const QRect r = axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0) return;
    const double aspect = double(r.width()) / r.height();
    const QCPRange x(-half_ * std::max(1.0, aspect), half_ * std::max(1.0, aspect));
    const QCPRange y(-half_ * std::max(1.0, 1 / aspect), half_ * std::max(1.0, 1 / aspect));
    if (x == xAxis->range() && y == yAxis->range()) return;
    xAxis->setRange(x);
    yAxis->setRange(y);
    // Called after layout, when this replot's ticks are already placed for the old ranges:
    // draw once more so that ticks and data agree.
    replot(rpQueuedReplot);
}

void DensityPlot::setDensity(const DensityGrid& grid) {
    grid_ = grid;
    map_->setGrid(grid);
    redrawLayer(layer("density"));
}

void DensityPlot::setSymmetry(const Group& group) {
    for (auto* m : mirrors_) removeItem(m);
    mirrors_.clear();
    if (centre_) removeItem(centre_);
    centre_ = nullptr;
    QPen pen(symmetryColor(), 1.2, Qt::DashLine);
    for (double deg : group.mirrorAnglesDeg()) {
        auto* line = new QCPItemStraightLine(this);
        const double a = deg * M_PI / 180.0;
        line->point1->setCoords(0, 0);
        line->point2->setCoords(std::cos(a), std::sin(a));
        line->setPen(pen);
        mirrors_ << line;
    }
    if (group.rotationOrder() > 1) {
        centre_ = new QCPItemText(this);
        centre_->position->setCoords(0, 0);
        // The group's own symbol: a D4 plot says D4 at its centre, as its title does.
        centre_->setText(
            QString::fromUtf8("\u2726 %1").arg(QString::fromStdString(group.symbol())));
        centre_->setColor(symmetryColor());
        centre_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    }
    replot(rpQueuedReplot);
}

void DensityPlot::setFundamentalDomain(const Wedge& wedge) {
    domain_->setWedge(wedge.startDeg, wedge.spanDeg);
    redrawLayer(layer("density"));
}

Wedge DensityPlot::fundamentalDomain() const { return {domain_->startDeg(), domain_->spanDeg()}; }

void DensityPlot::setOrbitHighlight(const std::vector<Vec2>& points) {
    if (points == orbit_) return;
    orbit_ = points;
    Points xy(Eigen::Index(points.size()), 2);
    for (std::size_t i = 0; i < points.size(); ++i) xy.row(Eigen::Index(i)) = points[i].transpose();
    setCloud("orbit", xy, QColor(255, 214, 10), 14.0);
    setCloudShape("orbit", QCPScatterStyle::ssCircle);
}

void DensityPlot::refreshStyle() {
    applyPlotScale(this);
    fitTitle();
    replot(rpQueuedReplot);
}

PointCloudItem* DensityPlot::cloud(const QString& name) {
    if (auto it = clouds_.find(name); it != clouds_.end()) return it.value();
    auto* c = new PointCloudItem(this);
    c->setLayer("animation");
    clouds_[name] = c;
    return c;
}

QCPCurve* DensityPlot::curve(const QString& name) {
    if (auto it = curves_.find(name); it != curves_.end()) return it.value();
    auto* c = new QCPCurve(xAxis, yAxis);
    c->setName(name);
    curves_[name] = c;
    return c;
}

void DensityPlot::setCloud(const QString& name, const Eigen::Ref<const PointsF>& points,
                           const QColor& color, double size) {
    PointCloudItem* c = cloud(name);
    c->setStyle(color, size);
    c->setPoints(points);
    redrawLayer(c->layer());
}

void DensityPlot::setCloud(const QString& name, const Eigen::Ref<const Points>& points,
                           const QColor& color, double size) {
    PointCloudItem* c = cloud(name);
    c->setStyle(color, size);
    c->setPoints(points);
    redrawLayer(c->layer());
}

void DensityPlot::setPaths(const QString& name, const Eigen::Ref<const PointsF>& points,
                           const QColor& color) {
    auto it = paths_.find(name);
    PathItem* p = it != paths_.end() ? it.value() : (paths_[name] = new PathItem(this));
    p->setLayer("animation");
    p->setPaths(points, color);
    redrawLayer(p->layer());
}

void DensityPlot::setTrail(const QString& name, const Eigen::Ref<const PointsF>& points,
                           const QColor& color) {
    QCPCurve* c = curve(name);
    c->setLineStyle(QCPCurve::lsLine);
    c->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    c->setPen(QPen(color, 1.0));
    QVector<QCPCurveData> data(points.rows());
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        data[i] = QCPCurveData(double(i), double(points(i, 0)), double(points(i, 1)));
    c->data()->set(data, true);
    replot(rpQueuedReplot);
}

void DensityPlot::setCloudShape(const QString& name, QCPScatterStyle::ScatterShape shape) {
    PointCloudItem* c = cloud(name);
    c->setShape(shape == QCPScatterStyle::ssPlus     ? PointCloudItem::Shape::Plus
                : shape == QCPScatterStyle::ssCircle ? PointCloudItem::Shape::Ring
                                                     : PointCloudItem::Shape::Dot);
    replot(rpQueuedReplot);
}

void DensityPlot::setAnimating(bool on) {
    map_->setSmooth(!on);
    redrawLayer(layer("density"));
}

void DensityPlot::redrawLayer(QCPLayer* l) {
    dirty_.insert(l);
    if (!flushTimer_.isActive()) flushTimer_.start();
}

void DensityPlot::flushLayers() {
    const auto dirty = std::exchange(dirty_, {});
    if (dirty.isEmpty()) return;
    // A layer drawn alone must match the axes drawn last time: if the ranges moved since the
    // last full replot, only a full replot keeps ticks, lines and layers in agreement.
    if (xAxis->range() != drawnX_ || yAxis->range() != drawnY_) {
        replot();
        return;
    }
    for (QCPLayer* l : dirty) l->replot();
}

void DensityPlot::paintAt(QCPPainter* painter, QSize size) {
    const QRect screen = viewport();
    const QCPRange x = xAxis->range(), y = yAxis->range();
    // Laying out at the new size first lets keepSquareScale set this size's ranges, so that
    // the ticks toPainter places agree with the data it draws.
    // The title is fitted to the picture's width, not the screen's (lesson mode's larger type
    // in a small video would run off both edges otherwise).
    const QString screenTitle = title_->text();
    title_->setText(fittedTitle(size.width()));
    setViewport(QRect(QPoint(0, 0), size));
    updateLayout();
    toPainter(painter, size.width(), size.height());
    title_->setText(screenTitle);
    xAxis->setRange(x);
    yAxis->setRange(y);
    setViewport(screen);
    updateLayout();
}

int DensityPlot::cloudSize(const QString& name) const {
    auto it = clouds_.find(name);
    return it == clouds_.end() ? 0 : it.value()->size();
}

}  // namespace symscore::ui
