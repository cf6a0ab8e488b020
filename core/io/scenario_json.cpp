#include "core/io/scenario_json.hpp"

#include "core/scenario_validation.hpp"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <Eigen/LU>
#include <cctype>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace symscore::io {

namespace {

template <class E>
struct Names {
    E value;
    const char* name;
};

constexpr Names<GroupType> kGroups[] = {{GroupType::Trivial, "trivial"},
                                        {GroupType::Reflection, "reflection"},
                                        {GroupType::Cyclic, "cyclic"},
                                        {GroupType::Dihedral, "dihedral"}};
constexpr Names<ProcessType> kProcesses[] = {
    {ProcessType::VP, "vp"}, {ProcessType::OU, "ou"}, {ProcessType::VE, "ve"}};
constexpr Names<Equivariance> kEquivariance[] = {{Equivariance::None, "none"},
                                                 {Equivariance::Reynolds, "reynolds"},
                                                 {Equivariance::InvariantFeatures,
                                                  "invariant_features"},
                                                 {Equivariance::Exact, "exact"}};
constexpr Names<Augmentation> kAugmentation[] = {{Augmentation::None, "none"},
                                                 {Augmentation::Random, "random"},
                                                 {Augmentation::Orbit, "orbit"}};
constexpr Names<Activation> kActivation[] = {
    {Activation::SiLU, "silu"}, {Activation::Tanh, "tanh"}, {Activation::ReLU, "relu"}};
constexpr Names<LossWeighting> kWeighting[] = {{LossWeighting::Sigma2, "sigma2"},
                                               {LossWeighting::G2, "g2"}};
constexpr Names<LrSchedule> kSchedule[] = {{LrSchedule::Constant, "constant"},
                                           {LrSchedule::Cosine, "cosine"}};
constexpr Names<SamplingMethod> kMethods[] = {
    {SamplingMethod::EulerMaruyama, "euler_maruyama"},
    {SamplingMethod::ProbabilityFlow, "probability_flow"},
    {SamplingMethod::PredictorCorrector, "predictor_corrector"}};
constexpr Names<W1Method> kW1[] = {{W1Method::Exact, "exact"}, {W1Method::Sliced, "sliced"}};

template <class E, std::size_t N>
QString nameOf(const Names<E> (&table)[N], E v) {
    for (const auto& e : table)
        if (e.value == v) return e.name;
    return {};
}

template <class E, std::size_t N>
E readEnum(JsonReader& r, const QString& key, E fallback, const Names<E> (&table)[N]) {
    QStringList allowed;
    for (const auto& e : table) allowed << e.name;
    const QString s = r.choice(key, nameOf(table, fallback), allowed);
    for (const auto& e : table)
        if (s == e.name) return e.value;
    return fallback;
}

Vec2 readVec2(const QJsonValue& v, const QString& path) {
    if (!v.isArray() || v.toArray().size() != 2) failAt(path, "expected [x, y]");
    const QJsonArray a = v.toArray();
    return Vec2(numberAt(a[0], path + "[0]"), numberAt(a[1], path + "[1]"));
}

Mat2 readMat2(const QJsonValue& v, const QString& path) {
    if (!v.isArray() || v.toArray().size() != 2) failAt(path, "expected [[a, b], [c, d]]");
    Mat2 m;
    for (int i = 0; i < 2; ++i) {
        const QString row = path + QString("[%1]").arg(i);
        const Vec2 r = readVec2(v.toArray()[i], row);
        m(i, 0) = r(0);
        m(i, 1) = r(1);
    }
    return m;
}

GroupSpec readGroup(JsonReader& root) {
    JsonReader r(root.object("group"), "group");
    GroupSpec g;
    g.type = readEnum(r, "type", GroupType::Cyclic, kGroups);
    const bool needsN = g.type == GroupType::Cyclic || g.type == GroupType::Dihedral;
    g.n = needsN ? r.integer("n", 4, 1, Group::kMaxN) : 1;
    if (g.type == GroupType::Reflection) g.axis_deg = r.number("axis_deg", 0.0);
    r.finish();
    return g;
}

Gaussian readComponent(const QJsonValue& v, const QString& path) {
    if (!v.isObject()) failAt(path, "expected an object");
    JsonReader r(v.toObject(), path);
    Gaussian c;
    const QJsonObject o = v.toObject();
    if (!r.has("mean")) failAt(r.at("mean"), "missing");
    r.array("mean", true);
    c.mean = readVec2(o.value("mean"), r.at("mean"));
    if (r.has("cov")) {
        r.array("cov", true);
        c.cov = readMat2(o.value("cov"), r.at("cov"));
    }
    c.weight = r.number("weight", 1.0);
    r.finish();
    return c;
}

MixtureSpec readMixture(JsonReader& root) {
    JsonReader r(root.object("mixture"), "mixture");
    MixtureSpec m;
    if (r.has("components")) {
        const QJsonArray arr = r.array("components", true);
        // Checked before reading them: each component costs a little, and the count is known.
        if (arr.size() > ScenarioLimits::maxBaseComponents)
            failAt(r.at("components"), QString("at most %1 base components").arg(ScenarioLimits::maxBaseComponents));
        m.components.clear();
        for (int i = 0; i < arr.size(); ++i)
            m.components.push_back(readComponent(arr[i], r.at(QString("components[%1]").arg(i))));
    }
    m.orbit = r.boolean("orbit", true);
    m.symmetry_breaking = r.number("symmetry_breaking", 0.0);
    r.finish();
    return m;
}

ProcessSpec readProcess(JsonReader& root) {
    JsonReader r(root.object("process"), "process");
    ProcessSpec p;
    p.type = readEnum(r, "type", ProcessType::VP, kProcesses);
    p.T = r.number("T", defaultT(p.type));
    p.eps = r.number("eps", 1e-3);
    if (p.type == ProcessType::VP) {
        p.beta_min = r.number("beta_min", 0.1);
        p.beta_max = r.number("beta_max", 20.0);
    }
    if (p.type == ProcessType::VE) {
        p.sigma_min = r.number("sigma_min", 0.01);
        p.sigma_max = r.number("sigma_max", 10.0);
    }
    r.finish();
    return p;
}

ModelSpec readModel(const QJsonValue& v, const QString& path) {
    if (!v.isObject()) failAt(path, "expected an object");
    JsonReader r(v.toObject(), path);
    ModelSpec m;
    m.name = r.string("name", "").toStdString();
    m.equivariance = readEnum(r, "equivariance", Equivariance::None, kEquivariance);
    m.augmentation = readEnum(r, "augmentation", Augmentation::None, kAugmentation);
    r.finish();
    return m;
}

}  // namespace

Scenario scenarioFromJson(const QByteArray& json) {
    if (json.size() > Limits::maxFileBytes)
        failAt("scenario", QString("larger than %1 bytes").arg(Limits::maxFileBytes));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        failAt("scenario", "not valid JSON at offset " + QString::number(err.offset) + " (" +
                               err.errorString() + ")");
    if (!doc.isObject()) failAt("scenario", "expected a JSON object");

    JsonReader root(doc.object(), "");
    if (root.string("format", "symscore-scenario") != "symscore-scenario")
        failAt("format", "expected \"symscore-scenario\"");
    if (root.integer("version", 1, 1, 1000) != 1)
        failAt("version", "this symscore reads version 1");

    Scenario s;
    s.name = root.string("name", QString::fromStdString(s.name)).toStdString();
    s.group = readGroup(root);
    s.mixture = readMixture(root);
    s.process = readProcess(root);
    {
        JsonReader r(root.object("data"), "data");
        s.data.n_train = r.integer("n_train", s.data.n_train, 1, Limits::maxTrain);
        s.data.seed = r.seed("seed", s.data.seed);
        r.finish();
    }
    {
        JsonReader r(root.object("network"), "network");
        auto& n = s.network;
        n.width = r.integer("width", n.width, 1, Limits::maxWidth);
        n.depth = r.integer("depth", n.depth, 1, Limits::maxDepth);
        n.fourier_features = r.integer("fourier_features", n.fourier_features, 0, Limits::maxFourier);
        n.fourier_scale = r.number("fourier_scale", n.fourier_scale);
        n.activation = readEnum(r, "activation", n.activation, kActivation);
        r.finish();
    }
    {
        JsonReader r(root.object("training"), "training");
        auto& t = s.training;
        t.steps = r.integer("steps", t.steps, 0, Limits::maxSteps);
        t.batch = r.integer("batch", t.batch, 1, Limits::maxBatch);
        t.lr = r.number("lr", t.lr);
        t.seed = r.seed("seed", t.seed);
        t.weighting = readEnum(r, "weighting", t.weighting, kWeighting);
        t.lr_schedule = readEnum(r, "lr_schedule", t.lr_schedule, kSchedule);
        t.grad_clip = r.number("grad_clip", t.grad_clip);
        t.threads = r.integer("threads", t.threads, 0, 256);
        r.finish();
    }
    if (root.has("models")) {
        const QJsonArray arr = root.array("models", true);
        if (arr.isEmpty()) failAt("models", "at least one model is needed");
        if (arr.size() > Limits::maxModels)
            failAt("models", QString("at most %1 models").arg(Limits::maxModels));
        s.models.clear();
        for (int i = 0; i < arr.size(); ++i) s.models.push_back(readModel(arr[i], QString("models[%1]").arg(i)));
    }
    {
        JsonReader r(root.object("sampling"), "sampling");
        auto& p = s.sampling;
        p.method = readEnum(r, "method", p.method, kMethods);
        p.steps = r.integer("steps", p.steps, 1, Limits::maxSteps);
        p.particles = r.integer("particles", p.particles, 1, Limits::maxParticles);
        p.seed = r.seed("seed", p.seed);
        r.finish();
    }
    {
        JsonReader r(root.object("metrics"), "metrics");
        s.metrics.w1_points = r.integer("w1_points", s.metrics.w1_points, 2, Limits::maxW1Points);
        s.metrics.w1_method = readEnum(r, "w1_method", s.metrics.w1_method, kW1);
        r.finish();
    }
    root.finish();
    // Values, limits and the memory budget (core/scenario_validation): the first problem,
    // at its field.
    if (const FieldIssues issues = validate(s); !issues.empty())
        failAt(QString::fromStdString(issues.front().field), QString::fromStdString(issues.front().message));
    return s;
}

Scenario loadScenario(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) failAt(path, "cannot open: " + f.errorString());
    if (f.size() > Limits::maxFileBytes)
        failAt(path, QString("larger than %1 bytes").arg(Limits::maxFileBytes));
    return scenarioFromJson(f.readAll());
}

QByteArray scenarioToJson(const Scenario& s) {
    auto vec = [](const Vec2& v) { return QJsonArray{v(0), v(1)}; };
    QJsonObject group{{"type", nameOf(kGroups, s.group.type)}};
    if (s.group.type == GroupType::Cyclic || s.group.type == GroupType::Dihedral)
        group["n"] = s.group.n;
    if (s.group.type == GroupType::Reflection) group["axis_deg"] = s.group.axis_deg;
    QJsonArray comps;
    for (const auto& c : s.mixture.components)
        comps.append(QJsonObject{
            {"mean", vec(c.mean)},
            {"cov", QJsonArray{vec(c.cov.row(0).transpose()), vec(c.cov.row(1).transpose())}},
            {"weight", c.weight}});
    QJsonObject process{{"type", nameOf(kProcesses, s.process.type)},
                        {"T", s.process.T},
                        {"eps", s.process.eps}};
    if (s.process.type == ProcessType::VP) {
        process["beta_min"] = s.process.beta_min;
        process["beta_max"] = s.process.beta_max;
    }
    if (s.process.type == ProcessType::VE) {
        process["sigma_min"] = s.process.sigma_min;
        process["sigma_max"] = s.process.sigma_max;
    }
    QJsonArray models;
    for (const auto& m : s.models)
        models.append(QJsonObject{{"name", QString::fromStdString(m.name)},
                                  {"equivariance", nameOf(kEquivariance, m.equivariance)},
                                  {"augmentation", nameOf(kAugmentation, m.augmentation)}});
    const auto& n = s.network;
    const auto& t = s.training;
    QJsonObject root{
        {"format", "symscore-scenario"},
        {"version", 1},
        {"name", QString::fromStdString(s.name)},
        {"group", group},
        {"mixture", QJsonObject{{"components", comps},
                                {"orbit", s.mixture.orbit},
                                {"symmetry_breaking", s.mixture.symmetry_breaking}}},
        {"process", process},
        {"data", QJsonObject{{"n_train", s.data.n_train}, {"seed", double(s.data.seed)}}},
        {"network", QJsonObject{{"width", n.width},
                                {"depth", n.depth},
                                {"fourier_features", n.fourier_features},
                                {"fourier_scale", n.fourier_scale},
                                {"activation", nameOf(kActivation, n.activation)}}},
        {"training", QJsonObject{{"steps", t.steps},
                                 {"batch", t.batch},
                                 {"lr", t.lr},
                                 {"seed", double(t.seed)},
                                 {"weighting", nameOf(kWeighting, t.weighting)},
                                 {"lr_schedule", nameOf(kSchedule, t.lr_schedule)},
                                 {"grad_clip", t.grad_clip},
                                 {"threads", t.threads}}},
        {"models", models},
        {"sampling", QJsonObject{{"method", nameOf(kMethods, s.sampling.method)},
                                 {"steps", s.sampling.steps},
                                 {"particles", s.sampling.particles},
                                 {"seed", double(s.sampling.seed)}}},
        {"metrics", QJsonObject{{"w1_points", s.metrics.w1_points},
                                {"w1_method", nameOf(kW1, s.metrics.w1_method)}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void saveScenario(const Scenario& s, const QString& path) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) failAt(path, "cannot write: " + f.errorString());
    f.write(scenarioToJson(s));
    if (!f.commit()) failAt(path, "cannot write: " + f.errorString());
}

}  // namespace symscore::io
