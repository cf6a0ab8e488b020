#!/usr/bin/env bash
# Runs symscore's benchmark and the PyTorch reference (../shared/bench/torch_dsm.py, one
# thread: PyTorch's fastest setting for this network) one after the other and prints the
# throughput ratios symscore / PyTorch.
# Usage: bench/compare_training.sh [path/to/symscore-cli] [--quick]
# Needs python3-torch (SYMSCORE_BENCH=1 scripts/setup.sh installs it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="${1:-$here/../build/release/app/symscore-cli}"
quick="${2:-}"
torch_script="${TORCH_DSM:-$here/../../shared/bench/torch_dsm.py}"
[ -x "$cli" ] || { echo "compare_training: no symscore-cli at $cli (pass its path)" >&2; exit 1; }
[ -f "$torch_script" ] || { echo "compare_training: no $torch_script (set TORCH_DSM)" >&2; exit 1; }

ours="$("$cli" bench $quick 2>/dev/null)"
theirs="$(/usr/bin/python3 "$torch_script" --json --threads 1 $( [ -n "$quick" ] && echo --steps 100 ))"
/usr/bin/python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"{'workload':40s} {'symscore':>12s} {'pytorch':>12s} {'ratio':>7s}")
for key in ("train_plain_samples_per_s", "train_equivariant_samples_per_s", "reverse_sde_particle_steps_per_s"):
    if key in ours and key in theirs:
        print(f"{key:40s} {ours[key]:12.0f} {theirs[key]:12.0f} {ours[key] / theirs[key]:7.2f}")
PY
