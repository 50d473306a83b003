#!/usr/bin/env python3
"""Export throughput: `vietdex export --format opensearch` against
`vietdex index` on the same files, in the same run.

Usage: bench/export_vs_index.py CORPUS [--vietdex target/release/vietdex] [--work DIR] [--runs N]

Runs, in turn and each in its own child process, `vietdex index CORPUS`
into a fresh index and `vietdex export CORPUS --out DIR` into fresh bulk
files (10 MB each), and prints wall time, MB/s of input, peak RSS and
output size for both, with export's MB/s as a ratio of index's. Both read
and analyse every article the same way (`vietdex_pipeline::process`);
index then writes Tantivy segments, export writes bulk NDJSON with the
text as exact, folded and segmented tokens.

This is a benchmark, not a test: machines are noisy; compare the ratio.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def run_child(cmd):
    """Runs a command; returns (wall seconds, peak RSS bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed ({status}): {err.decode(errors='replace')}")
    return wall, usage.ru_maxrss * 1024


def size_of(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def input_bytes(path):
    return os.path.getsize(path) if os.path.isfile(path) else size_of(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--vietdex", default="target/release/vietdex")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temporary one)")
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="vietdex-export-bench-")
    mb = input_bytes(a.corpus) / 1e6
    print(f"input: {a.corpus} ({mb:.1f} MB)")
    print(f"{'':<8} {'wall s':>8} {'MB/s':>8} {'peak RSS':>10} {'output':>10}")
    for run in range(a.runs):
        rates = {}
        for name in ("index", "export"):
            out = os.path.join(work, name)
            shutil.rmtree(out, ignore_errors=True)
            if name == "index":
                cmd = [a.vietdex, "index", a.corpus, "--index", out, "--quiet"]
            else:
                cmd = [a.vietdex, "export", a.corpus, "--out", out, "--quiet"]
            wall, rss = run_child(cmd)
            rates[name] = mb / wall
            print(f"{name:<8} {wall:>8.2f} {mb / wall:>8.2f} {rss / 1e6:>8.0f} MB {size_of(out) / 1e6:>7.0f} MB")
            shutil.rmtree(out, ignore_errors=True)
        print(f"run {run + 1}: export / index = {rates['export'] / rates['index']:.2f}")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
