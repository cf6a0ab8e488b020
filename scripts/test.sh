#!/usr/bin/env bash
# README's second command: install what is missing, build, and run the whole test suite three
# times: optimized as users run it (preset release), under AddressSanitizer + LeakSanitizer +
# UndefinedBehaviorSanitizer (every test, preset asan-ubsan), and the threaded tests under
# ThreadSanitizer (preset tsan, ctest label "threaded"). As root (CI) it also runs a sweep on a
# real single-node Slurm cluster (scripts/cluster/slurm_selftest.sh, about a minute) and
# builds the Debian package, installs it into a clean Debian 12 root, runs it there and purges
# it (scripts/package_selftest.sh). It starts by checking the house style
# (scripts/format.sh --check). CI runs exactly this.
#   --quick   only the release pass (the edit-build-test loop)
# The output ends with ctest's summary line of each pass and the time each took.
set -euo pipefail
cd "$(dirname "$0")/.."
SYMSCORE_TEST=1 bash scripts/setup.sh
jobs="$(nproc)"

echo "== format: every C++ file as .clang-format says (fix with scripts/format.sh)"
bash scripts/format.sh --check

pass() {  # pass PRESET [ctest options...]
    local preset="$1" start="$SECONDS"
    shift
    echo "== $preset: build"
    bash scripts/build.sh "$preset"
    echo "== $preset: test"
    ctest --preset "$preset" -j "$jobs" "$@"
    echo "== $preset: passed in $((SECONDS - start)) s"
}

pass release --timeout 600
[[ "${1:-}" == "--quick" ]] && exit 0
if [[ $(id -u) == 0 ]]; then
    echo "== slurm: a sharded sweep on a single-node Slurm cluster"
    bash scripts/cluster/slurm_selftest.sh
else
    echo "== slurm: skipped: starting slurmctld, slurmd and munged needs root (CI runs as root)"
fi
pass asan-ubsan --timeout 1800
pass tsan --timeout 1800 -L threaded
if [[ $(id -u) == 0 ]]; then
    echo "== package: build, install in a clean Debian 12 root, run, purge"
    bash scripts/package_selftest.sh
else
    echo "== package: skipped: installing the package into a clean Debian 12 root (scripts/package_selftest.sh: debootstrap, chroot, mount) needs root (CI runs as root)"
fi
