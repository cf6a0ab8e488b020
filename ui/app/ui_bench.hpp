#pragma once
// `symscore --bench-ui`: the app's own frame-timing mode. It measures, on the real widgets,
// (1) the time from pressing Train (Space) to a running animation on the given scenario,
// with the demo flow (train, sample, play), and (2) how many animation frames per second the
// Sample tab draws with 3 panels at 2000 and at 5000 particles and 200 x 200 density maps,
// while a training run goes on in the background, and (3) the time from opening the first
// bundled lesson and pressing Reveal to its running animation (lesson_to_animation_seconds).
// Prints one JSON object.
#include <QJsonObject>

namespace symscore::ui {

class MainWindow;

// Runs the measurements on a shown window (offscreen works) and returns the figures.
QJsonObject runUiBench(MainWindow& window);

}  // namespace symscore::ui
