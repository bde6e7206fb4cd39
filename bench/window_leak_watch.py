#!/usr/bin/env python3
"""Leak watch of the window mode with the editor overlay open.

`loom watch` runs headless; this drives `loom run <project> --watch --editor` in a real window
(under Xvfb when there is no DISPLAY: `xvfb-run -a bench/window_leak_watch.py ...`) and asks it
for `stats` every --interval seconds: live Vulkan objects, GPU KB, heap KB, RSS KB. After the
warm-up it fits a least-squares slope per minute to each series, over the run and over its last
half, and exits 5 when, in the last half, objects or GPU bytes grow at all, or heap or RSS grow
faster than the leak watch's defaults (4 and 256 KB/min).

  bench/window_leak_watch.py [--project examples/noise-blur-bloom] [--seconds 600] [--csv FILE]
"""
import argparse
import csv
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def slope_per_min(ts, ys):
    n = len(ts)
    mt, my = sum(ts) / n, sum(ys) / n
    den = sum((t - mt) ** 2 for t in ts)
    return 0.0 if den == 0 else 60.0 * sum((t - mt) * (y - my) for t, y in zip(ts, ys)) / den


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loom", default=os.path.join(ROOT, "build", "loom"))
    ap.add_argument("--project", default=os.path.join(ROOT, "examples", "noise-blur-bloom"))
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--interval", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=30)
    ap.add_argument("--size", default="640x360")
    ap.add_argument("--csv", default="")
    a = ap.parse_args()
    proc = subprocess.Popen([a.loom, "run", a.project, "--watch", "--editor", "--size", a.size, "--window", "1024x700"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    samples = []
    lock = threading.Lock()
    t0 = time.monotonic()

    def read():
        for line in proc.stdout:
            if line.startswith("stats "):
                f = line.split()
                v = {f[i]: float(f[i + 1]) for i in range(1, len(f) - 1, 2)}
                with lock:
                    samples.append((time.monotonic() - t0, v))
            elif "window:" in line or "error" in line:
                print(line.rstrip(), flush=True)

    threading.Thread(target=read, daemon=True).start()
    while time.monotonic() - t0 < a.seconds:
        time.sleep(a.interval)
        proc.stdin.write("stats\n")
        proc.stdin.flush()
    time.sleep(1)
    proc.stdin.write("quit\n")
    proc.stdin.flush()
    rc = proc.wait(timeout=60)
    with lock:
        rows = [(t, v) for t, v in samples if t >= a.warmup]
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["t", "frames", "objects", "gpu_kb", "heap_kb", "rss_kb"])
            for t, v in samples:
                w.writerow([round(t, 2), v["frames"], v["objects"], v["gpu_kb"], v["heap_kb"], v["rss_kb"]])
    if len(rows) < 4 or rc != 0:
        print("too few samples (%d) or loom exited with %d" % (len(rows), rc))
        return 5
    ts = [t for t, _ in rows]
    limits = {"objects": 0.0, "gpu_kb": 0.0, "heap_kb": 4.0, "rss_kb": 256.0}
    growing = []
    print("window mode with the editor open, %.0f s, %d samples after %.0f s warm-up, %d frames:" %
          (rows[-1][0], len(rows), a.warmup, rows[-1][1]["frames"]))
    half = len(rows) // 2
    for key, limit in limits.items():
        ys = [v[key] for _, v in rows]
        s = slope_per_min(ts, ys)
        tail = slope_per_min(ts[half:], ys[half:])
        # As `loom watch` judges: growth that goes on in the last half is a leak; growth that
        # stopped (buffers reaching their high-water mark) is not.
        grew = tail > limit and (ys[-1] - ys[half]) > (0 if limit == 0 else 64)
        verdict = "GROWING" if grew else ("levelled off" if s > limit else "flat")
        print("  %-8s first %10.0f last %10.0f slope %+9.2f/min, last half %+9.2f/min (limit %g)  %s" %
              (key, ys[0], ys[-1], s, tail, limit, verdict))
        if grew:
            growing.append(key)
    print("GROWING: " + ", ".join(growing) if growing else "nothing grows")
    return 5 if growing else 0


if __name__ == "__main__":
    sys.exit(main())
