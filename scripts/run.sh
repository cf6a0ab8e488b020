#!/usr/bin/env bash
# README's first command: install what running needs (no test references), build the two
# programs alone (symscore and symscore-cli, not the tests) and open symscore on the default
# scenario. Without a display it runs the default scenario headless instead. The build is the
# release preset's, so README's second command builds only what is left.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release symscore symscore-cli
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  out="$PWD/out/default"
  echo "symscore: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the default scenario runs headless with symscore-cli instead."
  mkdir -p "$out"
  build/release/app/symscore-cli run resources/presets/c4_four_gaussians.symscore.json --out "$out" > /dev/null
  echo "symscore: results are in $out: metrics.json (W1, score errors per model), samples_<model>.csv, result.png"
  exit 0
fi
exec build/release/app/symscore "$@"
