#include "ui/plot/decomposition_plot.hpp"

#include <algorithm>
#include <cmath>

#include "ui/plot/palette.hpp"

namespace symscore::ui {

namespace {
constexpr double kBarWidth = 0.6;
constexpr double kAddsUpTolerance = 1e-4;  // relative; the estimate adds up to rounding

QString num(double v) { return QString::number(v, 'g', 4); }
QString num3(double v) { return QString::number(v, 'g', 3); }

QCPBars* makeBars(QCustomPlot* plot, const QColor& color, Qt::BrushStyle style, const QString& name) {
    auto* b = new QCPBars(plot->xAxis, plot->yAxis);
    b->setName(name);
    b->setWidth(kBarWidth);
    b->setPen(QPen(color.darker(140), 1.2));
    b->setBrush(QBrush(color, style));
    return b;
}
}  // namespace

QString DecompositionPlot::explanation() {
    return "<b>Where does each model's error come from?</b> The height of a bar is how wrong a "
           "model's score is on average (its squared distance to the exact score, measured on the "
           "same random points for every model). That error splits exactly into two parts: the "
           "<b>solid</b> part is the error the model would still have if it were made perfectly "
           "symmetric, and the <b>hatched</b> part is the error that comes only from breaking the "
           "symmetry. The dark line is the total measured directly: it sits on top of the stack "
           "because the two parts add up (the text below checks it). The bar marked "
           "<i>symmetrized</i> is the same model averaged over the symmetry group after training: "
           "it loses exactly the hatched part, so symmetrizing never makes a model worse. Models "
           "that are symmetric by construction have no hatched part.";
}

DecompositionPlot::DecompositionPlot(QWidget* parent) : QCustomPlot(parent) {
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, "Score error, split into its two parts",
                                QFont(font().family(), 10, QFont::Bold));
    plotLayout()->addElement(0, 0, title_);
    check_ = new QCPTextElement(this, "", QFont(font().family(), 8));
    plotLayout()->addElement(2, 0, check_);
    // The legend goes under the plot, so it never hides a bar.
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(3, 0, legend);
    plotLayout()->setRowStretchFactor(2, 0.001);
    plotLayout()->setRowStretchFactor(3, 0.001);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLegend::foRowsFirst);
    yAxis->setLabel(QString::fromUtf8("error  E\u2016s \u2212 \u2207log p\u209c\u2016\u00b2"));
    yAxis->grid()->setSubGridVisible(false);
    xAxis->grid()->setVisible(false);
    xAxis->setTickLength(0, 0);
    xAxis->setSubTicks(false);
    xAxis->setTickLabelRotation(-40);
    setToolTip("Each model's average squared error against the exact score (over all times), split "
               "into the error a perfectly symmetric version of it would have (solid) and the error "
               "from breaking the symmetry (hatched). The dark line is the total measured on its "
               "own; the 'symmetrized' bar is the model averaged over the group after training.");
    rebuild();
}

void DecompositionPlot::clear() {
    rows_.clear();
    rebuild();
}

void DecompositionPlot::setErrors(const std::vector<std::string>& names,
                                  const std::vector<ScoreErrors>& errors,
                                  const std::vector<QColor>& colors) {
    rows_.clear();
    const std::size_t n = std::min(names.size(), errors.size());
    for (std::size_t i = 0; i < n; ++i) {
        Row r;
        r.name = names[i];
        r.e = errors[i];
        r.color = i < colors.size() ? colors[i] : modelColor(int(i));
        r.equivariant = r.e.violation <= 1e-9 * std::max(r.e.error, 0.0) + 1e-15;
        rows_.push_back(r);
    }
    rebuild();
}

double DecompositionPlot::sumOfParts(int model) const {
    const ScoreErrors& e = rows_[std::size_t(model)].e;
    return e.symmetrizedError + e.violation;
}

double DecompositionPlot::largestMismatch() const {
    double worst = 0.0;
    for (const Row& r : rows_) {
        const double sum = r.e.symmetrizedError + r.e.violation;
        worst = std::max(worst, std::abs(sum - r.e.error) / std::max(std::abs(r.e.error), 1e-300));
    }
    return worst;
}

void DecompositionPlot::rebuild() {
    clearPlottables();
    clearItems();
    // Legend keys: grey stand-ins, since every model has its own colour.
    const QColor grey(150, 150, 150);
    makeBars(this, grey, Qt::SolidPattern, "equivariant part  E\u2016S_G[s] \u2212 \u2207log p\u209c\u2016\u00b2");
    makeBars(this, grey, Qt::BDiagPattern, "symmetry violation  E\u2016s \u2212 S_G[s]\u2016\u00b2");
    auto* totalKey = addGraph();
    totalKey->setName("total error, measured directly");
    totalKey->setPen(QPen(Qt::black, 2.0));

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double pos = 0.0, top = 0.0;
    QStringList lines;
    bool allAddUp = true;
    for (const Row& r : rows_) {
        const QString name = QString::fromStdString(r.name);
        const double sym = r.e.symmetrizedError, viol = r.equivariant ? 0.0 : r.e.violation;
        const double total = r.e.error, sum = sym + viol;
        top = std::max({top, total, sum});

        auto* lower = makeBars(this, r.color, Qt::SolidPattern, name);
        lower->addData(pos, sym);
        lower->removeFromLegend();
        if (!r.equivariant) {
            auto* upper = makeBars(this, r.color, Qt::BDiagPattern, name + ": violation");
            upper->setBrush(QBrush(r.color.lighter(115), Qt::BDiagPattern));
            upper->moveAbove(lower);
            upper->addData(pos, viol);
            upper->removeFromLegend();
        }
        // The separately measured total: a line across the bar and a diamond beside it.
        auto* line = new QCPItemLine(this);
        line->start->setCoords(pos - kBarWidth * 0.65, total);
        line->end->setCoords(pos + kBarWidth * 0.65, total);
        line->setPen(QPen(Qt::black, 2.0));
        auto* value = new QCPItemText(this);
        value->position->setCoords(pos, total);
        value->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        value->setPadding(QMargins(0, 0, 0, 3));
        value->setText(num(total));
        value->setFont(QFont(font().family(), 8));
        ticker->addTick(pos, name);

        const double diff = std::abs(sum - total);
        const bool addsUp = diff <= kAddsUpTolerance * std::max(total, 1e-300);
        allAddUp = allAddUp && addsUp;
        if (r.equivariant)
            lines << QString("%1: %2 (no violation part)").arg(name, num3(total));
        else
            lines << QString("%1: %2 + %3 = %4 %5 total %6 (diff. %7)")
                         .arg(name, num3(sym), num3(viol), num3(sum),
                              addsUp ? QString("=") : QString::fromUtf8("\u2260"), num3(total),
                              QString::number(diff, 'e', 0));

        if (!r.equivariant) {
            // After post-hoc symmetrization the error is exactly the equivariant part.
            pos += 1.0;
            auto* after = makeBars(this, r.color, Qt::SolidPattern, name + " (symmetrized)");
            after->setPen(QPen(r.color.darker(160), 1.2, Qt::DashLine));
            after->addData(pos, sym);
            after->removeFromLegend();
            auto* gain = new QCPItemText(this);
            gain->position->setCoords(pos, sym);
            gain->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            gain->setPadding(QMargins(0, 0, 0, 3));
            gain->setFont(QFont(font().family(), 8));
            gain->setText(total > 0 ? QString("%1\n(%2%)").arg(num(sym)).arg(
                                          -100.0 * (total - sym) / total, 0, 'f', 0)
                                    : num(sym));
            ticker->addTick(pos, QString::fromUtf8("\u2192 symmetrized"));
        }
        pos += 1.5;
    }
    xAxis->setTicker(ticker);
    xAxis->setRange(-0.8, std::max(0.8, pos - 0.7));
    yAxis->setRange(0.0, top > 0 ? top * 1.3 : 1.0);

    if (rows_.empty()) {
        check_->setText("No models yet: train, and each model's error appears here in two parts.");
        check_->setTextColor(Qt::darkGray);
    } else {
        check_->setText(QString::fromUtf8(allAddUp ? "\u2713 The two parts add up to the total:\n"
                                                   : "\u2717 The parts do not add up: the target is not "
                                                     "symmetric, so the split is not exact.\n") +
                        lines.join("\n"));
        check_->setTextColor(allAddUp ? QColor("#1e7b34") : QColor("#c0392b"));
    }
    replot(rpQueuedReplot);
}

}  // namespace symscore::ui
