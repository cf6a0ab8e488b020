#include "ui/views/train_view.hpp"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <cmath>

#include "core/density_grid.hpp"
#include "ui/models/comparison.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/views/docs_link.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/sweep_form.hpp"

namespace symscore::ui {

namespace {
QString violationName(const std::string& model) {
    return QString::fromStdString(displayName(model)) + ": symmetry violation";
}
}  // namespace

TrainView::TrainView(TrainingController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      target_(new DensityPlot(this)),
      loss_(new CurvePlot("Training loss (DSM, smoothed)", "step", "loss", this)),
      error_(new CurvePlot("Exact score error: how far each model is from the true score", "step",
                           "error", this)),
      progress_(new QProgressBar(this)),
      speed_(new QLabel(this)),
      status_(new QLabel(this)) {
    loss_->setLogY(true);
    error_->setLogY(true);
    loss_->setToolTip(
        "The denoising score-matching loss each model minimizes. It never reaches "
        "zero, and with few training points it keeps falling even when the model "
        "only memorizes them.");
    error_->setToolTip(
        "Solid: the error against the exact score of the target (known because it "
        "is a Gaussian mixture). Dashed: the part of that error that comes from "
        "breaking the symmetry; equivariant models have none by construction.");
    target_->setToolTip(
        "The target density. White dots: the fixed training set every model "
        "learns from. Dashed lines and \u2726: the symmetry group; the lighter wedge is a "
        "fundamental domain, whose copies under the group tile the plane. Hover a point to "
        "ring its orbit in every plot; drag a + (a component's mean) and its orbit follows; "
        "click to add a component.");

    auto* curves = new QVBoxLayout;
    curves->addWidget(error_, 3);
    curves->addWidget(loss_, 2);
    auto* top = new QHBoxLayout;
    top->addWidget(target_, 1);
    top->addLayout(curves, 1);

    progress_->setFormat("step %v of %m");
    speed_->setMinimumWidth(220);
    status_->setWordWrap(true);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(progress_, 1);
    bottom->addWidget(speed_);
    auto* layout = new QVBoxLayout(this);
    explanation_ = new Explanation(
        "<b>What am I looking at?</b> Every model here learns the same thing: the <i>score</i>, an "
        "arrow at each point and noise level that points towards where data is more likely. They "
        "all see the same few training points (white dots on the left) drawn from the target "
        "(the bright blobs), which is symmetric under the group drawn on top (dashed mirror lines, "
        "\u2726 rotation centre). <b>plain</b> knows nothing about the symmetry; <b>augmented</b> "
        "sees randomly rotated or mirrored copies of the points; <b>equivariant</b> is symmetric "
        "by "
        "construction (it averages itself over the group). Top right: how far each model's score "
        "is "
        "from the exact one, which we know because the target is a mixture of Gaussians; the "
        "dashed "
        "part is the error that comes only from breaking the symmetry. Lower is better. Bottom "
        "right (left out in lesson mode): the training loss, which every model minimizes but which "
        "never reaches zero. "
        "<b>Why the comparison is fair:</b> every model trains on the same data (the same "
        "training points), with the same network (width, depth, time features and starting "
        "weights), for the same number of steps, on the same minibatches, times and noise, and "
        "samples with the same noise; only the way it uses the symmetry differs. Each model is "
        "also checked against a standard PyTorch implementation of the same run, on the same "
        "training points: " +
            docsLink("results.md", "the paired table") +
            " (section \u201cFairness\u201d, also in the Help menu) gives the difference per "
            "scenario and model, with its spread over seeds.",
        this);
    layout->addWidget(explanation_);
    layout->addLayout(top, 1);
    layout->addLayout(bottom);
    layout->addWidget(status_);

    connect(controller_, &TrainingController::updated, this, &TrainView::onUpdate);
    connect(controller_, &TrainingController::stateChanged, this, &TrainView::onState);
    connect(controller_, &TrainingController::runStarted, this, &TrainView::clearRun);
    connect(controller_, &TrainingController::failed, this, [this](const QString& m) {
        status_->setText("<span style='color:#c0392b'>Training failed: " + m.toHtmlEscaped() +
                         "</span>");
    });
}

void TrainView::setScenario(const Scenario& s) {
    scenario_ = s;
    clearRun();
    status_->setText("Press Train (Space) to train every model side by side on the same data.");
    drawTarget();
}

void TrainView::clearRun() {
    const Scenario& s = scenario_;
    lastStep_ = 0;
    loss_->removeAllSeries();
    error_->removeAllSeries();
    bool violations = false;
    for (const ModelSpec& m : s.models) {
        const QColor c = Comparison::scenarioColor(s, m.name);
        if (m.equivariance == Equivariance::Exact) continue;  // the oracle does not train
        const QString name = QString::fromStdString(displayName(m.name));  // as every view
        loss_->addSeries(name, c);
        error_->addSeries(name, c);
        if (m.equivariance == Equivariance::None) {
            error_->addSeries(violationName(m.name), c, Qt::DashLine, false);
            violations = true;
        }
    }
    // One key explains every model's dashed line (its colour says whose it is).
    if (violations) error_->addLegendKey("dashed: symmetry violation", Qt::DashLine);
    // Before the first point the step axis spans the run, not QCustomPlot's 0 to 5.
    for (CurvePlot* plot : {loss_, error_}) {
        plot->xAxis->setRange(0, std::max(1, s.training.steps));
        plot->refresh();
    }
    progress_->setRange(0, std::max(1, s.training.steps));
    progress_->setValue(0);
    speed_->clear();
}

void TrainView::setLessonMode(bool on) { loss_->setVisible(!on); }

void TrainView::showTrained(long steps, const QString& note) {
    progress_->setValue(int(std::clamp<long>(steps, 0, progress_->maximum())));
    status_->setText(note);
}

QString TrainView::progressLine(const TrainProgress& p) {
    QString line = QString("Training %1/%2 steps").arg(p.step).arg(p.totalSteps);
    if (p.stepsPerSecond > 0 && p.step < p.totalSteps)
        line += ", " + remainingText(double(p.totalSteps - p.step) / p.stepsPerSecond);
    return line;
}

void TrainView::drawTarget() {
    const Scenario& s = scenario_;
    const Group group = s.makeGroup();
    const Mixture target = s.makeTarget();
    const double half = viewHalfWidth(target);
    // A target whose symmetry is broken says so next to the group's name: the
    // group is what the models assume, not what the target has.
    QString title =
        QString::fromStdString("Target density and training set \u2014 " + group.name());
    if (s.mixture.symmetry_breaking > 0)
        title += QString(", symmetry broken (%1)").arg(s.mixture.symmetry_breaking, 0, 'f', 2);
    target_->setTitle(title);
    target_->setView(half);
    target_->setSymmetry(group);
    // The shaded fundamental domain holds the first component's mean where it can, so the
    // class sees one blob inside it and the group making the rest.
    double prefer = 0.0;
    if (!s.mixture.components.empty()) {
        const Vec2 m = s.mixture.components.front().mean;
        if (m.norm() > 0) prefer = std::atan2(m.y(), m.x()) * 180.0 / M_PI;
    }
    target_->setFundamentalDomain(fundamentalWedge(group, prefer));
    Points means(target.size(), 2);
    for (int k = 0; k < target.size(); ++k)
        means.row(k) = target.components()[std::size_t(k)].mean.transpose();
    target_->setCloud("component means", means, QColor(255, 255, 255, 200), 9.0);
    target_->setCloudShape("component means", QCPScatterStyle::ssPlus);
    targetJob_.invalidate();  // a newer scenario supersedes the one being drawn
    targetJob_.request(
        [target, half, s] {
            const double w = 1.4 * half;
            return std::make_pair(densityGrid(target, 240, 240, -w, w, -w, w), drawTrainingSet(s));
        },
        [this](std::pair<DensityGrid, Points> r) {
            target_->setDensity(r.first);
            target_->setCloud("training points", r.second, Qt::white, 4.0);
            Q_EMIT targetReady();
        });
}

void TrainView::onUpdate(const TrainUpdate& u) {
    const TrainProgress& p = u.progress;
    progress_->setValue(int(p.step));
    lastStep_ = p.step;
    const QString left =
        p.stepsPerSecond > 0 && p.step < p.totalSteps
            ? " \u00b7 " + remainingText(double(p.totalSteps - p.step) / p.stepsPerSecond)
            : QString();
    speed_->setText(QString("%1 steps/s \u00b7 %2 s")
                        .arg(p.stepsPerSecond, 0, 'f', 0)
                        .arg(p.seconds, 0, 'f', 1) +
                    left);
    QStringList problems;
    for (std::size_t i = 0; i < p.models.size(); ++i) {
        const ModelProgress& m = p.models[i];
        const QString name = QString::fromStdString(displayName(m.name));
        if (p.step > 0 && !u.hasErrors) loss_->append(name, double(m.step), m.loss);
        if (m.status == TrainStatus::Diverged)
            problems << name + ": " + QString::fromStdString(m.message);
        if (u.hasErrors && i < u.errors.size()) {
            error_->append(name, double(p.step), u.errors[i].error);
            error_->append(violationName(m.name), double(p.step), u.errors[i].violation);
        }
    }
    if (!problems.isEmpty())
        status_->setText(
            "<span style='color:#c0392b'>Stopped, diverged (last finite weights kept): " +
            problems.join("; ").toHtmlEscaped() + "</span>");
}

void TrainView::onState(TrainingController::State s) {
    using S = TrainingController::State;
    if (status_->text().contains("diverged")) return;
    switch (s) {
        case S::Idle:
            status_->setText("Ready.");
            break;
        case S::Running:
            status_->setText(
                "Training every model side by side on the same data, noise and initial "
                "weights\u2026");
            break;
        case S::Paused:
            status_->setText("Paused. Resume (Space) or Stop.");
            break;
        case S::Finished:
            status_->setText(
                controller_->stoppedEarly()
                    ? QString(
                          "Stopped at step %1 of %2. Sample (S) to watch the models as they are.")
                          .arg(lastStep_)
                          .arg(scenario_.training.steps)
                    : QString("Training done. Sample (S) to watch the models generate."));
            break;
    }
}

}  // namespace symscore::ui
