#!/usr/bin/env python3
"""Whole-pipeline indexing benchmark: `vietdex index` against SQLite FTS5.

Usage: bench/index_vs_fts5.py CORPUS_DIR [--vietdex target/release/vietdex] [--work DIR]
                              [--floor target/release/examples/tantivy_floor]

Indexes the .txt files of CORPUS_DIR (one article a file: headline on the
first line) with the vietdex binary, then the same texts with SQLite FTS5
(tokenize="unicode61 remove_diacritics 2", through python3's sqlite3) in the
same run, each in its own child process, and prints documents/s, MB/s, peak
RSS and index size for both, with vietdex's MB/s as a ratio of FTS5's.

With --floor, also runs the `tantivy_floor` example: plain Tantivy indexing
the same files into one title and one body field with vietdex's folded
analyzer and nothing else, the ceiling for any pipeline built on Tantivy on
this machine.

This is a benchmark, not a test: machines are noisy; compare the ratio.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

FTS5_CHILD = r"""
import os, sqlite3, sys, time
corpus, db = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith('.txt'))
start = time.perf_counter()
con = sqlite3.connect(db)
con.execute('CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")')
n = 0
nbytes = 0
with con:
    for path in files:
        with open(path, 'rb') as fh:
            raw = fh.read()
        nbytes += len(raw)
        text = raw.decode('utf-8', errors='replace')
        title, _, body = text.partition('\n')
        con.execute('INSERT INTO docs(title, body) VALUES (?, ?)', (title, body))
        n += 1
con.close()
print(n, nbytes, time.perf_counter() - start)
"""


def run_child(cmd):
    """Runs a command; returns (stdout, wall seconds, peak RSS bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{cmd[0]} failed ({status}): {err.decode(errors='replace')}")
    return out.decode(), wall, usage.ru_maxrss * 1024


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--vietdex", default="target/release/vietdex")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temporary one)")
    ap.add_argument("--floor", default=None, help="tantivy_floor example binary: also measure plain Tantivy")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="vietdex-bench-")
    os.makedirs(work, exist_ok=True)
    index_dir = os.path.join(work, "vietdex-index")
    db = os.path.join(work, "fts5.db")
    shutil.rmtree(index_dir, ignore_errors=True)
    if os.path.exists(db):
        os.remove(db)

    out, wall, rss = run_child([args.vietdex, "index", args.corpus, "--index", index_dir, "--quiet", "--json"])
    report = json.loads(out)
    v_docs = report["records_read"]
    v_bytes = report["bytes_read"]
    vietdex = dict(name="vietdex index", docs=v_docs, mb=v_bytes / 1e6, secs=wall, rss=rss, size=size_of(index_dir))

    out, wall, rss = run_child([sys.executable, "-c", FTS5_CHILD, args.corpus, db])
    n, nbytes, _ = out.split()
    fts5 = dict(name="sqlite fts5", docs=int(n), mb=int(nbytes) / 1e6, secs=wall, rss=rss, size=size_of(db))

    rows = [vietdex, fts5]
    if args.floor:
        floor_dir = os.path.join(work, "tantivy-floor")
        shutil.rmtree(floor_dir, ignore_errors=True)
        out, wall, rss = run_child([args.floor, args.corpus, floor_dir, "folded"])
        n, nbytes, _ = out.split()
        rows.append(dict(name="tantivy floor", docs=int(n), mb=int(nbytes) / 1e6, secs=wall, rss=rss,
                         size=size_of(floor_dir)))

    print(f"corpus: {args.corpus}: {vietdex['docs']} documents, {vietdex['mb']:.1f} MB")
    print(f"{'':16}{'docs/s':>10}{'MB/s':>9}{'wall s':>9}{'peak RSS MB':>13}{'index MB':>10}")
    for r in rows:
        print(
            f"{r['name']:16}{r['docs'] / r['secs']:>10.0f}{r['mb'] / r['secs']:>9.2f}{r['secs']:>9.2f}"
            f"{r['rss'] / 1e6:>13.0f}{r['size'] / 1e6:>10.0f}"
        )
    ratio = (vietdex["mb"] / vietdex["secs"]) / (fts5["mb"] / fts5["secs"])
    print(f"vietdex MB/s = {ratio:.2f} x SQLite FTS5 MB/s "
          f"(vietdex: {report['documents_indexed']} indexed, {report['duplicates']} duplicates, "
          f"{len(report['rejected'])} rejected, {report['clusters']} near-duplicate clusters)")
    for r in rows[2:]:
        print(f"{r['name']} MB/s = {(r['mb'] / r['secs']) / (fts5['mb'] / fts5['secs']):.2f} x SQLite FTS5 MB/s")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
