#include "ui/views/shown_text.hpp"

#include <QLabel>
#include <QRegularExpression>

namespace symscore::ui {

void showAsText(QLabel* label) { label->setTextFormat(Qt::PlainText); }

QString asRichText(const QString& plain) { return plain.toHtmlEscaped().replace('\n', "<br>"); }

QString simpleHtml(const QString& html) {
    // A kept tag: one of the list, optionally closing, no attributes. An entity: named or
    // numeric. Everything between them is escaped, so a '<' that starts anything else shows.
    static const QRegularExpression kept(
        R"(<(/?)(b|i|em|strong|u|sub|sup|code|p|br)\s*/?>|&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{1,31});)",
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype at = 0;
    for (auto it = kept.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += html.mid(at, m.capturedStart() - at).toHtmlEscaped();
        out += m.captured(0);
        at = m.capturedEnd();
    }
    out += html.mid(at).toHtmlEscaped();
    return out;
}

void setTexts(QMessageBox& box, const QString& text, const QString& informative) {
    box.setTextFormat(Qt::PlainText);
    box.setText(text);
    if (informative.isEmpty()) return;
    // QMessageBox has no format for its informative text; its label (named so since Qt 4)
    // is told directly. Without that label, rich text that shows the plain text exactly
    // leaves nothing to guess.
    box.setInformativeText(informative);
    if (auto* label = box.findChild<QLabel*>("qt_msgbox_informativelabel"))
        label->setTextFormat(Qt::PlainText);
    else
        box.setInformativeText("<p>" + asRichText(informative) + "</p>");
}

namespace {
void showBox(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text) {
    QMessageBox box(icon, title, QString(), QMessageBox::Ok, parent);
    setTexts(box, text);
    box.exec();
}
}  // namespace

void warnAsText(QWidget* parent, const QString& title, const QString& text) {
    showBox(parent, QMessageBox::Warning, title, text);
}
void informAsText(QWidget* parent, const QString& title, const QString& text) {
    showBox(parent, QMessageBox::Information, title, text);
}

}  // namespace symscore::ui
