#include "ui/app/worksheet.hpp"

#include <QBuffer>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include "core/io/atomic_write.hpp"
#include "ui/app/export.hpp"
#include "ui/views/shown_text.hpp"

namespace symscore::ui {

namespace {
constexpr int kDpi = 96;  // painting units: pixels at 96 per inch, as the screen's

// One page's painter state: the next free line (y) inside the printable width.
struct Page {
    QPainter* painter;
    QRectF area;
    double y;

    // Text wrapped to the width; returns its height.
    void text(const QString& s, const QFont& font, double gapAfter) {
        painter->setFont(font);
        const QRectF box(area.left(), y, area.width(), area.bottom() - y);
        const QRectF used = painter->boundingRect(box, Qt::TextWordWrap, s);
        painter->drawText(box, Qt::TextWordWrap, s);
        y += used.height() + gapAfter;
    }
    // Ruled lines for handwriting, down to `bottom`.
    void lines(double bottom, double spacing) {
        painter->setPen(QPen(QColor(170, 170, 170), 1));
        for (y += spacing; y <= bottom; y += spacing)
            painter->drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        painter->setPen(Qt::black);
    }
};

QFont font(double points, bool bold = false) {
    QFont f("Sans Serif");
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

// Rich text (a lesson's question may use <b>) as plain words.
QString plain(const QString& rich) {
    QTextDocument doc;
    doc.setHtml(simpleHtml(rich));  // never loads what a tag names
    return doc.toPlainText();
}

void predictionPage(Page& page, const io::Lesson& lesson) {
    page.text(lesson.title, font(18, true), 6);
    page.text("Name: ____________________________      Date: ______________", font(10), 18);
    page.text(plain(lesson.question), font(13), 16);
    page.text("Your prediction (tick one box):", font(11, true), 10);
    const double box = 16;
    page.painter->setFont(font(12));
    for (const io::LessonChoice& c : lesson.choices) {
        page.painter->setPen(QPen(Qt::black, 1.5));
        page.painter->drawRect(QRectF(page.area.left() + 8, page.y, box, box));
        page.painter->drawText(QRectF(page.area.left() + 8 + box + 12, page.y - 2,
                                      page.area.width() - box - 20, box + 6),
                               Qt::AlignVCenter, c.label);
        page.y += box + 14;
    }
    page.y += 10;
    page.text("Why do you think so?", font(11, true), 0);
    page.lines(page.area.bottom(), 30);
}

void revealPage(Page& page, const io::Lesson& lesson, QWidget* figure) {
    page.text(lesson.title + " \u2014 after the reveal", font(16, true), 10);
    const QRectF target(page.area.left(), page.y, page.area.width(), page.area.height() * 0.55);
    paintPlotsAndReadouts(figure, page.painter, target);
    page.y = target.bottom() + 16;
    page.text("W1: how far each model's samples land from the target (lower is closer).", font(9),
              12);
    page.text("What happened? Was your prediction right, and why?", font(11, true), 0);
    page.lines(page.area.bottom(), 30);
}
}  // namespace

QByteArray worksheetPdf(const io::Lesson& lesson, QWidget* figure) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(kDpi);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    pdf.setTitle(lesson.title);
    pdf.setCreator("symscore");
    QPainter painter(&pdf);
    const QRectF area(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
    Page first{&painter, area, 0};
    predictionPage(first, lesson);
    if (figure) {
        pdf.newPage();
        Page second{&painter, area, 0};
        revealPage(second, lesson, figure);
    }
    painter.end();
    return bytes;
}

QString exportWorksheet(const io::Lesson& lesson, QWidget* figure, const QString& path) {
    try {
        io::writeFileAtomically(path, worksheetPdf(lesson, figure));
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace symscore::ui
