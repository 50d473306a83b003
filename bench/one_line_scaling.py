#!/usr/bin/env python3
"""Time and peak memory of `vietdex index` on one single-line document of
growing size (default 1, 8, 64 and 100 MB), built from real news text.

    python3 bench/one_line_scaling.py TEXT_DIR [SIZES_MB...] [--max-text BYTES]

TEXT_DIR is a folder of `.txt` articles (for example the vn_news collection).
Their bodies are joined with spaces into one line — entity-dense news text
with no line break — and written, with a headline, to a scratch directory
outside the repository. Each size is indexed into a fresh index with the
release binary under `/usr/bin/time -v`; the script prints wall time, CPU
time (user + system, steadier than wall time on a busy machine), both per
MB, and peak RSS. `--max-text` is passed to `vietdex index` (the default cuts
a document at 16 MiB; 0 indexes all of it). Build first with
`cargo build --release`.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("VIETDEX_BIN", ROOT / "target" / "release" / "vietdex"))


def text_of(folder: Path, size: int) -> bytes:
    out, n = [], 0
    files = sorted(folder.glob("*.txt"))
    while n < size:
        for f in files:
            body = f.read_bytes().replace(b"\r", b" ").replace(b"\n", b" ")
            out.append(body)
            n += len(body) + 1
            if n >= size:
                break
    return b" ".join(out)[:size].rsplit(b" ", 1)[0]


def main() -> None:
    args = sys.argv[1:]
    extra = []
    if "--max-text" in args:
        i = args.index("--max-text")
        extra = ["--max-text", args[i + 1]]
        del args[i : i + 2]
    folder = Path(args[0])
    sizes = [int(s) for s in args[1:]] or [1, 8, 64, 100]
    with tempfile.TemporaryDirectory(prefix="vietdex-scaling-") as tmp:
        base = text_of(folder, max(sizes) << 20)
        print(f"{'MB':>5} {'wall s':>8} {'s/MB':>7} {'CPU s':>8} {'CPU s/MB':>9} {'peak RSS MB':>12}")
        for mb in sizes:
            src = Path(tmp) / f"one-{mb}.txt"
            src.write_bytes(b"Tin dai mot dong\n" + base[: mb << 20])
            index = Path(tmp) / f"index-{mb}"
            t = time.perf_counter()
            p = subprocess.run(
                ["/usr/bin/time", "-v", str(BIN), "index", str(src),
                 "--index", str(index), "--quiet", "--max-bytes", str(1 << 30), *extra],
                capture_output=True, text=True,
            )
            wall = time.perf_counter() - t
            if p.returncode != 0:
                print(p.stdout, p.stderr, file=sys.stderr)
                sys.exit(1)
            rss = next(int(l.split()[-1]) for l in p.stderr.splitlines()
                       if "Maximum resident set size" in l)
            def field(name):
                return next(float(l.split(":")[-1]) for l in p.stderr.splitlines()
                            if l.strip().startswith(name))
            cpu = field("User time") + field("System time")
            print(f"{mb:>5} {wall:>8.2f} {wall / mb:>7.3f} {cpu:>8.2f} {cpu / mb:>9.3f} {rss / 1024:>12.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
