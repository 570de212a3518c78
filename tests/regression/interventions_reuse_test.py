#!/usr/bin/python3
"""experiments/interventions/run.py reuses a finished run only when the same
hosim binary made it: a run of another binary (or one made before runs were
stamped) is moved aside to <folder>.stale and run again. Two stand-in
"binaries" (shell scripts that only write summary.json) tell the runs apart.
Needs SRC; about a second."""
import importlib.util
import json
import os
import stat
import sys
import tempfile

src = os.environ["SRC"]
spec = importlib.util.spec_from_file_location(
    "interventions_run", os.path.join(src, "experiments", "interventions", "run.py"))
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)

with tempfile.TemporaryDirectory() as tmp:
    fakes = {}
    for name in ("old", "new"):
        path = os.path.join(tmp, f"hosim_{name}")
        # run.py calls: BIN run CONFIG -o OUT --set ... ; the stand-in writes
        # which binary made the run.
        with open(path, "w") as f:
            f.write("#!/bin/bash\n"
                    f"echo '{{\"status\": \"completed\", \"made_by\": \"{name}\"}}' > \"$4/summary.json\"\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        fakes[name] = (path, run.file_sha256(path))
    out = os.path.join(tmp, "study", "untreated", "seed1")

    def made_by():
        with open(os.path.join(out, "summary.json")) as f:
            return json.load(f)["made_by"]

    def do(name):
        path, sha = fakes[name]
        run.run_one(path, sha, "config.yaml", out, 1, 1)

    do("old")
    assert made_by() == "old"
    # The same binary again: the finished run is reused, not re-run.
    os.remove(os.path.join(out, "summary.json"))
    open(os.path.join(out, "summary.json"), "w").write('{"made_by": "kept"}')
    do("old")
    assert made_by() == "kept", made_by()
    # Another binary: the old run goes to .stale, a new one is made.
    do("new")
    assert made_by() == "new", made_by()
    with open(out + ".stale/summary.json") as f:
        assert json.load(f)["made_by"] == "kept"
    # A finished run without a stamp (made before stamping) is not trusted.
    os.remove(os.path.join(out, "hosim.sha256"))
    open(os.path.join(out, "summary.json"), "w").write('{"made_by": "unstamped"}')
    do("new")
    assert made_by() == "new", made_by()
    with open(out + ".stale/summary.json") as f:
        assert json.load(f)["made_by"] == "unstamped"

print("run.py reuses only runs of the same binary")
sys.exit(0)
