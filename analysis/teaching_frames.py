"""What the teaching pictures share: the fixed cell-type palette, the
selectable fields with fixed colour ranges, a 2D slice of every snapshot of a
run, the tissue picture (cells over mineral, osteoid and perfused tissue) and
the clinical readouts. analysis/movie.py and analysis/explorer.py draw from
it, so a colour or a range means the same thing in every movie and page.

Errors a user can cause (missing file, no snapshots, unknown field) raise
UserError with a message; the commands print it and exit 2.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

import hosim_h5


class UserError(Exception):
    """Bad input from the command line or the files it names."""


# Okabe & Ito (2008), the colour-blind-safe set: seven hues plus black. Nine
# cell types need nine colours, so the two chondrocyte stages share the blue
# hue and differ in lightness. The order is the lineage a teacher tells.
CELL_COLOURS = {
    "neutrophil": ("neutrophil", "#F0E442"),
    "macrophage_m1": ("macrophage M1", "#D55E00"),
    "macrophage_m2": ("macrophage M2", "#CC79A7"),
    "mpc": ("progenitor (MPC)", "#56B4E9"),
    "fibroblast": ("fibroblast", "#009E73"),
    "chondrocyte": ("chondrocyte", "#0072B2"),
    "hypertrophic_chondrocyte": ("hypertrophic chondrocyte", "#003A5C"),
    "osteoblast": ("osteoblast", "#E69F00"),
    "osteocyte": ("osteocyte", "#000000"),
}
UNKNOWN_CELL = "#7F7F7F"

# Tissue under the cells: perfused muscle is pale rose, unperfused tissue
# (the injured core before vessels return) near-white. Cells are drawn
# slightly translucent; over them go an osteoid sand wash and a dark mineral
# wash that is opaque from MINERAL_FULL on, so the mineralised ring of the
# zone phenomenon stands out of the crowd of cells. Greys and lightness
# steps stay readable for every kind of colour vision.
TISSUE_UNPERFUSED = np.array([0.97, 0.97, 0.97])
TISSUE_PERFUSED = np.array([0.94, 0.84, 0.82])
OSTEOID = np.array([0.87, 0.80, 0.55])
MINERAL = np.array([0.25, 0.25, 0.25])
CELL_ALPHA, OSTEOID_ALPHA, MINERAL_ALPHA, MINERAL_FULL = 0.85, 0.5, 0.95, 0.3
LAYER_LEGEND = [("perfused tissue (vessels)", TISSUE_PERFUSED),
                ("unperfused tissue", TISSUE_UNPERFUSED),
                ("osteoid (unmineralised matrix)", OSTEOID),
                ("mineral", MINERAL)]

# Selectable fields: label, unit, colour map, fixed range (None: 0 to the
# largest value over the runs shown). Perceptually uniform maps that read in
# grey and for colour-blind viewers (viridis family, cividis).
FIELDS = {
    "o2": ("oxygen", "mmHg", "cividis", (0.0, 50.0)),
    "ph": ("pH", "", "viridis", (6.6, 7.8)),
    "bmp": ("BMP", "nM", "magma", None),
    "inflammation": ("inflammatory signal (PGE2)", "nM", "inferno", None),
    "noggin": ("Noggin", "nM", "magma", None),
    "vessels": ("vascular density", "", "cividis", (0.0, 1.0)),
    "necrosis": ("necrosis", "", "magma", (0.0, 1.0)),
    "osteoid": ("osteoid", "", "magma", (0.0, 1.0)),
    "mineral": ("mineral fraction", "", "magma", (0.0, 1.0)),
    "maturity": ("bone maturity", "", "magma", (0.0, 1.0)),
}
# The meshes the tissue picture needs.
TISSUE_MESHES = ("cell_type", "mineral", "osteoid", "vessels")


def field_label(name: str) -> str:
    label, unit = FIELDS.get(name, (name, "", "", None))[:2]
    return f"{label} ({unit})" if unit else label


def field_cmap(name: str) -> str:
    return FIELDS.get(name, (None, None, "magma"))[2]


def run_h5(path: str) -> str:
    """A run folder or its run.h5, as the path of run.h5."""
    h5 = os.path.join(path, "run.h5") if os.path.isdir(path) else path
    if not os.path.isfile(h5):
        raise UserError(f"{path}: no run.h5 (give a run folder written by `hosim run`, or its run.h5)")
    return h5


def config_text(run: hosim_h5.Run) -> str:
    import h5py
    with h5py.File(run.path, "r") as f:
        if "/provenance/config_input_yaml" not in f:
            return ""
        return hosim_h5._text(f["/provenance/config_input_yaml"][()])


def config_title(run: hosim_h5.Run) -> tuple[str, str]:
    """(title, description) from the config the run was made with: the first
    line of its leading comment, then the rest of that comment; run.name when
    the config has no comment."""
    lines = []
    for line in config_text(run).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    name = str(run.config.get("run", {}).get("name", os.path.basename(os.path.dirname(run.path))))
    if not lines:
        return name, ""
    return lines[0], " ".join(lines[1:])


@dataclass
class Slice:
    """The 2D picture of a run: for each snapshot, [ny][nx] arrays of the
    requested meshes (a 3D run is cut at z = `z`, by default the lesion
    centre), unfolded across mirror planes."""

    run: hosim_h5.Run
    title: str
    description: str
    days: list[float]
    dx_mm: float
    arrays: dict[str, list[np.ndarray]]
    cell_names: dict[int, str]

    @property
    def shape(self) -> tuple[int, int]:
        return next(iter(self.arrays.values()))[0].shape


def load_slice(path: str, names: list[str], z: int | None = None) -> Slice:
    import h5py
    h5 = run_h5(path)
    try:
        run = hosim_h5.load(h5)
    except (OSError, KeyError) as e:
        raise UserError(f"{h5}: not a readable hosim run file ({e})") from None
    if not run.steps:
        raise UserError(f"{h5}: the run has no snapshots (output.snapshot_interval)")
    have = run.meshes(run.steps[0])
    missing = [n for n in names if n not in have]
    if missing:
        raise UserError(f"{h5}: no mesh {', '.join(missing)} in the snapshots; this run has: "
                        + ", ".join(have))
    mirror = run.mirror_axes()
    arrays: dict[str, list[np.ndarray]] = {n: [] for n in names}
    with h5py.File(h5, "r") as f:
        first = f[f"/data/{run.steps[0]}/meshes/{names[0]}"]
        nz = first.shape[0]
        dx_mm = float(first.attrs["grid_spacing"][2]) * 1e-3
        if z is None:
            z = 0 if ("z" in mirror or nz == 1) else nz // 2
        if not 0 <= z < nz:
            raise UserError(f"--z {z} is outside the grid (0 to {nz - 1})")
        enum = hosim_h5._text(f[f"/data/{run.steps[0]}/meshes/cell_type"].attrs.get("enum", "")) \
            if "cell_type" in have else ""
        for s in run.steps:
            g = f[f"/data/{s}/meshes"]
            for n in names:
                arrays[n].append(hosim_h5.unfold(np.asarray(g[n][z]), mirror))
    cell_names = {}
    for item in enum.split(","):
        m = re.match(r"\s*(\d+)\s*=\s*(\w+)", item)
        if m:
            cell_names[int(m.group(1))] = m.group(2)
    title, description = config_title(run)
    return Slice(run, title, description, [run.time_days[s] for s in run.steps], dx_mm, arrays,
                 cell_names)


def cell_lut(cell_names: dict[int, str]) -> np.ndarray:
    """RGB of each cell_type code (256 entries); code 0 (no cell) is NaN so
    the tissue shows through."""
    from matplotlib.colors import to_rgb
    lut = np.full((256, 3), np.nan)
    for code, name in cell_names.items():
        if name in ("none", "empty"):
            continue
        lut[code] = to_rgb(CELL_COLOURS.get(name, ("", UNKNOWN_CELL))[1])
    return lut


def tissue_rgb(cell_type: np.ndarray, mineral: np.ndarray, osteoid: np.ndarray,
               vessels: np.ndarray, lut: np.ndarray, cells: bool = True,
               matrix: bool = True, perfusion: bool = True) -> np.ndarray:
    """The tissue picture [ny][nx][3]: perfusion tint, one colour per
    cell, then osteoid and mineral laid over the cells as translucent washes
    in proportion to their fractions, so bone shows where it forms even in
    crowded tissue. The explorer draws the same layers in JavaScript."""
    v = np.clip(vessels, 0, 1)[..., None] if perfusion else 0.0
    rgb = TISSUE_UNPERFUSED * (1 - v) + TISSUE_PERFUSED * v
    if cells:
        c = lut[cell_type]
        has = ~np.isnan(c[..., 0])
        rgb = np.where(has[..., None], rgb * (1 - CELL_ALPHA) + np.nan_to_num(c) * CELL_ALPHA, rgb)
    if matrix:
        o = OSTEOID_ALPHA * np.clip(osteoid, 0, 1)[..., None]
        rgb = rgb * (1 - o) + OSTEOID * o
        m = MINERAL_ALPHA * np.clip(mineral / MINERAL_FULL, 0, 1)[..., None]
        rgb = rgb * (1 - m) + MINERAL * m
    return np.clip(rgb, 0, 1)


def cell_legend(cell_names: dict[int, str]) -> list[tuple[str, str]]:
    """(label, colour) of the cell types this run knows, in lineage order."""
    present = set(cell_names.values())
    out = [(label, col) for key, (label, col) in CELL_COLOURS.items() if key in present]
    out += [(n, UNKNOWN_CELL) for n in sorted(present) if n not in CELL_COLOURS
            and n not in ("none", "empty")]
    return out


def field_range(name: str, slices: list[Slice]) -> tuple[float, float]:
    fixed = FIELDS.get(name, (None, None, None, None))[3]
    if fixed is not None:
        return fixed
    vals = [float(np.nanmax(a)) for s in slices for a in s.arrays[name]]
    lows = [float(np.nanmin(a)) for s in slices for a in s.arrays[name]]
    lo, hi = min(0.0, min(lows)), max(vals)
    return lo, hi if hi > lo else lo + 1.0


def readouts(run: hosim_h5.Run) -> dict[str, np.ndarray]:
    """The clinical readouts the pictures plot: serum ALP as a multiple of
    the upper normal limit and HO volume (mm³), against day."""
    ts = run.timeseries
    out = {"day": ts["time_days"]}
    for k in ("serum_alp_uln", "ho_volume_mm3"):
        out[k] = ts[k] if k in ts else np.zeros_like(ts["time_days"])
    return out


def check_field(name: str, slice_path: str) -> None:
    """Fail early, with the choices, on a field name the run does not have."""
    run = hosim_h5.load(run_h5(slice_path))
    if not run.steps:
        raise UserError(f"{slice_path}: the run has no snapshots (output.snapshot_interval)")
    have = run.meshes(run.steps[0])
    if name not in have or name == "cell_type":
        known = [n for n in FIELDS if n in have]
        raise UserError(f"unknown field '{name}' for {slice_path}; choose one of: "
                        + ", ".join(known + [n for n in have if n not in FIELDS and n != "cell_type"]))


# The stages of MODEL.md §1-§3 with the days they usually span in the
# untreated teaching slice, a short name and the caption a teacher reads out.
# Treated or altered runs keep the clock: the caption says what *would*
# happen then, so students can spot what the treatment changed.
STAGES = [
    (0.0, 2.0, "Inflammation",
     "The contusion kills muscle and tears vessels: the core is necrotic, bloody, hypoxic "
     "(haematoma about 6 mmHg) and acidic (pH 6.7-6.9). Neutrophils arrive within hours and "
     "are gone by day 2; M1 macrophages follow. Both make the inflammatory signal (PGE2, via "
     "COX-2) and macrophages make BMP - the inducing agent."),
    (2.0, 7.0, "Progenitor influx",
     "The haemorrhage has brought osteogenic progenitors (MPCs); resident ones wake up at the "
     "margin. They divide (about every 14.5 h) and crawl up the BMP and inflammatory gradients. "
     "M2 macrophages (days 3-7) clear the debris; vessels start to regrow from the margin, "
     "driven by hypoxia."),
    (7.0, 14.0, "Differentiation",
     "The three requirements meet: progenitors + BMP + a permissive environment. Where tissue "
     "is oxygenated they become osteoblasts directly; in the hypoxic core they become "
     "chondrocytes (endochondral route, replaced by bone when vessels invade); without BMP "
     "they make fibroblasts - a scar, not bone."),
    (14.0, 21.0, "Osteoid",
     "Osteoblasts lay down osteoid, the unmineralised bone matrix (about 1 um/day), and make "
     "alkaline phosphatase: serum ALP climbs above the upper normal limit from about week 3. "
     "The lesion turns alkaline (pH about 7.5 by day 20), which mineralisation needs."),
    (21.0, 28.0, "Mineralisation",
     "After a lag of 8-21 days osteoid mineralises (amorphous calcium phosphate, then "
     "hydroxyapatite). ALP removes the pyrophosphate inhibitor; acid (pH near 6.9) would stop "
     "it. Mineral becomes visible on a radiograph 3-5 weeks after injury. Etidronate blocks "
     "this step - if it is there before the mineral."),
    (28.0, 42.0, "Zones",
     "The zone phenomenon (weeks 3-6): from the centre outwards, a cellular unmineralised "
     "core, a mineralised ring, a lucent gap, then normal muscle. It is not painted: vessels "
     "return from the rim, so the oxygenated rim matures first and the hypoxic core lags "
     "(centrifugal maturation)."),
    (42.0, float("inf"), "Maturation",
     "Osteoblasts buried in mineral become osteocytes; mineral keeps densifying for months "
     "and the bone matures from the rim inwards. Serum ALP peaks near week 10 at about "
     "3.5 x ULN; the delayed bone scan keeps rising while flow returns to normal."),
]


def stage(day: float) -> tuple[str, str]:
    for lo, hi, name, caption in STAGES:
        if lo <= day < hi:
            return name, caption
    return STAGES[-1][2], STAGES[-1][3]
