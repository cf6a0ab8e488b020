// Model files: a bit-exact round trip, and truncated, corrupt, foreign or other-architecture
// files rejected with a message naming the problem.
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/model_file.hpp"

using namespace symscore;

namespace {
ModelConfig configOf(Equivariance kind) {
    Scenario s;
    return modelConfig(s, {"m", kind, Augmentation::None});
}
QString messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const io::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return "no error";
}
}  // namespace

class TestModelFile : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void roundTripIsBitExact() {
        QTemporaryDir dir;
        for (Equivariance k :
             {Equivariance::None, Equivariance::Reynolds, Equivariance::InvariantFeatures}) {
            auto m = makeNeuralScore(configOf(k), 42);
            m->network().parameters()[5] = 0.1234567f;
            const QString path = dir.filePath("m.symscore-model");
            io::saveModel(path, *m, "equivariant", 0xfeedbeefcafe1234ULL);
            const io::LoadedModel back = io::loadModel(path, m->config());
            QCOMPARE(back.name, QString("equivariant"));
            QCOMPARE(back.scenarioFingerprint, 0xfeedbeefcafe1234ULL);
            QVERIFY(back.model->config() == m->config());
            const auto a = m->network().parameters(), b = back.model->network().parameters();
            QCOMPARE(a.size(), b.size());
            QVERIFY(std::memcmp(a.data(), b.data(), a.size() * 4) == 0);
            QVERIFY(m->network().frequencies() == back.model->network().frequencies());
            PointsF x(3, 2), sa(3, 2), sb(3, 2);
            x << 1, 2, -0.5, 0.3, 2, -1;
            m->score(x, 0.4, sa);
            back.model->score(x, 0.4, sb);
            QVERIFY(sa == sb);
        }
    }

    void badFilesAreRejected() {
        auto m = makeNeuralScore(configOf(Equivariance::Reynolds), 1);
        const QByteArray good = io::modelToBytes(*m, "m", 7);
        QVERIFY(messageOf([&] { io::modelFromBytes(good, "m.bin"); }) == "no error");

        QVERIFY(messageOf([&] {
                    io::modelFromBytes(good.left(good.size() - 100), "m.bin");
                }).contains("truncated"));
        QVERIFY(
            messageOf([&] { io::modelFromBytes(good.left(30), "m.bin"); }).contains("truncated"));
        QVERIFY(messageOf([&] {
                    io::modelFromBytes(good + "xx", "m.bin");
                }).contains("unexpected bytes"));

        QByteArray flipped = good;
        flipped[flipped.size() - 1000] = char(flipped[flipped.size() - 1000] ^ 0x10);
        const QString corrupt = messageOf([&] { io::modelFromBytes(flipped, "m.bin"); });
        QVERIFY2(corrupt.startsWith("m.bin: checksum mismatch"), qPrintable(corrupt));

        QVERIFY(messageOf([&] {
                    io::modelFromBytes("PK\x03\x04 not a model at all", "m.bin");
                }).contains("not a symscore model"));
        QByteArray future = good;
        future[8] = 9;
        QVERIFY(messageOf([&] { io::modelFromBytes(future, "m.bin"); }).contains("version 9"));

        // A model name as long as the scenario allows loads; a longer one (a 5000-character
        // name cost gigabytes in the legends) is refused.
        QCOMPARE(messageOf([&] {
                     io::modelFromBytes(io::modelToBytes(*m, QString(64, 'n'), 7), "m.bin");
                 }),
                 QString("no error"));
        QCOMPARE(messageOf([&] {
                     io::modelFromBytes(io::modelToBytes(*m, QString(5000, 'n'), 7), "m.bin");
                 }),
                 QString("header.name: longer than 64 characters"));
    }

    void otherArchitectureIsRejected() {
        QTemporaryDir dir;
        const QString path = dir.filePath("m.symscore-model");
        io::saveModel(path, *makeNeuralScore(configOf(Equivariance::None), 1), "m", 1);
        ModelConfig wider = configOf(Equivariance::None);
        wider.network.width = 64;
        const QString msg = messageOf([&] { io::loadModel(path, wider); });
        QVERIFY2(msg.contains("architecture: network.width is 128, expected 64"), qPrintable(msg));
        const QString kind =
            messageOf([&] { io::loadModel(path, configOf(Equivariance::Reynolds)); });
        QVERIFY2(kind.contains("architecture: kind is none, expected reynolds"), qPrintable(kind));
        QVERIFY(messageOf([&] { io::loadModel(dir.filePath("missing")); }).contains("cannot open"));
    }

    void fingerprintFollowsTheTrainingSetup() {
        Scenario a, b;
        QCOMPARE(io::scenarioFingerprint(a), io::scenarioFingerprint(b));
        b.sampling.steps = 17;  // sampling does not shape training
        QCOMPARE(io::scenarioFingerprint(a), io::scenarioFingerprint(b));
        b.data.n_train = 65;
        QVERIFY(io::scenarioFingerprint(a) != io::scenarioFingerprint(b));
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_model_file.moc"
