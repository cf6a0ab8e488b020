#pragma once
// Background computation yields to the GUI thread. On a 2-core machine, training on both
// cores would otherwise take half of the GUI thread's time slices and the animation would
// stutter; at a lower priority the workers still use every cycle the GUI leaves free.
namespace symscore::ui {

// This thread runs at a lower priority (nice +10 on Linux; no effect elsewhere).
void lowerCurrentThreadPriority();
// Every TBB worker thread does too (TBB keeps one pool of workers for all arenas). Call once
// from the GUI thread at start-up.
void lowerTbbWorkerPriority();

}  // namespace symscore::ui
