#!/usr/bin/env bash
# Rewrites the golden readouts in teaching_2d_day20.json from a fresh run,
# keeping the tolerances. Usage: regenerate.sh path/to/hosim
set -euo pipefail
HOSIM=${1:?path to the hosim binary}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
"$HOSIM" run "$here/../../configs/teaching_2d.yaml" -o "$out" --set run.duration=20day --quiet
/usr/bin/python3 - "$here/teaching_2d_day20.json" "$out/summary.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))["readouts"]
g["readouts"] = {k: s[k]["value"] for k in g["readouts"]}
json.dump(g, open(sys.argv[1], "w"), indent=2)
print(g["readouts"])
PY
rm -rf "$out"
