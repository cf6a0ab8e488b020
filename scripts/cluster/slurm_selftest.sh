#!/usr/bin/env bash
# A real test of scripts/cluster on a real Slurm: starts a single-node cluster of its own
# (munged, slurmctld and slurmd, with a minimal slurm.conf in a temporary folder; root, no
# systemd needed), submits a small sweep through submit.sh as an array of 3 shards plus the
# dependent merge, waits, and checks that the merged results.csv equals an unsharded sweep
# run here (every column but train_seconds). Then it simulates a failed shard (its last run
# cut from its results.csv), resubmits the same command, and checks that only that run runs
# again and the merge still equals. It stops everything it started, on failure too, and ends
# with one summary line.
#
#   scripts/cluster/slurm_selftest.sh [--cli PATH] [--sizes 8,16,32] [--seeds 2]
#                                     [--scenario S.json] [--timeout SECONDS]
#
# Needs root (it starts the daemons, and installs slurm-wlm and munge with apt-get when they
# are missing). scripts/test.sh runs it when run as root. A tiny scenario (a few hundred
# training steps) keeps it to about a minute on 2 cores; --scenario/--sizes/--seeds measure a
# bigger sweep (docs/cluster.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
say() { echo "slurm selftest: $*" >&2; }
fail() { echo "slurm selftest: FAILED: $*"; exit 1; }

cli="$root/build/release/app/symscore-cli" sizes="8,16,32" seeds=2 scenario="" timeout=600
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cli) cli="${2:?}"; shift 2 ;;
        --sizes) sizes="${2:?}"; shift 2 ;;
        --seeds) seeds="${2:?}"; shift 2 ;;
        --scenario) scenario="${2:?}"; shift 2 ;;
        --timeout) timeout="${2:?}"; shift 2 ;;
        *) echo "slurm_selftest.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $(id -u) == 0 ]] || { echo "slurm selftest: skipped: needs root to start slurmctld, slurmd and munged"; exit 0; }
[[ -x "$cli" ]] || fail "$cli: not built (bash scripts/build.sh release)"
shards=3

# --- install ---------------------------------------------------------------------------
if ! command -v slurmctld > /dev/null || ! command -v slurmd > /dev/null ||
   ! command -v sbatch > /dev/null || ! command -v munged > /dev/null; then
    say "installing slurm-wlm and munge"
    apt=(apt-get -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends)
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show slurm-wlm > /dev/null 2>&1; then apt-get -o DPkg::Lock::Timeout=600 -qq update; fi
    # Debian starts the daemons of a package it installs where it can; a policy-rc.d that
    # says no keeps a system cluster from starting beside the one this test starts.
    policy=/usr/sbin/policy-rc.d made_policy=0
    if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy && made_policy=1; fi
    status=0
    "${apt[@]}" install slurm-wlm munge > /dev/null || status=$?
    [[ $made_policy == 1 ]] && rm -f $policy
    [[ $status == 0 ]] || fail "apt-get install slurm-wlm munge failed"
fi

# --- the cluster -----------------------------------------------------------------------
tmp="$(mktemp -d /tmp/symscore-slurm.XXXXXX)"
chmod 755 "$tmp"
# Every process this test starts carries this variable, so cleanup can find exactly them
# (slurmstepd and the jobs' processes detach from the daemons that started them).
export SYMSCORE_SLURM_SELFTEST="$tmp"
export SLURM_CONF="$tmp/slurm.conf"
pids=()

ours() {  # the processes started by this test (the variable above in their environment)
    local p vars
    for p in /proc/[0-9]*; do
        [[ "${p#/proc/}" == "$$" ]] && continue
        # mapfile is a builtin: no helper process of ours to find in the middle of the scan
        { mapfile -d '' -t vars < "$p/environ"; } 2>/dev/null || continue
        [[ " ${vars[*]} " == *" SYMSCORE_SLURM_SELFTEST=$tmp "* ]] && echo "${p#/proc/}"
    done
    return 0
}
cleanup() {
    local rc=$? left
    trap - EXIT INT TERM
    if command -v scancel > /dev/null && [[ -e "$SLURM_CONF" ]]; then scancel --quiet --full --user=root 2>/dev/null || true; fi
    sleep 1
    [[ ${#pids[@]} -gt 0 ]] && kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 50); do
        left="$(ours)"
        [[ -z "$left" ]] && break
        sleep 0.2
    done
    left="$(ours)"
    if [[ -n "$left" ]]; then
        kill -9 $left 2>/dev/null || true
        sleep 0.5
    fi
    [[ -n "$(ours)" ]] && echo "slurm selftest: could not stop processes $(ours | tr '\n' ' ')" >&2
    if [[ $rc != 0 && -z "${SYMSCORE_SELFTEST_KEEP:-}" ]]; then
        echo "slurm selftest: daemon logs (last lines):" >&2
        tail -n 15 "$tmp"/*.log "$tmp"/sweep/logs/*.err >&2 2>/dev/null || true
    fi
    [[ -n "${SYMSCORE_SELFTEST_KEEP:-}" ]] && echo "slurm selftest: kept $tmp" >&2 || rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

host="$(hostname -s)"
mem_mb=$(($(awk '/^MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512))
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool"
chmod 711 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
cat > "$SLURM_CONF" <<CONF
ClusterName=symscore-selftest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=kill_invalid_depend
ReturnToService=2
MpiDefault=none
NodeName=selftest NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=selftest Default=YES MaxTime=INFINITE State=UP
CONF

say "starting munged, slurmctld and slurmd in $tmp"
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.socket" \
    --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge/seed" \
    > "$tmp/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -S "$tmp/munge/munge.socket" ]] && break; sleep 0.1; done
[[ -S "$tmp/munge/munge.socket" ]] || fail "munged did not start (see $tmp/munged.log)"
slurmctld -D -i -f "$SLURM_CONF" > "$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N selftest -f "$SLURM_CONF" > "$tmp/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 150); do
    state="$(sinfo -h -n selftest -o %T 2>/dev/null || true)"
    [[ "$state" == idle ]] && break
    sleep 0.2
done
[[ "$state" == idle ]] || fail "the node did not come up (state \"$state\"; see slurmctld.log, slurmd.log)"
version="$(sinfo --version)"

# --- the sweep -------------------------------------------------------------------------
if [[ -z "$scenario" ]]; then
    scenario="$tmp/tiny.symscore.json"
    "$cli" validate "$root/resources/presets/c4_four_gaussians.symscore.json" > /dev/null
    python3 - "$root/resources/presets/c4_four_gaussians.symscore.json" "$scenario" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["name"] = "C4, tiny (slurm selftest)"
s["network"]["width"] = 32
s["training"].update(steps=150, batch=64)
s["sampling"].update(steps=100, particles=400)
s["metrics"]["w1_points"] = 400
json.dump(s, open(sys.argv[2], "w"), indent=2)
PY
fi

# Until the job (all of an array) has ended; prints its states, or "still running after N s".
wait_for() {  # wait_for JOBID
    local deadline=$((SECONDS + timeout)) states
    while ((SECONDS < deadline)); do
        states="$(squeue -h -j "$1" -o %T 2>/dev/null || true)"
        if [[ -z "$states" ]]; then
            scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' '
            return 0
        fi
        sleep 0.5
    done
    echo "still running after $timeout s"
}
submit() {
    "$here/submit.sh" --cli "$cli" --scenario "$scenario" --sizes "$sizes" --seeds "$seeds" \
        --shards $shards --out "$tmp/sweep" --time 00:30:00 --mem 500M > "$tmp/submit.out" ||
        fail "submit.sh failed"
    array_job="$(sed -n 's/^array_job=//p' "$tmp/submit.out")"
    merge_job="$(sed -n 's/^merge_job=//p' "$tmp/submit.out")"
    local s
    s="$(wait_for "$array_job")"
    [[ "$s" == "JobState=COMPLETED " ]] || fail "shard array $array_job ended with $s"
    s="$(wait_for "$merge_job")"
    [[ "$s" == "JobState=COMPLETED " ]] || fail "merge job $merge_job ended with $s"
}
without_train_seconds() {  # results.csv without its train_seconds column
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
drop = rows[0].index("train_seconds")
for r in rows:
    print(",".join(v for i, v in enumerate(r) if i != drop))
PY
}
computed() {  # computed SHARD: runs_computed of that shard's last job
    sed -n 's/.*"runs_computed":\([0-9]*\).*/\1/p' "$(ls -t "$tmp/sweep/logs/shard-$1-job"*.out | head -1)"
}

say "submitting sizes $sizes x $seeds seeds as $shards shards + merge to $version"
start=$SECONDS
submit
slurm_seconds=$((SECONDS - start))
say "unsharded sweep of the same"
start=$SECONDS
"$cli" sweep "$scenario" --sizes "$sizes" --seeds "$seeds" --out "$tmp/unsharded" > "$tmp/unsharded.json" 2> "$tmp/unsharded.log" ||
    fail "the unsharded sweep failed (see $tmp/unsharded.log)"
plain_seconds=$((SECONDS - start))
without_train_seconds "$tmp/unsharded/results.csv" > "$tmp/expected.csv"
without_train_seconds "$tmp/sweep/merged/results.csv" > "$tmp/merged.csv"
runs=$(($(wc -l < "$tmp/expected.csv") - 1))
cmp -s "$tmp/expected.csv" "$tmp/merged.csv" ||
    fail "merged results differ from the unsharded sweep: $(diff "$tmp/expected.csv" "$tmp/merged.csv" | head -5 | tr '\n' ' ')"
# A symscore-cli built without the GUI draws no figure, for neither sweep.
if [[ -s "$tmp/unsharded/w1_vs_n.png" && ! -s "$tmp/sweep/merged/w1_vs_n.png" ]]; then
    fail "no w1_vs_n.png in the merged folder"
fi

# A shard that failed part way: its last run is cut from its results.csv. Resubmitting the
# same command must run that run alone (the other shards have nothing left) and merge again.
csv="$tmp/sweep/shard-0-of-$shards/results.csv"
last_run="$(tail -1 "$csv" | python3 -c 'import csv,sys; r=next(csv.reader(sys.stdin)); print(r[6])')"
python3 - "$csv" "$last_run" <<'PY'
import sys
path, run = sys.argv[1], sys.argv[2]
lines = open(path).read().splitlines(keepends=True)
header = lines[0].rstrip("\n").split(",")
col = header.index("run")
open(path, "w").write("".join([lines[0]] + [l for l in lines[1:] if l.split(",")[col] != run]))
PY
say "resubmitting after cutting run $last_run from shard 0"
start=$SECONDS
submit
resubmit_seconds=$((SECONDS - start))
[[ "$(computed 0) $(computed 1) $(computed 2)" == "1 0 0" ]] ||
    fail "the resubmission computed $(computed 0), $(computed 1), $(computed 2) runs in shards 0, 1, 2 (expected 1, 0, 0)"
without_train_seconds "$tmp/sweep/merged/results.csv" > "$tmp/merged.csv"
cmp -s "$tmp/expected.csv" "$tmp/merged.csv" || fail "after the resubmission the merged results differ from the unsharded sweep"

echo "slurm selftest: passed: $runs rows of $sizes x $seeds seeds, $shards shards + merge on $version" \
     "(single node, $(nproc) cores): ${slurm_seconds} s from submission to merged, unsharded ${plain_seconds} s;" \
     "merged equals unsharded; resubmitted after a cut run: 1 run again, ${resubmit_seconds} s"
