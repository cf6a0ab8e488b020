#include "ui/models/compared_model.hpp"

namespace symscore::ui {

ComparedModel networkModel(std::string name, std::shared_ptr<const NeuralScore> network,
                           ModelKind kind) {
    ComparedModel m;
    m.name = std::move(name);
    m.kind = kind;
    m.equivariant = network->equivariantByConstruction();
    m.field = network;
    m.network = std::move(network);
    return m;
}

ComparedModel exactModel(std::string name, std::shared_ptr<const ScoreField> field) {
    ComparedModel m;
    m.name = std::move(name);
    m.kind = ModelKind::Exact;
    m.equivariant = true;
    m.field = std::move(field);
    return m;
}

ComparedModel loadedModel(std::string name, std::shared_ptr<const NeuralScore> network,
                          const GroupSpec& scenarioGroup) {
    const bool underScenario = network->group().contains(Group(scenarioGroup));
    ComparedModel m = networkModel(std::move(name), std::move(network), ModelKind::Loaded);
    m.equivariant = m.equivariant && underScenario;
    return m;
}

std::string displayName(const std::string& modelName) {
    if (modelName == "equivariant+aug") return "equivariant + augmented";
    if (modelName == "invariant_features") return "invariant features";
    return modelName;
}

std::string displayName(const ComparedModel& m) {
    switch (m.kind) {
        case ModelKind::Symmetrized:
            return displayName(m.name) + " (symmetrized)";
        case ModelKind::Loaded:
            return displayName(m.name) + " (loaded)";
        case ModelKind::Trained:
        case ModelKind::Exact:
            break;
    }
    return displayName(m.name);
}

}  // namespace symscore::ui

namespace symscore::ui {

std::string fileStem(const ComparedModel& m) {
    switch (m.kind) {
        case ModelKind::Symmetrized:
            return m.name + "_symmetrized";
        case ModelKind::Loaded:
            return m.name + "_loaded";
        case ModelKind::Trained:
        case ModelKind::Exact:
            break;
    }
    return m.name;
}

}  // namespace symscore::ui
