#include "core/lesson_answer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace symscore {

int lessonAnswer(LessonRule rule, const LessonReading& r) {
    int best = -1;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int i = 0; i < int(r.w1.size()); ++i) {
        if (i == r.tieChoice) continue;
        const double v = r.w1[std::size_t(i)];
        if (!std::isfinite(v)) return -1;
        const bool better = rule == LessonRule::LowestFinalW1 ? v < lo : v > hi;
        if (best < 0 || better) best = i;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    // "About the same": every model within tieWithin floors of the others (a spread the
    // finite sample could produce on its own, docs/lessons.md).
    if (best >= 0 && r.tieChoice >= 0 && std::isfinite(r.floorMean) &&
        hi - lo <= r.tieWithin * r.floorMean)
        return r.tieChoice;
    return best;
}

}  // namespace symscore
