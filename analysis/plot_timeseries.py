#!/usr/bin/python3
"""Plot every /timeseries column of a run.h5 against time (PNG).

    /usr/bin/python3 analysis/plot_timeseries.py results/default/run.h5 -o results/default/timeseries.png
"""
import argparse
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hosim_h5  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_h5")
    ap.add_argument("-o", "--output", default=None, help="PNG path (default: beside run.h5)")
    args = ap.parse_args()
    run = hosim_h5.load(args.run_h5)
    t = run.timeseries["time_days"]
    names = [k for k in sorted(run.timeseries) if k != "time_days" and run.timeseries[k].any()]
    cols = 3
    rows = max(1, math.ceil(len(names) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 2.6 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        ax.plot(t, run.timeseries[name])
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("day")
        ax.set_ylabel(run.units.get(name, ""))
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    fig.tight_layout()
    out = args.output or os.path.join(os.path.dirname(args.run_h5), "timeseries.png")
    fig.savefig(out, dpi=110)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
