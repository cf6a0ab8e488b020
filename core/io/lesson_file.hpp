#pragma once
// Lesson files (.lesson.json, docs/lessons.md): one question for a class, its choices, the
// rule that computes the answer from the run, the paragraph that explains it, the view to
// reveal, the scenario beside it and, for an instant start, the models trained on it.
// Reading validates everything a lesson needs before anything is shown and throws
// FormatError with one line "<file>: <field>: <problem>".
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/io/model_file.hpp"
#include "core/lesson_answer.hpp"
#include "core/scenario.hpp"

namespace symscore::io {

struct LessonChoice {
    QString label;             // the button's text
    QString model;             // the scenario model it names; empty for the tie choice
    bool symmetrized = false;  // S_G of that model rather than the model
    bool tie = false;          // "about the same"
};

enum class LessonView { Sample, ScoreField };

struct Lesson {
    QString path;  // the lesson file
    QString title;
    QString question;
    QList<LessonChoice> choices;
    LessonRule rule = LessonRule::LowestFinalW1;
    double tieWithin = 0.0;  // floors; only with a tie choice
    QString why;             // the explanation: simple HTML (docs/lessons.md)
    LessonView reveal = LessonView::Sample;
    bool symmetrize = false;  // the reveal adds S_G of every non-equivariant model
    QString scenarioPath;     // resolved against the lesson's folder
    Scenario scenario;
    QStringList modelPaths;  // resolved; empty: the lesson trains live

    int tieChoice() const;
    // The rule applied to the final W1 of each choice (in choice order).
    int answer(const std::vector<double>& w1, double floorMean) const;
};

// A trained model of a lesson, with its place in the scenario's list of models.
struct LessonModel {
    int specIndex = -1;
    LoadedModel loaded;
};

Lesson loadLesson(const QString& path);
// The lesson's bundled models, checked against the scenario: architecture, fingerprint (a
// model trained on another version of the scenario is refused, naming the command that
// remakes it), one per learned model. Empty when the lesson has none. Throws FormatError.
std::vector<LessonModel> loadLessonModels(const Lesson& lesson);

// The lessons that ship with symscore (resources/lessons), in teaching order.
QStringList bundledLessons();

}  // namespace symscore::io
