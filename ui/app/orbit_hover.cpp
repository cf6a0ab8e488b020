#include "ui/app/orbit_hover.hpp"

#include <QApplication>
#include <QMouseEvent>

#include "ui/plot/density_plot.hpp"

namespace symscore::ui {

OrbitHover::OrbitHover(QWidget* window, std::function<Group()> group)
    : QObject(window), window_(window), group_(std::move(group)) {
    qApp->installEventFilter(this);
}

OrbitHover::~OrbitHover() { qApp->removeEventFilter(this); }

void OrbitHover::highlight(const std::optional<Vec2>& x) {
    if (!x && !shown_) return;
    const std::vector<Vec2> orbit = x ? group_().orbit(*x) : std::vector<Vec2>{};
    for (DensityPlot* plot : window_->findChildren<DensityPlot*>()) plot->setOrbitHighlight(orbit);
    shown_ = x.has_value();
}

bool OrbitHover::eventFilter(QObject* watched, QEvent* event) {
    const QEvent::Type type = event->type();
    if (type != QEvent::MouseMove && type != QEvent::Leave) return false;
    auto* plot = qobject_cast<DensityPlot*>(watched);
    if (!plot || plot->window() != window_) return false;
    if (type == QEvent::Leave) {
        highlight(std::nullopt);
        return false;
    }
    const QPointF pixel = static_cast<QMouseEvent*>(event)->position();
    if (!plot->axisRect()->rect().contains(pixel.toPoint())) {
        highlight(std::nullopt);
        return false;
    }
    highlight(Vec2(plot->xAxis->pixelToCoord(pixel.x()), plot->yAxis->pixelToCoord(pixel.y())));
    return false;
}

}  // namespace symscore::ui
