// libFuzzer target: point CSV (io::pointsFromCsv).
// The work is in fuzz_entries.cpp, shared with the corpus replay test.
#include "fuzz/fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    symscore::fuzz::fuzzPointsCsv(data, size);
    return 0;
}
