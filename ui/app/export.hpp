#pragma once
// Saving what is on screen: a widget as PNG (pixels) or PDF (vector where Qt can), written
// atomically so that a failed export never leaves half a file behind.
#include <QString>

class QWidget;

namespace symscore::ui {

// The format follows the extension (.pdf, otherwise PNG). Returns an empty string on
// success, or a one-line reason.
QString exportWidget(QWidget* widget, const QString& path);

}  // namespace symscore::ui
