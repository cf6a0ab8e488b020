#pragma once
// Building a target on the target plot, in front of a class (docs/lessons.md, "The symmetry
// made visible"): press on a component's mean and drag it, and its whole orbit follows live;
// click elsewhere to add a component there (with its orbit). The mixture stays the orbit of
// its base components, so every edit keeps the target G-invariant: dragging the image
// A_g mu_j of base component j moves mu_j to A_g^T x. Edits are handed to `apply`, the same
// path as the dock's component table (which asks before discarding trained models); when it
// refuses, the drag ends.
#include <QObject>
#include <QPoint>
#include <QTimer>
#include <functional>
#include <optional>

#include "core/scenario.hpp"

namespace symscore::ui {

class DensityPlot;

// The base component and group element whose image of the mean lies nearest to x, within
// `reach` (plane units); nothing when no mean is that close. With mixture.orbit off the
// components are their own images (element 0, the identity).
struct MeanImage {
    int component = -1;
    int element = 0;
};
std::optional<MeanImage> nearestMeanImage(const Scenario& s, const Vec2& x, double reach);
// The scenario with base component `image.component` moved so that its image under
// `image.element` lands at x.
Scenario withMeanImageAt(const Scenario& s, const MeanImage& image, const Vec2& x);
// The scenario with one more base component at x, shaped and weighted like the first one
// (or a round blob of sd 0.3 when there is none).
Scenario withComponentAt(const Scenario& s, const Vec2& x);

class TargetEditor : public QObject {
    Q_OBJECT
  public:
    // apply(scenario, what): shows the edited scenario everywhere; false when refused (the
    // user kept the trained models, or training holds the scenario).
    using Apply = std::function<bool(const Scenario&, const QString&)>;
    TargetEditor(DensityPlot* plot, std::function<Scenario()> current, Apply apply,
                 QObject* parent = nullptr);

    // Plane coordinates under a pixel of the plot.
    Vec2 toPlane(QPoint pixel) const;
    bool dragging() const { return drag_.has_value(); }

  Q_SIGNALS:
    // An edit could not be made (too many components, a mean too far out): one line.
    void refused(const QString& reason);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void press(QPoint pixel);
    void move(QPoint pixel);
    void release(QPoint pixel);
    bool submit(const Scenario& s, const QString& what);  // validated, then apply_
    void endDrag();  // forgets the drag and unlocks the plot's view
    void flush();    // applies the drag's latest position (coalesced to the frame rate)

    DensityPlot* plot_;
    std::function<Scenario()> current_;
    Apply apply_;
    std::optional<MeanImage> drag_;
    std::optional<QPoint> pressedAt_;  // a press not on a mean: a click if it stays put
    std::optional<Vec2> pending_;      // the drag's latest position, not yet applied
    bool dragAccepted_ = false;        // the first move of this drag went through
    QTimer coalesce_;
};

}  // namespace symscore::ui
