#!/usr/bin/env bash
# The HO course against MODEL.md §1 (analysis/ho_course.py) and the three
# requirements. Usage: ho_course_test.sh teaching|default|large|trio
# Environment: HOSIM (binary), SRC (source tree), WORK (scratch folder).
#
# Targets the model does not meet yet are named in KNOWN_UNMET; the checker
# fails if one of them starts to pass, so the list stays current
# (experiments/ODD.md, calibration status).
set -euo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
PY=/usr/bin/python3
mode=${1:?teaching, default, large or trio}
out="$WORK/ho_course_$mode"
rm -rf "$out" && mkdir -p "$out"

case "$mode" in
  teaching)
    # zone_phenomenon depends on the seed at the ends of its window: over
    # seeds 1-4 it holds at days 28 and 35 in all, at day 21 in 3 (no mineral
    # yet in the 4th) and at day 42 in 2 (core at 30 % and 38 % of the rim
    # peak against < 30 %); seed 1 misses day 42 by 0.1 % (experiments/ODD.md,
    # calibration status).
    "$HOSIM" run "$SRC/configs/teaching_2d.yaml" -o "$out/run" --quiet
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet ph_day2,o2_injured,alp_peak,zone_phenomenon
    ;;
  default)
    "$HOSIM" run "$SRC/configs/default.yaml" -o "$out/run" --quiet
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet \
      ph_first_48h,alp_peak
    ;;
  large)
    # The 1.6 x 1.2 x 1.0 mm contusion of configs/large_3d.yaml: the first
    # 3D lesion large enough for the spatial targets (zones, lesion O2, pH at
    # day 2). The pH stays above 6.95 over the first 48 h (3D clears acid
    # faster than the 2D slice) and ALP peaks at 1.2 x ULN on day 19: the
    # ALP scale was set on the slice.
    "$HOSIM" run "$SRC/configs/large_3d.yaml" -o "$out/run" --quiet
    $PY "$SRC/analysis/ho_course.py" "$out/run" --png "$out/course.png" --json "$out/course.json" \
      --check --known-unmet ph_first_48h,alp_peak
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
