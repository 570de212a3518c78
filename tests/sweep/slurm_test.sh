#!/usr/bin/env bash
# A single-node Slurm cluster (munged, slurmctld, slurmd from Debian, all in a
# scratch folder with their own ports and key) runs a 4-point sweep through
# experiments/hpc/array.sbatch as a job array throttled to 2 tasks. One task
# is signalled mid-run the way --signal=B:USR1@300 does it (scancel --signal
# USR1 --batch): it must checkpoint, exit 99, requeue itself and, on its second
# run, resume and finish. The collected table must equal that of `--all`.
# With the MPI runner built, experiments/hpc/mpi.sbatch then runs the same
# sweep as one 2-rank job through the same signal and requeue.
# Needs root (the daemons run as root) and HOSIM, SRC, WORK; exits 77 (skip)
# when not root or Slurm is not installed.
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
fail() { echo "FAIL: $*" >&2; for f in "$D"/*.log "$D"/out/slurm-*.out; do [ -e "$f" ] && { echo "== $f"; tail -20 "$f"; }; done >&2; exit 1; }
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: the local Slurm cluster needs root"; exit 77; fi
for c in slurmctld slurmd sbatch squeue scontrol scancel munged mungekey; do
  command -v $c >/dev/null || { echo "SKIP: $c not installed (bash .ci/setup --tests)"; exit 77; }
done

D="$WORK/slurm"
[ -f "$D/slurmctld.pid" ] && kill "$(cat "$D/slurmctld.pid")" 2>/dev/null
[ -f "$D/slurmd.pid" ] && kill "$(cat "$D/slurmd.pid")" 2>/dev/null
[ -f "$D/munge/munged.pid" ] && kill "$(cat "$D/munge/munged.pid")" 2>/dev/null
rm -rf "$D" && mkdir -p "$D/state" "$D/spool" "$D/munge" "$D/out"
chmod 700 "$D/munge"
stop_all() {
  for p in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
  done
  return 0
}
trap stop_all EXIT

# Signal a running job's batch script as --signal=B:USR1 does and wait for
# its requeue. scancel may retry while the job changes state ("Job can not
# be altered now"); a retry must not signal the job again after its
# requeue, so it is stopped as soon as the requeue shows.
#   Slurm then holds the requeued job back for a couple of minutes
# (Reason=BeginTime); the test releases it sooner. Released at once, the
# new run can reach slurmd while the old run's batch step is still being
# torn down, and slurmd refuses it ("Job credential revoked"). So wait
# until the job is PENDING and slurmd has seen its batch step end.
signal_and_release() {
  local job=$1
  scancel --signal=USR1 --batch "$job" 2>/dev/null &
  local sc=$!
  for _ in $(seq 1 300); do
    scontrol show job "$job" 2>/dev/null | grep -Eq "JobState=(PENDING|REQUEUED)" && break
    sleep 0.2
  done
  kill $sc 2>/dev/null
  wait $sc 2>/dev/null
  for _ in $(seq 1 150); do
    scontrol show job "$job" 2>/dev/null | grep -q "JobState=PENDING" \
      && grep -q "\[$job.batch\] done with job" "$D/slurmd.log" && break
    sleep 0.2
  done
  sleep 2
  scontrol update JobId="$job" StartTime=now 2>/dev/null
}

# Wait up to 5 minutes for a job (or array) to leave the queue.
wait_gone() {
  for _ in $(seq 1 300); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 1
  done
  fail "$2 did not finish in 5 minutes: $(squeue)"
}

host=$(hostname -s)
# Ports away from Slurm's defaults so a real installation is not disturbed.
port=$((20000 + $$ % 20000))
export SLURM_CONF="$D/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=hosimtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
MpiDefault=none
NodeName=$host CPUs=$(nproc) RealMemory=$(( $(free -m | awk '/Mem:/{print $2}') / 2 )) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
mungekey --create --keyfile="$D/munge/munge.key" || fail "mungekey"
chmod 600 "$D/munge/munge.key"
munged --force --key-file="$D/munge/munge.key" --socket="$D/munge/munge.socket" \
  --pid-file="$D/munge/munged.pid" --log-file="$D/munge.log" --seed-file="$D/munge/seed" \
  || fail "munged did not start"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 1 100); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o %t | grep -q idle || fail "the node did not come up: $(sinfo 2>&1)"

cat > "$D/timed.yaml" <<YAML
sweep:
  name: slurm_sweep
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: 6 day, output.snapshot_interval: 1 day, output.checkpoint_interval: 1 day}
  seed: 3
axes:
  - {key: bmp.half_max, values: [0.2 nM, 0.4 nM]}
  - {key: inflammation.commitment_gain, values: [0, 1]}
YAML
n=$("$HOSIM" sweep "$D/timed.yaml" --list | grep -c '^[0-9]')
[ "$n" -eq 4 ] || fail "expected 4 points, got $n"

cd "$D/out"
jid=$(HOSIM="$HOSIM" SWEEP="$D/timed.yaml" OUT="$D/out/sweep" \
  sbatch --parsable --export=ALL --array=0-$((n - 1))%2 --cpus-per-task=1 \
  "$SRC/experiments/hpc/array.sbatch") || fail "sbatch"
# Signal task 0 once it has written its first checkpoint (day 1 of 6).
for _ in $(seq 1 300); do
  [ -e "$D/out/sweep/points/p000000/checkpoint.h5" ] && break
  sleep 0.1
done
[ -e "$D/out/sweep/points/p000000/checkpoint.h5" ] || fail "task 0 never checkpointed"
[ -e "$D/out/sweep/points/p000000/summary.json" ] && fail "task 0 finished before the signal; nothing was tested"
# The task's own job id (not the array's), so that scancel signals just it.
raw=$(squeue -h -j "${jid}_0" -o %A)
[ -n "$raw" ] || fail "task 0 is not in the queue"
signal_and_release "$raw"
wait_gone "$jid" "the array"
grep -q "requeueing ${jid}_0" "$D/out/slurm-${jid}_0.out" || fail "task 0 did not requeue: $(cat "$D/out/slurm-${jid}_0.out")"
info=$(scontrol show job "${jid}_0")
grep -q "Restarts=1" <<<"$info" || fail "task 0 was not restarted once: $info"
grep -q "JobState=COMPLETED" <<<"$info" || fail "task 0 did not complete: $info"
for t in 1 2 3; do
  scontrol show job "${jid}_$t" | grep -q "JobState=COMPLETED" || fail "task $t: $(scontrol show job "${jid}_$t")"
done

"$HOSIM" collect "$D/out/sweep" >"$D/collect.txt" || fail "collect exit $?"
grep -q "4 points: 4 finished" "$D/collect.txt" || fail "collect: $(cat "$D/collect.txt")"
"$HOSIM" sweep "$D/timed.yaml" --all -o "$D/local" --threads 2 --quiet || fail "--all exit $?"
"$HOSIM" collect "$D/local" >/dev/null || fail "collect local"
cmp "$D/out/sweep/collected.csv" "$D/local/collected.csv" || fail "the Slurm sweep differs from --all"
for p in "$D"/local/points/p*; do
  out=$(h5diff -c "$p/run.h5" "$D/out/sweep/points/$(basename "$p")/run.h5" /timeseries /timeseries 2>&1) \
    || fail "/timeseries of $(basename "$p") differs after the requeue: $out"
done
echo "PASS slurm_array_requeue"

# The MPI template (experiments/hpc/mpi.sbatch), when hosim has the MPI
# runner: the same sweep as one 2-rank job, signalled once it has
# checkpointed (ranks checkpoint, the job exits 99 and requeues itself),
# then resumed to the end; the collected table must again equal --all's.
if [ -z "${MPIEXEC:-}" ]; then
  echo "PASS (the MPI template was not tried: hosim built without the MPI runner)"
  exit 0
fi
mjid=$(HOSIM="$HOSIM" SWEEP="$D/timed.yaml" OUT="$D/out/mpi" \
  MPIRUN="$MPIEXEC --allow-run-as-root --oversubscribe" \
  sbatch --parsable --export=ALL --ntasks=2 --cpus-per-task=1 \
  "$SRC/experiments/hpc/mpi.sbatch") || fail "sbatch mpi.sbatch"
for _ in $(seq 1 300); do
  ls "$D"/out/mpi/points/p*/checkpoint.h5 >/dev/null 2>&1 && break
  sleep 0.1
done
ls "$D"/out/mpi/points/p*/checkpoint.h5 >/dev/null 2>&1 || fail "the MPI job never checkpointed: $(cat "$D/out/slurm-$mjid.out" 2>/dev/null)"
done_before=$(ls "$D"/out/mpi/points/p*/summary.json 2>/dev/null | wc -l)
[ "$done_before" -lt 4 ] || fail "the MPI job finished before the signal; nothing was tested"
signal_and_release "$mjid"
wait_gone "$mjid" "the MPI job"
grep -q "requeueing job $mjid" "$D/out/slurm-$mjid.out" || fail "the MPI job did not requeue: $(cat "$D/out/slurm-$mjid.out")"
minfo=$(scontrol show job "$mjid")
grep -q "Restarts=1" <<<"$minfo" || fail "the MPI job was not restarted once: $minfo"
grep -q "JobState=COMPLETED" <<<"$minfo" || fail "the MPI job did not complete: $minfo"
"$HOSIM" collect "$D/out/mpi" >"$D/collect_mpi.txt" || fail "collect mpi exit $?"
grep -q "4 points: 4 finished" "$D/collect_mpi.txt" || fail "collect mpi: $(cat "$D/collect_mpi.txt")"
cmp "$D/out/mpi/collected.csv" "$D/local/collected.csv" || fail "the MPI sweep under Slurm differs from --all"
echo "PASS slurm_mpi_requeue (signalled with $done_before of 4 points finished)"
