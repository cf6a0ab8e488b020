#include "ui/plot/plot_items.hpp"

#include <cmath>

#include "ui/plot/palette.hpp"
#include "ui/plot/plot_scale.hpp"

namespace symscore::ui {

namespace {
// Plot coordinates to pixels through the plot's main axes.
QPointF toPixels(const QCustomPlot* plot, const QPointF& p) {
    return {plot->xAxis->coordToPixel(p.x()), plot->yAxis->coordToPixel(p.y())};
}
}  // namespace

DensityImageItem::DensityImageItem(QCustomPlot* plot) : QCPAbstractItem(plot) {
    QCPColorGradient g = densityGradient();  // color() is not const in QCustomPlot 2.1
    lut_.resize(256);
    for (int i = 0; i < 256; ++i) lut_[i] = g.color(i / 255.0, QCPRange(0, 1));
    setLayer("background");
}

void DensityImageItem::setGrid(const DensityGrid& grid) {
    if (grid.nx <= 0 || grid.ny <= 0) {
        image_ = QImage();
        return;
    }
    if (image_.width() != grid.nx || image_.height() != grid.ny)
        image_ = QImage(grid.nx, grid.ny, QImage::Format_RGB32);
    const float scale = grid.maxValue > 0 ? 255.0f / grid.maxValue : 0.0f;
    for (int j = 0; j < grid.ny; ++j) {
        // Image rows run top to bottom, y up: row 0 is the largest y.
        auto* line = reinterpret_cast<QRgb*>(image_.scanLine(grid.ny - 1 - j));
        const float* v = grid.values.data() + std::size_t(j) * grid.nx;
        for (int i = 0; i < grid.nx; ++i) line[i] = lut_[std::min(255, int(v[i] * scale))];
    }
    bounds_ = QRectF(QPointF(grid.xmin, grid.ymin), QPointF(grid.xmax, grid.ymax));
}

void DensityImageItem::draw(QCPPainter* painter) {
    if (image_.isNull()) return;
    // Draw only the part of the image that is in view: scaling costs per target pixel.
    const QCPRange xr = parentPlot()->xAxis->range(), yr = parentPlot()->yAxis->range();
    const QRectF view(QPointF(xr.lower, yr.lower), QPointF(xr.upper, yr.upper));
    const QRectF shown = bounds_.intersected(view);
    if (shown.isEmpty()) return;
    const double sx = image_.width() / bounds_.width(), sy = image_.height() / bounds_.height();
    // Image rows run top to bottom while y runs up.
    const QRectF source((shown.left() - bounds_.left()) * sx,
                        (bounds_.bottom() - shown.bottom()) * sy, shown.width() * sx,
                        shown.height() * sy);
    const QPointF a = toPixels(parentPlot(), shown.topLeft());      // (xmin, ymin) of the part
    const QPointF b = toPixels(parentPlot(), shown.bottomRight());  // (xmax, ymax)
    painter->setRenderHint(QPainter::SmoothPixmapTransform, smooth_);
    painter->drawImage(QRectF(a, b).normalized(), image_, source);
}

PointCloudItem::PointCloudItem(QCustomPlot* plot) : QCPAbstractItem(plot) {}

void PointCloudItem::draw(QCPPainter* painter) {
    if (points_.isEmpty()) return;
    const QCustomPlot* plot = parentPlot();
    const double x0 = plot->xAxis->coordToPixel(0), sx = plot->xAxis->coordToPixel(1) - x0;
    const double y0 = plot->yAxis->coordToPixel(0), sy = plot->yAxis->coordToPixel(1) - y0;
    if (shape_ == Shape::Dot) {
        drawDots(painter, x0, sx, y0, sy);
        return;
    }
    painter->setAntialiasing(true);
    const double size = size_ * plotScale();  // markers grow in lesson mode
    if (shape_ == Shape::Ring) {
        painter->setPen(QPen(color_, std::max(1.5, size / 6)));
        painter->setBrush(Qt::NoBrush);
        for (const QPointF& q : points_)
            painter->drawEllipse(QPointF(x0 + sx * q.x(), y0 + sy * q.y()), size / 2, size / 2);
        return;
    }
    painter->setPen(QPen(color_, 1.5 * plotScale()));
    const double h = size / 2;
    for (const QPointF& q : points_) {
        const QPointF p(x0 + sx * q.x(), y0 + sy * q.y());
        painter->drawLine(QPointF(p.x() - h, p.y()), QPointF(p.x() + h, p.y()));
        painter->drawLine(QPointF(p.x(), p.y() - h), QPointF(p.x(), p.y() + h));
    }
}

void PointCloudItem::drawDots(QCPPainter* painter, double x0, double sx, double y0, double sy) {
    // Thousands of small discs: stamp them into an image pixel by pixel and draw that image
    // once. A wide-pen drawPoints strokes every point as a path, about 20 times slower.
    const QRect area = clipRect();
    if (area.isEmpty()) return;
    if (canvas_.size() != area.size())
        canvas_ = QImage(area.size(), QImage::Format_ARGB32_Premultiplied);
    canvas_.fill(Qt::transparent);
    // Dots grow by half the plot scale: a thousand particles drawn 1.5 times as large would
    // merge into one blot and hide the shape they make.
    const double r = std::max(0.5, size_ * (1 + (plotScale() - 1) / 2) / 2);
    std::vector<QPoint> disc;
    for (int dy = -int(r); dy <= int(r); ++dy)
        for (int dx = -int(r); dx <= int(r); ++dx)
            if (dx * dx + dy * dy <= r * r + 0.25) disc.emplace_back(dx, dy);
    const QRgb rgb = qPremultiply(color_.rgba());
    const int w = canvas_.width(), h = canvas_.height();
    auto* bits = reinterpret_cast<QRgb*>(canvas_.bits());
    const qsizetype stride = canvas_.bytesPerLine() / 4;
    for (const QPointF& q : points_) {
        const int px = int(std::lround(x0 + sx * q.x())) - area.left();
        const int py = int(std::lround(y0 + sy * q.y())) - area.top();
        if (px < -3 || py < -3 || px > w + 3 || py > h + 3) continue;
        for (const QPoint& d : disc) {
            const int x = px + d.x(), y = py + d.y();
            if (x >= 0 && y >= 0 && x < w && y < h) bits[y * stride + x] = rgb;
        }
    }
    painter->drawImage(area.topLeft(), canvas_);
}

PathItem::PathItem(QCustomPlot* plot) : QCPAbstractItem(plot) {}

void PathItem::setPaths(const Eigen::Ref<const PointsF>& points, const QColor& color) {
    color_ = color;
    paths_.clear();
    QPolygonF current;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        if (!std::isfinite(points(i, 0)) || !std::isfinite(points(i, 1))) {
            if (current.size() > 1) paths_.push_back(current);
            current.clear();
            continue;
        }
        current << QPointF(points(i, 0), points(i, 1));
    }
    if (current.size() > 1) paths_.push_back(current);
}

void PathItem::draw(QCPPainter* painter) {
    painter->setAntialiasing(true);
    painter->setPen(QPen(color_, plotScale()));
    for (const QPolygonF& path : paths_) {
        QPolygonF pixels(path.size());
        for (int i = 0; i < path.size(); ++i) pixels[i] = toPixels(parentPlot(), path[i]);
        painter->drawPolyline(pixels);
    }
}

WedgeItem::WedgeItem(QCustomPlot* plot) : QCPAbstractItem(plot) {}

void WedgeItem::setWedge(double startDeg, double spanDeg) {
    start_ = startDeg;
    span_ = spanDeg;
}

void WedgeItem::draw(QCPPainter* painter) {
    if (span_ >= 360.0 || span_ <= 0.0) return;
    const QCustomPlot* plot = parentPlot();
    const QRect area = clipRect();
    const QPointF o = toPixels(plot, QPointF(0, 0));
    // Far enough to leave the plot from the origin in any direction.
    double reach = 0;
    for (const QPointF c : {area.topLeft(), area.topRight(), area.bottomLeft(), area.bottomRight()})
        reach = std::max(reach, std::hypot(c.x() - o.x(), c.y() - o.y()));
    reach += 10;
    // Equal scales on both axes (DensityPlot keeps them so): angles in pixels are angles in
    // the plane, with y pointing down.
    QPolygonF wedge;
    wedge << o;
    const int steps = std::max(2, int(span_ / 3));
    for (int i = 0; i <= steps; ++i) {
        const double a = (start_ + span_ * i / steps) * M_PI / 180.0;
        wedge << QPointF(o.x() + reach * std::cos(a), o.y() - reach * std::sin(a));
    }
    painter->setAntialiasing(true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 34));
    painter->drawPolygon(wedge);
    QPen edge(QColor(255, 255, 255, 150), 1.5 * plotScale(), Qt::DotLine);
    painter->setPen(edge);
    painter->drawLine(o, wedge[1]);
    painter->drawLine(o, wedge.back());
}

}  // namespace symscore::ui
