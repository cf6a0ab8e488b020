#pragma once
// A square plot of a density heatmap with the group's mirror lines and rotation centre drawn
// over it, and named point clouds (training points, particles) on top. It only draws what it
// is given: grids and clouds are computed elsewhere.
#include <QMap>
#include <QSet>
#include <QTimer>

#include "core/density_grid.hpp"
#include "core/fundamental_domain.hpp"
#include "core/group.hpp"
#include "core/types.hpp"
#include "ui/plot/plot_items.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

// The text of a plot title fitted to width pixels in font: whole when it fits; otherwise broken
// into lines at its line breaks, or else before its readout (after three spaces or an em dash),
// each line elided at its end. Never cut at random by the plot's edge.
QString fitTitleText(const QString& title, const QFont& font, int width);

class DensityPlot : public QCustomPlot {
    Q_OBJECT
  public:
    explicit DensityPlot(QWidget* parent = nullptr);

    // The title as given; it is drawn fitted to the plot's width (fitTitle below): whole when
    // it fits, else split before its readout onto a second line, each line elided at its end.
    void setTitle(const QString& title);
    QString title() const;
    // The title as drawn, with its line breaks and ellipses.
    QString shownTitle() const;
    // The title keeps room for this many lines whatever its text, so that a readout that moves
    // to a second line (or back) never changes the plot's size during an animation.
    void setTitleRows(int rows);
    void setView(double halfWidth);
    // While locked, setView only remembers the width; unlocking applies the last one. A drag
    // on the plot locks it, so the plane stays put under the pointer while the target changes.
    void setViewLocked(bool locked);
    void setDensity(const DensityGrid& grid);
    void setSymmetry(const Group& group);
    // Shades a fundamental domain of the group (core fundamentalWedge); a whole-plane wedge
    // (the trivial group) shades nothing. Hidden until set.
    void setFundamentalDomain(const Wedge& wedge);
    // The shaded wedge; spanDeg 360 when none is shown.
    Wedge fundamentalDomain() const;
    // Rings around the points of one orbit (the hovered point and its images under the
    // group); empty clears them.
    void setOrbitHighlight(const std::vector<Vec2>& points);
    const std::vector<Vec2>& orbitHighlight() const { return orbit_; }
    // Re-applies the plot scale (lesson mode) to every element and refits the title.
    void refreshStyle();
    // Replaces (or creates) the cloud called name; an empty cloud hides it.
    void setCloud(const QString& name, const Eigen::Ref<const PointsF>& points, const QColor& color,
                  double size = 3.0);
    void setCloud(const QString& name, const Eigen::Ref<const Points>& points, const QColor& color,
                  double size = 3.0);
    // Connected paths drawn as fast polylines (for animations); rows of NaN separate paths.
    void setPaths(const QString& name, const Eigen::Ref<const PointsF>& points,
                  const QColor& color);
    // Connected paths as a QCustomPlot curve (for static figures); NaN rows separate paths.
    void setTrail(const QString& name, const Eigen::Ref<const PointsF>& points,
                  const QColor& color);
    void setCloudShape(const QString& name, QCPScatterStyle::ScatterShape shape);
    // Number of points in a cloud (0 if none); tests read the data behind the plot with it.
    int cloudSize(const QString& name) const;
    const DensityGrid& density() const { return grid_; }
    int mirrorLineCount() const { return int(mirrors_.size()); }
    // The label at the rotation centre ("\u2726 D4"), empty when there is none.
    QString centreLabel() const { return centre_ ? centre_->text() : QString(); }

    // While an animation plays, the density is scaled without smoothing (the eye does not see
    // it in motion, the frame rate does); turning it off redraws smoothly.
    void setAnimating(bool on);
    // Redraws the layers changed since the last call now (the animation calls this per frame).
    void flushLayers();
    // Paints the whole plot at `size` pixels onto painter (at its current origin), laid out
    // and kept square for that size, as for an exported picture; the plot on screen keeps
    // its own layout and ranges.
    void paintAt(QCPPainter* painter, QSize size);

  protected:
    void resizeEvent(QResizeEvent* e) override;

  private:
    void fitTitle();
    QString fittedTitle(int width) const;  // the title as drawn at this width
    void keepSquareScale();
    void redrawLayer(QCPLayer* l);  // coalesced: one redraw per layer per event loop pass
    QCPCurve* curve(const QString& name);
    PointCloudItem* cloud(const QString& name);
    DensityImageItem* map_;
    QCPTextElement* title_;
    QString fullTitle_;
    int titleRows_ = 1;
    DensityGrid grid_;
    QList<QCPItemStraightLine*> mirrors_;
    QCPItemText* centre_ = nullptr;
    QMap<QString, PointCloudItem*> clouds_;
    QMap<QString, QCPCurve*> curves_;
    QMap<QString, PathItem*> paths_;
    WedgeItem* domain_ = nullptr;
    std::vector<Vec2> orbit_;
    double half_ = 3.0;
    double pendingHalf_ = 0.0;  // asked for while the view was locked; 0: nothing
    bool viewLocked_ = false;
    QSet<QCPLayer*> dirty_;
    QTimer flushTimer_;
    QCPRange drawnX_, drawnY_;  // axis ranges of the last full replot
};

}  // namespace symscore::ui
