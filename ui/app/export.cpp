#include "ui/app/export.hpp"

#include <QAbstractItemView>
#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QWidget>
#include <vector>

#include "core/io/atomic_write.hpp"
#include "ui/plot/qcp.hpp"

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

// The page is in points (1/72 inch) and the widget is painted at 96 pixels per inch, as on
// screen: the page must be 72/96 of the widget's size in pixels for the picture to fill it.
constexpr double kPdfDpi = 96.0, kPointsPerInch = 72.0;

QByteArray pdfOf(QWidget* widget, const QRect& part) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(int(kPdfDpi));
    pdf.setPageSize(QPageSize(QSizeF(part.size()) * (kPointsPerInch / kPdfDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter(&pdf);
    widget->render(&painter, QPoint(0, 0), QRegion(part));
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

QRect plotsAndReadouts(QWidget* widget) {
    // A plot or a table exported by itself is all content.
    if (qobject_cast<QCustomPlot*>(widget) || qobject_cast<QAbstractItemView*>(widget))
        return widget->rect();
    QRect area;
    for (QWidget* child : widget->findChildren<QWidget*>()) {
        if (!child->isVisibleTo(widget)) continue;
        if (!qobject_cast<QCustomPlot*>(child) && !qobject_cast<QAbstractItemView*>(child))
            continue;
        area |= QRect(child->mapTo(widget, QPoint(0, 0)), child->size());
    }
    return area.isEmpty() ? widget->rect() : area & widget->rect();
}

// A widget not shown yet gets its children's geometry only when painted: lay its window out
// from the top now, so the part to export is measured where it will be painted.
void layOut(QWidget* widget) {
    std::vector<QLayout*> layouts;
    for (QWidget* w = widget; w; w = w->parentWidget())
        if (w->layout()) layouts.push_back(w->layout());
    for (auto it = layouts.rbegin(); it != layouts.rend(); ++it) (*it)->activate();
}

QString exportWidget(QWidget* widget, const QString& path) {
    layOut(widget);
    const QRect part = plotsAndReadouts(widget);
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) return writeBytes(path, pdfOf(widget, part));
    QString why;
    const QByteArray png = encodeAs(widget->grab(part).toImage(), "png", &why);
    return png.isEmpty() ? path + ": " + why : writeBytes(path, png);
}

void paintPlotsAndReadouts(QWidget* widget, QPainter* painter, const QRectF& target) {
    layOut(widget);
    const QRect part = plotsAndReadouts(widget);
    if (part.isEmpty() || target.isEmpty()) return;
    const double scale = std::min(target.width() / part.width(), target.height() / part.height());
    // Each plot paints from a pixel buffer: redraw it at the scale's resolution so that an
    // enlarged picture is as sharp as a native one, then give it back its own.
    const double device = painter->device()->devicePixelRatioF();
    std::vector<std::pair<QCustomPlot*, double>> plots;
    for (QCustomPlot* plot : widget->findChildren<QCustomPlot*>()) {
        if (!plot->isVisibleTo(widget)) continue;
        plots.emplace_back(plot, plot->bufferDevicePixelRatio());
        plot->setBufferDevicePixelRatio(std::max(1.0, scale * device));
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    painter->save();
    painter->translate(target.center() - QPointF(part.width(), part.height()) * scale / 2);
    painter->scale(scale, scale);
    widget->render(painter, QPoint(0, 0), QRegion(part));
    painter->restore();
    for (auto [plot, ratio] : plots) {
        plot->setBufferDevicePixelRatio(ratio);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QImage plotsAndReadoutsImage(QWidget* widget, QSize size) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(widget->palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    paintPlotsAndReadouts(widget, &painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return image;
}

QString exportWidgetAtSize(QWidget* widget, const QString& path, QSize size) {
    QString why;
    const QByteArray png = encodeAs(plotsAndReadoutsImage(widget, size), "png", &why);
    return png.isEmpty() ? path + ": " + why : writeBytes(path, png);
}

std::optional<QSize> parseImageSize(const QString& text, QString* error) {
    const QStringList wh = text.trimmed().split('x');
    bool okW = false, okH = false;
    const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
    if (wh.size() != 2 || !okW || !okH || w < 100 || h < 100 || w > 8000 || h > 8000) {
        *error = QString("expected WxH from 100x100 to 8000x8000, got \"%1\"").arg(text);
        return std::nullopt;
    }
    return QSize(w, h);
}

}  // namespace symscore::ui
