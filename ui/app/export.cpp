#include "ui/app/export.hpp"

#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QWidget>

namespace symscore::ui {

QString exportWidget(QWidget* widget, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return path + ": cannot write: " + file.errorString();
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(&file);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(widget->size(), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        widget->render(&painter);
        painter.end();
    } else if (!widget->grab().save(&file, "PNG")) {
        file.cancelWriting();
        return path + ": cannot encode the picture";
    }
    if (!file.commit()) return path + ": cannot write: " + file.errorString();
    return {};
}

}  // namespace symscore::ui
