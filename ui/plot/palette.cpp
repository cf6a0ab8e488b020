#include "ui/plot/palette.hpp"

#include "ui/plot/qcp.hpp"

namespace symscore::ui {

QCPColorGradient densityGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    const std::span<const QColor> stops = densityStops();
    const int n = int(stops.size());
    for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), stops[std::size_t(i)]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

}  // namespace symscore::ui
