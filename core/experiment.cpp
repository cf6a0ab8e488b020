#include "core/experiment.hpp"

#include <algorithm>

#include "core/metrics.hpp"
#include "core/scenario_validation.hpp"
#include "core/w1_readout.hpp"
#include "core/wasserstein.hpp"

namespace symscore {

namespace {
// A model's score field (the trained network, or the exact score for the oracle) and its
// outcome so far: training status, held-out DSM loss and score errors against the exact score.
struct ModelScores {
    ModelOutcome outcome;
    std::shared_ptr<const ScoreField> field;
};

ModelScores scoreModel(const ModelSpec& spec, const Trainer* trainer, const TrainProgress& progress,
                       std::size_t& learnedIndex, const ExactScore& exact, const Group& group,
                       const EvaluationSet& evalSet) {
    ModelScores out;
    ModelOutcome& m = out.outcome;
    m.name = spec.name;
    m.learned = spec.equivariance != Equivariance::Exact;
    if (m.learned) {
        const Trainer::Entry& e = trainer->models()[learnedIndex];
        const ModelProgress& mp = progress.models[learnedIndex];
        ++learnedIndex;
        out.field = e.model;
        m.trainStatus = mp.status;
        m.message = mp.message;
        m.trainSeconds = progress.seconds;
        m.dsmLoss = heldOutDsmLoss(*out.field, exact.process(), evalSet);
    } else {
        out.field = std::make_shared<ExactScore>(exact);
    }
    const ScoreErrors errors = scoreErrors(*out.field, exact, group, evalSet);
    m.scoreError = errors.error;
    m.symmetryViolation = errors.violation;
    m.equivarianceDefect = errors.defect;
    return out;
}
}  // namespace

RunOutcome runScenario(const Scenario& scenario, const RunCallbacks& callbacks,
                       const std::atomic<bool>* stop) {
    auto stage = [&](const std::string& s) {
        if (callbacks.stage) callbacks.stage(s);
    };
    // Within the documented limits and the memory budget, before anything is allocated
    // (the reader checks files; a scenario built in code is checked here).
    if (const FieldIssues issues = validate(scenario); !issues.empty())
        throw std::invalid_argument(issues.front().text());
    const Group group = scenario.makeGroup();
    const Mixture target = scenario.makeTarget();
    const Process process = scenario.makeProcess();
    RunOutcome out;

    // Train every learned model side by side (a scenario of only the oracle trains nothing).
    std::unique_ptr<Trainer> trainer;
    const bool anyLearned =
        std::any_of(scenario.models.begin(), scenario.models.end(),
                    [](const ModelSpec& m) { return m.equivariance != Equivariance::Exact; });
    if (anyLearned) {
        stage("training");
        trainer = std::make_unique<Trainer>(scenario);
        out.trainingSet = trainer->trainingSet();
        if (trainer->runToEnd(stop, callbacks.training) == RunResult::Stopped) out.stopped = true;
    }
    if (out.stopped) return out;

    stage("measuring scores");
    const ExactScore exact(target, process);
    const EvaluationSet evalSet = makeEvaluationSet(scenario);
    SamplerOptions options = samplerOptions(scenario.sampling);
    // The same reference sample and floor as the app's final W1 (core/w1_readout).
    W1Readout readout(scenarioReference(scenario), int(scenario.models.size()),
                      scenario.metrics.w1_method);
    out.n = readout.reference().n();

    const TrainProgress progress = trainer ? trainer->progress() : TrainProgress{};
    std::size_t learnedIndex = 0;
    for (const ModelSpec& spec : scenario.models) {
        const ModelScores scored =
            scoreModel(spec, trainer.get(), progress, learnedIndex, exact, group, evalSet);
        ModelOutcome m = scored.outcome;
        const std::shared_ptr<const ScoreField>& field = scored.field;
        stage("sampling " + spec.name);
        SampleResult r = sample(*field, process, options, {}, stop);
        if (r.status == SampleStatus::Stopped) {
            out.stopped = true;
            return out;
        }
        m.sampleStatus = r.status;
        if (r.status == SampleStatus::BlewUp) m.message = r.message;
        m.samples = std::move(r.samples);
        out.models.push_back(std::move(m));
    }
    std::vector<Points> finals;
    for (const ModelOutcome& m : out.models)
        finals.push_back(m.sampleStatus == SampleStatus::Finished ? m.samples : Points());
    const W1FrameReading final = readout.measure(0, process.eps(), true, finals);
    for (std::size_t i = 0; i < out.models.size(); ++i) {
        out.models[i].w1 = final.models[i].w1;
        if (!final.models[i].ok() && out.models[i].message.empty())
            out.models[i].message = final.models[i].problem;
    }
    out.w1Floor = final.floor.mean;
    out.w1FloorSpread = final.floor.spread;
    return out;
}

}  // namespace symscore
