#!/usr/bin/env python3
"""Whole-pipeline indexing benchmark: `vietdex index` against SQLite FTS5,
tantivy-py and plain Tantivy, in the same run.

Usage: bench/index_vs_fts5.py CORPUS [--vietdex target/release/vietdex] [--work DIR]
                              [--floor target/release/examples/tantivy_floor]
                              [--runs 3] [--no-tantivy-py] [--before OLD_VIETDEX]

CORPUS is a folder of .txt articles (headline on the first line) or one
JSON Lines file of records with `title` and `body`. Each contender indexes
the same articles in its own child process:

- `vietdex index`, the whole pipeline (cleaning, duplicates, analysis,
  entity extraction, commit);
- SQLite FTS5 (tokenize="unicode61 remove_diacritics 2", python3's sqlite3,
  one thread);
- tantivy-py from PyPI: title and body stored, Tantivy's simple tokenizer,
  lower-casing and ASCII folding (what a Python user gets without
  Vietnamese analysis), skipped with --no-tantivy-py or when the package is
  missing;
- with --before, another vietdex binary (an earlier build), to compare
  two versions in the same run;
- with --floor, the `tantivy_floor` example: plain Tantivy with vietdex's
  folded analyzer on one title and one body field, on every core, and
  nothing else.

Runs alternate (vietdex, FTS5, tantivy-py, floor; again …) `--runs` times;
the table gives the median wall time of each, its peak RSS and index size,
and MB/s as a ratio of FTS5's.

This is a benchmark, not a test: machines are noisy; compare the ratios.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# Reads CORPUS the same way in every Python child: (title, body) pairs and
# the bytes read.
READER = r"""
import json, os
def articles(corpus):
    if os.path.isdir(corpus):
        for f in sorted(os.listdir(corpus)):
            if not f.endswith('.txt'):
                continue
            with open(os.path.join(corpus, f), 'rb') as fh:
                raw = fh.read()
            title, _, body = raw.decode('utf-8', errors='replace').partition('\n')
            yield title, body, len(raw)
    else:
        with open(corpus, 'rb') as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                r = json.loads(raw)
                yield r.get('title') or '', r.get('body') or '', len(raw)
"""

FTS5_CHILD = READER + r"""
import sqlite3, sys, time
corpus, db = sys.argv[1], sys.argv[2]
start = time.perf_counter()
con = sqlite3.connect(db)
con.execute('CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")')
n = nbytes = 0
with con:
    for title, body, size in articles(corpus):
        con.execute('INSERT INTO docs(title, body) VALUES (?, ?)', (title, body))
        n += 1
        nbytes += size
con.close()
print(n, nbytes, time.perf_counter() - start)
"""

TANTIVY_PY_CHILD = READER + r"""
import sys, time
import tantivy
corpus, out = sys.argv[1], sys.argv[2]
start = time.perf_counter()
analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())
b = tantivy.SchemaBuilder()
b.add_text_field('title', stored=True, tokenizer_name='folded')
b.add_text_field('body', stored=True, tokenizer_name='folded')
index = tantivy.Index(b.build(), path=out)
index.register_tokenizer('folded', analyzer)
writer = index.writer(heap_size=256 << 20)
n = nbytes = 0
for title, body, size in articles(corpus):
    writer.add_document(tantivy.Document(title=title, body=body))
    n += 1
    nbytes += size
writer.commit()
writer.wait_merging_threads()
print(n, nbytes, time.perf_counter() - start)
"""


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def measured(cmd):
    """Runs `cmd` under a fresh rusage window: (stdout, wall, cpu, peak rss)."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:2])} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return out.decode(), wall, cpu


def tantivy_py_available():
    try:
        import tantivy  # noqa: F401
        return hasattr(tantivy, "TextAnalyzerBuilder")
    except ImportError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--vietdex", default="target/release/vietdex")
    ap.add_argument("--work", default=None, help="scratch directory (default: a temporary one)")
    ap.add_argument("--floor", default=None, help="tantivy_floor example binary: also measure plain Tantivy")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", default=None,
                    help="another vietdex binary (an earlier build) measured in the same run")
    ap.add_argument("--no-tantivy-py", action="store_true")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="vietdex-bench-")
    os.makedirs(work, exist_ok=True)

    contenders = []

    def vietdex(out_dir):
        return [args.vietdex, "index", args.corpus, "--index", out_dir, "--quiet", "--json"]

    contenders.append(("vietdex index", vietdex, "dir"))
    if args.before:
        contenders.append(("vietdex before", lambda d: [args.before] + vietdex(d)[1:], "dir"))
    contenders.append(("sqlite fts5", lambda db: [sys.executable, "-c", FTS5_CHILD, args.corpus, db], "file"))
    if not args.no_tantivy_py:
        if tantivy_py_available():
            contenders.append(("tantivy-py", lambda d: [sys.executable, "-c", TANTIVY_PY_CHILD, args.corpus, d], "dir"))
        else:
            print("tantivy-py not installed (pip install tantivy): skipped", file=sys.stderr)
    if args.floor:
        contenders.append(("tantivy floor", lambda d: [args.floor, args.corpus, d, "folded"], "dir"))

    results = {name: [] for name, _, _ in contenders}
    info = {}
    for run in range(args.runs):
        for name, cmd_of, kind in contenders:
            target = os.path.join(work, name.replace(" ", "-"))
            shutil.rmtree(target, ignore_errors=True)
            if os.path.exists(target):
                os.remove(target)
            if kind == "dir" and not name.startswith("vietdex"):
                os.makedirs(target)
            cmd = cmd_of(target)
            if os.path.exists("/usr/bin/time"):
                cmd = ["/usr/bin/time", "-f", "%M", "-o", os.path.join(work, "rss")] + cmd
            out, wall, cpu = measured(cmd)
            rss = None
            try:
                with open(os.path.join(work, "rss")) as fh:
                    rss = int(fh.read().split()[-1]) * 1024
            except (OSError, ValueError, IndexError):
                pass
            if name.startswith("vietdex"):
                report = json.loads(out)
                docs, nbytes = report["records_read"], report["bytes_read"]
                if name == "vietdex index":
                    info["report"] = report
            else:
                n, nb, _ = out.split()
                docs, nbytes = int(n), int(nb)
            results[name].append(dict(docs=docs, mb=nbytes / 1e6, secs=wall, cpu=cpu, rss=rss, size=size_of(target)))
            print(f"run {run + 1}: {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr, flush=True)

    rows = []
    for name, _, _ in contenders:
        rs = results[name]
        rows.append(dict(
            name=name,
            docs=rs[0]["docs"],
            mb=rs[0]["mb"],
            secs=statistics.median(r["secs"] for r in rs),
            walls=[r["secs"] for r in rs],
            cpu=statistics.median(r["cpu"] for r in rs),
            rss=max((r["rss"] or 0) for r in rs),
            size=rs[-1]["size"],
        ))
    base = next(r for r in rows if r["name"] == "sqlite fts5")
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"corpus: {args.corpus}: {rows[0]['docs']} records, {rows[0]['mb']:.1f} MB; "
          f"median of {args.runs} alternating runs; load average {load:.1f}")
    print(f"{'':16}{'MB/s':>8}{'x FTS5':>8}{'wall s':>8}{'CPU s':>8}{'peak RSS MB':>13}{'index MB':>10}  walls")
    for r in rows:
        ratio = (r["mb"] / r["secs"]) / (base["mb"] / base["secs"])
        walls = " ".join(f"{w:.2f}" for w in r["walls"])
        print(f"{r['name']:16}{r['mb'] / r['secs']:>8.2f}{ratio:>8.2f}{r['secs']:>8.2f}{r['cpu']:>8.2f}"
              f"{r['rss'] / 1e6:>13.0f}{r['size'] / 1e6:>10.0f}  {walls}")
    v = rows[0]
    for r in rows[1:]:
        if r["name"] != "sqlite fts5":
            print(f"vietdex index speed / {r['name']} speed: {r['secs'] / v['secs']:.2f}")
    report = info["report"]
    print(f"(vietdex: {report['documents_indexed']} indexed, {report['duplicates']} duplicates, "
          f"{len(report['rejected'])} rejected, {report['clusters']} near-duplicate clusters)")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
