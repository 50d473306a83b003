#!/usr/bin/env python3
"""Interrupt `vietdex index` with SIGKILL inside one large JSON Lines file,
then check that the last commit is searchable and that a rerun ends with
exactly the documents of an uninterrupted run, each once.

    python3 bench/kill_resume.py FILE.jsonl [--after SECS]

Builds, in a scratch directory outside the repository: a reference index of
FILE in one uninterrupted run; then an index killed (SIGKILL) SECS seconds
(default 20) into a run on the same file, counted; then the rerun, counted
and compared with the reference id by id. Uses the release binary
(`cargo build --release`, or VIETDEX_BIN).
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("VIETDEX_BIN", ROOT / "target" / "release" / "vietdex"))


def vietdex(*args, cwd):
    p = subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"vietdex {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def ids(index, cwd):
    """Every document id in the index (the action lines of a bulk export
    of it), checked against `search "" --count`."""
    p = vietdex("export", "--index", str(index), "--format", "opensearch", "--quiet",
                cwd=cwd)
    out = []
    for line in p.stdout.splitlines():
        v = json.loads(line)
        action = v.get("index") or v.get("create")
        if action:
            out.append(action["_id"])
    count = int(vietdex("search", "", "--index", str(index), "--count", cwd=cwd).stdout)
    if count != len(out):
        sys.exit(f"{index}: search counts {count} documents, the export lists {len(out)}")
    return out


def main() -> None:
    args = sys.argv[1:]
    after = 20.0
    if "--after" in args:
        i = args.index("--after")
        after = float(args[i + 1])
        del args[i : i + 2]
    src = Path(args[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="vietdex-kill-") as tmp:
        ref = Path(tmp) / "reference"
        t = time.perf_counter()
        r = vietdex("index", str(src), "--index", str(ref), "--quiet", "--json", cwd=tmp)
        full = json.loads(r.stdout)
        print(f"uninterrupted: {full['documents_total']} documents "
              f"({full['records_read']} records, {full['duplicates']} duplicates) "
              f"in {time.perf_counter() - t:.1f} s")
        expected = sorted(ids(ref, tmp))

        killed = Path(tmp) / "killed"
        child = subprocess.Popen([str(BIN), "index", str(src), "--index", str(killed),
                                  "--quiet"], cwd=tmp,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(after)
        if child.poll() is not None:
            sys.exit(f"the run ended before {after} s: nothing to interrupt")
        child.send_signal(signal.SIGKILL)
        child.wait()
        partial = ids(killed, tmp)
        print(f"killed after {after:.0f} s: {len(partial)} documents searchable, "
              f"{len(partial) - len(set(partial))} repeated")

        t = time.perf_counter()
        r = vietdex("index", str(src), "--index", str(killed), "--quiet", "--json", cwd=tmp)
        rerun = json.loads(r.stdout)
        got = sorted(ids(killed, tmp))
        print(f"rerun: read {rerun['records_read']} records in "
              f"{time.perf_counter() - t:.1f} s; {len(got)} documents, "
              f"{len(got) - len(set(got))} repeated; "
              f"{'same ids as the uninterrupted run' if got == expected else 'DIFFERENT ids'}")
        check = vietdex("check", "--index", str(killed), cwd=tmp)
        print(f"check: exit {check.returncode}: {check.stdout.strip().splitlines()[-1:]}")
        if got != expected or check.returncode != 0 or not partial:
            sys.exit(1)


if __name__ == "__main__":
    main()
