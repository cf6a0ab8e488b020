#include "core/io/model_file.hpp"

#include <QFile>
#include <QJsonDocument>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "core/io/atomic_write.hpp"
#include "core/io/enum_names.hpp"
#include "core/io/json_document.hpp"
#include "core/io/read_file.hpp"
#include "core/io/scenario_json.hpp"
#include "core/scenario_limits.hpp"

namespace symscore::io {

static_assert(std::endian::native == std::endian::little, "model files are written little-endian");

namespace {
constexpr char kMagic[8] = {'S', 'Y', 'M', 'S', 'C', 'M', 'D', 'L'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxHeader = 1 << 16;
constexpr qint64 kMaxFile = 256LL * 1024 * 1024;

// The architecture as the header records it: the network, group and process with the
// scenario's own serializer and limits (every field kept), the model kind and the scale of
// the data.
QJsonObject configToJson(const ModelConfig& c) {
    return QJsonObject{{"kind", nameOf(kEquivarianceNames, c.kind)},
                       {"network", networkToJson(c.network)},
                       {"group", groupToJson(c.group, SpecFields::All)},
                       {"process", processToJson(c.process, SpecFields::All)},
                       {"data_second_moment", c.dataSecondMoment}};
}

ModelConfig configFromJson(JsonReader& r) {
    ModelConfig c;
    c.kind = readEnum(r, "kind", Equivariance::None, kEquivarianceNames);
    if (c.kind == Equivariance::Exact)
        failAt(r.at("kind"), "the exact oracle is never saved as a trained model");
    c.network = networkFromJson(r.object("network"), r.at("network"));
    c.group = groupFromJson(r.object("group"), r.at("group"), SpecFields::All);
    c.process = processFromJson(r.object("process"), r.at("process"), SpecFields::All);
    c.dataSecondMoment = r.number("data_second_moment", 1.0);
    if (!(c.dataSecondMoment > 0)) failAt(r.at("data_second_moment"), "must be positive");
    return c;
}

// The first field where two architectures differ, as "path is X, expected Y".
QString firstDifference(const ModelConfig& got, const ModelConfig& want) {
    const QJsonObject a = configToJson(got), b = configToJson(want);
    for (auto it = b.begin(); it != b.end(); ++it) {
        const QJsonValue va = a.value(it.key()), vb = it.value();
        if (va == vb) continue;
        // Numbers that agree to the last bits (see ModelConfig::operator==) are not the
        // difference.
        if (va.isDouble() && vb.isDouble() &&
            std::abs(va.toDouble() - vb.toDouble()) <=
                1e-12 * std::max(std::abs(va.toDouble()), std::abs(vb.toDouble())))
            continue;
        if (vb.isObject()) {
            const QJsonObject oa = va.toObject(), ob = vb.toObject();
            for (auto jt = ob.begin(); jt != ob.end(); ++jt)
                if (oa.value(jt.key()) != jt.value())
                    return QString("%1.%2 is %3, expected %4")
                        .arg(it.key(), jt.key(), oa.value(jt.key()).toVariant().toString(),
                             jt.value().toVariant().toString());
        }
        return QString("%1 is %2, expected %3")
            .arg(it.key(), va.toVariant().toString(), vb.toVariant().toString());
    }
    return {};
}

// The length of a network's flat buffer: W and b of every layer (network.hpp).
qint64 parameterCount(const NetworkShape& s) {
    qint64 count = 0, in = s.inputs();
    for (int l = 0; l <= s.depth; ++l) {
        const qint64 out = l < s.depth ? s.width : s.outputs;
        count += in * out + out;
        in = out;
    }
    return count;
}

template <class T>
void put(QByteArray& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T get(const QByteArray& in, qint64 at) {
    T v;
    std::memcpy(&v, in.constData() + at, sizeof v);
    return v;
}
}  // namespace

std::uint32_t crc32(const char* data, std::size_t size) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) c = table[(c ^ std::uint8_t(data[i])) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::uint64_t scenarioFingerprint(const Scenario& scenario) {
    Scenario s = scenario;
    s.name.clear();
    s.sampling = SamplingSpec{};
    s.metrics = MetricsSpec{};
    const QByteArray json = scenarioToJson(s);
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
    for (char c : json) h = (h ^ std::uint8_t(c)) * 0x100000001b3ULL;
    return h;
}

QByteArray modelToBytes(const NeuralScore& model, const QString& name, std::uint64_t fingerprint) {
    const Network& net = model.network();
    QJsonObject header = configToJson(model.config());
    header["name"] = name;
    header["scenario_fingerprint"] = QString::number(fingerprint, 16);
    header["frequencies"] = int(net.frequencies().size());
    header["parameters"] = qint64(net.parameterCount());
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray out;
    out.append(kMagic, sizeof kMagic);
    put(out, kVersion);
    put(out, std::uint32_t(json.size()));
    out.append(json);
    out.append(reinterpret_cast<const char*>(net.frequencies().data()),
               qsizetype(4 * net.frequencies().size()));
    out.append(reinterpret_cast<const char*>(net.parameters().data()),
               qsizetype(4 * net.parameterCount()));
    put(out, crc32(out.constData(), std::size_t(out.size())));
    return out;
}

LoadedModel modelFromBytes(const QByteArray& in, const QString& where) {
    const qint64 size = in.size();
    if (size < 16 || std::memcmp(in.constData(), kMagic, sizeof kMagic) != 0)
        failAt(where, "not a symscore model file (bad magic)");
    const auto version = get<std::uint32_t>(in, 8);
    if (version != kVersion)
        failAt(where, QString("format version %1 is not supported (this build reads %2)")
                          .arg(version)
                          .arg(kVersion));
    const auto headerLen = get<std::uint32_t>(in, 12);
    if (headerLen > kMaxHeader)
        failAt(where, "header: implausible length " + QString::number(headerLen));
    if (16 + qint64(headerLen) > size) failAt(where, "truncated: the file ends inside the header");
    JsonReader r(parseJsonObject(in.mid(16, headerLen), where + ": header"), "header");
    const ModelConfig config = configFromJson(r);
    LoadedModel out;
    out.name = r.string("name", "");
    // The name labels the model in every plot and legend (a 5000-character name cost
    // gigabytes of text layout): the scenario's limit on model names holds here too.
    if (out.name.size() > ScenarioLimits::maxModelName)
        failAt(r.at("name"),
               QString("longer than %1 characters").arg(ScenarioLimits::maxModelName));
    bool ok = false;
    out.scenarioFingerprint = r.string("scenario_fingerprint", "0").toULongLong(&ok, 16);
    if (!ok) failAt(r.at("scenario_fingerprint"), "expected a hexadecimal number");
    const qint64 nFreq = r.integer("frequencies", 0, 0, 1 << 20);
    // An integer in range before any conversion: a count like 1e300 does not fit a qint64.
    const qint64 nParam = r.integer("parameters", 0, 0, int(kMaxFile / 4));
    r.finish();
    const qint64 expected = 16 + headerLen + 4 * (nFreq + nParam) + 4;
    if (size < expected)
        failAt(where, QString("truncated: %1 bytes, expected %2").arg(size).arg(expected));
    if (size > expected)
        failAt(where,
               QString("%1 unexpected bytes after the end of the model").arg(size - expected));
    const auto stored = get<std::uint32_t>(in, expected - 4);
    if (stored != crc32(in.constData(), std::size_t(expected - 4)))
        failAt(where, "checksum mismatch: the file is corrupt");
    // A model without Fourier features has no frequencies, and memcpy to the null data() of
    // an empty vector is undefined even for 0 bytes.
    const auto floats = [&](qint64 at, qint64 n) {
        std::vector<float> v(static_cast<std::size_t>(n));
        if (n > 0) std::memcpy(v.data(), in.constData() + at, std::size_t(4 * n));
        return v;
    };
    std::vector<float> freqs = floats(16 + headerLen, nFreq),
                       params = floats(16 + headerLen + 4 * nFreq, nParam);
    try {
        const NetworkShape shape = NeuralScore::shapeFor(config.network, spatialInputs(config));
        // Network allocates the buffer of its shape before it compares sizes, so a header of
        // a few bytes could ask for gigabytes (width 4096, depth 64): compare first.
        if (parameterCount(shape) != nParam)
            failAt(where, QString("architecture: the network has %1 parameters, the file holds %2")
                              .arg(parameterCount(shape))
                              .arg(nParam));
        out.model = makeNeuralScore(config, Network(shape, std::move(freqs), std::move(params)));
    } catch (const std::invalid_argument& e) {
        failAt(where, QString("architecture: ") + e.what());
    }
    return out;
}

void saveModel(const QString& path, const NeuralScore& model, const QString& name,
               std::uint64_t fingerprint) {
    writeFileAtomically(path, modelToBytes(model, name, fingerprint));
}

LoadedModel loadModel(const QString& path) {
    return modelFromBytes(readFileLimited(path, kMaxFile), path);
}

LoadedModel loadModel(const QString& path, const ModelConfig& expected) {
    LoadedModel m = loadModel(path);
    if (!(m.model->config() == expected))
        failAt(path, "architecture: " + firstDifference(m.model->config(), expected));
    return m;
}

}  // namespace symscore::io
