#include "ui/app/animation_dialog.hpp"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSpinBox>

#include "ui/app/animation_export.hpp"
#include "ui/app/settings.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/shown_text.hpp"

namespace symscore::ui {

namespace {
// The file, then its size and frame rate; false when the user backs out.
bool askSpec(QWidget* parent, const QString& suggestedName, AnimationSpec* spec) {
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        parent, "Export animation",
        QDir(Settings::lastDirectory()).filePath(suggestedName + ".mp4"),
        "MP4 video (*.mp4);;GIF animation (*.gif)", &filter);
    if (path.isEmpty()) return false;
    if (!path.endsWith(".mp4", Qt::CaseInsensitive) && !path.endsWith(".gif", Qt::CaseInsensitive))
        path += filter.startsWith("GIF") ? ".gif" : ".mp4";
    const bool gif = path.endsWith(".gif", Qt::CaseInsensitive);

    QDialog dialog(parent);
    dialog.setWindowTitle("Export animation");
    auto* form = new QFormLayout(&dialog);
    auto* size = new QComboBox(&dialog);
    size->setEditable(true);  // any even WxH within the limits
    size->addItems({"1280x720", "1920x1080", "854x480", "640x360"});
    size->setCurrentText(gif ? "640x360" : "1280x720");  // a GIF grows fast with its size
    size->setToolTip("Pixels of the video, width x height (even numbers).");
    auto* fps = new QSpinBox(&dialog);
    fps->setRange(kMinFps, kMaxFps);
    fps->setValue(25);
    fps->setSuffix(" frames/s");
    fps->setToolTip(
        "Every frame of the animation is one video frame: at 25 frames/s the "
        "reverse process takes about as long as on screen at 1x.");
    form->addRow("Size", size);
    form->addRow("Frame rate", fps);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        QString why;
        const auto wh = parseVideoSize(size->currentText().trimmed(), &why);
        if (!wh) {
            warnAsText(&dialog, "Export animation", "Size: " + why);
            return;
        }
        spec->size = *wh;
        dialog.accept();
    });
    if (dialog.exec() != QDialog::Accepted) return false;
    spec->path = path;
    spec->fps = fps->value();
    Settings::setLastDirectory(QFileInfo(path).absolutePath());
    return true;
}
}  // namespace

void exportAnimationInteractively(QWidget* parent, SampleView* view, const QString& suggestedName,
                                  const std::function<void(const QString&)>& report) {
    if (view->panelCount() == 0) {
        informAsText(parent, "Export animation",
                     "Sample first (S): there is no animation to export yet.");
        return;
    }
    AnimationSpec spec;
    if (!askSpec(parent, suggestedName, &spec)) return;
    auto* exporter = new AnimationExporter(view, parent);
    auto* progress = new QProgressDialog("Waiting for the W1 readout of every frame\u2026",
                                         "Cancel", 0, std::max(1, exporter->frameCount()), parent);
    progress->setWindowTitle("Export animation");
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(progress, &QProgressDialog::canceled, exporter, &AnimationExporter::cancel);
    QObject::connect(exporter, &AnimationExporter::progress, progress, [progress](int done, int n) {
        progress->setMaximum(std::max(1, n));
        progress->setValue(done);
        if (done > 0)
            progress->setLabelText(QString("Encoding frame %1 of %2\u2026").arg(done).arg(n));
    });
    QObject::connect(exporter, &AnimationExporter::finished, parent,
                     [=](bool ok, const QString& message) {
                         progress->deleteLater();
                         exporter->deleteLater();
                         if (ok)
                             report("Exported the animation to " + message);
                         else if (message != "cancelled")
                             warnAsText(parent, "Cannot export the animation", message);
                     });
    QString why;
    if (!exporter->start(spec, &why)) {
        progress->deleteLater();
        exporter->deleteLater();
        warnAsText(parent, "Cannot export the animation", why);
    }
}

}  // namespace symscore::ui
