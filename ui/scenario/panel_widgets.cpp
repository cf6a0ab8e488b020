#include "ui/scenario/panel_widgets.hpp"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QSlider>
#include <cmath>

namespace symscore::ui {

SeedSpinBox::SeedSpinBox(QWidget* parent) : KeptDoubleSpinBox(parent) {
    setDecimals(0);
    setRange(0.0, 9007199254740992.0);  // 2^53
    setGroupSeparatorShown(false);
}

LogSpinBox::LogSpinBox(QWidget* parent) : KeptDoubleSpinBox(parent) {}

void LogSpinBox::stepBy(int steps) {
    // The ladder 1, 2, 5, 10, 20, ... as index 3 * decade + {0, 1, 2}.
    static constexpr double kMantissa[] = {1.0, 2.0, 5.0};
    discardTyped();  // the ladder starts from the last good value
    const double v = std::max(value(), minimum() > 0 ? minimum() : 1e-12);
    const int decade = int(std::floor(std::log10(v) + 1e-9));
    const double m = v / std::pow(10.0, decade);
    // The rung at or just below v; stepping down from a value between rungs lands on the
    // rung below it, stepping up on the rung above.
    int rung = m >= 5.0 - 1e-9 ? 2 : m >= 2.0 - 1e-9 ? 1 : 0;
    int index = 3 * decade + rung;
    const bool onRung = std::abs(m - kMantissa[rung]) < 1e-6;
    if (steps > 0 || onRung)
        index += steps;
    else
        index += steps + 1;
    const int d = int(std::floor(index / 3.0));
    const int r = index - 3 * d;
    setValue(kMantissa[r] * std::pow(10.0, d));  // clamped to the range by QDoubleSpinBox
    selectAll();
}

void WheelGuard::install(QWidget* root) {
    auto* guard = new WheelGuard(root);
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w) ||
            qobject_cast<QSlider*>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->installEventFilter(guard);
        }
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Wheel) {
        auto* w = qobject_cast<QWidget*>(watched);
        if (w && !w->hasFocus()) {
            // Ignored and filtered: Qt then offers the event to the parents (the scroll area).
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void setInvalidLook(QWidget* w, bool invalid) {
    if (!w) return;
    w->setStyleSheet(invalid ? QStringLiteral("background-color: #ffd0d0; color: #7a0000;")
                             : QString());
}

QLabel* makeErrorLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #c00000;"));
    l->setVisible(false);
    return l;
}

void showError(QLabel* label, const QString& message) {
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

}  // namespace symscore::ui
