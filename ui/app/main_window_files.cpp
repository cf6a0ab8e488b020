// MainWindow's File menu: everything that reads or writes files the user names (scenarios,
// models, exported views, curves and samples), each write atomic (core/io/atomic_write) and
// each failure said in a message box, with nothing half-written left behind. Every write asks
// for a file name in a save dialog (a name that does not exist yet is fine), suggested from
// the scenario's name; what writes several files (models, curves, samples) asks for the name
// they start with, and Load models picks the files Save models wrote.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

#include "core/io/atomic_write.hpp"
#include "core/io/model_file.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/app/export.hpp"
#include "ui/app/main_window.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/app/settings.hpp"
#include "ui/plot/curve_plot.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/shown_text.hpp"
#include "ui/views/sweep_form.hpp"
#include "ui/views/train_view.hpp"

namespace symscore::ui {

namespace {
// A save dialog in the last folder used, with `suggested` + ext filled in; returns the path
// chosen without ext (empty if cancelled) and remembers its folder.
QString askSavePath(QWidget* parent, const QString& title, const QString& suggested,
                    const QString& ext, const QString& filter) {
    QString path = QFileDialog::getSaveFileName(
        parent, title, QDir(Settings::lastDirectory()).filePath(suggested + ext), filter);
    if (path.isEmpty()) return {};
    if (path.endsWith(ext, Qt::CaseInsensitive)) path.chop(ext.size());
    Settings::setLastDirectory(QFileInfo(path).absolutePath());
    return path;
}
}  // namespace

void MainWindow::openScenario() {
    const QString path =
        QFileDialog::getOpenFileName(this, "Open scenario", Settings::lastDirectory(),
                                     "symscore scenarios (*.symscore.json *.json)");
    if (path.isEmpty()) return;
    try {
        const Scenario s = io::loadScenario(path);
        if (!mayDiscardModels("Opening " + QFileInfo(path).fileName())) return;
        scenarioPath_ = path;
        Settings::setLastScenarioPath(path);
        Settings::setLastDirectory(QFileInfo(path).absolutePath());
        setScenario(s);
    } catch (const std::exception& e) {
        warnAsText(this, "Cannot open scenario", QString::fromStdString(e.what()));
    }
}

void MainWindow::saveScenarioAs() {
    QString path = askSavePath(this, "Save scenario", scenarioSlug(scenario_.name),
                               ".symscore.json", "symscore scenarios (*.symscore.json)");
    if (path.isEmpty()) return;
    if (!path.endsWith(".json")) path += ".symscore.json";
    try {
        io::saveScenario(scenario_, path);
        scenarioPath_ = path;
        Settings::setLastScenarioPath(path);
        Settings::setLastDirectory(QFileInfo(path).absolutePath());
        statusBar()->showMessage("Saved " + path, 4000);
    } catch (const std::exception& e) {
        warnAsText(this, "Cannot save scenario", QString::fromStdString(e.what()));
    }
}

// The shown tab's name in a file name ("score-field").
QString MainWindow::currentTabSlug() const {
    return tabs_->tabText(tabs_->currentIndex()).remove('&').toLower().replace(' ', '-');
}

void MainWindow::exportView() {
    QString path = QFileDialog::getSaveFileName(
        this, "Export view",
        QDir(Settings::lastDirectory())
            .filePath(scenarioSlug(scenario_.name) + "-" + currentTabSlug() + ".png"),
        "PNG image (*.png);;PDF document (*.pdf)");
    if (path.isEmpty()) return;
    Settings::setLastDirectory(QFileInfo(path).absolutePath());
    if (!path.endsWith(".pdf", Qt::CaseInsensitive) && !path.endsWith(".png", Qt::CaseInsensitive))
        path += ".png";
    if (const QString err = exportWidget(tabs_->currentWidget(), path); !err.isEmpty())
        warnAsText(this, "Cannot export", err);
    else
        statusBar()->showMessage("Exported " + path, 4000);
}

void MainWindow::exportViewAtSize() {
    static QString lastSize = "1920x1080";  // a slide's size, then the last one asked
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, "Export view at a size",
        "Picture size in pixels (width x height):", QLineEdit::Normal, lastSize, &ok);
    if (!ok) return;
    QString why;
    const std::optional<QSize> size = parseImageSize(text, &why);
    if (!size) {
        warnAsText(this, "Cannot export", "Size: " + why);
        return;
    }
    lastSize = text.trimmed();
    const QString name =
        QString("%1-%2-%3.png").arg(scenarioSlug(scenario_.name), currentTabSlug(), lastSize);
    QString path = QFileDialog::getSaveFileName(
        this, "Export view", QDir(Settings::lastDirectory()).filePath(name), "PNG image (*.png)");
    if (path.isEmpty()) return;
    Settings::setLastDirectory(QFileInfo(path).absolutePath());
    if (!path.endsWith(".png", Qt::CaseInsensitive)) path += ".png";
    if (const QString err = exportWidgetAtSize(tabs_->currentWidget(), path, *size); !err.isEmpty())
        warnAsText(this, "Cannot export", err);
    else
        statusBar()->showMessage(
            QString("Exported %1 (%2x%3)")
                .arg(path, QString::number(size->width()), QString::number(size->height())),
            4000);
}

namespace {
bool writeFile(QWidget* parent, const QString& path, const QByteArray& bytes) {
    try {
        io::writeFileAtomically(path, bytes);
        return true;
    } catch (const io::FormatError& e) {
        warnAsText(parent, "Cannot write", QString::fromUtf8(e.what()));
        return false;
    }
}
}  // namespace

void MainWindow::exportCurves() {
    const QString base =
        askSavePath(this,
                    "Export the curves (three files: <name>_loss.csv, _score_error.csv, "
                    "_w1_vs_t.csv)",
                    scenarioSlug(scenario_.name) + "-curves", ".csv", "CSV files (*.csv)");
    if (base.isEmpty()) return;
    const bool ok = writeFile(this, base + "_loss.csv", trainView_->lossPlot()->toCsv()) &&
                    writeFile(this, base + "_score_error.csv", trainView_->errorPlot()->toCsv()) &&
                    writeFile(this, base + "_w1_vs_t.csv", sampleView_->w1Plot()->toCsv());
    if (ok)
        statusBar()->showMessage(
            QString("Wrote %1_loss.csv, _score_error.csv and _w1_vs_t.csv").arg(base), 6000);
}

void MainWindow::exportSamples() {
    if (sampleView_->panelCount() == 0) {
        statusBar()->showMessage("Sample first (S): there are no samples to export yet.", 4000);
        return;
    }
    const QString base =
        askSavePath(this, "Export the samples (one file per model: <name>_<model>.csv)",
                    scenarioSlug(scenario_.name) + "-samples", ".csv", "CSV files (*.csv)");
    if (base.isEmpty()) return;
    try {
        const int n = sampleView_->writeSamples(base);
        statusBar()->showMessage(QString("Wrote %1 files %2_<model>.csv").arg(n).arg(base), 6000);
    } catch (const std::exception& e) {
        warnAsText(this, "Cannot export samples", QString::fromStdString(e.what()));
    }
}

void MainWindow::saveModels() {
    if (training_->state() == TrainingController::State::Running) training_->pause();
    const std::vector<ComparedModel> models = comparison_->ofKind(ModelKind::Trained);
    if (models.empty()) {
        statusBar()->showMessage("Train first: there are no models to save yet.", 4000);
        return;
    }
    const QString ext = ".symscore-model";
    const QString base =
        askSavePath(this, "Save trained models (one file per model: <name>_<model>.symscore-model)",
                    scenarioSlug(scenario_.name), ext, "symscore models (*.symscore-model)");
    if (base.isEmpty()) return;
    int saved = 0;
    try {
        for (const ComparedModel& m : models) {
            const QString name = QString::fromStdString(m.name);
            io::saveModel(base + "_" + name + ext, *m.network, name,
                          io::scenarioFingerprint(scenario_));
            ++saved;
        }
        statusBar()->showMessage(
            QString("Saved %1 model(s) as %2_<model>%3; Load models opens them.")
                .arg(saved)
                .arg(base, ext),
            6000);
    } catch (const std::exception& e) {
        warnAsText(this, "Cannot save models", QString::fromStdString(e.what()));
    }
}

void MainWindow::loadModels() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, "Load models", Settings::lastDirectory(), "symscore models (*.symscore-model)");
    if (paths.isEmpty()) return;
    Settings::setLastDirectory(QFileInfo(paths.front()).absolutePath());
    if (training_->state() == TrainingController::State::Running) training_->pause();
    QStringList notes;
    for (const QString& path : paths) {
        try {
            io::LoadedModel m = io::loadModel(path);
            if (m.scenarioFingerprint != io::scenarioFingerprint(scenario_))
                notes << m.name + ": trained on another scenario";
            comparison_->addLoaded(
                loadedModel(m.name.toStdString(), std::move(m.model), scenario_.group));
        } catch (const std::exception& e) {
            warnAsText(this, "Cannot load model", QString::fromStdString(e.what()));
        }
    }
    updateActions();
    statusBar()->showMessage(
        "Loaded models join the comparison (Sample, Score field). " + notes.join("; "), 8000);
    if (autosave_) autosave_->saveNow();
}

}  // namespace symscore::ui
