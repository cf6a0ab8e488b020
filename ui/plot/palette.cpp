#include "ui/plot/palette.hpp"

#include "ui/plot/qcp.hpp"

namespace symscore::ui {

QCPColorGradient densityGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    // Stops of matplotlib's viridis (van der Walt & Smith), sampled at ninths.
    const QColor stops[] = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e",
                            "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"};
    const int n = int(std::size(stops));
    for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

QColor modelColor(int index) {
    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    static const QColor colors[] = {"#e69f00", "#56b4e9", "#009e73", "#cc79a7",
                                    "#f0e442", "#0072b2", "#d55e00", "#999999"};
    return colors[index % int(std::size(colors))];
}

QColor symmetryColor() { return QColor(255, 255, 255, 170); }

}  // namespace symscore::ui
