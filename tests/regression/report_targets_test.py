#!/usr/bin/python3
"""bench/report_targets.py --report-only on made-up benchmark results: each
target's figure and verdict follow from the numbers (medians over pairs,
ratios pair by pair), and an incomplete results folder is a clear error."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "bench", "report_targets.py")
GRIDS = ["nx:200/ny:200/nz:200", "nx:100/ny:100/nz:100", "nx:400/ny:400/nz:50"]


def median_row(name, **counters):
    return dict(run_name=name, name=name + "_median", aggregate_name="median", **counters)


def write(path, rows, context=None):
    with open(path, "w") as f:
        json.dump({"context": context or {}, "benchmarks": rows}, f)


def make_results(folder, pairs):
    for p in range(1, pairs + 1):
        for t in (1, 2):
            triad = 14.0 * t
            rows = [median_row("BM_Triad/67108864/real_time", bandwidth_GBps=triad, real_time=1.0)]
            # 200^3: 0.70 of the triad and 2.0 x; 100^3: 0.50 and 1.7 x;
            # 400x400x50: 0.65 and 1.9 x (in pair 1; pair 2 a little slower).
            for g, frac2, speedup in zip(GRIDS, (0.70, 0.50, 0.65), (2.0, 1.7, 1.9)):
                t2 = 10.0 + p
                time = t2 if t == 2 else t2 * speedup
                rows.append(median_row(f"BM_LodStep/{g}/real_time", real_time=time,
                                       traffic_GBps=frac2 * 28.0 * (t2 / time),
                                       voxel_steps_per_s=5e8 * (t2 / time)))
            for k, per in ((1, 1.50), (2, 1.50), (4, 1.49), (7, 1.52)):
                rows.append(median_row(f"BM_LodStepFields/fields:{k}/real_time", real_time=k * per,
                                       ns_per_voxel_step_per_field=per))
            # From memory after another field: k=2 above one field in pair 1
            # only, so its median over the pairs (1.56 / 1.55 = 1.006)
            # decides. The clean-cache variant (still in the binary) is not
            # read: its k=7 here would fail the target.
            for k, per in ((1, 1.55), (2, 1.60 if p == 1 else 1.52), (4, 1.54), (7, 1.55)):
                rows.append(median_row(
                    f"BM_LodStepFieldsAfterField/fields:{k}/iterations:20/real_time",
                    real_time=k * per, ns_per_voxel_step_per_field=per))
                rows.append(median_row(f"BM_LodStepFieldsCold/fields:{k}/iterations:10/real_time",
                                       real_time=k * 2.0, ns_per_voxel_step_per_field=2.0 + k))
            # The 2-thread runs also hold the alternated 1 : 2 ratios, by which
            # target 5 is judged (the other way round from the separate
            # runs on 200^3 and 100^3, so the verdict shows which one counts).
            if t == 2:
                for g, ratios in zip(GRIDS, ((1.75, 1.70), (1.90, 1.86), (1.95, 1.85))):
                    rows.append(median_row(f"BM_LodStepThreads/{g}/iterations:12/real_time",
                                           ratio=ratios[p - 1]))
            write(os.path.join(folder, f"diffusion_p{p}_t{t}.json"), rows)
        write(os.path.join(folder, f"cells_p{p}.json"), [
            median_row("BM_CellStep/100/1/iterations:12/real_time", cell_steps_per_s=7.0e6),
            median_row("BM_CellStep/100/2/iterations:12/real_time", cell_steps_per_s=13.3e6),
            median_row("BM_CellStepThreads/iterations:16/real_time", ratio=1.70 + 0.04 * (p - 1),
                       one_thread_cell_steps_per_s=7.5e6, two_threads_cell_steps_per_s=12.9e6)],
              {"vector_kernels": f"avx2 (processor: avx512; HOSIM_SIMD=avx2) pair {p}"})
    # Target 6 is judged on the tiled lattices (listed out of order here);
    # the scaled-injury cubes are shown for reference.
    write(os.path.join(folder, "tiled.json"), [
        median_row(f"BM_ModelStepTiled/tiles:{k}/iterations:4/real_time", ns_per_voxel_step=v,
                   cells_ns_per_voxel_step=c, transport_ns_per_voxel_step=t,
                   steady_iterations_per_step=i, cells_per_voxel=0.21)
        for k, v, c, t, i in ((4, 90.0, 25.0, 45.0, 8.0), (1, 80.0, 15.0, 50.0, 7.0),
                              (2, 70.0, 20.0, 30.0, 7.25))])
    single = [dict(run_name=f"BM_ModelStep/nx:{n}/ny:{n}/nz:{n}/min_time:2.000/real_time",
                    ns_per_voxel_step=v, cells=0.27 * n ** 3, voxels=n ** 3)
               for n, v in ((64, 60.0), (128, 50.0), (256, 40.0))]
    single.append(dict(run_name="BM_ModelStep/nx:60/ny:60/nz:40/min_time:2.000/real_time",
                       ns_per_voxel_step=500.0))  # ignored: not one of the cubes
    write(os.path.join(folder, "model.json"), single)
    with open(os.path.join(folder, "default_profile.txt"), "w") as f:
        f.write("state memory: 151.2 bytes per voxel (144000 voxels)\n"
                "output (readouts, snapshots, time series, checkpoints): 2.0 s, 3.1% of the "
                "run's 64.5 s wall time\n")


def check(cond, what, out):
    if not cond:
        print(f"FAIL: {what}\n--- output ---\n{out}")
        sys.exit(1)


def main():
    with tempfile.TemporaryDirectory() as d:
        make_results(d, 2)
        r = subprocess.run([sys.executable, SCRIPT, "--report-only", "--pairs", "2", "--out", d],
                           capture_output=True, text=True)
        out = r.stdout
        check(r.returncode == 0, f"exit code {r.returncode} ({r.stderr})", out)
        rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines()
                if line.startswith("| ") and "---" not in line}

        def verdict(prefix):
            hits = [v for k, v in rows.items() if k.startswith(prefix)]
            check(len(hits) == 1, f"one row starting '{prefix}'", out)
            return hits[0]

        check("0.70 of the triad" in verdict("1. LOD step 200x200x200")
              and verdict("1. LOD step 200x200x200").endswith("| met |"), "target 1 at 200^3", out)
        check(verdict("1. LOD step 100x100x100").endswith("| NOT met |"), "target 1 at 100^3", out)
        # From memory after another field, k=2 costs 1.0065 x one field per
        # field (the median over the pairs), 1.032 in pair 1 and 0.981 in
        # pair 2: not met. The hot figures are shown apart.
        check("k=2 1.0065 (pairs 0.981-1.032)" in verdict("2. k fields")
              and "k=7 1.0000 (pairs 1.000-1.000)" in verdict("2. k fields")
              and verdict("2. k fields").endswith("| NOT met |"), "target 2", out)
        check("k=7 1.013" in verdict("2. the same") and
              verdict("2. the same").endswith("| for reference |"), "target 2, hot caches", out)
        check("151.2" in verdict("3.") and verdict("3.").endswith("| NOT met |"), "target 3", out)
        check("13.3 M" in verdict("4.") and verdict("4.").endswith("| NOT met |"), "target 4", out)
        # Target 5 from the ratios alternated in one process (medians over
        # the pairs); the separate runs' ratios shown beside them.
        t5 = verdict("5. transport 200x200x200")
        check("1.73 x (runs 1.70-1.75; separate runs 2.00 x" in t5 and t5.endswith("| NOT met |"),
              "target 5 at 200^3", out)
        t5 = verdict("5. transport 100x100x100")
        check("1.88 x" in t5 and "separate runs 1.70 x" in t5 and t5.endswith("| met |"),
              "target 5 at 100^3", out)
        t5c = verdict("5. cell step")
        check("1.72 x (runs 1.70-1.74; 7.5 and 12.9 M" in t5c and t5c.endswith("| NOT met |"),
              "target 5, cells, alternated", out)
        t5s = verdict("5. the same from BM_CellStep")
        check("1.90 x" in t5s and t5s.endswith("| for reference |"),
              "target 5, cells, separate lattices", out)
        t6 = verdict("6. cost linear")
        check("80.0, 70.0, 90.0" in t6 and "1.29" in t6 and t6.endswith("| NOT met |"),
              "target 6 on the tiles, in order of size", out)
        t6o = verdict("6. the tiles by operator")
        check("15.0, 20.0, 25.0; 50.0, 30.0, 45.0; 7.00, 7.25, 8.00; 0.210, 0.210, 0.210" in t6o
              and t6o.endswith("| for reference |"), "target 6, the tiles by operator", out)
        t6s = verdict("6. the same with the injury scaled")
        check("60.0, 50.0, 40.0" in t6s and "1.50" in t6s and "0.27" in t6s
              and t6s.endswith("| for reference |"), "target 6, scaled injury (60x60x40 left out)",
              out)
        check("3.1 %" in verdict("7.") and verdict("7.").endswith("| met |"), "target 7", out)
        check("\nvector kernels: avx2 (processor: avx512; HOSIM_SIMD=avx2) pair 1\n" in out,
              "the cell step's vector kernels, from the first pair's context", out)

        os.remove(os.path.join(d, "cells_p2.json"))
        r = subprocess.run([sys.executable, SCRIPT, "--report-only", "--pairs", "2", "--out", d],
                           capture_output=True, text=True)
        check(r.returncode != 0 and "incomplete" in r.stderr and "cells_p2.json" in r.stderr,
              "an incomplete folder is an error naming the missing file", r.stderr)
    print("report_targets: verdicts follow the numbers; incomplete results are refused")


if __name__ == "__main__":
    main()
