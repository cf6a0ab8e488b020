#include "ui/plot/sweep_plot.hpp"

#include <cmath>

#include "ui/models/compared_model.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

void plotSweep(QCustomPlot* plot, const SweepSummary& summary, const QString& title) {
    plot->clearPlottables();
    plot->clearItems();
    // A title row above the axis rect, added on the first call and reused after.
    QCPTextElement* heading = nullptr;
    if (plot->plotLayout()->hasElement(0, 0))
        heading = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
    if (!heading) {
        plot->plotLayout()->insertRow(0);
        heading = new QCPTextElement(plot, title, QFont(plot->font().family(), 11, QFont::Bold));
        plot->plotLayout()->addElement(0, 0, heading);
    }
    heading->setText(title);

    plot->xAxis->setLabel("training set size n_train (log scale)");
    plot->yAxis->setLabel("W1 to the target (mean ± sd over seeds)");
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int n : summary.sizes) ticker->addTick(n, QString::number(n));
    plot->xAxis->setTicker(ticker);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 9));
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    double yMax = 0.0;
    const int m = int(summary.models.size());
    for (int i = 0; i < m; ++i) {
        const std::string& model = summary.models[std::size_t(i)];
        // Spread the models a little sideways so that their error bars do not overlap.
        const double dodge = std::exp(0.035 * (double(i) - 0.5 * double(m - 1)));
        QVector<double> x, y, err;
        int seeds = 0;
        for (int n : summary.sizes) {
            const SweepCell* c = summary.cell(model, n);
            if (!c || c->count == 0) continue;
            x << double(n) * dodge;
            y << c->w1Mean;
            err << c->w1Std;
            seeds = std::max(seeds, c->count);
            yMax = std::max(yMax, c->w1Mean + c->w1Std);
        }
        const QColor color = modelColor(i);
        QCPGraph* g = plot->addGraph();
        g->setName(QString::fromStdString(displayName(model)));  // as every view names it
        g->setPen(QPen(color, 2.0));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 6));
        g->setData(x, y, true);
        auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
        bars->setDataPlottable(g);
        bars->setData(err);
        bars->setPen(QPen(color, 1.4));
        bars->setWhiskerWidth(7);
        bars->removeFromLegend();
    }
    double xLo = 1.0, xHi = 10.0;
    if (!summary.sizes.empty()) {
        xLo = summary.sizes.front() / 1.35;
        xHi = summary.sizes.back() * 1.35;
    }
    // No floor before the first run has measured one (not a misleading "0.000").
    if (std::isfinite(summary.w1Floor) && summary.w1Floor > 0) {
        QCPGraph* floor = plot->addGraph();
        floor->setName(QString("W1 noise floor (%1)").arg(summary.w1Floor, 0, 'f', 3));
        floor->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
        floor->setData(QVector<double>{xLo, xHi},
                       QVector<double>{summary.w1Floor, summary.w1Floor});
        yMax = std::max(yMax, summary.w1Floor);
    }
    plot->legend->setVisible(plot->legend->itemCount() > 0);  // no empty box before a run
    plot->xAxis->setRange(xLo, xHi);
    plot->yAxis->setRange(0.0, yMax > 0 ? yMax * 1.12 : 1.0);
}

}  // namespace symscore::ui
