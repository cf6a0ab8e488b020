#include "ui/scenario/model_chooser.hpp"

#include <QCheckBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/scenario/panel_widgets.hpp"

namespace symscore::ui {

namespace {
struct StandardKind {
    const char* name;
    Equivariance eq;
    Augmentation aug;
    const char* label;
    const char* tip;
};

// The order here is the order of Scenario::models, and so of the model colours.
constexpr StandardKind kStandard[] = {
    {"plain", Equivariance::None, Augmentation::None, "plain",
     "An ordinary network that knows nothing about the symmetry and sees the training points "
     "as they are. The baseline."},
    {"augmented", Equivariance::None, Augmentation::Random, "augmented",
     "An ordinary network, but each training point is turned by a random group element every "
     "time it is used (data augmentation). It can only learn the symmetry approximately."},
    {"equivariant", Equivariance::Reynolds, Augmentation::None, "equivariant",
     "The network's output is averaged over the whole group, so the learned score has the "
     "symmetry exactly, by construction. The paper's model."},
    {"equivariant+aug", Equivariance::Reynolds, Augmentation::Random, "equivariant + augmented",
     "The equivariant model trained with augmentation as well. Theory says augmentation adds "
     "nothing to an equivariant model: this lets you check."},
    {"invariant_features", Equivariance::InvariantFeatures, Augmentation::None,
     "invariant features",
     "Equivariant by a different route: the network only sees quantities the group does not "
     "change (such as the distance to the centre)."},
    {"oracle", Equivariance::Exact, Augmentation::None, "oracle (exact score)",
     "No learning: sampling uses the exact score of the target. Its error is the floor set by "
     "the sampler alone."},
};

QString augmentationName(Augmentation a) {
    switch (a) {
        case Augmentation::None:
            return "no augmentation";
        case Augmentation::Random:
            return "random augmentation";
        case Augmentation::Orbit:
            return "whole-orbit augmentation";
    }
    return {};
}

QString equivarianceName(Equivariance e) {
    switch (e) {
        case Equivariance::None:
            return "not equivariant";
        case Equivariance::Reynolds:
            return "group-averaged";
        case Equivariance::InvariantFeatures:
            return "invariant features";
        case Equivariance::Exact:
            return "exact score";
    }
    return {};
}
}  // namespace

ModelChooser::ModelChooser(QWidget* parent)
    : QWidget(parent), extrasLayout_(new QVBoxLayout), error_(makeErrorLabel(this)) {
    error_->setObjectName("modelsError");
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    for (const StandardKind& k : kStandard) {
        auto* box = new QCheckBox(k.label, this);
        box->setObjectName(QString("model_") + k.name);
        box->setToolTip(k.tip);
        kinds_.push_back({box, {k.name, k.eq, k.aug}});
        connect(box, &QCheckBox::toggled, this, [this, box](bool on) { toggled(box, on); });
        lay->addWidget(box);
    }
    extrasLayout_->setContentsMargins(0, 0, 0, 0);
    extrasLayout_->setSpacing(2);
    lay->addLayout(extrasLayout_);
    lay->addWidget(error_);
}

void ModelChooser::clearExtras() {
    for (Kind& k : extras_) delete k.box;
    extras_.clear();
}

void ModelChooser::setModels(const std::vector<ModelSpec>& models) {
    clearExtras();
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
        const QSignalBlocker block(kinds_[i].box);
        kinds_[i].box->setChecked(false);
        kinds_[i].spec.name = kStandard[i].name;
    }
    for (const ModelSpec& m : models) {
        Kind* match = nullptr;
        for (Kind& k : kinds_)
            if (!k.box->isChecked() && k.spec.equivariance == m.equivariance &&
                k.spec.augmentation == m.augmentation) {
                match = &k;
                break;
            }
        if (match) {
            const QSignalBlocker block(match->box);
            match->box->setChecked(true);
            match->spec.name = m.name;  // keep the file's name for it
            continue;
        }
        auto* box = new QCheckBox(QString::fromStdString(m.name) + " (from the file)", this);
        box->setToolTip(
            QString("A model of the loaded scenario (%1, %2). Unchecking it removes "
                    "it; loading the scenario again brings it back.")
                .arg(equivarianceName(m.equivariance), augmentationName(m.augmentation)));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, [this, box](bool on) { toggled(box, on); });
        extrasLayout_->addWidget(box);
        extras_.push_back({box, m});
    }
    showError(error_, {});
}

std::vector<ModelSpec> ModelChooser::models() const {
    std::vector<ModelSpec> out;
    auto add = [&out](ModelSpec m) {
        // A file may have given a standard kind's name to another kind: never emit a name
        // twice, since names identify models (and their files).
        const std::string base = m.name;
        for (int k = 2;; ++k) {
            bool used = false;
            for (const ModelSpec& o : out) used = used || o.name == m.name;
            if (!used) break;
            m.name = base + "-" + std::to_string(k);
        }
        out.push_back(std::move(m));
    };
    for (const Kind& k : kinds_)
        if (k.box->isChecked()) add(k.spec);
    for (const Kind& k : extras_)
        if (k.box->isChecked()) add(k.spec);
    return out;
}

void ModelChooser::toggled(QCheckBox* box, bool on) {
    if (!on && models().empty()) {
        // Refused at the control: the box goes back on and says why.
        const QSignalBlocker block(box);
        box->setChecked(true);
        showError(error_, "At least one model is needed: it is what gets trained and compared.");
        return;
    }
    showError(error_, {});
    Q_EMIT changed();
}

}  // namespace symscore::ui
