#pragma once
// Saving what is on screen: a widget as PNG (pixels) or PDF (vector where Qt can), and any
// picture in the format its file name asks for. Pictures are encoded in memory first and
// written with io::writeFileAtomically, so a failed write (a full disk) keeps the old file
// and says why, and the image encoder never writes to the disk itself.
#include <QByteArray>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <QString>
#include <optional>

class QImage;
class QPainter;
class QWidget;

namespace symscore::ui {

// The part of a tab a slide wants: the smallest rectangle around its visible plots and
// tables, leaving out the buttons, timeline, status line and explanation around them (the
// whole widget when it has none).
QRect plotsAndReadouts(QWidget* widget);
// Saves plotsAndReadouts(widget), the picture filling the page or image exactly. The format
// follows the extension (.pdf, otherwise PNG). Returns an empty string on success, or a
// one-line reason.
QString exportWidget(QWidget* widget, const QString& path);
// Paints plotsAndReadouts(widget) into target on painter, scaled to fit (aspect kept,
// centred). Plots are redrawn at the scale's resolution first, so they stay sharp when
// enlarged.
void paintPlotsAndReadouts(QWidget* widget, QPainter* painter, const QRectF& target);
// plotsAndReadouts(widget) as an image of exactly `size` pixels: the content scaled to fit,
// the margins in the window's background colour (File > Export view at a size).
QImage plotsAndReadoutsImage(QWidget* widget, QSize size);
// plotsAndReadoutsImage written as PNG to path, atomically. Empty on success, else one line.
QString exportWidgetAtSize(QWidget* widget, const QString& path, QSize size);
// "WxH" with each side from 100 to 8000 pixels; nothing, with the reason in *error, else.
std::optional<QSize> parseImageSize(const QString& text, QString* error);

// The image encoded in the format named by path's extension (png, jpg, bmp, ...); an
// extension no image plugin writes is refused with the formats that are available. Empty on
// failure, with the one-line reason in *error.
QByteArray encodeImage(const QImage& image, const QString& path, QString* error);
// encodeImage, then written atomically. Returns an empty string on success, or a one-line
// reason naming path.
QString saveImage(const QImage& image, const QString& path);

}  // namespace symscore::ui
