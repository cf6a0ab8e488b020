#!/usr/bin/env bash
# Fuzzes symscore's three file readers (scenario JSON, model files, point CSV) with libFuzzer
# under AddressSanitizer and UndefinedBehaviorSanitizer (docs/fuzzing.md).
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    default: 600 s, every target
#
# TARGET is scenario, model or points_csv. SYMSCORE_FUZZ_PARALLEL=2 runs two targets at a
# time. Each target grows its working corpus in build/fuzz/corpus/<target>, starting from
# the seeds and regression files of tests/data/fuzz/<target>/, and writes what it finds to
# build/fuzz/crashes/<target>/. Exits non-zero when any target found a crash, leak, timeout
# or out-of-memory input.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario model points_csv)
parallel="${SYMSCORE_FUZZ_PARALLEL:-1}"
# Longest input per target: several times the largest seed, small enough to keep each run
# in milliseconds.
declare -A max_len=([scenario]=16384 [model]=16384 [points_csv]=8192)
# Seconds one input may take. The largest legal scenario (a 4096-component orbit mixture,
# 0.3 s in a release build) takes up to 17 s under the sanitizers and coverage counters.
declare -A timeout=([scenario]=60 [model]=5 [points_csv]=5)
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "fuzz.sh: unknown target '$t' (scenario, model, points_csv)" >&2; exit 2; }
done

# What the build needs, and clang with libFuzzer's runtime.
SYMSCORE_FUZZ=1 bash scripts/setup.sh

cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j "${SYMSCORE_JOBS:-$(nproc)}"

out=build/fuzz
mkdir -p "$out/logs"
stamp="$out/logs/.started"
touch "$stamp"
# UBSan findings must stop the run like a crash, with a stack to read.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_target() {
  local t="$1"
  mkdir -p "$out/corpus/$t" "$out/crashes/$t"
  # A reader that hangs or needs a GiB for a 16 KiB file is a bug: -timeout and
  # -rss_limit_mb (which also caps single allocations) turn both into findings.
  "$out/fuzz/fuzz_$t" "$out/corpus/$t" "tests/data/fuzz/$t" \
    -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout="${timeout[$t]}" -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/$t/" -print_final_stats=1 > "$out/logs/$t.log" 2>&1 \
    && echo 0 > "$out/logs/$t.rc" || echo $? > "$out/logs/$t.rc"
}

echo "symscore fuzz: ${targets[*]}, ${seconds} s each, ${parallel} at a time; logs in $out/logs/" >&2
for t in "${targets[@]}"; do
  run_target "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
done
wait

found=0
for t in "${targets[@]}"; do
  log="$out/logs/$t.log"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  slowest=$(grep -o 'stat::slowest_unit_time_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  status=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$status")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$status")
  new=$(find "$out/crashes/$t" -type f -newer "$stamp" \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  printf '%-10s %10s execs (%s/s, slowest %s s), coverage %s edges, %s features, corpus %s: ' \
    "$t" "$execs" "$rate" "$slowest" "${cov:-?}" "${ft:-?}" "${corp:-?}"
  if [ -z "$new" ] && [ "$(cat "$out/logs/$t.rc")" = 0 ]; then
    echo "clean"
    continue
  fi
  found=1
  echo "FOUND A BUG (exit $(cat "$out/logs/$t.rc"); see $log)"
  for f in $new; do
    echo "  $f"
    echo "    reproduce:     $out/fuzz/fuzz_$t $f"
    echo "    once fixed:    cp $f tests/data/fuzz/$t/crash-<what>   (a short name for the bug)"
  done
  [ -n "$new" ] || echo "  no input was saved; the end of $log says what happened"
done
if [ "$found" = 1 ]; then
  echo
  echo "Every file in tests/data/fuzz/<target>/ is replayed by the normal test suite"
  echo "(ctest -R fuzz_corpus), so a crasher copied there stays fixed without the fuzzer."
  exit 1
fi
