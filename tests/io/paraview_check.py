"""Open a run's run.xmf with ParaView's XDMF reader (pvpython) and check it
against run.h5: every output time present, the grid's origin, spacing and
extent, and every mesh value at its voxel (cell data, x fastest).

    pvpython tests/io/paraview_check.py OUTDIR
Exit 0 when everything matches, 1 otherwise.
"""
import sys

import h5py
import numpy as np
from paraview.simple import XDMFReader, servermanager
from vtkmodules.util.numpy_support import vtk_to_numpy


def main(outdir: str) -> int:
    h5 = h5py.File(outdir + "/run.h5", "r")
    steps = sorted(h5["/data"].keys(), key=int)
    want_times = [float(h5[f"/data/{s}"].attrs["time_days"]) for s in steps]
    reader = XDMFReader(FileNames=[outdir + "/run.xmf"])
    times = list(reader.TimestepValues)
    if not np.allclose(times, want_times):
        print("time values differ:", times, want_times)
        return 1
    for s, t in zip(steps, want_times):
        reader.UpdatePipeline(t)
        img = servermanager.Fetch(reader)
        meshes = h5[f"/data/{s}/meshes"]
        first = meshes[next(iter(meshes))]
        nz, ny, nx = first.shape
        spacing = first.attrs["grid_spacing"][::-1]  # stored z,y,x
        origin = first.attrs["origin"][::-1]
        if tuple(img.GetDimensions()) != (nx + 1, ny + 1, nz + 1):
            print("dimensions", img.GetDimensions(), "expected points", (nx + 1, ny + 1, nz + 1))
            return 1
        if not np.allclose(img.GetSpacing(), spacing) or not np.allclose(img.GetOrigin(), origin):
            print("geometry", img.GetOrigin(), img.GetSpacing(), origin, spacing)
            return 1
        cd = img.GetCellData()
        for name in meshes:
            arr = cd.GetArray(name)
            if arr is None:
                print(f"step {s}: ParaView lacks array {name}")
                return 1
            got = vtk_to_numpy(arr)
            want = meshes[name][...].reshape(-1)  # C order [z][y][x] = VTK cell order
            if got.shape != want.shape or not np.array_equal(got, want):
                print(f"step {s}: {name} differs from run.h5")
                return 1
        # One explicit voxel: cell (x, y, z) has its centre at origin + (i + 0.5)·dx.
        x, y, z = nx // 3, ny // 2, nz - 1
        centre = [origin[0] + (x + 0.5) * spacing[0], origin[1] + (y + 0.5) * spacing[1],
                  origin[2] + (z + 0.5) * spacing[2]]
        ijk, pcoords = [0, 0, 0], [0.0, 0.0, 0.0]
        if not img.ComputeStructuredCoordinates(centre, ijk, pcoords):
            print("voxel centre outside the ParaView grid:", centre)
            return 1
        cid = img.ComputeCellId(ijk)
        if cid != x + nx * (y + ny * z):
            print("cell lookup", cid, "expected", x + nx * (y + ny * z))
            return 1
    print(f"ParaView reads {len(steps)} output times, geometry and values match run.h5")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
