// symscore-cli validate and score, run as a user would: JSON on stdout, one-line errors.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/time_budget.hpp"

#include "core/io/scenario_json.hpp"

using namespace symscore;

namespace {
// JSON written with single quotes, so that test data reads cleanly (and moc can parse it).
QByteArray json(const char* text) { return QByteArray(text).replace('\'', '"'); }

struct Result {
    int code;
    QByteArray out, err;
};

Result run(const QStringList& args) {
    QProcess p;
    p.start(SYMSCORE_CLI, args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString preset(const char* file) {
    return QString(SYMSCORE_SOURCE_DIR) + "/resources/presets/" + file;
}
}  // namespace

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString write(const char* name, const QByteArray& text) {
        QFile f(dir_.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }

private Q_SLOTS:
    // A learning rate of 10 diverges: the run still finishes, says which models diverged and
    // why in metrics.json, and keeps the oracle's figures.
    void divergingRunIsReported() {
        const QString scenario = write("diverge.json", json(
            "{'training': {'steps': 200, 'lr': 10}, 'sampling': {'particles': 300, 'steps': 100},"
            " 'metrics': {'w1_points': 300}, 'models': [{'name': 'plain'}, {'name': 'oracle', 'equivariance': 'exact'}]}"));
        QProcess p;
        p.start(SYMSCORE_CLI, {"run", scenario, "--out", dir_.filePath("diverge")});
        QVERIFY(p.waitForFinished(timeBudgetMs(120000)));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject models = QJsonDocument::fromJson(p.readAllStandardOutput()).object()["models"].toObject();
        const QJsonObject plain = models["plain"].toObject();
        QCOMPARE(plain["status"].toString(), QString("diverged"));
        QVERIFY(!plain["message"].toString().isEmpty());  // why: the loss, or the sampler that blew up after
        QCOMPARE(models["oracle"].toObject()["status"].toString(), QString("ok"));
        QVERIFY(models["oracle"].toObject()["w1"].toDouble() > 0);
    }
    void validatePrintsTheFilledScenario() {
        const Result r = run({"validate", preset("d4_eight_gaussians.symscore.json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["name"].toString(), QString("D4: eight Gaussians"));
        QCOMPARE(o["group"].toObject()["type"].toString(), QString("dihedral"));
        QVERIFY(o["network"].toObject().contains("fourier_scale"));  // defaults filled in
    }
    void validateErrorNamesTheField() {
        const QString bad = write("bad.json", json("{'mixture': {'components': [{'mean': [0, 1], 'cov': [[1, 2], [2, 1]]}]}}"));
        const Result r = run({"validate", bad});
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("mixture.components[0].cov: not positive definite"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
    void scoreMatchesTheLibrary() {
        const QString pts = write("p.csv", "0.5,0.25\n2,0\n-1.5,3\n");
        const Result r = run({"score", preset("c4_four_gaussians.symscore.json"), "--t", "0.2", "--points", pts});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["t"].toDouble(), 0.2);
        const QJsonArray scores = o["scores"].toArray();
        QCOMPARE(scores.size(), 3);
        const Scenario s = io::loadScenario(preset("c4_four_gaussians.symscore.json"));
        const Process proc = s.makeProcess();
        const Mixture pt = s.makeTarget().marginal(proc.alpha(0.2), proc.sigma(0.2));
        const Vec2 expect = pt.score(Vec2(-1.5, 3));
        QCOMPARE(scores[2].toArray()[0].toDouble(), expect(0));
        QCOMPARE(scores[2].toArray()[1].toDouble(), expect(1));
        QCOMPARE(o["log_density"].toArray()[1].toDouble(), pt.logDensity(Vec2(2, 0)));
    }
    void scoreErrorPaths_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sc = preset("c4_four_gaussians.symscore.json");
        const QString good = write("good.csv", "1,2\n");
        const QString bad = write("bad.csv", "1,2\n3;4\n");
        QTest::newRow("no t") << QStringList{"score", sc, "--points", good} << "--t: missing";
        QTest::newRow("t too big") << QStringList{"score", sc, "--t", "7", "--points", good} << "--t: must be between 0 and T";
        QTest::newRow("t not number") << QStringList{"score", sc, "--t", "abc", "--points", good} << "--t: \"abc\" is not a number";
        QTest::newRow("bad csv line") << QStringList{"score", sc, "--t", "0.5", "--points", bad} << "bad.csv:2: expected two numbers x,y";
        QTest::newRow("no csv") << QStringList{"score", sc, "--t", "0.5", "--points", "/nonexistent.csv"} << "/nonexistent.csv: cannot open";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command \"frobnicate\"";
    }
    void scoreErrorPaths() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = run(args);
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString(r.err).contains(message), r.err.constData());
    }

    // symscore-cli draws its pictures with Qt Gui alone (ui/figures): neither Qt Widgets nor
    // QCustomPlot among the libraries it loads, directly or through another.
    void linksNoWidgets() {
        QProcess ldd;
        ldd.start("ldd", {SYMSCORE_CLI});
        if (!ldd.waitForStarted()) QSKIP("ldd is not installed");
        QVERIFY(ldd.waitForFinished(30000));
        QCOMPARE(ldd.exitCode(), 0);
        const QByteArray libraries = ldd.readAllStandardOutput().toLower();
        QVERIFY2(libraries.contains("libqt6core"), libraries.constData());  // ldd read it
        QVERIFY2(!libraries.contains("widgets"), libraries.constData());
        QVERIFY2(!libraries.contains("qcustomplot"), libraries.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
