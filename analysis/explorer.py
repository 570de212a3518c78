#!/usr/bin/python3
"""One self-contained HTML page per run to explore it in any browser.

    /usr/bin/python3 analysis/explorer.py RUN [-o explorer.html] [--z INDEX]

RUN is a run folder (or its run.h5); the page defaults to RUN/explorer.html.
It needs no server, no network and no installation: every byte it uses
(script, style, data) is inside the file. It shows a 2D slice of the run
(the lesion centre of a 3D run, unfolded across mirror planes) with:

- a time slider (one stop per snapshot), play/pause and the day;
- the tissue picture of analysis/movie.py with layer toggles for cells,
  osteoid, mineral and vessels (perfusion), a legend and a mm scale bar;
- a field selector (o2, ph, bmp, inflammation, ...) with a colour bar, and
  the value under the mouse;
- serum ALP (x ULN) and HO volume against time with a cursor;
- a caption for the stage of HO formation the day falls in (MODEL.md).

The data travel as greyscale PNG atlases (one tile per snapshot, 8 bits:
cell type codes exactly, fractions and fields quantised over their fixed
range), decoded and coloured on a canvas. The URL fragment sets the view,
e.g. explorer.html#day=30&field=ph&layers=cells,mineral, through the same
code as the controls; the page publishes its state on <body>
(data-day, data-field, data-frame-hash, data-ready) for tests.
Exit 2 on bad input.
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import os
import struct
import sys
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import teaching_frames as tf  # noqa: E402


def png_grey(img: np.ndarray) -> bytes:
    """An 8-bit greyscale PNG of a [rows][cols] uint8 array, first row at the
    top (the standard library has zlib; no imaging package needed)."""
    rows, cols = img.shape
    raw = np.zeros((rows, cols + 1), np.uint8)  # filter byte 0 (None) per row
    raw[:, 1:] = img

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + \
            struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", cols, rows, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), 9)) + chunk(b"IEND", b""))


def atlas(frames: list[np.ndarray], cols: int) -> np.ndarray:
    """The frames as tiles of one image, row by row, each tile flipped so
    its first row is the top (y up on screen)."""
    ny, nx = frames[0].shape
    rows = math.ceil(len(frames) / cols)
    out = np.zeros((rows * ny, cols * nx), np.uint8)
    for i, f in enumerate(frames):
        r, c = divmod(i, cols)
        out[r * ny:(r + 1) * ny, c * nx:(c + 1) * nx] = f[::-1]
    return out


def quantise(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.round(np.clip((a - lo) / (hi - lo), 0, 1) * 255).astype(np.uint8)


def lut_of(cmap: str) -> list[int]:
    import matplotlib
    rgba = matplotlib.colormaps[cmap](np.linspace(0, 1, 256))
    return [int(round(v * 255)) for v in rgba[:, :3].ravel()]


def rgb255(c) -> list[int]:
    from matplotlib.colors import to_rgb
    return [int(round(v * 255)) for v in to_rgb(c)]


def build(path: str, z: int | None) -> str:
    run = tf.hosim_h5.load(tf.run_h5(path))
    if not run.steps:
        raise tf.UserError(f"{path}: the run has no snapshots (output.snapshot_interval)")
    have = run.meshes(run.steps[0])
    missing = [n for n in tf.TISSUE_MESHES if n not in have]
    if missing:
        raise tf.UserError(f"{path}: the snapshots lack {', '.join(missing)}, which the page draws "
                           "(output.fields)")
    fields = [n for n in tf.FIELDS if n in have]
    s = tf.load_slice(path, list(dict.fromkeys(list(tf.TISSUE_MESHES) + fields)), z)
    ny, nx = s.shape
    cols = max(1, min(len(s.days), 4096 // nx, math.ceil(math.sqrt(len(s.days)))))
    images = {"cell_type": [a.astype(np.uint8) for a in s.arrays["cell_type"]]}
    field_meta = {}
    for n in ("mineral", "osteoid", "vessels"):
        images["tissue_" + n] = [quantise(a, 0, 1) for a in s.arrays[n]]
    for n in fields:
        lo, hi = tf.field_range(n, [s])
        images[n] = [quantise(a, lo, hi) for a in s.arrays[n]]
        field_meta[n] = {"label": tf.field_label(n), "lo": lo, "hi": hi, "lut": lut_of(tf.field_cmap(n))}
    pngs = {k: base64.b64encode(png_grey(atlas(v, cols))).decode() for k, v in images.items()}
    r = tf.readouts(s.run)
    palette = {}
    for code, name in s.cell_names.items():
        if name in ("none", "empty"):
            continue
        label, col = tf.CELL_COLOURS.get(name, (name, tf.UNKNOWN_CELL))
        palette[code] = {"label": label, "rgb": rgb255(col)}
    meta = {
        "title": s.title, "description": s.description,
        "name": str(s.run.config.get("run", {}).get("name", "")),
        "days": s.days, "nx": nx, "ny": ny, "dx_mm": s.dx_mm, "cols": cols,
        "palette": palette,
        "order": [lab for lab, _ in tf.cell_legend(s.cell_names)],
        "tissue": {"unperfused": rgb255(tf.TISSUE_UNPERFUSED), "perfused": rgb255(tf.TISSUE_PERFUSED),
                   "osteoid": rgb255(tf.OSTEOID), "mineral": rgb255(tf.MINERAL),
                   "cell_alpha": tf.CELL_ALPHA, "osteoid_alpha": tf.OSTEOID_ALPHA,
                   "mineral_alpha": tf.MINERAL_ALPHA, "mineral_full": tf.MINERAL_FULL},
        "fields": field_meta,
        "readouts": {"day": [round(float(v), 4) for v in r["day"]],
                     "alp": [round(float(v), 4) for v in r["serum_alp_uln"]],
                     "ho": [float(f"{v:.5g}") for v in r["ho_volume_mm3"]]},
        "stages": [[lo, None if math.isinf(hi) else hi, name, cap] for lo, hi, name, cap in tf.STAGES],
    }
    html = TEMPLATE.replace("__TITLE__", _esc(f"{s.title} - hosim explorer"))
    html = html.replace("__META__", json.dumps(meta, separators=(",", ":")).replace("</", "<\\/"))
    return html.replace("__ATLASES__", json.dumps(pngs, separators=(",", ":")))


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run", metavar="RUN", help="run folder or run.h5")
    ap.add_argument("-o", "--out", help="the page (default RUN/explorer.html)")
    ap.add_argument("--z", type=int, help="z index of the slice of a 3D run (default: lesion centre)")
    a = ap.parse_args(argv)
    try:
        html = build(a.run, a.z)
    except tf.UserError as e:
        print(f"explorer: {e}", file=sys.stderr)
        return 2
    out = a.out or os.path.join(os.path.dirname(tf.run_h5(a.run)), "explorer.html")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(html)
    print(out)
    return 0


TEMPLATE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:12px 18px;color:#222;background:#fff}
h1{font-size:1.25em;margin:0 0 4px}
#desc{color:#555;font-size:.9em;margin:0 0 8px;max-width:1100px}
#controls{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin:6px 0 10px}
#slider{width:380px}
#day-label{font-size:1.5em;font-weight:bold;min-width:5.5em;display:inline-block}
#main{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
.panel{display:flex;flex-direction:column;gap:4px}
.panel h2{font-size:.95em;margin:0}
canvas.map{width:420px;height:420px;image-rendering:pixelated;border:1px solid #ccc}
#legend{font-size:.85em;line-height:1.5}
.sw{display:inline-block;width:14px;height:12px;margin-right:6px;vertical-align:middle;border:1px solid #999}
#stage{max-width:880px;background:#f6f3ea;border-left:5px solid #E69F00;padding:8px 12px;margin:10px 0}
#stage b{display:block;margin-bottom:3px}
#probe{font-size:.85em;color:#444;min-height:1.2em}
#plots{display:flex;gap:18px;flex-wrap:wrap}
button{font-size:1em;padding:3px 12px}
label{white-space:nowrap}
</style></head>
<body data-ready="0">
<h1 id="title"></h1>
<p id="desc"></p>
<div id="controls">
  <button id="play" type="button">&#9654; Play</button>
  <input id="slider" type="range" min="0" max="0" step="1" value="0" aria-label="day">
  <span id="day-label">Day 0</span>
  <label>Field <select id="field"></select></label>
  <span>Layers:
    <label><input type="checkbox" class="layer" value="cells" checked> cells</label>
    <label><input type="checkbox" class="layer" value="osteoid" checked> osteoid</label>
    <label><input type="checkbox" class="layer" value="mineral" checked> mineral</label>
    <label><input type="checkbox" class="layer" value="vessels" checked> vessels</label>
  </span>
</div>
<div id="stage"><b id="stage-name"></b><span id="stage-text"></span></div>
<div id="main">
  <div class="panel"><h2>Cells, osteoid and mineral</h2><canvas id="tissue" class="map" width="420" height="420"></canvas></div>
  <div class="panel"><h2 id="field-title"></h2><canvas id="fieldmap" class="map" width="420" height="420"></canvas>
    <canvas id="colorbar" width="420" height="34"></canvas></div>
  <div class="panel"><h2>Legend</h2><div id="legend"></div></div>
</div>
<div id="probe">Move the mouse over a picture to read the value there.</div>
<div id="plots">
  <div class="panel"><h2>Serum ALP (&times; upper normal limit)</h2><canvas id="plot-alp" width="420" height="170"></canvas></div>
  <div class="panel"><h2>HO volume (mm&sup3;)</h2><canvas id="plot-ho" width="420" height="170"></canvas></div>
</div>
<script>
"use strict";
const META = __META__;
const ATLASES = __ATLASES__;
const N = META.days.length, NX = META.nx, NY = META.ny;
const layers = {};      // name -> Uint8Array of the whole atlas (one byte per pixel)
let atlasWidth = 0;
const state = {i: 0, field: null, show: {cells: true, osteoid: true, mineral: true, vessels: true}};
const $ = id => document.getElementById(id);

function decode(name, b64) {
  return new Promise((ok, fail) => {
    const img = new Image();
    img.onload = () => {
      const c = document.createElement("canvas");
      c.width = img.width; c.height = img.height;
      const g = c.getContext("2d", {willReadFrequently: true});
      g.drawImage(img, 0, 0);
      const rgba = g.getImageData(0, 0, img.width, img.height).data;
      const a = new Uint8Array(img.width * img.height);
      for (let k = 0; k < a.length; k++) a[k] = rgba[4 * k];
      layers[name] = a; atlasWidth = img.width; ok();
    };
    img.onerror = () => fail(new Error("cannot decode " + name));
    img.src = "data:image/png;base64," + b64;
  });
}

// Byte k (row-major, first row at the top) of snapshot i of a layer.
function tile(name, i) {
  const a = layers[name], out = new Uint8Array(NX * NY);
  const r = Math.floor(i / META.cols), c = i % META.cols;
  for (let y = 0; y < NY; y++) {
    const start = (r * NY + y) * atlasWidth + c * NX;
    out.set(a.subarray(start, start + NX), y * NX);
  }
  return out;
}

function mix(dst, src, w) { for (let k = 0; k < 3; k++) dst[k] = dst[k] * (1 - w) + src[k] * w; }

// Same layers as analysis/teaching_frames.tissue_rgb.
function tissueImage(i) {
  const T = META.tissue, ct = tile("cell_type", i), mi = tile("tissue_mineral", i),
        os = tile("tissue_osteoid", i), ve = tile("tissue_vessels", i);
  const img = new ImageData(NX, NY), d = img.data, px = [0, 0, 0];
  for (let k = 0; k < NX * NY; k++) {
    const v = state.show.vessels ? ve[k] / 255 : 0;
    px[0] = T.unperfused[0]; px[1] = T.unperfused[1]; px[2] = T.unperfused[2];
    mix(px, T.perfused, v);
    const cell = META.palette[ct[k]];
    if (state.show.cells && cell) mix(px, cell.rgb, T.cell_alpha);
    if (state.show.osteoid) mix(px, T.osteoid, T.osteoid_alpha * os[k] / 255);
    if (state.show.mineral) mix(px, T.mineral, T.mineral_alpha * Math.min(1, mi[k] / 255 / T.mineral_full));
    d[4 * k] = px[0]; d[4 * k + 1] = px[1]; d[4 * k + 2] = px[2]; d[4 * k + 3] = 255;
  }
  return img;
}

function fieldImage(i, name) {
  const lut = META.fields[name].lut, q = tile(name, i), img = new ImageData(NX, NY), d = img.data;
  for (let k = 0; k < NX * NY; k++) {
    const v = q[k];
    d[4 * k] = lut[3 * v]; d[4 * k + 1] = lut[3 * v + 1]; d[4 * k + 2] = lut[3 * v + 2]; d[4 * k + 3] = 255;
  }
  return img;
}

// Draw an nx x ny image scaled onto a display canvas, with a mm scale bar.
function paint(canvas, img) {
  const off = document.createElement("canvas");
  off.width = NX; off.height = NY;
  off.getContext("2d").putImageData(img, 0, 0);
  const g = canvas.getContext("2d");
  g.imageSmoothingEnabled = false;
  g.drawImage(off, 0, 0, canvas.width, canvas.height);
  const widthMm = NX * META.dx_mm;
  let bar = 0.1;
  for (const b of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]) if (b <= widthMm / 4) bar = b;
  const px = bar / widthMm * canvas.width, x0 = canvas.width * 0.95 - px, y0 = canvas.height * 0.93;
  g.fillStyle = "rgba(255,255,255,0.8)";
  g.fillRect(x0 - 12, y0 - 24, px + 24, 36);
  g.fillStyle = "#000";
  g.fillRect(x0, y0, px, 5);
  g.font = "13px sans-serif"; g.textAlign = "center";
  g.fillText(bar + " mm", x0 + px / 2, y0 - 6);
}

function hash(img) {   // FNV-1a of the pixels: changes when the picture does
  let h = 0x811c9dc5;
  const d = img.data;
  for (let k = 0; k < d.length; k++) { h ^= d[k]; h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16);
}

function colorbar() {
  const f = META.fields[state.field], c = $("colorbar"), g = c.getContext("2d");
  g.clearRect(0, 0, c.width, c.height);
  for (let x = 0; x < c.width; x++) {
    const v = Math.round(x / (c.width - 1) * 255);
    g.fillStyle = `rgb(${f.lut[3 * v]},${f.lut[3 * v + 1]},${f.lut[3 * v + 2]})`;
    g.fillRect(x, 0, 1, 16);
  }
  g.fillStyle = "#222"; g.font = "12px sans-serif";
  g.textAlign = "left"; g.fillText(fmt(f.lo), 0, 30);
  g.textAlign = "center"; g.fillText(fmt((f.lo + f.hi) / 2), c.width / 2, 30);
  g.textAlign = "right"; g.fillText(fmt(f.hi), c.width, 30);
}

function fmt(v) { return Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : Number(v.toPrecision(3)).toString(); }

function plot(canvas, ys, day, refLine) {
  const g = canvas.getContext("2d"), W = canvas.width, H = canvas.height, L = 44, B = 24, T = 8, R = 10;
  const xs = META.readouts.day, xmax = Math.max(1, xs[xs.length - 1]);
  let ymax = Math.max(...ys, refLine || 0); ymax = ymax > 0 ? ymax * 1.08 : 1;
  const X = x => L + x / xmax * (W - L - R), Y = y => H - B - y / ymax * (H - B - T);
  g.clearRect(0, 0, W, H);
  g.strokeStyle = "#999"; g.lineWidth = 1; g.strokeRect(L, T, W - L - R, H - B - T);
  g.fillStyle = "#333"; g.font = "11px sans-serif"; g.textAlign = "center";
  const step = xmax > 120 ? 30 : xmax > 40 ? 10 : 5;
  for (let x = 0; x <= xmax; x += step) g.fillText(x, X(x), H - B + 13);
  g.fillText("day", (L + W - R) / 2, H - 1);
  g.textAlign = "right";
  for (const f of [0, 0.5, 1]) g.fillText(fmt(f * ymax / 1.08), L - 4, Y(f * ymax / 1.08) + 4);
  if (refLine) {
    g.strokeStyle = "#888"; g.setLineDash([3, 3]); g.beginPath();
    g.moveTo(L, Y(refLine)); g.lineTo(W - R, Y(refLine)); g.stroke(); g.setLineDash([]);
    g.textAlign = "left"; g.fillText("ULN", L + 3, Y(refLine) - 3);
  }
  g.strokeStyle = "#000"; g.lineWidth = 1.6; g.beginPath();
  xs.forEach((x, k) => k ? g.lineTo(X(x), Y(ys[k])) : g.moveTo(X(x), Y(ys[k])));
  g.stroke();
  g.strokeStyle = "#D55E00"; g.lineWidth = 2; g.beginPath();
  g.moveTo(X(day), T); g.lineTo(X(day), H - B); g.stroke();
}

function stageOf(day) {
  for (const [lo, hi, name, text] of META.stages) if (day >= lo && (hi === null || day < hi)) return [name, text];
  const s = META.stages[META.stages.length - 1]; return [s[2], s[3]];
}

function render() {
  const i = state.i, day = META.days[i];
  const t = tissueImage(i), f = fieldImage(i, state.field);
  paint($("tissue"), t);
  paint($("fieldmap"), f);
  $("day-label").textContent = "Day " + fmt(day);
  const [name, text] = stageOf(day);
  $("stage-name").textContent = name + " (day " + fmt(day) + ")";
  $("stage-text").textContent = text;
  $("field-title").textContent = META.fields[state.field].label;
  plot($("plot-alp"), META.readouts.alp, day, 1);
  plot($("plot-ho"), META.readouts.ho, day, 0);
  const b = document.body.dataset;
  b.day = String(day); b.field = state.field; b.frameHash = hash(t) + "-" + hash(f);
  b.layers = Object.keys(state.show).filter(k => state.show[k]).join(",");
  b.ready = "1";
}

function nearest(day) {
  let best = 0;
  META.days.forEach((d, k) => { if (Math.abs(d - day) < Math.abs(META.days[best] - day)) best = k; });
  return best;
}

// The fragment drives the same controls a user would, then fires their events.
function applyHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (p.has("field") && META.fields[p.get("field")]) {
    $("field").value = p.get("field"); $("field").dispatchEvent(new Event("change"));
  }
  if (p.has("layers")) {
    const on = p.get("layers").split(",");
    document.querySelectorAll(".layer").forEach(cb => {
      const want = on.includes(cb.value);
      if (cb.checked !== want) { cb.checked = want; cb.dispatchEvent(new Event("change")); }
    });
  }
  if (p.has("day")) {
    $("slider").value = String(nearest(parseFloat(p.get("day"))));
    $("slider").dispatchEvent(new Event("input"));
  }
}

let timer = null;
function setPlaying(on) {
  if (timer) { clearInterval(timer); timer = null; }
  if (on) timer = setInterval(() => {
    $("slider").value = String((state.i + 1) % N);
    $("slider").dispatchEvent(new Event("input"));
  }, 200);
  $("play").innerHTML = on ? "&#10074;&#10074; Pause" : "&#9654; Play";
}

function probe(ev, which) {
  const r = ev.target.getBoundingClientRect();
  const x = Math.floor((ev.clientX - r.left) / r.width * NX), yTop = Math.floor((ev.clientY - r.top) / r.height * NY);
  if (x < 0 || x >= NX || yTop < 0 || yTop >= NY) return;
  const k = yTop * NX + x, pos = `x ${((x + 0.5) * META.dx_mm).toFixed(2)} mm, y ${((NY - yTop - 0.5) * META.dx_mm).toFixed(2)} mm: `;
  if (which === "field") {
    const f = META.fields[state.field], q = tile(state.field, state.i)[k];
    $("probe").textContent = pos + f.label + " " + fmt(f.lo + q / 255 * (f.hi - f.lo));
  } else {
    const c = META.palette[tile("cell_type", state.i)[k]];
    const m = tile("tissue_mineral", state.i)[k] / 255, o = tile("tissue_osteoid", state.i)[k] / 255;
    $("probe").textContent = pos + (c ? c.label : "no cell") + `, osteoid ${o.toFixed(2)}, mineral ${m.toFixed(2)}`;
  }
}

function legend() {
  const T = META.tissue, rows = [];
  const byLabel = {};
  Object.values(META.palette).forEach(p => byLabel[p.label] = p.rgb);
  META.order.forEach(l => rows.push([l, byLabel[l]]));
  rows.push(["perfused tissue (vessels)", T.perfused], ["unperfused tissue", T.unperfused],
            ["osteoid (unmineralised matrix)", T.osteoid], ["mineral", T.mineral]);
  $("legend").innerHTML = "";
  for (const [l, c] of rows) {
    const div = document.createElement("div"), sw = document.createElement("span");
    sw.className = "sw"; sw.style.background = `rgb(${c[0]},${c[1]},${c[2]})`;
    div.appendChild(sw); div.appendChild(document.createTextNode(l)); $("legend").appendChild(div);
  }
}

async function start() {
  $("title").textContent = META.title;
  $("desc").textContent = META.description;
  await Promise.all(Object.entries(ATLASES).map(([k, v]) => decode(k, v)));
  const sel = $("field");
  for (const [k, f] of Object.entries(META.fields)) {
    const o = document.createElement("option"); o.value = k; o.textContent = f.label; sel.appendChild(o);
  }
  state.field = META.fields.o2 ? "o2" : Object.keys(META.fields)[0];
  sel.value = state.field;
  $("slider").max = String(N - 1);
  legend(); colorbar();
  $("slider").addEventListener("input", e => { state.i = parseInt(e.target.value, 10); render(); });
  sel.addEventListener("change", e => { state.field = e.target.value; colorbar(); render(); });
  document.querySelectorAll(".layer").forEach(cb =>
    cb.addEventListener("change", e => { state.show[e.target.value] = e.target.checked; render(); }));
  $("play").addEventListener("click", () => setPlaying(!timer));
  $("tissue").addEventListener("mousemove", e => probe(e, "tissue"));
  $("fieldmap").addEventListener("mousemove", e => probe(e, "field"));
  window.addEventListener("hashchange", applyHash);
  render();
  applyHash();
}
start().catch(e => { document.body.dataset.error = String(e); $("desc").textContent = "Error: " + e; });
</script>
</body></html>
"""

if __name__ == "__main__":
    sys.exit(main())
