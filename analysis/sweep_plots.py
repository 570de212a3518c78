#!/usr/bin/python3
"""Plots of a collected sweep (run `hosim collect SWEEPDIR` first).

For a Morris design (SWEEPDIR/morris.csv present): one panel per response,
mu* against sigma of the elementary effects, one labelled point per axis.
Axes far to the right matter most; axes high above the diagonal act through
interactions or non-linearity (Morris 1991; Campolongo et al. 2007).

For a grid or Latin hypercube: the response against each numeric axis, one
dot per finished point, with the replicate mean per axis value for grids.

Usage: sweep_plots.py SWEEPDIR [--response ho_volume_mm3] [--png out.png]
"""
import argparse
import csv
import json
import math
import os
import sys

import matplotlib
import yaml

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def axis_keys(sweepdir):
    """The axis key paths, from the sweep record hosim keeps in the folder."""
    with open(os.path.join(sweepdir, "sweep.json")) as f:
        spec = yaml.safe_load(json.load(f)["spec_text"])
    return [a["key"] for a in spec["axes"]]


def column_units(sweepdir):
    """The unit attribute of each numeric column of collected.h5."""
    import h5py
    with h5py.File(os.path.join(sweepdir, "collected.h5"), "r") as f:
        out = {}
        for k, d in f["/points"].items():
            u = d.attrs.get("unit")
            if u is not None:
                out[k] = u.decode() if isinstance(u, bytes) else str(u)
        return out


def morris_figure(sweepdir, responses):
    rows = read_csv(os.path.join(sweepdir, "morris.csv"))
    by_response = {}
    for r in rows:
        by_response.setdefault(r["response"], []).append(r)
    names = responses or list(by_response)
    missing = [n for n in names if n not in by_response]
    if missing:
        sys.exit(f"sweep_plots.py: no Morris effects for {missing} in morris.csv "
                 f"(have {list(by_response)}); collect with --response")
    fig, axes = plt.subplots(1, len(names), figsize=(5.5 * len(names), 4.5), squeeze=False)
    for ax, name in zip(axes[0], names):
        pts = by_response[name]
        mu_star = [number(p["mu_star"]) for p in pts]
        sigma = [number(p["sigma"]) for p in pts]
        ax.scatter(mu_star, sigma, color="#0072B2")
        for p, x, y in zip(pts, mu_star, sigma):
            if math.isfinite(x) and math.isfinite(y):
                ax.annotate(p["key"], (x, y), textcoords="offset points", xytext=(4, 4),
                            fontsize=8)
        top = max([v for v in mu_star + sigma if math.isfinite(v)] + [1e-12])
        ax.plot([0, top], [0, top], color="0.6", lw=0.8, ls="--", label="sigma = mu*")
        ax.set_xlabel(f"mu* of {name} (per whole axis range)")
        ax.set_ylabel("sigma")
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
        ax.set_title(f"Morris screening: {name} "
                     f"({pts[0]['effects']} effects per axis)", fontsize=10)
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def scatter_figure(sweepdir, responses):
    rows = [r for r in read_csv(os.path.join(sweepdir, "collected.csv"))
            if r["status"] == "finished"]
    if not rows:
        sys.exit("sweep_plots.py: no finished points in collected.csv")
    names = responses or ["ho_volume_mm3"]
    keys = [k for k in axis_keys(sweepdir) if all(math.isfinite(number(r[k].split()[0]))
                                              for r in rows if r[k])]
    if not keys:
        sys.exit("sweep_plots.py: no numeric axis to plot against")
    units = column_units(sweepdir)
    fig, axes = plt.subplots(len(names), len(keys), figsize=(4.5 * len(keys), 3.5 * len(names)),
                             squeeze=False)
    for i, name in enumerate(names):
        if name not in rows[0]:
            sys.exit(f"sweep_plots.py: {name} is not a column of collected.csv")
        for j, key in enumerate(keys):
            ax = axes[i][j]
            x = [number(r[key].split()[0]) for r in rows]
            y = [number(r[name]) for r in rows]
            ax.scatter(x, y, s=12, color="#0072B2", alpha=0.7, label="points")
            groups = {}
            for a, b in zip(x, y):
                groups.setdefault(a, []).append(b)
            if len(groups) < len(x):  # repeated axis values: show their mean
                xs = sorted(groups)
                ax.plot(xs, [sum(groups[a]) / len(groups[a]) for a in xs], color="#D55E00",
                        label="mean")
            ax.set_xlabel(f"{key} [{units.get(key) or rows[0][key].partition(' ')[2]}]")
            ax.set_ylabel(f"{name} [{units.get(name, '')}]")
            ax.ticklabel_format(axis="x", style="sci", scilimits=(-3, 3))
            ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sweepdir")
    ap.add_argument("--response", action="append", default=[],
                    help="readout to plot (repeatable; default: all Morris responses, or "
                         "ho_volume_mm3)")
    ap.add_argument("--png", help="output PNG (default SWEEPDIR/sweep.png)")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.sweepdir, "collected.csv")):
        sys.exit(f"sweep_plots.py: {a.sweepdir}/collected.csv is missing; run hosim collect "
                 f"{a.sweepdir} first")
    morris = os.path.exists(os.path.join(a.sweepdir, "morris.csv"))
    fig = morris_figure(a.sweepdir, a.response) if morris else scatter_figure(a.sweepdir,
                                                                                a.response)
    out = a.png or os.path.join(a.sweepdir, "sweep.png")
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
