// The scenario panel: presets round-trip, valid edits are emitted after the debounce,
// invalid edits are refused at the control with the reason shown, and training locks the
// controls that would invalidate a run. Offscreen platform.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "ui/scenario/component_table.hpp"
#include "ui/scenario/scenario_panel.hpp"

using namespace symscore;

namespace {
template <class T>
T* child(const QWidget& w, const char* name) {
    T* c = w.findChild<T*>(name);
    if (!c) qFatal("no child %s", name);
    return c;
}

Scenario lastEmitted(const QSignalSpy& spy) { return spy.last().first().value<Scenario>(); }
}  // namespace

Q_DECLARE_METATYPE(symscore::Scenario)

class TestScenarioPanel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Scenario>(); }

    void presetsRoundTrip() {
        ui::ScenarioPanel panel;
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        for (const io::Preset& p : io::presets()) {
            const Scenario s = io::loadPreset(p.name);
            panel.setScenario(s);
            QCOMPARE(io::scenarioToJson(panel.scenario()), io::scenarioToJson(s));
        }
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 50);
        QCOMPARE(spy.size(), 0);  // setScenario emits nothing
    }

    void axesRoundTrip() {
        const Mat2 c = covarianceFromAxes(0.7, 0.2, 35.0);
        const ui::Axes a = ui::axesFromCovariance(c);
        QVERIFY(std::abs(a.sd1 - 0.7) < 1e-12 && std::abs(a.sd2 - 0.2) < 1e-12);
        QVERIFY(std::abs(a.angleDeg - 35.0) < 1e-9);
    }

    void groupSpinEmitsAfterDebounce() {
        ui::ScenarioPanel panel;
        panel.setScenario(io::loadPreset("C4: four Gaussians"));
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        child<QSpinBox>(panel, "groupN")->setValue(6);
        QCOMPARE(spy.size(), 0);  // debounced
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.size(), 1);
        const Scenario s = lastEmitted(spy);
        QCOMPARE(s.group.type, GroupType::Cyclic);
        QCOMPARE(s.group.n, 6);
        QCOMPARE(panel.scenario().group.n, 6);
        QVERIFY(child<QLabel>(panel, "groupName")->text().startsWith("C6"));
        QVERIFY(child<QComboBox>(panel, "preset")->currentText().endsWith("(edited)"));
        QVERIFY(child<QLabel>(panel, "componentCount")->text().startsWith("6 "));
    }

    void invalidTableEditIsRefused() {
        ui::ScenarioPanel panel;
        const Scenario before = io::loadPreset("C4: four Gaussians");
        panel.setScenario(before);
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        auto* model = child<QTableView>(panel, "componentTable")->model();
        const QModelIndex sd1 = model->index(0, ui::ComponentModel::Sd1);
        QVERIFY(model->setData(sd1, "-1", Qt::EditRole));
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(io::scenarioToJson(panel.scenario()), io::scenarioToJson(before));
        auto* error = child<QLabel>(panel, "mixtureError");
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), QString("row 1: sd 1 must be positive"));
        QVERIFY(model->data(sd1, Qt::BackgroundRole).isValid());  // the cell is red
        QVERIFY(!panel.problem().isEmpty());

        // A non-number is refused the same way.
        const QModelIndex w = model->index(0, ui::ComponentModel::Weight);
        QVERIFY(model->setData(sd1, "0.5", Qt::EditRole));  // fixed: valid again
        QVERIFY(spy.wait(1000));
        QVERIFY(model->setData(w, "abc", Qt::EditRole));
        QCOMPARE(error->text(), QString("row 1: weight is not a number"));
        QVERIFY(model->setData(w, "0", Qt::EditRole));
        QVERIFY(error->text().startsWith("all weights are zero"));
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(panel.scenario().mixture.components[0].weight, 1.0);
    }

    void invalidProcessIsRefusedAtTheControl() {
        ui::ScenarioPanel panel;
        panel.setScenario(io::defaultScenario());
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        child<QDoubleSpinBox>(panel, "betaMax")->setValue(0.05);  // below beta_min = 0.1
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(panel.problem(),
                 QString::fromUtf8("\u03b2 max must be positive and at least \u03b2 min"));
        QVERIFY(!child<QDoubleSpinBox>(panel, "betaMax")->styleSheet().isEmpty());
        // Starting training shows the scenario being trained, not the refused value.
        panel.setTrainingLocked(true);
        QCOMPARE(child<QDoubleSpinBox>(panel, "betaMax")->value(), 20.0);
        QVERIFY(child<QDoubleSpinBox>(panel, "betaMax")->styleSheet().isEmpty());
        QVERIFY(panel.problem().isEmpty());
        QCOMPARE(spy.size(), 0);
    }

    void typedTextIsKeptAndRefused() {
        // 99 typed where 64 is the limit stays 99 (a plain spin box gave 9),
        // 0 stays 0 (gave back 4), a blanked field stays blank (gave back 256), "abc" stays:
        // each is marked red with the reason, the value is not used, and the focus leaving
        // the field does not put the old value back.
        ui::ScenarioPanel panel;
        panel.setScenario(io::loadPreset("C4: four Gaussians"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        auto* n = child<QSpinBox>(panel, "groupN");
        auto* batch = child<QSpinBox>(panel, "batch");
        auto retype = [](QAbstractSpinBox* box, const QString& text) {
            box->setFocus();
            box->selectAll();
            QTest::keyClick(box, Qt::Key_Backspace);
            QTest::keyClicks(box, text);
        };
        auto leave = [&] {
            child<QComboBox>(panel, "preset")->setFocus();  // the focus leaves the field
            QApplication::processEvents();
        };
        for (const QString typed : {"99", "0", "abc"}) {
            retype(n, typed);
            leave();
            QCOMPARE(n->text(), typed);
            QCOMPARE(panel.scenario().group.n, 4);  // not "9" on the way to "99"
            QVERIFY2(panel.problem().startsWith("n: "), qPrintable(panel.problem()));
            QVERIFY(!n->styleSheet().isEmpty());
        }
        retype(n, "99");
        QCOMPARE(panel.problem(), QString("n: 99 is out of range (1 to 64)"));
        retype(n, "0");
        QCOMPARE(panel.problem(), QString("n: 0 is out of range (1 to 64)"));
        retype(n, "abc");
        QCOMPARE(panel.problem(), QString::fromUtf8("n: \u201cabc\u201d is not a whole number"));
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QCOMPARE(spy.size(), 0);
        retype(n, "8");  // fixed: applied
        QVERIFY(spy.wait(1000));
        QCOMPARE(panel.scenario().group.n, 8);
        QVERIFY(panel.problem().isEmpty());
        QVERIFY(n->styleSheet().isEmpty());

        retype(batch, "");
        leave();
        QCOMPARE(batch->text(), QString());
        QCOMPARE(panel.problem(), QString("Batch: empty, type a number"));
        QCOMPARE(panel.scenario().training.batch, 256);
        // The problem is kept through another field's valid edit.
        child<QSpinBox>(panel, "width")->setValue(48);
        QVERIFY(panel.problem().startsWith("Batch"));
        // Two fields that share a label are named with their section.
        auto* seed = child<QDoubleSpinBox>(panel, "trainSeed");
        retype(seed, "1.5");
        QVERIFY2(panel.problem().contains("(and 1 more)") ||
                     child<QLabel>(panel, "panelProblem")->text().contains("and 1 more"),
                 qPrintable(child<QLabel>(panel, "panelProblem")->text()));
        retype(seed, "7");
        retype(batch, "128");
        QVERIFY(spy.wait(1000));
        QCOMPARE(panel.scenario().training.batch, 128);
        QCOMPARE(panel.scenario().training.seed, 7ULL);
        QVERIFY(panel.problem().isEmpty());

        // The arrows step from the last good value; setting a scenario replaces typed text.
        retype(n, "99");  // "9" on the way was a good value
        QTest::keyClick(n, Qt::Key_Up);
        QCOMPARE(n->text(), QString("10"));
        QVERIFY(panel.problem().isEmpty());
        retype(batch, "");
        panel.setScenario(io::loadPreset("C4: four Gaussians"));
        QCOMPARE(batch->text(), QString("256"));
        QVERIFY(panel.problem().isEmpty());
    }

    void overBudgetIsRefusedAtTheControl() {
        // The memory budget comes as a typed item from validate(): the control of its field
        // (training.batch) turns red, and the scenario is not applied.
        ui::ScenarioPanel panel;
        panel.setScenario(io::defaultScenario());
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        child<QSpinBox>(panel, "width")->setValue(1024);
        child<QSpinBox>(panel, "batch")->setValue(65536);
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QVERIFY(panel.problem().isEmpty());  // each alone is within the budget
        spy.clear();
        child<QSpinBox>(panel, "depth")->setValue(16);
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 100);
        QCOMPARE(spy.size(), 0);
        QVERIFY2(panel.problem().startsWith("training.batch: this scenario needs about"),
                 qPrintable(panel.problem()));
        QVERIFY(!child<QSpinBox>(panel, "batch")->styleSheet().isEmpty());
        QVERIFY(child<QSpinBox>(panel, "width")->styleSheet().isEmpty());
        QCOMPARE(panel.scenario().network.depth, io::defaultScenario().network.depth);
    }

    void processTypeResetsT() {
        ui::ScenarioPanel panel;
        panel.setScenario(io::defaultScenario());
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        auto* type = child<QComboBox>(panel, "processType");
        type->setCurrentIndex(type->findData(int(ProcessType::OU)));
        QCOMPARE(spy.size(), 1);  // a combo change is not debounced
        QCOMPARE(lastEmitted(spy).process.type, ProcessType::OU);
        QCOMPARE(lastEmitted(spy).process.T, defaultT(ProcessType::OU));
        QVERIFY(child<QDoubleSpinBox>(panel, "betaMin")->isHidden());
    }

    void lastModelCannotBeUnchecked() {
        ui::ScenarioPanel panel;
        Scenario s = io::defaultScenario();
        s.models = {{"plain", Equivariance::None, Augmentation::None}};
        panel.setScenario(s);
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        auto* plain = child<QCheckBox>(panel, "model_plain");
        plain->setChecked(false);
        QVERIFY(plain->isChecked());
        QTest::qWait(ui::ScenarioPanel::kDebounceMs + 50);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(panel.scenario().models.size(), std::size_t(1));
        QVERIFY(!child<QLabel>(panel, "modelsError")->isHidden());

        child<QCheckBox>(panel, "model_oracle")->setChecked(true);
        QCOMPARE(spy.size(), 1);
        const auto models = lastEmitted(spy).models;
        QCOMPARE(models.size(), std::size_t(2));
        QCOMPARE(models[1].name, std::string("oracle"));
        QCOMPARE(models[1].equivariance, Equivariance::Exact);
    }

    void otherModelsAreKept() {
        ui::ScenarioPanel panel;
        Scenario s = io::defaultScenario();
        s.models = {{"orbit-aug", Equivariance::None, Augmentation::Orbit},
                    {"eq", Equivariance::Reynolds, Augmentation::None}};
        panel.setScenario(s);
        QCOMPARE(io::scenarioToJson(panel.scenario()), io::scenarioToJson(s));
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        child<QCheckBox>(panel, "model_plain")->setChecked(true);
        const auto models = lastEmitted(spy).models;
        QCOMPARE(models.size(), std::size_t(3));
        QCOMPARE(models[0].name, std::string("plain"));
        QCOMPARE(models[1].name, std::string("eq"));  // the file's name for that kind
        QCOMPARE(models[2].name, std::string("orbit-aug"));
    }

    void choosingAPresetEmitsIt() {
        ui::ScenarioPanel panel;
        QSignalSpy spy(&panel, &ui::ScenarioPanel::scenarioChanged);
        auto* combo = child<QComboBox>(panel, "preset");
        const int i = combo->findText("D6: snowflake");
        QVERIFY(i >= 0);
        // What a user's choice does: the index changes, then activated (which the panel
        // listens to, so that programmatic changes load nothing).
        combo->setCurrentIndex(i);
        Q_EMIT combo->activated(i);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(io::scenarioToJson(lastEmitted(spy)),
                 io::scenarioToJson(io::loadPreset("D6: snowflake")));
        QCOMPARE(combo->currentText(), QString("D6: snowflake"));
    }

    void resampleBumpsTheSeed() {
        ui::ScenarioPanel panel;
        panel.setScenario(io::defaultScenario());
        QSignalSpy changed(&panel, &ui::ScenarioPanel::scenarioChanged);
        QSignalSpy resample(&panel, &ui::ScenarioPanel::resampleRequested);
        child<QPushButton>(panel, "resample")->click();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(resample.size(), 1);
        QCOMPARE(lastEmitted(changed).data.seed, io::defaultScenario().data.seed + 1);
    }

    void trainingLockDisablesGroupControls() {
        ui::ScenarioPanel panel;
        auto* type = child<QComboBox>(panel, "groupType");
        auto* n = child<QSpinBox>(panel, "groupN");
        auto* threads = child<QSpinBox>(panel, "threads");
        const QString tip = n->toolTip();
        panel.setTrainingLocked(true);
        QVERIFY(!type->isEnabled());
        QVERIFY(!n->isEnabled());
        QVERIFY(!child<QTableView>(panel, "componentTable")->isEnabled());
        QVERIFY(!child<QCheckBox>(panel, "model_plain")->isEnabled());
        QVERIFY(threads->isEnabled());
        QVERIFY(n->toolTip().contains("training"));
        panel.setTrainingLocked(false);
        QVERIFY(type->isEnabled() && n->isEnabled());
        QCOMPARE(n->toolTip(), tip);
    }
};

QTEST_MAIN(TestScenarioPanel)
#include "tst_scenario_panel.moc"
