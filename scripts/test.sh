#!/usr/bin/env bash
# README's second command: install what is missing, build, and run the whole test suite three
# times: optimized as users run it (preset release), under AddressSanitizer + LeakSanitizer +
# UndefinedBehaviorSanitizer (every test, preset asan-ubsan), and the threaded tests under
# ThreadSanitizer (preset tsan, ctest label "threaded"; only their executables are built
# there). As root (CI) it also runs a sweep on a real single-node Slurm cluster
# (scripts/cluster/slurm_selftest.sh) and builds the Debian package, installs it into a clean
# Debian 12 root, runs it there and purges it (scripts/package_selftest.sh). It starts by
# checking the house style (scripts/format.sh --check). CI runs exactly this.
#   --quick   only the release pass (the edit-build-test loop)
# Each configuration is built once, in build/<preset>; scripts/run.sh's build is the release
# preset's, so after README's first command the release pass builds only the tests.
# The output ends with the time of every phase against CI's budget (docs/robustness.md) and
# one line counting the tests of every pass.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
budget_s=2700  # a cold run (fresh clone, packages installed) stays under 45 minutes on 2 cores
logs="build/test-logs"
mkdir -p "$logs"

# The phase table: begin NAME closes the phase before it; the table prints however the run
# ends, the phase that failed marked as such.
rows=()
phase="" phase_start=$SECONDS run_start=$SECONDS
begin() {
    [ -z "$phase" ] || rows+=("$phase|$((SECONDS - phase_start))|")
    phase="$1" phase_start=$SECONDS
}
passed=0 failed=0
summary() {
    local status=$?
    if [ -n "$phase" ]; then
        rows+=("$phase|$((SECONDS - phase_start))|$([ "$status" = 0 ] || echo "FAILED")")
    fi
    local total=$((SECONDS - run_start))
    echo
    echo "== time of each phase (seconds)"
    printf '%-26s %7s  %s\n' phase seconds ""
    local r name s note
    for r in "${rows[@]}"; do
        IFS='|' read -r name s note <<< "$r"
        printf '%-26s %7d  %s\n' "$name" "$s" "$note"
    done
    printf '%-26s %7d  %s\n' total "$total" \
        "$([ "$total" -le "$budget_s" ] && echo "within CI's budget of $budget_s s" || echo "OVER CI's budget of $budget_s s")"
    echo "tests: $passed passed, $failed failed"
}
trap summary EXIT

begin setup
SYMSCORE_TEST=1 bash scripts/setup.sh

begin format
echo "== format: every C++ file as .clang-format says (fix with scripts/format.sh)"
bash scripts/format.sh --check

run_tests() {  # run_tests PRESET [ctest options...]: counts the tests into passed / failed
    local preset="$1" log="$logs/ctest-$1.log" status=0
    shift
    echo "== $preset: test"
    ctest --preset "$preset" -j "$jobs" "$@" 2>&1 | tee "$log" || status=$?
    local line total fails
    line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)"
    total="$(sed -E 's/.* out of ([0-9]+).*/\1/' <<< "$line")"
    fails="$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<< "$line")"
    if [[ $total =~ ^[0-9]+$ && $fails =~ ^[0-9]+$ ]]; then
        passed=$((passed + total - fails)) failed=$((failed + fails))
    elif [ "$status" != 0 ]; then
        failed=$((failed + 1))
    fi
    return "$status"
}

begin "release: build"
echo "== release: build"
bash scripts/build.sh release
begin "release: test"
run_tests release --timeout 600
if [[ "${1:-}" == "--quick" ]]; then begin ""; exit 0; fi

if [[ $(id -u) == 0 ]]; then
    begin slurm
    echo "== slurm: a sharded sweep on a single-node Slurm cluster"
    bash scripts/cluster/slurm_selftest.sh
else
    echo "== slurm: skipped: starting slurmctld, slurmd and munged needs root (CI runs as root)"
fi

begin "asan-ubsan: build"
echo "== asan-ubsan: build"
bash scripts/build.sh asan-ubsan
begin "asan-ubsan: test"
run_tests asan-ubsan --timeout 1800

# ThreadSanitizer runs the threaded tests alone, so it builds their executables alone.
begin "tsan: build"
echo "== tsan: build (the executables of the tests labelled threaded)"
cmake --preset tsan > /dev/null
mapfile -t tsan_targets < <(ctest --preset tsan -N -L threaded | sed -nE 's/^ *Test +#[0-9]+: +([^ ]+).*/tst_\1/p')
[ ${#tsan_targets[@]} -gt 0 ] || { echo "test.sh: ctest lists no test labelled threaded" >&2; exit 1; }
bash scripts/build.sh tsan "${tsan_targets[@]}"
begin "tsan: test"
run_tests tsan --timeout 1800 -L threaded

if [[ $(id -u) == 0 ]]; then
    begin package
    echo "== package: build, install in a clean Debian 12 root, run, purge"
    bash scripts/package_selftest.sh
else
    echo "== package: skipped: installing the package into a clean Debian 12 root (scripts/package_selftest.sh: debootstrap, chroot, mount) needs root (CI runs as root)"
fi
begin ""
