#include "ui/plot/decomposition_plot.hpp"

#include <QFontMetrics>
#include <QLabel>
#include <QScrollArea>
#include <QTextDocumentFragment>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plot/palette.hpp"
#include "ui/plot/plot_scale.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

namespace {
constexpr double kBarWidth = 0.6;
constexpr double kMaxHeadroom = 3.0;  // the y range ends at most this many times the tallest bar
constexpr double kModelGap = 1.5;     // from a model's last bar to the next model's first
// The chart's least height: its bars and their labels (the legend then in words under it).
constexpr int kMinimumChartHeight = 250;
constexpr int kSpacing = 2;         // pixels between the chart and its check text
constexpr int kMinimumWidth = 300;  // pixels at desk scale: the title and two legend keys a row
// Below this chart height (pixels at desk scale) the legend would squeeze the bars: its keys
// go into the text under the chart instead.
constexpr int kLegendMinHeight = 330;
const char* const kTitle = "Score error, split into its two parts";
const char* const kTitleWrapped = "Score error,\nsplit into its two parts";
constexpr int kLabelGap = 3;  // pixels between a bar's top and its label

QString num3(double v) { return QString::number(v, 'g', 3); }

// Two numbers that differ, shown with as many digits as it takes to see that they do.
std::pair<QString, QString> distinct(double a, double b) {
    for (int digits = 3; digits <= 8; ++digits) {
        const QString sa = QString::number(a, 'g', digits), sb = QString::number(b, 'g', digits);
        if (sa != sb || digits == 8) return {sa, sb};
    }
    return {};
}

// "-73% better", "+66% worse", "no change".
QString signedChange(double change) {
    const double pct = 100.0 * change;
    if (std::abs(pct) < 0.5) return "no change";
    return QString::fromUtf8("%1%2% %3")
        .arg(pct < 0 ? QString::fromUtf8("\u2212") : QString("+"))
        .arg(std::abs(pct), 0, 'f', 0)
        .arg(pct < 0 ? "better" : "worse");
}

QCPBars* makeBars(QCustomPlot* plot, const QColor& color, Qt::BrushStyle style,
                  const QString& name) {
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
           "same random points for every model). When the target has the assumed symmetry, that "
           "error splits exactly into two parts: the <b>solid</b> part is the error the model "
           "would still have if it were made perfectly symmetric, and the <b>hatched</b> part is "
           "the error that comes only from breaking the symmetry (the text below checks that they "
           "add up). The dashed bar beside a model is the same model averaged over the group "
           "after training: it loses exactly the hatched part, so symmetrizing over a symmetry of "
           "the target never makes a model worse. If the target is <i>not</i> symmetric under the "
           "assumed group, the split is not exact (a cross-hatched bar) and symmetrizing can make "
           "a model worse: the bar's label says by how much.";
}

DecompositionPlot::DecompositionPlot(QWidget* parent)
    : QWidget(parent),
      targetDefect_(std::numeric_limits<double>::quiet_NaN()),
      plot_(new QCustomPlot(this)),
      check_(new QLabel),
      checkArea_(new QScrollArea(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(kSpacing);
    layout->addWidget(plot_, 1);
    layout->addWidget(checkArea_);
    checkArea_->setWidget(check_);
    checkArea_->setWidgetResizable(true);
    checkArea_->setFrameShape(QFrame::NoFrame);
    checkArea_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    check_->setWordWrap(true);
    check_->setTextFormat(Qt::RichText);
    check_->setContentsMargins(6, 2, 6, 4);
    check_->setFont(QFont(font().family(), 8));
    // The bars keep room for themselves and their labels however long the text grows.
    plot_->setMinimumHeight(kMinimumChartHeight);

    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, kTitle, QFont(font().family(), 10, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    // The legend goes under the plot, so it never hides a bar.
    QCPLegend* legend = plot_->legend;
    plot_->axisRect()->insetLayout()->take(legend);
    plot_->plotLayout()->addElement(2, 0, legend);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setBorderPen(Qt::NoPen);
    legend->setWrap(2);  // two short keys a row: the bars keep the height
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->yAxis->setLabel(
        QString::fromUtf8("error  E\u2016s \u2212 \u2207log p\u209c\u2016\u00b2"));
    plot_->yAxis->grid()->setSubGridVisible(false);
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setTickLength(0, 0);
    plot_->xAxis->setSubTicks(false);
    // One horizontal label per model, under its bar pair; placeLabels tilts them when a name
    // is wider than its model's slot (a narrow column, lesson mode's larger type).
    plot_->setToolTip(
        "Each model's average squared error against the exact score (over all times), "
        "split into the error a perfectly symmetric version of it would have (solid) and "
        "the error from breaking the symmetry (hatched). The dark line is the total "
        "measured on its own; the dashed bar beside a model is the model averaged over the "
        "group after training, labelled with the change it makes.");
    // Labels are placed in pixels once the axes are laid out, so that none overlaps another.
    connect(plot_, &QCustomPlot::afterLayout, this, &DecompositionPlot::placeLabels);
    rebuild();
}

void DecompositionPlot::clear(const QString& why) {
    rows_.clear();
    decomposition_ = {};
    emptyText_ = why;
    rebuild();
}

void DecompositionPlot::setTarget(const QString& groupSymbol, double targetDefect) {
    group_ = groupSymbol;
    targetDefect_ = targetDefect;
    rebuild();
}

void DecompositionPlot::setErrors(const std::vector<std::string>& names,
                                  const std::vector<ScoreErrors>& errors,
                                  const std::vector<QColor>& colors) {
    const std::size_t n = std::min(names.size(), errors.size());
    rows_.clear();
    for (std::size_t i = 0; i < n; ++i)
        rows_.push_back({names[i], i < colors.size() ? colors[i] : modelColor(int(i))});
    decomposition_ =
        decompose(std::vector<ScoreErrors>(errors.begin(), errors.begin() + std::ptrdiff_t(n)));
    rebuild();
}

double DecompositionPlot::barTop(int model) const {
    const DecompositionRow& r = row(model);
    // Split bars are drawn as the equivariant part plus (total - that part): their top is
    // the measured total, like the unsplit ones.
    return r.total;
}

double DecompositionPlot::symmetrizedBarTop(int model) const {
    const DecompositionRow& r = row(model);
    return r.equivariant ? std::numeric_limits<double>::quiet_NaN() : r.equivariantPart;
}

QString DecompositionPlot::checkText() const {
    return QTextDocumentFragment::fromHtml(check_->text()).toPlainText();
}
QList<QRectF> DecompositionPlot::valueLabelRects() const { return labelRects_; }

QString DecompositionPlot::groupName() const { return group_.isEmpty() ? QString("G") : group_; }

void DecompositionPlot::addLabel(double x, double y, const QString& text) {
    auto* label = new QCPItemText(plot_);
    label->setText(text);
    label->setFont(QFont(font().family(), 8));
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setTextAlignment(Qt::AlignHCenter);
    label->position->setType(QCPItemPosition::ptAbsolute);
    label->setPadding(QMargins(1, 0, 1, 0));
    label->setClipToAxisRect(false);
    labels_.push_back({label, x, y});
}

void DecompositionPlot::drawModel(std::size_t index, double& pos, QCPAxisTickerText& ticker) {
    const Row& meta = rows_[index];
    const DecompositionRow& r = decomposition_.rows[index];
    const QString name = QString::fromStdString(meta.name);
    if (r.addsUp) {
        auto* lower = makeBars(plot_, meta.color, Qt::SolidPattern, name);
        lower->addData(pos, r.equivariantPart);
        lower->removeFromLegend();
        if (!r.equivariant) {
            auto* upper = makeBars(plot_, meta.color, Qt::BDiagPattern, name + ": violation");
            upper->setBrush(QBrush(meta.color.lighter(115), Qt::BDiagPattern));
            upper->moveAbove(lower);
            upper->addData(pos, std::max(0.0, r.total - r.equivariantPart));
            upper->removeFromLegend();
        }
    } else {
        auto* whole = makeBars(plot_, meta.color, Qt::DiagCrossPattern, name);
        whole->addData(pos, r.total);
        whole->removeFromLegend();
    }
    // The separately measured total: a line across the bar, and its value.
    auto* line = new QCPItemLine(plot_);
    line->start->setCoords(pos - kBarWidth * 0.65, r.total);
    line->end->setCoords(pos + kBarWidth * 0.65, r.total);
    line->setPen(QPen(Qt::black, 2.0));
    addLabel(pos, r.total, num3(r.total));
    double centre = pos;
    if (!r.equivariant) {
        // After post-hoc symmetrization the error is exactly the equivariant part.
        pos += 1.0;
        auto* after = makeBars(plot_, meta.color, Qt::SolidPattern, name + " (symmetrized)");
        after->setPen(QPen(meta.color.darker(160), 1.2, Qt::DashLine));
        after->addData(pos, r.equivariantPart);
        after->removeFromLegend();
        addLabel(pos, r.equivariantPart,
                 std::isfinite(r.change) ? num3(r.equivariantPart) + "\n" + signedChange(r.change)
                                         : num3(r.equivariantPart));
        centre += 0.5;
    }
    // A name of two words on two lines: "invariant\nfeatures", "plain\n(symmetrized)".
    ticker.addTick(centre, QString(name).replace(' ', '\n'));
    pos += kModelGap;
}

void DecompositionPlot::rebuild() {
    plot_->clearPlottables();
    plot_->clearItems();
    labels_.clear();
    labelRects_.clear();
    fitPasses_ = 0;  // new data: fit the text again
    // Legend keys: grey stand-ins, since every model has its own colour.
    const QColor grey(150, 150, 150);
    makeBars(plot_, grey, Qt::SolidPattern, "equivariant part");
    makeBars(plot_, grey, Qt::BDiagPattern, "symmetry violation");
    if (!decomposition_.allAddUp) makeBars(plot_, grey, Qt::DiagCrossPattern, "no exact split");
    auto* totalKey = plot_->addGraph();
    totalKey->setName("measured total");
    totalKey->setPen(QPen(Qt::black, 2.0));
    if (!decomposition_.rows.empty() &&
        std::any_of(decomposition_.rows.begin(), decomposition_.rows.end(),
                    [](const DecompositionRow& r) { return !r.equivariant; })) {
        auto* symKey = makeBars(plot_, grey, Qt::SolidPattern, "after symmetrizing");
        symKey->setPen(QPen(grey.darker(160), 1.2, Qt::DashLine));
    }

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double pos = 0.0, top = 0.0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const DecompositionRow& r = decomposition_.rows[i];
        top = std::max({top, r.total, r.equivariantPart});
        drawModel(i, pos, *ticker);
    }
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(-0.8, std::max(0.8, pos - 0.7));
    dataTop_ = top > 0 ? top : 1.0;
    plot_->yAxis->setRange(0.0, top > 0 ? top * 1.25 : 1.0);
    setCheckText(checkLines());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

// The title on one line when it fits the chart's width, else on two; the model names level
// when each fits its model's slot, else tilted. Changing either lays the chart out again;
// both depend on widths only, so the second pass changes nothing.
bool DecompositionPlot::fitText() {
    bool changed = false;
    const QFontMetrics titleFm(title_->font());
    const QString title =
        titleFm.horizontalAdvance(kTitle) + 12 <= plot_->width() ? kTitle : kTitleWrapped;
    if (title_->text() != title) {
        title_->setText(title);
        changed = true;
    }
    // The y axis named in full when the name fits the axis's height, else in a word.
    const QString fullY = QString::fromUtf8("error  E\u2016s \u2212 \u2207log p\u209c\u2016\u00b2");
    const QString yLabel = QFontMetrics(plot_->yAxis->labelFont()).horizontalAdvance(fullY) + 8 <=
                                   plot_->axisRect()->height()
                               ? fullY
                               : QString("squared error");
    if (plot_->yAxis->label() != yLabel) {
        plot_->yAxis->setLabel(yLabel);
        changed = true;
    }
    // The narrowest slot: the least distance between two neighbouring models' names.
    const QVector<double> ticks = plot_->xAxis->tickVector();
    double slot = plot_->axisRect()->width();
    for (int i = 1; i < ticks.size(); ++i)
        slot = std::min(slot, std::abs(plot_->xAxis->coordToPixel(ticks[i]) -
                                       plot_->xAxis->coordToPixel(ticks[i - 1])));
    const QFontMetrics tickFm(plot_->xAxis->tickLabelFont());
    int widest = 0;
    for (const QString& label : plot_->xAxis->tickVectorLabels())
        for (const QString& line : label.split('\n'))
            widest = std::max(widest, tickFm.horizontalAdvance(line));
    const double rotation = widest + 6 <= slot ? 0.0 : -40.0;
    if (plot_->xAxis->tickLabelRotation() != rotation) {
        plot_->xAxis->setTickLabelRotation(rotation);
        changed = true;
    }
    // The legend under the bars when the chart is tall enough, else its keys in words under
    // the chart (checkLines): a short chart keeps its height for the bars.
    const bool legendFits = plot_->height() >= kLegendMinHeight * plotScale();
    if (legendFits != legendShown()) {
        if (legendFits) {
            plot_->plotLayout()->addElement(2, 0, plot_->legend);
            plot_->plotLayout()->setRowStretchFactor(2, 0.001);
        } else {
            plot_->plotLayout()->take(plot_->legend);
            plot_->plotLayout()->simplify();
        }
        plot_->legend->setVisible(legendFits);
        setCheckText(checkLines());
        changed = true;
    }
    // Lesson mode's larger type asks for a wider column (minimumSizeHint).
    if (scale_ != plotScale()) {
        scale_ = plotScale();
        updateGeometry();
    }
    return changed;
}

bool DecompositionPlot::legendShown() const { return plot_->legend->layout() != nullptr; }

QSize DecompositionPlot::minimumSizeHint() const {
    // The chart and two lines of its check text (the rest scrolls).
    const int twoLines = 2 * QFontMetrics(check_->font()).lineSpacing() + 8;
    return {int(std::lround(kMinimumWidth * plotScale())),
            kMinimumChartHeight + kSpacing + twoLines};
}

QWidget* DecompositionPlot::checkArea() const { return checkArea_; }

void DecompositionPlot::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    fitCheckArea();
}

void DecompositionPlot::setCheckText(const QString& html) {
    if (check_->text() == html) return;
    check_->setText(html);
    fitCheckArea();
}

void DecompositionPlot::fitCheckArea() {
    // A word-wrapped label asks for its height at its narrowest width; in a scroll area it
    // asks nothing, and the column (not the text) sets the height: as tall as the text at
    // this width, within what the chart's least height leaves, never less than two lines.
    const int width = std::max(100, this->width());
    const int wanted = check_->heightForWidth(width) + 2;
    const int twoLines = 2 * QFontMetrics(check_->font()).lineSpacing() + 8;
    const int room = std::max(twoLines, height() - kMinimumChartHeight - kSpacing);
    // Fixed, not a range: the layout would otherwise give the area its size hint (the text
    // laid out on one long line) and scroll text that has room.
    checkArea_->setFixedHeight(std::max(1, std::min(wanted, room)));
}

void DecompositionPlot::placeLabels() {
    // The text is fitted after each change of data, size or scale, in at most two passes (the
    // first may change what the second measures); never on every layout, where two borderline
    // choices could flip each other for ever.
    const QSize size = plot_->size();
    if (size != fittedSize_ || scale_ != plotScale()) {
        fittedSize_ = size;
        fitPasses_ = 0;
    }
    if (fitPasses_ < 2) {
        ++fitPasses_;
        if (fitText()) {
            plot_->replot(QCustomPlot::rpQueuedReplot);
            return;
        }
    }
    // Each label sits on its bar's top unless it would overlap a label already placed (left
    // to right); then it moves up above that one. Labels that would leave the axis rect at
    // the top make the y range grow, and the plot is laid out again.
    labelRects_.clear();
    const QRect area = plot_->axisRect()->rect();
    double highest = area.top();
    // Every bar (each label sits on one), with its total line: a label never covers one.
    QList<QRectF> bars;
    for (const Label& l : labels_) {
        const double left = plot_->xAxis->coordToPixel(l.x - 0.65 * kBarWidth);
        const double right = plot_->xAxis->coordToPixel(l.x + 0.65 * kBarWidth);
        const double top = plot_->yAxis->coordToPixel(l.y) - 1;
        bars << QRectF(QPointF(left, top), QPointF(right, plot_->yAxis->coordToPixel(0.0)));
    }
    for (Label& l : labels_) {
        const QFontMetrics fm(l.item->font());
        const QSize size =
            fm.boundingRect(QRect(0, 0, 1000, 1000), Qt::AlignHCenter, l.item->text()).size();
        const double w = size.width() + 2, h = size.height();
        const double x = plot_->xAxis->coordToPixel(l.x), y = plot_->yAxis->coordToPixel(l.y);
        QRectF r(x - w / 2, y - kLabelGap - h, w, h);
        // Each move goes up past one obstacle; bounded, so that a degenerate rectangle (an axis
        // not laid out yet) cannot hold the GUI thread.
        for (int moves = 0, most = 2 * int(bars.size() + labelRects_.size()) + 2;
             moves < most && r.isValid(); ++moves) {
            bool moved = false;
            moved = false;
            for (const QList<QRectF>* obstacles : {&bars, &labelRects_})
                for (const QRectF& q : *obstacles)
                    if (r.intersects(q)) {
                        r.moveBottom(q.top() - 1);
                        moved = true;
                    }
            if (!moved) break;
        }
        labelRects_ << r;
        highest = std::min(highest, r.top());
        l.item->position->setCoords(r.center().x(), r.bottom());
    }
    const double over = area.top() - highest;
    // The headroom stops at kMaxHeadroom times the tallest bar: in a chart too short for its
    // labels, growing the range shrinks the bars but not the labels, and would never end.
    const double cap = kMaxHeadroom * dataTop_;
    const QCPRange y = plot_->yAxis->range();
    if (over > 0.5 && area.height() > 40 && y.upper < cap) {
        const double perPixel = y.size() / area.height();
        plot_->yAxis->setRangeUpper(std::min(cap, y.upper + (over + 4) * perPixel * 1.1));
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString DecompositionPlot::checkLines() const {
    if (rows_.empty() && !emptyText_.isEmpty())
        return "<span style='color:#555'>" + emptyText_.toHtmlEscaped() + "</span>";
    if (rows_.empty())
        return "<span style='color:#555'>No models yet: train, and each model's error appears here "
               "in two parts.</span>";
    const QString g = groupName();
    const bool knownAsymmetric = targetDefect_ > kInvariantTargetDefect;
    const QString asymmetry = QString("the target is not %1-invariant (target defect under %1: %2)")
                                  .arg(g)
                                  .arg(targetDefect_, 0, 'f', 2);
    QString head;
    if (decomposition_.allAddUp && !knownAsymmetric)
        head = QString::fromUtf8(
            "<span style='color:#1e7b34'>\u2713 The two parts add up to the total:</span>");
    else if (decomposition_.allAddUp)
        head = QString::fromUtf8(
                   "<span style='color:#1e7b34'>\u2713 The two parts add up to the total here, "
                   "although %1, so nothing guarantees it:</span>")
                   .arg(asymmetry);
    else
        head = QString::fromUtf8(
                   "<span style='color:#c0392b'>\u2717 The parts do not add up: %1, so the "
                   "split is not exact.</span>")
                   .arg(knownAsymmetric ? asymmetry
                                        : QString("the target is not %1-invariant").arg(g));
    QStringList lines{head};
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const DecompositionRow& r = decomposition_.rows[i];
        const QString name = QString::fromStdString(rows_[i].name).toHtmlEscaped();
        if (r.equivariant)
            lines << QString("%1: %2 (no violation part)").arg(name, num3(r.total));
        else if (r.addsUp)
            lines << QString("%1: %2 + %3 = %4 = total")
                         .arg(name, num3(r.equivariantPart), num3(r.violation), num3(r.total));
        else {
            const auto [sum, total] = distinct(r.sumOfParts(), r.total);
            lines << QString::fromUtf8("%1: %2 + %3 = %4 \u2260 total %5")
                         .arg(name, num3(r.equivariantPart), num3(r.violation), sum, total);
        }
    }
    lines << lesson();
    if (!legendShown())
        lines << QString::fromUtf8(
            "<span style='color:#555'>Solid: equivariant part \u00b7 hatched: symmetry violation "
            "\u00b7 black line: measured total \u00b7 dashed: after symmetrizing.</span>");
    return lines.join("<br>");
}

QString DecompositionPlot::lesson() const {
    const QString g = groupName();
    QStringList changes, hurt;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const DecompositionRow& r = decomposition_.rows[i];
        if (!std::isfinite(r.change)) continue;
        const QString item =
            QString::fromStdString(rows_[i].name).toHtmlEscaped() + " " + signedChange(r.change);
        changes << item;
        if (r.change > 0) hurt << item;
    }
    if (changes.isEmpty()) return QString();
    const QString summary = QString("Symmetrizing over %1: %2.").arg(g, changes.join(", "));
    if (!hurt.isEmpty())
        return summary +
               QString(
                   " <b>It made a model worse because %1 is not a symmetry of this target:</b> "
                   "averaging over %1 forces a symmetry the data does not have. Lesson: "
                   "symmetrize (or build in) only a group the target is invariant under.")
                   .arg(g);
    if (decomposition_.allAddUp && !(targetDefect_ > kInvariantTargetDefect))
        return summary + QString(
                             " The target is %1-invariant, so symmetrizing removes the violation "
                             "part and never makes a model worse.")
                             .arg(g);
    return summary + QString(
                         " It did not hurt here, but nothing guarantees it: the target is not "
                         "%1-invariant.")
                         .arg(g);
}

}  // namespace symscore::ui
