#include "ui/figures/colors.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace symscore::ui {

std::span<const QColor> densityStops() {
    // Stops of matplotlib's viridis (van der Walt & Smith), sampled at ninths: perceptually
    // uniform, and readable in grey and with the common colour-vision deficiencies.
    static const std::array<QColor, 10> stops = {
        QColor("#440154"), QColor("#482878"), QColor("#3e4989"), QColor("#31688e"),
        QColor("#26828e"), QColor("#1f9e89"), QColor("#35b779"), QColor("#6ece58"),
        QColor("#b5de2b"), QColor("#fde725")};
    return stops;
}

QColor densityColor(double t) {
    const std::span<const QColor> stops = densityStops();
    const double x = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * double(stops.size() - 1);
    const std::size_t i = std::min(stops.size() - 2, std::size_t(x));
    const double f = x - double(i);
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    auto mix = [f](int u, int v) { return int(std::lround(u + f * (v - u))); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor modelColor(int index) {
    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    static const std::array<QColor, 8> colors = {
        QColor("#e69f00"), QColor("#56b4e9"), QColor("#009e73"), QColor("#cc79a7"),
        QColor("#f0e442"), QColor("#0072b2"), QColor("#d55e00"), QColor("#999999")};
    const int n = int(colors.size());
    return colors[std::size_t(((index % n) + n) % n)];
}

QColor symmetryColor() { return QColor(255, 255, 255, 170); }

}  // namespace symscore::ui
