// The Score field tab: builds from every preset with the exact score alone and with small
// models; the exact panel's error is zero; a symmetrized model is equivariant and no worse
// than the original; the decomposition's parts add up; fast time changes draw only the
// newest time. Offscreen platform. SYMSCORE_FIELD_PNG=<dir> also saves screenshots there.
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include "core/io/presets.hpp"
#include "core/score_model.hpp"
#include "core/trainer.hpp"
#include "tests/time_budget.hpp"
#include "ui/models/symmetrize.hpp"
#include "ui/plot/decomposition_plot.hpp"
#include "ui/plot/density_plot.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/plot_scale.hpp"
#include "ui/plot/qcp.hpp"
#include "ui/views/score_field_view.hpp"

using namespace symscore;
using ui::ScoreFieldView;
using Mode = ScoreFieldView::Mode;

namespace {
Scenario small(Scenario s) {
    s.network.width = 16;
    s.network.depth = 1;
    s.training.steps = 50;
    s.training.batch = 64;
    return s;
}

// Untrained models of every learned kind of the scenario.
std::vector<ui::ComparedModel> untrained(const Scenario& s) {
    std::vector<ui::ComparedModel> out;
    for (const ModelSpec& m : s.models) {
        auto f = makeScoreField(s, m);
        ui::ComparedModel c;
        c.name = m.name;
        c.field = f;
        c.equivariant = f->equivariantByConstruction();
        if (m.equivariance == Equivariance::Exact) c.kind = ui::ModelKind::Exact;
        out.push_back(c);
    }
    return out;
}

std::vector<ui::ComparedModel> trained(const Scenario& s) {
    Trainer trainer(s);
    trainer.runToEnd();
    std::vector<ui::ComparedModel> out;
    for (const auto& e : trainer.models()) {
        ui::ComparedModel c;
        c.name = e.name;
        c.field = std::shared_ptr<const ScoreField>(
            makeNeuralScore(e.model->config(), e.model->network()));
        c.equivariant = e.model->equivariantByConstruction();
        out.push_back(c);
    }
    return out;
}

// The models as the window hands them over: a colour and a kind each.
std::vector<ui::FieldModel> fieldModels(const std::vector<ui::ComparedModel>& models) {
    std::vector<ui::FieldModel> out;
    for (std::size_t i = 0; i < models.size(); ++i)
        out.push_back({"id" + std::to_string(i), ui::displayName(models[i]), models[i].kind,
                       ui::modelColor(int(i)), models[i].field, models[i].equivariant});
    return out;
}

// Waits until the view shows its requested time and mode.
bool settle(ScoreFieldView& v, int ms = 15000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!v.busy() && v.drawnTime() == v.time() && v.drawnMode() == v.mode()) return true;
        QThread::msleep(5);
    }
    return false;
}

float maxOf(const DensityGrid& g) {
    float m = 0;
    for (float v : g.values) m = std::max(m, v);
    return m;
}

int panelNamed(const ScoreFieldView& v, const QString& name) {
    for (int i = 0; i < v.panelCount(); ++i)
        if (v.panelName(i) == name) return i;
    return -1;
}

void savePng(ScoreFieldView& v, const QString& file) {
    const QString dir = qEnvironmentVariable("SYMSCORE_FIELD_PNG");
    if (dir.isEmpty()) return;
    QTest::qWait(300);
    settle(v);
    v.grab().save(dir + "/" + file);
}
}  // namespace

class TestScoreFieldView : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyPresetExactOnlyAndWithModels() {
        int presetIndex = 0;
        for (const io::Preset& p : io::presets()) {
            const Scenario s = small(io::loadPreset(p.name));
            ScoreFieldView v;
            v.resize(1200, 700);
            v.show();
            v.setScenario(s);
            QVERIFY2(settle(v), qPrintable(p.name));
            QCOMPARE(v.panelCount(), 1);
            const ui::ArrowField& a = v.arrows(0);
            QCOMPARE(int(a.at.rows()), ScoreFieldView::kArrowGrid * ScoreFieldView::kArrowGrid);
            QVERIFY(a.exact.allFinite());
            QVERIFY(v.drawnArrows(0, true) > 100);
            QCOMPARE(v.drawnArrows(0, false), 0);
            QCOMPARE(v.panel(0)->mirrorLineCount(), int(s.makeGroup().mirrorAnglesDeg().size()));

            // The exact score against itself: no error anywhere.
            v.setMode(Mode::Error);
            QVERIFY(settle(v));
            QVERIFY(v.heatmap(0).nx >= ScoreFieldView::kHeatGrid &&
                    v.heatmap(0).ny >= ScoreFieldView::kHeatGrid);
            QCOMPARE(maxOf(v.heatmap(0)), 0.0f);
            // ... and (to float rounding) no equivariance defect when the target is symmetric.
            v.setMode(Mode::Defect);
            QVERIFY(settle(v));
            if (s.mixture.symmetry_breaking == 0.0) {
                const DensityGrid& h = v.heatmap(0);
                PointsF x(h.nx * h.ny, 2), sx(h.nx * h.ny, 2);
                for (int j = 0; j < h.ny; ++j)
                    for (int i = 0; i < h.nx; ++i)
                        x.row(j * h.nx + i) << float(h.x(i)), float(h.y(j));
                ExactScore(s.makeTarget(), s.makeProcess()).score(x, v.time(), sx);
                const float scale = sx.rowwise().norm().maxCoeff();
                QVERIFY2(maxOf(h) <= 1e-4f * scale,
                         qPrintable(QString("%1: exact defect %2, |s| up to %3")
                                        .arg(p.name)
                                        .arg(maxOf(h))
                                        .arg(scale)));
            }

            // With (untrained) models: one more panel each, arrows in every one.
            QSignalSpy measured(&v, &ScoreFieldView::errorsMeasured);
            v.setMode(Mode::Arrows);
            v.setModels(fieldModels(untrained(s)));
            QVERIFY(settle(v));
            QCOMPARE(v.panelCount(), 1 + int(s.models.size()));
            for (int i = 1; i < v.panelCount(); ++i) {
                QVERIFY(v.arrows(i).field.allFinite());
                QVERIFY(v.drawnArrows(i, false) > 100);
            }
            QTRY_VERIFY_WITH_TIMEOUT(measured.size() > 0, 15000);
            savePng(v, QString("preset_%1.png").arg(presetIndex++));
            ui::DecompositionPlot* d = v.decompositionPlot();
            QCOMPARE(d->modelCount(), int(s.models.size()));
            if (s.mixture.symmetry_breaking == 0.0) {
                QVERIFY2(d->largestMismatch() < 1e-6, qPrintable(d->checkText()));
                QVERIFY(d->checkText().startsWith(QString::fromUtf8("\u2713")));
            } else {
                QVERIFY(d->checkText().startsWith(QString::fromUtf8("\u2717")));
            }
        }
    }

    void symmetrizedModelIsEquivariantAndNoWorse() {
        Scenario s = small(io::loadPreset("C4: four Gaussians"));
        if (!qEnvironmentVariable("SYMSCORE_FIELD_PNG")
                 .isEmpty()) {  // pictures: a model worth looking at
            s.network.width = 64;
            s.network.depth = 2;
            s.training.steps = 1500;
        }
        auto models = trained(s);
        const ui::ComparedModel plain = models[0];
        QCOMPARE(plain.equivariant, false);
        const ui::ComparedModel sym = ui::symmetrize(plain, s.makeGroup());
        QCOMPARE(ui::displayName(sym), plain.name + " (symmetrized)");
        QVERIFY(sym.equivariant && sym.field->equivariantByConstruction());
        models.push_back(sym);

        ScoreFieldView v;
        v.resize(1400, 800);
        v.show();
        v.setScenario(s);
        QSignalSpy measured(&v, &ScoreFieldView::errorsMeasured);
        v.setModels(fieldModels(models));
        v.setMode(Mode::Defect);
        QVERIFY(settle(v));
        const int ip = panelNamed(v, QString::fromStdString(plain.name));
        const int is = panelNamed(v, QString::fromStdString(ui::displayName(sym)));
        const int ie = panelNamed(v, "equivariant");
        QVERIFY(ip > 0 && is > 0 && ie > 0);
        const float plainDefect = maxOf(v.heatmap(ip)), symDefect = maxOf(v.heatmap(is));
        qInfo("defect max: plain %g, symmetrized %g, equivariant %g", plainDefect, symDefect,
              maxOf(v.heatmap(ie)));
        QVERIFY(plainDefect > 1e-3f);
        QVERIFY(symDefect < 1e-4f * plainDefect + 1e-5f);
        QVERIFY(maxOf(v.heatmap(ie)) < 1e-4f * plainDefect + 1e-5f);
        savePng(v, "field_defect.png");

        v.setMode(Mode::Error);
        QVERIFY(settle(v));
        QVERIFY(maxOf(v.heatmap(ip)) > 0);
        savePng(v, "field_error.png");
        v.setMode(Mode::Arrows);
        QVERIFY(settle(v));
        savePng(v, "field_arrows.png");

        // The exact score error: symmetrizing removes exactly the violation part.
        QTRY_VERIFY_WITH_TIMEOUT(measured.size() > 0, 15000);
        const auto& e = v.modelErrors();
        const ScoreErrors& ep = e[std::size_t(ip - 1)];
        const ScoreErrors& es = e[std::size_t(is - 1)];
        qInfo("plain: error %g = %g + %g; symmetrized: error %g", ep.error, ep.symmetrizedError,
              ep.violation, es.error);
        QVERIFY(ep.violation > 0);
        QVERIFY(es.error <= ep.error);
        QVERIFY(std::abs(es.error - ep.symmetrizedError) <= 1e-4 * ep.error);
        QVERIFY(es.violation <= 1e-6 * es.error);
        // The same through scoreErrors directly, on a fresh evaluation set.
        const ExactScore exact(s.makeTarget(), s.makeProcess());
        const EvaluationSet set =
            makeEvaluationSet(s.makeTarget(), s.makeProcess(), s.makeGroup(), 4, 64, 99);
        QVERIFY(scoreErrors(*sym.field, exact, s.makeGroup(), set).error <=
                scoreErrors(*plain.field, exact, s.makeGroup(), set).error);

        ui::DecompositionPlot* d = v.decompositionPlot();
        QCOMPARE(d->modelCount(), int(models.size()));
        for (int i = 0; i < d->modelCount(); ++i)
            QVERIFY2(std::abs(d->sumOfParts(i) - d->total(i)) <= 1e-6 * d->total(i),
                     qPrintable(d->checkText()));
        QVERIFY(!d->isEquivariant(ip - 1));
        QVERIFY(d->isEquivariant(is - 1));
        QVERIFY(d->isEquivariant(ie - 1));
        d->resize(420, 600);
        if (!qEnvironmentVariable("SYMSCORE_FIELD_PNG").isEmpty())
            d->grab().save(qEnvironmentVariable("SYMSCORE_FIELD_PNG") + "/decomposition.png");
    }

    void decompositionFromTrainUpdates() {
        ui::DecompositionPlot d;
        d.setErrors({"plain", "equivariant"}, {{0.03, 0.02, 0.01, 0.2}, {0.015, 0.015, 0.0, 0.0}});
        QCOMPARE(d.modelCount(), 2);
        QVERIFY(!d.isEquivariant(0));
        QVERIFY(d.isEquivariant(1));
        QCOMPARE(d.sumOfParts(0), 0.03);
        QVERIFY(d.checkText().contains("0.02 + 0.01 = 0.03"));
        d.setErrors({"broken"}, {{0.05, 0.02, 0.01, 0.2}});
        QVERIFY(d.largestMismatch() > 0.1);
        QVERIFY(d.checkText().startsWith(QString::fromUtf8("\u2717")));
        d.clear();
        QCOMPARE(d.modelCount(), 0);
    }

    void fastTimeChangesDrawOnlyTheLatest() {
        const Scenario s = small(io::loadPreset("D4: eight Gaussians"));
        ScoreFieldView v;
        v.resize(1000, 600);
        v.show();
        v.setScenario(s);
        v.setModels(fieldModels(untrained(s)));
        v.setMode(Mode::Error);
        QVERIFY(settle(v));
        QTest::qWait(300);  // layout settles; the panels' grids then cover what they show
        QVERIFY(settle(v));
        QSignalSpy computed(&v, &ScoreFieldView::computed);
        const Process proc = s.makeProcess();
        double last = 0;
        for (int k = 0; k < 25; ++k) {
            last = proc.eps() + (proc.T() - proc.eps()) * (k + 1) / 26.0;
            v.setTime(last);
            if (k == 12) v.setMode(Mode::Defect);
            QCoreApplication::processEvents();
        }
        QVERIFY(settle(v));
        QCOMPARE(v.drawnTime(), last);
        QCOMPARE(v.drawnMode(), Mode::Defect);
        QCOMPARE(computed.size(), 1);
        QTest::qWait(100);
        QCOMPARE(computed.size(), 1);  // nothing stale arrives later
    }

    // New models: the bars of the ones they replace go at once (they are another run's
    // numbers); the view is busy until the new bars are measured.
    void replacedModelsLeaveNoStaleBars() {
        const Scenario s = small(io::loadPreset("C4: four Gaussians"));
        ScoreFieldView v;
        v.resize(1000, 600);
        v.show();
        v.setScenario(s);
        QSignalSpy measured(&v, &ScoreFieldView::errorsMeasured);
        v.setModels(fieldModels(untrained(s)));
        QVERIFY(measured.wait(timeBudgetMs(15000)));
        QCOMPARE(v.decompositionPlot()->modelCount(), 3);
        v.setModels(fieldModels(trained(s)));
        QCOMPARE(v.decompositionPlot()->modelCount(), 0);
        QVERIFY(v.busy());
        QVERIFY(v.decompositionPlot()->checkText().contains("Measuring"));
        QVERIFY(measured.wait(timeBudgetMs(15000)));
        QCOMPARE(v.decompositionPlot()->modelCount(), 3);
        QCOMPARE(v.decompositionPlot()->total(0), v.modelErrors()[0].error);
    }

    void squarePanelsAndLabelledColours() {
        // Panels show the square where density and arrows are; the colour bar appears only
        // with heatmaps (it has a label there); D4's centre says D4.
        const Scenario s = small(io::loadPreset("D4: eight Gaussians"));
        for (const QSize size : {QSize(1400, 800), QSize(1200, 560)}) {
            ScoreFieldView v;
            v.resize(size);
            v.show();
            v.setScenario(s);
            v.setModels(fieldModels(untrained(s)));
            QVERIFY(settle(v));
            QTest::qWait(200);
            QVERIFY(settle(v));
            QVERIFY(!v.colorBarShown());
            for (int i = 0; i < v.panelCount(); ++i) {
                ui::DensityPlot* p = v.panel(i);
                const double w = p->xAxis->range().size(), h = p->yAxis->range().size();
                QVERIFY2(std::max(w, h) <= 1.08 * std::min(w, h),
                         qPrintable(QString("panel %1: %2 x %3").arg(i).arg(w).arg(h)));
                QCOMPARE(p->centreLabel(), QString::fromUtf8("\u2726 D4"));
            }
            QCOMPARE(v.panelId(1), QString("id0"));
            v.setMode(Mode::Error);
            QVERIFY(settle(v));
            QVERIFY(v.colorBarShown());
        }
    }

    void wrongGroupIsNamedAndBarsAreMeasured() {
        // The C3 pinwheel is not D3-invariant: the tab says so with the target's defect, the
        // bars stand at the measured totals, and the changes are signed.
        Scenario s = small(io::loadPreset("C3: pinwheel"));
        s.group = {GroupType::Dihedral, 3, 0.0};
        ScoreFieldView v;
        v.resize(1400, 900);
        v.show();
        v.setScenario(s);
        QSignalSpy measured(&v, &ScoreFieldView::errorsMeasured);
        v.setModels(fieldModels(untrained(s)));
        QTRY_VERIFY_WITH_TIMEOUT(measured.size() > 0, 15000);
        qInfo("pinwheel target defect under D3: %.3f", v.targetDefect());
        QVERIFY(v.targetDefect() > 0.1);
        QVERIFY(v.targetHint().contains("target defect under D3: "));
        ui::DecompositionPlot* d = v.decompositionPlot();
        for (int i = 0; i < d->modelCount(); ++i) {
            QCOMPARE(d->barTop(i), d->total(i));
            QCOMPARE(d->barTop(i), v.modelErrors()[std::size_t(i)].error);
            if (!d->isEquivariant(i))
                QCOMPARE(d->symmetrizedBarTop(i), v.modelErrors()[std::size_t(i)].symmetrizedError);
        }
        const QString text = d->checkText();
        QVERIFY(text.contains("not D3-invariant"));
        QVERIFY(text.contains(QString::fromUtf8("% better")) || text.contains("% worse"));
        // Never "x != total x": numbers said to differ are shown differing.
        static const QRegularExpression same(QString::fromUtf8("= (\\S+) \u2260 total (\\S+)"));
        for (auto it = same.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            QVERIFY2(m.captured(1) != m.captured(2), qPrintable(text));
        }
        // The same scenario with its own group: no hint.
        v.setScenario(small(io::loadPreset("C3: pinwheel")));
        QTRY_VERIFY_WITH_TIMEOUT(std::isfinite(v.targetDefect()), 15000);
        QVERIFY(v.targetHint().isEmpty());
    }

    void valueLabelsNeverOverlap() {
        ui::DecompositionPlot d;
        d.resize(320, 520);
        d.show();
        d.setTarget("D3", 0.66);
        d.setErrors(
            {"plain", "augmented", "equivariant", "invariant features", "plain (symmetrized)"},
            {{0.1823, 0.17, 0.0123, 0.3},
             {0.14, 0.23, 0.05, 0.2},
             {0.15, 0.15, 0.0, 0.0},
             {0.16, 0.16, 0.0, 0.0},
             {0.17, 0.17, 0.0, 0.0}});
        d.chart()->replot();
        d.chart()->replot();
        const QList<QRectF> r = d.valueLabelRects();
        QCOMPARE(r.size(), 7);  // five totals, two symmetrized bars
        for (int i = 0; i < r.size(); ++i)
            for (int j = i + 1; j < r.size(); ++j)
                QVERIFY2(!r[i].intersects(r[j]),
                         qPrintable(QString("labels %1 and %2 overlap").arg(i).arg(j)));
        const QRect area = d.chart()->axisRect()->rect();
        for (const QRectF& q : r) QVERIFY(q.top() >= area.top() - 1);
        QVERIFY(d.checkText().contains(QString::fromUtf8("\u2212")));  // a signed change
        QVERIFY(d.checkText().contains("+64% worse"));
        QVERIFY(d.checkText().contains("not a symmetry"));
        QVERIFY(d.barTop(1) == 0.14);
    }

    // At every size and type scale (lesson mode's 1.5 at a 1280x720 projector, a squeezed
    // column) the chart settles: the title fits its width, the labels overlap neither each
    // other nor a bar, and a chart too short for its labels does not hold the GUI thread.
    void decompositionFitsAtEverySize_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("scale");
        QTest::newRow("desk column") << QSize(380, 560) << 1.0;
        QTest::newRow("lesson 1280x720") << QSize(450, 280) << 1.5;
        QTest::newRow("lesson, squeezed") << QSize(300, 200) << 1.5;
        QTest::newRow("lesson, at its least height") << QSize(450, 300) << 1.5;
        QTest::newRow("tiny") << QSize(200, 120) << 1.0;
    }
    void decompositionFitsAtEverySize() {
        QFETCH(QSize, size);
        QFETCH(double, scale);
        ui::setPlotScale(scale);
        ui::DecompositionPlot d;
        ui::followPlotScale(d.chart());
        d.resize(size);
        d.show();
        d.setTarget("C4", 0.0);
        d.setErrors({"plain", "augmented", "equivariant"}, {{0.0218, 0.00624, 0.0156, 0.3},
                                                            {0.0189, 0.00853, 0.0104, 0.2},
                                                            {0.00935, 0.00935, 0.0, 0.0}});
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();  // queued replots settle
        QVERIFY(clock.elapsed() < timeBudgetMs(5000));
        ui::setPlotScale(1.0);
        QCustomPlot* chart = d.chart();
        auto* title = qobject_cast<QCPTextElement*>(chart->plotLayout()->element(0, 0));
        QVERIFY(title);
        for (const QString& line : title->text().split('\n'))
            QVERIFY2(QFontMetrics(title->font()).horizontalAdvance(line) <= chart->width(),
                     qPrintable(title->text()));
        // The check text under the chart never covers it, even the long one of a target that
        // is not invariant under the assumed group (it scrolls instead).
        d.setTarget("D3", 0.67);
        for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
        if (size.height() >= d.minimumSizeHint().height())
            QVERIFY2(!d.checkArea()->geometry().intersects(chart->geometry()),
                     qPrintable(QString("check %1, chart %2")
                                    .arg(d.checkArea()->geometry().top())
                                    .arg(chart->geometry().bottom())));
        d.setTarget("C4", 0.0);
        for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
        if (size.height() < 250) return;  // too short for every label: only that it settles
        const QList<QRectF> r = d.valueLabelRects();
        QCOMPARE(r.size(), 5);
        for (int i = 0; i < r.size(); ++i)
            for (int j = i + 1; j < r.size(); ++j) QVERIFY(!r[i].intersects(r[j]));
        const QRect area = chart->axisRect()->rect();
        for (const QRectF& q : r)
            QVERIFY2(q.top() >= area.top() - 1, qPrintable(QTest::currentDataTag()));
    }

    void explanationsExist() {
        QVERIFY(ScoreFieldView::explanation().size() > 200);
        QVERIFY(ui::DecompositionPlot::explanation().size() > 200);
    }
};

QTEST_MAIN(TestScoreFieldView)
#include "tst_score_field_view.moc"
