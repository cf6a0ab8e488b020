#include "ui/views/experiment_cluster.hpp"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>

#include "core/sweep.hpp"
#include "ui/tasks/experiment_controller.hpp"
#include "ui/views/shown_text.hpp"

namespace symscore::ui {

namespace {
QString red(const QString& text) {
    return "<span style='color:#c0392b'>" + text.toHtmlEscaped() + "</span>";
}

// The dialog's answers: the Slurm options and the folder to write.
struct ExportAnswers {
    QString folder;
    io::SlurmExportSpec options;
};

std::optional<ExportAnswers> askExportOptions(QWidget* parent, const SweepToExport& sweep) {
    const int runs = int(sweep.sizes.size()) * sweep.seeds;
    QDialog d(parent);
    d.setWindowTitle("Export the sweep for a Slurm cluster");
    auto* shards = new QSpinBox(&d);
    shards->setRange(1, runs);
    shards->setValue(std::min(runs, 8));
    shards->setToolTip("Array tasks: each runs every K-th run of the sweep on its own node.");
    auto* cpus = new QSpinBox(&d);
    cpus->setRange(1, 256);
    cpus->setValue(4);
    auto* partition = new QLineEdit(&d);
    partition->setPlaceholderText("the cluster's default");
    auto* time = new QLineEdit(&d);
    time->setPlaceholderText("the partition's default, e.g. 2:00:00");
    auto* memory = new QLineEdit(&d);
    memory->setPlaceholderText("the partition's default, e.g. 4G");
    auto* folder =
        new QLineEdit(QDir::home().filePath(QString::fromStdString(sweep.scenario.name)
                                                .toLower()
                                                .replace(QRegularExpression("[^a-z0-9]+"), "-") +
                                            "-slurm"),
                      &d);
    auto* choose = new QPushButton("Choose\u2026", &d);
    QObject::connect(choose, &QPushButton::clicked, &d, [&] {
        const QString f =
            QFileDialog::getSaveFileName(&d, "New folder for the submission", folder->text());
        if (!f.isEmpty()) folder->setText(f);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder, 1);
    folderRow->addWidget(choose);
    auto* form = new QFormLayout(&d);
    auto* what = new QLabel(
        QString("%1 runs (%2 sizes \u00d7 %3 seeds) of \u201c%4\u201d.")
            .arg(QString::number(runs), QString::number(sweep.sizes.size()),
                 QString::number(sweep.seeds), QString::fromStdString(sweep.scenario.name)),
        &d);
    showAsText(what);  // the scenario's name, from a file
    form->addRow(what);
    form->addRow("Shards (array tasks)", shards);
    form->addRow("CPUs per shard", cpus);
    form->addRow("Partition", partition);
    form->addRow("Time per shard", time);
    form->addRow("Memory per shard", memory);
    form->addRow("New folder", folderRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    buttons->button(QDialogButtonBox::Ok)->setText("Export");
    QObject::connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    form->addRow(buttons);
    if (d.exec() != QDialog::Accepted) return std::nullopt;
    ExportAnswers a;
    a.folder = folder->text().trimmed();
    a.options.shards = shards->value();
    a.options.cpus = cpus->value();
    a.options.partition = partition->text().trimmed();
    a.options.time = time->text().trimmed();
    a.options.memory = memory->text().trimmed();
    return a;
}
}  // namespace

ExperimentCluster::ExperimentCluster(ExperimentController* controller, SweepSource sweep,
                                     QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      sweep_(std::move(sweep)),
      export_(new QPushButton("Export for Slurm\u2026", this)),
      open_(new QPushButton("Open results\u2026", this)) {
    export_->setToolTip(
        "Write this sweep as a folder to copy to a Slurm cluster: the scenario, the job "
        "scripts and a README. There, ./submit.sh runs it as a job array and merges the "
        "shards.");
    open_->setToolTip(
        "Show the results a sweep folder holds, such as the merged result (sweep/merged) "
        "that a cluster run sends back, without running anything.");
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel("Cluster:", this));
    row->addWidget(export_);
    row->addWidget(open_);
    row->addStretch(1);
    connect(export_, &QPushButton::clicked, this, &ExperimentCluster::askExport);
    connect(open_, &QPushButton::clicked, this, &ExperimentCluster::askOpen);
}

QString ExperimentCluster::exportSubmission(const QString& folder,
                                            const io::SlurmExportSpec& options) {
    QString why;
    const auto sweep = sweep_(&why);
    if (!sweep) {
        Q_EMIT message(red("Not exported: " + why));
        return why;
    }
    io::SlurmExportSpec spec = options;
    spec.sizes = sweep->sizes;
    spec.seeds = sweep->seeds;
    try {
        io::writeSlurmSubmission(folder, sweep->scenario, spec);
    } catch (const std::exception& e) {
        why = QString::fromStdString(e.what());
        Q_EMIT message(red("Not exported: " + why));
        return why;
    }
    Q_EMIT message(
        QString("Wrote a Slurm submission to %1: copy the folder to the cluster and run "
                "<tt>./submit.sh</tt> there (its README.md says more). When the jobs are done, "
                "<b>Open results\u2026</b> on its <tt>sweep/merged</tt> folder shows them here.")
            .arg(QDir::toNativeSeparators(folder).toHtmlEscaped()));
    return {};
}

QString ExperimentCluster::openResults(const QString& folder) {
    const QString why = controller_->open(folder);
    if (!why.isEmpty()) {
        Q_EMIT message(red("Cannot show " + QDir::toNativeSeparators(folder) + ": " + why));
        return why;
    }
    const ExperimentUpdate& u = controller_->latest();
    Q_EMIT message(
        QString("Showing %1: \u201c%2\u201d, %3 of %4 runs.")
            .arg(QDir::toNativeSeparators(folder).toHtmlEscaped(),
                 QString::fromStdString(controller_->openedScenario().name).toHtmlEscaped(),
                 QString::number(u.done), QString::number(u.total)));
    return {};
}

void ExperimentCluster::askExport() {
    QString why;
    const auto sweep = sweep_(&why);
    if (!sweep) {
        Q_EMIT message(red("Not exported: " + why));
        return;
    }
    if (const auto a = askExportOptions(this, *sweep)) exportSubmission(a->folder, a->options);
}

void ExperimentCluster::askOpen() {
    const QString f = QFileDialog::getExistingDirectory(
        this, "A sweep folder (for a cluster run: its sweep/merged)", QDir::homePath());
    if (!f.isEmpty()) openResults(f);
}

}  // namespace symscore::ui
