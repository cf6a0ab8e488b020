#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) into build/<preset>; with more
# arguments, only those targets (and what they link).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --preset "$preset" > /dev/null
cmake --build --preset "$preset" -j "$(nproc)" "${targets[@]}"
