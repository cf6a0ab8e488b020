#!/usr/bin/env bash
# Side-by-side: symscore's exact W1 and reverse-SDE sampling against the references in
# ../shared/bench (POT's ot.emd2 and PyTorch), on the same workloads, and the ratios.
# Usage: bench/compare_sampling.sh [path/to/symscore-cli] [--quick]
# Needs python3-pot, python3-scipy, python3-torch (run with /usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
shared="$root/../shared/bench"
cli="${1:-}"
if [[ -z "$cli" || "$cli" == --* ]]; then
  cli="$(ls -t "$root"/build/*/app/symscore-cli 2>/dev/null | head -1 || true)"
else
  shift
fi
quick="${1:-}"
[[ -x "$cli" ]] || { echo "symscore-cli not found; pass its path" >&2; exit 2; }
py=/usr/bin/python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "symscore: $cli bench $quick" >&2
"$cli" bench $quick > "$tmp/ours.json"
echo "POT: w1_reference.py 1000 2000 5000" >&2
"$py" "$shared/w1_reference.py" 1000 2000 5000 > "$tmp/pot.txt"
echo "PyTorch: torch_dsm.py --json" >&2
"$py" "$shared/torch_dsm.py" --json > "$tmp/torch.json"

# Same value: our solver and POT on the very same clouds (files), n = 2000.
"$py" - "$tmp" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(0); n = 2000
x = rng.normal(size=(n, 2)); y = rng.normal(size=(n, 2)) + 0.5
np.savetxt(f"{sys.argv[1]}/a.csv", x, delimiter=",", fmt="%.17g")
np.savetxt(f"{sys.argv[1]}/b.csv", y, delimiter=",", fmt="%.17g")
PY
"$cli" w1 "$tmp/a.csv" "$tmp/b.csv" > "$tmp/w1_ours.json"
"$py" "$shared/w1_reference.py" --files "$tmp/a.csv" "$tmp/b.csv" > "$tmp/w1_pot.txt"

"$py" - "$tmp" <<'PY'
import json, re, sys
d = sys.argv[1]
ours = json.load(open(f"{d}/ours.json"))
torch = json.load(open(f"{d}/torch.json"))
pot = {}
for line in open(f"{d}/pot.txt"):
    m = re.match(r"pot_emd2 n=(\d+) ([\d.]+)s", line)
    if m: pot[int(m.group(1))] = float(m.group(2))
print(f"{'workload':44s} {'symscore':>12s} {'reference':>12s} {'ratio':>8s}")
for n in (1000, 2000, 5000):
    k = f"w1_exact_n{n}_seconds"
    if k in ours and n in pot:
        print(f"{'exact W1 n=%d (s), POT ot.emd2' % n:44s} {ours[k]:12.3f} {pot[n]:12.3f} {pot[n] / ours[k]:7.1f}x")
k = "reverse_sde_particle_steps_per_s"
if k in ours and k in torch:
    print(f"{'reverse SDE particle-steps/s, PyTorch':44s} {ours[k]:12.0f} {torch[k]:12.0f} {ours[k] / torch[k]:7.2f}x")
w_ours = json.load(open(f"{d}/w1_ours.json"))["w1"]
w_pot = float(open(f"{d}/w1_pot.txt").read())
print(f"same clouds n=2000: symscore W1 {w_ours:.12f}, POT {w_pot:.12f}, "
      f"relative difference {abs(w_ours - w_pot) / w_pot:.1e} (POT prints 12 decimals)")
PY
