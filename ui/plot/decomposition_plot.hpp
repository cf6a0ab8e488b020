#pragma once
// The orthogonal decomposition of each model's exact score error (MATH.md section 5), as
// stacked bars:
//   E||s - grad log p_t||^2 = E||S_G[s] - grad log p_t||^2  +  E||s - S_G[s]||^2
//        total (measured)        equivariant part               symmetry violation
// For a model that is not equivariant a second bar shows its error after post-hoc
// symmetrization (= the equivariant part), so "symmetrizing never makes the score worse"
// is visible. Equivariant models have one bar (no violation). A line of text checks, for
// every model, that the two parts add up to the separately measured total.
#include <QColor>
#include <QString>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "ui/plot/qcp.hpp"

namespace symscore::ui {

class DecompositionPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit DecompositionPlot(QWidget* parent = nullptr);

    // One entry per model (e.g. a TrainUpdate's errors in progress.models order). colors:
    // one per model, or empty for modelColor(index). A model counts as equivariant when
    // its violation is zero to rounding.
    void setErrors(const std::vector<std::string>& names, const std::vector<ScoreErrors>& errors,
                   const std::vector<QColor>& colors = {});
    void clear();

    // What the bars show, for tests: per model, in setErrors order.
    int modelCount() const { return int(rows_.size()); }
    double total(int model) const { return rows_[std::size_t(model)].e.error; }
    double sumOfParts(int model) const;
    bool isEquivariant(int model) const { return rows_[std::size_t(model)].equivariant; }
    // The largest |parts - total| / total over the models (0 when empty).
    double largestMismatch() const;
    // The check text shown under the bars ("parts add up to ... = total ...").
    QString checkText() const { return check_->text(); }

    // "What am I looking at?" in plain words.
    static QString explanation();

private:
    struct Row {
        std::string name;
        ScoreErrors e;
        QColor color;
        bool equivariant = false;
    };
    void rebuild();

    std::vector<Row> rows_;
    QCPTextElement* title_;
    QCPTextElement* check_;
};

}  // namespace symscore::ui
