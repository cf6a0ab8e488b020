#include "ui/main_window.hpp"

#include <QStatusBar>

#include "core/density_grid.hpp"
#include "ui/background.hpp"
#include "ui/density_plot.hpp"
#include "ui/palette.hpp"

namespace symscore::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), target_(new DensityPlot(this)) {
    setWindowTitle("symscore");
    setCentralWidget(target_);
    resize(900, 900);
}

void MainWindow::setScenario(const Scenario& s) {
    scenario_ = s;
    const Group group = s.makeGroup();
    const Mixture target = s.makeTarget();
    const double half = viewHalfWidth(target);
    target_->setTitle(QString::fromStdString(s.name + "  \u2014  target density, " + group.name()));
    target_->setView(half);
    target_->setSymmetry(group);
    QString legend = QString("%1 Gaussian components (+: their means, the orbit of the base "
                             "components under %2); dots: the %3 training points")
                         .arg(target.size())
                         .arg(QString::fromStdString(group.symbol()))
                         .arg(s.data.n_train);
    if (!group.mirrorAnglesDeg().empty()) legend += "; dashed lines: mirror lines";
    if (group.rotationOrder() > 1) legend += "; \u2726: rotation centre";
    statusBar()->showMessage(legend);
    Points means(target.size(), 2);
    for (int k = 0; k < target.size(); ++k) means.row(k) = target.components()[std::size_t(k)].mean.transpose();
    target_->setCloud("component means", means, QColor(255, 255, 255, 200), 9.0);
    target_->setCloudShape("component means", QCPScatterStyle::ssPlus);
    const int job = ++densityJob_;
    runInBackground(
        this,
        [target, half, s] {
            Rng rng(s.data.seed);
            return std::make_pair(densityGrid(target, 240, 240, -1.4 * half, 1.4 * half, -1.4 * half, 1.4 * half),
                                  target.sample(s.data.n_train, rng));
        },
        [this, job](std::pair<DensityGrid, Points> r) {
            if (job != densityJob_) return;  // a newer scenario superseded this one
            target_->setDensity(r.first);
            target_->setCloud("training points", r.second, Qt::white, 4.0);
            Q_EMIT targetReady();
        });
}

}  // namespace symscore::ui
