#include "ui/views/sample_view.hpp"

#include <QDir>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/io/points_csv.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
constexpr int kTrails = 12;       // particles whose paths are drawn
constexpr int kTrailFrames = 30;  // how far back a trail reaches
constexpr int kDensityCells = 200;

QString fmt(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QString("\u2014"); }
// A floor not measured yet (its pass comes after the models') reads as pending.
QString floorText(const FloorStats& f) {
    if (!f.measured()) return QString::fromUtf8("\u2026");
    return fmt(f.mean) + QString::fromUtf8(" \u00b1 ") + fmt(f.spread);
}
const QString kFloor = "noise floor", kFloorLow = "floor - spread", kFloorHigh = "floor + spread";
}  // namespace

SampleView::SampleView(SamplingController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      grid_(nullptr),
      gridHost_(new QWidget(this)),
      timeline_(new Timeline(this)),
      w1Plot_(new CurvePlot("W1 to p_t along the reverse process", "t", "W1", this)),
      table_(new QTableWidget(0, 4, this)),
      status_(new QLabel(this)),
      placeholder_(new QLabel(gridHost_)) {
    grid_ = new QGridLayout(gridHost_);
    grid_->setContentsMargins(0, 0, 0, 0);
    placeholder_->setObjectName("samplePlaceholder");
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setStyleSheet("QLabel { color: #555; font-size: 15pt; }");
    grid_->addWidget(placeholder_, 0, 0);
    w1Plot_->setLogY(true);
    w1Plot_->xAxis->setRangeReversed(true);  // time runs from T down to eps, left to right
    w1Plot_->setToolTip(
        "How far each model's particles are from the true distribution p_t at each time "
        "(Wasserstein-1; lower is better), on every particle of the W1 readout. Dotted, "
        "with its band: the noise floor, the W1 between two independent samples of p_t "
        "of the same size (mean \u00b1 standard deviation over 4 pairs).");
    // Two-line headers: at lesson mode's larger type in a 1280x720 window one line was cut.
    table_->setHorizontalHeaderLabels({"model", "W1 to\ntarget", "noise\nfloor", "W1 /\nfloor"});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // The floor ("0.188 \u00b1 0.033") is the widest value and the names are words: neither is
    // ever elided (a name of several words takes a line each), the numbers share the rest.
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    // Numbers never wrap ("0.\n227"); the names' explicit line breaks still show.
    table_->setWordWrap(false);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setToolTip(
        "Final exact Wasserstein-1 distance between each model's samples and one sample of "
        "the target shared by every model; the same numbers as the panel titles at the last "
        "frame and as symscore-cli run. A ratio near 1 means as good as the finite sample "
        "allows; the floor is random too, so a model can read slightly below it by chance.");

    bottom_ = new QSplitter(Qt::Horizontal, this);
    bottom_->addWidget(w1Plot_);
    bottom_->addWidget(table_);
    connect(bottom_, &QSplitter::splitterMoved, this, [this] { bottomDragged_ = true; });
    // Any change of a cell's text or font (a lesson's answer row turns bold) re-fits.
    connect(table_, &QTableWidget::itemChanged, this, &SampleView::fitBottomSplit);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(gridHost_);
    split->addWidget(bottom_);
    split->setStretchFactor(0, 2);  // the W1-against-t chart gets a third: readable, not a strip
    split->setStretchFactor(1, 1);
    split->setSizes({620, 310});
    // At 1280x720 the W1 chart was a strip of about 100 px under its legend: it
    // keeps a readable height, the panels (square) take the rest.
    // Their minimums add up to what lesson mode leaves at 1280x720 with the explanation open.
    gridHost_->setMinimumHeight(200);
    w1Plot_->setMinimumHeight(200);
    auto* layout = new QVBoxLayout(this);
    explanation_ = new Explanation(
        "<b>What am I looking at?</b> A diffusion model makes new data by running noise backwards: "
        "each panel starts with particles spread like pure noise (time T) and moves them with its "
        "learned score until time \u03b5, when they should look like the target. The background is "
        "the true density p<sub>t</sub> at the same moment, so you can see whether the particles "
        "keep up with it. Lines show the recent paths of a few particles. <b>W1</b> "
        "(Wasserstein-1) "
        "is how far, on average, the particles would have to move to match a sample of "
        "p<sub>t</sub> (the same sample for every model); lower is better, but even two samples of "
        "the same distribution are not at zero: that is the <b>noise floor</b>, shown with its "
        "spread (\u00b1). The table gives each model's final W1 against the target; a ratio near 1 "
        "to the floor means as good as a finite sample allows. A reading slightly below the floor "
        "is chance, not a model better than perfect: the floor is itself random, and at a finite "
        "sample size a model can also read low by sitting too tightly on the peaks.",
        this);
    layout->addWidget(explanation_);
    layout->addWidget(split, 1);
    layout->addWidget(timeline_);
    layout->addWidget(status_);
    connectSignals();
    status_->setText("Train the models, then Sample (S).");
}

void SampleView::connectSignals() {
    connect(controller_, &SamplingController::modelSampled, this, &SampleView::onSampled);
    connect(controller_, &SamplingController::w1Measured, this, &SampleView::onW1);
    connect(controller_, &SamplingController::progress, this, [this](int i, int step, int steps) {
        if (i < int(models_.size()))
            status_->setText(QString("Sampling %1 (model %2 of %3): step %4 of %5\u2026")
                                 .arg(QString::fromStdString(displayName(models_[std::size_t(i)])))
                                 .arg(i + 1)
                                 .arg(models_.size())
                                 .arg(step)
                                 .arg(steps));
    });
    connect(controller_, &SamplingController::finished, this, [this] {
        settled_ = true;
        status_->setText(
            "Done. Play (P) to watch noise turn into data; drag the timeline to scrub.");
        Q_EMIT ready();
    });
    connect(controller_, &SamplingController::failed, this, [this](const QString& m) {
        settled_ = true;
        status_->setText("<span style='color:#c0392b'>Sampling failed: " + m.toHtmlEscaped() +
                         "</span>");
    });
    connect(timeline_, &Timeline::frameChanged, this, &SampleView::drawFrame);
    connect(timeline_, &Timeline::playingChanged, this, [this](bool playing) {
        for (DensityPlot* p : panels_) p->setAnimating(playing);
    });
}

void SampleView::setScenario(const Scenario& s) {
    controller_->cancel();
    scenario_ = s;
    beginRun({});
    const Process process = s.makeProcess();  // before any data, the axis spans this T
    w1Plot_->xAxis->setRange(process.eps(), process.T());
    showNote("Train the models, then Sample (S).");
}

void SampleView::showNote(const QString& text) {
    status_->setText(text);
    if (panels_.empty()) placeholder_->setText(text);
}

void SampleView::showTrainingProgress(const QString& line) {
    if (!panels_.empty()) return;  // sampling owns the tab once it has begun
    showNote(line + ". Once trained, the models turn noise into data here (Sample, S).");
}

QString SampleView::placeholderText() const {
    return placeholder_->isVisibleTo(this) ? placeholder_->text() : QString();
}

QString SampleView::statusText() const { return status_->text(); }

void SampleView::beginRun(const std::vector<ComparedModel>& models) {
    models_ = models;
    results_.assign(models.size(), nullptr);
    readings_.clear();
    final_.reset();
    tableShown_ = false;
    reached_ = -1;
    densities_.reset();
    densityJob_.invalidate();
    settled_ = models.empty();
    for (DensityPlot* p : panels_) delete p;
    panels_.clear();
    const Group group = scenario_.makeGroup();
    const double half = viewHalfWidth(scenario_.makeTarget()) * 1.15;
    const int cols =
        models.size() <= 3 ? int(models.size()) : int(std::ceil(std::sqrt(double(models.size()))));
    for (std::size_t i = 0; i < models.size(); ++i) {
        auto* p = new DensityPlot(gridHost_);
        p->setTitleRows(2);  // the name, then the W1 readout when the panel is narrow
        p->setTitle(QString::fromStdString(displayName(models[i])));
        p->setView(half);
        p->setSymmetry(group);
        p->setToolTip(
            "Particles of this model at the current time, over the true density p_t at that "
            "time. Lines: the paths of a few particles so far.");
        grid_->addWidget(p, int(i) / std::max(1, cols), int(i) % std::max(1, cols));
        panels_.push_back(p);
    }
    w1Plot_->removeAllSeries();
    for (const ComparedModel& m : models)
        w1Plot_->addSeries(QString::fromStdString(displayName(m)), m.color);
    w1Plot_->addSeries(kFloor, Qt::gray, Qt::DotLine);
    w1Plot_->addBand(kFloorLow, kFloorHigh, QColor(128, 128, 128, 50));
    table_->setRowCount(int(models.size()));
    for (std::size_t i = 0; i < models.size(); ++i) {
        const QString shown = QString::fromStdString(displayName(models[i]));
        auto* name = new QTableWidgetItem(QString(shown).replace(' ', '\n'));
        name->setToolTip(shown);
        name->setForeground(models[i].color);
        table_->setItem(int(i), 0, name);
        for (int c = 1; c < 4; ++c) table_->setItem(int(i), c, new QTableWidgetItem("\u2026"));
    }
    table_->resizeRowsToContents();  // once per run: a row-height mode would grow the window
    fitBottomSplit();
    timeline_->setFrames({});
    playableSent_ = false;
    placeholder_->setVisible(models.empty());
    showNote(models.empty() ? "Train the models, then Sample (S)." : "Sampling\u2026");
}

int SampleView::writeSamples(const QString& prefix) const {
    int n = 0;
    for (std::size_t i = 0; i < results_.size(); ++i) {
        if (!results_[i]) continue;
        io::writePointsCsv(prefix + "_" + QString::fromStdString(fileStem(models_[i])) + ".csv",
                           results_[i]->samples);
        ++n;
    }
    return n;
}

double SampleView::finalFloor() const { return final_ ? final_->floor.mean : NAN; }

void SampleView::setRevealAsPlayed(bool on) { revealAsPlayed_ = on; }

double SampleView::finalW1(int index) const {
    if (!final_ || index < 0 || index >= int(final_->models.size())) return NAN;
    return final_->models[std::size_t(index)].w1;
}

const std::optional<W1FrameReading>& SampleView::reading(int frame) const {
    static const std::optional<W1FrameReading> none;
    return frame >= 0 && frame < int(readings_.size()) ? readings_[std::size_t(frame)] : none;
}

void SampleView::onSampled(const ModelSamples& m) {
    if (m.index >= int(results_.size())) return;
    results_[std::size_t(m.index)] = m.result;
    if (timeline_->frames() == 0 || m.result->trajectory.frames > timeline_->frames()) {
        // A longer trajectory than the first (that one blew up early): the animation, if it
        // had started, goes on over the whole timeline instead of stopping where the short
        // one ended, so that a reveal still reaches the end and shows its table.
        const bool resume = playableSent_ && (timeline_->isPlaying() ||
                                              timeline_->frame() >= timeline_->frames() - 1);
        readings_.resize(m.result->trajectory.times.size());
        timeline_->setFrames(m.result->trajectory.times);
        computeDensities(m.result->trajectory.times);
        if (resume) timeline_->play();
    }
    drawFrame(timeline_->frame());
}

void SampleView::computeDensities(const std::vector<double>& times) {
    densityJob_.invalidate();
    const Mixture target = scenario_.makeTarget();
    const Process process = scenario_.makeProcess();
    // The grid covers what a panel shows (a square view, wider on a wide panel), no more:
    // every extra pixel costs drawing time in every frame.
    const double w = viewHalfWidth(target) * 1.15 * 1.3;
    densityJob_.request(
        [=] {
            auto grids = std::make_shared<std::vector<DensityGrid>>();
            for (double t : times)
                grids->push_back(densityGrid(target.marginal(process.alpha(t), process.sigma(t)),
                                             kDensityCells, kDensityCells, -w, w, -w, w));
            return std::shared_ptr<const std::vector<DensityGrid>>(grids);
        },
        [this](std::shared_ptr<const std::vector<DensityGrid>> grids) {
            densities_ = std::move(grids);
            drawFrame(timeline_->frame());
            if (!playableSent_) {
                playableSent_ = true;
                Q_EMIT playable();
            }
        });
}

void SampleView::drawFrame(int frame) {
    for (std::size_t i = 0; i < panels_.size(); ++i) {
        DensityPlot* p = panels_[i];
        if (densities_ && frame < int(densities_->size()))
            p->setDensity((*densities_)[std::size_t(frame)]);
        const auto& r = results_[i];
        if (!r || frame >= r->trajectory.frames) continue;
        const Trajectory& tr = r->trajectory;
        p->setCloud("particles", tr.frame(frame), models_[i].color, 2.5);
        // Trails: the recent paths of the first particles, NaN-separated in one curve.
        const int k = std::min(kTrails, tr.particles);
        const int first = std::max(0, frame - kTrailFrames), len = frame - first + 1;
        PointsF trails((len + 1) * k, 2);
        for (int j = 0; j < k; ++j) {
            for (int f = first; f <= frame; ++f)
                trails.row(j * (len + 1) + f - first) = tr.frame(f).row(j);
            trails.row(j * (len + 1) + len).setConstant(NAN);
        }
        p->setPaths("trails", trails, QColor(255, 255, 255, 110));
    }
    for (std::size_t i = 0; i < panels_.size(); ++i)
        panels_[i]->setTitle(panelTitle(int(i), frame));
    reachFrame(frame);
    if (!reading(frame)) controller_->prioritize(frame);
}

void SampleView::reachFrame(int frame) {
    if (frame <= reached_ || panels_.empty()) return;
    const int before = reached_;
    reached_ = frame;
    if (!revealAsPlayed_) return;
    // The readings measured ahead of the animation join the curve as it gets to them.
    for (int f = before + 1; f <= frame && f < int(readings_.size()); ++f)
        if (readings_[std::size_t(f)]) appendCurve(*readings_[std::size_t(f)], true);
    if (final_ && !tableShown_ && reached_ >= timeline_->frames() - 1) fillTable(*final_);
}

QString SampleView::panelTitle(int model, int frame) const {
    const ComparedModel& m = models_[std::size_t(model)];
    const QString name = QString::fromStdString(displayName(m));
    const auto& r = results_[std::size_t(model)];
    if (r && r->status == SampleStatus::BlewUp && frame >= r->trajectory.frames - 1)
        return name + QString::fromUtf8(" \u2014 blew up at t = %1: no W1").arg(r->tEnd, 0, 'g', 3);
    const auto& reading = this->reading(frame);
    if (!r || !reading) return name + QString::fromUtf8("   W1 \u2026");
    const W1Value& v = reading->models[std::size_t(model)];
    if (!v.ok()) return name + QString::fromUtf8(" \u2014 ") + QString::fromStdString(v.problem);
    return name + "   W1 " + fmt(v.w1) + " (floor " + floorText(reading->floor) + ")";
}

void SampleView::onW1(const W1FrameReading& r) {
    if (r.frame < 0 || r.frame >= int(readings_.size()) || r.models.size() != models_.size())
        return;
    // A frame's reading comes twice when its floor is measured after the models': the
    // second one completes the first, so only the floor is new on the curve.
    const bool modelsDrawn = readings_[std::size_t(r.frame)].has_value();
    readings_[std::size_t(r.frame)] = r;
    if (r.frame == timeline_->frame())
        for (std::size_t i = 0; i < panels_.size(); ++i)
            panels_[i]->setTitle(panelTitle(int(i), r.frame));
    if (r.atTarget) final_ = r;
    // A reveal holds back what the animation has not reached yet (reachFrame shows it).
    const bool reached = r.frame <= reached_ && reached_ >= 0;
    if (revealAsPlayed_ && !reached) return;
    appendCurve(r, !modelsDrawn);
    if (r.atTarget) fillTable(r);
}

void SampleView::appendCurve(const W1FrameReading& r, bool withModels) {
    for (std::size_t i = 0; i < models_.size() && withModels; ++i)
        if (r.models[i].ok())
            w1Plot_->append(QString::fromStdString(displayName(models_[i])), r.t, r.models[i].w1);
    if (!r.floor.measured()) return;
    w1Plot_->append(kFloor, r.t, r.floor.mean);
    w1Plot_->append(kFloorLow, r.t, r.floor.mean - r.floor.spread);
    w1Plot_->append(kFloorHigh, r.t, r.floor.mean + r.floor.spread);
}

void SampleView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    fitBottomSplit();
}

void SampleView::fitBottomSplit() {
    const int total = bottom_->width() - bottom_->handleWidth();
    if (bottomDragged_ || total <= 0) return;
    // Each column's widest line of text (a cell or its header) and the cell's padding.
    // (In the item's own font where it has one: the lesson's answer row is bold.)
    int need = 2 * table_->frameWidth() + 4;
    for (int c = 0; c < table_->columnCount(); ++c) {
        int widest = table_->horizontalHeader()->sectionSizeHint(c);
        for (int r = 0; r < table_->rowCount(); ++r)
            if (const QTableWidgetItem* item = table_->item(r, c)) {
                const QVariant own = item->data(Qt::FontRole);
                const QFontMetrics fm(own.isValid() ? own.value<QFont>() : table_->font());
                for (const QString& line : item->text().split('\n'))
                    widest = std::max(widest, fm.horizontalAdvance(line) + 16);
            }
        need += widest;
    }
    const int tableWidth = std::clamp(need, total / 3, total / 2);
    bottom_->setSizes({total - tableWidth, tableWidth});
}

void SampleView::fillTable(const W1FrameReading& r) {
    tableShown_ = true;
    for (std::size_t i = 0; i < r.models.size(); ++i) {
        const W1Value& v = r.models[i];
        const int row = int(i);
        const auto& result = results_[i];
        const std::string problem =
            result && result->status == SampleStatus::BlewUp ? result->message : v.problem;
        table_->item(row, 1)->setText(
            v.ok() ? fmt(v.w1) : QString::fromUtf8("\u2014 ") + QString::fromStdString(problem));
        // The pair count goes to the tooltip: in the cell it pushed the value past the edge.
        table_->item(row, 2)->setText(floorText(r.floor));
        table_->item(row, 2)->setToolTip(
            QString("mean \u00b1 standard deviation over %1 pairs of samples").arg(r.floor.n));
        table_->item(row, 3)->setText(v.ok() ? QString::number(v.w1 / r.floor.mean, 'f', 2)
                                             : QString::fromUtf8("\u2014"));
    }
    Q_EMIT resultsShown();
}

namespace {
QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

QJsonObject readout(const std::string& model, const W1Value& v, const FloorStats& f) {
    QJsonObject o{{"model", QString::fromStdString(model)},
                  {"w1", number(v.w1)},
                  {"floor", number(f.mean)},
                  {"floor_spread", number(f.spread)},
                  {"n", f.n}};
    if (!v.ok()) o["problem"] = QString::fromStdString(v.problem);
    return o;
}
}  // namespace

QJsonObject SampleView::report() const {
    const int frame = timeline_->frame();
    QJsonObject out{{"frame", frame}, {"frames", timeline_->frames()}, {"settled", settled_}};
    const auto& shown = reading(frame);
    out["t"] = shown ? QJsonValue(shown->t) : QJsonValue();
    QJsonArray panels, table;
    QJsonObject curve;
    for (std::size_t i = 0; i < models_.size(); ++i) {
        const std::string name = displayName(models_[i]);
        QJsonObject p{{"model", QString::fromStdString(name)}, {"title", panels_[i]->title()}};
        if (shown) p = readout(name, shown->models[i], shown->floor);
        p["title"] = panels_[i]->title();
        panels.append(p);
        if (final_ && tableShown_) table.append(readout(name, final_->models[i], final_->floor));
        QJsonArray points;
        for (const auto& r : readings_)
            if (r && r->models[i].ok()) points.append(QJsonArray{r->t, r->models[i].w1});
        curve[QString::fromStdString(name)] = points;
    }
    out["panels"] = panels;
    out["table"] = table;
    out["w1_curve"] = curve;
    return out;
}

}  // namespace symscore::ui
