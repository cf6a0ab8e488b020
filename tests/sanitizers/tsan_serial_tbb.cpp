// Compiled into every target that links symscore_core (core/CMakeLists.txt). Under
// ThreadSanitizer only, every symscore program and test runs TBB on the calling thread alone.
//
// Why: Debian's TBB is not built with ThreadSanitizer, so the sanitizer cannot see how TBB's
// work stealing hands a task from one thread to another, and it reports TBB's own task
// objects (start_for, its partitioner state) as raced. A suppression wide enough to hide
// those ("race:tbb::detail") would match every stack that passes through a parallel_for, so
// it would also hide real races in symscore's loop bodies. Instead the tsan pass checks the
// threads symscore makes itself (the controllers' workers, the autosave writer, stop flags,
// the hand-over of snapshots to the GUI thread) with TBB serial and no suppression at all;
// the parallel loop bodies are checked by the determinism tests of the optimized pass, which
// require bit-identical results for 1, 2 and all threads.
#if defined(__SANITIZE_THREAD__)
#include <tbb/global_control.h>

namespace {
const tbb::global_control oneTbbThread(tbb::global_control::max_allowed_parallelism, 1);
}
#endif
