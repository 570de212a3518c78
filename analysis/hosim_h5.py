"""Read a hosim run.h5 into numpy arrays (h5py + numpy from Debian).

    /usr/bin/python3 -c "import sys; sys.path.insert(0, 'analysis'); import hosim_h5; \
        r = hosim_h5.load('results/default/run.h5'); print(r.timeseries.keys())"

The layout is DESIGN.md §3: /provenance, /data/<step>/meshes/<field> as
[nz][ny][nx] arrays with unit, grid_spacing and origin attributes (z, y, x
order, µm), /data/<step>/images/<name> as [ny][nx] arrays (the radiograph),
and /timeseries/<name> with a unit attribute. `Run.config` is
the resolved configuration (/provenance/config_resolved_yaml, python3-yaml).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import h5py
import numpy as np


def _text(v) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


@dataclass
class Run:
    path: str
    steps: list[int]
    time_days: dict[int, float]
    timeseries: dict[str, np.ndarray]
    units: dict[str, str]
    provenance: dict[str, str] = field(default_factory=dict)

    def mesh(self, step: int, name: str) -> np.ndarray:
        """One snapshot mesh as a [nz][ny][nx] array."""
        with h5py.File(self.path, "r") as f:
            return f[f"/data/{step}/meshes/{name}"][...]

    def meshes(self, step: int) -> list[str]:
        with h5py.File(self.path, "r") as f:
            return sorted(f[f"/data/{step}/meshes"].keys())

    def image(self, step: int, name: str = "radiograph") -> np.ndarray | None:
        """One snapshot image as a [ny][nx] array, or None when the run did not
        write it (older runs; output.fields without it)."""
        with h5py.File(self.path, "r") as f:
            path = f"/data/{step}/images/{name}"
            return f[path][...] if path in f else None

    def spacing_um(self, step: int, name: str) -> np.ndarray:
        with h5py.File(self.path, "r") as f:
            return np.asarray(f[f"/data/{step}/meshes/{name}"].attrs["grid_spacing"])

    @functools.cached_property
    def config(self) -> dict:
        """The resolved configuration the run used, as nested dicts (read once)."""
        import yaml
        with h5py.File(self.path, "r") as f:
            text = _text(f["/provenance/config_resolved_yaml"][()])
        return yaml.safe_load(text)

    def mirror_axes(self) -> list[str]:
        """Axes whose lower face is a mirror plane (grid.mirror): the mesh is
        that part of a symmetric domain."""
        return list(self.config.get("grid", {}).get("mirror", []) or [])


def unfold(img: np.ndarray, mirror: list[str]) -> np.ndarray:
    """A [ny][nx] picture of a mirror-reduced grid with its mirror images
    prepended along the mirrored x and y axes, so the whole domain shows."""
    if "x" in mirror:
        img = np.concatenate([img[:, ::-1], img], axis=1)
    if "y" in mirror:
        img = np.concatenate([img[::-1, :], img], axis=0)
    return img


def load(path: str) -> Run:
    with h5py.File(path, "r") as f:
        steps = sorted((int(k) for k in f["/data"].keys()))
        times = {s: float(f[f"/data/{s}"].attrs["time_days"]) for s in steps}
        ts = {k: f[f"/timeseries/{k}"][...] for k in f["/timeseries"].keys()}
        units = {k: _text(f[f"/timeseries/{k}"].attrs["unit"]) for k in f["/timeseries"].keys()}
        prov = {k: _text(v) for k, v in f["/provenance"].attrs.items()}
    return Run(path, steps, times, ts, units, prov)
