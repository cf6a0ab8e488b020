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
    // Chosen to stand out on the viridis density (no yellow or green near its peaks, no
    // mid blue or teal near its middle) and on the white of the curve plots, and to stay
    // apart from one another for the common colour-vision deficiencies: the first six differ
    // by at least 25 in CIELAB under simulated deuteranopia, protanopia and tritanopia
    // (Machado et al. 2009), the first three (the scenario's usual models) most of all.
    // Based on Okabe & Ito's and Paul Tol's palettes; docs/architecture.md (ui/figures) says more.
    static const std::array<QColor, 8> colors = {
        QColor("#56b4e9"), QColor("#ff7f00"), QColor("#b2182b"), QColor("#882255"),
        QColor("#f4a582"), QColor("#999999"), QColor("#cc79a7"), QColor("#8c510a")};
    const int n = int(colors.size());
    return colors[std::size_t(((index % n) + n) % n)];
}

QColor symmetryColor() { return QColor(255, 255, 255, 170); }

}  // namespace symscore::ui
