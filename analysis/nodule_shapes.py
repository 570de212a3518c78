"""Shapes of the dense mineral masses in a 2D image: whether each nodule is
rounded or follows the lattice, and how many lobes it has (tumoral calcinosis, seed 001: "multiple lobulated,
pebble-like nodules, partly confluent").

    /usr/bin/python3 analysis/nodule_shapes.py RUN_DIR [--day 60] [--json F]

For each 8-connected mass of voxels with mineral at least tissue.ho_threshold
(the HO volume's threshold; at least --min-voxels voxels, default 40) on the central
z-slice:

- isotropy = how far the mass reaches from its centre along the four
  diagonals (× √2, in voxel lengths) over how far along the four axes: 1 for
  a disc, 0.71 for a diamond and 1.41 for a square (shapes that follow the
  lattice); only for masses whose centre lies inside them;
- lobes = the separate parts left of the mass where the distance to its
  outside (Euclidean distance transform) is at least half its largest value
  (the inscribed radius): 1 for a disc, an ellipse or a diamond; 2 or more
  for rounded parts joined by narrower necks (partly confluent nodules, a
  lobulated outline).

Needs scipy (Debian python3-scipy).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hosim_h5  # noqa: E402


AXES = ((0, 1), (0, -1), (1, 0), (-1, 0))
DIAGONALS = ((1, 1), (1, -1), (-1, 1), (-1, -1))


def _reach(mask: np.ndarray, y: int, x: int, dy: int, dx: int) -> int:
    """Voxels of the mask from (y, x) in direction (dy, dx) before its edge."""
    k = 0
    while True:
        yy, xx = y + (k + 1) * dy, x + (k + 1) * dx
        if not (0 <= yy < mask.shape[0] and 0 <= xx < mask.shape[1]) or not mask[yy, xx]:
            return k
        k += 1


def isotropy(mask: np.ndarray) -> float:
    """Diagonal over axial reach of a mass from its centre (nan when the
    centre lies outside it)."""
    cy, cx = (int(round(c)) for c in ndimage.center_of_mass(mask))
    if not mask[cy, cx]:
        return float("nan")
    axial = np.mean([_reach(mask, cy, cx, dy, dx) for dy, dx in AXES])
    diagonal = np.mean([_reach(mask, cy, cx, dy, dx) for dy, dx in DIAGONALS]) * np.sqrt(2.0)
    return float(diagonal / axial) if axial > 0 else float("nan")


def shapes(mineral: np.ndarray, threshold: float, min_voxels: int = 40) -> list[dict]:
    """Isotropy and lobes of each dense mass of a [ny][nx] mineral image."""
    dense = mineral >= threshold
    labels, n = ndimage.label(dense, structure=np.ones((3, 3), dtype=bool))
    out = []
    for k, box in enumerate(ndimage.find_objects(labels), start=1):
        # A margin of one voxel, so the distance transform sees the outside.
        sl = tuple(slice(max(0, s.start - 1), s.stop + 1) for s in box)
        mask = labels[sl] == k
        area = int(mask.sum())
        if area < min_voxels:
            continue
        dist = ndimage.distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1]
        r = float(dist.max())
        _, lobes = ndimage.label(dist >= 0.5 * r, structure=np.ones((3, 3), dtype=bool))
        out.append({"voxels": area, "inscribed_radius_vox": r, "isotropy": isotropy(mask),
                    "lobes": int(lobes)})
    return out


def summary(nodules: list[dict]) -> dict:
    """Counts and the median isotropy."""
    iso = [s["isotropy"] for s in nodules if np.isfinite(s["isotropy"])]
    return {"masses": len(nodules),
            "lobulated_masses": sum(1 for s in nodules if s["lobes"] >= 2),
            "median_isotropy": float(np.median(iso)) if iso else float("nan")}


def run_shapes(run: hosim_h5.Run, day: float, min_voxels: int = 40) -> tuple[list[dict], float]:
    """The shapes of the snapshot nearest `day` (central z-slice) and its day."""
    step = min(run.steps, key=lambda s: abs(run.time_days[s] - day))
    img = run.mesh(step, "mineral")
    img = img[img.shape[0] // 2] if img.shape[0] > 1 else img[0]
    threshold = float(run.config.get("tissue", {}).get("ho_threshold", 0.1))
    return shapes(img, threshold, min_voxels), run.time_days[step]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="run folder (with run.h5)")
    ap.add_argument("--day", type=float, default=60.0)
    ap.add_argument("--min-voxels", type=int, default=40)
    ap.add_argument("--json", help="write the shapes and the summary here")
    a = ap.parse_args()
    path = os.path.join(a.run, "run.h5")
    if not os.path.isfile(path):
        print(f"nodule_shapes.py: no run.h5 in {a.run}", file=sys.stderr)
        return 2
    nodules, day = run_shapes(hosim_h5.load(path), a.day, a.min_voxels)
    summ = summary(nodules)
    print(f"day {day:g}: {summ['masses']} masses, {summ['lobulated_masses']} lobulated, "
          f"median isotropy {summ['median_isotropy']:.2f} (disc 1, diamond 0.71, square 1.41)")
    for s in nodules:
        print(f"  {s['voxels']:6d} voxels  r {s['inscribed_radius_vox']:5.2f}  "
              f"isotropy {s['isotropy']:.2f}  lobes {s['lobes']}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"day": day, "summary": summ, "nodules": nodules}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
