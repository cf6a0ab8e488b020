// SampleView::renderFrame: the Sample tab's panels painted offscreen into one picture, for
// File > Export animation and `symscore --animation` (docs/animation.md). Kept apart from
// sample_view.cpp, which draws on screen.
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/plot/density_plot.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
// The picture is laid out for a 720-pixel-high frame and scaled: fonts and markers keep
// their proportion at every size, and a small GIF stays readable.
constexpr double kReferenceHeight = 720.0;
constexpr int kHeaderHeight = 30;  // the line with the time, in reference pixels
const QColor kBackground("#1e1e24");
}  // namespace

QImage SampleView::renderFrame(int frame, QSize size) {
    drawFrame(frame);
    QImage image(size, QImage::Format_RGB32);
    image.fill(kBackground);
    const double scale = std::clamp(size.height() / kReferenceHeight, 0.75, 4.0);
    const QSizeF logical(size.width() / scale, size.height() / scale);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);

    const double t = timeline_->timeAt(frame);
    painter.setPen(Qt::white);
    QFont font = this->font();
    font.setPixelSize(18);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRectF(12, 0, logical.width() - 24, kHeaderHeight),
                     Qt::AlignVCenter | Qt::AlignLeft, QString("t = %1").arg(t, 0, 'f', 3));
    font.setBold(false);
    font.setPixelSize(14);
    painter.setFont(font);
    painter.setPen(Qt::lightGray);
    painter.drawText(QRectF(12, 0, logical.width() - 24, kHeaderHeight),
                     Qt::AlignVCenter | Qt::AlignRight,
                     QString("frame %1 of %2").arg(frame + 1).arg(timeline_->frames()));

    // The same grid as on screen: up to three panels in a row, then a near-square grid.
    const int n = int(panels_.size());
    const int cols = n <= 3 ? std::max(1, n) : int(std::ceil(std::sqrt(double(n))));
    const int rows = std::max(1, (n + cols - 1) / cols);
    const double cellW = logical.width() / cols;
    const double cellH = (logical.height() - kHeaderHeight) / rows;
    for (int i = 0; i < n; ++i) {
        painter.save();
        painter.translate(std::floor((i % cols) * cellW),
                          std::floor(kHeaderHeight + (i / cols) * cellH));
        panels_[std::size_t(i)]->paintAt(&painter, QSize(int(cellW), int(cellH)));
        painter.restore();
    }
    painter.end();
    return image;
}

}  // namespace symscore::ui
