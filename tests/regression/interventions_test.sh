#!/usr/bin/env bash
# The intervention study (experiments/interventions/run.py) over three seeds:
# every regimen must move HO in the direction MODEL.md §4 states, and each
# timing contrast must hold by more than the seed-to-seed spread. The ones
# the model does not reproduce yet would be listed in `known` below, one per
# line (none since 2026-12-05; experiments/ODD.md §7.14); the test fails when
# another one fails, and also when a listed one starts to pass, so the list
# cannot go stale. 33 to 58 minutes on 2 cores (58 on the Intel Xeon of
# 2026-12-06: 63 runs, the excision regimens 102-180 days long; label slow).
# Needs HOSIM, SRC and WORK.
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
W="$WORK/interventions_study"
mkdir -p "$W"
/usr/bin/python3 "$SRC/experiments/interventions/run.py" --seeds 1 2 3 --hosim "$HOSIM" --out "$W"
rc=$?
[ $rc -le 1 ] || { echo "FAIL: the study itself failed (exit $rc)" >&2; exit 1; }
known=""
got=$(cat "$W/failures.txt")
if [ "$got" != "$known" ]; then
  echo "FAIL: the failing directions and contrasts changed." >&2
  diff <(echo "$known") <(echo "$got") >&2
  exit 1
fi
echo "directions and contrasts as documented (known unmet: $(printf '%s' "$known" | grep -c .))"
