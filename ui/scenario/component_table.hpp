#pragma once
// The editable table of base mixture components. A covariance is edited as two standard
// deviations and the angle of the first axis, which a student can picture, instead of a
// matrix that must stay positive definite.
#include <QAbstractTableModel>
#include <QWidget>
#include <array>
#include <vector>

#include "core/mixture.hpp"

class QPushButton;
class QTableView;

namespace symscore::ui {

struct Axes {
    double sd1 = 1.0, sd2 = 1.0, angleDeg = 0.0;  // sd1 >= sd2, angle in (-90, 90]
};
// The eigen-decomposition of a symmetric 2x2 covariance, the inverse of covarianceFromAxes.
Axes axesFromCovariance(const Mat2& cov);

class ComponentModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { MeanX, MeanY, Sd1, Sd2, Angle, Weight, ColumnCount };
    static constexpr int kMaxRows = 256;  // the scenario format's limit on base components

    using QAbstractTableModel::QAbstractTableModel;

    void setComponents(const std::vector<Gaussian>& comps);
    // The components as edited; valid only when problem() is empty.
    std::vector<Gaussian> components() const;
    // The first problem as "row 2: sd 1 must be positive", or empty.
    QString problem() const;
    void appendRow();
    void removeRowAt(int row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  Q_SIGNALS:
    // A cell was edited or a row added or removed by the user.
    void edited();

  private:
    struct Row {
        // The exact component: a row the user has not touched round-trips bit for bit,
        // which going through the axes form would not guarantee.
        Gaussian g;
        Axes axes;
        std::array<QString, ColumnCount> badText;  // what was typed into a cell, if not a number
    };
    double value(const Row& r, int col) const;
    QString cellProblem(int row, int col) const;
    bool weightsAllZero() const;

    std::vector<Row> rows_;
};

class ComponentTable : public QWidget {
    Q_OBJECT
  public:
    explicit ComponentTable(QWidget* parent = nullptr);
    ComponentModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    void setComponents(const std::vector<Gaussian>& comps);

  Q_SIGNALS:
    void edited();

  private:
    void updateButtons();
    void fitHeight();

    ComponentModel* model_;
    QTableView* view_;
    QPushButton* add_;
    QPushButton* remove_;
};

}  // namespace symscore::ui
