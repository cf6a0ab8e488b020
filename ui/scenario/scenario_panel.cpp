#include "ui/scenario/scenario_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "core/scenario_validation.hpp"
#include "core/score_decomposition.hpp"
#include "ui/scenario/component_table.hpp"
#include "ui/scenario/kept_spin_box.hpp"
#include "ui/scenario/model_chooser.hpp"
#include "ui/scenario/panel_widgets.hpp"

namespace symscore::ui {

namespace {
const QString kLockedTip = QStringLiteral(
    "Locked while training runs: changing this would make the models being trained "
    "meaningless. Stop or reset training to change it.");

void selectData(QComboBox* box, int value) { box->setCurrentIndex(box->findData(value)); }
}  // namespace

ScenarioPanel::ScenarioPanel(QWidget* parent)
    : QWidget(parent), debounce_(new QTimer(this)), banner_(makeErrorLabel(this)) {
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, [this] { emitCurrent(); });

    auto* content = new QWidget;
    content->setObjectName("scenarioPanelContent");
    auto* col = new QVBoxLayout(content);
    col->setContentsMargins(4, 4, 4, 4);
    col->setSpacing(6);
    col->addWidget(buildPreset());
    col->addWidget(buildGroup());
    col->addWidget(buildMixture());
    col->addWidget(buildData());
    col->addWidget(buildProcess());
    col->addWidget(buildModels());
    col->addWidget(buildNetwork());
    col->addWidget(buildTraining());
    col->addWidget(buildSampling());
    col->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);

    // Outside the scroll area, so the reason a change is on hold is always in view.
    banner_->setObjectName("panelProblem");
    banner_->setContentsMargins(6, 2, 6, 2);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(scroll, 1);
    lay->addWidget(banner_);

    fields_ = {{"group.n", groupN_},
               {"group.axis_deg", axisDeg_},
               {"process.beta_min", betaMin_},
               {"process.beta_max", betaMax_},
               {"process.sigma_min", sigmaMin_},
               {"process.sigma_max", sigmaMax_},
               {"process.T", horizon_},
               {"process.eps", eps_},
               {"data.n_train", nTrain_},
               {"data.seed", dataSeed_},
               {"network.width", width_},
               {"network.depth", depth_},
               {"network.fourier_features", fourier_},
               {"training.steps", steps_},
               {"training.batch", batch_},
               {"training.lr", lr_},
               {"training.seed", trainSeed_},
               {"training.threads", threads_},
               {"sampling.steps", sampleSteps_},
               {"sampling.particles", particles_}};
    // Text typed into a numeric field that is not a usable number is refused like any other
    // bad value: kept, marked, and named in the banner until it is fixed.
    for (QWidget* w : fields_) {
        auto onTyped = [this, w] {
            if (!filling_) edited(w, false);
        };
        if (auto* i = qobject_cast<KeptSpinBox*>(w))
            connect(i, &KeptSpinBox::typedProblemChanged, this, onTyped);
        else if (auto* d = qobject_cast<KeptDoubleSpinBox*>(w))
            connect(d, &KeptDoubleSpinBox::typedProblemChanged, this, onTyped);
    }
    WheelGuard::install(content);
    // As wide as the widest row needs (the mixture table), so nothing in the panel is cut at
    // its right edge; the vertical scroll bar's width on top.
    setMinimumWidth(std::max(
        300, content->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()));
    setScenario(io::defaultScenario());
}

ScenarioPanel::~ScenarioPanel() = default;

void ScenarioPanel::bind(QSpinBox* w, void (*set)(Scenario&, int)) {
    connect(w, &QSpinBox::valueChanged, this, [this, w, set](int v) {
        if (filling_) return;
        set(pending_, v);
        edited(w, false);
    });
}

void ScenarioPanel::bind(QDoubleSpinBox* w, void (*set)(Scenario&, double)) {
    connect(w, &QDoubleSpinBox::valueChanged, this, [this, w, set](double v) {
        if (filling_) return;
        set(pending_, v);
        edited(w, false);
    });
}

void ScenarioPanel::setScenario(const Scenario& s) {
    debounce_->stop();
    fillControls(s);
    current_ = pending_ = emitted_ = s;
    clearProblems();
    int size = 0;
    try {
        size = s.makeTarget().size();
    } catch (const std::exception&) {  // a scenario from io always builds; be safe anyway
    }
    updateLabels(size);
    // Selects the preset of that name; "(edited)" if the scenario differs from it.
    bool edited = true;
    preset_->setCurrentIndex(-1);
    const auto& list = io::presets();
    for (int i = 0; i < list.size(); ++i) {
        if (list[i].name != QString::fromStdString(s.name)) continue;
        preset_->setCurrentIndex(i);
        try {
            edited = io::scenarioToJson(io::loadPreset(list[i].name)) != io::scenarioToJson(s);
        } catch (const std::exception&) {
        }
    }
    preset_->setPlaceholderText(QString::fromStdString(s.name));
    showPresetEdited(edited && preset_->currentIndex() >= 0);
}

void ScenarioPanel::fillControls(const Scenario& s) {
    filling_ = true;
    for (QWidget* w : fields_)  // the scenario's values replace any text typed over them
        if (auto* k = dynamic_cast<KeptEntry*>(w)) k->discardTyped();
    selectData(groupType_, int(s.group.type));
    if (s.group.type == GroupType::Cyclic || s.group.type == GroupType::Dihedral)
        groupN_->setValue(s.group.n);
    axisDeg_->setValue(s.group.axis_deg);
    table_->setComponents(s.mixture.components);
    orbit_->setChecked(s.mixture.orbit);
    breaking_->setValue(int(std::lround(s.mixture.symmetry_breaking * 100)));
    nTrain_->setValue(s.data.n_train);
    dataSeed_->setSeed(s.data.seed);
    selectData(processType_, int(s.process.type));
    betaMin_->setValue(s.process.beta_min);
    betaMax_->setValue(s.process.beta_max);
    sigmaMin_->setValue(s.process.sigma_min);
    sigmaMax_->setValue(s.process.sigma_max);
    horizon_->setValue(s.process.T);
    eps_->setValue(s.process.eps);
    models_->setModels(s.models);
    width_->setValue(s.network.width);
    depth_->setValue(s.network.depth);
    fourier_->setValue(s.network.fourier_features);
    selectData(activation_, int(s.network.activation));
    steps_->setValue(s.training.steps);
    batch_->setValue(s.training.batch);
    lr_->setValue(s.training.lr);
    trainSeed_->setSeed(s.training.seed);
    threads_->setValue(s.training.threads);
    selectData(method_, int(s.sampling.method));
    sampleSteps_->setValue(s.sampling.steps);
    particles_->setValue(s.sampling.particles);
    filling_ = false;
    updateVisibility();
}

void ScenarioPanel::updateVisibility() {
    const auto g = GroupType(groupType_->currentData().toInt());
    groupForm_->setRowVisible(groupN_, g == GroupType::Cyclic || g == GroupType::Dihedral);
    groupForm_->setRowVisible(axisDeg_, g == GroupType::Reflection);
    const auto p = ProcessType(processType_->currentData().toInt());
    processForm_->setRowVisible(betaMin_, p == ProcessType::VP);
    processForm_->setRowVisible(betaMax_, p == ProcessType::VP);
    processForm_->setRowVisible(sigmaMin_, p == ProcessType::VE);
    processForm_->setRowVisible(sigmaMax_, p == ProcessType::VE);
}

void ScenarioPanel::setTargetDefect(double defect) {
    QString note;
    if (defect > kInvariantTargetDefect) {
        const QString g = QString::fromStdString(current_.makeGroup().symbol());
        note = QString::fromUtf8(
                   "Target defect under %1: %2. The target is not %1-invariant, "
                   "so a %1-equivariant model cannot match it.")
                   .arg(g, QString::number(defect, 'f', 2));
    }
    groupNote_->setText(note);
    groupNote_->setVisible(!note.isEmpty());
}

QString ScenarioPanel::groupNote() const {
    return groupNote_->isVisibleTo(this) ? groupNote_->text() : QString();
}

void ScenarioPanel::updateLabels(int targetSize) {
    try {
        QString name = QString::fromStdString(current_.makeGroup().name());
        // The group is what the models assume; a broken target says so beside it.
        if (current_.mixture.symmetry_breaking > 0)
            name += QString::fromUtf8(" \u2014 broken (%1)")
                        .arg(current_.mixture.symmetry_breaking, 0, 'f', 2);
        groupName_->setText(name);
    } catch (const std::exception&) {
        groupName_->clear();
    }
    // The defect measured for the group shown before is stale until measured again.
    groupNote_->setVisible(false);
    breakingValue_->setText(QString::number(pending_.mixture.symmetry_breaking, 'f', 2));
    componentCount_->setText(
        current_.mixture.orbit
            ? QString("%1 components after the orbit").arg(targetSize)
            : QString("%1 components (orbit off: used as given)").arg(targetSize));
}

void ScenarioPanel::clearProblems() {
    for (QWidget* w : invalid_) setInvalidLook(w, false);
    invalid_.clear();
    for (QLabel* l : {groupError_, mixtureError_, processError_, models_->errorLabel(), banner_})
        showError(l, {});
    const bool had = !problem_.isEmpty();
    problem_.clear();
    if (had) Q_EMIT problemChanged({});
}

void ScenarioPanel::flag(QWidget* w) {
    if (!w || qobject_cast<ComponentTable*>(w)) return;  // table cells mark themselves
    setInvalidLook(w, true);
    invalid_.append(w);
}

ScenarioPanel::Control ScenarioPanel::controlFor(const QString& field, QWidget* source) const {
    QLabel* section = field.startsWith("group")     ? groupError_
                      : field.startsWith("mixture") ? mixtureError_
                      : field.startsWith("process") ? processError_
                      : field.startsWith("models")  ? models_->errorLabel()
                                                    : nullptr;  // the banner says it
    QWidget* widget = fields_.value(field, nullptr);
    if (!widget && field.startsWith("mixture")) widget = source;  // the table marks its cells
    return {section, widget};
}

QString ScenarioPanel::fieldName(QWidget* w) const {
    // The label of its row, and its section where two sections share the label ("Seed").
    QString label, section;
    for (QWidget* p = w->parentWidget(); p; p = p->parentWidget()) {
        if (auto* box = qobject_cast<QGroupBox*>(p)) {
            section = box->title();
            if (auto* form = qobject_cast<QFormLayout*>(box->layout()))
                if (auto* l = qobject_cast<QLabel*>(form->labelForField(w))) label = l->text();
            break;
        }
    }
    static const QStringList shared{"Seed", "Steps", "Type"};
    if (label.isEmpty()) return section;
    return shared.contains(label) ? QString("%1 (%2)").arg(label, section) : label;
}

void ScenarioPanel::reportTypedProblems(
    const std::function<void(QLabel*, QWidget*, const QString&)>& report) {
    for (auto it = fields_.cbegin(); it != fields_.cend(); ++it) {
        const auto* k = dynamic_cast<const KeptEntry*>(it.value());
        if (!k || k->typedProblem().isEmpty()) continue;
        const Control c = controlFor(it.key(), it.value());
        report(c.section, it.value(), fieldName(it.value()) + ": " + k->typedProblem());
    }
}

QString ScenarioPanel::describe(const FieldIssue& issue) {
    const QString field = QString::fromStdString(issue.field);
    const QString message = QString::fromStdString(issue.message);
    // A process field is named as its label names it ("β max must be ..."), others by path.
    static const QHash<QString, QString> labels{
        {"process.beta_min", QString::fromUtf8("\u03b2 min")},
        {"process.beta_max", QString::fromUtf8("\u03b2 max")},
        {"process.sigma_min", QString::fromUtf8("\u03c3 min")},
        {"process.sigma_max", QString::fromUtf8("\u03c3 max")},
        {"process.T", "T"},
        {"process.eps", QString::fromUtf8("\u03b5")}};
    if (!labels.contains(field)) return field + ": " + message;
    QString why = labels.value(field) + " " + message;
    for (const auto& [from, to] :
         {std::pair{"beta_min", "\u03b2 min"}, {"sigma_min", "\u03c3 min"}})
        why.replace(QString(from), QString::fromUtf8(to));
    return why;
}

void ScenarioPanel::edited(QWidget* source, bool immediate) {
    if (filling_) return;
    clearProblems();
    // Every section's problem is shown under that section, with its control in red, so
    // two mistakes are not discovered one after the other; the banner names the first.
    QStringList problems;
    auto report = [&](QLabel* where, QWidget* culprit, const QString& why) {
        if (where) showError(where, where->text().isEmpty() ? why : where->text() + "\n" + why);
        flag(culprit);
        problems << why;
    };
    reportTypedProblems(report);
    const Scenario& s = pending_;
    const QString tableProblem = table_->model()->problem();
    if (!tableProblem.isEmpty()) report(mixtureError_, nullptr, tableProblem);
    // Every problem comes typed from core's validate(): its field path names the control
    // to mark and the section that shows the reason.
    bool mixtureOk = true;
    for (const FieldIssue& issue : validate(s)) {
        const QString field = QString::fromStdString(issue.field);
        // With a table problem pending_'s components are the last good ones: no news there.
        if (field.startsWith("mixture") && !tableProblem.isEmpty()) continue;
        if (field.startsWith("mixture") || field.startsWith("group")) mixtureOk = false;
        const Control c = controlFor(field, source);
        report(c.section, c.widget, describe(issue));
    }
    int size = 0;
    if (tableProblem.isEmpty() && mixtureOk) {
        try {
            size = s.makeTarget().size();
        } catch (const std::exception& e) {  // validate() builds it: not expected here
            report(mixtureError_, source,
                   "the target cannot be built: " + QString::fromStdString(e.what()));
        }
    }
    if (!problems.isEmpty()) {
        problem_ = problems.front();
        showError(
            banner_,
            problems.size() == 1
                ? "Not applied: " + problem_
                : QString("Not applied: %1 (and %2 more)").arg(problem_).arg(problems.size() - 1));
        // A value on its way (typed "9" on the way to "99") is not applied behind a refusal:
        // the last scenario emitted stays the panel's.
        debounce_->stop();
        current_ = emitted_;
        Q_EMIT problemChanged(problem_);
        return;
    }
    current_ = pending_;
    updateLabels(size);
    showPresetEdited(true);
    if (immediate) {
        debounce_->stop();
        emitCurrent();
    } else {
        debounce_->start();
    }
}

void ScenarioPanel::emitCurrent() {
    emitted_ = current_;
    Q_EMIT scenarioChanged(current_);
}

void ScenarioPanel::showPresetEdited(bool edited) {
    const auto& list = io::presets();
    const int cur = preset_->currentIndex();
    for (int i = 0; i < list.size() && i < preset_->count(); ++i)
        preset_->setItemText(i, list[i].name + (edited && i == cur ? " (edited)" : ""));
    if (cur < 0) {
        QString name = QString::fromStdString(current_.name);
        preset_->setPlaceholderText(edited ? name + " (edited)" : name);
    }
}

void ScenarioPanel::loadPreset(int index) {
    const auto& list = io::presets();
    if (index < 0 || index >= list.size()) return;
    try {
        setScenario(io::loadPreset(list[index].name));
    } catch (const std::exception& e) {  // a broken resource: say so, keep what we have
        showError(banner_, "Cannot load the preset: " + QString::fromStdString(e.what()));
        return;
    }
    emitCurrent();
}

void ScenarioPanel::resample() {
    // The seed is always valid, so the bump applies even while another field is on hold.
    const unsigned long long next = current_.data.seed >= (1ULL << 53) ? 0 : current_.data.seed + 1;
    current_.data.seed = pending_.data.seed = next;
    filling_ = true;
    dataSeed_->setSeed(next);
    filling_ = false;
    showPresetEdited(true);
    debounce_->stop();
    emitCurrent();
    Q_EMIT resampleRequested();
}

void ScenarioPanel::setTrainingLocked(bool locked) {
    if (locked == locked_) return;
    locked_ = locked;
    if (locked && !problem_.isEmpty()) {
        // Training runs on the last valid scenario: show that one, not refused values the
        // user can no longer fix while the controls are disabled.
        fillControls(current_);
        pending_ = current_;
        clearProblems();
    }
    for (QWidget* w : lockable_) {
        w->setEnabled(!locked);
        QList<QWidget*> all = w->findChildren<QWidget*>();
        all.prepend(w);
        for (QWidget* c : all) {
            if (locked) {
                tips_.insert(c, c->toolTip());
                c->setToolTip(c->toolTip().isEmpty() ? kLockedTip
                                                     : kLockedTip + "\n\n" + c->toolTip());
            } else if (tips_.contains(c)) {
                c->setToolTip(tips_.value(c));
            }
        }
    }
    if (!locked) tips_.clear();
}

}  // namespace symscore::ui
