#pragma once
// The "models to compare" checkboxes. Six standard kinds (plain, augmented, equivariant,
// equivariant+aug, invariant_features, oracle) plus any other model a loaded scenario
// brings, which is kept as given. At least one model stays checked.
#include <QWidget>
#include <vector>

#include "core/scenario.hpp"

class QCheckBox;
class QLabel;
class QVBoxLayout;

namespace symscore::ui {

class ModelChooser : public QWidget {
    Q_OBJECT
  public:
    explicit ModelChooser(QWidget* parent = nullptr);
    // Checks the kinds present (matched by equivariance and augmentation, keeping the file's
    // names) and lists the others as extra checkboxes. Emits nothing.
    void setModels(const std::vector<ModelSpec>& models);
    // Checked standard kinds in their fixed order, then checked extras in file order.
    std::vector<ModelSpec> models() const;
    QLabel* errorLabel() const { return error_; }

  Q_SIGNALS:
    void changed();

  private:
    void toggled(QCheckBox* box, bool on);
    void clearExtras();

    struct Kind {
        QCheckBox* box;
        ModelSpec spec;  // name as loaded, or the standard name
    };
    std::vector<Kind> kinds_;
    std::vector<Kind> extras_;
    QVBoxLayout* extrasLayout_;
    QLabel* error_;
};

}  // namespace symscore::ui
