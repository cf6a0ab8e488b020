// Both programs of a build for a processor baseline (SYMSCORE_ARCH, e.g. x86-64-v3 for the
// Debian package) would stop with "illegal instruction" at their first vector instruction
// on an older processor. This check runs before any other code of the program (constructor
// priority 101, ahead of every static initializer) and says what is needed instead. The
// file itself is compiled for plain x86-64 (app/CMakeLists.txt), so the check cannot fail
// the same way.
#if defined(SYMSCORE_REQUIRED_ARCH)
#include <cstdio>
#include <cstdlib>

namespace {
__attribute__((constructor(101))) void requireProcessorBaseline() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports(SYMSCORE_REQUIRED_ARCH)) return;
    std::fputs("symscore: this build needs an " SYMSCORE_REQUIRED_ARCH
               " processor and this one is older "
               "(docs/packaging.md); build symscore from source on it (README)\n",
               stderr);
    std::_Exit(1);
}
}  // namespace
#endif
