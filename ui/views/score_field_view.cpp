#include "ui/views/score_field_view.hpp"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/metrics.hpp"
#include "ui/jobs/background.hpp"
#include "ui/plot/decomposition_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

namespace {
constexpr int kDensityCells = 120;      // across the central square [-half, half]
constexpr double kViewMargin = 1.15;    // the view's half width over viewHalfWidth(target)
constexpr double kContourLevel = 0.05;  // p_t contour: this fraction of its peak
const char* kFieldArrows = "model score arrows";
const char* kExactArrows = "exact score arrows";
const char* kContour = "where p_t lives";
const char* kHeatLayer = "score field heatmap";

QCPColorGradient errorGradient() {
    // magma-like: black (no error) to pale yellow (large), distinct from the density's viridis.
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {"#000004", "#3b0f70", "#8c2981", "#de4968", "#fe9f6d", "#fcfdbf"};
    const int n = int(std::size(stops));
    for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

QCPCurve* makeCurve(QCustomPlot* plot, const QString& name, const QPen& pen) {
    auto* c = new QCPCurve(plot->xAxis, plot->yAxis);
    c->setName(name);
    c->setPen(pen);
    c->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    return c;
}

// NaN rows break the polyline: separate arrows and contour pieces.
void setCurve(QCPCurve* c, const PointsF& points) {
    QVector<QCPCurveData> data(points.rows());
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        data[int(i)] = QCPCurveData(double(i), double(points(i, 0)), double(points(i, 1)));
    c->data()->set(data, true);
}

// The cell centres of a grid, row-major like DensityGrid.
PointsF gridPoints(const DensityGrid& g) {
    PointsF x(g.nx * g.ny, 2);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) x.row(j * g.nx + i) << float(g.x(i)), float(g.y(j));
    return x;
}

// A grid over [-rx, rx] x [-ry, ry] with cells of the size that puts `cells` across [-half, half].
DensityGrid gridShape(double half, int cells, double rx, double ry) {
    DensityGrid g;
    const double cell = 2 * half / cells;
    g.nx = std::min(4 * cells, int(std::ceil(2 * rx / cell)));
    g.ny = std::min(4 * cells, int(std::ceil(2 * ry / cell)));
    g.xmin = -rx;
    g.xmax = rx;
    g.ymin = -ry;
    g.ymax = ry;
    return g;
}

// Segments (7 rows each, NaN-separated) of arrows from `at` along k * v, capped at `cap`.
PointsF arrowSegments(const PointsF& at, const PointsF& v, double k, double cap) {
    PointsF out(at.rows() * 7, 2);
    Eigen::Index r = 0;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (Eigen::Index i = 0; i < at.rows(); ++i) {
        Eigen::Vector2d d = v.row(i).cast<double>().transpose() * k;
        double len = d.norm();
        if (!std::isfinite(len) || len < 1e-6 * cap) continue;
        if (len > cap) {
            d *= cap / len;
            len = cap;
        }
        const Eigen::Vector2d base = at.row(i).cast<double>().transpose(), tip = base + d;
        const Eigen::Vector2d u = d / len, n(-u.y(), u.x());
        const double h = std::min(0.35 * len, 0.3 * cap);
        const Eigen::Vector2d left = tip - h * u + 0.5 * h * n, right = tip - h * u - 0.5 * h * n;
        out.row(r++) = base.cast<float>().transpose();
        out.row(r++) = tip.cast<float>().transpose();
        out.row(r++) = left.cast<float>().transpose();
        out.row(r++) << nan, nan;
        out.row(r++) = tip.cast<float>().transpose();
        out.row(r++) = right.cast<float>().transpose();
        out.row(r++) << nan, nan;
    }
    out.conservativeResize(r, 2);
    return out;
}

// Marching squares: the level set {value = level} of a grid as NaN-separated segments.
PointsF contour(const DensityGrid& g, double level) {
    std::vector<Eigen::Vector2f> pts;
    auto v = [&](int i, int j) { return double(g.values[std::size_t(j) * g.nx + i]); };
    auto cross = [&](int i0, int j0, int i1, int j1) {
        const double a = v(i0, j0), b = v(i1, j1), s = (level - a) / (b - a);
        return Eigen::Vector2f(float(g.x(i0) + s * (g.x(i1) - g.x(i0))), float(g.y(j0) + s * (g.y(j1) - g.y(j0))));
    };
    for (int j = 0; j + 1 < g.ny; ++j)
        for (int i = 0; i + 1 < g.nx; ++i) {
            // Edges in order bottom, right, top, left.
            const int c[4][4] = {{i, j, i + 1, j}, {i + 1, j, i + 1, j + 1}, {i, j + 1, i + 1, j + 1}, {i, j, i, j + 1}};
            std::vector<Eigen::Vector2f> hits;
            for (const auto& e : c)
                if ((v(e[0], e[1]) >= level) != (v(e[2], e[3]) >= level)) hits.push_back(cross(e[0], e[1], e[2], e[3]));
            for (std::size_t h = 0; h + 1 < hits.size(); h += 2) {
                pts.push_back(hits[h]);
                pts.push_back(hits[h + 1]);
                pts.push_back(Eigen::Vector2f::Constant(std::numeric_limits<float>::quiet_NaN()));
            }
        }
    PointsF out(Eigen::Index(pts.size()), 2);
    for (std::size_t k = 0; k < pts.size(); ++k) out.row(Eigen::Index(k)) = pts[k].transpose();
    return out;
}

QString num(double v) { return QString::number(v, 'g', 3); }

QString baseTitle(const std::string& name, bool exact, bool equivariant) {
    QString t = QString::fromStdString(name);
    if (!exact && equivariant && !t.contains("equivariant") && !t.contains("symmetrized")) t += " (equivariant)";
    return t;
}
}  // namespace

// One computed frame: everything drawn for one (t, mode).
struct ScoreFieldView::Frame {
    int job = 0;
    double t = 0;
    Mode mode = Mode::Arrows;
    DensityGrid density;
    PointsF contour;
    std::vector<ArrowField> arrows;
    double arrowScale = 1.0, arrowCap = 1.0;
    double reachX = 0, reachY = 0;  // the density and heat grids cover [-reachX, reachX] x [-reachY, reachY]
    std::vector<DensityGrid> heat;
    std::vector<double> heatMean, heatMax;
    double heatRange = 1.0;
};

QString ScoreFieldView::explanation() {
    return "<b>What am I looking at?</b> A diffusion model learns a <i>score</i>: at every point of "
           "the plane and every noise level t, an arrow pointing towards where the data is more "
           "likely. Each square shows the plane at the time t chosen with the slider (small t: "
           "almost clean data; large t: almost pure noise), with the true noisy density p<sub>t</sub> "
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
      modeBox_(new QComboBox(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      timeLabel_(new QLabel(this)),
      helpButton_(new QToolButton(this)),
      help_(new QLabel),
      gridHost_(new QWidget(this)),
      grid_(new QGridLayout(gridHost_)),
      decomposition_(new DecompositionPlot(this)),
      colorBar_(new QCustomPlot(this)),
      colorScale_(nullptr),
      caption_(new QLabel(this)),
      status_(new QLabel(this)) {
    modeBox_->addItem("Learned vs exact arrows");
    modeBox_->addItem(QString::fromUtf8("Error |s \u2212 \u2207log p\u209c|"));
    modeBox_->addItem(QString::fromUtf8("Equivariance defect max over g |s(A_g x) \u2212 A_g s(x)|"));
    modeBox_->setToolTip("What to draw in every square: the arrows of each model's score next to the "
                         "exact ones, how large each model's error is at each point, or how much each "
                         "model breaks the symmetry at each point.");
    slider_->setRange(0, kSliderSteps);
    slider_->setToolTip("The time t of the forward (noising) process. Left: little noise, the data's "
                        "shape is sharp and the score is steep. Right: almost pure noise, the score "
                        "just points to the centre.");
    timeLabel_->setMinimumWidth(330);
    timeLabel_->setToolTip("The time t and how much noise it means: x_t = \u03b1(t) x_0 + \u03c3(t) z.");
    helpButton_->setText("?  What am I looking at?");
    helpButton_->setCheckable(true);
    helpButton_->setChecked(true);
    helpButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    helpButton_->setToolTip("Show or hide a short explanation of this tab.");
    // The explanation of the panels and of the bars, side by side.
    helpBox_ = new QFrame(this);
    helpBox_->setStyleSheet("QFrame { background: #f4f1e8; border: 1px solid #d8d2bf; } "
                            "QLabel { border: none; padding: 4px; }");
    auto* helpLayout = new QHBoxLayout(helpBox_);
    helpLayout->setContentsMargins(2, 2, 2, 2);
    help_->setParent(helpBox_);
    auto* helpBars = new QLabel(DecompositionPlot::explanation(), helpBox_);
    for (QLabel* l : {help_, helpBars}) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::RichText);
        helpLayout->addWidget(l, l == help_ ? 3 : 2);
    }
    help_->setText(explanation());
    caption_->setWordWrap(true);
    status_->setWordWrap(true);

    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(4);
    gridHost_->setMinimumSize(400, 300);

    // The shared colour bar of the heatmaps.
    colorBar_->plotLayout()->clear();
    colorScale_ = new QCPColorScale(colorBar_);
    colorScale_->setType(QCPAxis::atBottom);
    colorScale_->setGradient(errorGradient());
    colorScale_->setBarWidth(12);
    colorScale_->axis()->setNumberFormat("g");
    colorBar_->plotLayout()->addElement(0, 0, colorScale_);
    colorBar_->setFixedHeight(58);
    colorBar_->setToolTip("The colour scale of the heatmaps, the same in every square, so squares can be "
                          "compared. Values beyond the right end are drawn in the brightest colour.");

    auto* controls = new QHBoxLayout;
    auto* showLabel = new QLabel("Show:", this);
    controls->addWidget(showLabel);
    controls->addWidget(modeBox_);
    controls->addSpacing(12);
    auto* timeName = new QLabel("Time t:", this);
    timeName->setToolTip(slider_->toolTip());
    controls->addWidget(timeName);
    controls->addWidget(slider_, 1);
    controls->addWidget(timeLabel_);
    controls->addWidget(helpButton_);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(gridHost_);
    split->addWidget(decomposition_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({1000, 380});
    decomposition_->setMinimumWidth(300);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(helpBox_);
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
    connect(helpButton_, &QToolButton::toggled, helpBox_, &QWidget::setVisible);
    // When the panels grow past what the grids cover, compute the frame again.
    coverTimer_ = new QTimer(this);
    coverTimer_->setSingleShot(true);
    coverTimer_->setInterval(150);
    connect(coverTimer_, &QTimer::timeout, this, [this] {
        if (panels_.empty() || !shown_) return;
        const QCustomPlot* p = panels_.front().plot;
        const double rx = std::max(std::abs(p->xAxis->range().lower), std::abs(p->xAxis->range().upper));
        const double ry = std::max(std::abs(p->yAxis->range().lower), std::abs(p->yAxis->range().upper));
        if (rx > shown_->reachX || ry > shown_->reachY) request();
    });
    gridHost_->installEventFilter(this);

    setScenario(Scenario{});
}

ScoreFieldView::~ScoreFieldView() = default;

bool ScoreFieldView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == gridHost_ && event->type() == QEvent::Resize) coverTimer_->start();
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
        if (std::abs(p.sigma(timeAt(k)) - wanted) < std::abs(p.sigma(timeAt(best)) - wanted)) best = k;
    t_ = timeAt(best);
    slider_->blockSignals(true);
    slider_->setValue(best);
    slider_->blockSignals(false);
    updateTimeLabel();
    rebuildPanels({});
}

void ScoreFieldView::setModels(std::vector<ComparedModel> models) { rebuildPanels(std::move(models)); }

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
            caption_->setText(QString::fromUtf8(
                "Coloured arrows: each model's score s(x, t). White arrows: the exact score \u2207log p\u209c(x). "
                "Length \u221d size of the score, the same scale in every square; arrows longer than a grid step "
                "are shortened to one. Background: the density p\u209c (bright = likely). Dashed lines: mirror lines."));
            break;
        case Mode::Error:
            colorScale_->axis()->setLabel(QString::fromUtf8("error |s \u2212 \u2207log p\u209c| (same scale in every square)"));
            caption_->setText(QString::fromUtf8(
                "Colour: how far the model's score is from the exact one at each point (black = exact). Dotted "
                "cyan line: where p\u209c has its mass (density above 5% of its peak); errors far outside it "
                "matter little. Title: the average error under p\u209c and its largest value."));
            break;
        case Mode::Defect:
            colorScale_->axis()->setLabel(QString::fromUtf8("defect max\u2009over g |s(A_g x) \u2212 A_g s(x)| (same scale)"));
            caption_->setText(QString::fromUtf8(
                "Colour: how much the model breaks the symmetry at each point, comparing its score at every "
                "rotated or mirrored image A_g x with the rotated or mirrored score A_g s(x) (black = symmetric). "
                "Equivariant models are black by construction."));
            break;
    }
}

void ScoreFieldView::rebuildPanels(std::vector<ComparedModel> models) {
    for (Panel& p : panels_) delete p.plot;
    panels_.clear();
    shown_.reset();
    drawnT_ = std::numeric_limits<double>::quiet_NaN();
    errors_.clear();
    ++errorsJob_;
    panels_.push_back({"exact score \u2207log p\u209c", exact_, Qt::white, true, true});
    for (ComparedModel& m : models) {
        if (m.field && m.kind != ModelKind::Exact)
            panels_.push_back({displayName(m), m.field, m.color.isValid() ? m.color : Qt::gray,
                               m.equivariant || m.field->equivariantByConstruction(), false});
    }
    const Group group = scenario_.makeGroup();
    const double half = viewHalfWidth(scenario_.makeTarget()) * kViewMargin;
    const int n = int(panels_.size());
    const int cols = n <= 3 ? n : int(std::ceil(std::sqrt(double(n))));
    for (int i = 0; i < n; ++i) {
        Panel& p = panels_[std::size_t(i)];
        auto* plot = new DensityPlot(gridHost_);
        plot->setView(half);
        plot->setSymmetry(group);
        // The heatmap gets a layer of its own right under "main": over the density whatever
        // layer that is drawn on, under the arrows and mirror lines.
        plot->addLayer(kHeatLayer, plot->layer("main"), QCustomPlot::limBelow);
        auto* heat = new QCPColorMap(plot->xAxis, plot->yAxis);
        heat->setLayer(kHeatLayer);
        heat->setGradient(errorGradient());
        heat->setInterpolate(false);
        heat->setTightBoundary(false);
        heat->setVisible(false);
        p.heat = heat;
        // Creation order is drawing order: the exact arrows, then the model's over them, so
        // white shows only where the model is off.
        p.exactArrows = makeCurve(plot, kExactArrows, QPen(QColor(255, 255, 255, p.exact ? 235 : 210), p.exact ? 1.6 : 1.0));
        p.fieldArrows = makeCurve(plot, kFieldArrows, QPen(p.color, 1.7));
        p.contour = makeCurve(plot, kContour, QPen(QColor(80, 220, 255), 1.3, Qt::DotLine));
        plot->setTitle(baseTitle(p.name, p.exact, p.equivariant));
        plot->setToolTip(p.exact ? "The exact score of the noisy data density at this time: the answer every "
                                   "model tries to learn."
                                 : "What this model learned at this time, compared with the exact score.");
        grid_->addWidget(plot, i / cols, i % cols);
        p.plot = plot;
    }
    status_->setText(models.empty() ? "Showing the exact score only. Train the models to compare what they learned."
                                    : QString());
    request();
    if (!models.empty()) measureErrors();
    else decomposition_->clear();
}

void ScoreFieldView::request() {
    ++job_;
    if (panels_.empty()) return;
    if (!busy_) startJob();  // else the running job's completion starts the newest request
}

void ScoreFieldView::startJob() {
    busy_ = true;
    const int job = job_;
    const double t = t_;
    const Mode mode = mode_;
    std::vector<std::shared_ptr<const ScoreField>> fields;
    for (const Panel& p : panels_) fields.push_back(p.field);
    const std::shared_ptr<const ExactScore> exact = exact_;
    const Group group = scenario_.makeGroup();
    const double half = viewHalfWidth(scenario_.makeTarget()) * kViewMargin;
    // The grids cover what the panels show (their wider side spans more than the square).
    // Axis ranges are set at the plot's next layout; the widget's shape is known already.
    double reachX = half, reachY = half;
    for (const Panel& p : panels_) {
        // A panel that is not laid out yet (a few pixels high) says nothing about its shape.
        if (p.plot->width() < 120 || p.plot->height() < 120) continue;
        const double aspect = std::clamp((p.plot->width() - 45.0) / (p.plot->height() - 60.0), 0.25, 4.0);
        reachX = std::max({reachX, half * aspect, std::abs(p.plot->xAxis->range().lower), std::abs(p.plot->xAxis->range().upper)});
        reachY = std::max({reachY, half / aspect, std::abs(p.plot->yAxis->range().lower), std::abs(p.plot->yAxis->range().upper)});
    }
    // Never more than a few view widths: a grid stretched over a huge range is too coarse.
    reachX = std::min(reachX, 4 * half) * 1.08;
    reachY = std::min(reachY, 4 * half) * 1.08;
    runInBackground(
        this,
        [=] {
            auto f = std::make_shared<Frame>();
            f->job = job;
            f->t = t;
            f->mode = mode;
            const Mixture pt = exact->marginal(t);
            const DensityGrid d = gridShape(half, kDensityCells, reachX, reachY);
            f->density = densityGrid(pt, d.nx, d.ny, d.xmin, d.xmax, d.ymin, d.ymax);
            f->reachX = reachX;
            f->reachY = reachY;
            if (mode == Mode::Arrows) {
                const PointsF at = gridPoints(gridShape(half, kArrowGrid, half, half));
                PointsF ex(at.rows(), 2);
                exact->score(at, t, ex);
                for (const auto& field : fields) {
                    ArrowField a{at, PointsF(at.rows(), 2), ex};
                    field->score(at, t, a.field);
                    f->arrows.push_back(std::move(a));
                }
                // One scale for every panel, from the exact score: its upper quartile of
                // lengths spans 0.9 grid steps; longer arrows are capped at one step.
                std::vector<float> len(std::size_t(ex.rows()));
                for (Eigen::Index i = 0; i < ex.rows(); ++i) len[std::size_t(i)] = ex.row(i).norm();
                std::nth_element(len.begin(), len.begin() + len.size() * 3 / 4, len.end());
                const double ref = std::max(1e-12, double(len[len.size() * 3 / 4]));
                f->arrowCap = 2 * half / kArrowGrid;
                f->arrowScale = 0.9 * f->arrowCap / ref;
                return std::shared_ptr<const Frame>(f);
            }
            f->contour = contour(f->density, kContourLevel * f->density.maxValue);
            const DensityGrid shape = gridShape(half, kHeatGrid, reachX, reachY);
            const PointsF x = gridPoints(shape);
            const Eigen::Index n = x.rows();
            Eigen::VectorXd logp(n);
            pt.logDensity(x.cast<double>(), logp);
            const Eigen::VectorXd p = (logp.array() - logp.maxCoeff()).exp().matrix();
            PointsF ex(n, 2);
            exact->score(x, t, ex);
            // The shared colour range: the largest value where p_t has its mass (inside the
            // contour), so the colours resolve what matters. Floor: a thousandth of the exact score's typical size, so rounding noise
            // of an exactly symmetric field stays black.
            const double typical = std::sqrt((p.array() * ex.rowwise().squaredNorm().cast<double>().array()).sum() / p.sum());
            double range = 1e-3 * typical;
            const int order = group.order();
            PointsF images(n * order, 2), values(n * order, 2), s(n, 2);
            if (mode == Mode::Defect)
                for (int g = 0; g < order; ++g)
                    images.middleRows(g * n, n) = x * group.element(g).cast<float>().transpose();
            for (const auto& field : fields) {
                DensityGrid h = shape;
                h.values.assign(std::size_t(n), 0.0f);
                field->score(x, t, s);
                if (mode == Mode::Error) {
                    for (Eigen::Index i = 0; i < n; ++i) h.values[std::size_t(i)] = (s.row(i) - ex.row(i)).norm();
                } else {
                    field->score(images, t, values);
                    for (int g = 0; g < order; ++g) {
                        const Eigen::Matrix2f a = group.element(g).cast<float>();
                        for (Eigen::Index i = 0; i < n; ++i) {
                            const Eigen::RowVector2f rotated = s.row(i) * a.transpose();
                            float& v = h.values[std::size_t(i)];
                            v = std::max(v, (values.row(g * n + i) - rotated).norm());
                        }
                    }
                }
                double mean = 0.0, maxAll = 0.0, maxWhereData = 0.0;
                for (Eigen::Index i = 0; i < n; ++i) {
                    const double v = h.values[std::size_t(i)];
                    if (!std::isfinite(v)) continue;
                    mean += p[i] * v;
                    maxAll = std::max(maxAll, v);
                    if (p[i] >= kContourLevel) maxWhereData = std::max(maxWhereData, v);
                }
                h.maxValue = float(maxAll);
                f->heatMean.push_back(mean / p.sum());
                f->heatMax.push_back(maxAll);
                range = std::max(range, maxWhereData);
                f->heat.push_back(std::move(h));
            }
            f->heatRange = range;
            return std::shared_ptr<const Frame>(f);
        },
        [this, job](std::shared_ptr<const Frame> f) {
            busy_ = false;
            if (job != job_) {  // superseded: compute the newest request instead
                if (!panels_.empty()) startJob();
                return;
            }
            draw(*f);
            shown_ = f;
            drawnT_ = f->t;
            drawnMode_ = f->mode;
            coverTimer_->start();
            Q_EMIT computed();
        });
}

void ScoreFieldView::draw(const Frame& f) {
    const bool arrows = f.mode == Mode::Arrows;
    colorScale_->setDataRange(QCPRange(0.0, f.heatRange));
    for (std::size_t i = 0; i < panels_.size(); ++i) {
        Panel& p = panels_[i];
        p.plot->setDensity(f.density);
        QString title = baseTitle(p.name, p.exact, p.equivariant);
        if (arrows && i < f.arrows.size()) {
            const ArrowField& a = f.arrows[i];
            setCurve(p.fieldArrows, p.exact ? PointsF(0, 2) : arrowSegments(a.at, a.field, f.arrowScale, f.arrowCap));
            setCurve(p.exactArrows, arrowSegments(a.at, a.exact, f.arrowScale, f.arrowCap));
            setCurve(p.contour, PointsF(0, 2));
            p.heat->setVisible(false);
        } else if (!arrows && i < f.heat.size()) {
            const DensityGrid& h = f.heat[i];
            setCurve(p.fieldArrows, PointsF(0, 2));
            setCurve(p.exactArrows, PointsF(0, 2));
            setCurve(p.contour, f.contour);
            p.heat->data()->setSize(h.nx, h.ny);
            p.heat->data()->setRange(QCPRange(h.x(0), h.x(h.nx - 1)), QCPRange(h.y(0), h.y(h.ny - 1)));
            for (int j = 0; j < h.ny; ++j)
                for (int k = 0; k < h.nx; ++k) p.heat->data()->setCell(k, j, h.values[std::size_t(j) * h.nx + k]);
            p.heat->setDataRange(QCPRange(0.0, f.heatRange));
            p.heat->setVisible(true);
            if (f.heatMax[i] == 0.0)
                title += "   exactly 0";
            else if (f.heatMax[i] < 1e-3 * f.heatRange)  // float rounding of an exact identity
                title += QString::fromUtf8("   \u2248 0 (max %1)").arg(QString::number(f.heatMax[i], 'g', 1));
            else
                title += QString::fromUtf8("   avg %1 \u00b7 max %2")
                             .arg(QString::number(f.heatMean[i], 'g', 2), QString::number(f.heatMax[i], 'g', 2));
        }
        p.plot->setTitle(title);
        p.plot->replot(QCustomPlot::rpQueuedReplot);
    }
    colorBar_->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreFieldView::measureErrors() {
    const int job = ++errorsJob_;
    std::vector<std::shared_ptr<const ScoreField>> fields;
    std::vector<std::string> names;
    std::vector<QColor> colors;
    for (const Panel& p : panels_)
        if (!p.exact) {
            fields.push_back(p.field);
            names.push_back(p.name);
            colors.push_back(p.color);
        }
    const Scenario s = scenario_;
    const std::shared_ptr<const ExactScore> exact = exact_;
    status_->setText("Measuring each model's exact score error\u2026");
    runInBackground(
        this,
        [fields, s, exact] {
            const EvaluationSet set = makeEvaluationSet(s);
            const Group group = s.makeGroup();
            std::vector<ScoreErrors> out;
            for (const auto& f : fields) out.push_back(scoreErrors(*f, *exact, group, set));
            return out;
        },
        [this, job, names, colors](std::vector<ScoreErrors> errors) {
            if (job != errorsJob_) return;
            errors_ = errors;
            decomposition_->setErrors(names, errors, colors);
            status_->clear();
            Q_EMIT errorsMeasured();
        });
}

QString ScoreFieldView::panelName(int i) const { return QString::fromStdString(panels_.at(std::size_t(i)).name); }
DensityPlot* ScoreFieldView::panel(int i) const { return panels_.at(std::size_t(i)).plot; }

int ScoreFieldView::drawnArrows(int i, bool exact) const {
    const Panel& p = panels_.at(std::size_t(i));
    return (exact ? p.exactArrows : p.fieldArrows)->data()->size() / 7;
}

const ArrowField& ScoreFieldView::arrows(int i) const {
    static const ArrowField none;
    return shown_ && i < int(shown_->arrows.size()) ? shown_->arrows[std::size_t(i)] : none;
}

const DensityGrid& ScoreFieldView::heatmap(int i) const {
    static const DensityGrid none;
    return shown_ && i < int(shown_->heat.size()) ? shown_->heat[std::size_t(i)] : none;
}

double ScoreFieldView::heatMean(int i) const {
    return shown_ && i < int(shown_->heatMean.size()) ? shown_->heatMean[std::size_t(i)]
                                                      : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace symscore::ui
