#pragma once
// The size of everything drawn in plots, as one factor: 1 on a desk, larger in lesson mode
// (docs/lessons.md), so that a projected plot reads from the back of a room. Tick labels,
// axis labels, titles, legends and text items grow by the factor, and so do line widths
// (curves, axes, mirror lines) and markers (PointCloudItem, PathItem read it as they draw;
// dense particle dots by half as much), and axes show fewer ticks, so that the larger labels
// keep apart.
class QCustomPlot;

namespace symscore::ui {

double plotScale();
// Sets the factor; plots pick it up at their next full replot once they follow it.
void setPlotScale(double factor);

// Applies the factor to the plot now and at each of its later full replots, so elements it
// adds afterwards (a new curve, a new title) grow too. Each element's own size is remembered
// the first time and whenever code changes it, so scaling never compounds.
void followPlotScale(QCustomPlot* plot);
// Applies the factor to every element of the plot once.
void applyPlotScale(QCustomPlot* plot);

}  // namespace symscore::ui
