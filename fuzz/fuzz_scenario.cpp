// libFuzzer target: scenario JSON (io::scenarioFromJson).
// The work is in fuzz_entries.cpp, shared with the corpus replay test.
#include "fuzz/fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    symscore::fuzz::fuzzScenario(data, size);
    return 0;
}
