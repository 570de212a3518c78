#!/usr/bin/env bash
# The HO course against MODEL.md §1 (analysis/ho_course.py) and the three
# requirements, the calcinosis differential and the hip's Brooker grade. Usage:
# ho_course_test.sh teaching|default|large|trio|calcinosis|hip|hip_start
# Environment: HOSIM (binary), SRC (source tree), WORK (scratch folder).
#
# Targets the model does not meet yet are named in KNOWN_UNMET; the checker
# fails if one of them starts to pass, so the list stays current
# (experiments/ODD.md, calibration status).
set -euo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
PY=/usr/bin/python3
mode=${1:?teaching, default, large, trio, calcinosis, hip or hip_start}
out="$WORK/ho_course_$mode"
rm -rf "$out" && mkdir -p "$out"

case "$mode" in
  teaching)
    # zone_phenomenon depends on the seed at the end of its window: over
    # seeds 1-4 (2026-11-21, with PGE2 on commitment, the t = 0 inflammatory
    # burst and anoxic death of every type) it holds at days 28 and 35 in
    # all and at day 42 in 3 (seed 3: core at 30 % of the rim peak against
    # < 30 %). Day 21 comes before the first HO in seeds 1, 3 and 4 (onset
    # days 24.5-25.5) and is not judged there (analysis/ho_course.py), so
    # seed 1 meets it (2026-12-03). Lesion O2 dips to 4.93-5.02 mmHg against the
    # lower bound 5 (seed 1 just passes). The ultrasound-zone readout finds
    # all four zones at day 28 only (day 21, before HO, is not judged); at days 35-42 the
    # ring reaches the injury's edge, where normal muscle begins (no lucent
    # gap). experiments/ODD.md, sections 4.9 and 7.13.
    # Neutrophil acid (acid.neutrophil_glycolysis, 2026-12-04) holds this
    # slice, which clears acid only in its plane, below the early pH
    # targets: 48-h mean 6.56, day 2 6.70 (ODD.md 7.7).
    # The run goes on to day 100 so that the maturation target (first
    # mature bone about two months after the first osteoid; osteoid from
    # day ~7) can be read; the other targets lie before day 60.
    "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$out/run" --quiet --set run.duration=100day
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet ph_first_48h,ph_day2,alp_peak,zone_ultrasound
    # Ossification, not calcinosis: mineral in osteoid (lesion-type classifier).
    $PY - "$out/run/summary.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["readouts"]
kind, share = r["lesion_type"]["value"], r["mineral_in_osteoid"]["value"]
print(f"teaching_2d: lesion_type {kind:g}, mineral_in_osteoid {share:.3f}")
assert kind == 1, f"teaching_2d HO classed as lesion type {kind} (1 = ossification)"
PY
    # The radiograph images of the same run, side by side.
    $PY "$SRC/analysis/radiograph_panel.py" "$out/run" --png "$out/radiographs.png"
    test -s "$out/radiographs.png"
    ;;
  default)
    # Since the eighth round (ODD.md 7.13: graded pH step, bone beside
    # vessels, progenitors primed by hypoxia) the alkaline phase and the
    # radiograph are met in seeds 1-3 (ninth round, with ROS in the priming
    # memory: pH 7.46-7.47 at day 20, radiograph from day 27-27.5). Serum
    # ALP peaks at 2.5 x ULN at days 20-21, not near week 10 (ODD.md 7.13),
    # and the ultrasound readout finds no lucent gap at days 28-42: the
    # mineralised ring reaches past the injury's edge (to rho 1.15). The
    # early pH targets are met since neutrophils make acid (48-h mean 6.89,
    # day 2 7.12; ODD.md 7.7).
    "$HOSIM" run "$SRC/configs/default.yaml" -o "$out/run" --quiet
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet \
      alp_peak,zone_ultrasound
    ;;
  large)
    # The octant of a 3.2 x 2.4 x 2.0 mm contusion (configs/large_3d.yaml,
    # twice the default's): the alkaline phase starts (pH 7.55 at day 20),
    # but serum ALP peaks at 3.0 x ULN on day 24.5, not near week 10; the pH
    # meets the first 48 h (6.68, with the neutrophils' acid) but is too
    # acid at day 2 (6.84); the core of the zone profile is mineral-free
    # but acellular at days 28-35 (5 % and 26 % of its voxels occupied:
    # anoxic death; ninth round, 2026-12-04; day 21 has no HO and is not
    # judged); the ultrasound readout finds no lucent gap at days 28-42.
    # ODD.md §7.13.
    "$HOSIM" run "$SRC/configs/large_3d.yaml" -o "$out/run" --quiet
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet ph_day2,alp_peak,zone_phenomenon,zone_ultrasound
    ;;
  calcinosis)
    # Tumoral calcinosis (configs/calcinosis_2d.yaml, seed 001): hyperphosphataemia
    # on a perfused dystrophic lesion precipitates calcium phosphate as several
    # separate nodules without osteoid, and the classifier calls it
    # calcinosis (2), where the HO of teaching_2d is ossification (1). The
    # nodules are rounded, not lattice-shaped (diamonds: isotropy 0.71),
    # some partly confluent (lobulated), and macrophages keep gathering
    # around them after the injury's recruitment windows have closed (the
    # foreign-body reaction). Seed 1, 2026-12-03: 9 masses, 2 lobulated,
    # isotropy 1.02; 375 macrophages at day 60, 65 % of them within 40 um
    # of a deposit (ODD.md 7.15).
    "$HOSIM" run "$SRC/configs/calcinosis_2d.yaml" -o "$out/run" --quiet
    $PY - "$out/run/summary.json" <<'PY'
import json, sys
r = {k: v["value"] for k, v in json.load(open(sys.argv[1]))["readouts"].items()}
print({k: r[k] for k in ("lesion_type", "mineral_in_osteoid", "mineral_nodules", "ho_volume_mm3",
                         "osteoid_volume_mm3", "cells_osteoblast", "ho_maturity")})
assert r["lesion_type"] == 2, f"calcinosis classed as lesion type {r['lesion_type']} (2 = calcinosis)"
assert r["mineral_in_osteoid"] < 0.05, "calcinosis mineral should lie outside osteoid"
assert r["mineral_nodules"] >= 3, f"expected several separate nodules, got {r['mineral_nodules']}"
assert r["ho_volume_mm3"] > 0.002, "too little dense precipitate"
assert r["osteoid_volume_mm3"] < 0.01 * r["ho_volume_mm3"] + 1e-4, "calcinosis made osteoid"
assert r["ho_maturity"] < 0.01, "precipitate must not mature into lamellar bone"
PY
    $PY "$SRC/analysis/nodule_shapes.py" "$out/run" --day 60 --json "$out/shapes.json"
    $PY - "$out/run" "$out/shapes.json" "$SRC/analysis" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[3])
import numpy as np
from scipy import ndimage
import hosim_h5
shape = json.load(open(sys.argv[2]))["summary"]
assert shape["masses"] >= 3, f"expected several dense masses, got {shape['masses']}"
assert shape["lobulated_masses"] >= 1, "no partly confluent (lobulated) mass"
assert 0.85 < shape["median_isotropy"] < 1.2, \
    f"nodules follow the lattice (isotropy {shape['median_isotropy']:.2f}; disc 1, diamond 0.71)"
run = hosim_h5.load(sys.argv[1] + "/run.h5")
last = run.steps[-1]
cells = run.mesh(last, "cell_type")[0]
deposit = run.mesh(last, "mineral")[0] - run.mesh(last, "osteoid")[0] >= 0.05
near = ndimage.binary_dilation(deposit, iterations=2)
mac = (cells == 3) | (cells == 4)  # M1, M2
share = (mac & near).sum() / max(1, mac.sum())
print(f"day {run.time_days[last]:g}: {mac.sum()} macrophages, {share:.0%} within 2 voxels of a "
      f"deposit (that zone is {near.mean():.0%} of the slice)")
assert mac.sum() >= 100, "no foreign-body reaction: too few macrophages at day 60"
assert share >= 0.4, "the macrophages are not gathered around the deposits"
PY
    ;;
  hip_start)
    # The hip scenario's set-up end to end, two days: host bone from the
    # config, no HO yet (grade 0) and the native 11 mm between the pelvis
    # and the femur (configs/hip_2d.yaml).
    "$HOSIM" run "$SRC/configs/hip_2d.yaml" -o "$out/run" --quiet --set run.duration=2day
    $PY - "$out/run/run.h5" <<'PY'
import sys
import h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
ts = f["timeseries"]
grade, gap = ts["brooker_grade"][:], ts["brooker_gap_mm"][:]
print(f"hip_2d, days 0-2: grade {set(grade.tolist())}, gap {set(np.round(gap, 3).tolist())} mm")
assert np.all(grade == 0), grade
assert np.allclose(gap, 11.0), gap
last = sorted(f["data"], key=int)[-1]
anatomy = f[f"data/{last}/meshes/anatomy"][0]
injured = f[f"data/{last}/meshes/injured"][0]
assert anatomy.any() and not (injured[anatomy == 1]).any(), "host bone missing or injured"
PY
    ;;
  hip)
    # The Brooker grade follows the lesion's growth (configs/hip_2d.yaml,
    # seed 1, 90 days, ninth round 2026-12-04: 0 to day 39, I from 39.25,
    # II from 51.25, III from 61, gap 8.1 mm at day 90; experiments/ODD.md
    # §4.9).
    "$HOSIM" run "$SRC/configs/hip_2d.yaml" -o "$out/run" --quiet
    $PY - "$out/run/run.h5" <<'PY'
import sys
import h5py, numpy as np
ts = h5py.File(sys.argv[1], "r")["timeseries"]
t, grade, gap, ho = (ts[k][:] for k in ("time_days", "brooker_grade", "brooker_gap_mm",
                                       "ho_volume_mm3"))
firsts = {g: float(t[np.argmax(grade >= g)]) for g in range(1, 5) if (grade >= g).any()}
print(f"hip_2d: first day of each grade {firsts}; day {t[-1]:g}: grade {grade[-1]:g}, "
      f"gap {gap[-1]:.2f} mm, HO {ho[-1]:.4f} mm3")
assert np.all(np.diff(grade) >= 0), "the Brooker grade fell while the lesion grew"
assert grade[t <= 21].max() == 0, "heterotopic bone on the radiograph in the first three weeks"
assert 1 in firsts and 2 in firsts and firsts[2] > firsts[1], "no islands before the spur"
assert grade[-1] == 3 and 7.0 < gap[-1] < 10.0, "expected grade III with a 7-10 mm gap at the end"
assert np.all(np.diff(gap[grade >= 0]) <= 1e-9), "the gap widened"
PY
    ;;
  trio)
    # Two runs at a time, one thread each (2 cores).
    configs=(untreated_2d no_bmp no_progenitors no_permissive_environment)
    for pair in "0 1" "2 3"; do
      for i in $pair; do
        "$HOSIM" run "$SRC/configs/requirements/${configs[$i]}.yaml" -o "$out/${configs[$i]}" \
          --quiet --threads 1 &
      done
      wait
    done
    $PY - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
ho = {c: json.load(open(os.path.join(out, c, "summary.json")))["readouts"]["ho_volume_mm3"]["value"]
      for c in ("untreated_2d", "no_bmp", "no_progenitors", "no_permissive_environment")}
print(ho)
ref = ho.pop("untreated_2d")
assert ref > 0, f"the untreated reference formed no HO ({ref} mm3)"
bad = {c: v for c, v in ho.items() if v > 0.1 * ref}
assert not bad, f"requirement removed but HO > 10 % of untreated ({ref} mm3): {bad}"
for c, v in ho.items():
    print(f"{c}: {100 * (1 - v / ref):.1f} % less HO than untreated")
PY
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
