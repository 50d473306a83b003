#!/usr/bin/env python3
"""Export throughput: `vietdex export --format opensearch` against
`vietdex index` on the same files, in the same run.

Usage: bench/export_vs_index.py CORPUS... [--vietdex target/release/vietdex] [--work DIR] [--runs N]

For each CORPUS (a folder or a file), runs `vietdex index CORPUS` into a
fresh index and `vietdex export CORPUS --out DIR` into fresh bulk files
(10 MB each), alternating (index, export, index, export, ...), each in its
own child process, N times (default 3). Prints every run's wall time, CPU
time (user + system), MB/s of input, peak RSS and output size, then the
medians and the ratios export / index of the median wall and CPU times
(below 1: export is faster). Both read and analyse every article the same
way (`vietdex_pipeline::process`); index then writes Tantivy segments,
export writes bulk NDJSON with the text as exact, folded and segmented
tokens.

The machine's load average is printed before and after: on a shared
machine, wall times depend on what else runs; CPU times much less so.
This is a benchmark, not a test: compare the ratios of the same run.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_child(cmd):
    """Runs a command; returns (wall seconds, CPU seconds, peak RSS bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed ({status}): {err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def load():
    try:
        return "load average %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "load average unknown"


def bench(corpus, a, work):
    mb = size_of(corpus) / 1e6
    print(f"\ninput: {corpus} ({mb:.1f} MB), {a.runs} runs, {os.cpu_count()} CPUs, {load()}")
    print(f"{'':<8} {'wall s':>8} {'CPU s':>8} {'MB/s':>8} {'peak RSS':>10} {'output':>10}")
    got = {"index": [], "export": []}
    for run in range(a.runs):
        for name in ("index", "export"):
            out = os.path.join(work, name)
            shutil.rmtree(out, ignore_errors=True)
            if name == "index":
                cmd = [a.vietdex, "index", corpus, "--index", out, "--quiet"]
            else:
                cmd = [a.vietdex, "export", corpus, "--out", out, "--quiet"]
            wall, cpu, rss = run_child(cmd)
            got[name].append((wall, cpu, rss))
            print(
                f"{name:<8} {wall:>8.2f} {cpu:>8.2f} {mb / wall:>8.2f} {rss / 1e6:>7.0f} MB"
                f" {size_of(out) / 1e6:>7.0f} MB"
            )
            shutil.rmtree(out, ignore_errors=True)
    med = {
        k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in got.items()
    }
    for name in ("index", "export"):
        wall, cpu, rss = med[name]
        print(
            f"median {name:<6} wall {wall:.2f} s, CPU {cpu:.2f} s, {mb / wall:.2f} MB/s,"
            f" peak RSS {rss / 1e6:.0f} MB"
        )
    print(
        f"export / index: wall {med['export'][0] / med['index'][0]:.2f},"
        f" CPU {med['export'][1] / med['index'][1]:.2f},"
        f" peak RSS {med['export'][2] / med['index'][2]:.2f}"
        f" (per run, wall: {', '.join(f'{e[0] / i[0]:.2f}' for i, e in zip(got['index'], got['export']))})"
    )
    print(f"after: {load()}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--vietdex", default="target/release/vietdex")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temporary one)")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="vietdex-export-bench-")
    try:
        for corpus in a.corpus:
            bench(corpus, a, work)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
