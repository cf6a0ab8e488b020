// Lessons in the app (docs/lessons.md): every bundled lesson opens with its models (no
// training), shows its question, takes a prediction, reveals, and highlights the answer its
// rule computes from the final W1 table, with the why paragraph; the table stays empty
// until the animation reaches the last frame; the tally counts hands; a bad lesson file is
// refused with one line.
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <ctime>

#include "core/io/lesson_file.hpp"
#include "tests/time_budget.hpp"
#include "tests/window_fit.hpp"
#include "ui/app/lesson_director.hpp"
#include "ui/app/main_window.hpp"
#include "ui/views/lesson_panel.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/shown_text.hpp"
#include "ui/views/timeline.hpp"
#include "ui/views/train_view.hpp"

using namespace symscore;

namespace {
ui::LessonDirector* director(ui::MainWindow& w) { return w.findChild<ui::LessonDirector*>(); }

// Reveals and stops the animation as soon as it starts, so the test decides the frame.
void revealAndHold(ui::MainWindow& w, ui::LessonDirector* d) {
    QSignalSpy playable(w.sampleView(), &ui::SampleView::playable);
    QElapsedTimer t;
    t.start();
    d->panel()->revealButton()->click();
    QVERIFY(playable.wait(timeBudgetMs(60000)));
    qInfo("reveal to animation: %.2f s", t.elapsed() / 1000.0);
    QCoreApplication::processEvents();
    w.sampleView()->timeline()->pause();
}

// The pages of a PDF file (Qt writes one "/Type /Page" object per page); -1 when the file is
// not a PDF.
int pdfPages(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray bytes = f.readAll();
    if (!bytes.startsWith("%PDF-") || !bytes.trimmed().endsWith("%%EOF")) return -1;
    static const QRegularExpression page("/Type\\s*/Page(?!s)");
    return int(QString::fromLatin1(bytes).count(page));
}

bool rowIsBold(const QTableWidget* t, int row) { return t->item(row, 1)->font().bold(); }
}  // namespace

class TestLessonUi : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyLessonRevealsItsComputedAnswer_data() {
        QTest::addColumn<QString>("path");
        // Under a sanitizer two lessons cover the same code paths as five: each reveal
        // samples a lesson's models at full size, several minutes there (the optimized
        // build checks every lesson).
        const int count = kTimeBudgetScale > 1 ? 2 : int(io::bundledLessons().size());
        for (const QString& p : io::bundledLessons().mid(0, count))
            QTest::newRow(qPrintable(QFileInfo(p).baseName())) << p;
    }
    void everyLessonRevealsItsComputedAnswer() {
        QFETCH(QString, path);
        ui::MainWindow w;
        w.resize(1280, 800);
        w.show();
        ui::LessonDirector* d = director(w);
        QVERIFY(d);
        QCOMPARE(d->open(path), QString());
        const io::Lesson lesson = io::loadLesson(path);
        QCOMPARE(d->panel()->questionText(), lesson.question);
        QCOMPARE(d->panel()->choiceCount(), int(lesson.choices.size()));
        QVERIFY(!w.comparison()->empty());  // instant start: the bundled models are in
        d->panel()->choiceButton(0)->click();
        QCOMPARE(d->panel()->prediction(), 0);
        QVERIFY(d->panel()->whyText().isEmpty());
        revealAndHold(w, d);
        QSignalSpy answered(d, &ui::LessonDirector::answered);
        ui::Timeline* tl = w.sampleView()->timeline();
        tl->setFrame(tl->frames() - 1);
        QVERIFY(answered.count() == 1 || answered.wait(timeBudgetMs(60000)));
        // The highlighted answer is the rule applied to the numbers in the table.
        std::vector<double> w1;
        for (int i = 0; i < lesson.choices.size(); ++i) {
            const int row = d->tableRow(i);
            QCOMPARE(row >= 0, !lesson.choices[i].tie);
            w1.push_back(row >= 0 ? w.sampleView()->finalW1(row) : NAN);
            if (row >= 0)
                QCOMPARE(w.sampleView()->table()->item(row, 1)->text(),
                         QString::number(w1.back(), 'f', 3));
        }
        const int expected = lesson.answer(w1, w.sampleView()->finalFloor());
        QVERIFY(expected >= 0);
        QCOMPARE(d->answer(), expected);
        QCOMPARE(d->panel()->answerText(), lesson.choices[expected].label);
        for (int i = 0; i < lesson.choices.size(); ++i)
            if (const int row = d->tableRow(i); row >= 0)
                QCOMPARE(rowIsBold(w.sampleView()->table(), row), i == expected);
        QVERIFY(d->panel()->whyText().contains(lesson.why.left(40)));
        QStringList readings;
        for (std::size_t i = 0; i < w1.size(); ++i)
            readings << lesson.choices[int(i)].label + " " + QString::number(w1[i], 'f', 3);
        qInfo().noquote() << lesson.title << "|" << readings.join(", ") << "| floor"
                          << w.sampleView()->finalFloor()
                          << "| answer:" << lesson.choices[expected].label;
        // Item 7: its worksheet now has the figure page too.
        QTemporaryDir dir;
        const QString sheet = dir.filePath("sheet.pdf");
        QCOMPARE(d->exportWorksheet(sheet), QString());
        QCOMPARE(pdfPages(sheet), 2);
        // SYMSCORE_LESSON_SHOTS=DIR keeps a picture of each revealed lesson (for the docs).
        if (const QString dir = qEnvironmentVariable("SYMSCORE_LESSON_SHOTS"); !dir.isEmpty()) {
            w.grab().save(QDir(dir).filePath(QFileInfo(path).baseName() + ".png"));
            d->exportWorksheet(QDir(dir).filePath(QFileInfo(path).baseName() + ".pdf"));
        }
    }

    // An open lesson, its panel beside the tabs, still fits a 1280x720 projector, and every
    // tab's curve plots stay readable there.
    void anOpenLessonFitsA1280x720Projector() {
        ui::MainWindow w;
        ui::LessonDirector* d = director(w);
        QCOMPARE(d->open(io::bundledLessons().front()), QString());
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString misfit = projectorMisfit(w);
        QVERIFY2(misfit.isEmpty(), qPrintable(misfit));
        QCOMPARE(w.size(), QSize(1280, 720));
        // The reveal (the answer, the why, the table's last frame) does not grow the window.
        QSignalSpy answered(d, &ui::LessonDirector::answered);
        d->reveal();
        QVERIFY(answered.wait(timeBudgetMs(60000)));
        QCoreApplication::processEvents();
        const QSize after = w.minimumSizeHint().expandedTo(w.minimumSize());
        QVERIFY2(after.height() <= 720 && w.size() == QSize(1280, 720),
                 qPrintable(QString("after the reveal the window needs %1x%2, is %3x%4; panel %5")
                                .arg(after.width())
                                .arg(after.height())
                                .arg(w.width())
                                .arg(w.height())
                                .arg(d->panel()->minimumSizeHint().height())));
        const QString curves = curvePlotMisfitOnEveryTab(w, 60);
        QVERIFY2(curves.isEmpty(), qPrintable(curves));
    }
    // Item 7: File > Export worksheet, before the reveal: the question page alone (the figure
    // page needs the reveal); atomic: an unwritable place leaves nothing behind.
    void worksheetBeforeTheReveal() {
        ui::MainWindow w;
        ui::LessonDirector* d = director(w);
        QTemporaryDir dir;
        QVERIFY(d->exportWorksheet(dir.filePath("none.pdf")).contains("Open a lesson first"));
        QVERIFY(!QFile::exists(dir.filePath("none.pdf")));
        QCOMPARE(d->open(io::bundledLessons().front()), QString());
        const QString sheet = dir.filePath("sheet.pdf");
        QCOMPARE(d->exportWorksheet(sheet), QString());
        QCOMPARE(pdfPages(sheet), 1);
        QVERIFY(QFileInfo(sheet).size() > 1000);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"sheet.pdf"});
        // An unwritable place (under a file, which not even root can write into): one line
        // naming the file, nothing written.
        QFile plain(dir.filePath("plain"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString why = d->exportWorksheet(dir.filePath("plain/sheet.pdf"));
        QVERIFY2(!why.isEmpty(), "an unwritable place must be refused");
        QVERIFY(!why.contains('\n'));
        QVERIFY(why.contains("sheet.pdf"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{"plain", "sheet.pdf"}));
    }

    // In a lesson the final table fills in when the animation gets there,
    // not when the last frame is measured (which happens first).
    void theTableWaitsForTheLastFrame() {
        ui::MainWindow w;
        w.show();
        ui::LessonDirector* d = director(w);
        QCOMPARE(d->open(io::bundledLessons().front()), QString());
        revealAndHold(w, d);
        ui::SampleView* view = w.sampleView();
        tlFrame(view, 0);
        QTRY_VERIFY_WITH_TIMEOUT(std::isfinite(view->finalW1(0)),
                                 timeBudgetMs(60000));  // measured...
        QVERIFY(!view->tableShown());                   // ...not shown
        QVERIFY(view->table()->item(0, 1)->text().startsWith(QChar(0x2026)));
        QVERIFY(view->report()["table"].toArray().isEmpty());
        QCOMPARE(d->answer(), -1);
        tlFrame(view, view->timeline()->frames() / 2);
        QVERIFY(!view->tableShown());
        tlFrame(view, view->timeline()->frames() - 1);
        QVERIFY(view->tableShown());
        QVERIFY(d->answer() >= 0);
    }

    // Instant start: from opening a lesson to its animation nothing trains (the bundled
    // models are sampled at once); the time is printed (symscore --bench-ui reports it as
    // lesson_to_animation_seconds).
    void instantStartTrainsNothing() {
        ui::MainWindow w;
        w.show();
        ui::LessonDirector* d = director(w);
        bool playing = false;
        connect(w.sampleView()->timeline(), &ui::Timeline::playingChanged, this,
                [&](bool on) { playing = playing || on; });
        QElapsedTimer t;
        t.start();
        const std::clock_t cpu0 = std::clock();  // every thread of the process
        QCOMPARE(d->open(io::bundledLessons().front()), QString());
        d->reveal();
        QTRY_VERIFY_WITH_TIMEOUT(playing, timeBudgetMs(60000));
        qInfo("lesson to animation: %.2f s wall, %.2f s CPU", t.elapsed() / 1000.0,
              double(std::clock() - cpu0) / CLOCKS_PER_SEC);
        QCOMPARE(w.trainingController()->state(), ui::TrainingController::State::Idle);
        w.sampleView()->timeline()->pause();
        // The Train tab says where the models come from and how far they were trained.
        QVERIFY2(w.trainView()->statusText().contains("come with the lesson"),
                 qPrintable(w.trainView()->statusText()));
        QCOMPARE(w.trainView()->progressStep(), int(w.scenario().training.steps));
    }

    void tallyCountsHands() {
        ui::MainWindow w;
        ui::LessonDirector* d = director(w);
        QCOMPARE(d->open(io::bundledLessons().front()), QString());
        ui::LessonPanel* p = d->panel();
        p->setTallyMode(true);
        QVERIFY(p->tallyMode());
        p->addToTally(1, +1);
        p->addToTally(1, +1);
        p->addToTally(0, +1);
        QCOMPARE(p->tally(1), 2);
        QCOMPARE(p->prediction(), 1);  // the most hands
        p->addToTally(1, -1);
        p->addToTally(1, -1);
        QCOMPARE(p->tally(1), 0);
        QCOMPARE(p->prediction(), 0);
        p->addToTally(2, -1);
        QCOMPARE(p->tally(2), 0);  // never below zero
    }

    void nextOpensTheFollowingLesson() {
        ui::MainWindow w;
        ui::LessonDirector* d = director(w);
        const QStringList all = io::bundledLessons();
        QCOMPARE(d->open(all[0]), QString());
        d->panel()->nextButton()->click();
        QCOMPARE(d->lesson()->path, all[1]);
        QCOMPARE(d->open(all.back()), QString());
        QVERIFY(!d->panel()->nextButton()->isEnabled());
    }

    void badLessonIsOneLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.lesson.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"symscore-lesson","version":1,"title":"t","question":"q","why":"w",
                "scenario":"none.symscore.json","choices":[],"answer":{"rule":"lowest_final_w1"}})");
        f.close();
        ui::MainWindow w;
        const QString msg = director(w)->open(path);
        QVERIFY(msg.startsWith(path + ": scenario"));
        QVERIFY(!msg.contains('\n'));
        QVERIFY(!director(w)->lesson());
    }

    // A lesson is a shared file: what it says is shown as text. Tags that could load a
    // resource (an <img> naming a device or a FIFO would make symscore read it) never reach a
    // label or a message box as markup, whatever the widget; simple HTML in the why stays.
    void textFromALessonIsText() {
        const QString hostile = "<img src=\"/dev/zero\"> 100%1 <a href=\"x\">link</a>";
        QCOMPARE(ui::simpleHtml("<b>bold</b> &amp; <i>it</i><br>"),
                 QString("<b>bold</b> &amp; <i>it</i><br>"));
        QCOMPARE(ui::simpleHtml("<img src=\"/dev/zero\">"),
                 QString("&lt;img src=&quot;/dev/zero&quot;&gt;"));
        QCOMPARE(ui::simpleHtml("<b onclick=x>a</b> < b"),
                 QString("&lt;b onclick=x&gt;a</b> &lt; b"));
        QCOMPARE(ui::asRichText("a<b>\nc"), QString("a&lt;b&gt;<br>c"));

        io::Lesson lesson;
        lesson.title = hostile;
        lesson.question = hostile + " <b>which?</b>";
        lesson.why = hostile + " <b>because</b>";
        lesson.choices = {{hostile, "plain", false, false}, {"other", "equivariant", false, false}};
        ui::LessonPanel panel;
        panel.showLesson(lesson, 1, 2);
        panel.showAnswer(0, hostile);
        const auto labels = panel.findChildren<QLabel*>();
        QVERIFY(!labels.isEmpty());
        int shownAsText = 0;
        for (const QLabel* l : labels) {
            if (l->textFormat() == Qt::PlainText) {
                shownAsText += l->text().contains(hostile);
                continue;
            }
            // Rich text: no tag from the file survives as markup.
            QVERIFY2(!l->text().contains("<img") && !l->text().contains("<a "),
                     qPrintable(l->text()));
        }
        QVERIFY(shownAsText >= 1);  // the title, as typed

        QMessageBox box;
        ui::setTexts(box, hostile, hostile + "\nline two");
        QCOMPARE(box.informativeText(), hostile + "\nline two");  // kept as it is, and shown so
        for (const QLabel* l : box.findChildren<QLabel*>()) {
            if (l->textFormat() == Qt::PlainText) continue;
            QVERIFY2(!l->text().contains("<img"), qPrintable(l->text()));
        }
    }

    // One multi-argument arg(): a "%1" in a name is not filled in again.
    void aPercentInANameIsKept() {
        QString error;
        QVERIFY(ui::LessonDirector::resolve("no_such_lesson_%1", &error).isEmpty());
        QVERIFY2(error.startsWith("\"no_such_lesson_%1\""), qPrintable(error));
    }

  private:
    static void tlFrame(ui::SampleView* view, int f) {
        view->timeline()->setFrame(f);
        QCoreApplication::processEvents();
    }
};

QTEST_MAIN(TestLessonUi)
#include "tst_lesson_ui.moc"
