#include "ui/views/experiment_view.hpp"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>

#include "core/io/scenario_json.hpp"
#include "core/io/sweep_files.hpp"
#include "ui/app/export.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/qcp.hpp"
#include "ui/plot/sweep_plot.hpp"
#include "ui/scenario/kept_spin_box.hpp"
#include "ui/scenario/panel_widgets.hpp"
#include "ui/views/experiment_cluster.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/sweep_form.hpp"

namespace symscore::ui {

namespace {

QString fmt(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QString("\u2014"); }

QString cellText(const SweepCell& c) {
    QString t;
    if (c.count == 0)
        t = "\u2014";
    else if (c.count == 1)
        t = fmt(c.w1Mean) + " (1 seed)";
    else
        t = QString("%1 \u00b1 %2 (%3 seeds)").arg(fmt(c.w1Mean), fmt(c.w1Std)).arg(c.count);
    if (c.failed > 0) t += QString(", %1 failed").arg(c.failed);
    return t;
}

}  // namespace

ExperimentView::ExperimentView(QWidget* parent)
    : QWidget(parent),
      controller_(new ExperimentController(this)),
      sizes_(new QLineEdit("8, 32, 128, 512", this)),
      sizesError_(makeErrorLabel(this)),
      seeds_(new KeptSpinBox(this)),
      parallel_(new KeptSpinBox(this)),
      runsLabel_(new QLabel(this)),
      folder_(new QLineEdit(this)),
      chooseButton_(new QPushButton("Choose\u2026", this)),
      runButton_(new QPushButton("Run", this)),
      cancelButton_(new QPushButton("Cancel", this)),
      newFolder_(new QPushButton("Use a new folder", this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      plot_(new QCustomPlot(this)),
      table_(new QTableWidget(this)),
      exportCsv_(new QPushButton("CSV\u2026", this)),
      exportPng_(new QPushButton("PNG\u2026", this)),
      exportPdf_(new QPushButton("PDF\u2026", this)) {
    configureWidgets();
    layOut();
    connectSignals();
    setScenario(Scenario());
}

// Ranges, starting values and tooltips.
void ExperimentView::configureWidgets() {
    sizes_->setToolTip(
        "The training set sizes n_train to try, increasing, separated by commas. "
        "Every model is trained from scratch at every size.");
    seeds_->setRange(1, 50);
    seeds_->setValue(5);
    seeds_->setToolTip(
        "How many times each size is repeated with new training points, noise and "
        "initial weights. More seeds give smaller error bars and take longer.");
    parallel_->setRange(1, std::max(1, QThread::idealThreadCount()));
    parallel_->setValue(1);
    parallel_->setToolTip(
        "Runs trained at the same time, sharing the cores. On a machine with few "
        "cores, 1 (each run using every core) is as fast or faster.");
    runsLabel_->setStyleSheet("color: #555;");
    runsLabel_->setWordWrap(true);  // whole in lesson mode's larger text too
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::RichText);
    newFolder_->setVisible(false);
    newFolder_->setToolTip("Keep the old sweep and start this one in a new folder next to it.");
    cancelButton_->setToolTip("Stops now; finished runs stay saved and Run resumes from them.");
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    progress_->setFormat("not started");
    exportCsv_->setToolTip("Save a copy of results.csv: one row per model and run.");
    exportPng_->setToolTip("Save the plot as a PNG picture.");
    exportPdf_->setToolTip("Save the plot as a PDF.");

    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setToolTip(
        "W1 to the target: mean \u00b1 standard deviation over the seeds finished so far. "
        "Lower is better; nothing can go below the noise floor.");
    plot_->setMinimumHeight(260);
    plot_->setToolTip(
        "Each dot is the mean W1 over seeds at one training set size, the bars one "
        "standard deviation. Dashed grey: the noise floor.");
}

// The form, buttons and status on the left, the plot over the table on the right, the
// explanation above both.
void ExperimentView::layOut() {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow("Training set sizes", sizes_);
    form->addRow("", sizesError_);
    form->addRow("Seeds per size", seeds_);
    form->addRow("Parallel runs", parallel_);
    form->addRow("", runsLabel_);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(chooseButton_);
    form->addRow("Output folder", folderRow);
    auto* folderNote = new QLabel(
        "Every finished run is saved here at once; Run on a folder holding the "
        "same sweep resumes it.",
        this);
    folderNote->setWordWrap(true);
    folderNote->setStyleSheet("color: #555;");
    form->addRow("", folderNote);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_, 1);
    buttons->addWidget(cancelButton_, 1);
    auto* exports = new QHBoxLayout;
    exports->addWidget(new QLabel("Export:", this));
    exports->addWidget(exportCsv_);
    exports->addWidget(exportPng_);
    exports->addWidget(exportPdf_);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addLayout(form);
    sideLayout->addLayout(buttons);
    sideLayout->addWidget(progress_);
    sideLayout->addWidget(status_);
    sideLayout->addWidget(newFolder_, 0, Qt::AlignLeft);
    sideLayout->addStretch(1);
    sideLayout->addLayout(exports);
    cluster_ = new ExperimentCluster(
        controller_,
        [this](QString* why) -> std::optional<SweepToExport> {
            const auto sizes = parseSizesText(sizes_->text(), why);
            if (!sizes) return std::nullopt;
            return SweepToExport{scenario_, *sizes, seeds_->value()};
        },
        this);
    sideLayout->addWidget(cluster_);
    side->setMinimumWidth(330);
    side->setMaximumWidth(420);

    auto* results = new QVBoxLayout;
    results->addWidget(plot_, 1);
    results->addWidget(table_, 0);
    auto* middle = new QHBoxLayout;
    middle->addWidget(side);
    middle->addLayout(results, 1);

    explanation_ = new Explanation(
        "<b>What am I looking at?</b> This is the paper's experiment. For every training set size "
        "<i>n_train</i> each model is trained from scratch on that many points drawn from the "
        "target, "
        "then generates new points. <b>W1</b> (the Wasserstein-1, or \u201cearth mover's\u201d, "
        "distance) measures how far the generated cloud is from a fresh sample of the target: the "
        "average distance you would have to move each generated point to turn one cloud into the "
        "other. Lower is better. Two finite samples of the target itself are never at distance "
        "zero, "
        "so the dashed grey <b>noise floor</b> is the W1 between two such samples: the best any "
        "model can show. Every size is repeated with several seeds (new training points, noise and "
        "initial weights); a dot is the mean and its bar one standard deviation. The paper "
        "predicts "
        "<b>equivariant</b> below <b>augmented</b> below <b>plain</b>, with the gap largest at "
        "small "
        "n_train, where knowing the symmetry is worth the most data; with many points every model "
        "comes close to the floor.",
        this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation_);
    layout->addLayout(middle, 1);
}

void ExperimentView::connectSignals() {
    connect(sizes_, &QLineEdit::textChanged, this, [this] { validateSizes(); });
    connect(seeds_, &QSpinBox::valueChanged, this, [this] { updateRunsLabel(); });
    // Seeds and parallel runs keep what was typed; a text that is no usable number is
    // refused like bad sizes (kept_spin_box.hpp).
    for (QSpinBox* box : {seeds_, parallel_})
        connect(static_cast<KeptSpinBox*>(box), &KeptSpinBox::typedProblemChanged, this,
                [this] { validateSizes(); });
    connect(folder_, &QLineEdit::textEdited, this, [this] {
        folderChosen_ = true;
        newFolder_->setVisible(false);
    });
    connect(chooseButton_, &QPushButton::clicked, this, &ExperimentView::chooseFolder);
    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(cancelButton_, &QPushButton::clicked, this, &ExperimentView::cancel);
    connect(newFolder_, &QPushButton::clicked, this, [this] {
        setFolder(freeSibling(folder()));
        run();
    });
    connect(exportCsv_, &QPushButton::clicked, this, [this] { exportDialog("csv"); });
    connect(exportPng_, &QPushButton::clicked, this, [this] { exportDialog("png"); });
    connect(exportPdf_, &QPushButton::clicked, this, [this] { exportDialog("pdf"); });
    connect(controller_, &ExperimentController::updated, this, &ExperimentView::showUpdate);
    connect(controller_, &ExperimentController::progress, this, &ExperimentView::showProgress);
    connect(controller_, &ExperimentController::stateChanged, this, &ExperimentView::onState);
    connect(controller_, &ExperimentController::failed, this, [this](const QString& m) {
        setStatus("<span style='color:#c0392b'>The sweep stopped: " + m.toHtmlEscaped() +
                  "</span>");
    });
    connect(controller_, &ExperimentController::finished, this, &ExperimentView::finished);
    connect(cluster_, &ExperimentCluster::message, this, &ExperimentView::setStatus);
}

ExperimentView::~ExperimentView() { controller_->cancel(); }

void ExperimentView::setScenario(const Scenario& s) {
    controller_->setScenario(s);  // cancels and joins a running sweep
    scenario_ = s;
    if (!folderChosen_) {
        folder_->setText(QDir::toNativeSeparators(defaultExperimentFolder(s)));
        folder_->setToolTip(folder_->text());
    }
    newFolder_->setVisible(false);
    showUpdate(ExperimentUpdate());
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat("not started");
    setStatus(
        "Press Run to train every model at every size and seed. This takes a while: each run "
        "is a whole training and sampling.");
    validateSizes();
}

QString ExperimentView::folder() const {
    return QDir::fromNativeSeparators(folder_->text().trimmed());
}

void ExperimentView::setFolder(const QString& f) {
    folderChosen_ = true;
    folder_->setText(QDir::toNativeSeparators(f));
    folder_->setToolTip(QDir::toNativeSeparators(f));
    newFolder_->setVisible(false);
}

QString ExperimentView::statusText() const { return status_->text(); }
QString ExperimentView::sizesError() const { return sizesError_->text(); }

void ExperimentView::setStatus(const QString& html) { status_->setText(html); }

void ExperimentView::validateSizes() {
    QString reason;
    const bool ok = parseSizesText(sizes_->text(), &reason).has_value();
    setInvalidLook(sizes_, !ok);
    for (QSpinBox* box : {seeds_, parallel_})
        setInvalidLook(box, !static_cast<KeptSpinBox*>(box)->typedProblem().isEmpty());
    showError(sizesError_, formProblem());
    updateRunsLabel();
    updateButtons();
}

QString ExperimentView::formProblem() const {
    QStringList problems;
    QString reason;
    if (!parseSizesText(sizes_->text(), &reason)) problems << "Training set sizes: " + reason;
    const auto typed = [](QSpinBox* box) { return static_cast<KeptSpinBox*>(box)->typedProblem(); };
    if (!typed(seeds_).isEmpty()) problems << "Seeds per size: " + typed(seeds_);
    if (!typed(parallel_).isEmpty()) problems << "Parallel runs: " + typed(parallel_);
    if (!scenarioProblem_.isEmpty())
        problems << "Scenario panel: " + scenarioProblem_ + " (fix it there first)";
    return problems.join("\n");
}

void ExperimentView::setScenarioProblem(const QString& problem) {
    scenarioProblem_ = problem;
    validateSizes();
}

void ExperimentView::updateRunsLabel() {
    const auto sizes = parseSizesText(sizes_->text());
    if (!sizes) {
        runsLabel_->clear();
        return;
    }
    const int runs = int(sizes->size()) * seeds_->value();
    runsLabel_->setText(QString("%1 runs (sizes \u00d7 seeds), each training %2 models")
                            .arg(runs)
                            .arg(scenario_.models.size()));
}

void ExperimentView::updateButtons() {
    const bool running = controller_->isRunning();
    const bool sizesOk = sizesError_->text().isEmpty();
    runButton_->setEnabled(!running && sizesOk);
    cancelButton_->setEnabled(running);
    for (QWidget* w : {static_cast<QWidget*>(sizes_), static_cast<QWidget*>(seeds_),
                       static_cast<QWidget*>(parallel_), static_cast<QWidget*>(folder_),
                       static_cast<QWidget*>(chooseButton_)})
        w->setEnabled(!running);
    if (cluster_) cluster_->setEnabled(!running);
    const bool haveRows = !controller_->latest().rows.empty();
    exportCsv_->setEnabled(haveRows);
    exportPng_->setEnabled(haveRows);
    exportPdf_->setEnabled(haveRows);
}

QString ExperimentView::plotTitle() const {
    const int seeds = controller_->isRunning() || !controller_->latest().rows.empty()
                          ? controller_->spec().seeds
                          : seeds_->value();
    // Results opened from a folder belong to that folder's sweep and scenario.
    const bool shown = !controller_->latest().rows.empty();
    return QString("%1: W1 against n_train, %2 seeds")
        .arg(QString::fromStdString(shown ? controller_->openedScenario().name : scenario_.name),
             QString::number(seeds));
}

QString ExperimentView::run() {
    newFolder_->setVisible(false);
    const QString problem = formProblem();
    const auto sizes = parseSizesText(sizes_->text());
    if (!problem.isEmpty() || !sizes) {
        setStatus("<span style='color:#c0392b'>Not started: " +
                  problem.toHtmlEscaped().replace("\n", "; ") + "</span>");
        return problem;
    }
    SweepSpec spec;
    spec.sizes = *sizes;
    spec.seeds = seeds_->value();
    spec.parallelRuns = parallel_->value();
    const QString error = controller_->start(spec, folder());
    if (!error.isEmpty()) {
        setStatus("<span style='color:#c0392b'>Not started: " + error.toHtmlEscaped() + "</span>");
        using R = ExperimentController::Refusal;
        const R why = controller_->lastRefusal();
        newFolder_->setVisible(why == R::FolderHoldsAnotherSweep || why == R::FolderCannotResume);
        return error;
    }
    const int resumed = controller_->resumedRuns();
    const int total = controller_->latest().total;
    if (resumed >= total)
        setStatus(QString("This folder already holds the whole sweep (%1 of %1 runs).").arg(total));
    else if (resumed > 0)
        setStatus(QString("resuming: %1 of %2 runs already done").arg(resumed).arg(total));
    else
        setStatus(QString("Running %1 runs; every finished run is saved in the folder at once.")
                      .arg(total));
    progress_->setRange(0, total);
    progress_->setValue(resumed);
    progress_->setFormat(resumed < total ? QString("run %1 of %2").arg(resumed + 1).arg(total)
                                         : QString("%1 of %1 runs done").arg(total));
    return {};
}

void ExperimentView::cancel() {
    if (!controller_->isRunning()) return;
    controller_->cancel();
}

void ExperimentView::showUpdate(const ExperimentUpdate& u) {
    const SweepSummary& s = u.summary;
    plotSweep(plot_, s, plotTitle());
    plot_->replot();

    std::vector<std::string> models = s.models;
    if (models.empty())
        for (const ModelSpec& m : scenario_.models) models.push_back(m.name);
    std::vector<int> sizes = s.sizes;
    if (controller_->isRunning() || !u.rows.empty())
        sizes = controller_->spec().sizes;
    else if (sizes.empty())
        sizes = parseSizesText(sizes_->text()).value_or(std::vector<int>{});
    table_->clear();
    table_->setRowCount(int(models.size()) + 1);
    table_->setColumnCount(int(sizes.size()));
    QStringList columns, rowNames;
    for (int n : sizes) columns << QString("n_train = %1").arg(n);
    for (const std::string& m : models) rowNames << QString::fromStdString(m);
    rowNames << "noise floor";
    table_->setHorizontalHeaderLabels(columns);
    table_->setVerticalHeaderLabels(rowNames);
    for (int i = 0; i < int(models.size()); ++i) {
        auto* header = table_->verticalHeaderItem(i);
        if (header) header->setForeground(modelColor(i));
        for (int j = 0; j < int(sizes.size()); ++j) {
            const SweepCell* c = s.cell(models[std::size_t(i)], sizes[std::size_t(j)]);
            auto* item = new QTableWidgetItem(c ? cellText(*c) : QString("\u2014"));
            item->setTextAlignment(Qt::AlignCenter);
            table_->setItem(i, j, item);
        }
    }
    // The floor depends only on how many points W1 compares, the same for every run.
    for (int j = 0; j < int(sizes.size()); ++j) {
        auto* item = new QTableWidgetItem(u.rows.empty() ? QString("\u2014") : fmt(s.w1Floor));
        item->setTextAlignment(Qt::AlignCenter);
        item->setForeground(Qt::gray);
        table_->setItem(int(models.size()), j, item);
    }
    // The table as tall as its rows, the rest of the height to the plot.
    table_->setFixedHeight(table_->horizontalHeader()->sizeHint().height() +
                           2 * table_->frameWidth() +
                           table_->rowCount() * table_->verticalHeader()->defaultSectionSize() + 6);
    if (u.total > 0) {
        progress_->setRange(0, u.total);
        progress_->setValue(u.done);
    }
    updateButtons();
}

void ExperimentView::showProgress(const SweepProgress& p) {
    if (p.total <= 0) return;
    progress_->setRange(0, p.total);
    progress_->setValue(p.done);
    QString text;
    if (p.done >= p.total)
        text = QString("%1 of %1 runs done").arg(p.total);
    else if (p.running > 1)
        text =
            QString("runs %1\u2013%2 of %3").arg(p.done + 1).arg(p.done + p.running).arg(p.total);
    else
        text = QString("run %1 of %2").arg(p.done + 1).arg(p.total);
    if (p.done < p.total && p.remaining >= 0) text += ", " + remainingText(p.remaining);
    progress_->setFormat(text);
}

void ExperimentView::onState(ExperimentController::State s) {
    using S = ExperimentController::State;
    const ExperimentUpdate& u = controller_->latest();
    switch (s) {
        case S::Finished:
            progress_->setRange(0, std::max(1, u.total));
            progress_->setValue(u.total);
            progress_->setFormat(QString("%1 of %1 runs done").arg(u.total));
            setStatus(QString("Done: %1 runs, saved in %2.")
                          .arg(u.total)
                          .arg(QDir::toNativeSeparators(controller_->folder()).toHtmlEscaped()));
            break;
        case S::Cancelled:
            progress_->setFormat(QString("cancelled: %1 of %2 runs done").arg(u.done).arg(u.total));
            setStatus(u.done == 1 ? QString("Cancelled. The finished run is saved; Run resumes "
                                            "from it.")
                                  : QString("Cancelled. The %1 finished runs are saved; Run "
                                            "resumes from them.")
                                        .arg(u.done));
            break;
        default:
            break;
    }
    updateButtons();
}

}  // namespace symscore::ui
