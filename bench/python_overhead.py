#!/usr/bin/env python3
"""What the Python layer costs: `vietdex extract FILE.jsonl` against
`vietdex.process_batch` over pyarrow batches of the same JSON Lines
records, alternating in the same run.

    python3 bench/python_overhead.py RECORDS.jsonl [--mb 30] [--repeat 3]
        [--bin target/release/vietdex] [--python PY] [--before PY] [--callgrind MB]

The first `--mb` megabytes of RECORDS (whole lines) are copied to a scratch
file. Each round runs, each in its own process and one thread
(`RAYON_NUM_THREADS=1`; the command is sequential):

- `vietdex extract` on the file (reads it, processes every record, prints
  the documents as JSON);
- `process_batch(kind="record")` on the records as Arrow columns
  (`pyarrow.json.read_json`: `id`, `title`, `body` columns);
- `process_batch(kind="jsonl")` on the lines as one Arrow string column
  (what the Spark job feeds it).

CPU time (user + system) is per process, so the ratios hold on a shared
machine; the child also reports the CPU time spent inside `process_batch`
alone (its Arrow input, the Rust work, its Arrow output) without Python's
start-up, imports and reading the file. `--python` is the interpreter with
the vietdex module to measure (a release build: `maturin develop
--release`); `--before PY` adds the same two variants run by another
interpreter (another build of the module), in the same rounds. Medians of
the rounds are printed with the load average. CPU time still moves by
10–20 % from run to run on a busy machine (caches and cores are shared);
`--callgrind MB` also counts the instructions each variant executes on
the first MB of records less those on the first 10 records (start-up,
imports and loading the resources cancel out), which do not depend on the
load.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: One process_batch run, in a child process (so its CPU time is its own).
CHILD = r"""
import json, sys, time
import pyarrow as pa, pyarrow.compute as pc, pyarrow.json as pj
import vietdex
path, kind, batch_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
vietdex.extract("Đại Từ")  # load the resources, as the command does before reading
t = time.process_time()
if kind == "jsonl":
    with open(path, encoding="utf-8") as f:
        table = pa.table({"json": [l.rstrip("\n") for l in f if l.strip()]})
else:
    table = pj.read_json(path)
read = time.process_time() - t
inside = 0.0
docs = entities = 0
for b in table.to_batches(max_chunksize=batch_rows):
    t = time.process_time()
    out = vietdex.process_batch(b, kind=kind)
    inside += time.process_time() - t
    docs += out.num_rows - out.column("id").null_count
    entities += pc.sum(pc.count_substring(out.column("entities"), '"kind"')).as_py() or 0
print(json.dumps({"documents": docs, "entities": entities, "read_cpu": read, "batch_cpu": inside}))
"""


def measured(cmd, env=None):
    """Runs a command; returns (wall s, CPU s, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # `vietdex extract` exits 2 when some records were rejected (and says
    # which on stderr); it still prints every other document.
    if out.returncode not in (0, 2) or not out.stdout:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def instructions(cmd, env):
    """Instructions executed by a command (all threads), counted by
    callgrind: independent of the machine's load."""
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                         capture_output=True, text=True, env=env)
    if out.returncode not in (0, 2):
        sys.exit(f"callgrind {' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    sys.exit(f"no instruction count from callgrind:\n{out.stderr[-2000:]}")


def head(src, dst, limit, max_lines=None):
    """Copies the first whole lines of src, up to `limit` bytes; returns
    (lines, bytes)."""
    n = size = 0
    with open(src, "rb") as f, open(dst, "wb") as o:
        for line in f:
            if size >= limit or (max_lines is not None and n >= max_lines):
                break
            o.write(line)
            size += len(line)
            n += 1
    return n, size


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("records", help="a JSON Lines file of articles (e.g. vn_news.jsonl)")
    p.add_argument("--mb", type=float, default=30, help="first MB of the records (whole lines; 0: all)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--batch", type=int, default=1000, help="rows per Arrow batch")
    p.add_argument("--bin", default=os.environ.get("VIETDEX_BIN", str(ROOT / "target" / "release" / "vietdex")))
    p.add_argument("--python", default=sys.executable, help="interpreter with the vietdex module")
    p.add_argument("--before", help="another interpreter with another build of the module, timed alongside")
    p.add_argument("--callgrind", type=float, default=0, metavar="MB",
                   help="also count instructions (callgrind) on the first MB, less those on the first 10 records")
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="vietdex-pyoverhead-") as tmp:
        src = os.path.join(tmp, "records.jsonl")
        n, size = head(a.records, src, a.mb * 1e6 if a.mb else float("inf"))
        child = os.path.join(tmp, "child.py")
        Path(child).write_text(CHILD, encoding="utf-8")
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        def variants_on(path):
            vs = [("vietdex extract", [a.bin, "extract", path])]
            builds = [("", a.python)] + ([(" (before)", a.before)] if a.before else [])
            for tag, py in builds:
                for kind in ("record", "jsonl"):
                    vs.append((f"process_batch {kind}{tag}", [py, child, path, kind, str(a.batch)]))
            return vs

        variants = variants_on(src)
        print(f"{n} records, {size / 1e6:.1f} MB; {os.cpu_count()} cores; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at the start", flush=True)
        results = {name: [] for name, _ in variants}
        for r in range(a.repeat):
            for name, cmd in variants:
                load = os.getloadavg()[0]
                wall, cpu, out = measured(cmd, env)
                if name == "vietdex extract":
                    docs = [json.loads(l) for l in out.splitlines()]
                    info = {"documents": len(docs), "entities": sum(len(d["entities"]) for d in docs)}
                else:
                    info = json.loads(out)
                results[name].append((wall, cpu, info))
                extra = ""
                if "batch_cpu" in info:
                    extra = f"  inside process_batch {info['batch_cpu']:6.2f} s  reading {info['read_cpu']:5.2f} s"
                print(f"round {r + 1}  {name:32s} wall {wall:7.2f} s  CPU {cpu:7.2f} s{extra}  "
                      f"{info['documents']} docs, {info['entities']} entities  load {load:.2f}", flush=True)
        base = results["vietdex extract"]
        if a.repeat:
            print(f"\nmedians of {a.repeat} rounds; load average "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
            print(f"{'':32s} {'CPU s':>8} {'wall s':>8} {'CPU/CLI':>8} {'inside/CLI':>11} {'per round (inside/CLI)':>24}")
            for name, _ in variants:
                rs = results[name]
                cpu = median([c for _, c, _ in rs])
                wall = median([w for w, _, _ in rs])
                ratio = median([c / bc for (_, c, _), (_, bc, _) in zip(rs, base)])
                line = f"{name:32s} {cpu:8.2f} {wall:8.2f} {ratio:8.3f}"
                if "batch_cpu" in rs[0][2]:
                    inner = [i["batch_cpu"] / bc for (_, _, i), (_, bc, _) in zip(rs, base)]
                    line += f" {median(inner):11.3f}   {' '.join(f'{x:.3f}' for x in inner)}"
                print(line)
        if a.callgrind:
            small, tiny = os.path.join(tmp, "small.jsonl"), os.path.join(tmp, "tiny.jsonl")
            ns, ss = head(a.records, small, a.callgrind * 1e6)
            nt, st = head(a.records, tiny, float("inf"), 10)
            print(f"\ninstructions (callgrind) on {ns} records ({ss / 1e6:.1f} MB) less those on the first {nt}:")
            base = None
            for (name, cmd), (_, cmd_tiny) in zip(variants_on(small), variants_on(tiny)):
                marginal = instructions(cmd, env) - instructions(cmd_tiny, env)
                base = base or marginal
                print(f"{name:32s} {marginal / 1e9:8.2f} G  × CLI {marginal / base:.3f}", flush=True)


if __name__ == "__main__":
    main()
