#pragma once
// What each fuzz target does with one input, as plain functions so that the libFuzzer
// targets (fuzz_<kind>.cpp) and the corpus replay test (tests/tst_fuzz_corpus.cpp) run the
// same code. Each entry feeds the bytes to one reader and swallows io::FormatError only:
// a malformed input must end there. An input the reader accepts is then used a little, so
// that accepted-but-inconsistent files are caught too; a failed check throws
// std::logic_error ("fuzz: ..."), which like any other escaping exception, crash or
// sanitizer report counts as a bug.
#include <cstddef>
#include <cstdint>

namespace symscore::fuzz {

void fuzzScenario(const std::uint8_t* data, std::size_t size);
void fuzzModel(const std::uint8_t* data, std::size_t size);
void fuzzPointsCsv(const std::uint8_t* data, std::size_t size);

}  // namespace symscore::fuzz
