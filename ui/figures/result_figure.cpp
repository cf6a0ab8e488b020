#include "ui/figures/result_figure.hpp"

#include <QFontMetricsF>
#include <QPainter>
#include <cmath>

#include "core/density_grid.hpp"
#include "ui/figures/colors.hpp"
#include "ui/figures/figure_axes.hpp"

namespace symscore::ui {

namespace {

const QColor kBackground("#1e1e24");
constexpr int kPanelWidth = 420, kPanelHeight = 440;
constexpr int kMaxSamplesShown = 2000;  // enough to see the shape; more only covers it

// The density grid as an image, one pixel per cell, row 0 at the top (largest y).
QImage densityImage(const DensityGrid& grid) {
    QImage image(grid.nx, grid.ny, QImage::Format_RGB32);
    const double scale = grid.maxValue > 0 ? 1.0 / grid.maxValue : 0.0;
    for (int j = 0; j < grid.ny; ++j) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(grid.ny - 1 - j));
        for (int i = 0; i < grid.nx; ++i)
            line[i] = densityColor(grid.values[std::size_t(j) * grid.nx + i] * scale).rgb();
    }
    return image;
}

// The plot area inside one panel, with equal scales on both axes so that a rotation looks
// like a rotation: the shorter side spans [-half, half], the longer one more.
figure::Area panelArea(const QRectF& panel, double half) {
    const QRectF r = panel.adjusted(48, 34, -14, -26);
    const double aspect = r.width() / r.height();
    const double hx = half * std::max(1.0, aspect), hy = half * std::max(1.0, 1 / aspect);
    return {r, {-hx, hx, false}, {-hy, hy, false}};
}

void drawSymmetry(QPainter& p, const figure::Area& a, const Group& group) {
    p.setPen(QPen(symmetryColor(), 1.2, Qt::DashLine));
    const double reach = 2 * std::max(a.x.hi, a.y.hi);  // beyond every corner; clipped
    for (double deg : group.mirrorAnglesDeg()) {
        const double c = std::cos(deg * M_PI / 180.0), s = std::sin(deg * M_PI / 180.0);
        p.drawLine(a.at(-reach * c, -reach * s), a.at(reach * c, reach * s));
    }
    if (group.rotationOrder() > 1) {
        p.setPen(symmetryColor());
        p.setFont(figure::pixelFont(12));
        const QPointF o = a.at(0, 0);
        p.drawText(o + QPointF(2, -3), QString::fromUtf8("\u2726 C%1").arg(group.rotationOrder()));
    }
}

void drawPoints(QPainter& p, const figure::Area& a, const Points& points, int count,
                const QColor& color, double diameter) {
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const double r = diameter / 2;
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(count, points.rows()); ++i) {
        const double x = points(i, 0), y = points(i, 1);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;  // a diverged sampler's NaNs
        p.drawEllipse(a.at(x, y), r, r);
    }
    p.setBrush(Qt::NoBrush);
}

struct Panel {
    QString title;
    const Points* points = nullptr;
    int shown = 0;
    QColor color;
    double diameter = 3.0;
};

void drawPanel(QPainter& p, const QRectF& cell, const Panel& panel, const QImage& density,
               const DensityGrid& grid, const Group& group, double half) {
    const figure::Area a = panelArea(cell, half);
    p.save();
    const QFont titleFont = figure::pixelFont(15, true);
    p.setFont(titleFont);
    p.setPen(Qt::white);
    const QFontMetricsF fm(titleFont);
    const QString title = fm.elidedText(panel.title, Qt::ElideRight, cell.width() - 16);
    p.drawText(
        QPointF(cell.center().x() - fm.horizontalAdvance(title) / 2, cell.top() + 8 + fm.ascent()),
        title);
    p.setClipRect(a.rect);
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(QRectF(a.at(grid.xmin, grid.ymax), a.at(grid.xmax, grid.ymin)), density);
    p.setRenderHint(QPainter::Antialiasing, true);
    drawSymmetry(p, a, group);
    if (panel.points) drawPoints(p, a, *panel.points, panel.shown, panel.color, panel.diameter);
    p.setClipping(false);
    figure::AxisStyle style;
    style.line = Qt::gray;
    style.text = Qt::lightGray;
    style.font = figure::pixelFont(12);
    figure::drawAxes(p, a, figure::linearTicks(a.x.lo, a.x.hi, 5),
                     figure::linearTicks(a.y.lo, a.y.hi, 5), style);
    p.restore();
}

}  // namespace

QImage renderResult(const Scenario& scenario, const RunOutcome& outcome, QSize size) {
    const Mixture target = scenario.makeTarget();
    const Group group = scenario.makeGroup();
    const double half = viewHalfWidth(target) * 1.1;
    const double w = 1.6 * half;  // the grid reaches past the view on the longer side
    const DensityGrid grid = densityGrid(target, 200, 200, -w, w, -w, w);
    const QImage density = densityImage(grid);

    std::vector<Panel> panels;
    panels.push_back({QString::fromStdString("target, " + group.name()), &outcome.trainingSet,
                      int(outcome.trainingSet.rows()), Qt::white, 4.0});
    for (std::size_t i = 0; i < outcome.models.size(); ++i) {
        const ModelOutcome& m = outcome.models[i];
        panels.push_back({QString("%1   W1 %2 (floor %3)")
                              .arg(QString::fromStdString(m.name), QString::number(m.w1, 'f', 3),
                                   QString::number(outcome.w1Floor, 'f', 3)),
                          &m.samples, kMaxSamplesShown, modelColor(int(i)), 3.0});
    }
    const int count = int(panels.size());
    const int cols = count <= 4 ? count : int(std::ceil(std::sqrt(double(count))));
    const int rows = (count + cols - 1) / cols;
    if (!size.isValid() || size.isEmpty()) size = QSize(cols * kPanelWidth, rows * kPanelHeight);

    QImage image(size, QImage::Format_RGB32);
    image.fill(kBackground);
    QPainter p(&image);
    const double cw = double(size.width()) / cols, ch = double(size.height()) / rows;
    for (int k = 0; k < count; ++k) {
        const QRectF cell((k % cols) * cw, (k / cols) * ch, cw, ch);
        drawPanel(p, cell, panels[std::size_t(k)], density, grid, group, half);
    }
    p.end();
    return image;
}

}  // namespace symscore::ui
