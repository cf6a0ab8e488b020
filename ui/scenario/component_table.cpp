#include "ui/scenario/component_table.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>
#include <numbers>

namespace symscore::ui {

namespace {
const char* const kColumnNames[] = {"mean x", "mean y", "sd 1", "sd 2", "angle", "weight"};
const char* const kHeaders[] = {"x", "y", "sd 1", "sd 2", "angle\u00b0", "weight"};
const char* const kColumnTips[] = {
    "Mean, x coordinate: where the centre of this Gaussian bump sits left to right.",
    "Mean, y coordinate: where the centre of this Gaussian bump sits bottom to top.",
    "Standard deviation along the first axis: how far the bump spreads in the direction "
    "given by the angle. Must be positive; bigger means wider.",
    "Standard deviation across the first axis (at a right angle to it). Must be positive; "
    "equal to sd 1 gives a round bump, smaller gives a thin ellipse.",
    "Angle of the first axis in degrees, counter-clockwise from the x axis. Turns an "
    "elongated bump; it does nothing when sd 1 equals sd 2.",
    "Relative weight: the share of the probability this component carries. Weights are "
    "rescaled to sum to 1; 0 switches the component off, negative is not allowed."};

// Numbers are shown in the C locale ("0.5", no group separators, like the scenario file);
// typing in the user's own locale ("0,5") is accepted too.
bool parseNumber(const QString& text, double* out) {
    bool ok = false;
    double v = QLocale::c().toDouble(text, &ok);
    if (!ok) v = QLocale().toDouble(text, &ok);
    if (!ok || !std::isfinite(v)) return false;
    *out = v;
    return true;
}

QString format(double v) {
    // Four significant digits keep the columns narrow; the exact value is kept underneath.
    if (std::abs(v) < 1e-12) v = 0.0;  // no "-0" or "1e-17" from the eigen-decomposition
    return QLocale::c().toString(v, 'g', 4);
}
}  // namespace

Axes axesFromCovariance(const Mat2& cov) {
    const double a = cov(0, 0), b = 0.5 * (cov(0, 1) + cov(1, 0)), c = cov(1, 1);
    const double mid = 0.5 * (a + c);
    const double r = std::hypot(0.5 * (a - c), b);
    Axes x;
    x.sd1 = std::sqrt(std::max(mid + r, 0.0));
    x.sd2 = std::sqrt(std::max(mid - r, 0.0));
    // Direction of the larger eigenvalue; atan2 gives (-180, 180], halved (-90, 90].
    x.angleDeg = 0.5 * std::atan2(2.0 * b, a - c) * 180.0 / std::numbers::pi;
    return x;
}

void ComponentModel::setComponents(const std::vector<Gaussian>& comps) {
    beginResetModel();
    rows_.clear();
    for (const Gaussian& g : comps) rows_.push_back({g, axesFromCovariance(g.cov), {}});
    endResetModel();
}

std::vector<Gaussian> ComponentModel::components() const {
    std::vector<Gaussian> out;
    out.reserve(rows_.size());
    for (const Row& r : rows_) out.push_back(r.g);
    return out;
}

double ComponentModel::value(const Row& r, int col) const {
    switch (col) {
        case MeanX:
            return r.g.mean(0);
        case MeanY:
            return r.g.mean(1);
        case Sd1:
            return r.axes.sd1;
        case Sd2:
            return r.axes.sd2;
        case Angle:
            return r.axes.angleDeg;
        default:
            return r.g.weight;
    }
}

bool ComponentModel::weightsAllZero() const {
    for (const Row& r : rows_)
        if (r.g.weight > 0 || !r.badText[Weight].isEmpty()) return false;
    return !rows_.empty();
}

QString ComponentModel::cellProblem(int row, int col) const {
    const Row& r = rows_[std::size_t(row)];
    const QString where = QString("row %1: %2 ").arg(row + 1).arg(kColumnNames[col]);
    if (!r.badText[std::size_t(col)].isEmpty()) return where + "is not a number";
    if ((col == Sd1 || col == Sd2) && !(value(r, col) > 0)) return where + "must be positive";
    if (col == Weight && r.g.weight < 0) return where + "must not be negative";
    if (col == Weight && weightsAllZero())
        return "all weights are zero: at least one component needs a positive weight";
    return {};
}

QString ComponentModel::problem() const {
    for (int i = 0; i < rowCount(); ++i)
        for (int c = 0; c < ColumnCount; ++c)
            if (QString p = cellProblem(i, c); !p.isEmpty()) return p;
    return {};
}

void ComponentModel::appendRow() {
    if (rowCount() >= kMaxRows) return;
    const Gaussian g{Vec2(1.0, 1.0), covarianceFromAxes(0.3, 0.3, 0.0), 1.0};
    beginInsertRows({}, rowCount(), rowCount());
    rows_.push_back({g, {0.3, 0.3, 0.0}, {}});
    endInsertRows();
    Q_EMIT edited();
}

void ComponentModel::removeRowAt(int row) {
    // The mixture needs at least one component.
    if (rowCount() <= 1 || row < 0 || row >= rowCount()) return;
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    endRemoveRows();
    // Removing a row can clear an "all weights are zero" mark on the others.
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT edited();
}

int ComponentModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int ComponentModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComponentModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[std::size_t(index.row())];
    const int col = index.column();
    switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            if (!r.badText[std::size_t(col)].isEmpty()) return r.badText[std::size_t(col)];
            return format(value(r, col));
        case Qt::BackgroundRole:
            if (!cellProblem(index.row(), col).isEmpty()) return QColor(255, 200, 200);
            return {};
        case Qt::ForegroundRole:
            if (!cellProblem(index.row(), col).isEmpty()) return QColor(140, 0, 0);
            return {};
        case Qt::ToolTipRole:
            if (QString p = cellProblem(index.row(), col); !p.isEmpty()) return p;
            return QString(kColumnTips[col]);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
    }
}

bool ComponentModel::setData(const QModelIndex& index, const QVariant& v, int role) {
    if (role != Qt::EditRole || !index.isValid() || index.row() >= rowCount()) return false;
    const QString text = v.toString().trimmed();
    // Committing an editor unchanged must not round the exact value to what is displayed.
    if (text == data(index, Qt::EditRole).toString()) return false;
    Row& r = rows_[std::size_t(index.row())];
    const int col = index.column();
    double x = 0.0;
    if (!parseNumber(text, &x)) {
        // Kept as typed, shown in red, so the user sees what was refused.
        r.badText[std::size_t(col)] = text.isEmpty() ? QStringLiteral(" ") : text;
    } else {
        r.badText[std::size_t(col)].clear();
        switch (col) {
            case MeanX:
                r.g.mean(0) = x;
                break;
            case MeanY:
                r.g.mean(1) = x;
                break;
            case Sd1:
                r.axes.sd1 = x;
                break;
            case Sd2:
                r.axes.sd2 = x;
                break;
            case Angle:
                r.axes.angleDeg = x;
                break;
            default:
                r.g.weight = x;
                break;
        }
        const bool axesOk = r.axes.sd1 > 0 && r.axes.sd2 > 0 && r.badText[Sd1].isEmpty() &&
                            r.badText[Sd2].isEmpty() && r.badText[Angle].isEmpty();
        if ((col == Sd1 || col == Sd2 || col == Angle) && axesOk)
            r.g.cov = covarianceFromAxes(r.axes.sd1, r.axes.sd2, r.axes.angleDeg);
    }
    // Every row: the "all weights are zero" mark spans the whole weight column.
    Q_EMIT dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags ComponentModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable
                           : Qt::NoItemFlags;
}

QVariant ComponentModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o == Qt::Vertical) {
        if (role == Qt::DisplayRole) return section + 1;
        return {};
    }
    if (section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString(kHeaders[section]);
    if (role == Qt::ToolTipRole) return QString(kColumnTips[section]);
    return {};
}

ComponentTable::ComponentTable(QWidget* parent)
    : QWidget(parent),
      model_(new ComponentModel(this)),
      view_(new QTableView(this)),
      add_(new QPushButton("Add", this)),
      remove_(new QPushButton("Remove", this)) {
    view_->setObjectName("componentTable");
    view_->setModel(model_);
    view_->setToolTip(
        "The base components of the target: each row is one Gaussian bump. Double-click or "
        "type over a cell to change it. With \u201corbit\u201d on, every row is copied to "
        "all of its images under the symmetry group.");
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Every column wide enough for a value of format()'s widest shape: the table never shows
    // "0.24\u2026" for a value the user typed. The panel grows to fit (ScenarioPanel).
    const int column = view_->fontMetrics().horizontalAdvance("-0.0000") + 8;
    view_->horizontalHeader()->setMinimumSectionSize(column);
    view_->setMinimumWidth(view_->verticalHeader()->fontMetrics().horizontalAdvance("88") + 12 +
                           ComponentModel::ColumnCount * column + 2 * view_->frameWidth());
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    view_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view_->setWordWrap(false);

    add_->setToolTip("Add a component (a new row) to the target mixture.");
    remove_->setToolTip(
        "Remove the selected component (the last one if none is selected). "
        "The mixture keeps at least one.");
    connect(add_, &QPushButton::clicked, model_, &ComponentModel::appendRow);
    connect(remove_, &QPushButton::clicked, this, [this] {
        const QModelIndex cur = view_->currentIndex();
        model_->removeRowAt(cur.isValid() ? cur.row() : model_->rowCount() - 1);
    });
    connect(model_, &ComponentModel::edited, this, [this] {
        updateButtons();
        fitHeight();
        Q_EMIT edited();
    });

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch(1);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(3);
    lay->addWidget(view_);
    lay->addLayout(buttons);
    updateButtons();
    fitHeight();
}

void ComponentTable::setComponents(const std::vector<Gaussian>& comps) {
    model_->setComponents(comps);
    updateButtons();
    fitHeight();
}

void ComponentTable::updateButtons() {
    add_->setEnabled(model_->rowCount() < ComponentModel::kMaxRows);
    remove_->setEnabled(model_->rowCount() > 1);
}

void ComponentTable::fitHeight() {
    // Tall enough for every row up to eight; beyond that the table scrolls by itself.
    const int rows = std::clamp(model_->rowCount(), 1, 8);
    const int h = view_->horizontalHeader()->sizeHint().height() +
                  rows * view_->verticalHeader()->defaultSectionSize() + 2 * view_->frameWidth();
    view_->setFixedHeight(h);
}

}  // namespace symscore::ui
