"""The vietdex pipeline on Apache Spark: read articles (JSON Lines, text
files, web pages), process each partition with :func:`vietdex.process_batch`
through ``DataFrame.mapInArrow``, and write Parquet:

- ``OUT/documents``: one row per document (the columns of
  :data:`vietdex.DOCUMENT_COLUMNS`: ids, cleaned title and body, metadata,
  fingerprints, entities as JSON, entity keys; then ``cluster`` and
  ``cluster_size``: its near-duplicate cluster across every partition, as
  ``vietdex index`` clusters), and the records that could not be read with
  the reason in ``error``;
- ``OUT/entities``: one row per entity mention, ``doc_id, kind, value,
  code, start, end`` (and ``text``, the words as written), ready for Spark
  SQL;
- with ``--opensearch``, ``OUT/opensearch``: bulk NDJSON (an action line
  and the document's source, as ``vietdex export --format opensearch``
  writes them, clusters and sources included), to send to ``_bulk`` file
  by file.

Run it with ``python -m vietdex.spark INPUT... --out DIR`` (a local Spark)
or with ``spark-submit`` (see the README); :func:`run` is the same job
inside an existing session.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterable, Iterator, Optional, Sequence
from urllib.parse import unquote, urlparse

import vietdex

#: Spark schema of an entity mention inside the ``entities`` JSON column.
ENTITY_SCHEMA = (
    "array<struct<kind:string,text:string,value:string,code:string,start:bigint,end:bigint>>"
)

#: Spark SQL over the two tables (registered as views ``documents`` and
#: ``entities``): the districts named by the most documents that mention
#: OCOP, per year of publication.
OCOP_DISTRICTS_BY_YEAR = """
SELECT coalesce(substr(d.published, 1, 4), 'unknown') AS year,
       e.value AS district,
       count(DISTINCT e.doc_id) AS documents
FROM entities e JOIN documents d ON d.id = e.doc_id
WHERE e.kind = 'district' AND array_contains(d.entity_keys, 'program:ocop')
GROUP BY 1, 2
ORDER BY year, documents DESC, district
"""

#: The input formats and the files each reads.
FORMATS = {"jsonl": "*.jsonl", "txt": "*.txt", "html": "*.html"}


def document_ddl(opensearch: bool = False) -> str:
    """The Spark DDL schema of :func:`vietdex.process_batch`'s output."""
    types = {"string": "string", "bool": "boolean", "list<string>": "array<string>"}
    cols = [f"`{n}` {types[t]}" for n, t in vietdex.DOCUMENT_COLUMNS]
    if opensearch:
        cols.append("`opensearch` string")
    return ", ".join(cols)


def local_path(uri: Optional[str]) -> Optional[str]:
    """A ``file:`` URI as the local path it names; other addresses as they are."""
    if uri and uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri


def processor(kind: str, opensearch: bool = False):
    """The function ``mapInArrow`` calls on each partition: every Arrow
    batch through :func:`vietdex.process_batch`."""

    def process(batches: Iterable) -> Iterator:
        import pyarrow as pa

        for batch in batches:
            if "path" in batch.schema.names:
                i = batch.schema.get_field_index("path")
                paths = pa.array([local_path(p) for p in batch.column(i).to_pylist()], pa.string())
                batch = batch.set_column(i, "path", paths)
            yield vietdex.process_batch(batch, kind=kind, opensearch=opensearch)

    return process


def read_inputs(spark, inputs: Sequence[str], fmt: str):
    """The input rows of one format: JSON Lines lines (``json``, blank
    lines skipped as ``vietdex index`` skips them) or whole files
    (``text`` / ``html`` as bytes), each with its ``path``."""
    from pyspark.sql import functions as F

    if fmt == "jsonl":
        df = spark.read.text(list(inputs))
        return df.where(F.trim("value") != "").select(
            F.col("value").alias("json"), F.input_file_name().alias("path")
        )
    column = "text" if fmt == "txt" else "html"
    df = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", FORMATS[fmt])
        .option("recursiveFileLookup", "true")
        .load(list(inputs))
    )
    return df.select(F.col("path"), F.col("content").alias(column))


def process(spark, inputs: Sequence[str], fmt: str, opensearch: bool = False, partitions: Optional[int] = None):
    """The documents DataFrame of ``inputs`` (lazy)."""
    df = read_inputs(spark, inputs, fmt)
    if partitions:
        df = df.repartition(partitions)
    kind = "jsonl" if fmt == "jsonl" else fmt
    return df.mapInArrow(processor(kind, opensearch), document_ddl(opensearch))


def entity_table(documents):
    """One row per entity mention of the documents: ``doc_id, kind, value,
    code, start, end, text`` (offsets are characters of
    ``title + "\\n\\n" + body``)."""
    from pyspark.sql import functions as F

    return (
        documents.where(F.col("error").isNull())
        .select(F.col("id").alias("doc_id"), F.explode(F.from_json("entities", ENTITY_SCHEMA)).alias("e"))
        .select("doc_id", "e.kind", "e.value", "e.code", "e.start", "e.end", "e.text")
    )


#: Columns the job adds to :data:`vietdex.DOCUMENT_COLUMNS` in ``OUT/documents``.
CLUSTER_COLUMNS = [("cluster", "string"), ("cluster_size", "int")]


def collect_arrow(df, schema):
    """A DataFrame's rows on the driver as a pyarrow Table of ``schema``."""
    import pyarrow as pa

    if hasattr(df, "toArrow"):  # Spark 4
        return df.toArrow()
    batches = df._collect_as_arrow()
    return pa.Table.from_batches(batches) if batches else schema.empty_table()


def near_duplicate_clusters(spark, documents):
    """The documents in near-duplicate clusters of more than one document,
    across every partition: ``id, cluster, cluster_size``. The id and
    SimHash of each document with one (about 40 bytes a document) go to
    the driver and are clustered there by :func:`vietdex.near_duplicates`,
    as ``vietdex index`` clusters."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyspark.sql import functions as F

    keys = (
        documents.where(F.col("error").isNull() & F.col("simhash").isNotNull())
        .groupBy("id")
        .agg(F.min("simhash").alias("simhash"))
    )
    table = collect_arrow(keys, pa.schema([("id", pa.string()), ("simhash", pa.string())]))
    clusters = vietdex.near_duplicates(table)
    multi = clusters.filter(pc.greater(clusters.column("cluster_size"), 1))
    ddl = ", ".join(f"{n} {t}" for n, t in [("id", "string")] + CLUSTER_COLUMNS)
    import pyspark

    if int(pyspark.__version__.split(".")[0]) >= 4:  # Arrow tables in, no pandas
        return spark.createDataFrame(pa.Table.from_batches([multi]), ddl)
    return spark.createDataFrame(multi.to_pandas(), ddl)


def placed(documents, clusters):
    """The documents with ``cluster`` (the smallest id in the document's
    near-duplicate cluster; its own id when alone) and ``cluster_size``
    (null for rejected records)."""
    from pyspark.sql import functions as F

    ok = F.col("error").isNull()
    joined = documents.join(F.broadcast(clusters), "id", "left")
    return joined.select(
        *[F.col(n) for n, _ in vietdex.DOCUMENT_COLUMNS],
        F.when(ok, F.coalesce(F.col("cluster"), F.col("id"))).alias("cluster"),
        F.when(ok, F.coalesce(F.col("cluster_size"), F.lit(1))).alias("cluster_size"),
    )


def opensearch_sources(documents):
    """``id, opensearch``: each document's OpenSearch source as ``vietdex
    export`` writes it, from placed documents (see :func:`placed`) through
    :func:`vietdex.opensearch_sources`; documents whose text several inputs
    hold (exact duplicates) list them all in ``sources``."""
    from pyspark.sql import functions as F

    ok = documents.where(F.col("error").isNull())
    shared = (
        ok.groupBy("id")
        .agg(F.array_sort(F.collect_set("path")).alias("sources"))
        .where(F.size("sources") > 1)
    )
    rows = ok.join(F.broadcast(shared), "id", "left")

    def sources(batches: Iterable) -> Iterator:
        for batch in batches:
            yield vietdex.opensearch_sources(batch)

    return rows.mapInArrow(sources, "id string, opensearch string")


def bulk_lines(documents, index_name: str = "vietdex"):
    """The OpenSearch / Elasticsearch bulk lines of the documents (an
    action line, then the source), one text value per document."""
    from pyspark.sql import functions as F

    action = F.to_json(F.struct(F.struct(F.col("id").alias("_id"), F.lit(index_name).alias("_index")).alias("index")))
    return documents.where(F.col("opensearch").isNotNull()).select(F.concat_ws("\n", action, F.col("opensearch")).alias("value"))


def detect_format(inputs: Sequence[str]) -> str:
    """The format named by the inputs' extensions (directories: ``txt``)."""
    exts = {os.path.splitext(p.rstrip("/"))[1].lstrip(".").lower() for p in inputs}
    exts.discard("")
    if len(exts) > 1:
        raise SystemExit(f"inputs of several formats ({', '.join(sorted(exts))}): run once per format, or give --format")
    ext = exts.pop() if exts else "txt"
    if ext not in FORMATS:
        raise SystemExit(f"cannot read .{ext} inputs: give JSON Lines (.jsonl), text (.txt) or web pages (.html)")
    return ext


def run(spark, inputs: Sequence[str], out: str, fmt: Optional[str] = None, opensearch: bool = False,
        partitions: Optional[int] = None, mode: str = "error") -> dict:
    """Processes ``inputs`` and writes ``OUT/documents`` and
    ``OUT/entities`` (and ``OUT/opensearch``) as Parquet (bulk NDJSON
    text). Returns the counts of documents, rejected records, entity
    mentions and documents in a near-duplicate cluster of more than one."""
    from pyspark.sql import functions as F

    fmt = fmt or detect_format(inputs)
    # Processed once: the clusters need every document before any is written.
    docs = process(spark, inputs, fmt, partitions=partitions).persist()
    try:
        clusters = near_duplicate_clusters(spark, docs)
        placed(docs, clusters).write.mode(mode).parquet(os.path.join(out, "documents"))
    finally:
        docs.unpersist()
    written = spark.read.parquet(os.path.join(out, "documents"))
    entity_table(written).write.mode(mode).parquet(os.path.join(out, "entities"))
    if opensearch:
        bulk_lines(opensearch_sources(written)).write.mode(mode).text(os.path.join(out, "opensearch"))
    counts = written.agg(
        F.count(F.when(F.col("error").isNull(), 1)).alias("documents"),
        F.count(F.when(F.col("error").isNotNull(), 1)).alias("rejected"),
        F.count(F.when(F.col("cluster_size") > 1, 1)).alias("near_duplicates"),
    ).first()
    mentions = spark.read.parquet(os.path.join(out, "entities")).count()
    return {"documents": counts["documents"], "rejected": counts["rejected"], "entities": mentions,
            "near_duplicates": counts["near_duplicates"]}


def session(master: Optional[str] = None, app: str = "vietdex"):
    """A Spark session; each Python worker processes its batches on one
    core (``RAYON_NUM_THREADS=1``) so that Spark's task slots are the
    parallelism, and local workers run this Python (where vietdex is
    installed), unless the environment says otherwise."""
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app)
    if "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Not started by spark-submit: a Spark of our own, on this machine.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        b = b.master(master or "local[*]")
    elif master:
        b = b.master(master)
    return (
        b.config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .config("spark.executorEnv.RAYON_NUM_THREADS", os.environ["RAYON_NUM_THREADS"])
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m vietdex.spark",
        description="Process articles with vietdex on Spark and write Parquet (documents, entities).",
    )
    p.add_argument("inputs", nargs="+", help="files, directories or globs (JSON Lines, .txt, .html)")
    p.add_argument("--out", required=True, help="output directory (documents/, entities/, opensearch/)")
    p.add_argument("--format", choices=sorted(FORMATS), help="input format (default: from the extensions)")
    p.add_argument("--master", help="Spark master (default: spark-submit's, or local[*] when run with python -m)")
    p.add_argument("--partitions", type=int, help="repartition the input rows first")
    p.add_argument("--opensearch", action="store_true", help="also write bulk NDJSON for OpenSearch / Elasticsearch")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output")
    a = p.parse_args(argv)
    spark = session(a.master)
    counts = run(spark, a.inputs, a.out, a.format, a.opensearch, a.partitions, "overwrite" if a.overwrite else "error")
    print(f"{counts['documents']} documents, {counts['rejected']} rejected records, "
          f"{counts['entities']} entity mentions, {counts['near_duplicates']} documents in near-duplicate "
          f"clusters → {a.out}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
