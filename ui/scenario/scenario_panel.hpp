#pragma once
// The left-hand editor of a whole scenario: preset, symmetry group, target mixture, training
// data, forward process, models, network, training and sampling. Every control refuses bad
// values where they are typed, with the reason next to it; scenarioChanged carries only
// scenarios that build (group, process and target), debounced for typing and sliders.
#include <QHash>
#include <QMap>
#include <QWidget>
#include <functional>

#include "core/field_issue.hpp"
#include "core/scenario.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace symscore::ui {

class ComponentTable;
class KeptDoubleSpinBox;
class KeptSpinBox;
class LogSpinBox;
class ModelChooser;
class SeedSpinBox;

class ScenarioPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kDebounceMs = 150;

    explicit ScenarioPanel(QWidget* parent = nullptr);
    ~ScenarioPanel() override;

    // Fills every control; emits nothing and drops a pending debounced emission.
    void setScenario(const Scenario& s);
    // The last valid scenario (what scenarioChanged last carried or is about to).
    Scenario scenario() const { return current_; }
    // While training runs, the controls whose change would invalidate the run are disabled,
    // with a tooltip saying why. Sampling settings and the thread count stay editable.
    void setTrainingLocked(bool locked);
    bool isTrainingLocked() const { return locked_; }
    // Empty when the controls hold a valid scenario, else the reason it is not applied.
    QString problem() const { return problem_; }
    // The target's defect under the chosen group, measured for the scenario last emitted:
    // above kInvariantTargetDefect, a note under the group says the
    // target is not invariant under it ("target defect under D3: 0.66"). NaN hides it.
    void setTargetDefect(double defect);
    QString groupNote() const;

  Q_SIGNALS:
    void scenarioChanged(const symscore::Scenario& s);
    // "Resample training set": data.seed was bumped (and scenarioChanged emitted).
    void resampleRequested();
    // problem() changed: a field is refused or fixed.
    void problemChanged(const QString& problem);

  private:
    QWidget* buildPreset();
    QGroupBox* buildGroup();
    QGroupBox* buildMixture();
    QGroupBox* buildData();
    QGroupBox* buildProcess();
    QGroupBox* buildModels();
    QGroupBox* buildNetwork();
    QGroupBox* buildTraining();
    QGroupBox* buildSampling();

    void fillControls(const Scenario& s);
    void updateVisibility();
    void updateLabels(int targetSize);
    // pending_ was changed by the user through control `source`: validate it, show the
    // reason if it is refused, otherwise adopt it and (after the debounce unless immediate)
    // emit it.
    void edited(QWidget* source, bool immediate);
    void showPresetEdited(bool edited);
    void emitCurrent();
    void loadPreset(int index);
    void resample();
    // Spin boxes write their value into pending_ through set, then report the edit.
    void bind(QSpinBox* w, void (*set)(Scenario&, int));
    void bind(QDoubleSpinBox* w, void (*set)(Scenario&, double));
    void clearProblems();
    void flag(QWidget* w);
    // Where a validation issue is shown: the section's error label (none: the banner) and
    // the control holding the field (none: nothing to mark).
    struct Control {
        QLabel* section;
        QWidget* widget;
    };
    Control controlFor(const QString& field, QWidget* source) const;
    // Every numeric field whose typed text is not a usable number: its name and why.
    void reportTypedProblems(const std::function<void(QLabel*, QWidget*, const QString&)>& report);
    QString fieldName(QWidget* w) const;
    static QString describe(const FieldIssue& issue);

    bool filling_ = false;  // controls are being set from a scenario: not a user edit

    Scenario current_;  // the last valid scenario
    Scenario pending_;  // what the controls show, possibly invalid
    Scenario emitted_;  // what scenarioChanged last carried (or setScenario set)
    QString problem_;
    bool locked_ = false;
    QTimer* debounce_;
    QList<QWidget*> lockable_;
    QHash<QWidget*, QString> tips_;   // each control's own tooltip, restored on unlock
    QList<QWidget*> invalid_;         // controls currently shown red
    QMap<QString, QWidget*> fields_;  // the control of each scenario field path, in order

    QLabel* banner_;
    QComboBox* preset_;
    QComboBox* groupType_;
    KeptSpinBox* groupN_;
    KeptDoubleSpinBox* axisDeg_;
    QFormLayout* groupForm_;
    QLabel* groupName_;
    QLabel* groupError_;
    QLabel* groupNote_;
    ComponentTable* table_;
    QCheckBox* orbit_;
    QSlider* breaking_;
    QLabel* breakingValue_;
    QLabel* componentCount_;
    QLabel* mixtureError_;
    KeptSpinBox* nTrain_;
    SeedSpinBox* dataSeed_;
    QPushButton* resample_;
    QComboBox* processType_;
    QFormLayout* processForm_;
    KeptDoubleSpinBox* betaMin_;
    KeptDoubleSpinBox* betaMax_;
    KeptDoubleSpinBox* sigmaMin_;
    KeptDoubleSpinBox* sigmaMax_;
    KeptDoubleSpinBox* horizon_;
    QDoubleSpinBox* eps_;
    QLabel* processError_;
    ModelChooser* models_;
    KeptSpinBox* width_;
    KeptSpinBox* depth_;
    KeptSpinBox* fourier_;
    QComboBox* activation_;
    KeptSpinBox* steps_;
    KeptSpinBox* batch_;
    LogSpinBox* lr_;
    SeedSpinBox* trainSeed_;
    KeptSpinBox* threads_;
    QComboBox* method_;
    KeptSpinBox* sampleSteps_;
    KeptSpinBox* particles_;
};

}  // namespace symscore::ui
