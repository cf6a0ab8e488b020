#pragma once
// A model as the rest of the app sees it: one entry of the comparison (ui/models/comparison),
// with everything that identifies it decided once: a stable id, its kind, its display name
// and its colour. The score field is a copy nobody writes to, so any thread may evaluate it.
#include <QColor>
#include <memory>
#include <string>

#include "core/score_field.hpp"
#include "core/score_model.hpp"

namespace symscore::ui {

enum class ModelKind {
    Trained,      // trained in this window's last run (or restored from its autosave)
    Exact,        // the oracle: the exact score of p_t
    Symmetrized,  // S_G of a trained model (Run > Symmetrize)
    Loaded,       // read from a model file
};

struct ComparedModel {
    std::string name;  // the scenario's model name (files use it: samples_<name>.csv)
    std::shared_ptr<const ScoreField> field;
    bool equivariant = false;
    ModelKind kind = ModelKind::Trained;
    int id = -1;        // stable within a comparison; -1 until the comparison adds it
    int sourceId = -1;  // Symmetrized: the id of the model it averages
    QColor color;       // chosen by the comparison
    // The network behind a trained or loaded model (what a model file stores); null for the
    // oracle and for symmetrized models.
    std::shared_ptr<const NeuralScore> network;
};

// A model made of a network (trained or loaded), and the oracle.
ComparedModel networkModel(std::string name, std::shared_ptr<const NeuralScore> network,
                           ModelKind kind = ModelKind::Trained);
ComparedModel exactModel(std::string name, std::shared_ptr<const ScoreField> field);
// A model loaded from a file for a scenario whose group is scenarioGroup: it counts as
// equivariant only when its own group contains the scenario's (a C3 model in a C4 scenario
// is not C4-equivariant, whatever it was built as).
ComparedModel loadedModel(std::string name, std::shared_ptr<const NeuralScore> network,
                          const GroupSpec& scenarioGroup);

// The name shown for a model: the scenario's short names spelled out ("equivariant+aug"
// reads "equivariant + augmented"); a derived model says what it is derived from.
std::string displayName(const ComparedModel& m);
std::string displayName(const std::string& modelName);
// The model's part of a file name (samples_<stem>.csv): unique within a comparison.
std::string fileStem(const ComparedModel& m);

}  // namespace symscore::ui
