#!/usr/bin/python3
"""Run every regimen of configs/interventions/ against the untreated 2D slice
over several seeds, then write a table (HO volume relative to untreated, with
the spread across seeds), the timing contrasts of MODEL.md §4 and a plot.

    /usr/bin/python3 experiments/interventions/run.py [--seeds 1 2 3]
        [--out results/interventions] [--hosim build/release/hosim] [--threads 2]

Runs already finished (summary.json present) by the same hosim binary are
reused, so an interrupted study continues where it stopped. Each run folder
records the SHA-256 of the binary that made it (hosim.sha256); a finished run
made by another binary, or with no record, is moved aside to <folder>.stale
and run again, so a rebuilt model never mixes with results of the old one.
Outputs in OUT: table.md, table.csv, effects.png and failures.txt (one failed
direction or contrast per line).
Exit 1 when a contrast or a direction fails.
"""
import argparse
import csv
import glob
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys

import h5py
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE = "configs/requirements/untreated_2d.yaml"

# Expected effect of each regimen on HO (MODEL.md §4; sources in README.md).
# "less": lower HO than untreated. For excisions HO is read 60 days after
# the operation (recurrence), so they are compared with each other.
EXPECTED = {
    "nsaid_indomethacin_early": "less",
    "nsaid_celecoxib_early": "less",
    "nsaid_indomethacin_late": "little",
    "etidronate_early": "less",
    "etidronate_late": "little",
    "radiation_early": "less",
    "radiation_late": "little",
    # The lowest Noggin dose is judged only in the dose-response contrasts.
    "noggin_local_low": "dose-response (lowest dose)",
    "noggin_local_mid": "less",
    "noggin_local_high": "less",
    "noggin_systemic": "less",
    "pemf": "less",
    "scavenger_combined": "less",
    "palovarotene": "less (not abolished)",
}

# (better, worse, what[, measure]): `better` must give less HO than `worse`, by
# more than the seed-to-seed spread (sum of the two standard deviations). The
# measure is HO relative to untreated (default) or, for excisions,
# "recurrence": HO 60 days after surgery over the HO removed (just before
# surgery), per seed. The two excision timings remove lesions of different
# size (the mature one about 2.8 times the immature one's mineral in the 2D
# slice), and the wound grows with the surface of the cut (experiments/ODD.md
# section 7.14); the second measure compares the recurrence per lesion
# removed, as a clinical series grades recurrence against the pre-operative
# lesion (e.g. the Brooker grade before and after).
CONTRASTS = [
    ("nsaid_indomethacin_early", "nsaid_indomethacin_late", "early NSAID beats late"),
    ("etidronate_early", "etidronate_late",
     "etidronate before radiographic mineral beats after"),
    ("radiation_early", "radiation_late", "radiation at day 1 beats day 7"),
    ("excision_immature_radiation_early", "excision_immature_radiation_late",
     "radiation 1 day after excision beats 7 days after"),
    ("noggin_local_mid", "noggin_local_low", "more Noggin, less HO (mid vs low)"),
    ("noggin_local_high", "noggin_local_mid", "more Noggin, less HO (high vs mid)"),
    ("excision_mature", "excision_immature",
     "excision of a mature lesion recurs less than of an immature one"),
    ("excision_mature", "excision_immature",
     "excision of a mature lesion recurs less than of an immature one, per lesion removed",
     "recurrence"),
    ("excision_immature_radiation_early", "excision_immature",
     "radiation cover lowers recurrence"),
    ("excision_immature_nsaid", "excision_immature", "NSAID cover lowers recurrence"),
]


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run_one(hosim, hosim_sha, config, out, seed, threads):
    stamp = os.path.join(out, "hosim.sha256")
    if os.path.exists(os.path.join(out, "summary.json")):
        made_by = open(stamp).read().strip() if os.path.exists(stamp) else None
        if made_by == hosim_sha:
            return
        # A result of another binary (or of unknown origin) would mix two
        # models in one table: keep it aside, run again.
        stale = out.rstrip("/") + ".stale"
        shutil.rmtree(stale, ignore_errors=True)
        os.replace(out, stale)
        print(f"  {out}: made by another hosim binary, moved to {stale}", flush=True)
    os.makedirs(out, exist_ok=True)
    with open(stamp, "w") as f:
        f.write(hosim_sha + "\n")
    cmd = [hosim, "run", config, "-o", out, "--set", f"run.seed={seed}", "--quiet",
           "--threads", str(threads)]
    print("  " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def readout(run_dir):
    """HO volume at the end, and just before the first excision if any."""
    with h5py.File(os.path.join(run_dir, "run.h5"), "r") as f:
        t = f["timeseries/time_days"][()]
        ho = f["timeseries/ho_volume_mm3"][()]
        before = float("nan")
        if "interventions" in f:
            sch = f["interventions/schedule"]
            types = [x.decode() for x in sch["type"][()]]
            if "excision" in types:
                t_ex = sch["start_days"][()][types.index("excision")]
                k = np.searchsorted(t, t_ex) - 1
                before = float(ho[max(k, 0)])
        return float(t[-1]), float(ho[-1]), before


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--out", default=os.path.join(ROOT, "results", "interventions"))
    ap.add_argument("--hosim", default=os.path.join(ROOT, "build", "release", "hosim"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="regimen names to run (default: all)")
    args = ap.parse_args()
    hosim = os.path.abspath(args.hosim)
    if not os.access(hosim, os.X_OK):
        sys.exit(f"hosim not found at {hosim}; build it or pass --hosim")
    hosim_sha = file_sha256(hosim)

    configs = {"untreated": os.path.join(ROOT, BASE)}
    for path in sorted(glob.glob(os.path.join(ROOT, "configs", "interventions", "*.yaml"))):
        configs[os.path.splitext(os.path.basename(path))[0]] = path
    if args.only:
        configs = {k: v for k, v in configs.items() if k == "untreated" or k in args.only}

    results = {}
    for name, config in configs.items():
        print(f"{name}:", flush=True)
        rows = []
        for seed in args.seeds:
            d = os.path.join(args.out, name, f"seed{seed}")
            run_one(hosim, hosim_sha, config, d, seed, args.threads)
            rows.append(readout(d))
        results[name] = rows

    untreated = statistics.mean(r[1] for r in results["untreated"])
    table = []
    for name, rows in results.items():
        rel = [r[1] / untreated for r in rows]
        before = [r[2] for r in rows]
        # Recurrence per lesion removed (excisions only): after / before, per seed.
        rec = [r[1] / r[2] for r in rows] if not np.isnan(before[0]) and min(before) > 0 else []
        table.append({
            "regimen": name,
            "read_at_day": rows[0][0],
            "expected": EXPECTED.get(name, "reference" if name == "untreated" else
                                     "recurrence (compared below)"),
            "ho_mm3_mean": statistics.mean(r[1] for r in rows),
            "relative_mean": statistics.mean(rel),
            "relative_sd": statistics.stdev(rel) if len(rel) > 1 else 0.0,
            "relative_min": min(rel),
            "relative_max": max(rel),
            "ho_before_excision_mm3": statistics.mean(before) if not np.isnan(before[0]) else "",
            "recurrence_mean": statistics.mean(rec) if rec else "",
            "recurrence_sd": (statistics.stdev(rec) if len(rec) > 1 else 0.0) if rec else "",
            "per_seed_mm3": " ".join(f"{r[1]:.4g}" for r in rows),
        })
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "table.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(table[0].keys()))
        w.writeheader()
        w.writerows(table)

    untreated_sd = next(r["relative_sd"] for r in table if r["regimen"] == "untreated")
    failures = []
    lines = [f"# Interventions against untreated ({BASE}), seeds {args.seeds}", "",
             f"Untreated HO at day 60: {untreated:.4g} mm³ (mean over seeds).", "",
             "A regimen expected to lower HO passes when its mean plus its sd plus the "
             "untreated sd stays below 1.", "",
             "| regimen | HO read at day | expected | HO / untreated (mean ± sd) | min-max | "
             "HO before excision (mm³) | HO after / before (mean ± sd) | per seed (mm³) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in table:
        before = r["ho_before_excision_mm3"]
        rec = ("" if r["recurrence_mean"] == "" else
               f"{r['recurrence_mean']:.2f} ± {r['recurrence_sd']:.2f}")
        lines.append(
            f"| {r['regimen']} | {r['read_at_day']:.0f} | {r['expected']} | "
            f"{r['relative_mean']:.3f} ± {r['relative_sd']:.3f} | "
            f"{r['relative_min']:.3f}-{r['relative_max']:.3f} | "
            f"{before if before == '' else f'{before:.4g}'} | {rec} | {r['per_seed_mm3']} |")
        # Less than untreated by more than both spreads (as in the contrasts).
        if r["expected"].startswith("less") and not (
                r["relative_mean"] + r["relative_sd"] + untreated_sd < 1.0):
            failures.append(f"{r['regimen']}: expected less HO than untreated beyond the spread")
    lines += ["", "## Contrasts (the first must give less HO, by more than the two sds)", "",
              "Measure: HO / untreated, unless the row says per lesion removed (HO after / "
              "before surgery).", "",
              "| contrast | better (mean ± sd) | worse (mean ± sd) | verdict |", "|---|---|---|---|"]
    by = {r["regimen"]: r for r in table}
    for better, worse, what, *measure in CONTRASTS:
        if better not in by or worse not in by:
            continue
        key = measure[0] if measure else "relative"  # the prefix of the table's columns
        b, w = by[better], by[worse]
        ok = b[f"{key}_mean"] + b[f"{key}_sd"] + w[f"{key}_sd"] < w[f"{key}_mean"]
        lines.append(f"| {what} | {b[f'{key}_mean']:.3f} ± {b[f'{key}_sd']:.3f} | "
                     f"{w[f'{key}_mean']:.3f} ± {w[f'{key}_sd']:.3f} | "
                     f"{'PASS' if ok else 'FAIL'} |")
        if not ok:
            failures.append(what)
    lines += ["", "Failures: " + ("; ".join(failures) if failures else "none")]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "failures.txt"), "w") as f:
        f.writelines(x + "\n" for x in failures)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write(text)
    print(text)

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(10, 0.35 * len(table) + 1.5))
    names = [r["regimen"] for r in table]
    ax.barh(names, [r["relative_mean"] for r in table],
            xerr=[r["relative_sd"] for r in table], color="#4477aa")
    ax.axvline(1.0, color="k", lw=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("HO volume / untreated at day 60 (excisions: 60 days after surgery)")
    ax.set_title(f"hosim interventions, seeds {args.seeds}")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "effects.png"), dpi=120)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
