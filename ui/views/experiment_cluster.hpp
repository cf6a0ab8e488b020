#pragma once
// The Experiment tab's way to a cluster (docs/cluster.md): export the sweep the form
// describes as a ready Slurm submission folder (core/io/slurm_export: the scenario, the
// scripts, a README), and show the merged results a cluster sends back (any sweep folder,
// read with the checks of core/io/sweep_files) with the same plot and table as a local run.
#include <QString>
#include <QWidget>
#include <functional>
#include <optional>

#include "core/io/slurm_export.hpp"
#include "core/scenario.hpp"

class QPushButton;

namespace symscore::ui {

class ExperimentController;

// The sweep as the form shows it: the scenario, sizes and seeds, or why there is none.
struct SweepToExport {
    Scenario scenario;
    std::vector<int> sizes;
    int seeds = 0;
};
using SweepSource = std::function<std::optional<SweepToExport>(QString* why)>;

class ExperimentCluster : public QWidget {
    Q_OBJECT
  public:
    ExperimentCluster(ExperimentController* controller, SweepSource sweep, QWidget* parent);

    // What the buttons do once their dialog is answered. Empty on success, otherwise the
    // reason (also sent as message()).
    QString exportSubmission(const QString& folder, const io::SlurmExportSpec& options);
    QString openResults(const QString& folder);

    QPushButton* exportButton() const { return export_; }
    QPushButton* openButton() const { return open_; }

  Q_SIGNALS:
    // A sentence for the tab's status line (rich text).
    void message(const QString& html);

  private:
    void askExport();
    void askOpen();

    ExperimentController* controller_;
    SweepSource sweep_;
    QPushButton* export_;
    QPushButton* open_;
};

}  // namespace symscore::ui
