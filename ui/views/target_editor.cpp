#include "ui/views/target_editor.hpp"

#include <QMouseEvent>
#include <cmath>
#include <limits>

#include "core/scenario_validation.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/plot_scale.hpp"

namespace symscore::ui {

namespace {
constexpr int kReachPixels = 12;     // a press this close to a mean takes it
constexpr int kClickSlopPixels = 4;  // a press that moves further is not a click
constexpr int kCoalesceMs = 30;      // a drag applies at most this often
}  // namespace

std::optional<MeanImage> nearestMeanImage(const Scenario& s, const Vec2& x, double reach) {
    const Group group = s.makeGroup();
    const int elements = s.mixture.orbit ? group.order() : 1;
    std::optional<MeanImage> best;
    double bestDistance = reach;
    for (int j = 0; j < int(s.mixture.components.size()); ++j)
        for (int g = 0; g < elements; ++g) {
            const Vec2 image = group.element(g) * s.mixture.components[std::size_t(j)].mean;
            if (const double d = (image - x).norm(); d <= bestDistance) {
                bestDistance = d;
                best = MeanImage{j, g};
            }
        }
    return best;
}

Scenario withMeanImageAt(const Scenario& s, const MeanImage& image, const Vec2& x) {
    Scenario out = s;
    // A_g is orthogonal: A_g mu = x exactly when mu = A_g^T x.
    const Mat2 a = s.mixture.orbit ? s.makeGroup().element(image.element) : Mat2::Identity();
    out.mixture.components.at(std::size_t(image.component)).mean = a.transpose() * x;
    return out;
}

Scenario withComponentAt(const Scenario& s, const Vec2& x) {
    Scenario out = s;
    Gaussian g{x, Mat2::Identity() * 0.09, 1.0};
    if (!s.mixture.components.empty()) {
        g.cov = s.mixture.components.front().cov;
        g.weight = s.mixture.components.front().weight;
    }
    out.mixture.components.push_back(g);
    return out;
}

TargetEditor::TargetEditor(DensityPlot* plot, std::function<Scenario()> current, Apply apply,
                           QObject* parent)
    : QObject(parent), plot_(plot), current_(std::move(current)), apply_(std::move(apply)) {
    plot_->installEventFilter(this);
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(kCoalesceMs);
    connect(&coalesce_, &QTimer::timeout, this, &TargetEditor::flush);
}

Vec2 TargetEditor::toPlane(QPoint pixel) const {
    return {plot_->xAxis->pixelToCoord(pixel.x()), plot_->yAxis->pixelToCoord(pixel.y())};
}

bool TargetEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot_) return false;
    auto* mouse = dynamic_cast<QMouseEvent*>(event);
    if (!mouse) return false;
    const QPoint pixel = mouse->position().toPoint();
    switch (event->type()) {
        case QEvent::MouseButtonPress:
            if (mouse->button() != Qt::LeftButton) return false;
            press(pixel);
            return true;
        case QEvent::MouseMove:
            if (!drag_ && !pressedAt_) return false;  // hovering: the orbit highlight's
            if (!(mouse->buttons() & Qt::LeftButton)) {
                // The button went up elsewhere (over a question asked mid-drag): it is over.
                endDrag();
                pressedAt_.reset();
                return false;
            }
            move(pixel);
            return false;
        case QEvent::MouseButtonRelease:
            if (mouse->button() != Qt::LeftButton) return false;
            release(pixel);
            return true;
        default:
            return false;
    }
}

void TargetEditor::press(QPoint pixel) {
    drag_.reset();
    pressedAt_.reset();
    dragAccepted_ = false;
    if (!plot_->axisRect()->rect().contains(pixel)) return;
    const double unitsPerPixel =
        std::abs(plot_->xAxis->pixelToCoord(1) - plot_->xAxis->pixelToCoord(0));
    const double reach = kReachPixels * plotScale() * unitsPerPixel;
    drag_ = nearestMeanImage(current_(), toPlane(pixel), reach);
    if (!drag_) pressedAt_ = pixel;
    plot_->setViewLocked(drag_.has_value());  // the plane stays put under the pointer
}

void TargetEditor::move(QPoint pixel) {
    if (pressedAt_) {
        // A press away from every mean that moves is neither a click nor a drag.
        if ((pixel - *pressedAt_).manhattanLength() > kClickSlopPixels) pressedAt_.reset();
        return;
    }
    pending_ = toPlane(pixel);
    if (!dragAccepted_)
        flush();  // the first step asks at once (it may discard trained models)
    else if (!coalesce_.isActive())
        coalesce_.start();
}

void TargetEditor::release(QPoint pixel) {
    if (drag_) {
        if (pending_) flush();
        endDrag();
        return;
    }
    if (!pressedAt_) return;
    pressedAt_.reset();
    submit(withComponentAt(current_(), toPlane(pixel)), "Adding a component");
}

void TargetEditor::flush() {
    coalesce_.stop();
    if (!drag_ || !pending_) return;
    const Vec2 x = *std::exchange(pending_, std::nullopt);
    dragAccepted_ = submit(withMeanImageAt(current_(), *drag_, x), "Moving a component");
    if (!dragAccepted_) endDrag();
}

void TargetEditor::endDrag() {
    drag_.reset();
    pending_.reset();
    coalesce_.stop();
    plot_->setViewLocked(false);
}

bool TargetEditor::submit(const Scenario& s, const QString& what) {
    if (const FieldIssues issues = validate(s); !issues.empty()) {
        Q_EMIT refused(what + " refused: " + QString::fromStdString(issues.front().text()));
        return false;
    }
    return apply_(s, what);
}

}  // namespace symscore::ui
