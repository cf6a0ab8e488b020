#pragma once
// The orbit under the pointer (docs/lessons.md, "The symmetry made visible"): while the
// pointer is over any plot of the plane in the window (the target, the Sample tab's panels,
// the Score field's panels), every such plot rings the |G| images of the point under it,
// so the class sees which points the symmetry ties together. Leaving the plot clears them.
#include <QObject>
#include <functional>
#include <optional>

#include "core/group.hpp"

class QWidget;

namespace symscore::ui {

class DensityPlot;

class OrbitHover : public QObject {
    Q_OBJECT
  public:
    // group(): the group of the scenario shown. Watches the application's mouse moves that
    // reach a DensityPlot inside window.
    OrbitHover(QWidget* window, std::function<Group()> group);
    ~OrbitHover() override;

    // Rings the orbit of x in every plot of the window (nothing: clears them).
    void highlight(const std::optional<Vec2>& x);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* window_;
    std::function<Group()> group_;
    bool shown_ = false;
};

}  // namespace symscore::ui
