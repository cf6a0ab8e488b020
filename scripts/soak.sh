#!/usr/bin/env bash
# Soak: `bash scripts/soak.sh [MINUTES]` (default 30) builds the release preset and runs
# train / sample / measure / sweep cycles in one process for that long (symscore-cli soak):
# every cycle's results are checked, and the resident memory after the warm-up must stay
# under 1.1 x its warm-up peak + 32 MiB. Prints one JSON object; fails on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
bash scripts/setup.sh
bash scripts/build.sh release
build/release/app/symscore-cli soak --minutes "$minutes"
