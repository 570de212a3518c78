#!/usr/bin/env bash
# End-to-end checks of `hosim` as a user runs it. Usage: cli_test.sh <test>.
# Needs HOSIM (the binary), SRC (source tree) and WORK (scratch folder).
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
T=$1
W="$WORK/$T"
rm -rf "$W" && mkdir -p "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
# A short 2D run: 3 days, snapshots daily, checkpoints every day.
SHORT=(--set run.duration=3day --set output.snapshot_interval=1day --set output.checkpoint_interval=1day --quiet)
PY=/usr/bin/python3

same_results() {
  # h5diff exits 0 only when /data and /timeseries hold equal values, but it
  # also exits 0 for objects it cannot compare (e.g. a time series of another
  # length), so that output is a failure too.
  local grp out
  for grp in /data /timeseries; do
    out=$(h5diff -c "$1" "$2" $grp $grp 2>&1) || fail "$grp differs between $1 and $2: $out"
    grep -qi "not comparable" <<<"$out" && fail "$grp not comparable between $1 and $2: $out"
  done
  return 0
}

case "$T" in
run_writes_outputs)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/out" "${SHORT[@]}" || fail "run exited $?"
  for f in run.h5 run.xmf summary.json checkpoint.h5; do [ -s "$W/out/$f" ] || fail "missing $f"; done
  h5dump -H "$W/out/run.h5" >/dev/null || fail "h5dump cannot read run.h5"
  h5dump -a /provenance/git_commit "$W/out/run.h5" >/dev/null || fail "no provenance git_commit"
  $PY - "$W/out" <<'PYEOF' || fail "h5py/XDMF checks failed"
import sys, json, h5py, numpy as np, xml.etree.ElementTree as ET
d = sys.argv[1]
f = h5py.File(d + "/run.h5", "r")
steps = sorted(f["/data"].keys(), key=int)
assert steps == ["0", "96", "192", "288"], steps
m = f["/data/96/meshes/bmp"]
assert m.shape == (1, 200, 200) and m.dtype == np.float32, (m.shape, m.dtype)
assert m.attrs["unit"] in (b"nM", "nM")
for k in ("mineral", "vessels", "ph", "osteoid", "o2", "acid"):
    assert k in f["/data/96/meshes"], k
ct = f["/data/96/meshes/cell_type"]
assert ct.dtype == np.uint8 and (ct[...] > 0).sum() > 0
t = f["/timeseries/time_days"][...]
assert abs(t[0]) < 1e-12 and abs(t[-1] - 3.0) < 1e-12 and len(t) == 13, t
for k in ("cells_mpc", "ho_volume_mm3", "lesion_ph", "lesion_o2", "serum_alp"):
    assert len(f["/timeseries/" + k]) == len(t)
for k in ("software_version", "git_commit", "seed", "rng", "threads"):
    assert k in f["/provenance"].attrs, k
for k in ("config_input_yaml", "config_resolved_yaml", "command_line", "build_info"):
    assert k in f["/provenance"], k
x = ET.parse(d + "/run.xmf").getroot()
grids = x.findall(".//Grid[@GridType='Uniform']")
assert len(grids) == 4, len(grids)
topo = grids[0].find("Topology").get("Dimensions").split()
assert topo == ["2", "201", "201"], topo
s = json.load(open(d + "/summary.json"))
assert abs(s["time_days"] - 3.0) < 1e-9 and "cells_mpc" in s["readouts"], s
PYEOF
  ;;
threads_identical)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/t1" "${SHORT[@]}" --threads 1 || fail "t1"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/t2" "${SHORT[@]}" --threads 2 || fail "t2"
  same_results "$W/t1/run.h5" "$W/t2/run.h5"
  # The default's octant (mirror planes), cut down.
  SMALL3D=(--set run.duration=2day --set grid.nx=30 --set grid.ny=30 --set grid.nz=20 --quiet)
  "$HOSIM" run "$SRC/configs/default.yaml" -o "$W/u1" "${SMALL3D[@]}" --threads 1 || fail "u1"
  "$HOSIM" run "$SRC/configs/default.yaml" -o "$W/u2" "${SMALL3D[@]}" --threads 2 || fail "u2"
  same_results "$W/u1/run.h5" "$W/u2/run.h5"
  # A whole domain with a centred lesion and far-field (Dirichlet) oxygen.
  WHOLE=(--set "grid.mirror=[]" --set "injury.centre=[0.5, 0.5, 0.5]"
    --set "injury.radii=[300 um, 250 um, 200 um]" --set fields.o2.boundary=dirichlet)
  "$HOSIM" run "$SRC/configs/default.yaml" -o "$W/d1" "${SMALL3D[@]}" "${WHOLE[@]}" --threads 1 || fail "d1"
  "$HOSIM" run "$SRC/configs/default.yaml" -o "$W/d2" "${SMALL3D[@]}" "${WHOLE[@]}" --threads 2 || fail "d2"
  same_results "$W/d1/run.h5" "$W/d2/run.h5"
  ;;
interventions_identical)
  # A small slice with every kind of hook acting, some on each side of the
  # stop at day 33 (rt's repopulation delay spans it): thread counts and
  # stop/resume must not change a bit of /data, /timeseries or /interventions.
  IV='interventions=[{type: nsaid, start: 0 day, end: 6 day}, {type: radiation, name: rt, start: 2.2 day, dose: 3 Gy, repopulation_delay: 31 day, region: {radii: [300 um, 300 um, 300 um]}}, {type: noggin, start: 1 day, doses: 2, interval: 20 day, dose: 0.5 nM}, {type: noggin, name: sys, mode: systemic, start: 3 day, dose: 1 nM}, {type: pemf, start: 1 day, end: 30 day, session: 2 h}, {type: scavenger, start: 0 day, end: 10 day}, {type: palovarotene, start: 5 day, end: 25 day, inhibition: 0.3}, {type: etidronate, start: 37 day, dose: 5 mg/kg/day}, {type: excision, name: cut, start: 37 day, margin: 20 um}, {type: radiation, after: cut, start: 1 day, dose: 2 Gy}]'
  CFG=(--set run.duration=40day --set grid.nx=70 --set grid.ny=70 --set "injury.radii=[500 um, 500 um, 500 um]" --set output.snapshot_interval=2day --set output.checkpoint_interval=0day --set "$IV" --quiet)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/a" "${CFG[@]}" --threads 2 || fail "run a"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/b" "${CFG[@]}" --threads 1 --stop-at-day 33
  rc=$?; [ $rc -eq 99 ] || fail "stopped run exited $rc, expected 99"
  "$HOSIM" resume "$W/b" --quiet --threads 2 || fail "resume exited $?"
  same_results "$W/a/run.h5" "$W/b/run.h5"
  out=$(h5diff -c "$W/a/run.h5" "$W/b/run.h5" /interventions /interventions 2>&1) || fail "/interventions differs: $out"
  $PY - "$W/a/run.h5" <<'PYEOF' || fail "intervention outputs"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
ev = f["/interventions/events"]
names = [x.decode() for x in ev["name"][()]]
actions = [x.decode() for x in ev["action"][()]]
for want in ("rt", "cut", "radiation", "nsaid", "sys", "pemf"):
    assert want in names, (want, names)
k = names.index("cut")
assert ev["time_days"][k] == 37.0 and actions[k] == "excised_volume", (ev["time_days"][k], actions[k])
assert ev["amount"][k] > 0, "the excision found no visible HO at day 37"
ts = f["/timeseries"]
assert ts["rt_cells_killed"][-1] > 0 and ts["cut_excised_volume"][-1] > 0
assert ts["radiation_dose_delivered"][-1] == 2.0
assert list(f["/interventions/schedule/name"][()]) == [b"nsaid", b"rt", b"noggin", b"sys", b"pemf", b"scavenger", b"palovarotene", b"etidronate", b"cut", b"radiation"]
PYEOF
  ;;
stop_resume_identical)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/full" "${SHORT[@]}" --set output.checkpoint_interval=0day || fail "full run"
  # Stop at day 1.5 (between snapshots), resume with another thread count.
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/part" "${SHORT[@]}" --set output.checkpoint_interval=0day --stop-at-day 1.5 --threads 1
  rc=$?; [ $rc -eq 99 ] || fail "stopped run exited $rc, expected 99"
  "$HOSIM" resume "$W/part" --quiet --threads 2 || fail "resume exited $?"
  same_results "$W/full/run.h5" "$W/part/run.h5"
  # A crash after a checkpoint: the file holds output past the checkpoint
  # (day 2.75), the checkpoint is from day 2; resuming must drop the extra
  # output and still reproduce the uninterrupted file.
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/crash" "${SHORT[@]}" --set output.checkpoint_interval=0day --stop-at-day 2
  rc=$?; [ $rc -eq 99 ] || fail "stop at day 2 exited $rc"
  cp "$W/crash/checkpoint.h5" "$W/ck_day2.h5"
  "$HOSIM" resume "$W/crash" --quiet --stop-at-day 2.75
  rc=$?; [ $rc -eq 99 ] || fail "stop at day 2.75 exited $rc"
  cp "$W/ck_day2.h5" "$W/crash/checkpoint.h5"
  "$HOSIM" resume "$W/crash" --quiet || fail "resume after crash"
  same_results "$W/full/run.h5" "$W/crash/run.h5"
  "$HOSIM" resume "$W/crash" --quiet || fail "resuming a finished run must succeed"
  ;;
signal_resume_identical)
  CFG=(--set run.duration=20day --set output.checkpoint_interval=0day --set grid.nx=180 --set grid.ny=180 --quiet --threads 1)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/full" "${CFG[@]}" || fail "full run"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/sig" "${CFG[@]}" &
  pid=$!
  # Wait for the first snapshot beyond day 0, then ask the run to stop.
  for _ in $(seq 1 600); do
    [ -f "$W/sig/run.xmf" ] && grep -q 'Time Value="1' "$W/sig/run.xmf" 2>/dev/null && break
    sleep 0.05
  done
  kill -TERM $pid
  wait $pid; rc=$?
  [ $rc -eq 99 ] || fail "SIGTERM run exited $rc, expected 99"
  [ -s "$W/sig/checkpoint.h5" ] || fail "no checkpoint after SIGTERM"
  "$HOSIM" resume "$W/sig" --quiet --threads 2 || fail "resume"
  same_results "$W/full/run.h5" "$W/sig/run.h5"
  ;;
bad_configs)
  n=0
  for f in "$SRC"/tests/config/bad/*.yaml; do
    want_rc=$(sed -n 's/^# expect-exit: *//p' "$f" | head -1)
    want_msg=$(sed -n 's/^# expect-message: *//p' "$f" | head -1)
    [ -n "$want_rc" ] || fail "$f has no expect-exit line"
    if grep -q '^# stage: run' "$f"; then
      out=$("$HOSIM" run "$f" -o "$W/run_$(basename "$f" .yaml)" --quiet 2>&1); rc=$?
    else
      out=$("$HOSIM" check "$f" 2>&1); rc=$?
    fi
    [ "$rc" = "$want_rc" ] || fail "$(basename "$f"): exit $rc, expected $want_rc: $out"
    grep -qF -- "$want_msg" <<<"$out" || fail "$(basename "$f"): message lacks '$want_msg': $out"
    n=$((n + 1))
  done
  [ $n -ge 25 ] || fail "only $n bad configs"
  # A wrong intervention entry is refused before the output folder is made.
  [ ! -e "$W/run_intervention_dose_unit_missing" ] || fail "a refused run created its output folder"
  echo "$n bad configs rejected as expected"
  ;;
run_stage_errors)
  out=$("$HOSIM" run "$W/does_not_exist.yaml" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "does_not_exist.yaml" <<<"$out" || fail "missing config: $rc $out"
  touch "$W/a_file"
  out=$("$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/a_file/out" --quiet 2>&1); rc=$?
  [ $rc -eq 3 ] && grep -q "output directory" <<<"$out" || fail "unwritable outdir: $rc $out"
  out=$("$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/big" --set grid.nx=20000 --set grid.ny=20000 --set grid.nz=2000 --quiet 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q "grid.nx" <<<"$out" || fail "huge grid: $rc $out"
  [ ! -e "$W/big" ] || fail "a rejected run created its output folder"
  out=$("$HOSIM" resume "$W/nothing_here" 2>&1); rc=$?
  [ $rc -eq 3 ] && grep -q "checkpoint" <<<"$out" || fail "resume without checkpoint: $rc $out"
  mkdir -p "$W/badck" && echo "not hdf5" > "$W/badck/checkpoint.h5"
  out=$("$HOSIM" resume "$W/badck" 2>&1); rc=$?
  [ $rc -eq 3 ] || fail "corrupt checkpoint: $rc $out"
  # A bad override must not damage an earlier run in the same folder.
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/keep" "${SHORT[@]}" || fail "first run"
  sum=$(md5sum < "$W/keep/run.h5")
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/keep" --set grid.nx=-3 --quiet 2>/dev/null; rc=$?
  [ $rc -eq 2 ] || fail "bad override exit $rc"
  [ "$(md5sum < "$W/keep/run.h5")" = "$sum" ] || fail "a rejected run changed the earlier run.h5"
  ;;
params_and_check)
  out=$("$HOSIM" params) || fail "params exit $?"
  grep -q "fields.bmp.diffusion" <<<"$out" || fail "params lacks fields.bmp.diffusion"
  "$HOSIM" params --markdown | diff -q - "$SRC/configs/PARAMETERS.md" >/dev/null || fail "configs/PARAMETERS.md is stale: regenerate with 'hosim params --markdown > configs/PARAMETERS.md'"
  for c in "$SRC"/configs/*.yaml "$SRC"/configs/*/*.yaml; do
    "$HOSIM" check "$c" >/dev/null || fail "check $(basename "$c") exit $?"
  done
  out=$("$HOSIM" check "$SRC/configs/teaching_2d.yaml" --set "fields.bmp.diffusion=20 um^2/s") || fail "check --set"
  grep -q "diffusion: 20 " <<<"$out" || fail "override not shown: $out"
  ;;
command_line_errors)
  "$HOSIM" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no subcommand must exit 2"
  "$HOSIM" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown subcommand must exit 2"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" --threads -1 -o "$W/x" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--threads -1 must exit 2"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" --set nonsense -o "$W/x" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--set without = must exit 2"
  "$HOSIM" --version | grep -q "0\." || fail "--version"
  "$HOSIM" --help >/dev/null || fail "--help"
  ;;
paraview_reads_xdmf)
  # ParaView's own XDMF reader must see every output time, the right
  # geometry (a non-zero origin here) and every value at its voxel.
  command -v pvpython >/dev/null || { echo "SKIP: pvpython not installed (bash .ci/setup --tests)"; exit 77; }
  "$HOSIM" run "$SRC/configs/default.yaml" -o "$W/pv" --quiet --set run.duration=2day --set grid.nx=30 --set grid.ny=24 --set grid.nz=16 \
    --set "grid.origin=[100 um, -40 um, 2 mm]" --set output.fields=[all] || fail "run"
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/pv2" --quiet --set run.duration=2day --set output.float64=true || fail "run 2D"
  pvpython "$SRC/tests/io/paraview_check.py" "$W/pv" || fail "ParaView check (3D)"
  pvpython "$SRC/tests/io/paraview_check.py" "$W/pv2" || fail "ParaView check (2D, float64)"
  ;;
golden_teaching_2d)
  "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$W/g" --set run.duration=20day --quiet || fail "run"
  $PY - "$SRC/tests/regression/teaching_2d_day20.json" "$W/g/summary.json" <<'PYEOF' || fail "readouts differ from the golden run"
import json, sys
g = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))["readouts"]
bad = []
for k, want in g["readouts"].items():
    got, tol = s[k]["value"], g["rel_tolerance"][k]
    if abs(got - want) > tol * max(abs(want), 1e-300):
        bad.append(f"{k}: {got} vs golden {want} (tolerance {tol:.0%})")
    else:
        print(f"{k}: {got} vs golden {want}")
if bad:
    print("\n".join(bad))
    sys.exit(1)
PYEOF
  ;;
odd_parameters_current)
  # The parameter section of experiments/ODD.md is the verbatim output of
  # `hosim params --markdown` between two marker lines.
  odd="$SRC/experiments/ODD.md"
  begin='<!-- BEGIN GENERATED PARAMETERS (hosim params --markdown) -->'
  end='<!-- END GENERATED PARAMETERS -->'
  grep -qxF -- "$begin" "$odd" && grep -qxF -- "$end" "$odd" || fail "$odd lacks the marker lines '$begin' and '$end'"
  awk -v b="$begin" -v e="$end" '$0 == e { on = 0 } on { print } $0 == b { on = 1 }' "$odd" > "$W/odd_section.md"
  "$HOSIM" params --markdown > "$W/params.md" || fail "params --markdown exit $?"
  diff -u "$W/params.md" "$W/odd_section.md" > "$W/odd.diff" ||
    fail "the parameter section of experiments/ODD.md is stale ($(grep -c '^[-+][^-+]' "$W/odd.diff") lines differ, see $W/odd.diff): regenerate with 'experiments/update_odd_parameters.sh <path to hosim>'"
  ;;
*) fail "unknown test $T" ;;
esac
echo "PASS: $T"
