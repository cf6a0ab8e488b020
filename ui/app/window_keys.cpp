#include "ui/app/window_keys.hpp"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace symscore::ui {

namespace {
bool isTextField(const QWidget* w) {
    return qobject_cast<const QLineEdit*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
           qobject_cast<const QTextEdit*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
           (qobject_cast<const QComboBox*>(w) && static_cast<const QComboBox*>(w)->isEditable());
}

// A spin box's or combo box's inner line edit stands for its owner.
QWidget* fieldOf(QWidget* w) {
    for (QWidget* p = w; p; p = p->parentWidget())
        if (qobject_cast<QAbstractSpinBox*>(p) ||
            (qobject_cast<QComboBox*>(p) && static_cast<QComboBox*>(p)->isEditable()))
            return p;
    return w;
}

bool inCellEditor(const QWidget* w) {
    for (const QWidget* p = w ? w->parentWidget() : nullptr; p; p = p->parentWidget())
        if (qobject_cast<const QAbstractItemView*>(p)) return true;
    return false;
}

bool isDemoKey(const QKeyEvent* k) {
    if (k->modifiers() & ~Qt::KeypadModifier) return false;
    switch (k->key()) {
        case Qt::Key_Space:
        case Qt::Key_S:
        case Qt::Key_P:
        case Qt::Key_R:
            return true;
        default:
            return false;
    }
}
}  // namespace

WindowKeys::WindowKeys(QWidget* window, QWidget* home)
    : QObject(window), window_(window), home_(home) {
    qApp->installEventFilter(this);
}

bool WindowKeys::editing(const QWidget* w) const {
    return w && (inCellEditor(w) || fieldOf(const_cast<QWidget*>(w)) == editing_.data());
}

bool WindowKeys::eventFilter(QObject* watched, QEvent* event) {
    auto* w = qobject_cast<QWidget*>(watched);
    if (!w || w->window() != window_) return false;
    switch (event->type()) {
        case QEvent::FocusIn: {
            const auto reason = static_cast<QFocusEvent*>(event)->reason();
            QWidget* field = fieldOf(w);
            if (isTextField(field) &&
                (reason == Qt::MouseFocusReason || reason == Qt::TabFocusReason ||
                 reason == Qt::BacktabFocusReason))
                editing_ = field;
            break;
        }
        case QEvent::FocusOut:
            if (fieldOf(w) == editing_.data() &&
                static_cast<QFocusEvent*>(event)->reason() != Qt::PopupFocusReason)
                editing_.clear();
            break;
        case QEvent::ShortcutOverride: {
            auto* k = static_cast<QKeyEvent*>(event);
            if (!isTextField(fieldOf(w)) || editing(w)) break;
            if (isDemoKey(k)) {
                k->ignore();  // not the field's: the window's shortcut takes it
                return true;
            }
            break;
        }
        case QEvent::KeyPress: {
            auto* k = static_cast<QKeyEvent*>(event);
            const bool leave = k->key() == Qt::Key_Escape || k->key() == Qt::Key_Return ||
                               k->key() == Qt::Key_Enter;
            if (leave && isTextField(fieldOf(w)) && !inCellEditor(w)) {
                editing_.clear();
                if (k->key() != Qt::Key_Escape)
                    return false;  // Enter commits first; focus moves on release
                home_->setFocus(Qt::OtherFocusReason);
                return true;
            }
            break;
        }
        case QEvent::KeyRelease: {
            auto* k = static_cast<QKeyEvent*>(event);
            if ((k->key() == Qt::Key_Return || k->key() == Qt::Key_Enter) &&
                isTextField(fieldOf(w)) && !inCellEditor(w) && QApplication::focusWidget() &&
                fieldOf(QApplication::focusWidget()) == fieldOf(w))
                home_->setFocus(Qt::OtherFocusReason);
            break;
        }
        default:
            break;
    }
    return false;
}

}  // namespace symscore::ui
