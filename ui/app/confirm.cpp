#include "ui/app/confirm.hpp"

#include <QMessageBox>
#include <QPushButton>
#include <utility>

#include "ui/views/shown_text.hpp"

namespace symscore::ui {

namespace {
std::function<bool(const Question&)>& answerer() {
    static std::function<bool(const Question&)> a;
    return a;
}
}  // namespace

bool ask(QWidget* parent, const Question& q) {
    if (answerer()) return answerer()(q);
    QMessageBox box(QMessageBox::Question, q.title, QString(), QMessageBox::NoButton, parent);
    setTexts(box, q.text);
    QPushButton* yes = box.addButton(q.yes, QMessageBox::DestructiveRole);
    QPushButton* no = box.addButton(q.no, QMessageBox::RejectRole);
    box.setDefaultButton(no);
    box.setEscapeButton(no);
    box.exec();
    return box.clickedButton() == yes;
}

bool askDiscardModels(QWidget* parent, const QString& change, int count) {
    return ask(parent, {"Discard the trained models?",
                        QString("%1 throws away the %2 model(s) trained or loaded for the scenario "
                                "as it is now. Keep them to undo the change; File > Save trained "
                                "models keeps a copy.")
                            .arg(change)
                            .arg(count),
                        "Discard and apply", "Keep the models"});
}

bool askQuitWhileTraining(QWidget* parent) {
    return ask(parent, {"Quit while training?",
                        "A training run is in progress; quitting ends it and its models are lost "
                        "(File > Save trained models keeps them).",
                        "Quit", "Keep training"});
}

std::function<bool(const Question&)> setAnswerer(std::function<bool(const Question&)> a) {
    return std::exchange(answerer(), std::move(a));
}

}  // namespace symscore::ui
