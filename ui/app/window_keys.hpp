#pragma once
// The demo keys (Space, S, P, R) work whatever has the focus, as a presenter expects: a field
// the focus merely landed in (after a click on Train disabled the field before it, say) does
// not swallow them. Only a text field the user is editing keeps its keys: one entered with
// the mouse or Tab, or an open cell editor of a table. Escape leaves the field (and Enter
// in a field, after committing it) and hands the keys back to the window.
#include <QObject>
#include <QPointer>

class QWidget;

namespace symscore::ui {

class WindowKeys : public QObject {
    Q_OBJECT
  public:
    // Watches the key and focus events of `window`'s widgets; `home` takes the focus when
    // a field is left.
    WindowKeys(QWidget* window, QWidget* home);
    bool editing(const QWidget* w) const;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* window_;
    QWidget* home_;
    QPointer<QWidget> editing_;
};

}  // namespace symscore::ui
