#pragma once
// Small building blocks of the scenario panel: spin boxes for seeds and learning rates, a
// guard that keeps the mouse wheel for scrolling, and the red "refused" look of a control.
#include <QLabel>
#include <QObject>

#include "ui/scenario/kept_spin_box.hpp"

namespace symscore::ui {

// Seeds are whole numbers up to 2^53 (what a JSON number holds exactly), beyond QSpinBox's
// int range, so a QDoubleSpinBox without decimals carries them.
class SeedSpinBox : public KeptDoubleSpinBox {
    Q_OBJECT
  public:
    explicit SeedSpinBox(QWidget* parent = nullptr);
    unsigned long long seed() const { return static_cast<unsigned long long>(value()); }
    void setSeed(unsigned long long s) { showValue(static_cast<double>(s)); }
};

// Learning rates span decades, so the arrows walk the 1-2-5 ladder (1e-4, 2e-4, 5e-4, 1e-3)
// instead of adding a fixed step that is either too big or too small.
class LogSpinBox : public KeptDoubleSpinBox {
    Q_OBJECT
  public:
    explicit LogSpinBox(QWidget* parent = nullptr);
    void stepBy(int steps) override;
};

// Wheel events over a spin box, combo box or slider that does not have the keyboard focus
// go to the scroll area instead: scrolling the panel must not change values by accident.
class WheelGuard : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;
    // Installs the guard on every such child of root.
    static void install(QWidget* root);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

// A control the panel refused a value for gets a red background (stylesheets, because not
// every platform style honours a palette change on spin boxes).
void setInvalidLook(QWidget* w, bool invalid);
// The small red message under a section; hidden while empty.
QLabel* makeErrorLabel(QWidget* parent);
void showError(QLabel* label, const QString& message);

}  // namespace symscore::ui
