#!/usr/bin/env bash
# Rewrite the generated parameter section of experiments/ODD.md in place with
# the output of `HOSIM_BINARY params --markdown` (the text between the lines
# "<!-- BEGIN GENERATED PARAMETERS ..." and "<!-- END GENERATED PARAMETERS -->").
# Usage: experiments/update_odd_parameters.sh HOSIM_BINARY [ODD_FILE]
# Checked by the CLI test app_odd_parameters_current (tests/app/cli_test.sh).
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 HOSIM_BINARY [ODD_FILE]" >&2
  exit 2
fi
hosim=$1
odd=${2:-"$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ODD.md"}
[ -x "$hosim" ] || { echo "$0: $hosim is not an executable" >&2; exit 2; }
[ -f "$odd" ] || { echo "$0: $odd not found" >&2; exit 2; }
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$hosim" params --markdown > "$table"
/usr/bin/python3 - "$odd" "$table" <<'PYEOF'
import os, sys
odd, table = sys.argv[1], sys.argv[2]
BEGIN = "<!-- BEGIN GENERATED PARAMETERS (hosim params --markdown) -->"
END = "<!-- END GENERATED PARAMETERS -->"
lines = open(odd, encoding="utf-8").read().split("\n")
try:
    b = lines.index(BEGIN)
    e = lines.index(END, b + 1)
except ValueError:
    sys.exit(f"{odd}: missing the marker lines\n  {BEGIN}\n  {END}")
body = open(table, encoding="utf-8").read()
if body and not body.endswith("\n"):
    body += "\n"
new = "\n".join(lines[: b + 1]) + "\n" + body + "\n".join(lines[e:])
tmp = odd + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write(new)
os.replace(tmp, odd)
PYEOF
echo "updated the parameter section of $odd"
