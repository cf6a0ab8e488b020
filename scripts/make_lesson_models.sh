#!/usr/bin/env bash
# Remakes the models every bundled lesson ships (docs/lessons.md, "Instant start"): trains
# each lesson scenario's learned models with symscore-cli train, which is deterministic (the
# same scenario gives the same weights on any machine and thread count), and writes them
# where the lesson files name them. Run after changing a lesson scenario: a model trained on
# another version of its scenario is refused when the lesson opens (fingerprint check).
#   scripts/make_lesson_models.sh [BUILD_DIR] [LESSON...]   (default build/release, every lesson)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
shift || true
lessons=("$@")
if [ ${#lessons[@]} -eq 0 ]; then
    lessons=(small_n_c6 wrong_group broken_symmetry more_data symmetrize)
fi
for name in "${lessons[@]}"; do
    out=resources/lessons/models/$name
    rm -rf "$out"
    "$build/app/symscore-cli" train "resources/lessons/$name.symscore.json" --out "$out"
    "$build/app/symscore-cli" lesson "resources/lessons/$name.lesson.json"
done
