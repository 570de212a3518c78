"""3D pictures of a run at chosen days with ParaView (pvpython).

    xvfb-run -a -s "-screen 0 1280x1024x24" pvpython analysis/render_3d.py RUN [--days 28 42 60]
        [-o PREFIX] [--iso 0.1] [--size 1000 800]

RUN is a run folder with run.xmf and run.h5 (a 3D run; a 2D slice has no
volume to show). Writes PREFIX_dayDD.png for the snapshot nearest each day
(PREFIX defaults to RUN/render). Each picture shows:

- a horizontal cut-plane through the lesion centre coloured by oxygen: the
  hypoxic core against the oxygenated rim;
- above it (a cut-away of the upper half) the mineral isosurface (mineral
  fraction = --iso) in bone white;
- on the +x half of the plane, the cells of a slab three voxels thick as
  points, one colour per type (the Okabe-Ito palette of the movies and
  explorers, analysis/teaching_frames.py).

A mirror-reduced run (grid.mirror) is reflected to the whole lesion first.
Needs Debian's python3-paraview and, without a display, xvfb-run
(`bash .ci/setup --teaching`). Exit 2 on bad input.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def fail(msg):
    print(f"render_3d: {msg}", file=sys.stderr)
    sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run", metavar="RUN")
    ap.add_argument("--days", type=float, nargs="+", default=[28, 42, 60])
    ap.add_argument("-o", "--out", help="output prefix (default RUN/render)")
    ap.add_argument("--iso", type=float, default=0.1, help="mineral fraction of the isosurface")
    ap.add_argument("--size", type=int, nargs=2, default=[1000, 800], metavar=("W", "H"))
    a = ap.parse_args()
    xmf, h5 = os.path.join(a.run, "run.xmf"), os.path.join(a.run, "run.h5")
    if not (os.path.isfile(xmf) and os.path.isfile(h5)):
        fail(f"{a.run}: no run.xmf and run.h5 (give a run folder written by `hosim run`)")
    import hosim_h5
    import teaching_frames as tf
    run = hosim_h5.load(h5)
    if not run.steps:
        fail(f"{h5}: the run has no snapshots")
    have = run.meshes(run.steps[0])
    for n in ("mineral", "cell_type", "o2"):
        if n not in have:
            fail(f"{h5}: the snapshots lack the mesh {n} (output.fields)")
    nz, ny, nx = run.mesh(run.steps[0], "cell_type").shape
    if nz < 2:
        fail(f"{a.run} is a 2D slice (nz = 1): use analysis/movie.py or explorer.py for it")
    slice_ = tf.load_slice(h5, ["cell_type"])
    title = slice_.title

    from paraview import simple as pv
    from matplotlib.colors import to_rgb

    # Debian's ParaView 5.11 under Xvfb fails with GLXBadContext when the
    # first render happens after the pipeline is built; rendering an empty
    # view first avoids it.
    view = pv.CreateView("RenderView")
    view.ViewSize = a.size
    pv.Render(view)

    reader = pv.XDMFReader(FileNames=[xmf])
    reader.CellArrayStatus = ["mineral", "cell_type", "o2"]
    src = reader
    for ax in run.mirror_axes():  # reflect across each mirror plane (the lower face)
        src = pv.Reflect(Input=src, Plane={"x": "X Min", "y": "Y Min", "z": "Z Min"}[ax], CopyInput=1)
    dx = run.spacing_um(run.steps[0], "cell_type")[::-1]  # x, y, z in µm
    lo = [0.0, 0.0, 0.0]
    hi = [nx * dx[0], ny * dx[1], nz * dx[2]]
    for i, ax in enumerate("xyz"):
        if ax in run.mirror_axes():
            lo[i] = -hi[i]
    centre = [(lo[i] + hi[i]) / 2 for i in range(3)]
    if "z" not in run.mirror_axes():
        centre[2] = lo[2] + (hi[2] - lo[2]) / 2

    points = pv.CellDatatoPointData(Input=src)
    iso = pv.Contour(Input=points, ContourBy=["POINTS", "mineral"], Isosurfaces=[a.iso])
    cut = pv.Slice(Input=src)
    cut.SliceType = "Plane"
    cut.SliceType.Origin = centre
    cut.SliceType.Normal = [0, 0, 1]
    cells = pv.Threshold(Input=src, Scalars=["CELLS", "cell_type"])
    cells.LowerThreshold, cells.UpperThreshold = 1, 255

    def clip(inp, normal, origin, keep_above):
        c = pv.Clip(Input=inp, ClipType="Plane")
        c.ClipType.Origin = origin
        c.ClipType.Normal = normal
        c.Invert = 0 if keep_above else 1
        return c
    # A cut-away: the mineral above the cut-plane; the cells of a slab three
    # voxels thick on the plane, over its +x half only, so the other half
    # shows the oxygen beneath them.
    iso = clip(iso, [0, 0, 1], centre, True)
    slab = clip(clip(cells, [0, 0, 1], centre, True), [0, 0, 1],
                [centre[0], centre[1], centre[2] + 3 * dx[2]], False)
    centres = pv.CellCenters(Input=clip(slab, [1, 0, 0], centre, True))
    centres.VertexCells = 1  # points need vertex cells to be drawn

    view.Background = [1, 1, 1]
    try:
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass
    view.OrientationAxesVisibility = 0

    iso_d = pv.Show(iso, view)
    iso_d.ColorArrayName = ["POINTS", ""]  # one solid colour
    iso_d.DiffuseColor = [0.93, 0.90, 0.80]
    iso_d.AmbientColor = iso_d.DiffuseColor
    iso_d.Opacity = 0.7

    cut_d = pv.Show(cut, view)
    pv.ColorBy(cut_d, ("CELLS", "o2"))
    o2_lut = pv.GetColorTransferFunction("o2")
    o2_lut.ApplyPreset("Cividis", True)
    o2_lut.RescaleTransferFunction(*tf.FIELDS["o2"][3])
    o2_lut.AutomaticRescaleRangeMode = "Never"
    cut_d.SetScalarBarVisibility(view, True)
    bar = pv.GetScalarBar(o2_lut, view)
    bar.Title, bar.ComponentTitle = "oxygen on the cut-plane", "(mmHg)"
    bar.TitleColor = bar.LabelColor = [0, 0, 0]

    cell_d = pv.Show(centres, view)
    pv.ColorBy(cell_d, ("POINTS", "cell_type"))
    ct_lut = pv.GetColorTransferFunction("cell_type")
    ct_lut.InterpretValuesAsCategories = 1
    ann, colours = [], []
    for code, name in sorted(slice_.cell_names.items()):
        if name in ("none", "empty"):
            continue
        label, col = tf.CELL_COLOURS.get(name, (name, tf.UNKNOWN_CELL))
        ann += [str(code), label]
        colours += list(to_rgb(col))
    ct_lut.Annotations = ann
    ct_lut.IndexedColors = colours
    cell_d.SetRepresentationType("Points")
    cell_d.PointSize = 4
    cell_d.SetScalarBarVisibility(view, True)
    cbar = pv.GetScalarBar(ct_lut, view)
    cbar.Title = "cells"
    cbar.TitleColor = cbar.LabelColor = [0, 0, 0]
    cbar.WindowLocation = "Lower Left Corner"

    label = pv.Text(Text="")
    label_d = pv.Show(label, view)
    label_d.WindowLocation = "Upper Left Corner"
    label_d.FontSize = 15
    label_d.Color = [0, 0, 0]
    size_mm = [(hi[i] - lo[i]) / 1000 for i in range(3)]

    view.CameraFocalPoint = centre
    span = 0.75 * max(hi[i] - lo[i] for i in range(3))
    view.CameraPosition = [centre[0] + 1.3 * span, centre[1] - 1.6 * span, centre[2] + 1.5 * span]
    view.CameraViewUp = [0, 0, 1]

    out = a.out or os.path.join(a.run, "render")
    os.makedirs(os.path.dirname(os.path.abspath(out)) or ".", exist_ok=True)
    times = list(reader.TimestepValues)
    for day in a.days:
        t = min(times, key=lambda v: abs(v - day))
        view.ViewTime = t
        label.Text = (f"{title}\nDay {t:g}: mineral isosurface ({a.iso:g}) above an oxygen cut-plane, cells on its right half; "
                      f"block {size_mm[0]:.1f} x {size_mm[1]:.1f} x {size_mm[2]:.1f} mm")
        path = f"{out}_day{t:g}.png"
        pv.SaveScreenshot(path, view, ImageResolution=a.size)
        print(path, flush=True)
    return 0


if __name__ == "__main__":
    rc = main()
    # ParaView 5.11 can crash while tearing down its X context at exit,
    # after every picture is written; leave without the teardown.
    sys.stdout.flush()
    os._exit(rc)
