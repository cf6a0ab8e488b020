#!/usr/bin/env bash
# Submits a symscore sweep to Slurm: a job array of K shards (sweep_shard.sbatch) and a merge
# job (merge.sbatch) that starts once every shard has succeeded (--dependency=afterok).
#
#   scripts/cluster/submit.sh --scenario S.json --sizes 8,16,32,64 --seeds 5 --shards K \
#       --out DIR [--partition P] [--time T] [--mem M] [--cpus C] [--account A]
#       [--merge-time T] [--cli PATH] [--sbatch-arg ARG]... [--dry-run]
#
# DIR gets scenario.json (a copy of S.json: the jobs read it, not S.json), shard-I-of-K/ per
# shard, logs/, and at the end merged/ (the unsharded sweep's folder) and merged.json (its
# summary). Prints key=value lines: array_job, merge_job, shards, merged, logs. --dry-run
# prints the two sbatch command lines instead and writes nothing.
#
# Resubmitting the same command after a failure (a node lost, a time limit hit) finishes only
# the unfinished runs: each shard resumes from its folder, finished shards end at once, and
# the merge runs again. `symscore-cli sweep ... --plan --wall H` suggests K and --time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

die() { echo "submit.sh: $*" >&2; exit 2; }
usage() { sed -n '5,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

scenario="" sizes="" seeds=5 shards="" out="" partition="" time="" mem="" cpus=1 account=""
merge_time="00:15:00" cli="" dry=0 extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --scenario) scenario="${2:?--scenario needs a file}"; shift 2 ;;
        --sizes) sizes="${2:?--sizes needs a list}"; shift 2 ;;
        --seeds) seeds="${2:?--seeds needs a number}"; shift 2 ;;
        --shards) shards="${2:?--shards needs a number}"; shift 2 ;;
        --out) out="${2:?--out needs a folder}"; shift 2 ;;
        --partition) partition="${2:?--partition needs a name}"; shift 2 ;;
        --time) time="${2:?--time needs a limit}"; shift 2 ;;
        --mem) mem="${2:?--mem needs a size}"; shift 2 ;;
        --cpus) cpus="${2:?--cpus needs a number}"; shift 2 ;;
        --account) account="${2:?--account needs a name}"; shift 2 ;;
        --merge-time) merge_time="${2:?--merge-time needs a limit}"; shift 2 ;;
        --cli) cli="${2:?--cli needs a path}"; shift 2 ;;
        --sbatch-arg) extra+=("${2:?--sbatch-arg needs an argument}"); shift 2 ;;
        --dry-run) dry=1; shift ;;
        -h|--help) usage ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[[ -n "$scenario" && -n "$sizes" && -n "$shards" && -n "$out" ]] ||
    die "--scenario, --sizes, --shards and --out are required (see --help)"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards: \"$shards\" is not a positive whole number"
[[ "$seeds" =~ ^[1-9][0-9]*$ ]] || die "--seeds: \"$seeds\" is not a positive whole number"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "--cpus: \"$cpus\" is not a positive whole number"
[[ "$sizes" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--sizes: \"$sizes\" is not a list like 8,16,32,64"
[[ -f "$scenario" ]] || die "--scenario: $scenario: no such file"

# The binary the compute nodes run: given, on PATH, or this checkout's release build. It and
# DIR must be on a file system the compute nodes share.
if [[ -z "$cli" ]]; then
    cli="$(command -v symscore-cli || true)"
    [[ -n "$cli" ]] || cli="$here/../../build/release/app/symscore-cli"
fi
[[ -x "$cli" ]] || die "--cli: $cli is not an executable symscore-cli"
cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"
"$cli" validate "$scenario" > /dev/null || die "--scenario: $scenario is not a valid scenario"
command -v sbatch > /dev/null || [[ $dry == 1 ]] || die "sbatch not found: run this on a Slurm login node"

out="$(realpath -m -- "$out")"
# The jobs read DIR/scenario.json, so editing S.json later cannot change a resumed sweep.
if [[ -e "$out/scenario.json" ]] && ! cmp -s "$scenario" "$out/scenario.json"; then
    die "$out/scenario.json differs from $scenario: this folder holds another sweep; use another --out"
fi
if [[ $dry == 0 ]]; then
    mkdir -p "$out/logs"
    [[ -e "$out/scenario.json" ]] || { cp "$scenario" "$out/scenario.json.tmp" && mv "$out/scenario.json.tmp" "$out/scenario.json"; }
fi

common=(--parsable --cpus-per-task="$cpus")
[[ -n "$partition" ]] && common+=(--partition="$partition")
[[ -n "$mem" ]] && common+=(--mem="$mem")
[[ -n "$account" ]] && common+=(--account="$account")
common+=("${extra[@]}")
array_opts=("${common[@]}" --array="0-$((shards - 1))"
            --output="$out/logs/shard-%a-job%A.out" --error="$out/logs/shard-%a-job%A.err")
[[ -n "$time" ]] && array_opts+=(--time="$time")
merge_opts=("${common[@]}" --time="$merge_time"
            --output="$out/logs/merge-job%j.out" --error="$out/logs/merge-job%j.err")

if [[ $dry == 1 ]]; then
    echo sbatch "${array_opts[@]}" "$here/sweep_shard.sbatch" "$cli" "$out/scenario.json" "$sizes" "$seeds" "$out" "$shards"
    echo sbatch "${merge_opts[@]}" --dependency=afterok:ARRAY_JOB "$here/merge.sbatch" "$cli" "$out" "$shards"
    exit 0
fi
array_job="$(sbatch "${array_opts[@]}" "$here/sweep_shard.sbatch" "$cli" "$out/scenario.json" "$sizes" "$seeds" "$out" "$shards")"
array_job="${array_job%%;*}"  # --parsable prints JOBID[;CLUSTER]
merge_job="$(sbatch "${merge_opts[@]}" --dependency="afterok:$array_job" "$here/merge.sbatch" "$cli" "$out" "$shards")"
merge_job="${merge_job%%;*}"
echo "array_job=$array_job"
echo "merge_job=$merge_job"
echo "shards=$out/shard-{0..$((shards - 1))}-of-$shards"
echo "merged=$out/merged"
echo "logs=$out/logs"
