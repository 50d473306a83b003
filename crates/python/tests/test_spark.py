"""The Spark job (local[2]) gives what `vietdex extract` and `vietdex export`
give for the same input, record for record."""

import json
import subprocess
from collections import Counter

import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, ROOT, run

import pyspark  # noqa: F401  (the tests need it: `pip install pyspark`)

import vietdex.spark as spark_mod


@pytest.fixture(scope="module")
def spark():
    s = spark_mod.session("local[2]", app="vietdex-test")
    s.conf.set("spark.sql.shuffle.partitions", "2")
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def key(text, entities):
    return (text, json.dumps(entities, sort_keys=True, ensure_ascii=False))


def mentions(doc_id, entities):
    return [(doc_id, e["kind"], e["value"], e.get("code"), e["start"], e["end"], e["text"]) for e in entities]


def test_txt_files_and_opensearch_equal_cli(spark, cli, tmp_path):
    out = tmp_path / "out"
    counts = spark_mod.run(spark, [str(ROOT / "corpus")], str(out), "txt", opensearch=True, partitions=2)
    docs = pq.read_table(out / "documents").to_pylist()
    assert counts["documents"] == len(docs) == len(CORPUS) and counts["rejected"] == 0
    want = {w["source"]: w for w in (json.loads(l) for l in run(cli, "extract", *map(str, CORPUS)).splitlines())}
    assert sorted(d["path"] for d in docs) == sorted(want)
    expected_mentions = []
    for d in docs:
        w = want[d["path"]]
        assert d["title"] == w["title"]
        assert d["title"] + "\n\n" + d["body"] == w["text"]
        assert json.loads(d["entities"]) == w["entities"]
        expected_mentions += mentions(d["id"], w["entities"])
    table = pq.read_table(out / "entities").to_pylist()
    assert Counter(tuple(r.values()) for r in table) == Counter(expected_mentions)
    # bulk lines: the documents `vietdex export` writes for the same files
    bulk = tmp_path / "bulk.ndjson"
    subprocess.run([cli, "export", *map(str, CORPUS), "--out", str(bulk)], check=True, capture_output=True)
    exported = bulk.read_text(encoding="utf-8").splitlines()
    lines = [l for f in sorted((out / "opensearch").glob("part-*")) for l in f.read_text(encoding="utf-8").splitlines()]
    pairs = lambda ls: sorted(zip(ls[::2], ls[1::2]))
    assert [(json.loads(a), json.loads(s)) for a, s in pairs(lines)] == [(json.loads(a), json.loads(s)) for a, s in pairs(exported)]


def test_jsonl_records_equal_cli(spark, cli, records_file, tmp_path):
    out = tmp_path / "out"
    counts = spark_mod.run(spark, [str(records_file)], str(out), partitions=2)
    docs = pq.read_table(out / "documents").to_pylist()
    res = run(cli, "extract", str(records_file), check=False)
    want = [json.loads(l) for l in res.stdout.splitlines()]
    cli_rejects = [l.split(": ", 2)[2] for l in res.stderr.splitlines() if l.startswith(f"vietdex: {records_file}:")]
    ok = [d for d in docs if d["error"] is None]
    assert counts == {"documents": len(ok), "rejected": len(docs) - len(ok), "entities": counts["entities"],
                      "near_duplicates": sum(d["cluster_size"] > 1 for d in ok)}
    assert len(ok) == len(want) > 250
    assert sorted(key(d["title"] + "\n\n" + d["body"], json.loads(d["entities"])) for d in ok) == sorted(
        key(w["text"], w["entities"]) for w in want
    )
    assert sorted(d["error"] for d in docs if d["error"]) == sorted(cli_rejects) and cli_rejects
    assert all(d["path"] == str(records_file) for d in docs)
    # the entity table holds every mention of every document
    table = pq.read_table(out / "entities")
    assert table.num_rows == counts["entities"] == sum(len(json.loads(d["entities"])) for d in ok)


def test_near_duplicates_across_partitions_equal_export(spark, cli, near_duplicate_files, tmp_path):
    from conftest import exported_sources

    out = tmp_path / "out"
    counts = spark_mod.run(spark, [str(f) for f in near_duplicate_files], str(out), opensearch=True, partitions=3)
    want = exported_sources(cli, *near_duplicate_files)
    docs = [d for d in pq.read_table(out / "documents").to_pylist() if d["error"] is None]
    assert {d["id"] for d in docs} == set(want)
    for d in docs:
        assert (d["cluster"], d["cluster_size"]) == (want[d["id"]]["cluster"], want[d["id"]]["cluster_size"])
    assert counts["near_duplicates"] == sum(d["cluster_size"] > 1 for d in docs) > 0
    # bulk lines: each document's source as `vietdex export` writes it
    # (exact duplicates once per input row, with the same id and source)
    lines = [l for f in sorted((out / "opensearch").glob("part-*")) for l in f.read_text(encoding="utf-8").splitlines()]
    got = {}
    for a, s in zip(lines[::2], lines[1::2]):
        got.setdefault(json.loads(a)["index"]["_id"], []).append(json.loads(s))
    assert set(got) == set(want)
    assert all(s == want[i] for i, sources in got.items() for s in sources)
    assert any(len(s) > 1 for s in got.values())


def test_sql_aggregation_of_the_readme(spark, tmp_path):
    out = tmp_path / "out"
    spark_mod.run(spark, [str(ROOT / "corpus")], str(out), "txt")
    spark.read.parquet(str(out / "documents")).createOrReplaceTempView("documents")
    spark.read.parquet(str(out / "entities")).createOrReplaceTempView("entities")
    rows = spark.sql(spark_mod.OCOP_DISTRICTS_BY_YEAR).collect()
    got = {(r["year"], r["district"]): r["documents"] for r in rows}
    # corpus/: Đại Từ is named in the undated article and the 2024 one, both mentioning OCOP
    assert got[("2024", "Huyện Đại Từ")] == 1
    assert got[("unknown", "Huyện Đại Từ")] == 1
    assert ("2023", "Huyện Hà Trung") in got
