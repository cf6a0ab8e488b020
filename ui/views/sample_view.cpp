#include "ui/views/sample_view.hpp"

#include <QGridLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "core/io/points_csv.hpp"
#include "core/wasserstein.hpp"
#include <QDir>
#include "ui/jobs/background.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/views/explanation.hpp"
#include "ui/plot/palette.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
constexpr int kTrails = 12;       // particles whose paths are drawn
constexpr int kTrailFrames = 30;  // how far back a trail reaches
constexpr int kLiveW1Points = 300;  // particles in the live W1 readout
constexpr int kDensityCells = 200;

QString fmt(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QString("\u2014"); }
}  // namespace

SampleView::SampleView(SamplingController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      grid_(nullptr),
      gridHost_(new QWidget(this)),
      timeline_(new Timeline(this)),
      w1Plot_(new CurvePlot("W1 to p_t along the reverse process (400 particles)", "t", "W1", this)),
      table_(new QTableWidget(0, 4, this)),
      status_(new QLabel(this)) {
    grid_ = new QGridLayout(gridHost_);
    grid_->setContentsMargins(0, 0, 0, 0);
    w1Plot_->setLogY(true);
    w1Plot_->xAxis->setRangeReversed(true);  // time runs from T down to eps, left to right
    w1Plot_->setToolTip("How far each model's particles are from the true distribution p_t at each time "
                        "(Wasserstein-1; lower is better). Dotted: the noise floor, the W1 between two "
                        "independent samples of p_t of the same size.");
    table_->setHorizontalHeaderLabels({"model", "W1 to target", "noise floor", "W1 / floor"});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setToolTip("Final exact Wasserstein-1 distance between each model's samples and a fresh sample "
                       "of the target. A ratio near 1 means as good as the finite sample allows.");

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(w1Plot_);
    bottom->addWidget(table_);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(gridHost_);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({720, 240});
    gridHost_->setMinimumHeight(320);
    auto* layout = new QVBoxLayout(this);
    explanation_ = new Explanation(
        "<b>What am I looking at?</b> A diffusion model makes new data by running noise backwards: "
        "each panel starts with particles spread like pure noise (time T) and moves them with its "
        "learned score until time \u03b5, when they should look like the target. The background is "
        "the true density p<sub>t</sub> at the same moment, so you can see whether the particles "
        "keep up with it. Lines show the recent paths of a few particles. <b>W1</b> (Wasserstein-1) "
        "is how far, on average, the particles would have to move to match a fresh sample of "
        "p<sub>t</sub>; lower is better, but even two samples of the same distribution are not at "
        "zero: that is the <b>noise floor</b>. The table gives each model's final W1 against the "
        "target; a ratio near 1 to the floor means as good as a finite sample allows.",
        this);
    layout->addWidget(explanation_);
    layout->addWidget(split, 1);
    layout->addWidget(timeline_);
    layout->addWidget(status_);

    connect(controller_, &SamplingController::modelSampled, this, &SampleView::onSampled);
    connect(controller_, &SamplingController::w1Measured, this, &SampleView::onW1);
    connect(controller_, &SamplingController::progress, this, [this](int i, int step, int steps) {
        if (i < int(models_.size()))
            status_->setText(QString("Sampling %1: step %2 of %3\u2026")
                                 .arg(QString::fromStdString(models_[std::size_t(i)].name)).arg(step).arg(steps));
    });
    connect(controller_, &SamplingController::finished, this, [this] {
        status_->setText("Done. Play (P) to watch noise turn into data; drag the timeline to scrub.");
        Q_EMIT ready();
    });
    connect(controller_, &SamplingController::failed, this, [this](const QString& m) {
        status_->setText("<span style='color:#c0392b'>Sampling failed: " + m.toHtmlEscaped() + "</span>");
    });
    connect(timeline_, &Timeline::frameChanged, this, &SampleView::drawFrame);
    connect(timeline_, &Timeline::playingChanged, this, [this](bool playing) {
        for (DensityPlot* p : panels_) p->setAnimating(playing);
    });
    status_->setText("Train the models, then Sample (S).");
}

void SampleView::setScenario(const Scenario& s) {
    controller_->cancel();
    scenario_ = s;
    beginRun({});
    status_->setText("Train the models, then Sample (S).");
}

void SampleView::beginRun(const std::vector<ComparedModel>& models) {
    models_ = models;
    results_.assign(models.size(), nullptr);
    finalW1_.assign(models.size(), NAN);
    finalFloor_.assign(models.size(), NAN);
    liveW1_.assign(models.size(), QString());
    densities_.reset();
    ++densityJob_;
    ++liveJob_;
    for (DensityPlot* p : panels_) delete p;
    panels_.clear();
    const Group group = scenario_.makeGroup();
    const double half = viewHalfWidth(scenario_.makeTarget()) * 1.15;
    const int cols = models.size() <= 3 ? int(models.size()) : int(std::ceil(std::sqrt(double(models.size()))));
    for (std::size_t i = 0; i < models.size(); ++i) {
        auto* p = new DensityPlot(gridHost_);
        p->setTitle(QString::fromStdString(models[i].name));
        p->setView(half);
        p->setSymmetry(group);
        p->setToolTip("Particles of this model at the current time, over the true density p_t at that "
                      "time. Lines: the paths of a few particles so far.");
        grid_->addWidget(p, int(i) / std::max(1, cols), int(i) % std::max(1, cols));
        panels_.push_back(p);
    }
    w1Plot_->removeAllSeries();
    for (std::size_t i = 0; i < models.size(); ++i)
        w1Plot_->addSeries(QString::fromStdString(models[i].name), modelColor(int(i)));
    w1Plot_->addSeries("noise floor", Qt::gray, Qt::DotLine);
    table_->setRowCount(int(models.size()));
    for (std::size_t i = 0; i < models.size(); ++i) {
        table_->setItem(int(i), 0, new QTableWidgetItem(QString::fromStdString(models[i].name)));
        for (int c = 1; c < 4; ++c) table_->setItem(int(i), c, new QTableWidgetItem("\u2026"));
    }
    timeline_->setFrames({});
    playableSent_ = false;
    if (!models.empty()) status_->setText("Sampling\u2026");
}

int SampleView::writeSamples(const QString& dir) const {
    int n = 0;
    for (std::size_t i = 0; i < results_.size(); ++i) {
        if (!results_[i]) continue;
        io::writePointsCsv(QDir(dir).filePath(QString::fromStdString("samples_" + models_[i].name + ".csv")),
                           results_[i]->samples);
        ++n;
    }
    return n;
}

double SampleView::finalW1(int index) const {
    return index < int(finalW1_.size()) ? finalW1_[std::size_t(index)] : NAN;
}

void SampleView::onSampled(const ModelSamples& m) {
    if (m.index >= int(results_.size())) return;
    results_[std::size_t(m.index)] = m.result;
    if (m.result->status == SampleStatus::BlewUp)
        panels_[std::size_t(m.index)]->setTitle(QString::fromStdString(m.name + " \u2014 stopped: " + m.result->message));
    if (timeline_->frames() == 0) {
        timeline_->setFrames(m.result->trajectory.times);
        computeDensities(m.result->trajectory.times);
    }
    drawFrame(timeline_->frame());
}

void SampleView::computeDensities(const std::vector<double>& times) {
    const int job = ++densityJob_;
    const Mixture target = scenario_.makeTarget();
    const Process process = scenario_.makeProcess();
    // The grid covers what a panel shows (a square view, wider on a wide panel), no more:
    // every extra pixel costs drawing time in every frame.
    const double w = viewHalfWidth(target) * 1.15 * 1.3;
    runInBackground(
        this,
        [=] {
            auto grids = std::make_shared<std::vector<DensityGrid>>();
            for (double t : times)
                grids->push_back(densityGrid(target.marginal(process.alpha(t), process.sigma(t)),
                                             kDensityCells, kDensityCells, -w, w, -w, w));
            return std::shared_ptr<const std::vector<DensityGrid>>(grids);
        },
        [this, job](std::shared_ptr<const std::vector<DensityGrid>> grids) {
            if (job != densityJob_) return;
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
        if (densities_ && frame < int(densities_->size())) p->setDensity((*densities_)[std::size_t(frame)]);
        const auto& r = results_[i];
        if (!r || frame >= r->trajectory.frames) continue;
        const Trajectory& tr = r->trajectory;
        p->setCloud("particles", tr.frame(frame), modelColor(int(i)), 2.5);
        // Trails: the recent paths of the first particles, NaN-separated in one curve.
        const int k = std::min(kTrails, tr.particles);
        const int first = std::max(0, frame - kTrailFrames), len = frame - first + 1;
        PointsF trails((len + 1) * k, 2);
        for (int j = 0; j < k; ++j) {
            for (int f = first; f <= frame; ++f) trails.row(j * (len + 1) + f - first) = tr.frame(f).row(j);
            trails.row(j * (len + 1) + len).setConstant(NAN);
        }
        p->setPaths("trails", trails, QColor(255, 255, 255, 110));
        QString title = QString::fromStdString(models_[i].name);
        if (!liveW1_[i].isEmpty()) title += "   " + liveW1_[i];
        p->setTitle(title);
    }
    requestLiveW1(frame);
}

void SampleView::requestLiveW1(int frame) {
    // One job at a time; while it runs only the newest frame is remembered, so a fast
    // animation never queues stale work.
    if (liveBusy_) {
        livePending_ = frame;
        return;
    }
    std::vector<PointsF> clouds;
    for (const auto& r : results_)
        clouds.push_back(r && frame < r->trajectory.frames
                             ? PointsF(r->trajectory.frame(frame).topRows(std::min(kLiveW1Points, r->trajectory.particles)))
                             : PointsF());
    if (!results_.empty() && results_[0] && frame >= results_[0]->trajectory.frames) return;
    double t = NAN;
    for (const auto& r : results_)
        if (r && frame < r->trajectory.frames) t = r->trajectory.times[std::size_t(frame)];
    if (!std::isfinite(t)) return;
    liveBusy_ = true;
    const int job = liveJob_;
    const Mixture pt = scenario_.makeTarget().marginal(scenario_.makeProcess().alpha(t), scenario_.makeProcess().sigma(t));
    runInBackground(
        this,
        [clouds, pt, frame] {
            std::vector<QString> out;
            Rng rng(1234, std::uint64_t(frame));
            for (const PointsF& c : clouds) {
                if (c.rows() < 2) {
                    out.push_back({});
                    continue;
                }
                const int n = int(c.rows());
                const double w = w1Exact(c.cast<double>(), pt.sample(n, rng));
                out.push_back(QString("W1 %1 (floor %2, n=%3)").arg(fmt(w), fmt(w1NoiseFloor(pt, n)), QString::number(n)));
            }
            return out;
        },
        [this, job](std::vector<QString> readings) {
            liveBusy_ = false;
            if (job == liveJob_ && readings.size() == liveW1_.size()) {
                liveW1_ = std::move(readings);
                for (std::size_t i = 0; i < panels_.size(); ++i)
                    if (!liveW1_[i].isEmpty())
                        panels_[i]->setTitle(QString::fromStdString(models_[i].name) + "   " + liveW1_[i]);
            }
            if (livePending_ >= 0) {
                const int f = livePending_;
                livePending_ = -1;
                requestLiveW1(f);
            }
        });
}

void SampleView::onW1(const W1Reading& w) {
    if (w.index >= int(models_.size())) return;
    const QString name = QString::fromStdString(models_[std::size_t(w.index)].name);
    if (w.final) {
        finalW1_[std::size_t(w.index)] = w.w1;
        finalFloor_[std::size_t(w.index)] = w.floor;
        table_->item(w.index, 1)->setText(fmt(w.w1));
        table_->item(w.index, 2)->setText(fmt(w.floor) + QString(" (n=%1)").arg(w.n));
        table_->item(w.index, 3)->setText(QString::number(w.w1 / w.floor, 'f', 2));
        return;
    }
    w1Plot_->append(name, w.t, w.w1);
    if (w.index == 0) w1Plot_->append("noise floor", w.t, w.floor);
}

}  // namespace symscore::ui
