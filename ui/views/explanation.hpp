#pragma once
// "What am I looking at?": a button that shows or hides a short explanation in plain words
// above a view. Lesson mode opens every one of them.
#include <QWidget>

class QLabel;
class QToolButton;

namespace symscore::ui {

class Explanation : public QWidget {
    Q_OBJECT
  public:
    Explanation(const QString& html, QWidget* parent = nullptr);
    void setExpanded(bool on);
    bool isExpanded() const;
    QString text() const;

  private:
    QToolButton* button_;
    QLabel* label_;
};

}  // namespace symscore::ui
