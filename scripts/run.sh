#!/usr/bin/env bash
# README's first command: install what is missing, build a Release build, and open symscore
# on the default scenario. Without a display it runs the default scenario headless instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  out="$PWD/out/default"
  echo "symscore: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running the default scenario headless with symscore-cli instead."
  mkdir -p "$out"
  if build/release/app/symscore-cli help run >/dev/null 2>&1 || build/release/app/symscore-cli --help 2>&1 | grep -q " run "; then
    build/release/app/symscore-cli run resources/presets/c4_four_gaussians.symscore.json --out "$out" > "$out/metrics.json"
    echo "symscore: results are in $out (metrics.json, samples_<model>.csv, result.png)"
  else
    build/release/app/symscore-cli validate resources/presets/c4_four_gaussians.symscore.json > "$out/scenario.json"
    QT_QPA_PLATFORM=offscreen build/release/app/symscore --screenshot "$out/target.png" --size 1000x1000
    echo "symscore: results are in $out (scenario.json, target.png)"
  fi
  exit 0
fi
exec build/release/app/symscore "$@"
