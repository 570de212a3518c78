#!/usr/bin/python3
"""The simulated radiographs of a run at chosen days, side by side.

    /usr/bin/python3 analysis/radiograph_panel.py RUN_DIR [--days 14 28 42 60]
        [--png radiographs.png]

Reads the `radiograph` image of the snapshot nearest each day
(/data/<step>/images/radiograph: contrast of the mineral, beam along z;
experiments/ODD.md §4.9), unfolds it across the mirror planes of
grid.mirror so the whole lesion shows, and draws it in the radiographic
convention (mineral bright on dark soft tissue) with a scale bar. The title
gives the first day the run's `radiograph_visible` time series reports the
mineral as visible. Exit status 1 when the run has no radiograph images.
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hosim_h5  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_dir")
    ap.add_argument("--days", type=float, nargs="+", default=[14, 28, 42, 60])
    ap.add_argument("--png", default="radiographs.png")
    a = ap.parse_args()
    run = hosim_h5.load(os.path.join(a.run_dir, "run.h5"))
    if not run.steps or run.image(run.steps[0]) is None:
        print(f"radiograph_panel: {a.run_dir}/run.h5 has no radiograph images "
              "(older run, or output.fields without 'radiograph')", file=sys.stderr)
        return 1
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mirror = run.mirror_axes()
    import h5py
    with h5py.File(run.path, "r") as f:
        dx_mm = float(f[f"/data/{run.steps[0]}/images/radiograph"].attrs["grid_spacing"][0]) * 1e-3
    ts = run.timeseries
    seen = None
    if "radiograph_visible" in ts and (ts["radiograph_visible"] > 0).any():
        seen = float(ts["time_days"][np.argmax(ts["radiograph_visible"] > 0)])
    fig, axes = plt.subplots(1, len(a.days), figsize=(3.2 * len(a.days), 3.9), squeeze=False)
    for ax, day in zip(axes[0], a.days):
        step = min(run.steps, key=lambda s: abs(run.time_days[s] - day))
        img = hosim_h5.unfold(run.image(step), mirror)
        ax.imshow(img, origin="lower", cmap="gray", vmin=0, vmax=max(0.05, float(img.max())),
                  extent=(0, img.shape[1] * dx_mm, 0, img.shape[0] * dx_mm))
        ax.set_title(f"day {run.time_days[step]:g}: peak contrast {img.max():.3f}", fontsize=9)
        ax.set_xlabel("x (mm)")
    axes[0][0].set_ylabel("y (mm)")
    fig.suptitle(f"{os.path.basename(os.path.abspath(a.run_dir))}: simulated radiograph; "
                 + (f"first visible day {seen:g}" if seen is not None else "never visible"))
    fig.tight_layout(rect=(0, 0, 1, 0.94))
    fig.savefig(a.png, dpi=90)
    print(a.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
