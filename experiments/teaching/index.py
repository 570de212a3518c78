#!/usr/bin/python3
"""The front page of a teaching folder: links to every explorer page, the
movies (played in the page), the stills and the 3D renders, each titled from
its config. Paths are relative, so the folder can be copied or zipped as a
whole and opened anywhere.

    /usr/bin/python3 experiments/teaching/index.py OUT   (writes OUT/index.html)
"""
import glob
import html
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "analysis"))
import hosim_h5  # noqa: E402
import teaching_frames as tf  # noqa: E402

# What each movie of run.sh compares, in lesson order (README.md).
MOVIES = [
    ("untreated_o2", "The whole course, untreated, with oxygen: the hypoxic core and the zones"),
    ("untreated_inflammation", "The same run with the inflammatory signal (PGE2): the first week"),
    ("requirements", "The three requirements: remove any one and no bone forms"),
    ("nsaid", "NSAID early vs late, with the inflammatory signal"),
    ("etidronate", "Etidronate before vs after mineral shows, with pH"),
    ("treatments", "The main treatments started early, with BMP"),
]


def main(out: str) -> int:
    def rel(p):
        return html.escape(os.path.relpath(p, out))

    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>hosim teaching pictures</title><style>",
             "body{font-family:system-ui,sans-serif;margin:16px 24px;max-width:1200px}",
             "video,img{max-width:100%;border:1px solid #ccc}figure{margin:0 0 24px}",
             "li{margin:3px 0}</style></head><body>",
             "<h1>Heterotopic ossification: teaching pictures</h1>",
             "<p>Made by <code>experiments/teaching/run.sh</code>; the lesson plan is "
             "experiments/teaching/README.md in the hosim sources.</p>",
             "<h2>Explorers (one page per run; open in any browser, no network needed)</h2><ul>"]
    pages = glob.glob(os.path.join(out, "explorers", "*.html"))
    # The untreated reference first, the others alphabetically.
    for page in sorted(pages, key=lambda p: (not p.endswith("untreated.html"), p)):
        name = os.path.splitext(os.path.basename(page))[0]
        h5 = os.path.join(out, "runs", name, "run.h5")
        title = tf.config_title(hosim_h5.load(h5))[0] if os.path.isfile(h5) else name
        parts.append(f"<li><a href='{rel(page)}'>{html.escape(title)}</a></li>")
    parts.append("</ul><h2>Movies</h2>")
    for name, what in MOVIES:
        mp4 = os.path.join(out, "movies", name + ".mp4")
        if not os.path.isfile(mp4):
            continue
        gif = os.path.join(out, "movies", name + ".gif")
        parts.append(f"<figure><figcaption><b>{html.escape(what)}</b> "
                     f"(<a href='{rel(mp4)}'>MP4</a>, <a href='{rel(gif)}'>GIF</a>)</figcaption>"
                     f"<video controls loop preload='metadata' src='{rel(mp4)}'></video></figure>")
    renders = sorted(glob.glob(os.path.join(out, "renders", "*.png")))
    if renders:
        parts.append("<h2>3D renders</h2>")
        parts += [f"<figure><img src='{rel(p)}' alt='{rel(p)}'></figure>" for p in renders]
    stills = sorted(glob.glob(os.path.join(out, "frames", "*.png")))
    if stills:
        parts.append("<h2>Stills</h2><ul>")
        parts += [f"<li><a href='{rel(p)}'>{rel(p)}</a></li>" for p in stills]
        parts.append("</ul>")
    parts.append("</body></html>")
    path = os.path.join(out, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    print(path)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: index.py OUT (a folder written by experiments/teaching/run.sh)", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
