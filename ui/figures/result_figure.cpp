#include "ui/figures/result_figure.hpp"

#include <QGridLayout>
#include <QWidget>
#include <cmath>

#include "core/density_grid.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"

namespace symscore::ui {

QImage renderResult(const Scenario& scenario, const RunOutcome& outcome, QSize size) {
    const Mixture target = scenario.makeTarget();
    const Group group = scenario.makeGroup();
    const double half = viewHalfWidth(target) * 1.1;
    const double w = 1.6 * half;
    const DensityGrid grid = densityGrid(target, 200, 200, -w, w, -w, w);

    QWidget page;
    page.setAttribute(Qt::WA_DontShowOnScreen);
    page.setStyleSheet("background: #1e1e24;");
    auto* layout = new QGridLayout(&page);
    const int panels = int(outcome.models.size()) + 1;
    const int cols = panels <= 4 ? panels : int(std::ceil(std::sqrt(double(panels))));
    auto add = [&](int i, const QString& title) {
        auto* p = new DensityPlot(&page);
        p->setTitle(title);
        p->setView(half);
        p->setDensity(grid);
        p->setSymmetry(group);
        layout->addWidget(p, i / cols, i % cols);
        return p;
    };
    DensityPlot* first = add(0, QString::fromStdString("target, " + group.name()));
    if (outcome.trainingSet.rows() > 0)
        first->setCloud("training points", outcome.trainingSet, Qt::white, 4.0);
    for (std::size_t i = 0; i < outcome.models.size(); ++i) {
        const ModelOutcome& m = outcome.models[i];
        DensityPlot* p = add(int(i) + 1, QString("%1   W1 %2 (floor %3)")
                                             .arg(QString::fromStdString(m.name))
                                             .arg(m.w1, 0, 'f', 3)
                                             .arg(outcome.w1Floor, 0, 'f', 3));
        const int shown = std::min<int>(2000, int(m.samples.rows()));
        p->setCloud("samples", m.samples.topRows(shown), modelColor(int(i)), 2.5);
    }
    const int rows = (panels + cols - 1) / cols;
    page.resize(size.isValid() ? size : QSize(cols * 420, rows * 440));
    page.show();  // lays the plots out (offscreen); nothing appears on a screen
    for (DensityPlot* p : page.findChildren<DensityPlot*>()) p->replot(QCustomPlot::rpImmediateRefresh);
    return page.grab().toImage();
}

}  // namespace symscore::ui
