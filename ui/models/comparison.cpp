#include "ui/models/comparison.hpp"

#include <algorithm>

#include "ui/models/symmetrize.hpp"
#include "ui/plot/palette.hpp"

namespace symscore::ui {

namespace {
int scenarioIndex(const Scenario& s, const std::string& name) {
    for (std::size_t k = 0; k < s.models.size(); ++k)
        if (s.models[k].name == name) return int(k);
    return -1;
}
}  // namespace

Comparison::Comparison(QObject* parent) : QObject(parent) {}

QColor Comparison::scenarioColor(const Scenario& s, const std::string& name) {
    return modelColor(std::max(0, scenarioIndex(s, name)));
}

void Comparison::setScenario(const Scenario& s) {
    scenario_ = s;
    models_.clear();
    loadedCount_ = 0;
    symmetrized_ = false;
    Q_EMIT changed();
}

void Comparison::add(ComparedModel m) {
    m.id = nextId_++;
    const int slots = int(scenario_.models.size());
    switch (m.kind) {
        case ModelKind::Trained:
        case ModelKind::Exact:
            m.color = scenarioColor(scenario_, m.name);
            break;
        case ModelKind::Symmetrized: {
            auto source = std::find_if(models_.begin(), models_.end(),
                                       [&](const ComparedModel& s) { return s.id == m.sourceId; });
            const int k = source == models_.end() ? 0 : scenarioIndex(scenario_, source->name);
            m.color = modelColor(slots + std::max(0, k));
            break;
        }
        case ModelKind::Loaded:
            m.color = modelColor(2 * slots + loadedCount_++);
            break;
    }
    models_.push_back(std::move(m));
}

void Comparison::setTrained(std::vector<ComparedModel> models) {
    std::erase_if(models_, [](const ComparedModel& m) {
        return m.kind == ModelKind::Trained || m.kind == ModelKind::Exact ||
               m.kind == ModelKind::Symmetrized;
    });
    // The trained models come first, in scenario order, then loaded ones.
    std::vector<ComparedModel> rest = std::move(models_);
    models_.clear();
    for (ComparedModel& m : models) add(std::move(m));
    for (ComparedModel& m : rest) models_.push_back(std::move(m));
    rebuildSymmetrized();
    Q_EMIT changed();
}

void Comparison::dropTrained() {
    const auto before = models_.size();
    std::erase_if(models_, [](const ComparedModel& m) {
        return m.kind == ModelKind::Trained || m.kind == ModelKind::Exact ||
               m.kind == ModelKind::Symmetrized;
    });
    rebuildSymmetrized();
    if (models_.size() != before) Q_EMIT changed();
}

void Comparison::rebuildSymmetrized() {
    std::erase_if(models_, [](const ComparedModel& m) { return m.kind == ModelKind::Symmetrized; });
    if (!symmetrized_) return;
    const Group group = scenario_.makeGroup();
    const std::vector<ComparedModel> sources = models_;
    for (const ComparedModel& s : sources) {
        if (s.equivariant || s.kind == ModelKind::Exact) continue;
        add(ui::symmetrize(s, group));
    }
}

int Comparison::symmetrize() {
    symmetrized_ = true;
    rebuildSymmetrized();
    Q_EMIT changed();
    return int(ofKind(ModelKind::Symmetrized).size());
}

void Comparison::addLoaded(ComparedModel m) {
    m.kind = ModelKind::Loaded;
    add(std::move(m));
    rebuildSymmetrized();
    Q_EMIT changed();
}

std::vector<ComparedModel> Comparison::ofKind(ModelKind kind) const {
    std::vector<ComparedModel> out;
    for (const ComparedModel& m : models_)
        if (m.kind == kind) out.push_back(m);
    return out;
}

bool Comparison::hasTrained() const {
    return std::any_of(models_.begin(), models_.end(),
                       [](const ComparedModel& m) { return m.kind == ModelKind::Trained; });
}

}  // namespace symscore::ui
