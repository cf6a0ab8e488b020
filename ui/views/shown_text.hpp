#pragma once
// Text that comes from outside symscore (a lesson's or scenario's file, a model's name, a path,
// an error message quoting any of them) is shown as text, never interpreted. Qt's labels and
// message boxes guess "rich text" from a string's look, and rich text loads what its
// <img src=...> names: a shared lesson naming a device or a FIFO would make symscore read it.
// Every widget that shows such a string goes through these functions.
#include <QMessageBox>
#include <QString>

class QLabel;

namespace symscore::ui {

// A label that shows its text as it is, whatever it looks like.
void showAsText(QLabel* label);
// Plain text as rich text that shows exactly it (escaped, line breaks kept), to put beside
// markup of symscore's own.
QString asRichText(const QString& plain);
// Simple HTML as written in a lesson's "why": the tags b, i, em, strong, u, sub, sup, code, p
// and br (without attributes) and character entities are kept; everything else, including
// every tag that could load a resource (img, a, style, table, ...), is shown as text.
QString simpleHtml(const QString& html);
// Message boxes whose text and informative text are shown as text.
void warnAsText(QWidget* parent, const QString& title, const QString& text);
void informAsText(QWidget* parent, const QString& title, const QString& text);
void setTexts(QMessageBox& box, const QString& text, const QString& informative = {});

}  // namespace symscore::ui
