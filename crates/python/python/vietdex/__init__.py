"""vietdex: Vietnamese text mining and search (normalization, folding,
word segmentation, cleaning, entity extraction, searching an index), the
same library code as the ``vietdex`` command."""

from vietdex._vietdex import (
    Index,
    VietdexError,
    analyze,
    clean,
    extract,
    fold,
    near_duplicates,
    normalize,
    opensearch_sources,
    process_arrow,
    segment,
)

__all__ = [
    "DOCUMENT_COLUMNS",
    "Index",
    "VietdexError",
    "analyze",
    "clean",
    "document_schema",
    "extract",
    "fold",
    "near_duplicates",
    "normalize",
    "opensearch_sources",
    "process_batch",
    "segment",
]

#: The columns of :func:`process_batch`'s output, in order, with their
#: Arrow type names (every one nullable).
DOCUMENT_COLUMNS = [
    ("record_id", "string"),
    ("path", "string"),
    ("id", "string"),
    ("title", "string"),
    ("body", "string"),
    ("published", "string"),
    ("outlet", "string"),
    ("author", "string"),
    ("url", "string"),
    ("simhash", "string"),
    ("entities", "string"),
    ("entity_keys", "list<string>"),
    ("truncated", "bool"),
    ("error", "string"),
]


def document_schema(opensearch=False):
    """The Arrow schema of :func:`process_batch`'s output (pyarrow)."""
    import pyarrow as pa

    types = {"string": pa.string(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    fields = [pa.field(name, types[t]) for name, t in DOCUMENT_COLUMNS]
    if opensearch:
        fields.append(pa.field("opensearch", pa.string()))
    return pa.schema(fields)


def process_batch(batch, kind="record", opensearch=False):
    """Processes an Arrow record batch (``pyarrow.RecordBatch`` or
    ``Table``) of articles and returns a record batch with one row per
    input row, in order: the unit a distributed engine maps over
    partitions (Spark's ``mapInArrow``).

    ``kind="record"``: each row is a record whose columns are read as
    ``vietdex index`` reads the fields of a JSON Lines record (text from
    ``text``, ``content``, ``body``, ``article`` or ``description``;
    ``title``; ``published``, ``date`` …; ``url``; ``source`` or
    ``outlet``; ``author``). ``kind="txt"`` / ``"html"``: the column
    ``text`` / ``html`` holds a whole text file (headline first) or web
    page, ``str`` or bytes decoded as a file is, and is read as a ``.txt``
    or ``.html`` file. An ``id`` column comes back as ``record_id`` and a
    ``path`` column (where the record came from) as ``path`` and as the
    document's source.

    Output columns (:data:`DOCUMENT_COLUMNS`): ``id`` (vietdex's document
    id, the content hash), the cleaned ``title`` and ``body``,
    ``published``, ``outlet``, ``author``, ``url``, ``simhash`` (hex),
    ``entities`` (JSON: the list ``vietdex extract`` prints; offsets are
    characters of ``title + "\\n\\n" + body``), ``entity_keys`` (the keys
    the index files the document under), ``truncated`` (the text was cut
    at 16 MiB, as ``vietdex index`` cuts it) and ``error``: why a record was
    not read (then the document columns are null; nothing is dropped).
    ``opensearch=True`` adds ``opensearch``: each document's JSON source
    as ``vietdex export --format opensearch`` writes it, each document its
    own cluster: :func:`near_duplicates` groups the documents of every
    batch and :func:`opensearch_sources` writes them placed.

    ``batch`` may also be a ``pyarrow.RecordBatchReader`` or any object
    with ``__arrow_c_stream__``. The columns are read in Rust where Arrow
    holds them (no Python value per row), the records processed on every
    core with the GIL released, and the output built as Arrow arrays."""
    return process_arrow(batch, kind, opensearch)
