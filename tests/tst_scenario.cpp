// Scenario files: defaults, round trip, presets, and every bad input rejected with a message
// that names the field.
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"

using namespace symscore;
using namespace symscore::io;

namespace {
// JSON written with single quotes, so that test data reads cleanly (and moc can parse it).
QByteArray json(const char* text) { return QByteArray(text).replace('\'', '"'); }

QString errorOf(const QByteArray& json) {
    try {
        scenarioFromJson(json);
    } catch (const FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}
}  // namespace

class TestScenario : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyObjectTakesDefaults() {
        const Scenario s = scenarioFromJson("{}");
        QCOMPARE(s.group.type, GroupType::Cyclic);
        QCOMPARE(s.group.n, 4);
        QCOMPARE(s.data.n_train, 64);
        QCOMPARE(s.training.steps, 3000);
        QCOMPARE(int(s.models.size()), 3);
        QCOMPARE(s.sampling.particles, 2000);
        QCOMPARE(s.makeTarget().size(), 4);
    }
    void ouTakesItsOwnDefaultHorizon() {
        QCOMPARE(scenarioFromJson(json("{'process':{'type':'ou'}}")).process.T, 5.0);
    }
    void roundTrip() {
        for (const Preset& p : presets()) {
            const Scenario a = loadPreset(p.name);
            const QByteArray json = scenarioToJson(a);
            const Scenario b = scenarioFromJson(json);
            QCOMPARE(scenarioToJson(b), json);
            QCOMPARE(b.group, a.group);
            QCOMPARE(b.process, a.process);
            QCOMPARE(b.mixture.components.size(), a.mixture.components.size());
            for (std::size_t k = 0; k < a.mixture.components.size(); ++k) {
                QCOMPARE(b.mixture.components[k].mean, a.mixture.components[k].mean);
                QCOMPARE(b.mixture.components[k].cov, a.mixture.components[k].cov);
            }
        }
    }
    void saveIsAtomicAndReadable() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.symscore.json");
        Scenario s = defaultScenario();
        s.data.n_train = 17;
        saveScenario(s, path);
        QCOMPARE(loadScenario(path).data.n_train, 17);
        QVERIFY_THROWS_EXCEPTION(FormatError, saveScenario(s, dir.filePath("no/such/dir/x.json")));
        QCOMPARE(loadScenario(path).data.n_train, 17);  // the good file is untouched
    }
    void presetsValidate() {
        QCOMPARE(presets().size(), 6);
        for (const Preset& p : presets()) {
            const Scenario s = loadPreset(p.name);
            QCOMPARE(QString::fromStdString(s.name), p.name);
            QVERIFY(s.makeTarget().size() >= 2);
        }
        QCOMPARE(defaultScenario().name, std::string("C4: four Gaussians"));
    }
    // The C3 pinwheel is C3-invariant but not D3-invariant: the app's lesson on a wrong group.
    void pinwheelIsC3ButNotD3Invariant() {
        const Mixture m = loadPreset("C3: pinwheel").makeTarget();
        const Vec2 x(1.7, 0.5);
        const Group c3 = Group::cyclic(3);
        for (const Mat2& a : c3.elements())
            QVERIFY(std::abs(m.density(a * x) - m.density(x)) < 1e-9 * m.density(x));
        const Mat2 flip = Group::dihedral(3).element(3);
        QVERIFY(std::abs(m.density(flip * x) - m.density(x)) > 0.1 * m.density(x));
    }
    void rejectsBadInput_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\"group\": ") << "scenario: not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "scenario: expected a JSON object";
        QTest::newRow("unknown top field") << json("{'grup': {}}") << "grup: unknown field";
        QTest::newRow("unknown nested field") << json("{'training': {'stpes': 3}}") << "training.stpes: unknown field";
        QTest::newRow("bad group type") << json("{'group': {'type': 'cubic'}}") << "group.type: \"cubic\" is not one of";
        QTest::newRow("n = 0") << json("{'group': {'type': 'cyclic', 'n': 0}}") << "group.n: must be between 1 and";
        QTest::newRow("n not integer") << json("{'group': {'type': 'cyclic', 'n': 2.5}}") << "group.n: expected a whole number";
        QTest::newRow("n is a string") << json("{'group': {'n': '4'}}") << "group.n: expected a number";
        QTest::newRow("indefinite cov") << json("{'mixture': {'components': [{'mean': [1, 0]}, {'mean': [0, 1], 'cov': [[1, 2], [2, 1]]}]}}") << "mixture.components[1].cov: not positive definite";
        QTest::newRow("singular cov") << json("{'mixture': {'components': [{'mean': [1, 0], 'cov': [[1, 1], [1, 1]]}]}}") << "mixture.components[0].cov: not positive definite";
        QTest::newRow("asymmetric cov") << json("{'mixture': {'components': [{'mean': [1, 0], 'cov': [[1, 0.5], [0, 1]]}]}}") << "mixture.components[0].cov: not symmetric";
        QTest::newRow("cov shape") << json("{'mixture': {'components': [{'mean': [1, 0], 'cov': [1, 0, 0, 1]}]}}") << "mixture.components[0].cov: expected [[a, b], [c, d]]";
        QTest::newRow("mean missing") << json("{'mixture': {'components': [{'weight': 1}]}}") << "mixture.components[0].mean: missing";
        QTest::newRow("mean short") << json("{'mixture': {'components': [{'mean': [1]}]}}") << "mixture.components[0].mean: expected [x, y]";
        QTest::newRow("negative weight") << json("{'mixture': {'components': [{'mean': [1, 0], 'weight': -1}]}}") << "mixture.components[0].weight: must be >= 0";
        QTest::newRow("weights zero") << json("{'mixture': {'components': [{'mean': [1, 0], 'weight': 0}]}}") << "mixture.components: the weights sum to zero";
        QTest::newRow("no components") << json("{'mixture': {'components': []}}") << "mixture.components: at least one";
        QTest::newRow("breaking > 1") << json("{'mixture': {'symmetry_breaking': 2}}") << "mixture.symmetry_breaking: must be between 0 and 1";
        QTest::newRow("eps > T") << json("{'process': {'type': 'vp', 'eps': 5}}") << "process.eps: must be positive and smaller than T";
        QTest::newRow("ve sigma") << json("{'process': {'type': 've', 'sigma_max': 0.001}}") << "process.sigma_max: must be larger than sigma_min";
        QTest::newRow("ve field on vp") << json("{'process': {'type': 'vp', 'sigma_max': 5}}") << "process.sigma_max: unknown field";
        QTest::newRow("n_train = 0") << json("{'data': {'n_train': 0}}") << "data.n_train: must be between 1 and";
        QTest::newRow("n_train huge") << json("{'data': {'n_train': 1e12}}") << "data.n_train: must be between 1 and";
        QTest::newRow("negative seed") << json("{'data': {'seed': -3}}") << "data.seed: expected a whole number";
        QTest::newRow("lr zero") << json("{'training': {'lr': 0}}") << "training.lr: must be positive";
        QTest::newRow("activation") << json("{'network': {'activation': 'gelu'}}") << "network.activation: \"gelu\" is not one of";
        QTest::newRow("models empty") << json("{'models': []}") << "models: at least one model";
        QTest::newRow("model name twice") << json("{'models': [{'name': 'a'}, {'name': 'a'}]}") << "models[1].name: \"a\" is used twice";
        QTest::newRow("model name path") << json("{'models': [{'name': '../x'}]}") << "models[0].name: use letters";
        QTest::newRow("equivariance") << json("{'models': [{'name': 'a', 'equivariance': 'magic'}]}") << "models[0].equivariance: \"magic\" is not one of";
        QTest::newRow("sampling method") << json("{'sampling': {'method': 'rk4'}}") << "sampling.method: \"rk4\" is not one of";
        QTest::newRow("particles") << json("{'sampling': {'particles': 0}}") << "sampling.particles: must be between 1 and";
        QTest::newRow("w1 method") << json("{'metrics': {'w1_method': 'fast'}}") << "metrics.w1_method: \"fast\" is not one of";
        QTest::newRow("format") << json("{'format': 'other'}") << "format: expected \"symscore-scenario\"";
        QTest::newRow("version") << json("{'version': 2}") << "version: this symscore reads version 1";
        QTest::newRow("truncated") << json("{'group': {'type': 'cyclic', 'n': 4}, 'mixture': {'compo") << "scenario: not valid JSON";
    }
    void rejectsBadInput() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString got = errorOf(json);
        QVERIFY2(got.startsWith(message), qPrintable("got: \"" + got + "\""));
        QVERIFY(!got.contains('\n'));
    }
    void missingFileNamesThePath() {
        try {
            loadScenario("/nonexistent/x.symscore.json");
            QFAIL("no error");
        } catch (const FormatError& e) {
            QVERIFY(QString(e.what()).startsWith("/nonexistent/x.symscore.json: cannot open"));
        }
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
