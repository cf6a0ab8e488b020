#pragma once
// A lesson's worksheet (docs/lessons.md, "Worksheets"): a PDF to print for the class. Page
// one: the lesson's title, its question, one box per choice to tick the prediction, and lines
// to write why. Page two, once the lesson has been revealed: the Sample tab's slide-ready
// figure (its plots and readouts, as File > Export view draws them) under "After the reveal",
// and lines to write what happened. The answer's paragraph is not printed: it is the answer.
#include <QByteArray>
#include <QString>

#include "core/io/lesson_file.hpp"

class QWidget;

namespace symscore::ui {

// The worksheet as PDF bytes (A4). figure: the widget whose plots and readouts make page
// two; null leaves page two out.
QByteArray worksheetPdf(const io::Lesson& lesson, QWidget* figure);
// worksheetPdf written to path atomically (a temporary file renamed when complete; nothing
// is left behind on failure). Empty on success, else one line naming path.
QString exportWorksheet(const io::Lesson& lesson, QWidget* figure, const QString& path);

}  // namespace symscore::ui
