#pragma once
// Fast drawing for animations, as QCustomPlot items: a density as one pre-coloured image, a
// point cloud as one drawPoints call, paths as polylines. QCustomPlot's own colour map and
// scatter plottables redo per-point work (gradient lookups, antialiased ellipses) on every
// replot; these do the per-frame work once, when the data changes, and then only blit.
#include <QImage>
#include <QPolygonF>

#include "core/density_grid.hpp"
#include "core/types.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

class DensityImageItem : public QCPAbstractItem {
  public:
    explicit DensityImageItem(QCustomPlot* plot);
    // Colours the grid (a 256-entry lookup table over [0, max]) into the cached image.
    void setGrid(const DensityGrid& grid);
    // Smooth (bilinear) scaling, or nearest-neighbour, about twice as fast, for animation.
    void setSmooth(bool on) { smooth_ = on; }
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override;

  private:
    QImage image_;
    QRectF bounds_;  // plot coordinates covered by the image
    QVector<QRgb> lut_;
    bool smooth_ = true;
};

class PointCloudItem : public QCPAbstractItem {
  public:
    // Ring: an open circle of diameter size, drawn above what it marks (the orbit highlight).
    enum class Shape { Dot, Plus, Ring };
    explicit PointCloudItem(QCustomPlot* plot);
    template <class M>
    void setPoints(const M& points) {
        points_.resize(int(points.rows()));
        for (Eigen::Index i = 0; i < points.rows(); ++i)
            points_[int(i)] = QPointF(double(points(i, 0)), double(points(i, 1)));
    }
    void setStyle(const QColor& color, double size) {
        color_ = color;
        size_ = size;
    }
    void setShape(Shape shape) { shape_ = shape; }
    int size() const { return int(points_.size()); }
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override;

  private:
    void drawDots(QCPPainter* painter, double x0, double sx, double y0, double sy);
    QPolygonF points_;  // plot coordinates
    QImage canvas_;     // reused between frames
    QColor color_ = Qt::white;
    double size_ = 3.0;
    Shape shape_ = Shape::Dot;
};

class PathItem : public QCPAbstractItem {
  public:
    explicit PathItem(QCustomPlot* plot);
    // Rows of NaN separate one path from the next.
    void setPaths(const Eigen::Ref<const PointsF>& points, const QColor& color);
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override;

  private:
    std::vector<QPolygonF> paths_;
    QColor color_;
};

// A wedge around the origin (a fundamental domain of the symmetry group): lightly filled,
// its two edges drawn, out to the plot's edge whatever the zoom.
class WedgeItem : public QCPAbstractItem {
  public:
    explicit WedgeItem(QCustomPlot* plot);
    // Directions from startDeg to startDeg + spanDeg; spanDeg >= 360 draws nothing.
    void setWedge(double startDeg, double spanDeg);
    double startDeg() const { return start_; }
    double spanDeg() const { return span_; }
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override;

  private:
    double start_ = 0.0;
    double span_ = 360.0;
};

}  // namespace symscore::ui
