#!/usr/bin/env python3
"""Wall time of the Spark job (`python -m vietdex.spark`) in local mode
with 1 and 2 executor cores on the same input, alternating in the same
run, median of 3.

    python3 bench/spark_scaling.py [CORPUS_DIR] [--mb 50] [--repeat 3]
        [--masters 'local[1]' 'local[2]'] [--partitions N] [--python PY]

The `.txt` articles of CORPUS_DIR (default: the repository's `corpus/`,
headline on the first line) are written as JSON Lines records (`id`,
`title`, `body`) over and over until the file holds `--mb` megabytes, in a
scratch directory. Each run is a fresh `python -m vietdex.spark` process
(its own JVM) writing Parquet to a fresh directory. Printed per run: wall
time; the CPU time of the job's processes (the driver, the JVM and the
Python workers, user + system, sampled from /proc); the load average; and how busy the whole
machine was during the run (all processes, from /proc/stat), so the
figures can be read against what else was running. `--python` is the
interpreter with vietdex and pyspark installed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_ticks():
    """(busy, total) jiffies of the whole machine."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])
    return total - idle, total


class TreeCpu(threading.Thread):
    """Samples the CPU time (user + system) of a process and all its
    descendants from /proc every `interval` seconds; `seconds()` is the sum
    of each process's last sample (the JVM is not waited for by the Python
    driver, so rusage misses it)."""

    def __init__(self, root: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.last: dict[tuple[int, int], int] = {}
        self.what: dict[tuple[int, int], str] = {}
        self.done = threading.Event()

    def sample(self):
        procs = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as f:
                    rest = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # rest[0] is the state (field 3); ppid is field 4, utime 14,
            # stime 15, starttime 22.
            procs[int(d)] = (int(rest[1]), int(rest[11]) + int(rest[12]), int(rest[19]))
        tree, grew = {self.root}, True
        while grew:
            grew = False
            for pid, (ppid, _, _) in procs.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree:
            if pid in procs:
                _, ticks, start = procs[pid]
                key = (pid, start)
                self.last[key] = max(ticks, self.last.get(key, 0))
                if key not in self.what:
                    try:
                        with open(f"/proc/{pid}/cmdline", "rb") as f:
                            cmdline = f.read()
                    except OSError:
                        cmdline = b""
                    self.what[key] = ("workers" if b"pyspark.daemon" in cmdline or b"pyspark.worker" in cmdline
                                      else "driver" if pid == self.root else "jvm")

    def run(self):
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.interval)

    def seconds(self, what=None) -> float:
        ticks = sum(t for k, t in self.last.items() if what is None or self.what.get(k) == what)
        return ticks / os.sysconf("SC_CLK_TCK")


def replicated(corpus: Path, out: Path, mb: float) -> tuple[int, int]:
    """Writes the corpus as JSON Lines records until `mb` MB; returns
    (records, bytes)."""
    articles = []
    for f in sorted(corpus.glob("*.txt")):
        head, _, body = f.read_text(encoding="utf-8").strip().partition("\n")
        articles.append((f.stem, head.strip(), body.strip()))
    if not articles:
        sys.exit(f"no .txt articles in {corpus}")
    n = size = 0
    with open(out, "w", encoding="utf-8") as o:
        while size < mb * 1e6:
            stem, title, body = articles[n % len(articles)]
            line = json.dumps({"id": f"{stem}-{n}", "title": title, "body": body}, ensure_ascii=False) + "\n"
            o.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n, size


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="?", default=str(ROOT / "corpus"))
    p.add_argument("--mb", type=float, default=50)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    p.add_argument("--partitions", type=int, default=0,
                   help="repartition the rows first (default: Spark's splits of the file)")
    p.add_argument("--python", default=sys.executable)
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="vietdex-spark-") as tmp:
        src = Path(tmp) / "records.jsonl"
        n, size = replicated(Path(a.corpus), src, a.mb)
        print(f"{a.corpus} as {n} JSON Lines records, {size / 1e6:.1f} MB; --partitions {a.partitions or 'none'}; "
              f"{os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        runs = {m: [] for m in a.masters}
        for r in range(a.repeat):
            for master in a.masters:
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                cmd = [a.python, "-m", "vietdex.spark", str(src), "--out", str(out), "--master", master]
                if a.partitions:
                    cmd += ["--partitions", str(a.partitions)]
                load0 = os.getloadavg()[0]
                busy0, total0 = cpu_ticks()
                t = time.perf_counter()
                proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                tree = TreeCpu(proc.pid)
                tree.start()
                stdout, stderr = proc.communicate()
                wall = time.perf_counter() - t
                tree.done.set()
                tree.join()
                busy1, total1 = cpu_ticks()
                load1 = os.getloadavg()[0]
                if proc.returncode != 0:
                    sys.exit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
                cpu = tree.seconds()
                jvm, workers = tree.seconds("jvm"), tree.seconds("workers")
                # Machine-wide: busy cores on average over the run.
                busy = (busy1 - busy0) / max(total1 - total0, 1) * (os.cpu_count() or 1)
                runs[master].append((wall, cpu, busy, load0, load1, jvm, workers))
                print(f"round {r + 1} {master:9s} wall {wall:7.2f} s  job CPU {cpu:7.2f} s "
                      f"(JVM {jvm:.1f}, Python workers {workers:.1f})  "
                      f"machine busy {busy:4.2f} of {os.cpu_count()} cores  load {load0:.2f} → {load1:.2f}  "
                      f"{stdout.strip()}", flush=True)
        print(f"\nmedians of {a.repeat} rounds")
        for master, rs in runs.items():
            wall = sorted(x[0] for x in rs)[len(rs) // 2]
            cpu = sorted(x[1] for x in rs)[len(rs) // 2]
            busy = sorted(x[2] for x in rs)[len(rs) // 2]
            loads = [x[3] for x in rs] + [x[4] for x in rs]
            jvm = sorted(x[5] for x in rs)[len(rs) // 2]
            workers = sorted(x[6] for x in rs)[len(rs) // 2]
            print(f"{master:9s} wall {wall:7.2f} s  job CPU {cpu:7.2f} s (JVM {jvm:.1f}, Python workers {workers:.1f})  "
                  f"machine busy {busy:4.2f} cores  "
                  f"load {min(loads):.2f}–{max(loads):.2f}")
        if len(a.masters) == 2:
            one, two = a.masters
            per = [x[0] / y[0] for x, y in zip(runs[one], runs[two])]
            print(f"wall {one} / {two} per round: {' '.join(f'{x:.2f}' for x in per)}; "
                  f"median {sorted(per)[len(per) // 2]:.2f}")


if __name__ == "__main__":
    main()
