#!/usr/bin/env bash
# experiments/validation/run.sh --quick writes report.md with every MODEL.md
# §1 pattern, a verdict per scenario, and the figures it links to.
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
W="$WORK/validation"
rm -rf "$W" && mkdir -p "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
HOSIM="$HOSIM" bash "$SRC/experiments/validation/run.sh" "$W" --quick || fail "run.sh exit $?"
r="$W/report.md"
[ -s "$r" ] || fail "no report.md"
for p in "serum ALP above the ULN" "serum ALP peak" "radiograph: mineral detectable" \
         "radiograph: clear" "bone scan" "MRI: oedema" "MRI: a non-enhancing" "zone phenomenon" \
         "pH: 6.7-6.9" "oxygen: injured core" "first osteoid to mature bone"; do
  grep -q "| $p" "$r" || fail "report.md lacks the pattern '$p'"
done
n=$(grep -cE '\| (\*\*PASS\*\*|FAIL): ' "$r")
[ "$n" -ge 14 ] || fail "only $n judged rows"
for f in alp.png bone_scan.png course_teaching_2d.png course_default.png radiographs_teaching_2d.png radiographs_default.png differential.png brooker.png; do
  [ -s "$W/$f" ] || fail "missing $f"
  grep -q "($f)" "$r" || fail "report.md does not link $f"
done
grep -q "## The hip: Brooker grade" "$r" || fail "no Brooker section"
grep -q "grade II or more): \*\*PASS\*\*" "$r" || fail "the Brooker grade does not follow the lesion"
grep -q "Classifier check (HO read as ossification, calcinosis as calcinosis): \*\*PASS\*\*" "$r" ||
  fail "the lesion-type classifier does not tell HO from calcinosis"
# --reuse rebuilds the report without running a scenario again.
out=$(HOSIM="$HOSIM" bash "$SRC/experiments/validation/run.sh" "$W" --quick --reuse 2>&1) || fail "reuse exit $?"
[ "$(grep -c 'reusing' <<<"$out")" -eq 4 ] || fail "--reuse ran a scenario again: $out"
echo "PASS validation_report_quick"
