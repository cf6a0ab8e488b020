#include "fuzz/fuzz_entries.hpp"

#include <tbb/global_control.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>

#include "core/io/model_file.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"
#include "core/score_field.hpp"

namespace symscore::fuzz {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::logic_error("fuzz: " + what); }

// One input at a time: worker threads would only share the machine's cores with the
// fuzzer and make coverage depend on scheduling.
void oneThread() {
    static const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
}

QByteArray bytesOf(const std::uint8_t* data, std::size_t size) {
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// A few places to evaluate a score: the origin, moderate points and far ones.
PointsF probePoints() {
    PointsF x(5, 2);
    x << 0, 0, 1, -2, -0.5f, 0.25f, 40, 30, -1e4f, 1e4f;
    return x;
}

// ---- scenarios ------------------------------------------------------------------------

void requireFinite(const Eigen::Ref<const Points>& p, const char* what) {
    if (!p.allFinite()) fail(std::string("scenario: ") + what + " not finite");
}

// What the app builds from a scenario before any training, on tiny networks so that an
// entry stays within milliseconds.
void useScenario(const Scenario& s) {
    const QByteArray json = io::scenarioToJson(s);
    // A FormatError here is a bug too: symscore must read back what it writes.
    const Scenario back = io::scenarioFromJson(json);
    if (io::scenarioToJson(back) != json)
        fail("scenario: written, read back and written again differs");

    const Group group = s.makeGroup();
    const Mixture target = s.makeTarget();
    const Process process = s.makeProcess();
    if (group.order() < 1 || target.size() < 1) fail("scenario: empty group or target");
    // Normalized weights: what sampling and the responsibilities assume.
    double total = 0;
    for (const Gaussian& g : target.components()) {
        if (!(g.weight >= 0 && g.weight <= 1)) fail("scenario: a target weight outside [0, 1]");
        total += g.weight;
    }
    if (!(std::abs(total - 1) < 1e-9))
        fail("scenario: target weights sum to " + std::to_string(total));
    Rng rng(s.data.seed);
    const Points train = target.sample(8, rng);
    requireFinite(train, "training points");

    PointsF x(train.rows() + 5, 2);
    x << train.cast<float>(), probePoints();
    PointsF out(x.rows(), 2);
    const ExactScore exact(target, process);
    for (double t : {process.eps(), 0.5 * (process.eps() + process.T()), process.T()}) {
        exact.score(x, t, out);
        requireFinite(out.cast<double>(), "exact score");
    }
    // Every learned kind the scenario uses, from one configuration (modelConfig builds the
    // target again, which for a 4096-component orbit costs seconds under the sanitizers).
    ModelConfig c = modelConfig(s, {"m", Equivariance::None, Augmentation::None});
    c.network.width = std::min(c.network.width, 4);
    c.network.depth = 1;
    c.network.fourier_features = std::min(c.network.fourier_features, 2);
    for (Equivariance kind :
         {Equivariance::None, Equivariance::Reynolds, Equivariance::InvariantFeatures}) {
        if (std::none_of(s.models.begin(), s.models.end(),
                         [&](const ModelSpec& m) { return m.equivariance == kind; }))
            continue;
        c.kind = kind;
        makeNeuralScore(c, s.training.seed)->score(x, process.T(), out);
    }
}

// ---- model files ----------------------------------------------------------------------

constexpr char kModelMagic[8] = {'S', 'Y', 'M', 'S', 'C', 'M', 'D', 'L'};

// The length of the JSON object at the start of `text` (braces outside strings), or -1.
qsizetype jsonObjectLength(const QByteArray& text) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return -1;
}

template <class T>
void put(QByteArray& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// The same bytes made consistent where a mutation almost always breaks a model file before
// its header is even parsed: the header length (to the end of the JSON object), the array
// lengths the header announces (payload cut or padded with zeros) and the CRC-32. Empty
// when the input does not start like a model file.
QByteArray consistentModel(const QByteArray& in) {
    if (in.size() < 16 || std::memcmp(in.constData(), kModelMagic, 8) != 0) return {};
    const qsizetype found = jsonObjectLength(in.mid(16));
    std::uint32_t stated = 0;
    std::memcpy(&stated, in.constData() + 12, 4);
    const qsizetype headerLen = found >= 0 ? found : std::min<qsizetype>(stated, in.size() - 16);
    const QByteArray header = in.mid(16, headerLen);
    QByteArray payload = in.mid(16 + headerLen);
    payload.chop(4);  // the old checksum
    const QJsonObject h = QJsonDocument::fromJson(header).object();
    const double freqs = h.value("frequencies").toDouble(-1),
                 params = h.value("parameters").toDouble(-1);
    // Counts a real file could hold within a MiB; others stay as they are, for the reader to
    // refuse.
    if (freqs >= 0 && params >= 0 && freqs == std::floor(freqs) && params == std::floor(params) &&
        freqs + params <= (1 << 18))
        payload.resize(qsizetype(4 * (freqs + params)), '\0');
    QByteArray out = in.left(12);
    put(out, std::uint32_t(headerLen));
    out += header;
    out += payload;
    put(out, io::crc32(out.constData(), std::size_t(out.size())));
    return out;
}

void useModel(const io::LoadedModel& m) {
    const NeuralScore& model = *m.model;
    // Saving and loading again gives the same model, bit for bit.
    const io::LoadedModel back = io::modelFromBytes(
        io::modelToBytes(model, m.name, m.scenarioFingerprint), "again.symscore-model");
    const NeuralScore& again = *back.model;
    if (back.name != m.name || back.scenarioFingerprint != m.scenarioFingerprint ||
        !(again.config() == model.config()))
        fail("model: saved and loaded again differs in its header");
    // Bits, not values: the weights may be NaN.
    const auto sameBits = [](std::span<const float> a, std::span<const float> b) {
        return a.size() == b.size() &&
               (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
    };
    if (!sameBits(model.network().parameters(), again.network().parameters()) ||
        !sameBits(model.network().frequencies(), again.network().frequencies()))
        fail("model: saved and loaded again differs in its weights");
    // Evaluating may give non-finite scores (the weights are arbitrary), but nothing else.
    const PointsF x = probePoints();
    PointsF out(x.rows(), 2);
    const Process& p = model.process();
    for (double t : {p.eps(), 0.5 * (p.eps() + p.T()), p.T()}) model.score(x, t, out);
    (void)model.equivariantByConstruction();
}

void checkModel(const QByteArray& bytes) {
    io::LoadedModel m;
    try {
        m = io::modelFromBytes(bytes, "fuzz.symscore-model");
    } catch (const io::FormatError&) {
        return;
    }
    if (!m.model) fail("model: accepted without a model");
    useModel(m);
}

}  // namespace

void fuzzScenario(const std::uint8_t* data, std::size_t size) {
    oneThread();
    Scenario s;
    try {
        s = io::scenarioFromJson(bytesOf(data, size));
    } catch (const io::FormatError&) {
        return;
    }
    useScenario(s);
}

void fuzzModel(const std::uint8_t* data, std::size_t size) {
    oneThread();
    const QByteArray raw = bytesOf(data, size);
    checkModel(raw);
    const QByteArray fixed = consistentModel(raw);
    if (!fixed.isEmpty() && fixed != raw) checkModel(fixed);
}

void fuzzPointsCsv(const std::uint8_t* data, std::size_t size) {
    oneThread();
    Points p;
    try {
        p = io::pointsFromCsv(bytesOf(data, size), "fuzz.csv");
    } catch (const io::FormatError&) {
        return;
    }
    if (p.rows() < 1 || p.rows() > io::kMaxCsvPoints || !p.allFinite())
        fail("csv: accepted " + std::to_string(p.rows()) + " rows, or values that are not finite");
    // What symscore writes reads back to the same doubles.
    const Points back = io::pointsFromCsv(io::pointsToCsv(p), "again.csv");
    if (back.rows() != p.rows() || !(back.array() == p.array()).all())
        fail("csv: written and read back differs");
}

}  // namespace symscore::fuzz
