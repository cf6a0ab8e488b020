#!/usr/bin/env bash
# Keeps the house style: formats every C++ file in the repository with .clang-format.
#   --check   change nothing; list the files that differ and fail if any does (scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [[ "${1:-}" == "--check" ]]; then
    clang-format --dry-run --Werror "${files[@]}"
    echo "format: ${#files[@]} files follow .clang-format"
else
    clang-format -i "${files[@]}"
fi
