#!/usr/bin/env python3
"""Save-to-new-frame latency of live coding.

Runs `loom run <copy of a project> --headless --watch` and edits its files the way a person
does (write a new file, rename it over the old one). For each edit it measures the time from the
save to the line Loom prints once the first frame with the change has rendered:
  - chain.cpp edits of examples/hello-noise (a parameter value changes, so every edit compiles
    anew), with and without
    the precompiled <loom/loom.hpp> (LOOM_PCH=0);
  - shader-only edits (a constant in the compute shader of tests/projects/live-feedback).
Prints median and p90 per case and writes every sample to a CSV file.

  bench/reload_latency.py [--loom build/loom] [--edits 20] [--csv out/bench/reload.csv]
"""
import argparse
import csv
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A small chain.cpp (only <loom/loom.hpp>) for C++ edits; a project with its own shader for GLSL.
CHAIN_PROJECT = os.path.join(ROOT, "examples", "hello-noise")
SHADER_PROJECT = os.path.join(ROOT, "tests", "projects", "live-feedback")


def write(path, text):
    tmp = path + ".new"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def p90(values):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))]


class Loom:
    def __init__(self, loom, project, env):
        self.proc = subprocess.Popen([loom, "run", project, "--headless", "--watch", "--size", "320x180"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, env=env)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.rstrip("\n")))

    def wait_for(self, pattern, timeout=120):
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            t, line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            if rx.search(line):
                return t, line

    def quit(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=60)


def measure(loom_bin, edits, pch, kind):
    work = tempfile.mkdtemp(prefix="loom-reload-")
    source = CHAIN_PROJECT if kind == "chain" else SHADER_PROJECT
    project = os.path.join(work, os.path.basename(source))
    shutil.copytree(source, project)
    env = dict(os.environ)
    env["LOOM_CACHE_DIR"] = os.path.join(work, "cache")  # every chain.cpp edit compiles anew
    if not pch:
        env["LOOM_PCH"] = "0"
    chain = open(os.path.join(project, "chain.cpp")).read()
    shader = open(os.path.join(project, "tint.comp")).read() if kind == "shader" else ""
    loom = Loom(loom_bin, project, env)
    loom.wait_for(r"^watching ")
    samples = []
    # The first edit is a warm-up: it also waits for the worker to precompile <loom/loom.hpp>.
    for i in range(edits + 1):
        if kind == "chain":
            text = chain.replace(".saturation(1.3f)", ".saturation(1.%04df)" % (i + 1))
            assert text != chain
            path, done = os.path.join(project, "chain.cpp"), r"^reloaded chain\.cpp in"
        else:
            text = shader.replace("return texelFetch(u_input, pixel, 0);",
                                  "return texelFetch(u_input, pixel, 0) * %.4f;" % (1.0 + 0.0001 * (i + 1)))
            path, done = os.path.join(project, "tint.comp"), r"^reloaded tint\.comp in"
        time.sleep(0.3)
        t0 = time.monotonic()
        write(path, text)
        t1, line = loom.wait_for(done)
        if i > 0:
            samples.append(t1 - t0)
            print("  %s edit %2d: %.3f s   (%s)" % (kind, i, t1 - t0, line), flush=True)
    loom.quit()
    shutil.rmtree(work, ignore_errors=True)
    return samples


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loom", default=os.path.join(ROOT, "build", "loom"))
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--csv", default=os.path.join(ROOT, "out", "bench", "reload.csv"))
    args = ap.parse_args()
    cases = [("chain.cpp, precompiled header", True, "chain"), ("chain.cpp, no precompiled header", False, "chain"),
             ("shader only", True, "shader")]
    rows = []
    summary = []
    for name, pch, kind in cases:
        print(name, flush=True)
        s = measure(args.loom, args.edits, pch, kind)
        rows += [(name, i + 1, "%.4f" % v) for i, v in enumerate(s)]
        summary.append((name, statistics.median(s), p90(s)))
    os.makedirs(os.path.dirname(os.path.abspath(args.csv)), exist_ok=True)
    with open(args.csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "edit", "seconds"])
        w.writerows(rows)
    print("\nsave to first frame with the change (%d edits each):" % args.edits)
    for name, med, q in summary:
        print("  %-34s median %.3f s   p90 %.3f s" % (name, med, q))
    print("samples: %s" % args.csv)


if __name__ == "__main__":
    sys.exit(main())
