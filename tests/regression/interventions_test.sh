#!/usr/bin/env bash
# The intervention study (experiments/interventions/run.py) over three seeds:
# every regimen moves HO in the direction MODEL.md §4 states, and each timing
# contrast holds by more than the seed-to-seed spread. About 25 minutes on 2
# cores (label slow). Needs HOSIM, SRC and WORK.
set -uo pipefail
: "${HOSIM:?}" "${SRC:?}" "${WORK:?}"
W="$WORK/interventions_study"
mkdir -p "$W"
/usr/bin/python3 "$SRC/experiments/interventions/run.py" --seeds 1 2 3 --hosim "$HOSIM" --out "$W"
