#!/usr/bin/env bash
# A symscore sweep on one workstation with GNU parallel: K shards, J at a time, each pinned
# to its own C cores, then the merge. The folders are those of submit.sh (Slurm):
#
#   scripts/cluster/parallel_sweep.sh --scenario S.json --sizes 8,16,32,64 --seeds 5 \
#       --shards K --out DIR [--jobs J] [--cpus C] [--cli PATH]
#
# C defaults to 1 and J to (cores) / C. Shard I runs in DIR/shard-I-of-K under `taskset` on
# C cores of its own, so the J shards running at once never share a core (symscore's threads
# follow the process's CPU mask). Its summary is DIR/logs/shard-I.json, its log shard-I.log.
# Running the command again after an interruption finishes only the unfinished runs.
# The same without this script, for K=4 on 4 cores:
#   parallel -j 4 symscore-cli sweep S.json --sizes 8,16,32,64 --seeds 5 --shard {}/4 \
#       --out DIR/shard-{}-of-4 ::: 0 1 2 3
#   symscore-cli merge DIR/shard-{0,1,2,3}-of-4 --out DIR/merged
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
die() { echo "parallel_sweep.sh: $*" >&2; exit 2; }

scenario="" sizes="" seeds=5 shards="" out="" jobs="" cpus=1 cli=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --scenario) scenario="${2:?--scenario needs a file}"; shift 2 ;;
        --sizes) sizes="${2:?--sizes needs a list}"; shift 2 ;;
        --seeds) seeds="${2:?--seeds needs a number}"; shift 2 ;;
        --shards) shards="${2:?--shards needs a number}"; shift 2 ;;
        --out) out="${2:?--out needs a folder}"; shift 2 ;;
        --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
        --cpus) cpus="${2:?--cpus needs a number}"; shift 2 ;;
        --cli) cli="${2:?--cli needs a path}"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[[ -n "$scenario" && -n "$sizes" && -n "$shards" && -n "$out" ]] ||
    die "--scenario, --sizes, --shards and --out are required (see --help)"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards: \"$shards\" is not a positive whole number"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "--cpus: \"$cpus\" is not a positive whole number"
# The cores this process may use (a container or a cpuset may leave out some).
allowed=()
IFS=, read -ra ranges <<< "$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)"
for r in "${ranges[@]}"; do
    if [[ "$r" == *-* ]]; then mapfile -t -O "${#allowed[@]}" allowed < <(seq "${r%-*}" "${r#*-}"); else allowed+=("$r"); fi
done
cores="${#allowed[@]}"
[[ -n "$jobs" ]] || jobs=$((cores / cpus > 0 ? cores / cpus : 1))
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || die "--jobs: \"$jobs\" is not a positive whole number"
((jobs * cpus <= cores)) || die "--jobs $jobs x --cpus $cpus is more than the $cores cores here"
command -v parallel > /dev/null || die "GNU parallel not found (Debian: apt-get install parallel)"
if [[ -z "$cli" ]]; then
    cli="$(command -v symscore-cli || true)"
    [[ -n "$cli" ]] || cli="$here/../../build/release/app/symscore-cli"
fi
[[ -x "$cli" ]] || die "--cli: $cli is not an executable symscore-cli"

mkdir -p "$out/logs"
# One shard in job slot SLOT (parallel's {%}, 1..J): slot s owns the allowed cores
# (s-1)*C .. s*C-1.
run_shard() {  # run_shard INDEX SLOT
    local mine
    mine="$(echo "$allowed_cores" | cut -d' ' -f "$((($2 - 1) * cpus + 1))-$(($2 * cpus))" | tr ' ' ,)"
    taskset -c "$mine" "$cli" sweep "$scenario" --sizes "$sizes" \
        --seeds "$seeds" --shard "$1/$shards" --out "$out/shard-$1-of-$shards" \
        > "$out/logs/shard-$1.json" 2> "$out/logs/shard-$1.log"
}
export -f run_shard
allowed_cores="${allowed[*]}"
export cli scenario sizes seeds shards out cpus allowed_cores
SHELL="$(command -v bash)" parallel --will-cite --halt soon,fail=1 -j "$jobs" run_shard '{}' '{%}' \
    ::: $(seq 0 $((shards - 1)))
dirs=()
for ((i = 0; i < shards; i++)); do dirs+=("$out/shard-$i-of-$shards"); done
"$cli" merge "${dirs[@]}" --out "$out/merged" | tee "$out/merged.json"
echo "merged=$out/merged" >&2
