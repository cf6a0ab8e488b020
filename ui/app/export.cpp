#include "ui/app/export.hpp"

#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QWidget>

#include "core/io/atomic_write.hpp"

namespace symscore::ui {

namespace {
QString writeBytes(const QString& path, const QByteArray& bytes) {
    try {
        io::writeFileAtomically(path, bytes);
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QByteArray pdfOf(QWidget* widget) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(widget->size(), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter(&pdf);
    widget->render(&painter);
    painter.end();
    return bytes;
}

QByteArray encodeAs(const QImage& image, const QByteArray& format, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image)) {
        *error = "cannot encode the picture as " + QString::fromLatin1(format) + ": " +
                 writer.errorString();
        return {};
    }
    return bytes;
}
}  // namespace

QByteArray encodeImage(const QImage& image, const QString& path, QString* error) {
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    const QList<QByteArray> formats = QImageWriter::supportedImageFormats();
    if (!formats.contains(format)) {
        QStringList names;
        for (const QByteArray& f : formats) names << QString::fromLatin1(f);
        *error = path + ": unknown image format \"" + QString::fromLatin1(format) +
                 "\" (use one of " + names.join(", ") + ")";
        return {};
    }
    QString why;
    const QByteArray bytes = encodeAs(image, format, &why);
    if (bytes.isEmpty()) *error = path + ": " + why;
    return bytes;
}

QString saveImage(const QImage& image, const QString& path) {
    QString error;
    const QByteArray bytes = encodeImage(image, path, &error);
    return bytes.isEmpty() ? error : writeBytes(path, bytes);
}

QString exportWidget(QWidget* widget, const QString& path) {
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) return writeBytes(path, pdfOf(widget));
    QString why;
    const QByteArray png = encodeAs(widget->grab().toImage(), "png", &why);
    return png.isEmpty() ? path + ": " + why : writeBytes(path, png);
}

}  // namespace symscore::ui
