#pragma once
// The models being compared, owned in one place. Every view and task asks it which models
// there are, what they are called and which colour they have, so a model looks the same in
// every panel, legend and table; retraining, resetting or changing the scenario updates or
// drops the derived models here and nowhere else.
//
// Kinds (ui/models/compared_model): the trained models of the last run at rest and the
// oracle; symmetrized ones (S_G of a trained or loaded model, recomputed whenever their
// source changes); loaded ones. Colours: a scenario model keeps the colour of its place in
// the scenario's list (the Train tab's curves use the same rule before any model exists);
// a symmetrized model and a loaded one take palette colours after those.
#include <QObject>
#include <vector>

#include "core/group.hpp"
#include "core/scenario.hpp"
#include "ui/models/compared_model.hpp"

namespace symscore::ui {

class Comparison : public QObject {
    Q_OBJECT
  public:
    explicit Comparison(QObject* parent = nullptr);

    // A new scenario: every model goes.
    void setScenario(const Scenario& s);
    // The models of a run now at rest (trained ones and the oracle, in scenario order).
    // Symmetrized models follow their sources: recomputed from the new weights.
    void setTrained(std::vector<ComparedModel> models);
    // A new run or a reset: the trained models and what was derived from them go; loaded
    // models (and their symmetrizations) stay.
    void dropTrained();
    // Adds S_G of every trained or loaded model that is not equivariant by construction
    // (once: asking again changes nothing). Returns how many symmetrized models there are.
    int symmetrize();
    void addLoaded(ComparedModel m);

    const std::vector<ComparedModel>& models() const { return models_; }
    std::vector<ComparedModel> ofKind(ModelKind kind) const;
    bool hasTrained() const;
    bool isSymmetrized() const { return symmetrized_; }
    bool empty() const { return models_.empty(); }
    const Scenario& scenario() const { return scenario_; }

    // The colour of a scenario model, by name: what the Train tab's curves use.
    static QColor scenarioColor(const Scenario& s, const std::string& name);

  Q_SIGNALS:
    void changed();

  private:
    void add(ComparedModel m);
    void rebuildSymmetrized();

    Scenario scenario_;
    std::vector<ComparedModel> models_;
    int nextId_ = 0;
    int loadedCount_ = 0;
    bool symmetrized_ = false;
};

}  // namespace symscore::ui
