#pragma once
// The Experiment tab: the paper's experiment (docs/math.md, section 8) in the app. W1 to the target
// against the training set size, for every model of the scenario, over repeated seeds: a
// live plot (log x, mean ± sd per model, the noise floor) and a table of the numbers, both
// updated after every finished run. Every finished run is saved at once in the output
// folder (results.csv + sweep.json, as symscore-cli sweep writes them), so Run on a folder
// holding the same sweep resumes it, and a folder holding another sweep is refused.
#include <QWidget>
#include <optional>
#include <vector>

#include "core/scenario.hpp"
#include "ui/tasks/experiment_controller.hpp"
#include "ui/views/sweep_form.hpp"

class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace symscore::ui {

class Explanation;

class ExperimentCluster;

class ExperimentView : public QWidget {
    Q_OBJECT
  public:
    explicit ExperimentView(QWidget* parent = nullptr);
    ~ExperimentView() override;

    // Cancels a running sweep (no question asked) and shows the new scenario's empty
    // experiment; the output folder follows the scenario unless the user chose one.
    void setScenario(const Scenario& s);
    ExperimentController* controller() const { return controller_; }

    // What Run does: checks the settings and the folder, then starts or resumes. Returns an
    // empty string on start, otherwise the reason shown in the status line.
    QString run();
    void cancel();
    void setFolder(const QString& folder);  // as if chosen with "Choose…"
    QString folder() const;
    // Exports (atomic). Empty on success, otherwise a one-line reason.
    QString exportCsv(const QString& path) const;   // a copy of results.csv
    QString exportPlot(const QString& path) const;  // .png or .pdf of the plot

    QLineEdit* sizesEdit() const { return sizes_; }
    QSpinBox* seedsBox() const { return seeds_; }
    QSpinBox* parallelBox() const { return parallel_; }
    QLineEdit* folderEdit() const { return folder_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    QPushButton* newFolderButton() const { return newFolder_; }
    QProgressBar* progressBar() const { return progress_; }
    QCustomPlot* plot() const { return plot_; }
    QTableWidget* table() const { return table_; }
    Explanation* explanation() const { return explanation_; }
    ExperimentCluster* cluster() const { return cluster_; }
    QString statusText() const;
    // Why the form's fields are refused (sizes, seeds, parallel runs, the scenario panel),
    // one per line; empty if Run may start.
    QString sizesError() const;
    // The scenario panel holds a value it refused (empty: none): Run refuses until it is
    // fixed, as Train does, instead of running the last good scenario silently.
    void setScenarioProblem(const QString& problem);

  Q_SIGNALS:
    // Every run of a sweep is done and saved (not emitted on cancel).
    void finished();

  private:
    void configureWidgets();
    void layOut();
    void connectSignals();
    void validateSizes();
    QString formProblem() const;
    void updateRunsLabel();
    void updateButtons();
    void showUpdate(const ExperimentUpdate& u);
    void showProgress(const SweepProgress& p);
    void onState(ExperimentController::State s);
    void setStatus(const QString& html);
    void chooseFolder();
    void exportDialog(const QString& kind);
    QString plotTitle() const;

    ExperimentController* controller_;
    Scenario scenario_;
    bool folderChosen_ = false;
    QLineEdit* sizes_;
    QLabel* sizesError_;
    QString scenarioProblem_;
    QSpinBox* seeds_;
    QSpinBox* parallel_;
    QLabel* runsLabel_;
    QLineEdit* folder_;
    QPushButton* chooseButton_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QPushButton* newFolder_;
    QProgressBar* progress_;
    QLabel* status_;
    QCustomPlot* plot_;
    QTableWidget* table_;
    QPushButton* exportCsv_;
    QPushButton* exportPng_;
    QPushButton* exportPdf_;
    Explanation* explanation_;
    ExperimentCluster* cluster_ = nullptr;
};

}  // namespace symscore::ui
