#!/usr/bin/python3
"""The calibration targets of MODEL.md §1 against lesion size.

    /usr/bin/python3 analysis/size_targets.py SWEEPDIR [--png size.png] [--md size.md]

SWEEPDIR is a finished sweep whose axis is `injury.radii` (for example
experiments/sweeps/lesion_size_2d.yaml). Every point's run.h5 is judged by
analysis/ho_course.py (the same targets and tolerances as the calibration
test); the table gives, for each target and each lesion radius, how many
replicates pass, and the key readouts as replicate means. --png plots the
readouts against the radius with the target bands. Needs h5py, numpy and
matplotlib from Debian. Exit 2 when no point has finished.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ho_course  # noqa: E402
import hosim_h5  # noqa: E402

UM_PER = {"um": 1.0, "mm": 1000.0}


def radius_mm(point: dict) -> float:
    """The first semi-axis of the point's injury.radii value, in mm."""
    text = point["values"]["injury.radii"]["text"]
    m = re.search(r"([0-9.eE+-]+)\s*(um|mm)", text)
    if not m:
        raise ValueError(f"injury.radii = {text!r}: no length with a unit (um, mm)")
    return float(m.group(1)) * UM_PER[m.group(2)] / 1000.0


def load_points(sweepdir: str) -> dict[float, list[dict]]:
    """Radius [mm] -> the ho_course results of every finished replicate."""
    by_radius: dict[float, list[dict]] = defaultdict(list)
    for d in sorted(glob.glob(os.path.join(sweepdir, "points", "p*"))):
        if not os.path.exists(os.path.join(d, "summary.json")):
            continue  # not finished: a run.h5 may be partial
        with open(os.path.join(d, "point.json")) as f:
            point = json.load(f)
        if "injury.radii" not in point["values"]:
            raise ValueError(f"{d}: the sweep has no injury.radii axis")
        res, _ = ho_course.evaluate(hosim_h5.load(os.path.join(d, "run.h5")))
        by_radius[radius_mm(point)].append(res)
    return dict(sorted(by_radius.items()))


def readouts(res: dict) -> dict[str, float]:
    """The numbers the table and the figure show, from one ho_course result."""
    def value(name):
        return res[name]["value"] if name in res else None

    out = {
        "ph_first_48h": value("ph_first_48h"),
        "ph_day2": value("ph_day2"),
        "ph_day20": value("ph_day20"),
        "o2_min": value("o2_injured")[0],
        "o2_max": value("o2_injured")[1],
        "onset_day": value("mineral_onset"),
        "alp_peak_day": value("alp_peak")["day"],
        "alp_peak_uln": value("alp_peak")["x_uln"],
        "ho_day60": (value("mineral_growing") or [None, None])[1],
    }
    return {k: (np.nan if v is None else float(v)) for k, v in out.items()}


def table(by_radius: dict[float, list[dict]]) -> str:
    radii = list(by_radius)
    names = []
    for results in by_radius.values():
        for res in results:
            names += [n for n in res if n not in names]
    head = "| target | " + " | ".join(f"{r:g} mm" for r in radii) + " |"
    rule = "|---|" + "---|" * len(radii)
    rows = [head, rule]
    for n in names:
        cells = []
        for r in radii:
            judged = [res[n]["pass"] for res in by_radius[r] if n in res]
            cells.append(f"{sum(judged)}/{len(judged)}" if judged else "-")
        rows.append(f"| {n} | " + " | ".join(cells) + " |")
    rows += ["", "Replicate means:", "", head.replace("target", "readout"), rule]
    labels = {
        "ho_day60": "HO at the last day [mm³]",
        "onset_day": "first HO [day]",
        "ph_first_48h": "pH, mean of days 0-2",
        "ph_day2": "pH at day 2",
        "ph_day20": "pH at day 20",
        "o2_min": "lesion O2 min, days 0.5-7 [mmHg]",
        "o2_max": "lesion O2 max, days 0.5-7 [mmHg]",
        "alp_peak_day": "serum ALP peak [day]",
        "alp_peak_uln": "serum ALP peak [× ULN]",
    }
    means = {r: [readouts(res) for res in rs] for r, rs in by_radius.items()}
    for key, label in labels.items():
        cells = []
        for r in radii:
            vals = [m[key] for m in means[r]]
            v = np.nanmean(vals) if not all(np.isnan(vals)) else np.nan
            cells.append("-" if np.isnan(v) else f"{v:.4g}")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def figure(by_radius: dict[float, list[dict]], png: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    radii = np.array(list(by_radius))
    reps = {r: [readouts(res) for res in rs] for r, rs in by_radius.items()}

    def series(key):
        return [[m[key] for m in reps[r]] for r in radii]

    fig, ax = plt.subplots(2, 2, figsize=(10, 7))

    def dots(a, key, label, colour):
        for r, vals in zip(radii, series(key)):
            a.plot([r] * len(vals), vals, "o", color=colour, alpha=0.6, ms=4)
        a.plot(radii, [np.nanmean(v) for v in series(key)], "-", color=colour, label=label)

    a = ax[0, 0]
    dots(a, "ho_day60", "HO at day 60", "k")
    a.set_yscale("log")
    a.set_ylabel("HO volume [mm³]")
    # The other panels: (readout, label, target band) per colour, and the axis label.
    panels = [
        (ax[0, 1], "lesion pH (bands: targets)",
         [("ph_first_48h", "mean of days 0-2", (6.65, 6.95)), ("ph_day2", "day 2", (7.1, 7.3)),
          ("ph_day20", "day 20", (7.4, 7.6))]),
        (ax[1, 0], "lesion O2 [mmHg] (band: target)",
         [("o2_min", "min, days 0.5-7", (5, 31)), ("o2_max", "max, days 0.5-7", None)]),
        (ax[1, 1], "day (bands: targets)",
         [("onset_day", "first HO", (21, 35)), ("alp_peak_day", "serum ALP peak", (56, 84))]),
    ]
    for a, ylabel, lines in panels:
        for k, (key, label, band) in enumerate(lines):
            colour = f"C{k}" if band is not None else "C3"
            if band is not None:
                a.axhspan(*band, color=colour, alpha=0.12)
            dots(a, key, label, colour)
        a.set_ylabel(ylabel)
        a.legend(fontsize=8)
    for a in ax.flat:
        a.set_xlabel("lesion radius [mm]")
    fig.suptitle("calibration targets against lesion size")
    fig.tight_layout()
    fig.savefig(png, dpi=90)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sweepdir")
    ap.add_argument("--png")
    ap.add_argument("--md")
    a = ap.parse_args()
    try:
        by_radius = load_points(a.sweepdir)
    except (OSError, ValueError, KeyError) as e:
        print(f"size_targets: {e}", file=sys.stderr)
        return 2
    if not by_radius:
        print(f"size_targets: no finished point in {a.sweepdir}/points", file=sys.stderr)
        return 2
    text = table(by_radius)
    print(text)
    if a.md:
        with open(a.md, "w") as f:
            f.write(text + "\n")
    if a.png:
        figure(by_radius, a.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
