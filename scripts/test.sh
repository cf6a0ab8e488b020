#!/usr/bin/env bash
# README's second command: install what is missing, build, and run the whole test suite.
# Its output ends with ctest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
ctest --preset release -j "$(nproc)" --timeout 600
