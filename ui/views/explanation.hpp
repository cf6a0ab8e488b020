#pragma once
// "What am I looking at?": a button that shows or hides a short explanation in plain words
// above a view. Lesson mode opens every one of them. The text takes at most about a quarter
// of its tab's height and scrolls beyond that, so the plots keep their room on a projector.
#include <QWidget>

class QLabel;
class QScrollArea;
class QToolButton;

namespace symscore::ui {

class Explanation : public QWidget {
    Q_OBJECT
  public:
    Explanation(const QString& html, QWidget* parent = nullptr);
    void setExpanded(bool on);
    bool isExpanded() const;
    QString text() const;
    // True when the text is taller than the room it is given (a scroll bar shows).
    bool scrolls() const;

  protected:
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void fitHeight();
    QToolButton* button_;
    QLabel* label_;
    QScrollArea* scroll_;
    bool watching_ = false;
};

}  // namespace symscore::ui
