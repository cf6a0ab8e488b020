#pragma once
// Curves that grow while a task runs (loss, score error, W1 against t). Appends only store
// data; a 40 ms single-shot timer coalesces the redraws (as PlotJuggler does), so a fast
// producer never makes the GUI stutter. Hovering shows the nearest point's value.
#include <QMap>
#include <QTimer>

#include "ui/plot/qcp.hpp"

namespace symscore::ui {

class CurvePlot : public QCustomPlot {
    Q_OBJECT
  public:
    explicit CurvePlot(const QString& title, const QString& xLabel, const QString& yLabel,
                       QWidget* parent = nullptr);
    void setLogY(bool log);
    // A named series; dashed for secondary parts (e.g. the symmetry-violation term). A series
    // left out of the legend is explained by a key (addLegendKey) for its line style.
    void addSeries(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine,
                   bool inLegend = true);
    // A legend entry for a line style rather than a series ("dashed: symmetry violation"):
    // one entry instead of one per model.
    void addLegendKey(const QString& text, Qt::PenStyle style);
    // Two series drawn as a filled band between them (for example a mean plus or minus its
    // spread), left out of the legend.
    void addBand(const QString& lower, const QString& upper, const QColor& fill);
    void append(const QString& name, double x, double y);
    void setSeries(const QString& name, const QVector<double>& x, const QVector<double>& y);
    // A horizontal reference line, e.g. the W1 noise floor.
    void setReference(const QString& label, double y);
    void clearData();
    void removeAllSeries();
    int pointCount(const QString& name) const;
    double lastValue(const QString& name) const;
    // Every point as CSV: "series,x,y" with a header naming the axes.
    QByteArray toCsv() const;
    // Rescales and redraws now; appends call this through the coalescing timer.
    void refresh();

  protected:
    void showEvent(QShowEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

  private:
    void fitTitle();
    void placeLegendBelow();
    void fitLegend();  // as many columns as the width holds
    void scheduleRefresh();
    void showValueAt(QMouseEvent* e);
    QMap<QString, QCPGraph*> series_;
    QCPItemStraightLine* reference_ = nullptr;
    QCPItemText* referenceLabel_ = nullptr;
    double referenceValue_ = qQNaN();
    QTimer refreshTimer_;
    bool logY_ = false;
    bool stale_ = false;
    QCPTextElement* title_ = nullptr;
    QString fullTitle_;  // on one line when it fits the width, else on two (fitTitle)
};

}  // namespace symscore::ui
