#!/usr/bin/env bash
# End-to-end checks of `hosim sweep` and `hosim collect` (issue 7). Usage:
# sweep_cli_test.sh <test>. Needs HOSIM (the binary), SRC (source tree) and
# WORK (scratch folder).
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
T=$1
W="$WORK/$T"
rm -rf "$W" && mkdir -p "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
PY=/usr/bin/python3
# MPIEXEC is set by CMake when hosim was built with the MPI runner.
MPIRUN=""
if [ -n "${MPIEXEC:-}" ]; then
  MPIRUN="$MPIEXEC --oversubscribe"
  [ "$(id -u)" -eq 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
fi

# A 2-axis grid with 2 replicates on a small teaching slice (2 days): 8 points
# of a fraction of a second each.
small_grid() {
  cat > "$W/grid.yaml" <<YAML
sweep:
  name: small_grid
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: 2 day, grid.nx: 80, grid.ny: 80, output.snapshot_interval: 1 day}
  replicates: 2
  seed: 7
axes:
  - {key: bmp.half_max, values: [0.2 nM, 0.4 nM]}
  - {key: acid.necrosis_release, from: 5e-4 mM/s, to: 2e-3 mM/s, n: 2, scale: log}
YAML
}

# The whole teaching slice for $1 days: a few seconds per point.
timed_grid() {
  cat > "$W/timed.yaml" <<YAML
sweep:
  name: timed
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: $1 day, output.snapshot_interval: 1 day, output.checkpoint_interval: 1 day}
  seed: 3
axes:
  - {key: bmp.half_max, values: [0.2 nM, 0.4 nM]}
  - {key: inflammation.commitment_gain, values: [0, 1]}
YAML
}

# Once the first point of sweep folder $3 has finished, send signal $2 to
# process $1 (a sweep) and require its exit code 99; $4 is its log.
signal_after_first_point() {
  for _ in $(seq 1 600); do
    ls "$3"/points/p*/summary.json >/dev/null 2>&1 && break
    sleep 0.1
  done
  kill -"$2" "$1"
  wait "$1"; local rc=$?
  [ $rc -eq 99 ] || fail "a sweep signalled with $2 must exit 99, got $rc: $(cat "$4")"
}

same_tables() {  # collected tables of two sweep folders are identical
  cmp "$1/collected.csv" "$2/collected.csv" || fail "collected.csv differs: $1 vs $2"
  cmp "$1/failures.csv" "$2/failures.csv" || fail "failures.csv differs: $1 vs $2"
  local out
  out=$(h5diff -c "$1/collected.h5" "$2/collected.h5" 2>&1) || fail "collected.h5 differs: $out"
}

same_runs() {  # every point's /data and /timeseries identical
  local p out grp
  for p in "$1"/points/p*; do
    for grp in /data /timeseries; do
      out=$(h5diff -c "$p/run.h5" "$2/points/$(basename "$p")/run.h5" $grp $grp 2>&1) \
        || fail "$grp of $(basename "$p") differs: $out"
      grep -qi "not comparable" <<<"$out" && fail "$grp of $(basename "$p") not comparable"
    done
  done
  return 0
}

case "$T" in
runners_identical)
  small_grid
  out=$("$HOSIM" sweep "$W/grid.yaml" --list) || fail "--list exit $?"
  [ "$(grep -c '^[0-9]' <<<"$out")" -eq 8 ] || fail "--list shows $(grep -c '^[0-9]' <<<"$out") points, not 8"
  grep -q "8 points (grid design, 2 replicates), every config valid" <<<"$out" || fail "--list footer: $out"
  "$HOSIM" sweep "$W/grid.yaml" --all -o "$W/all" --threads 2 --quiet || fail "--all exit $?"
  for i in 0 1 2 3 4 5 6 7; do
    "$HOSIM" sweep "$W/grid.yaml" --point $i -o "$W/loop" --threads 1 --quiet || fail "--point $i exit $?"
  done
  # A Slurm array task: --point env.
  for i in 0 1 2 3 4 5 6 7; do
    SLURM_ARRAY_TASK_ID=$((i - 3)) HOSIM_POINT_OFFSET=3 "$HOSIM" sweep "$W/grid.yaml" --point env \
      -o "$W/env" --threads 2 --quiet 2>/dev/null
    [ $i -ge 3 ] || continue
  done
  for i in 0 1 2; do
    SLURM_ARRAY_TASK_ID=$i "$HOSIM" sweep "$W/grid.yaml" --point env -o "$W/env" --quiet || fail "env $i"
  done
  for d in all loop env; do "$HOSIM" collect "$W/$d" >"$W/$d.txt" || fail "collect $d exit $?"; done
  grep -q "8 points: 8 finished, 0 failed" "$W/all.txt" || fail "collect: $(cat "$W/all.txt")"
  same_tables "$W/all" "$W/loop"
  same_tables "$W/all" "$W/env"
  same_runs "$W/all" "$W/loop"
  if [ -n "${MPIRUN:-}" ]; then
    $MPIRUN -np 2 "$HOSIM" sweep "$W/grid.yaml" --mpi -o "$W/mpi" --threads 1 --quiet || fail "mpirun exit $?"
    "$HOSIM" collect "$W/mpi" >/dev/null || fail "collect mpi"
    same_tables "$W/all" "$W/mpi"
    same_runs "$W/all" "$W/mpi"
  fi
  $PY - "$W/all" <<'PYEOF' || fail "collected table contents"
import sys, csv, h5py, numpy as np
d = sys.argv[1]
rows = list(csv.DictReader(open(d + "/collected.csv")))
assert len(rows) == 8 and all(r["status"] == "finished" for r in rows), rows
assert [r["bmp.half_max"] for r in rows] == ["0.2 nM"] * 4 + ["0.4 nM"] * 4
assert [float(r["acid.necrosis_release"]) for r in rows[:4]] == [5e-4, 5e-4, 2e-3, 2e-3]
assert len({r["seed"] for r in rows}) == 8
f = h5py.File(d + "/collected.h5", "r")
p = f["/points"]
assert p["acid.necrosis_release"].attrs["unit"] in ("mM/s", b"mM/s")
assert p["ho_volume_mm3"].attrs["unit"] in ("mm^3", b"mm^3")
assert np.array_equal(p["index"][:], np.arange(8))
assert np.all(np.isfinite(p["lesion_ph"][:]))
# The acid load of the axis shows in the readout.
ph = {(r["acid.necrosis_release"], r["replicate"]): float(r["lesion_ph"]) for r in rows[:4]}
assert ph[("0.002", "0")] < ph[("0.0005", "0")], ph
PYEOF
  ;;
kill_and_resume)
  timed_grid 6
  "$HOSIM" sweep "$W/timed.yaml" --all -o "$W/whole" --threads 2 --quiet || fail "whole sweep exit $?"
  "$HOSIM" sweep "$W/timed.yaml" --all -o "$W/cut" --threads 2 --jobs 2 2>"$W/cut1.log" &
  # Stop it once the first point has finished and others are under way.
  signal_after_first_point $! TERM "$W/cut" "$W/cut1.log"
  "$HOSIM" collect "$W/cut" >"$W/c1.txt"
  grep -q "4 points: 4 finished" "$W/c1.txt" && fail "the sweep finished before the signal; nothing was tested"
  "$HOSIM" sweep "$W/timed.yaml" --all -o "$W/cut" --threads 2 2>"$W/cut2.log" || fail "resumed sweep exit $?"
  grep -Eq "[1-9] already finished" "$W/cut2.log" || fail "re-run did not skip finished points: $(cat "$W/cut2.log")"
  # Only the unfinished points ran again.
  ran=$(grep -c "finished in" "$W/cut2.log")
  [ "$ran" -lt 4 ] || fail "all 4 points ran again"
  "$HOSIM" collect "$W/whole" >/dev/null && "$HOSIM" collect "$W/cut" >/dev/null || fail collect
  same_tables "$W/whole" "$W/cut"
  same_runs "$W/whole" "$W/cut"
  if [ -n "$MPIRUN" ]; then
    # The same under mpirun: SIGUSR1 (what Slurm's --signal sends) reaches
    # every rank through mpirun; the job exits 99 and a second mpirun resumes.
    $MPIRUN -np 2 "$HOSIM" sweep "$W/timed.yaml" --mpi -o "$W/mpi" --quiet 2>"$W/mpi1.log" &
    signal_after_first_point $! USR1 "$W/mpi" "$W/mpi1.log"
    $MPIRUN -np 2 "$HOSIM" sweep "$W/timed.yaml" --mpi -o "$W/mpi" --quiet || fail "mpirun resume exit $?"
    "$HOSIM" collect "$W/mpi" >/dev/null || fail "collect mpi"
    same_tables "$W/whole" "$W/mpi"
    same_runs "$W/whole" "$W/mpi"
  fi
  # A third run has nothing left to do.
  "$HOSIM" sweep "$W/timed.yaml" --all -o "$W/cut" 2>"$W/cut3.log" || fail "third run exit $?"
  grep -q "4 already finished, 0 to run" "$W/cut3.log" || fail "third run: $(cat "$W/cut3.log")"
  ;;
failed_point_recorded)
  small_grid
  # Point 1 cannot write its results (run.h5 is a non-empty folder): an I/O
  # failure of that point alone.
  mkdir -p "$W/s/points/p000001/run.h5/blocker"
  "$HOSIM" sweep "$W/grid.yaml" --all -o "$W/s" --threads 2 2>"$W/s.log"; rc=$?
  [ $rc -eq 3 ] || fail "a sweep with a failed point must exit with its code (3), got $rc"
  grep -q "point 1 failed (exit 3)" "$W/s.log" || fail "no failure line: $(cat "$W/s.log")"
  [ -s "$W/s/points/p000001/failure.json" ] || fail "no failure.json"
  "$HOSIM" collect "$W/s" >"$W/c.txt" || fail "collect exit $?"
  grep -q "8 points: 7 finished, 1 failed" "$W/c.txt" || fail "collect: $(cat "$W/c.txt")"
  grep -q '^1,3,' "$W/s/failures.csv" || fail "failures.csv: $(cat "$W/s/failures.csv")"
  grep -q "run.h5" "$W/s/failures.csv" || fail "failure message lacks the file"
  rm -rf "$W/s/points/p000001/run.h5"
  "$HOSIM" sweep "$W/grid.yaml" --all -o "$W/s" --threads 2 2>"$W/s2.log" || fail "re-run exit $?"
  grep -q "7 already finished, 1 to run" "$W/s2.log" || fail "re-run: $(cat "$W/s2.log")"
  "$HOSIM" collect "$W/s" | grep -q "8 finished, 0 failed" || fail "after repair"
  [ ! -e "$W/s/points/p000001/failure.json" ] || fail "failure.json kept after success"
  ;;
morris_collect)
  cat > "$W/morris.yaml" <<YAML
sweep:
  name: morris_small
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: 2 day, grid.nx: 80, grid.ny: 80, output.snapshot_interval: 1 day}
  design: morris
  samples: 3
  levels: 4
  seed: 5
axes:
  - {key: acid.necrosis_release, from: 5e-4 mM/s, to: 2e-3 mM/s}
  - {key: bmp.half_max, from: 0.2 nM, to: 0.4 nM}
YAML
  "$HOSIM" sweep "$W/morris.yaml" --all -o "$W/m" --threads 2 --quiet || fail "morris sweep exit $?"
  out=$("$HOSIM" collect "$W/m" --response lesion_ph --response ho_volume_mm3) || fail "collect exit $?"
  grep -q "9 points: 9 finished" <<<"$out" || fail "collect: $out"
  $PY - "$W/m" <<'PYEOF' || fail "morris.csv"
import sys, csv
rows = list(csv.DictReader(open(sys.argv[1] + "/morris.csv")))
assert [(r["response"], r["key"]) for r in rows] == [
    ("lesion_ph", "acid.necrosis_release"), ("lesion_ph", "bmp.half_max"),
    ("ho_volume_mm3", "acid.necrosis_release"), ("ho_volume_mm3", "bmp.half_max")], rows
assert all(int(r["effects"]) == 3 for r in rows), rows
# More necrotic acid lowers the lesion pH: a negative mean effect, and the
# acid matters more for pH than the BMP threshold does.
assert float(rows[0]["mu"]) < 0 and float(rows[0]["mu_star"]) > float(rows[1]["mu_star"]), rows
PYEOF
  "$HOSIM" collect "$W/m" --response nonsense >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown response must exit 2"
  if [ -x "$PY" ] && $PY -c "import matplotlib" 2>/dev/null; then
    $PY "$SRC/analysis/sweep_plots.py" "$W/m" --png "$W/m/morris.png" || fail "sweep_plots.py exit $?"
    [ -s "$W/m/morris.png" ] || fail "no morris.png"
  fi
  ;;
size_targets)
  # analysis/size_targets.py on a 2-radius sweep (3 days, a small slice):
  # one column per radius, and the readouts are ho_course's for each point.
  cat > "$W/size.yaml" <<YAML
sweep:
  name: size
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: 3 day, grid.nx: 100, grid.ny: 100, output.snapshot_interval: 1 day}
  seed: 5
axes:
  - {key: injury.radii, values: ["[400 um, 400 um, 400 um]", "[700 um, 700 um, 700 um]"]}
YAML
  "$HOSIM" sweep "$W/size.yaml" --all -o "$W/s" --threads 2 --quiet || fail "size sweep exit $?"
  $PY "$SRC/analysis/size_targets.py" "$W/s" --md "$W/size.md" --png "$W/size.png" >/dev/null \
    || fail "size_targets.py exit $?"
  [ -s "$W/size.png" ] || fail "no size.png"
  for p in 0 1; do
    $PY "$SRC/analysis/ho_course.py" "$W/s/points/p00000$p" --json "$W/c$p.json" >/dev/null \
      || fail "ho_course.py p$p"
  done
  $PY - "$W/size.md" "$W/c0.json" "$W/c1.json" <<'PYEOF' || fail "size table"
import sys, json
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == "| target | 0.4 mm | 0.7 mm |", lines[0]
row = {l.split("|")[1].strip(): [c.strip() for c in l.split("|")[2:-1]] for l in lines if l.startswith("| ")}
for i, path in enumerate(sys.argv[2:]):
    c = json.load(open(path))
    want = "1/1" if c["ph_first_48h"]["pass"] else "0/1"
    assert row["ph_first_48h"][i] == want, (row["ph_first_48h"], want)
    assert row["pH at day 2"][i] == f'{c["ph_day2"]["value"]:.4g}', (row["pH at day 2"], c["ph_day2"])
# The larger lesion is more acidic at day 2 (more necrotic load, farther from perfusion).
assert float(row["pH at day 2"][1]) < float(row["pH at day 2"][0]), row["pH at day 2"]
PYEOF
  mkdir -p "$W/empty/points"
  $PY "$SRC/analysis/size_targets.py" "$W/empty" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no finished point must exit 2"
  ;;
shipped_sweeps)
  # Every sweep file shipped in experiments/sweeps lists and loads all its
  # point configs; the cohort's risk-factor shifts show in its draws.
  for f in "$SRC"/experiments/sweeps/*.yaml; do
    "$HOSIM" sweep "$f" --list >"$W/$(basename "$f").tsv" || fail "$f: --list exit $?"
  done
  $PY - "$W/sci_cohort.yaml.tsv" <<'PYEOF' || fail "sci_cohort draws"
import sys, csv, statistics as st
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if not r["index"].startswith("#")]
assert len(rows) == 200, len(rows)
d = lambda sex, lesion: [float(r["injury.vessel_damage"]) for r in rows
                         if r["sex"] == sex and r["lesion"] == lesion]
# Each level's draws centre on the base mean 0.545 plus its shifts (men
# +0.06, complete lesions +0.075; normal, sd 0.1, within 4 standard errors).
for sex, lesion, mean in (("female", "incomplete", 0.545), ("male", "incomplete", 0.605),
                          ("female", "complete", 0.62), ("male", "complete", 0.68)):
    x = d(sex, lesion)
    assert abs(st.mean(x) - mean) < 4 * 0.1 / len(x) ** 0.5, (sex, lesion, st.mean(x), len(x))
PYEOF
  ;;
cohort_incidence)
  # 12 patients on a small slice for 2 days; a group of "acid producers"
  # lowers the lesion pH, which is the outcome counted here.
  cat > "$W/cohort.yaml" <<YAML
sweep:
  name: small_cohort
  base: $SRC/configs/teaching_2d.yaml
  set: {run.duration: 2 day, grid.nx: 80, grid.ny: 80, output.snapshot_interval: 1 day}
  design: cohort
  samples: 12
  seed: 4
  outcome: {readout: lesion_ph, above: 6}
groups:
  - name: acid
    levels:
      - {label: high, p: 0.5, set: {acid.necrosis_release: 3e-3 mM/s}, expected: [90 %, 100 %]}
      - {label: low, p: 0.5, set: {acid.necrosis_release: 2e-4 mM/s}, expected: 1}
axes:
  - {key: bmp.half_max, distribution: lognormal, median: 0.3 nM, gsd: 1.3}
YAML
  "$HOSIM" sweep "$W/cohort.yaml" --all -o "$W/c" --threads 2 --quiet || fail "cohort sweep exit $?"
  out=$("$HOSIM" collect "$W/c") || fail "collect exit $?"
  grep -q "Incidence of lesion_ph > 6 among finished patients" <<<"$out" || fail "no incidence table: $out"
  $PY - "$W/c" <<'PYEOF' || fail "incidence.csv"
import sys, csv
d = sys.argv[1]
pts = list(csv.DictReader(open(d + "/collected.csv")))
assert len(pts) == 12 and {p["acid"] for p in pts} == {"high", "low"}, pts
rows = {(r["group"], r["level"]): r for r in csv.DictReader(open(d + "/incidence.csv"))}
assert int(rows[("all", "all")]["patients"]) == 12, rows
hi, lo = rows[("acid", "high")], rows[("acid", "low")]
assert int(hi["patients"]) + int(lo["patients"]) == 12
# Recount from the table of points.
for level, r in (("high", hi), ("low", lo)):
    n = sum(1 for p in pts if p["acid"] == level and float(p["lesion_ph"]) > 6)
    assert int(r["with_outcome"]) == n, (level, r, n)
assert float(lo["incidence"]) > float(hi["incidence"]), (hi, lo)
# Each stated rate is judged by whether the Wilson interval overlaps it.
for r in (hi, lo):
    lo95, hi95 = float(r["ci95_lo"]), float(r["ci95_hi"])
    assert lo95 <= float(r["incidence"]) <= hi95, r
    overlap = hi95 >= float(r["expected_lo"]) and lo95 <= float(r["expected_hi"])
    assert r["verdict"] == ("consistent" if overlap else "inconsistent"), r
assert rows[("all", "all")]["verdict"] == "", rows
PYEOF
  ;;
bad_sweeps)
  small_grid
  out=$("$HOSIM" sweep "$W/none.yaml" --list 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "sweep file '$W/none.yaml' does not exist" <<<"$out" || fail "missing file: $rc $out"
  out=$("$HOSIM" sweep "$W/grid.yaml" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "say what to do" <<<"$out" || fail "no mode: $rc $out"
  out=$("$HOSIM" sweep "$W/grid.yaml" --point 8 -o "$W/x" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "there is no point 8; the sweep has 8 points (0..7)" <<<"$out" || fail "point 8: $rc $out"
  out=$("$HOSIM" sweep "$W/grid.yaml" --point x -o "$W/x" 2>&1); rc=$?
  [ $rc -eq 2 ] || fail "--point x: $rc $out"
  out=$(env -u SLURM_ARRAY_TASK_ID "$HOSIM" sweep "$W/grid.yaml" --point env -o "$W/x" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "SLURM_ARRAY_TASK_ID is not set" <<<"$out" || fail "env unset: $rc $out"
  "$HOSIM" sweep "$W/grid.yaml" --list --all >/dev/null 2>&1; [ $? -eq 2 ] || fail "--list --all must exit 2"
  # A value the parameter table rejects fails at --list and --all, before any run.
  sed -e 's/0.4 nM/-1 nM/' "$W/grid.yaml" > "$W/bad.yaml"
  out=$("$HOSIM" sweep "$W/bad.yaml" --all -o "$W/bad" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "point 4: .*bmp.half_max" <<<"$out" || fail "bad value: $rc $out"
  [ ! -e "$W/bad/points/p000000/run.h5" ] || fail "a rejected sweep ran a point"
  sed -e 's/bmp.half_max/bmp.half_maks/' "$W/grid.yaml" > "$W/typo.yaml"
  out=$("$HOSIM" sweep "$W/typo.yaml" --list 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "did you mean 'bmp.half_max'" <<<"$out" || fail "typo: $rc $out"
  out=$("$HOSIM" collect "$W/nothing" 2>&1); rc=$?
  [ $rc -eq 3 ] && grep -q "is not a sweep folder" <<<"$out" || fail "collect of a non-sweep: $rc $out"
  ;;
*) fail "unknown test $T" ;;
esac
echo "PASS $T"
