#pragma once
// The questions symscore asks before it throws away something the user made (trained models,
// a training run in progress). One place for them, so that tests answer in place of a person
// (setAnswerer) and no test ever waits on a dialog nobody sees.
#include <QString>
#include <functional>

class QWidget;

namespace symscore::ui {

struct Question {
    QString title;
    QString text;
    QString yes;  // the button that goes ahead and loses the work
    QString no;   // the button that keeps it (the default: Escape and Enter choose it)
};

// Asks q; true when the user chose q.yes.
bool ask(QWidget* parent, const Question& q);
// The two questions symscore asks: before a change (a preset, a field, opening a scenario)
// throws away `count` trained or loaded models, and before quitting while a run goes on.
bool askDiscardModels(QWidget* parent, const QString& change, int count);
bool askQuitWhileTraining(QWidget* parent);
// Answers every question with answerer instead of a dialog; an empty function restores the
// dialog. Returns the previous answerer.
std::function<bool(const Question&)> setAnswerer(std::function<bool(const Question&)> answerer);

}  // namespace symscore::ui
