#pragma once
// The decomposition of each model's exact score error (docs/math.md), as bars drawn to the
// measured values (core/score_decomposition computes the numbers):
//   E||s - grad log p_t||^2 = E||S_G[s] - grad log p_t||^2  +  E||s - S_G[s]||^2
//        total (measured)        equivariant part               symmetry violation
// A model's bar is as tall as its measured total; when the parts add up it is split into the
// equivariant part (solid) and the violation (hatched), else it is one cross-hatched bar.
// For a model that is not equivariant a second, dashed bar beside it shows its error after
// post-hoc symmetrization (= the equivariant part) with the signed change ("-27% better",
// "+66% worse"); one name under the pair. Under the bars, wrapped text checks that the parts add up
// and says what symmetrizing did: it never hurts when the target is G-invariant, and when the
// assumed group is not a symmetry of the target it can, and the text says so.
#include <QColor>
#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QWidget>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "core/score_decomposition.hpp"

class QCPAxisTickerText;
class QCustomPlot;
class QCPItemText;
class QCPTextElement;
class QLabel;
class QScrollArea;

namespace symscore::ui {

class DecompositionPlot : public QWidget {
    Q_OBJECT
  public:
    explicit DecompositionPlot(QWidget* parent = nullptr);

    // One entry per model (e.g. a TrainUpdate's errors in progress.models order). colors:
    // one per model, or empty for modelColor(index).
    void setErrors(const std::vector<std::string>& names, const std::vector<ScoreErrors>& errors,
                   const std::vector<QColor>& colors = {});
    // No bars; the text under the chart says why (default: no models yet).
    void clear(const QString& why = {});
    // The assumed group's symbol ("D3") and the target's own defect under it (NaN: unknown).
    // The text names the group and, when the target is not invariant, says so.
    void setTarget(const QString& groupSymbol, double targetDefect);

    // What the bars show, for tests: per model, in setErrors order.
    int modelCount() const { return int(rows_.size()); }
    double total(int model) const { return row(model).total; }
    double sumOfParts(int model) const { return row(model).sumOfParts(); }
    bool isEquivariant(int model) const { return row(model).equivariant; }
    // The top of the model's bar as drawn, and of its symmetrized bar (NaN if none).
    double barTop(int model) const;
    double symmetrizedBarTop(int model) const;
    // The largest |parts - total| / total over the models (0 when empty).
    double largestMismatch() const { return decomposition_.largestMismatch; }
    // The text shown under the bars (the check that the parts add up, and the lesson).
    QString checkText() const;
    // The value labels' rectangles in pixels, as last drawn.
    QList<QRectF> valueLabelRects() const;
    QCustomPlot* chart() const { return plot_; }
    // Where the check text under the chart shows (it scrolls when the column is short).
    QWidget* checkArea() const;
    // Wider in lesson mode, where the type is larger (plot_scale.hpp).
    QSize minimumSizeHint() const override;

    // "What am I looking at?" in plain words.
    static QString explanation();

  protected:
    void resizeEvent(QResizeEvent* e) override;

  private:
    struct Row {
        std::string name;
        QColor color;
    };
    struct Label {
        QCPItemText* item;
        double x, y;  // the anchor: the top of a bar, in plot coordinates
    };
    const DecompositionRow& row(int model) const {
        return decomposition_.rows.at(std::size_t(model));
    }
    void rebuild();
    void drawModel(std::size_t index, double& pos, QCPAxisTickerText& ticker);
    void addLabel(double x, double y, const QString& text);
    void placeLabels();
    bool fitText();
    // The check text as tall as it wants, within what the chart's least height leaves.
    void fitCheckArea();
    void setCheckText(const QString& html);
    bool legendShown() const;
    QString checkLines() const;
    QString lesson() const;
    QString groupName() const;

    std::vector<Row> rows_;
    Decomposition decomposition_;
    QString group_;
    double targetDefect_;
    std::vector<Label> labels_;
    QList<QRectF> labelRects_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QLabel* check_;
    QScrollArea* checkArea_;  // the check text scrolls rather than cover the chart
    QString emptyText_;       // why there are no bars, when the caller said
    double scale_ = 1.0;      // the plot scale the size hint was last given for
    double dataTop_ = 1.0;    // the tallest bar, in the chart's units
    QSize fittedSize_;        // the chart size the text was last fitted to
    int fitPasses_ = 0;       // fitting passes since the last change
};

}  // namespace symscore::ui
