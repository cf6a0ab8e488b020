#include "ui/views/score_field_view.hpp"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/metrics.hpp"
#include "core/score_decomposition.hpp"
#include "ui/plot/decomposition_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

namespace {
constexpr double kViewMargin = 1.15;  // the view's half width over viewHalfWidth(target)
QString num(double v) { return QString::number(v, 'g', 3); }
}  // namespace

QString ScoreFieldView::explanation() {
    return "<b>What am I looking at?</b> A diffusion model learns a <i>score</i>: at every point "
           "of "
           "the plane and every noise level t, an arrow pointing towards where the data is more "
           "likely. Each square shows the plane at the time t chosen with the slider (small t: "
           "almost clean data; large t: almost pure noise), with the true noisy density "
           "p<sub>t</sub> "
           "underneath (bright = likely) and the dashed mirror lines of the symmetry. "
           "<b>Arrows</b>: white is the exact score (known here because the data is a mixture of "
           "Gaussians), coloured is what a model learned; where they agree they overlap. "
           "<b>Error</b>: the colour shows how far a model's arrow is from the exact one; only "
           "errors inside the dotted line (where the data actually is) matter much. "
           "<b>Equivariance defect</b>: the colour shows how much a model breaks the symmetry, "
           "comparing its arrow at a mirrored or rotated point with the mirrored or rotated arrow. "
           "A model that is symmetric by construction is black everywhere. "
           "The first square is the exact score itself, a reference with zero error.";
}

ScoreFieldView::ScoreFieldView(QWidget* parent)
    : QWidget(parent),
      drawnT_(std::numeric_limits<double>::quiet_NaN()),
      targetDefect_(std::numeric_limits<double>::quiet_NaN()),
      modeBox_(new QComboBox(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      timeLabel_(new QLabel(this)),
      helpButton_(new QToolButton(this)),
      help_(new QLabel),
      hint_(new QLabel(this)),
      gridHost_(new QWidget(this)),
      decomposition_(new DecompositionPlot(this)),
      colorBar_(new QCustomPlot(this)),
      caption_(new QLabel(this)),
      status_(new QLabel(this)) {
    buildControls();

    // Two rows (what to show, then the time), so that the tab fits a 1280x720 projector next
    // to the scenario panel with a slider long enough to drag.
    auto* controls = new QHBoxLayout;
    auto* showLabel = new QLabel("Show:", this);
    controls->addWidget(showLabel);
    controls->addWidget(modeBox_);
    controls->addStretch(1);
    controls->addWidget(helpButton_);
    auto* timeRow = new QHBoxLayout;
    auto* timeName = new QLabel("Time t:", this);
    timeName->setToolTip(slider_->toolTip());
    timeRow->addWidget(timeName);
    timeRow->addWidget(slider_, 1);
    timeRow->addWidget(timeLabel_);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(gridHost_);
    split->addWidget(decomposition_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({1000, 380});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(timeRow);
    layout->addWidget(helpBox_);
    layout->addWidget(hint_);
    layout->addWidget(split, 1);
    layout->addWidget(colorBar_);
    layout->addWidget(caption_);
    layout->addWidget(status_);

    connect(modeBox_, &QComboBox::currentIndexChanged, this, [this](int i) { setMode(Mode(i)); });
    connect(slider_, &QSlider::valueChanged, this, [this](int k) {
        t_ = timeAt(k);
        updateTimeLabel();
        request();
    });
    connect(helpButton_, &QToolButton::toggled, helpBox_, [this](bool on) {
        helpBox_->setVisible(on);
        fitHelp();
        fitHelp();
    });
    helpBox_->setVisible(helpButton_->isChecked());
    // When the panels grow past what the grids cover, compute the frame again.
    coverTimer_ = new QTimer(this);
    coverTimer_->setSingleShot(true);
    coverTimer_->setInterval(150);
    connect(coverTimer_, &QTimer::timeout, this, [this] {
        if (panels_.empty() || !shown_) return;
        const FieldFrameSpec want = frameSpec();
        if (want.reachX > shown_->spec.reachX || want.reachY > shown_->spec.reachY) request();
    });
    gridHost_->installEventFilter(this);

    updateCaption();
    setScenario(Scenario{});
}

void ScoreFieldView::buildControls() {
    modeBox_->addItem("Learned vs exact arrows");
    modeBox_->addItem(QString::fromUtf8("Error |s \u2212 \u2207log p\u209c|"));
    modeBox_->addItem(
        QString::fromUtf8("Equivariance defect max over g |s(A_g x) \u2212 A_g s(x)|"));
    modeBox_->setToolTip(
        "What to draw in every square: the arrows of each model's score next to the "
        "exact ones, how large each model's error is at each point, or how much each "
        "model breaks the symmetry at each point.");
    slider_->setRange(0, kSliderSteps);
    slider_->setToolTip(
        "The time t of the forward (noising) process. Left: little noise, the data's "
        "shape is sharp and the score is steep. Right: almost pure noise, the score "
        "just points to the centre.");
    // Wide enough for its usual text, so that it does not jump as t moves, and no wider: the
    // tab must fit a 1280x720 projector next to the dock.
    timeLabel_->setMinimumWidth(timeLabel_->fontMetrics().horizontalAdvance(
        QString::fromUtf8("t = 0.000   noise \u03c3(t) = 0.000   signal \u03b1(t) = 0.000")));
    modeBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modeBox_->setMinimumContentsLength(24);  // the list shows each mode whole
    slider_->setMinimumWidth(120);           // a slider, not a knob, at 1280 px
    timeLabel_->setToolTip(
        "The time t and how much noise it means: x_t = \u03b1(t) x_0 + \u03c3(t) z.");
    helpButton_->setText("?  What am I looking at?");
    helpButton_->setCheckable(true);
    helpButton_->setChecked(false);  // as every tab's explanation (lesson mode opens them)
    helpButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    helpButton_->setToolTip("Show or hide a short explanation of this tab.");
    // The explanation of the panels and of the bars, side by side.
    // It scrolls when the window is short (lesson mode's larger text at 1280x720), so the
    // squares and the bars below keep the room they need and nothing overlaps.
    helpFrame_ = new QFrame;
    helpFrame_->setStyleSheet(
        "QFrame { background: #f4f1e8; border: 1px solid #d8d2bf; } "
        "QLabel { border: none; padding: 4px; }");
    auto* helpLayout = new QHBoxLayout(helpFrame_);
    helpLayout->setContentsMargins(2, 2, 2, 2);
    help_->setParent(helpFrame_);
    auto* helpBars = new QLabel(DecompositionPlot::explanation(), helpFrame_);
    auto* helpScroll = new QScrollArea(this);
    helpScroll->setWidget(helpFrame_);
    helpScroll->setWidgetResizable(true);
    helpScroll->setFrameShape(QFrame::NoFrame);
    helpScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    helpBox_ = helpScroll;
    for (QLabel* l : {help_, helpBars}) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::RichText);
        helpLayout->addWidget(l, l == help_ ? 3 : 2);
    }
    help_->setText(explanation());
    hint_->setWordWrap(true);
    hint_->setTextFormat(Qt::RichText);
    hint_->setStyleSheet(
        "QLabel { background: #fdf0e0; border: 1px solid #e0a060; padding: 4px; }");
    hint_->setVisible(false);
    caption_->setWordWrap(true);
    status_->setWordWrap(true);
    gridHost_->setMinimumSize(400, 300);

    // The shared colour bar of the heatmaps (hidden in Arrows mode: nothing there uses it).
    colorBar_->plotLayout()->clear();
    colorScale_ = new QCPColorScale(colorBar_);
    colorScale_->setType(QCPAxis::atBottom);
    colorScale_->setGradient(errorGradient());
    colorScale_->setBarWidth(12);
    colorScale_->axis()->setNumberFormat("g");
    colorBar_->plotLayout()->addElement(0, 0, colorScale_);
    colorBar_->setFixedHeight(58);
    colorBar_->setToolTip(
        "The colour scale of the heatmaps, the same in every square, so squares can be "
        "compared. Values beyond the right end are drawn in the brightest colour.");
}

ScoreFieldView::~ScoreFieldView() = default;

void ScoreFieldView::fitHelp() {
    // Its natural height at this width, as long as the rest keeps about 560 px: the bars with
    // their check text (about 350), the rows of controls and the caption (about 210 in
    // lesson mode's larger text); never under 100 px.
    const int w = std::max(200, width() - 30);
    const int natural = helpFrame_->hasHeightForWidth() ? helpFrame_->heightForWidth(w)
                                                        : helpFrame_->sizeHint().height();
    helpBox_->setFixedHeight(std::min(natural + 4, std::max(100, height() - 560)));
}

void ScoreFieldView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitHelp();
}

bool ScoreFieldView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == gridHost_ && event->type() == QEvent::Resize) {
        layoutPanels();
        coverTimer_->start();
    }
    return QWidget::eventFilter(watched, event);
}

double ScoreFieldView::timeAt(int position) const {
    const Process p = scenario_.makeProcess();
    const double eps = p.eps(), T = p.T();
    return eps * std::pow(T / eps, double(std::clamp(position, 0, kSliderSteps)) / kSliderSteps);
}

void ScoreFieldView::setScenario(const Scenario& s) {
    scenario_ = s;
    exact_ = std::make_shared<const ExactScore>(s.makeTarget(), s.makeProcess());
    // A moderate noise level to start: sigma(t) about a sixth of the view.
    const Process p = s.makeProcess();
    const double wanted = 0.15 * viewHalfWidth(s.makeTarget());
    int best = 0;
    for (int k = 0; k <= kSliderSteps; ++k)
        if (std::abs(p.sigma(timeAt(k)) - wanted) < std::abs(p.sigma(timeAt(best)) - wanted))
            best = k;
    t_ = timeAt(best);
    slider_->blockSignals(true);
    slider_->setValue(best);
    slider_->blockSignals(false);
    updateTimeLabel();
    targetDefect_ = std::numeric_limits<double>::quiet_NaN();
    hint_->setVisible(false);
    decomposition_->setTarget(QString(), targetDefect_);
    rebuildPanels({});
}

void ScoreFieldView::setModels(const std::vector<ComparedModel>& models) {
    std::vector<FieldModel> fields;
    for (const ComparedModel& m : models)
        fields.push_back(
            {std::to_string(m.id), displayName(m), m.kind, m.color, m.field, m.equivariant});
    setModels(std::move(fields));
}

void ScoreFieldView::setModels(std::vector<FieldModel> models) { rebuildPanels(std::move(models)); }

void ScoreFieldView::setTime(double t) {
    const Process p = scenario_.makeProcess();
    t_ = std::clamp(t, p.eps(), p.T());
    const double pos = std::log(t_ / p.eps()) / std::log(p.T() / p.eps()) * kSliderSteps;
    slider_->blockSignals(true);
    slider_->setValue(int(std::lround(pos)));
    slider_->blockSignals(false);
    updateTimeLabel();
    request();
}

void ScoreFieldView::setHelpShown(bool on) {
    helpButton_->setChecked(on);
    helpBox_->setVisible(on);
}

void ScoreFieldView::showTrainingProgress(const QString& line) {
    if (panels_.size() != 1) return;  // models are shown: their status stays
    status_->setText(line + ". The models' squares appear here when training ends or is paused.");
}

QString ScoreFieldView::statusText() const { return status_->text(); }

bool ScoreFieldView::helpShown() const { return helpButton_->isChecked(); }

void ScoreFieldView::setMode(Mode m) {
    if (modeBox_->currentIndex() != int(m)) {
        modeBox_->blockSignals(true);
        modeBox_->setCurrentIndex(int(m));
        modeBox_->blockSignals(false);
    }
    mode_ = m;
    updateCaption();
    request();
}

void ScoreFieldView::updateTimeLabel() {
    const Process p = scenario_.makeProcess();
    timeLabel_->setText(QString::fromUtf8("t = %1   noise \u03c3(t) = %2   signal \u03b1(t) = %3")
                            .arg(num(t_), num(p.sigma(t_)), num(p.alpha(t_))));
}

void ScoreFieldView::updateCaption() {
    colorBar_->setVisible(mode_ != Mode::Arrows);
    switch (mode_) {
        case Mode::Arrows:
            caption_->setText(
                QString::fromUtf8("Coloured arrows: each model's score s(x, t). White arrows: the "
                                  "exact score \u2207log p\u209c(x). "
                                  "Length \u221d size of the score, the same scale in every "
                                  "square; arrows longer than a grid step "
                                  "are shortened to one. Background: the density p\u209c (bright = "
                                  "likely). Dashed lines: mirror lines."));
            break;
        case Mode::Error:
            colorScale_->axis()->setLabel(QString::fromUtf8(
                "error |s \u2212 \u2207log p\u209c| (same scale in every square)"));
            caption_->setText(QString::fromUtf8(
                "Colour: how far the model's score is from the exact one at each point (black = "
                "exact). Dotted "
                "cyan line: where p\u209c has its mass (density above 5% of its peak); errors far "
                "outside it "
                "matter little. Title: the average error under p\u209c and its largest value."));
            break;
        case Mode::Defect:
            colorScale_->axis()->setLabel(QString::fromUtf8(
                "defect max\u2009over g |s(A_g x) \u2212 A_g s(x)| (same scale)"));
            caption_->setText(
                QString::fromUtf8("Colour: how much the model breaks the symmetry at each point, "
                                  "comparing its score at every "
                                  "rotated or mirrored image A_g x with the rotated or mirrored "
                                  "score A_g s(x) (black = symmetric). "
                                  "Equivariant models are black by construction."));
            break;
    }
}

bool ScoreFieldView::colorBarShown() const { return colorBar_->isVisibleTo(this); }

void ScoreFieldView::rebuildPanels(std::vector<FieldModel> models) {
    for (Panel& p : panels_) delete p.plot;
    panels_.clear();
    shown_.reset();
    drawnT_ = std::numeric_limits<double>::quiet_NaN();
    errors_.clear();
    measures_.invalidate();
    // "exact score", short enough to stay whole in a 1280x720 window's squares (the caption
    // and the tooltip give its formula, the gradient of log p_t).
    FieldModel exact{"exact", "exact score", ModelKind::Exact, Qt::white, exact_, true};
    panels_.push_back({exact, true});
    for (FieldModel& m : models) {
        if (!m.field || m.kind == ModelKind::Exact) continue;
        if (!m.color.isValid()) m.color = modelColor(int(panels_.size()) - 1);
        // A loaded model's flag already says whether its group holds the scenario's.
        if (m.kind != ModelKind::Loaded)
            m.equivariant = m.equivariant || m.field->equivariantByConstruction();
        panels_.push_back({std::move(m), false});
    }
    const Group group = scenario_.makeGroup();
    const double half = viewHalfWidth(scenario_.makeTarget()) * kViewMargin;
    for (Panel& p : panels_) {
        p.plot = makePanelPlot(p);
        p.plot->setView(half);
        p.plot->setSymmetry(group);
    }
    layoutPanels();
    status_->setText(
        panels_.size() == 1
            ? "Showing the exact score only. Train the models to compare what they learned."
            : QString());
    // The bars of the models just replaced would be another run's numbers: gone until the
    // new ones are measured.
    decomposition_->clear(panels_.size() == 1 ? QString()
                                              : QString("Measuring each model's error\u2026"));
    request();
    measure();
}

FieldFrameSpec ScoreFieldView::frameSpec() const {
    FieldFrameSpec spec;
    spec.t = t_;
    spec.mode = mode_;
    spec.half = viewHalfWidth(scenario_.makeTarget()) * kViewMargin;
    spec.arrowGrid = kArrowGrid;
    spec.heatGrid = kHeatGrid;
    // The grids cover what the panels show: the square, and a little more on the longer
    // side when a panel is not exactly square.
    double reachX = spec.half, reachY = spec.half;
    for (const Panel& p : panels_) {
        if (p.plot->width() < 120 || p.plot->height() < 120) continue;  // not laid out yet
        reachX = std::max({reachX, std::abs(p.plot->xAxis->range().lower),
                           std::abs(p.plot->xAxis->range().upper)});
        reachY = std::max({reachY, std::abs(p.plot->yAxis->range().lower),
                           std::abs(p.plot->yAxis->range().upper)});
    }
    // Never more than a few view widths: a grid stretched over a huge range is too coarse.
    spec.reachX = std::min(reachX, 4 * spec.half) * 1.04;
    spec.reachY = std::min(reachY, 4 * spec.half) * 1.04;
    return spec;
}

void ScoreFieldView::request() {
    frames_.invalidate();  // a frame for an earlier t, mode or model list is never drawn
    if (panels_.empty()) return;
    std::vector<std::shared_ptr<const ScoreField>> fields;
    for (const Panel& p : panels_) fields.push_back(p.model.field);
    const std::shared_ptr<const ExactScore> exact = exact_;
    const Group group = scenario_.makeGroup();
    const FieldFrameSpec spec = frameSpec();
    frames_.request(
        [exact, fields, group, spec] {
            return std::make_shared<const ScoreFieldFrame>(
                computeScoreFieldFrame(*exact, fields, group, spec));
        },
        [this](std::shared_ptr<const ScoreFieldFrame> f) {
            draw(*f);
            shown_ = f;
            drawnT_ = f->spec.t;
            drawnMode_ = f->spec.mode;
            coverTimer_->start();
            Q_EMIT computed();
        });
}

void ScoreFieldView::measure() {
    std::vector<std::shared_ptr<const ScoreField>> fields;
    for (const Panel& p : panels_)
        if (!p.exact) fields.push_back(p.model.field);
    const Scenario s = scenario_;
    const std::shared_ptr<const ExactScore> exact = exact_;
    if (!fields.empty()) status_->setText("Measuring each model's exact score error\u2026");
    measures_.invalidate();
    measures_.request(
        [fields, s, exact] {
            const EvaluationSet set = makeEvaluationSet(s);
            const Group group = s.makeGroup();
            Measured m;
            for (const auto& f : fields) m.errors.push_back(scoreErrors(*f, *exact, group, set));
            m.targetDefect = symscore::targetDefect(*exact, group, set);
            return m;
        },
        [this](Measured m) { showMeasured(m); });
}

void ScoreFieldView::showMeasured(const Measured& m) {
    targetDefect_ = m.targetDefect;
    const QString symbol = QString::fromStdString(scenario_.makeGroup().symbol());
    decomposition_->setTarget(symbol, targetDefect_);
    const QString hint = targetHint();
    hint_->setText(hint);
    hint_->setVisible(!hint.isEmpty());
    errors_ = m.errors;
    if (!errors_.empty()) {
        std::vector<std::string> names;
        std::vector<QColor> colors;
        for (const Panel& p : panels_)
            if (!p.exact) {
                names.push_back(p.model.name);
                colors.push_back(p.model.color);
            }
        decomposition_->setErrors(names, errors_, colors);
    }
    status_->setText(
        panels_.size() == 1
            ? "Showing the exact score only. Train the models to compare what they learned."
            : QString());
    Q_EMIT errorsMeasured();
}

QString ScoreFieldView::targetHint() const {
    if (!(targetDefect_ > kInvariantTargetDefect)) return QString();
    const QString g = QString::fromStdString(scenario_.makeGroup().symbol());
    return QString::fromUtf8(
               "<b>The target is not %1-invariant: target defect under %1: %2.</b> Its exact score "
               "(the first square) is not %1-equivariant, so a model made %1-equivariant, by "
               "construction or by symmetrizing, cannot match it; <i>Equivariance defect</i> shows "
               "where. A symmetry helps only when the data has it: assume a group the target is "
               "invariant under.")
        .arg(g, QString::number(targetDefect_, 'f', 2));
}

QString ScoreFieldView::panelName(int i) const {
    return QString::fromStdString(panels_.at(std::size_t(i)).model.name);
}
QString ScoreFieldView::panelId(int i) const {
    return QString::fromStdString(panels_.at(std::size_t(i)).model.id);
}
DensityPlot* ScoreFieldView::panel(int i) const { return panels_.at(std::size_t(i)).plot; }

int ScoreFieldView::drawnArrows(int i, bool exact) const {
    const Panel& p = panels_.at(std::size_t(i));
    return (exact ? p.exactArrows : p.fieldArrows)->data()->size() / 7;
}

const ArrowField& ScoreFieldView::arrows(int i) const {
    static const ArrowField none;
    return shown_ && shown_->spec.mode == Mode::Arrows && i < int(shown_->panels.size())
               ? shown_->panels[std::size_t(i)].arrows
               : none;
}

const DensityGrid& ScoreFieldView::heatmap(int i) const {
    static const DensityGrid none;
    return shown_ && shown_->spec.mode != Mode::Arrows && i < int(shown_->panels.size())
               ? shown_->panels[std::size_t(i)].heat
               : none;
}

double ScoreFieldView::heatMean(int i) const {
    return shown_ && shown_->spec.mode != Mode::Arrows && i < int(shown_->panels.size())
               ? shown_->panels[std::size_t(i)].heatMean
               : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace symscore::ui
