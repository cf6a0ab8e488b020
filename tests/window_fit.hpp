#pragma once
// Shared by the window and lesson tests: whether a main window fits a 1280x720 projector.
#include <QString>
#include <QTabWidget>

#include "ui/app/main_window.hpp"

// Visits every tab (each lays itself out), then: an empty string when the window's least
// size fits 1280x720, else what it needs and what each tab asks for.
inline QString projectorMisfit(symscore::ui::MainWindow& w) {
    QTabWidget* tabs = w.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
    }
    const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
    if (least.width() <= 1280 && least.height() <= 720) return {};
    QString parts;
    for (int i = 0; i < tabs->count(); ++i)
        parts += QString(" %1 %2x%3;")
                     .arg(tabs->tabText(i))
                     .arg(tabs->widget(i)->minimumSizeHint().width())
                     .arg(tabs->widget(i)->minimumSizeHint().height());
    return QString("window needs %1x%2:%3").arg(least.width()).arg(least.height()).arg(parts);
}

#include <QFontMetrics>
#include <algorithm>

#include "ui/plot/curve_plot.hpp"

// Every visible curve plot under `root`, drawn as it is now: an empty string when each keeps
// its legend whole and off its axes, its y tick labels apart and a plot area at least
// `leastPlotHeight` pixels tall; else what is wrong, naming the plot by its title.
inline QString curvePlotMisfit(QWidget* root, int leastPlotHeight) {
    QString problems;
    for (symscore::ui::CurvePlot* plot : root->findChildren<symscore::ui::CurvePlot*>()) {
        if (!plot->isVisible()) continue;
        plot->replot();  // lays it out at its size and type
        const auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
        const QString name = title ? title->text().simplified() : QString("a curve plot");
        const QRect axes = plot->axisRect()->rect();
        const QRect legend = plot->legend->outerRect();
        if (axes.height() < leastPlotHeight)
            problems += QString(" %1: plot area %2 px tall;").arg(name).arg(axes.height());
        if (legend.intersects(axes)) problems += " " + name + ": the legend covers the curves;";
        if (!plot->rect().contains(legend))
            problems += " " + name + ": the legend runs out of the plot;";
        QVector<double> ticks = plot->yAxis->tickVector();
        const QCPRange range = plot->yAxis->range();
        ticks.erase(std::remove_if(ticks.begin(), ticks.end(),
                                   [&](double v) { return !range.contains(v); }),
                    ticks.end());
        const int labelHeight = QFontMetrics(plot->yAxis->tickLabelFont()).height();
        for (int i = 1; i < ticks.size(); ++i)
            if (std::abs(plot->yAxis->coordToPixel(ticks[i]) -
                         plot->yAxis->coordToPixel(ticks[i - 1])) < labelHeight)
                problems += " " + name + ": y tick labels overlap;";
    }
    return problems;
}

// curvePlotMisfit on every tab of the window in turn (each shown and laid out), naming the tab.
inline QString curvePlotMisfitOnEveryTab(symscore::ui::MainWindow& w, int leastPlotHeight) {
    QString problems;
    for (int i = 0; i < w.tabs()->count(); ++i) {
        w.tabs()->setCurrentIndex(i);
        QCoreApplication::processEvents();
        if (const QString tab = curvePlotMisfit(w.tabs()->currentWidget(), leastPlotHeight);
            !tab.isEmpty())
            problems += w.tabs()->tabText(i) + ":" + tab;
    }
    return problems;
}
