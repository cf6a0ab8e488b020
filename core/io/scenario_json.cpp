#include "core/io/scenario_json.hpp"

#include <Eigen/LU>
#include <QFile>
#include <QJsonDocument>
#include <cctype>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/io/atomic_write.hpp"
#include "core/io/enum_names.hpp"
#include "core/io/json_document.hpp"
#include "core/io/read_file.hpp"
#include "core/scenario_validation.hpp"

namespace symscore::io {

namespace {

// Converts a core std::invalid_argument ("n: must be ...") into a path under prefix.
template <class F>
auto underPath(const QString& prefix, F&& make) {
    try {
        return make();
    } catch (const std::invalid_argument& e) {
        throw FormatError((prefix + "." + QString::fromStdString(e.what())).toStdString());
    }
}

// The largest coordinate of a mean (and standard deviation of a component). The training
// set, the samplers and the networks work in single precision: a target at 1e100 is
// accepted by double arithmetic but trains on infinities.
constexpr double kMaxCoordinate = 1e6;
const QString kMaxCoordinateText = "1e6";

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

}  // namespace

GroupSpec groupFromJson(const QJsonObject& obj, const QString& path, SpecFields fields) {
    JsonReader r(obj, path);
    GroupSpec g;
    g.type = readEnum(r, "type", GroupType::Cyclic, kGroupNames);
    const bool all = fields == SpecFields::All;
    const bool needsN = g.type == GroupType::Cyclic || g.type == GroupType::Dihedral;
    g.n = needsN || all ? r.integer("n", needsN ? 4 : 1, 1, Group::kMaxN) : 1;
    if (g.type == GroupType::Reflection || all) g.axis_deg = r.number("axis_deg", 0.0);
    r.finish();
    underPath(path, [&] { return Group(g); });
    return g;
}

QJsonObject groupToJson(const GroupSpec& g, SpecFields fields) {
    const bool all = fields == SpecFields::All;
    QJsonObject group{{"type", nameOf(kGroupNames, g.type)}};
    if (g.type == GroupType::Cyclic || g.type == GroupType::Dihedral || all) group["n"] = g.n;
    if (g.type == GroupType::Reflection || all) group["axis_deg"] = g.axis_deg;
    return group;
}

namespace {

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
            failAt(r.at("components"),
                   QString("at most %1 base components").arg(ScenarioLimits::maxBaseComponents));
        m.components.clear();
        for (int i = 0; i < arr.size(); ++i)
            m.components.push_back(readComponent(arr[i], r.at(QString("components[%1]").arg(i))));
    }
    m.orbit = r.boolean("orbit", true);
    m.symmetry_breaking = r.number("symmetry_breaking", 0.0);
    r.finish();
    return m;
}

}  // namespace

ProcessSpec processFromJson(const QJsonObject& obj, const QString& path, SpecFields fields) {
    JsonReader r(obj, path);
    const bool all = fields == SpecFields::All;
    ProcessSpec p;
    p.type = readEnum(r, "type", ProcessType::VP, kProcessNames);
    p.T = r.number("T", defaultT(p.type));
    p.eps = r.number("eps", 1e-3);
    if (p.type == ProcessType::VP || all) {
        p.beta_min = r.number("beta_min", 0.1);
        p.beta_max = r.number("beta_max", 20.0);
    }
    if (p.type == ProcessType::VE || all) {
        p.sigma_min = r.number("sigma_min", 0.01);
        p.sigma_max = r.number("sigma_max", 10.0);
    }
    r.finish();
    return p;
}

QJsonObject processToJson(const ProcessSpec& p, SpecFields fields) {
    const bool all = fields == SpecFields::All;
    QJsonObject process{{"type", nameOf(kProcessNames, p.type)}, {"T", p.T}, {"eps", p.eps}};
    if (p.type == ProcessType::VP || all) {
        process["beta_min"] = p.beta_min;
        process["beta_max"] = p.beta_max;
    }
    if (p.type == ProcessType::VE || all) {
        process["sigma_min"] = p.sigma_min;
        process["sigma_max"] = p.sigma_max;
    }
    return process;
}

NetworkSpec networkFromJson(const QJsonObject& obj, const QString& path) {
    JsonReader r(obj, path);
    NetworkSpec n;
    n.width = r.integer("width", n.width, 1, Limits::maxWidth);
    n.depth = r.integer("depth", n.depth, 1, Limits::maxDepth);
    n.fourier_features = r.integer("fourier_features", n.fourier_features, 0, Limits::maxFourier);
    n.fourier_scale = r.number("fourier_scale", n.fourier_scale);
    if (n.fourier_scale <= 0) failAt(r.at("fourier_scale"), "must be positive");
    n.activation = readEnum(r, "activation", n.activation, kActivationNames);
    n.input_scaling = readEnum(r, "input_scaling", n.input_scaling, kInputScalingNames);
    r.finish();
    return n;
}

QJsonObject networkToJson(const NetworkSpec& n) {
    return QJsonObject{{"width", n.width},
                       {"depth", n.depth},
                       {"fourier_features", n.fourier_features},
                       {"fourier_scale", n.fourier_scale},
                       {"activation", nameOf(kActivationNames, n.activation)},
                       {"input_scaling", nameOf(kInputScalingNames, n.input_scaling)}};
}

namespace {

ModelSpec readModel(const QJsonValue& v, const QString& path) {
    if (!v.isObject()) failAt(path, "expected an object");
    JsonReader r(v.toObject(), path);
    ModelSpec m;
    m.name = r.string("name", "").toStdString();
    m.equivariance = readEnum(r, "equivariance", Equivariance::None, kEquivarianceNames);
    m.augmentation = readEnum(r, "augmentation", Augmentation::None, kAugmentationNames);
    r.finish();
    return m;
}

}  // namespace

Scenario scenarioFromJson(const QByteArray& json) {
    if (json.size() > Limits::maxFileBytes)
        failAt("scenario", QString("larger than %1 bytes").arg(Limits::maxFileBytes));
    JsonReader root(parseJsonObject(json, "scenario"), "");
    if (root.string("format", "symscore-scenario") != "symscore-scenario")
        failAt("format", "expected \"symscore-scenario\"");
    if (root.integer("version", 1, 1, 1000) != 1)
        failAt("version", "this symscore reads version 1");

    Scenario s;
    s.name = root.string("name", QString::fromStdString(s.name)).toStdString();
    s.group = groupFromJson(root.object("group"), "group", SpecFields::Used);
    s.mixture = readMixture(root);
    s.process = processFromJson(root.object("process"), "process", SpecFields::Used);
    {
        JsonReader r(root.object("data"), "data");
        s.data.n_train = r.integer("n_train", s.data.n_train, 1, Limits::maxTrain);
        s.data.seed = r.seed("seed", s.data.seed);
        r.finish();
    }
    s.network = networkFromJson(root.object("network"), "network");
    {
        JsonReader r(root.object("training"), "training");
        auto& t = s.training;
        t.steps = r.integer("steps", t.steps, 0, Limits::maxSteps);
        t.batch = r.integer("batch", t.batch, 1, Limits::maxBatch);
        t.lr = r.number("lr", t.lr);
        t.seed = r.seed("seed", t.seed);
        t.weighting = readEnum(r, "weighting", t.weighting, kWeightingNames);
        t.lr_schedule = readEnum(r, "lr_schedule", t.lr_schedule, kScheduleNames);
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
        for (int i = 0; i < arr.size(); ++i)
            s.models.push_back(readModel(arr[i], QString("models[%1]").arg(i)));
    }
    {
        JsonReader r(root.object("sampling"), "sampling");
        auto& p = s.sampling;
        p.method = readEnum(r, "method", p.method, kSamplingNames);
        p.steps = r.integer("steps", p.steps, 1, Limits::maxSteps);
        p.particles = r.integer("particles", p.particles, 1, Limits::maxParticles);
        p.seed = r.seed("seed", p.seed);
        r.finish();
    }
    {
        JsonReader r(root.object("metrics"), "metrics");
        s.metrics.w1_points = r.integer("w1_points", s.metrics.w1_points, 2, Limits::maxW1Points);
        s.metrics.w1_method = readEnum(r, "w1_method", s.metrics.w1_method, kW1Names);
        r.finish();
    }
    root.finish();
    // Values, limits and the memory budget (core/scenario_validation): the first problem,
    // at its field.
    if (const FieldIssues issues = validate(s); !issues.empty())
        failAt(QString::fromStdString(issues.front().field),
               QString::fromStdString(issues.front().message));
    return s;
}

Scenario loadScenario(const QString& path) {
    return scenarioFromJson(readFileLimited(path, Limits::maxFileBytes));
}

QByteArray scenarioToJson(const Scenario& s) {
    auto vec = [](const Vec2& v) { return QJsonArray{v(0), v(1)}; };
    QJsonArray comps;
    for (const auto& c : s.mixture.components)
        comps.append(QJsonObject{
            {"mean", vec(c.mean)},
            {"cov", QJsonArray{vec(c.cov.row(0).transpose()), vec(c.cov.row(1).transpose())}},
            {"weight", c.weight}});
    QJsonArray models;
    for (const auto& m : s.models)
        models.append(QJsonObject{{"name", QString::fromStdString(m.name)},
                                  {"equivariance", nameOf(kEquivarianceNames, m.equivariance)},
                                  {"augmentation", nameOf(kAugmentationNames, m.augmentation)}});
    const auto& t = s.training;
    QJsonObject root{
        {"format", "symscore-scenario"},
        {"version", 1},
        {"name", QString::fromStdString(s.name)},
        {"group", groupToJson(s.group, SpecFields::Used)},
        {"mixture", QJsonObject{{"components", comps},
                                {"orbit", s.mixture.orbit},
                                {"symmetry_breaking", s.mixture.symmetry_breaking}}},
        {"process", processToJson(s.process, SpecFields::Used)},
        {"data", QJsonObject{{"n_train", s.data.n_train}, {"seed", double(s.data.seed)}}},
        {"network", networkToJson(s.network)},
        {"training", QJsonObject{{"steps", t.steps},
                                 {"batch", t.batch},
                                 {"lr", t.lr},
                                 {"seed", double(t.seed)},
                                 {"weighting", nameOf(kWeightingNames, t.weighting)},
                                 {"lr_schedule", nameOf(kScheduleNames, t.lr_schedule)},
                                 {"grad_clip", t.grad_clip},
                                 {"threads", t.threads}}},
        {"models", models},
        {"sampling", QJsonObject{{"method", nameOf(kSamplingNames, s.sampling.method)},
                                 {"steps", s.sampling.steps},
                                 {"particles", s.sampling.particles},
                                 {"seed", double(s.sampling.seed)}}},
        {"metrics", QJsonObject{{"w1_points", s.metrics.w1_points},
                                {"w1_method", nameOf(kW1Names, s.metrics.w1_method)}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void saveScenario(const Scenario& s, const QString& path) {
    writeFileAtomically(path, scenarioToJson(s));
}

}  // namespace symscore::io
