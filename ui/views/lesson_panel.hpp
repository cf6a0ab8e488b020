#pragma once
// The lesson panel (docs/lessons.md): a question to the class, its choices as buttons (the
// class's prediction), a tally for counting hands (+ and - per choice), Reveal, Next, and,
// after the reveal, the answer and why. It only shows and reports clicks: LessonDirector
// (ui/app) runs the reveal and computes the answer.
#include <QWidget>
#include <vector>

#include "core/io/lesson_file.hpp"

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QPushButton;

namespace symscore::ui {

class LessonPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    // A new question: choices cleared, the answer hidden.
    void showLesson(const io::Lesson& lesson, int number, int count);
    // The reveal is running: the choices are frozen until the answer is in.
    void setRevealing(const QString& status);
    // The answer (its choice's index) and why; predicted is the class's choice or -1.
    void showAnswer(int answer, const QString& readings);
    // A reveal that could not judge (a model failed): says so, highlights nothing.
    void showNoAnswer(const QString& why);
    void setNextEnabled(bool on);

    int prediction() const;  // the chosen choice, or -1
    void choose(int choice);
    bool tallyMode() const;
    void setTallyMode(bool on);
    int tally(int choice) const { return tallies_.at(std::size_t(choice)); }
    void addToTally(int choice, int delta);

    QPushButton* revealButton() const { return reveal_; }
    QPushButton* nextButton() const { return next_; }
    QAbstractButton* choiceButton(int i) const;
    int choiceCount() const { return int(choiceButtons_.size()); }
    QString questionText() const;
    QString answerText() const;  // empty until revealed
    QString whyText() const;     // empty until revealed
    int shownAnswer() const { return answer_; }

  Q_SIGNALS:
    void revealRequested();
    void nextRequested();
    // The text changed size (a new question, the answer shown): the dock should fit it.
    void contentChanged();

  private:
    void rebuildChoices(const io::Lesson& lesson);
    void updateTallyLabels();

    QLabel* title_;
    QLabel* question_;
    QWidget* choicesHost_;
    QButtonGroup* group_;
    QCheckBox* tally_;
    QPushButton* reveal_;
    QPushButton* next_;
    QLabel* status_;
    QLabel* answerLabel_;
    QLabel* why_;
    std::vector<QAbstractButton*> choiceButtons_;
    std::vector<QWidget*> tallyWidgets_;
    std::vector<QLabel*> tallyLabels_;
    std::vector<int> tallies_;
    QString whyHtml_;
    QStringList labels_;
    int answer_ = -1;
};

}  // namespace symscore::ui
