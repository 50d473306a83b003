"""Shared fixtures: the `vietdex` command the module is compared with, an
index of corpus/ built by it, and generated JSON Lines records."""

import json
import os
import pathlib
import random
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


@pytest.fixture(scope="session")
def cli():
    path = pathlib.Path(os.environ.get("VIETDEX_BIN", ROOT / "target" / "debug" / "vietdex"))
    if not path.is_file():
        pytest.fail(f"{path} not found: build it with `cargo build -p vietdex-cli` or set VIETDEX_BIN")
    return str(path)


def run(cli, *args, stdin=None, check=True):
    out = subprocess.run([cli, *args], input=stdin, capture_output=True, text=True, check=check)
    return out.stdout if check else out


@pytest.fixture(scope="session")
def index_dir(cli, tmp_path_factory):
    """An index of corpus/, built by `vietdex index`."""
    d = tmp_path_factory.mktemp("index") / "idx"
    run(cli, "index", *map(str, CORPUS), "--index", str(d), "--quiet")
    return d


def generated_records(n=300, seed=11):
    """JSON Lines records made of corpus/ sentences: titles, bodies, dates,
    ids of both types, outlets, and records that `vietdex index` rejects
    (no text, empty text)."""
    rng = random.Random(seed)
    lines = [l.strip() for f in CORPUS for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    out = []
    for i in range(n):
        rec = {"id": f"g{i}" if i % 3 else i}
        if i % 7 != 3:
            rec["title"] = rng.choice(lines)[:120]
        body = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 6)))
        if i % 5 == 0:
            rec["published"] = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if i % 11 == 0:
            rec["source"] = "Báo Thái Nguyên"
        if i % 13 == 0:
            rec["author"] = "Phan Nga"
        if i % 37 == 5:
            body = "   "
        if i % 41 == 7:
            del rec["id"]
        rec["body"] = body
        out.append(rec)
    return out


@pytest.fixture(scope="session")
def records_file(tmp_path_factory):
    """corpus/ as JSON Lines records (headline, body) plus generated ones."""
    recs = []
    for f in CORPUS:
        head, _, body = f.read_text(encoding="utf-8").strip().partition("\n")
        recs.append({"id": f.name, "title": head, "body": body})
    recs += generated_records()
    p = tmp_path_factory.mktemp("records") / "records.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def near_duplicate_files(tmp_path_factory):
    """Two JSON Lines files: corpus/'s articles in the first; in the
    second, three of them with one word changed (near duplicates), one
    copied as it is (an exact duplicate) and one left out."""
    d = tmp_path_factory.mktemp("near")
    arts = []
    for f in CORPUS:
        head, _, body = f.read_text(encoding="utf-8").strip().partition("\n")
        arts.append({"title": head.strip(), "body": body.strip()})
    first = [dict(a, id=f"a{i}") for i, a in enumerate(arts)]
    second = []
    for i, a in enumerate(arts[:3]):
        words = a["body"].split(" ")
        k = len(words) // 2
        words[k] = words[k] + "x"
        second.append(dict(a, id=f"b{i}", body=" ".join(words)))
    second.append(dict(arts[3], id="b3"))
    paths = []
    for name, recs in (("first.jsonl", first), ("second.jsonl", second)):
        p = d / name
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        paths.append(p)
    return paths


def exported_sources(cli, *paths):
    """`vietdex export`'s documents of some files: {id: JSON source}."""
    import tempfile

    with tempfile.TemporaryDirectory() as t:
        out = pathlib.Path(t) / "bulk.ndjson"
        subprocess.run([cli, "export", *map(str, paths), "--out", str(out)], check=True, capture_output=True)
        lines = out.read_text(encoding="utf-8").splitlines()
    return {json.loads(a)["index"]["_id"]: json.loads(s) for a, s in zip(lines[::2], lines[1::2])}
