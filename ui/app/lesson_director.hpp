#pragma once
// Runs lessons in the main window (docs/lessons.md): the Lessons menu, opening a lesson (its
// scenario, its bundled models as the trained ones, lesson mode on, the panel on top),
// the reveal (sample and play the bundled models, or train live when a lesson has none),
// and the answer: computed by the lesson's rule from the final W1 table once the
// animation has reached the end (SampleView::setRevealAsPlayed), highlighted in the table,
// with the why paragraph. Owns nothing the window needs: closing the panel leaves the app
// as it was.
#include <QObject>
#include <QString>
#include <optional>

#include "core/io/lesson_file.hpp"

class QDockWidget;

namespace symscore::ui {

class LessonPanel;
class MainWindow;

class LessonDirector : public QObject {
    Q_OBJECT
  public:
    // Adds the Lessons menu to the window's menu bar.
    explicit LessonDirector(MainWindow* window);

    // The lesson file a command line names (symscore --open-lesson): a bundled lesson's name
    // ("small_n_c6") or number (1 for the first), or a lesson file's path. Empty, with the
    // reason (naming the bundled lessons) in *error, when it names none.
    static QString resolve(const QString& nameOrPath, QString* error);
    // Opens a lesson file; returns the one-line problem, empty on success (also shown in
    // a message box when interactive is true).
    QString open(const QString& path, bool interactive = false);
    // Starts the reveal: the models are sampled and the animation plays.
    void reveal();
    void next();

    // Writes the lesson's worksheet (ui/app/worksheet): the question page, and once revealed
    // the figure page. Empty on success, else one line (no lesson open, a failed write).
    QString exportWorksheet(const QString& path);
    // File > Export worksheet: asks where, writes, says what it wrote.
    void exportWorksheetInteractively();

    LessonPanel* panel() const { return panel_; }
    const std::optional<io::Lesson>& lesson() const { return lesson_; }
    // The answer's choice once revealed, -1 before.
    int answer() const { return answer_; }
    // The W1 table's row of a choice's model, -1 if that model is not in the table.
    int tableRow(int choice) const;

  Q_SIGNALS:
    // The answer is highlighted and the why paragraph shown.
    void answered(int choice);
    // The reveal ended without an answer (a choice's model has no final W1): why says so.
    void unanswered(const QString& why);

  private:
    void buildMenu();
    void onResultsShown();
    void highlightRow(int row);
    void fitDock();

    MainWindow* window_;
    QDockWidget* dock_;
    LessonPanel* panel_;
    std::optional<io::Lesson> lesson_;
    int bundledIndex_ = -1;  // the lesson's place among the bundled ones, -1 for a file
    int answer_ = -1;
    bool revealing_ = false;
};

}  // namespace symscore::ui
