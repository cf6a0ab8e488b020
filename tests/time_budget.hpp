#pragma once
// Responsiveness budgets in the tests (stop within 200 ms, close within 2 s) hold for the
// optimized build users run. Under a sanitizer every memory access is checked and the same
// work takes 3x (AddressSanitizer) to 10x (ThreadSanitizer) longer, so the budgets stretch
// by that factor there: the tests still catch a stop that is never honoured or a close that
// waits for a whole run, without failing on the sanitizer's own slowness.
#if defined(__SANITIZE_THREAD__)
constexpr int kTimeBudgetScale = 10;
#elif defined(__SANITIZE_ADDRESS__)
constexpr int kTimeBudgetScale = 4;
#else
constexpr int kTimeBudgetScale = 1;
#endif

// `ms` milliseconds of the optimized build, stretched for this build.
constexpr int timeBudgetMs(int ms) { return ms * kTimeBudgetScale; }
