#include "ui/plot_items.hpp"

#include <cmath>

#include "ui/palette.hpp"

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
    const QPointF a = toPixels(parentPlot(), bounds_.topLeft());      // (xmin, ymin)
    const QPointF b = toPixels(parentPlot(), bounds_.bottomRight());  // (xmax, ymax)
    const QRectF target = QRectF(a, b).normalized();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter->drawImage(target, image_);
}

PointCloudItem::PointCloudItem(QCustomPlot* plot) : QCPAbstractItem(plot) {}

void PointCloudItem::draw(QCPPainter* painter) {
    if (points_.isEmpty()) return;
    const QCustomPlot* plot = parentPlot();
    const double x0 = plot->xAxis->coordToPixel(0), sx = plot->xAxis->coordToPixel(1) - x0;
    const double y0 = plot->yAxis->coordToPixel(0), sy = plot->yAxis->coordToPixel(1) - y0;
    QPolygonF pixels(points_.size());
    for (int i = 0; i < points_.size(); ++i)
        pixels[i] = QPointF(x0 + sx * points_[i].x(), y0 + sy * points_[i].y());
    if (shape_ == Shape::Dot) {
        // One call for the whole cloud: round points of the pen's width, no antialiasing.
        painter->setAntialiasing(false);
        painter->setPen(QPen(color_, size_, Qt::SolidLine, Qt::RoundCap));
        painter->drawPoints(pixels);
    } else {
        painter->setAntialiasing(true);
        painter->setPen(QPen(color_, 1.5));
        const double h = size_ / 2;
        for (const QPointF& p : pixels) {
            painter->drawLine(QPointF(p.x() - h, p.y()), QPointF(p.x() + h, p.y()));
            painter->drawLine(QPointF(p.x(), p.y() - h), QPointF(p.x(), p.y() + h));
        }
    }
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
    painter->setPen(QPen(color_, 1.0));
    for (const QPolygonF& path : paths_) {
        QPolygonF pixels(path.size());
        for (int i = 0; i < path.size(); ++i) pixels[i] = toPixels(parentPlot(), path[i]);
        painter->drawPolyline(pixels);
    }
}

}  // namespace symscore::ui
