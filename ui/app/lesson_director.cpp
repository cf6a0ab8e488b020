#include "ui/app/lesson_director.hpp"

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <cmath>

#include "ui/app/main_window.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/app/settings.hpp"
#include "ui/app/worksheet.hpp"
#include "ui/views/explanation.hpp"
#include "ui/views/lesson_panel.hpp"
#include "ui/views/sample_view.hpp"
#include "ui/views/score_field_view.hpp"
#include "ui/views/shown_text.hpp"
#include "ui/views/timeline.hpp"

namespace symscore::ui {

namespace {
// The lesson's models as a restored session's: trained, in scenario order, the oracle last.
RestoredSession sessionOf(const io::Lesson& lesson, std::vector<io::LessonModel> models, int tab) {
    RestoredSession r;
    r.scenario = lesson.scenario;
    for (io::LessonModel& m : models)
        r.trained.push_back(networkModel(lesson.scenario.models[std::size_t(m.specIndex)].name,
                                         std::move(m.loaded.model)));
    if (!r.trained.empty())
        for (const ModelSpec& s : lesson.scenario.models)
            if (s.equivariance == Equivariance::Exact)
                r.trained.push_back(exactModel(s.name, makeScoreField(lesson.scenario, s)));
    r.symmetrized = lesson.symmetrize && !r.trained.empty();
    r.tab = tab;
    r.trainedSteps = lesson.scenario.training.steps;  // symscore-cli train runs them all
    r.origin = "that come with the lesson";
    return r;
}
}  // namespace

LessonDirector::LessonDirector(MainWindow* window)
    : QObject(window),
      window_(window),
      dock_(new QDockWidget("Lesson", window)),
      panel_(new LessonPanel) {
    dock_->setObjectName("lessonDock");
    // Scrolls rather than cuts when a teacher's why paragraph is longer than the screen.
    auto* scroll = new QScrollArea(dock_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(panel_);
    dock_->setWidget(scroll);
    dock_->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    connect(panel_, &LessonPanel::revealRequested, this, &LessonDirector::reveal);
    connect(panel_, &LessonPanel::nextRequested, this, &LessonDirector::next);
    connect(panel_, &LessonPanel::contentChanged, this, &LessonDirector::fitDock);
    connect(window->sampleView(), &SampleView::resultsShown, this, &LessonDirector::onResultsShown);
    buildMenu();
}

void LessonDirector::buildMenu() {
    QMenu* menu = window_->menuBar()->addMenu("Lesso&ns");
    const QStringList bundled = io::bundledLessons();
    for (int i = 0; i < bundled.size(); ++i) {
        QString title;
        try {
            title = io::loadLesson(bundled[i]).title;
        } catch (const io::FormatError& e) {
            title = QString::fromUtf8(e.what());
        }
        menu->addAction(QString("&%1 %2").arg(i + 1).arg(title), this,
                        [this, path = bundled[i]] { open(path, true); });
    }
    menu->addSeparator();
    menu->addAction("&Open lesson file\u2026", this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            window_, "Open lesson", Settings::lastDirectory(), "symscore lessons (*.lesson.json)");
        if (!path.isEmpty()) open(path, true);
    });
    menu->addAction("&Close lesson", this, [this] {
        dock_->hide();
        window_->sampleView()->setRevealAsPlayed(false);
        lesson_.reset();
    });
}

QString LessonDirector::resolve(const QString& nameOrPath, QString* error) {
    const QStringList bundled = io::bundledLessons();
    QStringList names;
    for (const QString& path : bundled) {
        const QString name = QFileInfo(path).fileName().section('.', 0, 0);
        if (name == nameOrPath) return path;
        names << name;
    }
    bool isNumber = false;
    const int number = nameOrPath.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= bundled.size()) return bundled[number - 1];
    if (QFileInfo(nameOrPath).isFile()) return nameOrPath;
    // One multi-argument arg(): a "%1" inside a name is not filled in again.
    *error = QString("\"%1\" is neither a bundled lesson (%2, or 1 to %3) nor a lesson file")
                 .arg(nameOrPath, names.join(", "), QString::number(bundled.size()));
    return {};
}

QString LessonDirector::open(const QString& path, bool interactive) {
    try {
        io::Lesson lesson = io::loadLesson(path);
        std::vector<io::LessonModel> models = io::loadLessonModels(lesson);
        const bool bundled = !models.empty();
        window_->restoreSession(
            sessionOf(lesson, std::move(models), window_->tabs()->indexOf(window_->sampleView())));
        window_->setLessonMode(true);
        // The lesson panel says what the class is looking at: the tabs' general explanations
        // would only take the plots' room on a 720-pixel projector (a click opens each).
        window_->setExplanationsShown(false);
        window_->sampleView()->setRevealAsPlayed(true);
        bundledIndex_ = int(io::bundledLessons().indexOf(path));
        panel_->showLesson(lesson, bundledIndex_ + 1,
                           bundledIndex_ >= 0 ? int(io::bundledLessons().size()) : 0);
        panel_->setNextEnabled(bundledIndex_ >= 0 &&
                               bundledIndex_ + 1 < int(io::bundledLessons().size()));
        lesson_ = std::move(lesson);
        answer_ = -1;
        revealing_ = false;
        dock_->show();
        fitDock();
        window_->statusBar()->showMessage(
            bundled ? "Lesson ready: its models are trained, Reveal shows them at once."
                    : "Lesson ready: Reveal trains its models live first.",
            6000);
        return {};
    } catch (const std::exception& e) {
        const QString msg = QString::fromUtf8(e.what());
        if (interactive) warnAsText(window_, "Cannot open lesson", msg);
        return msg;
    }
}

void LessonDirector::reveal() {
    if (!lesson_) return;
    answer_ = -1;
    revealing_ = true;
    highlightRow(-1);
    auto playOnce = std::make_shared<QMetaObject::Connection>();
    *playOnce = connect(window_->sampleView(), &SampleView::playable, this, [this, playOnce] {
        disconnect(*playOnce);
        window_->sampleView()->timeline()->setLoop(false);
        window_->sampleView()->timeline()->play();
    });
    if (!window_->comparison()->empty()) {
        panel_->setRevealing("Sampling\u2026");
        window_->sample();
        return;
    }
    // No bundled models: train live, then sample (and symmetrize first when the lesson asks).
    panel_->setRevealing("Training live (no bundled models)\u2026");
    auto done = std::make_shared<QMetaObject::Connection>();
    *done = connect(window_, &MainWindow::trainingFinished, this, [this, done] {
        disconnect(*done);
        if (lesson_ && lesson_->symmetrize) window_->symmetrizeModels();
        window_->sample();
    });
    window_->train();
}

void LessonDirector::next() {
    const QStringList bundled = io::bundledLessons();
    if (bundledIndex_ >= 0 && bundledIndex_ + 1 < bundled.size())
        open(bundled[bundledIndex_ + 1], true);
}

QString LessonDirector::exportWorksheet(const QString& path) {
    if (!lesson_) return "Open a lesson first (menu Lessons): a worksheet is a lesson's.";
    // The figure page shows the reveal: before it there is nothing to show yet.
    return ui::exportWorksheet(*lesson_, answer_ >= 0 ? window_->sampleView() : nullptr, path);
}

void LessonDirector::exportWorksheetInteractively() {
    if (!lesson_) {
        informAsText(window_, "Export worksheet",
                     "Open a lesson first (menu Lessons): a worksheet is a lesson's.");
        return;
    }
    const QString name = QFileInfo(lesson_->path).fileName().section('.', 0, 0);
    QString path = QFileDialog::getSaveFileName(
        window_, "Export worksheet", Settings::lastDirectory() + "/" + name + ".worksheet.pdf",
        "PDF document (*.pdf)");
    if (path.isEmpty()) return;
    if (!path.endsWith(".pdf", Qt::CaseInsensitive)) path += ".pdf";
    if (const QString why = exportWorksheet(path); !why.isEmpty()) {
        warnAsText(window_, "Cannot export worksheet", why);
        return;
    }
    window_->statusBar()->showMessage(
        answer_ >= 0 ? "Worksheet written (question page and the reveal's figure): " + path
                     : "Worksheet written (question page; Reveal first to add the figure "
                       "page): " +
                           path,
        8000);
}

int LessonDirector::tableRow(int choice) const {
    if (!lesson_ || choice < 0 || choice >= lesson_->choices.size()) return -1;
    const io::LessonChoice& c = lesson_->choices[choice];
    if (c.tie) return -1;
    const auto& models = window_->sampleView()->models();
    for (std::size_t i = 0; i < models.size(); ++i) {
        const ComparedModel& m = models[i];
        const bool symmetrized = m.kind == ModelKind::Symmetrized;
        if (m.kind != ModelKind::Exact && QString::fromStdString(m.name) == c.model &&
            symmetrized == c.symmetrized)
            return int(i);
    }
    return -1;
}

void LessonDirector::onResultsShown() {
    if (!lesson_ || !revealing_) return;
    revealing_ = false;
    const SampleView* view = window_->sampleView();
    std::vector<double> w1;
    QStringList readings;
    for (int i = 0; i < lesson_->choices.size(); ++i) {
        const int row = tableRow(i);
        w1.push_back(row >= 0 ? view->finalW1(row) : NAN);
        if (row >= 0)
            readings << lesson_->choices[i].label + " " + QString::number(w1.back(), 'f', 3);
    }
    const double floor = view->finalFloor();
    answer_ = lesson_->answer(w1, floor);
    if (answer_ < 0) {
        const QString why = "No answer: a model has no final W1 (see the table).";
        panel_->showNoAnswer(why);
        Q_EMIT unanswered(why);
        return;
    }
    highlightRow(tableRow(answer_));
    panel_->showAnswer(
        answer_, "W1: " + readings.join(", ") + QString(" (noise floor %1)").arg(floor, 0, 'f', 3));
    if (lesson_->reveal == io::LessonView::ScoreField)
        window_->tabs()->setCurrentWidget(window_->scoreFieldView());
    Q_EMIT answered(answer_);
}

// The column is as wide as the longest choice needs, within a third of the window.
void LessonDirector::fitDock() {
    if (dock_->isHidden()) return;
    const int width =
        std::clamp(panel_->sizeHint().width(), 320, std::max(320, window_->width() / 4));
    window_->resizeDocks({dock_}, {width}, Qt::Horizontal);
}

void LessonDirector::highlightRow(int row) {
    QTableWidget* table = window_->sampleView()->table();
    for (int r = 0; r < table->rowCount(); ++r)
        for (int c = 0; c < table->columnCount(); ++c)
            if (QTableWidgetItem* item = table->item(r, c)) {
                QFont f = table->font();  // the table's (lesson mode's larger) type, bold or not
                f.setBold(r == row);
                item->setFont(f);
                item->setBackground(r == row ? QBrush(QColor(255, 236, 150)) : QBrush());
            }
    if (row >= 0) table->selectRow(row);
}

}  // namespace symscore::ui
