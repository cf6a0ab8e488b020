// The Experiment tab's files: the output folder chosen in a dialog, and the results exported
// as CSV, PNG or PDF (each write atomic). The form and the run are in experiment_view.cpp.
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>

#include "core/io/atomic_write.hpp"
#include "core/sweep_csv.hpp"
#include "ui/app/export.hpp"
#include "ui/plot/qcp.hpp"
#include "ui/views/experiment_view.hpp"
#include "ui/views/sweep_form.hpp"

namespace symscore::ui {

void ExperimentView::chooseFolder() {
    // A folder dialog cannot choose a folder that does not exist yet (its Choose button
    // turns grey), and the suggested folder usually does not: it opens at
    // the nearest folder that exists, and a parent chosen there gets a new folder named
    // after the scenario; an empty folder or a sweep's own folder is used as it is.
    QDir start(folder());
    while (!start.exists() && !start.isRoot() && start.cdUp()) {
    }
    const QString dir = QFileDialog::getExistingDirectory(
        this,
        "Output folder: an empty folder, a sweep's folder to resume, or a parent folder (a "
        "new folder named after the scenario is made in it)",
        start.absolutePath());
    if (dir.isEmpty()) return;
    const QDir d(dir);
    const bool asIs = d.isEmpty() || QFile::exists(d.filePath("sweep.json")) ||
                      QFile::exists(d.filePath("results.csv"));
    setFolder(asIs ? dir : d.filePath(scenarioSlug(scenario_.name)));
}

QString ExperimentView::exportCsv(const QString& path) const {
    try {
        io::writeFileAtomically(path,
                                QByteArray::fromStdString(sweepCsv(controller_->latest().rows)));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString ExperimentView::exportPlot(const QString& path) const { return exportWidget(plot_, path); }

void ExperimentView::exportDialog(const QString& kind) {
    const QString suggested =
        QDir(folder()).filePath(kind == "csv" ? "results-copy.csv" : "w1_vs_n." + kind);
    const QString filter = kind == "csv"   ? "CSV (*.csv)"
                           : kind == "png" ? "PNG picture (*.png)"
                                           : "PDF (*.pdf)";
    QString path = QFileDialog::getSaveFileName(this, "Export", suggested, filter);
    if (path.isEmpty()) return;
    if (!path.endsWith("." + kind, Qt::CaseInsensitive)) path += "." + kind;
    const QString error = kind == "csv" ? exportCsv(path) : exportPlot(path);
    setStatus(error.isEmpty() ? "Saved " + QDir::toNativeSeparators(path).toHtmlEscaped()
                              : "<span style='color:#c0392b'>" + error.toHtmlEscaped() + "</span>");
}

}  // namespace symscore::ui
