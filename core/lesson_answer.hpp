#pragma once
// The answer to a lesson's question (docs/lessons.md), computed from what the run measured,
// never written into the lesson: a lesson says which rule decides, and the rule reads the
// final W1 of each choice's model. So the answer the panel highlights is always the one the
// W1 table shows, whatever seed or machine produced the models.
#include <vector>

namespace symscore {

enum class LessonRule {
    LowestFinalW1,   // the model whose samples land closest to the target
    HighestFinalW1,  // the model whose samples land farthest from it
};

struct LessonReading {
    std::vector<double> w1;  // per choice, in the lesson's order; ignored for the tie choice
    int tieChoice = -1;      // the "about the same" choice, or -1
    double tieWithin = 0.0;  // in units of the floor: a spread this small counts as a tie
    double floorMean = 0.0;  // the W1 noise floor of the reading
};

// The index of the answering choice, or -1 when a model's W1 is missing (not finite): a
// question that cannot be judged is not given an answer.
int lessonAnswer(LessonRule rule, const LessonReading& r);

}  // namespace symscore
