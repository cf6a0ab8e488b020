// The sections of the scenario panel: building the controls, their tooltips and ranges, and
// how each one writes into the pending scenario. Validation and emission live in
// scenario_panel.cpp.
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/scenario/component_table.hpp"
#include "ui/scenario/model_chooser.hpp"
#include "ui/scenario/panel_widgets.hpp"
#include "ui/scenario/scenario_panel.hpp"

namespace symscore::ui {

namespace {
using L = io::Limits;

QFormLayout* makeForm(QGroupBox* box) {
    auto* f = new QFormLayout(box);
    f->setContentsMargins(6, 4, 6, 6);
    f->setVerticalSpacing(3);
    f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    f->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return f;
}

// A labelled row whose label carries the same tooltip as the control, so hovering either
// explains it.
void addRow(QFormLayout* form, const QString& label, QWidget* w, const QString& tip,
            const char* objectName) {
    w->setToolTip(tip);
    w->setObjectName(objectName);
    form->addRow(label, w);
    if (QWidget* l = form->labelForField(w)) l->setToolTip(tip);
}

// Every numeric field keeps what was typed and says why it is not used (kept_spin_box.hpp).
KeptSpinBox* intSpin(int lo, int hi, int step = 1) {
    auto* s = new KeptSpinBox;
    s->setRange(lo, hi);
    s->setSingleStep(step);
    return s;
}

KeptDoubleSpinBox* realSpin(double lo, double hi, int decimals, double step) {
    auto* s = new KeptDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}
}  // namespace

QWidget* ScenarioPanel::buildPreset() {
    auto* box = new QGroupBox("Preset");
    auto* f = makeForm(box);
    preset_ = new QComboBox;
    preset_->setObjectName("preset");
    for (const io::Preset& p : io::presets()) preset_->addItem(p.name);
    preset_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    preset_->setMinimumContentsLength(12);
    addRow(f, "Start from", preset_,
           "Ready-made scenarios that ship with symscore. Choosing one replaces every setting "
           "below; \u201c(edited)\u201d means you have changed it since. Choose it again to go "
           "back to the original.",
           "preset");
    connect(preset_, &QComboBox::activated, this, &ScenarioPanel::loadPreset);
    lockable_ << preset_;
    return box;
}

QGroupBox* ScenarioPanel::buildGroup() {
    auto* box = new QGroupBox("Symmetry group");
    groupForm_ = makeForm(box);
    groupType_ = new QComboBox;
    groupType_->addItem("trivial (no symmetry)", int(GroupType::Trivial));
    groupType_->addItem("reflection (one mirror)", int(GroupType::Reflection));
    groupType_->addItem("cyclic C\u2099 (rotations)", int(GroupType::Cyclic));
    groupType_->addItem("dihedral D\u2099 (rotations + mirrors)", int(GroupType::Dihedral));
    addRow(groupForm_, "Type", groupType_,
           "The symmetry the target has and the equivariant models build in. Rotations turn the "
           "plane about the origin; mirrors flip it across a line through the origin.",
           "groupType");
    groupN_ = intSpin(1, Group::kMaxN);
    addRow(groupForm_, "n", groupN_,
           QString("How many rotations: C\u2099 turns by multiples of 360\u00b0/n; D\u2099 adds "
                   "n mirrors. Bigger n means more symmetry (1 to %1).")
               .arg(Group::kMaxN),
           "groupN");
    axisDeg_ = realSpin(-360.0, 360.0, 2, 5.0);
    axisDeg_->setSuffix("\u00b0");
    addRow(groupForm_, "Mirror angle", axisDeg_,
           "Angle of the mirror line, counter-clockwise from the x axis. The target is "
           "symmetric under flipping across this line.",
           "axisDeg");
    groupName_ = new QLabel;
    groupName_->setObjectName("groupName");
    groupName_->setToolTip("The group and its order |G|: how many symmetry operations it has.");
    groupForm_->addRow("Group", groupName_);
    groupError_ = makeErrorLabel(box);
    groupForm_->addRow(groupError_);
    groupNote_ = new QLabel(box);
    groupNote_->setObjectName("groupNote");
    groupNote_->setWordWrap(true);
    groupNote_->setStyleSheet("QLabel { color: #8a4b00; }");
    groupNote_->setVisible(false);
    groupNote_->setToolTip(
        "How far the target is from being invariant under the chosen group: the exact score's "
        "own equivariance defect. Models made equivariant under a group the target does not "
        "have cannot match it (the Score field tab shows where).");
    groupForm_->addRow(groupNote_);

    auto groupChanged = [this](QWidget* source) {
        if (filling_) return;
        GroupSpec g;
        g.type = GroupType(groupType_->currentData().toInt());
        // Normalized like the file reader: n only for C_n/D_n, the angle only for a mirror.
        const bool needsN = g.type == GroupType::Cyclic || g.type == GroupType::Dihedral;
        g.n = needsN ? groupN_->value() : 1;
        g.axis_deg = g.type == GroupType::Reflection ? axisDeg_->value() : 0.0;
        pending_.group = g;
        updateVisibility();
        edited(source, source == groupType_);
    };
    connect(groupType_, &QComboBox::currentIndexChanged, this,
            [this, groupChanged] { groupChanged(groupType_); });
    connect(groupN_, &QSpinBox::valueChanged, this,
            [this, groupChanged] { groupChanged(groupN_); });
    connect(axisDeg_, &QDoubleSpinBox::valueChanged, this,
            [this, groupChanged] { groupChanged(axisDeg_); });
    lockable_ << groupType_ << groupN_ << axisDeg_;
    return box;
}

QGroupBox* ScenarioPanel::buildMixture() {
    auto* box = new QGroupBox("Target mixture");
    auto* f = makeForm(box);
    table_ = new ComponentTable;
    f->addRow(table_);
    mixtureError_ = makeErrorLabel(box);
    mixtureError_->setObjectName("mixtureError");
    f->addRow(mixtureError_);
    connect(table_, &ComponentTable::edited, this, [this] {
        if (filling_) return;
        pending_.mixture.components = table_->model()->components();
        edited(table_, false);
    });

    orbit_ = new QCheckBox("replicate each component over the group");
    orbit_->setObjectName("orbit");
    orbit_->setToolTip(
        "On: every row is copied to all its images under the group (turned and mirrored), so "
        "the target is exactly symmetric. Off: the rows are used as they are.");
    f->addRow(orbit_);
    connect(orbit_, &QCheckBox::toggled, this, [this](bool on) {
        if (filling_) return;
        pending_.mixture.orbit = on;
        edited(orbit_, true);
    });

    breaking_ = new QSlider(Qt::Horizontal);
    breaking_->setRange(0, 100);
    breaking_->setPageStep(10);
    breakingValue_ = new QLabel;
    breakingValue_->setMinimumWidth(breakingValue_->fontMetrics().horizontalAdvance("0.00 "));
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(breaking_, 1);
    h->addWidget(breakingValue_);
    addRow(f, "Symmetry breaking", row,
           "Makes one component heavier by this fraction (0 = none, 1 = twice as heavy), so the "
           "target is only nearly symmetric. The paper assumes exact symmetry: use this to see "
           "what the equivariant model does when that assumption fails.",
           "symmetryBreakingRow");
    breaking_->setObjectName("symmetryBreaking");
    breaking_->setToolTip(row->toolTip());
    connect(breaking_, &QSlider::valueChanged, this, [this](int v) {
        if (filling_) return;
        pending_.mixture.symmetry_breaking = v / 100.0;
        breakingValue_->setText(QString::number(v / 100.0, 'f', 2));
        edited(breaking_, false);
    });

    componentCount_ = new QLabel;
    componentCount_->setObjectName("componentCount");
    componentCount_->setToolTip(
        "How many Gaussian bumps the target really has once every row "
        "is copied over the group (coinciding copies are merged).");
    f->addRow(componentCount_);
    lockable_ << table_ << orbit_ << breaking_;
    return box;
}

QGroupBox* ScenarioPanel::buildData() {
    auto* box = new QGroupBox("Training data");
    auto* f = makeForm(box);
    nTrain_ = intSpin(1, L::maxTrain, 16);
    addRow(f, "Training points", nTrain_,
           "How many points are drawn once from the target to train on. Fewer points make "
           "learning harder; that is where the symmetry helps most.",
           "nTrain");
    bind(nTrain_, [](Scenario& s, int v) { s.data.n_train = v; });
    dataSeed_ = new SeedSpinBox;
    addRow(f, "Seed", dataSeed_,
           "The random seed of the training set: the same seed always draws the same points; "
           "another seed draws a different set.",
           "dataSeed");
    bind(dataSeed_, [](Scenario& s, double v) { s.data.seed = (unsigned long long)v; });
    resample_ = new QPushButton("Resample training set");
    resample_->setObjectName("resample");
    resample_->setToolTip(
        "Draw a fresh training set from the same target (the seed goes up by "
        "one).");
    f->addRow(resample_);
    connect(resample_, &QPushButton::clicked, this, &ScenarioPanel::resample);
    lockable_ << nTrain_ << dataSeed_ << resample_;
    return box;
}

QGroupBox* ScenarioPanel::buildProcess() {
    auto* box = new QGroupBox("Forward process");
    processForm_ = makeForm(box);
    processType_ = new QComboBox;
    processType_->addItem("VP (variance preserving)", int(ProcessType::VP));
    processType_->addItem("OU (Ornstein\u2013Uhlenbeck)", int(ProcessType::OU));
    processType_->addItem("VE (variance exploding)", int(ProcessType::VE));
    addRow(processForm_, "Type", processType_,
           "How noise is added to the data over time. VP shrinks the data while adding noise; "
           "OU is the setting of the paper's theory; VE only adds noise. Changing it resets T "
           "to that process's usual end time.",
           "processType");
    betaMin_ = realSpin(0.0, 100.0, 3, 0.05);
    addRow(processForm_, "\u03b2 min", betaMin_,
           "Noise rate at the start (VP). Small: the data is barely disturbed at first.",
           "betaMin");
    betaMax_ = realSpin(0.001, 1000.0, 3, 1.0);
    addRow(processForm_, "\u03b2 max", betaMax_,
           "Noise rate at the end (VP). Large enough that the data is pure noise at time T; "
           "must be at least \u03b2 min.",
           "betaMax");
    sigmaMin_ = realSpin(0.0001, 100.0, 4, 0.01);
    addRow(processForm_, "\u03c3 min", sigmaMin_,
           "Noise level at the start (VE). Small: the data is barely disturbed at first.",
           "sigmaMin");
    sigmaMax_ = realSpin(0.001, 10000.0, 3, 1.0);
    addRow(processForm_, "\u03c3 max", sigmaMax_,
           "Noise level at the end (VE). Should exceed the size of the data so that it is "
           "lost in the noise; must be larger than \u03c3 min.",
           "sigmaMax");
    horizon_ = realSpin(0.001, 1000.0, 3, 0.1);
    addRow(processForm_, "T", horizon_,
           "End time of the noising process; sampling starts from pure noise at T and runs back.",
           "horizon");
    eps_ = new LogSpinBox;
    eps_->setRange(0.00001, 1.0);
    eps_->setDecimals(5);
    addRow(processForm_, "\u03b5 (stop at)", eps_,
           "Early stopping: sampling stops at this small time instead of 0, where the score "
           "blows up. Must be smaller than T.",
           "eps");
    processError_ = makeErrorLabel(box);
    processForm_->addRow(processError_);

    connect(processType_, &QComboBox::currentIndexChanged, this, [this] {
        if (filling_) return;
        const auto t = ProcessType(processType_->currentData().toInt());
        pending_.process.type = t;
        pending_.process.T = defaultT(t);
        filling_ = true;  // showing the new T is not an edit of its own
        horizon_->showValue(pending_.process.T);
        filling_ = false;
        updateVisibility();
        edited(processType_, true);
    });
    bind(betaMin_, [](Scenario& s, double v) { s.process.beta_min = v; });
    bind(betaMax_, [](Scenario& s, double v) { s.process.beta_max = v; });
    bind(sigmaMin_, [](Scenario& s, double v) { s.process.sigma_min = v; });
    bind(sigmaMax_, [](Scenario& s, double v) { s.process.sigma_max = v; });
    bind(horizon_, [](Scenario& s, double v) { s.process.T = v; });
    bind(eps_, [](Scenario& s, double v) { s.process.eps = v; });
    lockable_ << processType_ << betaMin_ << betaMax_ << sigmaMin_ << sigmaMax_ << horizon_ << eps_;
    return box;
}

QGroupBox* ScenarioPanel::buildModels() {
    auto* box = new QGroupBox("Models to compare");
    auto* f = makeForm(box);
    models_ = new ModelChooser;
    f->addRow(models_);
    connect(models_, &ModelChooser::changed, this, [this] {
        if (filling_) return;
        pending_.models = models_->models();
        edited(models_, true);
    });
    lockable_ << models_;
    return box;
}

QGroupBox* ScenarioPanel::buildNetwork() {
    auto* box = new QGroupBox("Network");
    auto* f = makeForm(box);
    width_ = intSpin(1, L::maxWidth, 16);
    addRow(f, "Width", width_,
           "Neurons per hidden layer. Wider networks can fit more detail but train slower.",
           "width");
    bind(width_, [](Scenario& s, int v) { s.network.width = v; });
    depth_ = intSpin(1, L::maxDepth);
    addRow(f, "Depth", depth_, "Number of hidden layers.", "depth");
    bind(depth_, [](Scenario& s, int v) { s.network.depth = v; });
    fourier_ = intSpin(0, L::maxFourier, 4);
    addRow(f, "Time features", fourier_,
           "How many sine/cosine features of the time t the network gets, so it can tell noise "
           "levels apart (0: t is given as a plain number).",
           "fourier");
    bind(fourier_, [](Scenario& s, int v) { s.network.fourier_features = v; });
    activation_ = new QComboBox;
    activation_->addItem("SiLU", int(Activation::SiLU));
    activation_->addItem("tanh", int(Activation::Tanh));
    activation_->addItem("ReLU", int(Activation::ReLU));
    addRow(f, "Activation", activation_,
           "The nonlinearity between layers. SiLU is smooth and the usual choice for scores.",
           "activation");
    connect(activation_, &QComboBox::currentIndexChanged, this, [this] {
        if (filling_) return;
        pending_.network.activation = Activation(activation_->currentData().toInt());
        edited(activation_, true);
    });
    lockable_ << width_ << depth_ << fourier_ << activation_;
    return box;
}

QGroupBox* ScenarioPanel::buildTraining() {
    auto* box = new QGroupBox("Training");
    auto* f = makeForm(box);
    steps_ = intSpin(0, L::maxSteps, 500);
    addRow(f, "Steps", steps_,
           "How many optimizer updates every model gets. More steps take "
           "longer and usually fit better.",
           "steps");
    bind(steps_, [](Scenario& s, int v) { s.training.steps = v; });
    batch_ = intSpin(1, L::maxBatch, 32);
    addRow(f, "Batch", batch_,
           "How many noisy training examples each update averages over. "
           "Bigger is smoother but slower per step.",
           "batch");
    bind(batch_, [](Scenario& s, int v) { s.training.batch = v; });
    lr_ = new LogSpinBox;
    lr_->setRange(0.00001, 1.0);
    lr_->setDecimals(5);
    addRow(f, "Learning rate", lr_,
           "Size of each update step (Adam). Too big and training becomes unstable, too small "
           "and it crawls. The arrows step 1, 2, 5, 10, \u2026",
           "lr");
    bind(lr_, [](Scenario& s, double v) { s.training.lr = v; });
    trainSeed_ = new SeedSpinBox;
    addRow(f, "Seed", trainSeed_,
           "The random seed of the initial weights and of the noise "
           "drawn during training. Same seed, same run.",
           "trainSeed");
    bind(trainSeed_, [](Scenario& s, double v) { s.training.seed = (unsigned long long)v; });
    threads_ = intSpin(0, 256);
    threads_->setSpecialValueText("all cores");
    addRow(f, "Threads", threads_,
           "How many CPU cores training may use (0 = all). Fewer keeps "
           "the computer responsive. Does not change the results.",
           "threads");
    bind(threads_, [](Scenario& s, int v) { s.training.threads = v; });
    lockable_ << steps_ << batch_ << lr_ << trainSeed_;
    return box;
}

QGroupBox* ScenarioPanel::buildSampling() {
    auto* box = new QGroupBox("Sampling");
    auto* f = makeForm(box);
    method_ = new QComboBox;
    method_->addItem("Euler\u2013Maruyama (SDE)", int(SamplingMethod::EulerMaruyama));
    method_->addItem("probability flow (ODE)", int(SamplingMethod::ProbabilityFlow));
    method_->addItem("predictor\u2013corrector", int(SamplingMethod::PredictorCorrector));
    addRow(f, "Method", method_,
           "How new points are made by running the noise backwards. The SDE adds fresh noise "
           "on the way; the ODE is deterministic; predictor-corrector adds Langevin "
           "correction steps.",
           "samplingMethod");
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        if (filling_) return;
        pending_.sampling.method = SamplingMethod(method_->currentData().toInt());
        edited(method_, true);
    });
    sampleSteps_ = intSpin(1, L::maxSteps, 50);
    addRow(f, "Steps", sampleSteps_,
           "Time steps from T back to \u03b5. More steps are more "
           "accurate and slower.",
           "samplingSteps");
    bind(sampleSteps_, [](Scenario& s, int v) { s.sampling.steps = v; });
    particles_ = intSpin(1, L::maxParticles, 500);
    addRow(f, "Particles", particles_,
           "How many points each model generates; they are compared "
           "with the target.",
           "particles");
    bind(particles_, [](Scenario& s, int v) { s.sampling.particles = v; });
    return box;
}

}  // namespace symscore::ui
