"""clean, Index and process_batch give what the `vietdex` command gives on
corpus/ and on generated JSON Lines records."""

import json

import pyarrow as pa
import pytest

import vietdex
from conftest import CORPUS, run


def extracted(cli, *paths):
    return [json.loads(l) for l in run(cli, "extract", *map(str, paths)).splitlines()]


# --- clean -----------------------------------------------------------------


def test_clean_txt_matches_cli(cli):
    want = extracted(cli, *CORPUS)
    assert len(want) == len(CORPUS)
    for f, w in zip(CORPUS, want):
        got = vietdex.clean(f.read_text(encoding="utf-8"), kind="txt")
        assert got["truncated"] is False
        assert got["title"] == w["title"]
        assert got["title"] + "\n\n" + got["body"] == w["text"]
        # bytes are decoded as a file is (here: with a byte-order mark)
        assert vietdex.clean(b"\xef\xbb\xbf" + f.read_bytes()) == got


def test_clean_metadata_and_ids(cli, index_dir):
    ids = {h["id"] for h in vietdex.Index(str(index_dir)).search(limit=100)}
    got = [vietdex.clean(f.read_bytes()) for f in CORPUS]
    assert {g["id"] for g in got} == ids
    shown = json.loads(run(cli, "show", str(CORPUS[3]), "--index", str(index_dir), "--json"))
    assert got[3]["published"] == shown["published"] == "2023-06"
    assert got[3]["author"] == shown["author"] == "Phan Nga"


def test_clean_html_matches_cli(cli, tmp_path):
    html = (
        "<html><head><title>x</title>"
        '<meta property="og:title" content="Đại Từ về đích nông thôn mới">'
        '<meta property="og:url" content="https://example.vn/a.html">'
        '<meta property="article:published_time" content="2024-04-08T08:00:00+07:00">'
        "</head><body><nav>Trang chủ | Thời sự</nav><article><h1>Đại Từ về đích nông thôn mới</h1>"
        "<p>Xã Vạn Thọ, huyện Đại Từ, tỉnh Thái Nguyên đạt chuẩn NTM nâng cao.</p>"
        "<p>Ông Nguyễn Mạnh Hoạt - Phó Bí thư Thường trực Huyện ủy Đại Từ cho biết.</p>"
        "</article><footer>Bản quyền</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    (w,) = extracted(cli, f)
    got = vietdex.clean(html, kind="html")
    assert got["title"] == w["title"] == "Đại Từ về đích nông thôn mới"
    assert got["title"] + "\n\n" + got["body"] == w["text"]
    assert got["url"] == "https://example.vn/a.html"
    assert got["published"] == "2024-04-08"
    assert "Trang chủ" not in got["body"] and "Bản quyền" not in got["body"]


def test_clean_errors():
    with pytest.raises(ValueError, match='kind "pdf": expected txt or html'):
        vietdex.clean("x", kind="pdf")
    with pytest.raises(ValueError, match="empty: no article text"):
        vietdex.clean(" \n\t\n")
    with pytest.raises(TypeError):
        vietdex.clean(3)


# --- Index -------------------------------------------------------------------


def cli_json(cli, index_dir, *args):
    out = run(cli, *args, "--index", str(index_dir), "--json", check=False)
    assert out.returncode in (0, 1), out.stderr
    return [json.loads(l) for l in out.stdout.splitlines()]


@pytest.mark.parametrize(
    "query, filters, args",
    [
        ("Đại Từ", {}, []),
        ("dai tu", {"limit": 2}, ["-n", "2"]),
        ("nông thôn mới", {"district": "dai tu", "from_": "2024"}, ["--district", "dai tu", "--from", "2024"]),
        ("", {"program": "NTM nâng cao"}, ["--program", "NTM nâng cao"]),
        ("OCOP -\"Thái Nguyên\"", {}, []),
        ("", {"province": ["Thái Nguyên", "Hà Tĩnh"], "to": "2023"}, ["--province", "Thái Nguyên", "--province", "Hà Tĩnh", "--to", "2023"]),
        ("xã", {"commune": "Ngọc Sơn, Thạch Hà", "era": "any"}, ["--commune", "Ngọc Sơn, Thạch Hà", "--era", "any"]),
        ("", {"entity": "program:OCOP", "dedup": True}, ["--entity", "program:OCOP", "--dedup"]),
    ],
)
def test_search_matches_cli(cli, index_dir, query, filters, args):
    idx = vietdex.Index(str(index_dir))
    want = cli_json(cli, index_dir, "search", query, *args)
    got = idx.search(query, **filters)
    assert got == want
    count = {k: v for k, v in filters.items() if k not in ("limit", "dedup")}
    assert idx.count(query, **count) == int(run(cli, "search", query, *[a for a in args if a not in ("-n", "2", "--dedup")], "--count", "--index", str(index_dir), check=False).stdout)


def test_dai_tu_ranking(index_dir):
    idx = vietdex.Index(str(index_dir))
    hits = idx.search("Đại Từ")
    assert hits[0]["title"].startswith("Đại Từ, Thái Nguyên")
    assert [h["id"] for h in idx.search("dai tu")] == [h["id"] for h in hits]
    assert len(idx) == 5


@pytest.mark.parametrize(
    "kw, args",
    [
        ({"kind": "district", "top": 5}, ["--kind", "district", "--top", "5"]),
        ({"kind": "commune", "with_": "program:OCOP", "district": "Thạch Hà"}, ["--kind", "commune", "--with", "program:OCOP", "--district", "Thạch Hà"]),
        ({"kind": "program", "by": "year", "top": 2}, ["--kind", "program", "--by", "year", "--top", "2"]),
        ({"kind": "org"}, ["--kind", "org"]),
    ],
)
def test_entities_match_cli(cli, index_dir, kw, args):
    report = vietdex.Index(str(index_dir)).entities(**kw)
    assert report["rows"] == cli_json(cli, index_dir, "entities", *args)
    assert report["rows"]


def test_show_and_stats_match_cli(cli, index_dir):
    idx = vietdex.Index(str(index_dir))
    (stats,) = cli_json(cli, index_dir, "stats")
    got = idx.stats()
    assert {k: v for k, v in got.items() if k != "bytes"} == {k: v for k, v in stats.items() if k != "bytes"}
    (shown,) = cli_json(cli, index_dir, "show", str(CORPUS[3]))
    assert idx.show(str(CORPUS[3])) == shown
    assert idx.show("0000000000000000") is None


def cli_error(cli, *args):
    out = run(cli, *args, check=False)
    assert out.returncode == 2
    return out.stderr.splitlines()[0].removeprefix("vietdex: ")


def test_errors_carry_the_cli_messages(cli, index_dir, tmp_path):
    idx = vietdex.Index(str(index_dir))
    for filters, args in [
        ({"district": "Châu Thành"}, ["--district", "Châu Thành"]),
        ({"district": "dai tuu"}, ["--district", "dai tuu"]),
        ({"from_": "2024-13"}, ["--from", "2024-13"]),
        ({"program": "chương trình không có"}, ["--program", "chương trình không có"]),
    ]:
        msg = cli_error(cli, "search", "", *args, "--index", str(index_dir))
        with pytest.raises(ValueError) as e:
            idx.search("", **filters)
        assert str(e.value) == msg
    missing = tmp_path / "nothing"
    msg = cli_error(cli, "search", "x", "--index", str(missing))
    with pytest.raises(FileNotFoundError) as e:
        vietdex.Index(str(missing))
    assert str(e.value) == msg
    assert "build one with `vietdex index" in msg
    with pytest.raises(ValueError) as e:
        idx.entities(kind="foo")
    assert "unknown entity kind `foo` (province, district, commune, place, program, organization, person" in str(e.value)
    with pytest.raises(ValueError, match='by "week": expected year or month'):
        idx.entities(by="week")
    with pytest.raises(ValueError, match="out of range: give 1 to 10000"):
        idx.search("x", limit=0)
    with pytest.raises(TypeError, match="unknown filter `distric`"):
        idx.search("x", distric="Đại Từ")
    with pytest.raises(ValueError, match="era"):
        idx.search("x", era="2025")


# --- process_batch ------------------------------------------------------------


def read_records(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]


def rejected_lines(stderr, path):
    """Line numbers of the records `vietdex extract` reported as rejected."""
    prefix = f"vietdex: {path}:"
    return {int(l[len(prefix):].split(":")[0]) for l in stderr.splitlines() if l.startswith(prefix)}


def test_process_batch_records_match_cli(cli, records_file):
    recs = read_records(records_file)
    out = run(cli, "extract", str(records_file), check=False)
    want = [json.loads(l) for l in out.stdout.splitlines()]
    bad = rejected_lines(out.stderr, records_file)
    assert bad and len(want) + len(bad) == len(recs)
    # Columns as Spark's JSON reader gives them: every field, null where absent.
    names = sorted({k for r in recs for k in r})
    ids = [r.get("id") for r in recs]
    batch = pa.record_batch({n: [r.get(n) if n != "id" else None for r in recs] for n in names if n != "id"})
    batch = batch.append_column("id", pa.array([None if i is None else str(i) for i in ids]))
    got = vietdex.process_batch(batch).to_pylist()
    assert len(got) == len(recs)
    assert {i + 1 for i, g in enumerate(got) if g["error"]} == bad
    for g in got:
        if g["error"]:
            assert g["id"] is None and g["entities"] is None
    docs = [g for g in got if not g["error"]]
    assert [g["record_id"] for g in docs] == [None if r.get("id") is None else str(r["id"]) for i, r in enumerate(recs) if i + 1 not in bad]
    checked = 0
    for g, w in zip(docs, want):
        assert g["title"] == w["title"]
        assert g["title"] + "\n\n" + g["body"] == w["text"]
        assert json.loads(g["entities"]) == w["entities"]
        checked += len(w["entities"])
    assert checked > 500


def test_process_batch_jsonl_lines_and_tables(cli, records_file):
    lines = records_file.read_text(encoding="utf-8").splitlines()
    batch = pa.record_batch({"json": lines + ["{not json"], "path": [str(records_file)] * (len(lines) + 1)})
    got = vietdex.process_batch(batch, kind="jsonl").to_pylist()
    want = [json.loads(l) for l in run(cli, "extract", str(records_file), check=False).stdout.splitlines()]
    docs = [g for g in got if not g["error"]]
    assert [json.loads(g["entities"]) for g in docs] == [w["entities"] for w in want]
    assert got[-1]["error"].startswith("cannot parse: invalid JSON")
    # a Table in several chunks gives the same rows
    table = pa.Table.from_batches([batch.slice(0, 100), batch.slice(100)])
    assert vietdex.process_batch(table, kind="jsonl").to_pylist() == got


def test_process_batch_txt_files_and_opensearch_match_cli(cli, tmp_path):
    paths = [f"corpus/{f.name}" for f in CORPUS]
    batch = pa.record_batch({"path": paths, "text": [f.read_bytes() for f in CORPUS]}, schema=pa.schema([("path", pa.string()), ("text", pa.binary())]))
    got = vietdex.process_batch(batch, kind="txt", opensearch=True).to_pylist()
    want = extracted(cli, *CORPUS)
    assert [json.loads(g["entities"]) for g in got] == [w["entities"] for w in want]
    out = tmp_path / "bulk.ndjson"
    import subprocess

    subprocess.run([cli, "export", *paths, "--out", str(out)], cwd=CORPUS[0].parents[1], check=True, capture_output=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    exported = {json.loads(a)["index"]["_id"]: json.loads(s) for a, s in zip(lines[::2], lines[1::2])}
    assert {g["id"]: json.loads(g["opensearch"]) for g in got} == exported
    keys = {g["id"]: g["entity_keys"] for g in got}
    assert all(keys[i] == d["entity"] for i, d in exported.items())


def test_process_batch_errors():
    with pytest.raises(ValueError, match="no text column"):
        vietdex.process_batch(pa.record_batch({"id": ["a"], "headline": ["x"]}))
    with pytest.raises(ValueError, match="reads the column `html`"):
        vietdex.process_batch(pa.record_batch({"text": ["a"]}), kind="html")
    with pytest.raises(ValueError, match='kind "pdf"'):
        vietdex.process_batch(pa.record_batch({"text": ["a"]}), kind="pdf")
    empty = vietdex.process_batch(pa.record_batch({"text": pa.array([], pa.string())}))
    assert empty.num_rows == 0 and empty.schema == vietdex.document_schema()


def test_process_batch_reads_arrow_types_as_json_records():
    """Typed Arrow columns (ints, dictionaries, large and view strings,
    bytes, dates, zoned timestamps, lists) are read as the same record in
    JSON Lines would be; columns no reader looks at may be of any type."""
    recs = [
        {"id": 7, "title": "Đại Từ về đích nông thôn mới", "body": "Xã Vạn Thọ, huyện Đại Từ, tỉnh Thái Nguyên đạt chuẩn NTM nâng cao.",
         "published": "2024-04-08T03:00:00+07:00", "author": ["Phan Nga", "Việt Hoan"]},
        {"id": 8, "title": "Thạch Hà có thêm sản phẩm OCOP", "body": "Xã Ngọc Sơn, huyện Thạch Hà, tỉnh Hà Tĩnh có 3 sản phẩm OCOP 4 sao.",
         "published": "2023-06-30T17:30:00+07:00", "author": None},
        {"id": None, "title": None, "body": "Dòng đầu\nHuyện Đại Từ có 28 xã.", "published": None, "author": ["Phan Nga"]},
    ]
    want = vietdex.process_batch(
        pa.record_batch({"json": [json.dumps(r, ensure_ascii=False) for r in recs]}), kind="jsonl"
    ).to_pylist()
    assert [w["published"] for w in want] == ["2024-04-08", "2023-06-30", None]
    from datetime import datetime, timezone
    from decimal import Decimal

    utc = [datetime(2024, 4, 7, 20, 0, tzinfo=timezone.utc), datetime(2023, 6, 30, 10, 30, tzinfo=timezone.utc), None]
    bodies = [r["body"] for r in recs]
    variants = [
        {"title": pa.array([r["title"] for r in recs]).dictionary_encode(),
         "body": pa.array(bodies, pa.large_string()),
         "published": pa.array(utc, pa.timestamp("s", tz="Asia/Ho_Chi_Minh"))},
        {"title": pa.array([r["title"] for r in recs], pa.string_view()),
         "body": pa.array([b"\xef\xbb\xbf" + b.encode() for b in bodies], pa.binary()),
         "published": pa.array(utc, pa.timestamp("us", tz="+07:00"))},
    ]
    for cols in variants:
        batch = pa.record_batch({
            "id": pa.array([r["id"] for r in recs], pa.int64()),
            **cols,
            "author": pa.array([r["author"] for r in recs], pa.list_(pa.string())),
            "score": pa.array([Decimal("1.5"), None, Decimal(2)], pa.decimal128(5, 2)),
        })
        got = vietdex.process_batch(batch).to_pylist()
        assert [g["record_id"] for g in got] == ["7", "8", None]
        for g, w in zip(got, want):
            assert {k: v for k, v in g.items() if k != "record_id"} == {k: v for k, v in w.items() if k != "record_id"}
    dates = pa.record_batch({"body": pa.array(bodies[:2]), "date": pa.array([datetime(2024, 4, 8).date(), None], pa.date32())})
    assert [g["published"] for g in vietdex.process_batch(dates).to_pylist()] == ["2024-04-08", None]


def test_process_batch_undecodable_and_unreadable_columns():
    from decimal import Decimal

    batch = pa.record_batch({"body": pa.array([b"\x00\x01\x02 binary", "Tin Đại Từ\nHuyện Đại Từ có 28 xã.".encode()], pa.binary())})
    bad, good = vietdex.process_batch(batch).to_pylist()
    assert bad["error"] == "column body: cannot decode: binary data (NUL bytes)" and bad["id"] is None
    assert good["error"] is None and good["title"] == "Tin Đại Từ" and good["body"] == "Huyện Đại Từ có 28 xã."
    with pytest.raises(TypeError, match=r"column title: cannot read a Decimal128\(5, 2\) value"):
        vietdex.process_batch(pa.record_batch({"body": ["x"], "title": pa.array([Decimal(1)], pa.decimal128(5, 2))}))
    with pytest.raises(TypeError, match="column text: expected strings or bytes, got Int64"):
        vietdex.process_batch(pa.record_batch({"text": [1]}), kind="txt")
    with pytest.raises(TypeError, match="expected a pyarrow RecordBatch or Table"):
        vietdex.process_batch({"body": ["x"]})
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])
    assert vietdex.process_batch(reader).num_rows == 4


def test_near_duplicates_and_sources_match_export(cli, near_duplicate_files):
    """Documents processed in separate batches, clustered together, and
    placed: the clusters and OpenSearch sources `vietdex export` gives."""
    from conftest import exported_sources

    want = exported_sources(cli, *near_duplicate_files)
    # near duplicates and exact duplicates to find across the files
    assert any(s["cluster_size"] > 1 for s in want.values())
    assert any(len(s["sources"]) > 1 for s in want.values())
    batches = []
    for f in near_duplicate_files:
        lines = f.read_text(encoding="utf-8").splitlines()
        batches.append(vietdex.process_batch(pa.record_batch({"json": lines, "path": [str(f)] * len(lines)}), kind="jsonl"))
    docs = pa.Table.from_batches(batches)
    clusters = vietdex.near_duplicates(docs).to_pylist()
    assert [c["id"] for c in clusters] == sorted(want)
    assert {c["id"]: (c["cluster"], c["cluster_size"]) for c in clusters} == {
        i: (s["cluster"], s["cluster_size"]) for i, s in want.items()
    }
    # placed: each row with its cluster and every file holding its text
    by_id = {c["id"]: c for c in clusters}
    rows = docs.to_pylist()
    paths = {}
    for r in rows:
        paths.setdefault(r["id"], set()).add(r["path"])
    placed = pa.Table.from_pylist([
        dict(r, cluster=by_id[r["id"]]["cluster"], cluster_size=by_id[r["id"]]["cluster_size"], sources=sorted(paths[r["id"]]))
        for r in rows
    ])
    got = vietdex.opensearch_sources(placed).to_pylist()
    assert len(got) == len(rows)
    for g in got:
        assert json.loads(g["opensearch"]) == want[g["id"]]


def test_near_duplicates_errors():
    with pytest.raises(ValueError, match="no column `simhash`"):
        vietdex.near_duplicates(pa.record_batch({"id": ["a"]}))
    with pytest.raises(ValueError, match='simhash "xyz" is not a hexadecimal SimHash'):
        vietdex.near_duplicates(pa.record_batch({"id": ["a"], "simhash": ["xyz"]}))
    got = vietdex.near_duplicates(pa.record_batch({"id": ["b", None, "a", "b"], "simhash": ["00000000000000ff", "0", None, None]}))
    assert got.to_pylist() == [{"id": "a", "cluster": "a", "cluster_size": 1}, {"id": "b", "cluster": "b", "cluster_size": 1}]
