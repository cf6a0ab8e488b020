#include "ui/views/lesson_panel.hpp"

#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/views/shown_text.hpp"

namespace symscore::ui {

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      question_(new QLabel(this)),
      choicesHost_(new QWidget(this)),
      group_(new QButtonGroup(this)),
      tally_(new QCheckBox("Count hands", this)),
      reveal_(new QPushButton("Reveal", this)),
      next_(new QPushButton("Next lesson", this)),
      status_(new QLabel(this)),
      answerLabel_(new QLabel(this)),
      why_(new QLabel(this)) {
    setObjectName("lessonPanel");
    QFont big = title_->font();
    big.setBold(true);
    title_->setFont(big);
    question_->setWordWrap(true);
    why_->setWordWrap(true);
    // A lesson is a shared file: its title is text, its question and why simple HTML.
    showAsText(title_);
    showAsText(status_);
    question_->setTextFormat(Qt::RichText);
    why_->setTextFormat(Qt::RichText);
    answerLabel_->setTextFormat(Qt::RichText);
    answerLabel_->setWordWrap(true);
    group_->setExclusive(true);
    new QVBoxLayout(choicesHost_);
    choicesHost_->layout()->setContentsMargins(0, 0, 0, 0);
    tally_->setToolTip("Count the class's hands for each choice (+ and -) instead of one click.");
    reveal_->setToolTip(
        "Run the lesson's models and show what happens; the answer appears "
        "when the animation reaches the end.");
    next_->setToolTip("The next lesson.");
    // A column beside the plots: in lesson mode the scenario dock is hidden, and a column
    // leaves the plots their height on a 720-pixel projector.
    auto* actions = new QHBoxLayout;
    actions->addWidget(reveal_);
    actions->addWidget(next_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(question_);
    layout->addWidget(choicesHost_);
    layout->addWidget(tally_);
    layout->addLayout(actions);
    layout->addWidget(status_);
    layout->addWidget(answerLabel_);
    layout->addWidget(why_);
    layout->addStretch(1);
    title_->setWordWrap(true);
    connect(reveal_, &QPushButton::clicked, this, &LessonPanel::revealRequested);
    connect(next_, &QPushButton::clicked, this, &LessonPanel::nextRequested);
    connect(tally_, &QCheckBox::toggled, this, &LessonPanel::setTallyMode);
}

void LessonPanel::showLesson(const io::Lesson& lesson, int number, int count) {
    title_->setText(count > 0
                        ? QString("Lesson %1 of %2: %3").arg(number).arg(count).arg(lesson.title)
                        : "Lesson: " + lesson.title);
    question_->setText(simpleHtml(lesson.question));
    whyHtml_ = simpleHtml(lesson.why);
    answer_ = -1;
    rebuildChoices(lesson);
    status_->setText("Predict, then Reveal.");
    answerLabel_->clear();
    why_->clear();
    answerLabel_->hide();
    why_->hide();
    reveal_->setEnabled(true);
    Q_EMIT contentChanged();
}

void LessonPanel::rebuildChoices(const io::Lesson& lesson) {
    for (QAbstractButton* b : choiceButtons_) group_->removeButton(b);
    for (QWidget* w : tallyWidgets_) delete w;
    choiceButtons_.clear();
    tallyWidgets_.clear();
    tallyLabels_.clear();
    labels_.clear();
    for (const io::LessonChoice& c : lesson.choices) labels_ << c.label;
    tallies_.assign(std::size_t(labels_.size()), 0);
    auto* row = static_cast<QVBoxLayout*>(choicesHost_->layout());
    for (int i = 0; i < labels_.size(); ++i) {
        auto* cell = new QWidget(choicesHost_);
        auto* h = new QHBoxLayout(cell);
        h->setContentsMargins(0, 0, 0, 0);
        auto* b = new QPushButton(labels_[i], cell);
        b->setCheckable(true);
        group_->addButton(b, i);
        auto* minus = new QPushButton("\u2212", cell);
        auto* plus = new QPushButton("+", cell);
        auto* count = new QLabel(cell);
        for (QPushButton* p : {minus, plus}) p->setFixedWidth(p->fontMetrics().height() * 2);
        connect(minus, &QPushButton::clicked, this, [this, i] { addToTally(i, -1); });
        connect(plus, &QPushButton::clicked, this, [this, i] { addToTally(i, +1); });
        h->addWidget(b, 1);
        h->addWidget(minus);
        h->addWidget(count);
        h->addWidget(plus);
        row->addWidget(cell);
        choiceButtons_.push_back(b);
        tallyWidgets_.push_back(cell);
        tallyLabels_.push_back(count);
        minus->setObjectName("tallyMinus");
        plus->setObjectName("tallyPlus");
    }
    setTallyMode(tally_->isChecked());
}

void LessonPanel::setTallyMode(bool on) {
    if (tally_->isChecked() != on) tally_->setChecked(on);  // re-enters once through toggled
    for (QWidget* cell : tallyWidgets_)
        for (QPushButton* p :
             cell->findChildren<QPushButton*>(QString(), Qt::FindDirectChildrenOnly))
            if (!p->objectName().isEmpty()) p->setVisible(on);
    for (QLabel* l : tallyLabels_) l->setVisible(on);
    updateTallyLabels();
}

bool LessonPanel::tallyMode() const { return tally_->isChecked(); }

void LessonPanel::addToTally(int choice, int delta) {
    if (choice < 0 || choice >= int(tallies_.size())) return;
    int& n = tallies_[std::size_t(choice)];
    n = std::max(0, n + delta);
    // The class's prediction is the choice with the most hands (the first on a tie).
    int most = 0;
    for (int i = 1; i < int(tallies_.size()); ++i)
        if (tallies_[std::size_t(i)] > tallies_[std::size_t(most)]) most = i;
    if (tallies_[std::size_t(most)] > 0) choose(most);
    updateTallyLabels();
}

void LessonPanel::updateTallyLabels() {
    for (std::size_t i = 0; i < tallyLabels_.size(); ++i)
        tallyLabels_[i]->setText(QString::number(tallies_[i]));
}

int LessonPanel::prediction() const { return group_->checkedId(); }

void LessonPanel::choose(int choice) {
    if (QAbstractButton* b = choiceButton(choice)) b->setChecked(true);
}

QAbstractButton* LessonPanel::choiceButton(int i) const {
    return i >= 0 && i < int(choiceButtons_.size()) ? choiceButtons_[std::size_t(i)] : nullptr;
}

void LessonPanel::setRevealing(const QString& status) {
    reveal_->setEnabled(false);
    status_->setText(status);
}

void LessonPanel::showAnswer(int answer, const QString& readings) {
    answer_ = answer;
    const int predicted = prediction();
    QString verdict;
    if (predicted == answer)
        verdict = " \u2014 the class predicted it.";
    else if (predicted >= 0)
        verdict =
            " \u2014 the class predicted \u201c" + labels_[predicted].toHtmlEscaped() + "\u201d.";
    answerLabel_->setText("<b>Answer: " + labels_[answer].toHtmlEscaped() + "</b>" + verdict +
                          " <span style='color:gray'>" + readings.toHtmlEscaped() + "</span>");
    why_->setText("<b>Why.</b> " + whyHtml_);
    answerLabel_->show();
    why_->show();
    for (std::size_t i = 0; i < choiceButtons_.size(); ++i) {
        QFont f = choiceButtons_[i]->font();
        f.setBold(int(i) == answer);
        choiceButtons_[i]->setFont(f);
    }
    status_->setText("Revealed: P replays.");
    reveal_->setEnabled(true);
    Q_EMIT contentChanged();
}

void LessonPanel::showNoAnswer(const QString& why) {
    answer_ = -1;
    status_->setText(why);
    reveal_->setEnabled(true);
}

void LessonPanel::setNextEnabled(bool on) { next_->setEnabled(on); }

QString LessonPanel::questionText() const { return question_->text(); }
QString LessonPanel::answerText() const { return answer_ >= 0 ? labels_[answer_] : QString(); }
QString LessonPanel::whyText() const { return why_->isHidden() ? QString() : why_->text(); }

}  // namespace symscore::ui
