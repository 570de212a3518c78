#!/usr/bin/python3
"""A movie of a 2D slice of one run, or of several runs side by side.

    /usr/bin/python3 analysis/movie.py RUN [RUN ...] [--field o2] [-o OUT]
        [--fps 6] [--z INDEX] [--no-gif] [--stills DAY ...] [--stills-dir DIR]

RUN is a run folder (or its run.h5). Writes OUT.mp4 (H.264) and OUT.gif;
OUT defaults to RUN/movie_FIELD for one run and to grid_FIELD in the
current folder for several. Each frame is one snapshot:

- the tissue: one colour per cell type (Okabe-Ito, colour-blind safe, the
  same in every movie), over osteoid (sand) and mineral (grey) washes and a
  perfusion tint, with a legend and a scale bar in mm;
- the chosen field (o2, ph, bmp, inflammation, noggin, ...) with its colour
  bar, on a fixed range (shared by all runs of a grid);
- serum ALP (x upper normal limit) and HO volume against time, with a
  cursor at the frame's day; the day and the stage of MODEL.md beside them.

With several runs each column is one run, titled from the first comment
line of its config. A 3D run is cut at the lesion centre (or --z) and
unfolded across its mirror planes. Needs ffmpeg (Debian package ffmpeg;
`bash .ci/setup --teaching`). --stills DAY... also saves the frames
nearest those days as PNG (OUT_dayDD.png, or in --stills-dir). Exit 2 on
bad input, 1 if ffmpeg fails.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import textwrap

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import teaching_frames as tf  # noqa: E402

# Line colours and styles of the runs in the readout plots (Okabe-Ito hues
# in an order that keeps neighbours apart, and a dash pattern each so the
# lines stay apart in grey).
RUN_LINES = [("#000000", "-"), ("#E69F00", "--"), ("#56B4E9", "-."), ("#009E73", ":"),
             ("#D55E00", (0, (5, 1, 1, 1))), ("#0072B2", (0, (3, 1))), ("#CC79A7", (0, (1, 1)))]


def nice_bar_mm(width_mm: float) -> float:
    """The longest of 0.1, 0.2, 0.5, 1, 2, 5 ... mm that fits in a quarter
    of the panel."""
    best = 0.1
    for base in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50):
        if base <= width_mm / 4:
            best = base
    return best


def scale_bar(ax, width_mm: float, height_mm: float) -> None:
    from matplotlib.patches import Rectangle
    bar = nice_bar_mm(width_mm)
    x0, y0 = width_mm * 0.95 - bar, height_mm * 0.05
    ax.add_patch(Rectangle((x0 - 0.03 * width_mm, y0 - 0.025 * height_mm), bar + 0.06 * width_mm,
                           0.11 * height_mm, facecolor="white", alpha=0.8, edgecolor="none"))
    ax.add_patch(Rectangle((x0, y0), bar, 0.012 * height_mm, facecolor="black"))
    ax.text(x0 + bar / 2, y0 + 0.025 * height_mm, f"{bar:g} mm", ha="center", va="bottom",
            fontsize=8)


class Movie:
    """The figure of one frame; `show(i)` updates it to frame i."""

    def __init__(self, slices: list[tf.Slice], field: str, dpi: int = 100):
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.gridspec import GridSpec
        from matplotlib.patches import Patch

        self.slices, self.field = slices, field
        self.days = slices[0].days
        # Each run shows its snapshot nearest the first run's day.
        self.index = [[int(np.argmin(np.abs(np.asarray(s.days) - d))) for d in self.days]
                      for s in slices]
        n = len(slices)
        self.lo, self.hi = tf.field_range(field, slices)
        if n == 1:
            w, h = 1100, 680
            fig = plt.figure(figsize=(w / dpi, h / dpi), dpi=dpi)
            gs = GridSpec(2, 3, figure=fig, height_ratios=[3.4, 1.3], width_ratios=[1, 1, 0.7],
                          left=0.03, right=0.98, top=0.9, bottom=0.08, hspace=0.28, wspace=0.22)
            cell_axes, field_axes = [fig.add_subplot(gs[0, 0])], [fig.add_subplot(gs[0, 1])]
            leg_ax = fig.add_subplot(gs[0, 2])
            plot_axes = [fig.add_subplot(gs[1, 0]), fig.add_subplot(gs[1, 1])]
            day_ax = fig.add_subplot(gs[1, 2])
            fig.suptitle(textwrap.shorten(slices[0].title, 110), fontsize=12)
        else:
            w = 2 * round((300 * n + 250) / 2)
            h = 860
            fig = plt.figure(figsize=(w / dpi, h / dpi), dpi=dpi)
            half = (n + 1) // 2
            gs = GridSpec(3, n + 1, figure=fig, height_ratios=[3, 3, 1.7],
                          width_ratios=[1] * n + [250 / 300], left=0.02, right=0.985, top=0.9,
                          bottom=0.07, hspace=0.3, wspace=0.12)
            cell_axes = [fig.add_subplot(gs[0, j]) for j in range(n)]
            field_axes = [fig.add_subplot(gs[1, j]) for j in range(n)]
            leg_ax = fig.add_subplot(gs[0:2, n])
            plot_axes = [fig.add_subplot(gs[2, 0:half]), fig.add_subplot(gs[2, half:n])]
            day_ax = fig.add_subplot(gs[2, n])
            for j, s in enumerate(slices):
                cell_axes[j].set_title("\n".join(textwrap.wrap(s.title, 34)[:3]), fontsize=9)
        self.fig = fig

        self.cell_imgs, self.field_imgs, self.luts = [], [], []
        for j, s in enumerate(slices):
            ny, nx = s.shape
            ext = (0, nx * s.dx_mm, 0, ny * s.dx_mm)
            self.luts.append(tf.cell_lut(s.cell_names))
            for ax in (cell_axes[j], field_axes[j]):
                ax.set_xticks([]), ax.set_yticks([])
            self.cell_imgs.append(cell_axes[j].imshow(self.tissue(j, 0), origin="lower", extent=ext,
                                                      interpolation="nearest"))
            self.field_imgs.append(field_axes[j].imshow(
                s.arrays[field][0], origin="lower", extent=ext, cmap=tf.field_cmap(field),
                vmin=self.lo, vmax=self.hi, interpolation="nearest"))
            scale_bar(cell_axes[j], ext[1], ext[3])
            scale_bar(field_axes[j], ext[1], ext[3])
        if n == 1:
            cell_axes[0].set_title("cells, osteoid and mineral", fontsize=10)
            field_axes[0].set_title(tf.field_label(field), fontsize=10)
        else:
            field_axes[0].set_ylabel(tf.field_label(field), fontsize=9)
            cell_axes[0].set_ylabel("cells, osteoid, mineral", fontsize=9)
        cax = field_axes[-1].inset_axes([1.03, 0.0, 0.05, 1.0])
        fig.colorbar(self.field_imgs[-1], cax=cax)
        cax.tick_params(labelsize=7)
        if n > 1:
            cax.set_ylabel(tf.field_label(field), fontsize=8)

        handles = [Patch(facecolor=c, edgecolor="none", label=lab)
                   for lab, c in tf.cell_legend(slices[0].cell_names)]
        handles += [Patch(facecolor=c, edgecolor="0.6", label=lab) for lab, c in tf.LAYER_LEGEND]
        leg_ax.axis("off")
        leg_ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False,
                      title="cell types and matrix", title_fontsize=9, borderaxespad=0)

        self.cursors, self.dots = [], []
        for ax, key, label in ((plot_axes[0], "serum_alp_uln", "serum ALP (x ULN)"),
                               (plot_axes[1], "ho_volume_mm3", "HO volume (mm³)")):
            dots = []
            for j, s in enumerate(slices):
                r = tf.readouts(s.run)
                col, ls = RUN_LINES[j % len(RUN_LINES)]
                ax.plot(r["day"], r[key], color=col, linestyle=ls, lw=1.4,
                        label=textwrap.shorten(s.title.split(":")[0], 40) if n > 1 else None)
                dots.append((ax.plot([], [], "o", color=col, ms=4)[0], r["day"], r[key]))
            if key == "serum_alp_uln":
                ax.axhline(1.0, color="0.5", lw=0.8, ls=":")
                ax.text(0.5, 1.0, "ULN", fontsize=7, color="0.4", va="bottom")
            ax.set_title(label, fontsize=9, loc="left")
            ax.set_xlabel("day", fontsize=8)
            ax.tick_params(labelsize=7)
            ax.set_xlim(0, max(self.days[-1], 1))
            self.cursors.append(ax.axvline(0, color="#D55E00", lw=1.2))
            self.dots.append(dots)
        if n > 1:
            plot_axes[1].legend(fontsize=6, loc="upper left", frameon=False)
        day_ax.axis("off")
        self.day_text = day_ax.text(0.05, 0.75, "", fontsize=20, weight="bold",
                                    transform=day_ax.transAxes)
        self.stage_text = day_ax.text(0.05, 0.4, "", fontsize=11, transform=day_ax.transAxes)
        fig.canvas.draw()
        self.size = fig.canvas.get_width_height()

    def tissue(self, j: int, k: int) -> np.ndarray:
        a = self.slices[j].arrays
        return tf.tissue_rgb(a["cell_type"][k], a["mineral"][k], a["osteoid"][k], a["vessels"][k],
                             self.luts[j])

    def show(self, i: int) -> bytes:
        day = self.days[i]
        for j, s in enumerate(self.slices):
            k = self.index[j][i]
            self.cell_imgs[j].set_data(self.tissue(j, k))
            self.field_imgs[j].set_data(s.arrays[self.field][k])
        for cur, dots in zip(self.cursors, self.dots):
            cur.set_xdata([day, day])
            for dot, x, y in dots:
                dot.set_data([day], [float(np.interp(day, x, y))])
        self.day_text.set_text(f"Day {day:g}")
        self.stage_text.set_text(tf.stage(day)[0])
        self.fig.canvas.draw()
        return bytes(self.fig.canvas.buffer_rgba())


def encoders(out: str, size: tuple[int, int], fps: float, gif: bool) -> list[subprocess.Popen]:
    """ffmpeg processes reading raw RGBA frames on stdin: one writes the MP4
    (H.264, yuv420p so every player opens it), one the GIF (a palette made
    from all frames, scaled to at most 900 px wide)."""
    w, h = size
    raw = ["ffmpeg", "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgba",
           "-s", f"{w}x{h}", "-r", f"{fps:g}", "-i", "-"]
    procs = [subprocess.Popen(raw + ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
                                     "-pix_fmt", "yuv420p", "-crf", "23", "-movflags", "+faststart",
                                     out + ".mp4"], stdin=subprocess.PIPE)]
    if gif:
        gw = min(w, 900)
        procs.append(subprocess.Popen(raw + [
            "-vf", f"scale={gw}:-1:flags=lanczos,split[a][b];[a]palettegen=max_colors=128[p];"
                   "[b][p]paletteuse=dither=bayer:bayer_scale=4", out + ".gif"],
            stdin=subprocess.PIPE))
    return procs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="+", metavar="RUN", help="run folder or run.h5 (several: a grid)")
    ap.add_argument("--field", default="o2", help="the second panel's mesh (default o2)")
    ap.add_argument("-o", "--out", help="output path without extension")
    ap.add_argument("--fps", type=float, default=6.0, help="frames (snapshots) per second")
    ap.add_argument("--z", type=int, help="z index of the slice of a 3D run (default: lesion centre)")
    ap.add_argument("--no-gif", action="store_true", help="write the MP4 only")
    ap.add_argument("--stills", type=float, nargs="+", default=[], metavar="DAY",
                    help="also save the frames nearest these days as PNG")
    ap.add_argument("--stills-dir", help="folder of the stills (default: beside OUT)")
    a = ap.parse_args(argv)
    try:
        if a.fps <= 0:
            raise tf.UserError("--fps must be positive")
        if shutil.which("ffmpeg") is None:
            raise tf.UserError("ffmpeg not found: install Debian's ffmpeg (bash .ci/setup --teaching)")
        for r in a.runs:
            tf.check_field(a.field, r)
        names = list(dict.fromkeys(list(tf.TISSUE_MESHES) + [a.field]))
        slices = [tf.load_slice(r, names, a.z) for r in a.runs]
    except tf.UserError as e:
        print(f"movie: {e}", file=sys.stderr)
        return 2
    out = a.out or (os.path.join(os.path.dirname(tf.run_h5(a.runs[0])), f"movie_{a.field}")
                    if len(a.runs) == 1 else f"grid_{a.field}")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    movie = Movie(slices, a.field)
    procs = encoders(out, movie.size, a.fps, not a.no_gif)
    days = np.asarray(movie.days)
    stills = {int(np.argmin(np.abs(days - d))) for d in a.stills}
    still_dir = a.stills_dir or os.path.dirname(os.path.abspath(out))
    if stills:
        os.makedirs(still_dir, exist_ok=True)
    written = []
    try:
        for i in range(len(movie.days)):
            frame = movie.show(i)
            for p in procs:
                p.stdin.write(frame)
            if i in stills:
                written.append(os.path.join(still_dir, f"{os.path.basename(out)}_day{days[i]:g}.png"))
                movie.fig.savefig(written[-1])
    except BrokenPipeError:
        pass
    bad = 0
    for p in procs:
        p.stdin.close()
        bad |= p.wait()
    if bad:
        print(f"movie: ffmpeg failed writing {out}", file=sys.stderr)
        return 1
    print("\n".join([out + ".mp4"] + ([] if a.no_gif else [out + ".gif"]) + written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
