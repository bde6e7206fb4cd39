#!/usr/bin/env python3
"""Loom's Blur against ffmpeg's blurs on the same device, in one run.

Cases, 1920x1080 RGBA 8-bit, sigma 8 (box: radius 8, 17x17 pixels):
  gaussian  ffmpeg gblur_vulkan (sigma=8:size=49)   vs  Loom Blur (sigma 8)
            (size=49: taps to 3 sigma each side, as Loom's; ffmpeg's default is 19 taps)
  box       ffmpeg avgblur_vulkan (sizeX=8:sizeY=8)  vs  Loom Blur (shape box, radius 8)
  cpu       ffmpeg gblur on the CPU (sigma=8)        vs  Loom Blur (sigma 8)

ffmpeg's figure is the time its filter adds per frame: the slope of the whole command's wall time
between --short and --long frames, minus the same slope of the pipeline without the filter
(test picture, upload to the Vulkan device, download), median of --runs runs of each.
Loom's figure is the Blur operator's GPU time (timestamps), median over the frames measured
after 3 warm-up frames (--long minus --short of them; the first two bring no time yet) (`loom-bench --only pass/...`). The Vulkan device is the one both pick: with
--gpu software (the default) Loom uses lavapipe, and ffmpeg's first Vulkan device is lavapipe on
a machine without a GPU.

  bench/peer_blur.py [--loom-bench build/loom-bench] [--gpu software] [--runs 3]
                     [--short 5] [--long 15] [--csv out/bench/peer.csv]
"""
import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = "1920x1080"
UPLOAD = "format=rgba,hwupload,"
DOWNLOAD = ",hwdownload,format=rgba"
CASES = [
    # name, ffmpeg filter chain (with and without the blur), loom-bench case
    ("gaussian", UPLOAD + "gblur_vulkan=sigma=8:size=49" + DOWNLOAD, UPLOAD.rstrip(",") + DOWNLOAD, "pass/blur-8/1920x1080/RGBA8"),
    ("box", UPLOAD + "avgblur_vulkan=sizeX=8:sizeY=8" + DOWNLOAD, UPLOAD.rstrip(",") + DOWNLOAD,
     "pass/box-8/1920x1080/RGBA8"),
    ("cpu", "format=rgba,gblur=sigma=8", "format=rgba", "pass/blur-8/1920x1080/RGBA8"),
]


def ffmpeg_seconds(chain, frames, vulkan):
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"]
    if vulkan:
        cmd += ["-init_hw_device", "vulkan=vk:0", "-filter_hw_device", "vk"]
    cmd += ["-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r=30", "-frames:v", str(frames), "-vf", chain, "-f", "null", "-"]
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"peer_blur: ffmpeg failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr.strip()}")
    return elapsed


def ffmpeg_filter_ms(chain, baseline, vulkan, args):
    """Milliseconds per frame that `chain` adds over `baseline` (medians of slopes)."""
    slopes = {}
    for name, c in (("filter", chain), ("baseline", baseline)):
        runs = []
        for _ in range(args.runs):
            t_short = ffmpeg_seconds(c, args.short, vulkan)
            t_long = ffmpeg_seconds(c, args.long, vulkan)
            runs.append((t_long - t_short) / (args.long - args.short) * 1000.0)
        slopes[name] = statistics.median(runs)
    return slopes["filter"] - slopes["baseline"], slopes["filter"]


def loom_ms(case, args):
    frames = args.long - args.short
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "loom.csv")
        cmd = [args.loom_bench, "--gpu", args.gpu, "--only", case, "--frames", str(frames), "--warmup", "3",
               "--csv", out]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"peer_blur: loom-bench failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr.strip()}")
        with open(out, newline="") as f:
            rows = [row for row in csv.DictReader(f) if row["bench"] == case]
        if not rows:
            sys.exit(f"peer_blur: loom-bench wrote no row for {case}")
        return float(rows[0]["median"]), float(rows[0]["p90"]), rows[0]["device"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loom-bench", default=os.path.join(ROOT, "build", "loom-bench"))
    ap.add_argument("--gpu", default="software", help="Loom's device: software, auto or an index")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--short", type=int, default=5)
    ap.add_argument("--long", type=int, default=15)
    ap.add_argument("--csv", default=os.path.join(ROOT, "out", "bench", "peer.csv"))
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    args = ap.parse_args()
    if args.long <= args.short:
        sys.exit("peer_blur: --long must be more than --short")
    if not shutil.which("ffmpeg"):
        sys.exit("peer_blur: ffmpeg is not installed (apt-get install ffmpeg)")
    if not os.access(args.loom_bench, os.X_OK):
        sys.exit(f"peer_blur: no loom-bench at {args.loom_bench} (build first: cmake --build build)")

    results = []
    for name, chain, baseline, case in CASES:
        if args.only and args.only not in name:
            continue
        vulkan = "vulkan" in chain
        peer, peer_total = ffmpeg_filter_ms(chain, baseline, vulkan, args)
        median, p90, device = loom_ms(case, args)
        results.append({"case": name, "ffmpeg_filter": chain, "ffmpeg_ms": peer, "ffmpeg_pipeline_ms": peer_total,
                        "loom_case": case, "loom_ms": median, "loom_p90_ms": p90, "loom_device": device,
                        "ratio": peer / median if median > 0 else float("nan"),
                        "frames": args.long - args.short})
        r = results[-1]
        print(f"{name:9s} ffmpeg {r['ffmpeg_ms']:8.1f} ms/frame ({chain})  "
              f"Loom {r['loom_ms']:7.1f} ms (p90 {r['loom_p90_ms']:.1f}) on {device}  "
              f"ratio ffmpeg/Loom {r['ratio']:.2f}x", flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.csv)), exist_ok=True)
    with open(args.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(results[0].keys()) if results else ["case"])
        w.writeheader()
        w.writerows(results)
    print(f"wrote {args.csv}")


if __name__ == "__main__":
    main()
