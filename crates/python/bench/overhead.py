"""What the Python layer costs: `vietdex extract FILE.jsonl` against
`vietdex.process_batch` on the same JSON Lines records, and the Spark job
in local[1] against local[2] on the same records.

    python crates/python/bench/overhead.py RECORDS.jsonl [--rows N] [--repeat 3] [--spark]

Each variant runs in its own process; CPU time is user + sys of that
process (all its threads), so the ratios hold on a shared machine. Use
release builds (`cargo build --release -p vietdex-cli`, `maturin build
--release`), and say the load average printed with the figures.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measured(cmd, env=None):
    """Runs a command; returns (wall seconds, CPU seconds, stdout)."""
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


#: One process_batch run, in a child process (so its CPU time is its own).
#: It also reports the CPU time spent inside process_batch alone (Arrow to
#: Python values, the Rust work, Python values to Arrow), without Python's
#: start-up, imports and reading the file.
CHILD = r"""
import json, sys, time
import pyarrow as pa, pyarrow.json as pj
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
batches = 0.0
entities = docs = 0
for b in table.to_batches(max_chunksize=batch_rows):
    t = time.process_time()
    out = vietdex.process_batch(b, kind=kind)
    batches += time.process_time() - t
    for e in out.column("entities").to_pylist():
        if e is not None:
            docs += 1
            entities += e.count('"kind"')
print(json.dumps({"documents": docs, "entities": entities, "read_cpu": round(read, 2), "batch_cpu": round(batches, 2)}))
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("records")
    p.add_argument("--rows", type=int, default=0, help="first N records only (0: all)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--batch", type=int, default=1000, help="rows per Arrow batch")
    p.add_argument("--bin", default=os.environ.get("VIETDEX_BIN", "target/release/vietdex"))
    p.add_argument("--spark", action="store_true", help="also time the Spark job in local[1] and local[2]")
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="vietdex-bench-")
    src = a.records
    if a.rows:
        src = os.path.join(tmp, "slice.jsonl")
        with open(a.records, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as o:
            for i, line in enumerate(f):
                if i >= a.rows:
                    break
                o.write(line)
    size = os.path.getsize(src) / 1e6
    print(f"input {src}: {size:.1f} MB; load average {os.getloadavg()[0]:.2f} at start; {os.cpu_count()} cores")
    child = os.path.join(tmp, "child.py")
    with open(child, "w") as f:
        f.write(CHILD)
    one = dict(os.environ, RAYON_NUM_THREADS="1")
    variants = [
        ("vietdex extract (CLI, 1 thread)", [a.bin, "extract", src], None),
        ("process_batch jsonl, 1 thread", [sys.executable, child, src, "jsonl", str(a.batch)], one),
        ("process_batch record, 1 thread", [sys.executable, child, src, "record", str(a.batch)], one),
        ("process_batch jsonl, all cores", [sys.executable, child, src, "jsonl", str(a.batch)], None),
    ]
    results = {name: [] for name, _, _ in variants}
    for r in range(a.repeat):
        for name, cmd, env in variants:
            wall, cpu, out = measured(cmd, env)
            if name.startswith("vietdex extract"):
                docs = [json.loads(l) for l in out.splitlines()]
                info = {"documents": len(docs), "entities": sum(len(d["entities"]) for d in docs)}
            else:
                info = json.loads(out)
            results[name].append((wall, cpu, info))
            print(f"run {r + 1} {name:34s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  {info}", flush=True)
    base = results[variants[0][0]]
    print(f"\nmedians over {a.repeat} runs; load average {os.getloadavg()[0]:.2f} at the end")
    for name, _, _ in variants:
        rs = results[name]
        cpu = sorted(c for _, c, _ in rs)[len(rs) // 2]
        wall = sorted(w for w, _, _ in rs)[len(rs) // 2]
        ratios = sorted(c / bc for (_, c, _), (_, bc, _) in zip(rs, base))
        line = f"{name:34s} cpu {cpu:7.2f} s  wall {wall:7.2f} s  cpu / CLI (same round) {ratios[0]:.3f}–{ratios[-1]:.3f}"
        if "batch_cpu" in rs[0][2]:
            inner = sorted(i["batch_cpu"] / bc for (_, _, i), (_, bc, _) in zip(rs, base))
            line += f"; process_batch alone / CLI {inner[0]:.3f}–{inner[-1]:.3f}"
        print(line)
    if a.spark:
        for master in ["local[1]", "local[2]", "local[1]", "local[2]"]:
            out = os.path.join(tmp, "spark-out")
            shutil.rmtree(out, ignore_errors=True)
            wall, cpu, text = measured([sys.executable, "-m", "vietdex.spark", src, "--out", out,
                                        "--master", master, "--partitions", "8"])
            print(f"spark {master}: wall {wall:7.2f} s  (driver+JVM+workers cpu {cpu:7.2f} s)  {text.strip()}"
                  f"  load {os.getloadavg()[0]:.2f}", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
