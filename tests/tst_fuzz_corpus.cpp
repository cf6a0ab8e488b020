// The fuzz corpora of tests/data/fuzz, replayed through the same entry functions as the
// libFuzzer targets (fuzz/fuzz_entries.cpp) in the normal build: every crasher the fuzzer
// ever found stays fixed without running the fuzzer (docs/fuzzing.md). Also checks that
// the seeds that must load do load, and the messages of the fixed crashers that matter.
#include <QDir>
#include <QFile>
#include <QtTest>

#include "core/io/model_file.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"
#include "fuzz/fuzz_entries.hpp"

using namespace symscore;

namespace {
using Entry = void (*)(const std::uint8_t*, std::size_t);

QString corpusDir(const QString& target) {
    return QString(SYMSCORE_SOURCE_DIR "/tests/data/fuzz/") + target;
}

QByteArray contents(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QStringList filesOf(const QString& target, const QString& pattern = "*") {
    QStringList out;
    const QDir dir(corpusDir(target));
    for (const QString& name : dir.entryList({pattern}, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

// Every file through the entry; any exception other than the FormatError the entry
// swallows fails the test with the file's name (crashes and sanitizer reports fail it anyway).
void replay(const QString& target, Entry entry) {
    const QStringList files = filesOf(target);
    QVERIFY2(!files.isEmpty(), qPrintable("no files in " + corpusDir(target)));
    for (const QString& path : files) {
        const QByteArray bytes = contents(path);
        try {
            entry(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                  std::size_t(bytes.size()));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QFileInfo(path).fileName() + ": " + QString::fromUtf8(e.what())));
        }
    }
}

// A valid model file with `from` replaced by `to` in its JSON header, the header length and
// checksum made to fit: what a file written by something other than symscore could hold.
QByteArray modelWithHeaderEdit(const QByteArray& from, const QByteArray& to) {
    ModelConfig c;
    c.network = {4, 1, 0, 4.0, Activation::ReLU};
    c.group = {GroupType::Trivial, 1, 0.0};
    const QByteArray good = io::modelToBytes(*makeNeuralScore(c, 1), "m", 1);
    std::uint32_t len = 0;
    std::memcpy(&len, good.constData() + 12, 4);
    QByteArray header = good.mid(16, len);
    if (!header.contains(from)) qFatal("no %s in the header", from.constData());
    header.replace(from, to);
    QByteArray out = good.left(12);
    const std::uint32_t newLen = std::uint32_t(header.size());
    out.append(reinterpret_cast<const char*>(&newLen), 4);
    out += header + good.mid(16 + len, good.size() - 16 - len - 4);
    const std::uint32_t crc = io::crc32(out.constData(), std::size_t(out.size()));
    out.append(reinterpret_cast<const char*>(&crc), 4);
    return out;
}

template <class F>
QString messageOf(F&& read) {
    try {
        read();
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return "accepted";
}
}  // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void scenarioCorpus() { replay("scenario", fuzz::fuzzScenario); }
    void modelCorpus() { replay("model", fuzz::fuzzModel); }
    void pointsCsvCorpus() { replay("points_csv", fuzz::fuzzPointsCsv); }

    // The corpus holds every preset, and they (like the other seeds) load.
    void presetsAndSeedsAreAccepted() {
        const QDir presets(SYMSCORE_SOURCE_DIR "/resources/presets");
        const QStringList names = presets.entryList({"*.symscore.json"}, QDir::Files);
        QVERIFY(!names.isEmpty());
        for (const QString& name : names) {
            const QString copy = corpusDir("scenario") + "/preset-" +
                                 name.chopped(int(strlen(".symscore.json"))) + ".json";
            QVERIFY2(QFile::exists(copy), qPrintable("the fuzz corpus lacks " + copy));
            QCOMPARE(contents(copy), contents(presets.filePath(name)));
        }
        for (const QString& path : filesOf("scenario", "preset-*") + filesOf("scenario", "seed-*"))
            QVERIFY2(messageOf([&] { io::scenarioFromJson(contents(path)); }) == "accepted",
                     qPrintable(path));
        const QStringList models = filesOf("model", "seed-*");
        QVERIFY(models.size() >= 3);
        for (const QString& path : models)
            QVERIFY2(messageOf([&] { io::loadModel(path); }) == "accepted", qPrintable(path));
        for (const QString& path : filesOf("points_csv", "seed-*"))
            QVERIFY2(messageOf([&] { io::readPointsCsv(path); }) == "accepted", qPrintable(path));
    }

    // crash-oom-huge-network: the header's architecture was allocated before its size was
    // compared with the file's. crash-parameters-1e300: a count outside qint64.
    void modelCountsAreCheckedBeforeUse() {
        QCOMPARE(messageOf([] { io::modelFromBytes(modelWithHeaderEdit("", ""), "m.bin"); }),
                 QString("accepted"));
        // A header may ask for no larger network than a scenario may (one set of limits)...
        const QString beyond = messageOf([] {
            io::modelFromBytes(
                modelWithHeaderEdit("\"depth\":1,\"fourier_features\":0,\"fourier_scale\":4,"
                                    "\"input_scaling\":\"noise\",\"width\":4}",
                                    "\"depth\":64,\"fourier_features\":0,\"fourier_scale\":4,"
                                    "\"input_scaling\":\"noise\",\"width\":4096}"),
                "m.bin");
        });
        QCOMPARE(beyond, QString("header.network.width: must be between 1 and 1024, got 4096"));
        // ...and the largest it may ask for is compared with the file before it is allocated.
        const QString huge = messageOf([] {
            io::modelFromBytes(
                modelWithHeaderEdit("\"depth\":1,\"fourier_features\":0,\"fourier_scale\":4,"
                                    "\"input_scaling\":\"noise\",\"width\":4}",
                                    "\"depth\":16,\"fourier_features\":0,\"fourier_scale\":4,"
                                    "\"input_scaling\":\"noise\",\"width\":1024}"),
                "m.bin");
        });
        QVERIFY2(huge.startsWith("m.bin: architecture: the network has ") &&
                     huge.endsWith("parameters, the file holds 22"),
                 qPrintable(huge));
        const QString count = messageOf([] {
            io::modelFromBytes(modelWithHeaderEdit("\"parameters\":22", "\"parameters\":1e300"),
                               "m.bin");
        });
        QCOMPARE(count, QString("header.parameters: must be between 0 and 67108864, got 1e+300"));
    }

    // The scenario crashers' messages: each names the field and the limit.
    void scenarioLimitsNameTheField() {
        const auto message = [](const QString& name) {
            return messageOf(
                [&] { io::scenarioFromJson(contents(corpusDir("scenario") + "/" + name)); });
        };
        QCOMPARE(message("crash-mean-beyond-float.json"),
                 QString("mixture.components[0].mean: coordinates must be between -1e6 and 1e6"));
        QCOMPARE(message("crash-orbit-too-large.json"),
                 QString("mixture.components: the orbit would make 32768 components, more than "
                         "4096: use fewer "
                         "components or a smaller group"));
        QCOMPARE(message("crash-ve-sigma-max-1e300.json"),
                 QString("process.sigma_max: must be at most 1e6"));
        QCOMPARE(message("crash-ve-sigma-at-t-overflows.json"),
                 QString("process.sigma_min: must be at least 1e-5, got 1e-300"));
        QCOMPARE(
            messageOf([] {
                io::scenarioFromJson(
                    R"({"process": {"type": "ve", "sigma_min": 1e-3, "sigma_max": 1e6, "T": 3}})");
            }),
            QString("process.sigma_max: sigma(T) = 1e24 at T = 3, more than 1e6"));
        for (const char* name :
             {"crash-weights-sum-overflows.json", "crash-weight-doubled-overflows.json"})
            QCOMPARE(message(name),
                     QString("mixture.components: the weights sum to more than a double holds: use "
                             "smaller weights"));
        QCOMPARE(
            messageOf([] {
                io::scenarioFromJson(
                    R"({"mixture": {"components": [{"mean": [0, 0], "cov": [[2e12, 0], [0, 1]]}]}})");
            }),
            QString("mixture.components[0].cov: entries must be at most 1e6^2 in magnitude"));
        // The largest legal values still load.
        QCOMPARE(
            messageOf([] {
                io::scenarioFromJson(
                    R"({"mixture": {"components": [{"mean": [1e6, -1e6], "cov": [[1e12, 0], [0, 1e12]]}]},
                                             "process": {"type": "ve", "sigma_max": 1e6}})");
            }),
            QString("accepted"));
    }

    void csvMessagesNameTheLine() {
        QCOMPARE(messageOf([] { io::pointsFromCsv("1,2\n\n3;4\n", "a.csv"); }),
                 QString("a.csv:3: expected two numbers x,y"));
        QCOMPARE(messageOf([] { io::pointsFromCsv("1,2\r\ninf,3\r\n", "a.csv"); }),
                 QString("a.csv:2: not a finite number"));
        QCOMPARE(messageOf([] { io::pointsFromCsv(" \n", "a.csv"); }), QString("a.csv: no points"));
        const QByteArray huge(io::kMaxCsvBytes + 1, ' ');
        QCOMPARE(messageOf([&] { io::pointsFromCsv(huge, "a.csv"); }),
                 QString("a.csv: larger than %1 bytes").arg(io::kMaxCsvBytes));
        // A line far longer than two numbers need is refused before it is split.
        QByteArray longLine = "1,2\n";
        longLine += QByteArray(60 * 1000 * 1000, ',');
        QCOMPARE(
            messageOf([&] { io::pointsFromCsv(longLine, "a.csv"); }),
            QString("a.csv:2: longer than %1 characters (expected x,y)").arg(io::kMaxCsvLineBytes));
        const Points p = io::pointsFromCsv("0.5,-1\r\n  2 , 3e2  ", "a.csv");
        QCOMPARE(p.rows(), Eigen::Index(2));
        QCOMPARE(p(1, 1), 300.0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
