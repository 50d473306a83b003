import os
from typing import Any, Literal, Optional, Sequence, Union

import pyarrow

_Filter = Union[str, Sequence[str], None]

class VietdexError(RuntimeError):
    """An index that cannot be read (damaged, of another version, locked);
    the message says what to do, as the command's."""

DOCUMENT_COLUMNS: list[tuple[str, str]]
"""The columns of :func:`process_batch`'s output and their Arrow types."""

def normalize(text: str) -> str:
    """NFC, one tone placement, lower case: the form vietdex compares text in."""

def fold(text: str) -> str:
    """The normalized form without diacritics (``Đại Từ`` → ``dai tu``)."""

def segment(text: str) -> str:
    """The text with the syllables of every word joined by ``_``."""

def analyze(text: str) -> list[dict[str, Any]]:
    """Tokens: ``position``, ``exact``, ``folded``, ``start``, ``end`` (bytes), ``text``."""

def extract(
    text: str, title: Optional[str] = None, published: Optional[str] = None
) -> dict[str, Any]:
    """Entities as ``vietdex extract`` prints them: ``title``, ``text``, ``entities``."""

def clean(raw: Union[str, bytes], kind: Literal["txt", "html"] = "txt") -> dict[str, Any]:
    """The article of a text file (``txt``, headline first) or web page
    (``html``), cleaned as ``vietdex index`` cleans it: ``id``, ``title``,
    ``body``, ``published``, ``outlet``, ``author``, ``url``, ``simhash``,
    ``truncated`` (text cut at 16 MiB, as the command cuts it).
    Bytes are decoded as a file is. Raises ``ValueError`` when there is no
    article text, or for an unknown ``kind``."""

def document_schema(opensearch: bool = False) -> pyarrow.Schema:
    """The Arrow schema of :func:`process_batch`'s output."""

def process_batch(
    batch: Union[pyarrow.RecordBatch, pyarrow.Table, pyarrow.RecordBatchReader],
    kind: Literal["record", "jsonl", "txt", "html"] = "record",
    opensearch: bool = False,
) -> pyarrow.RecordBatch:
    """One output row per input row: ``record_id``, ``path``, ``id``,
    ``title``, ``body``, ``published``, ``outlet``, ``author``, ``url``,
    ``simhash``, ``entities`` (JSON, as ``vietdex extract``),
    ``entity_keys``, ``truncated``, ``error`` (why a row was rejected); with
    ``opensearch``, the document's OpenSearch JSON source. ``kind``:
    ``record`` (columns are a JSON Lines record's fields), ``jsonl``
    (column ``json`` holds JSON Lines lines), ``txt`` / ``html`` (column
    ``text`` / ``html`` holds a whole file). Columns are read in Rust
    where Arrow holds them; runs on every core, GIL released."""

def near_duplicates(
    batch: Union[pyarrow.RecordBatch, pyarrow.Table, pyarrow.RecordBatchReader],
) -> pyarrow.RecordBatch:
    """Near-duplicate clusters of documents given by ``id`` and ``simhash``
    columns (:func:`process_batch`'s, every batch of a collection): ``id``,
    ``cluster`` (the smallest id in the cluster), ``cluster_size``, one row
    per document id, in id order, as ``vietdex index`` clusters."""

def opensearch_sources(
    batch: Union[pyarrow.RecordBatch, pyarrow.Table, pyarrow.RecordBatchReader],
) -> pyarrow.RecordBatch:
    """``id`` and ``opensearch``: each document row's OpenSearch JSON
    source as ``vietdex export`` writes it, from :func:`process_batch`'s
    columns with ``cluster``, ``cluster_size`` and ``sources`` (a list;
    else the ``path``); the entities are not extracted again."""

class Index:
    """A vietdex index built by ``vietdex index``, open for searching with
    the command's queries, filters, ranking and messages.

    Filters are keyword arguments named like the command's flags:
    ``province``, ``district``, ``commune``, ``program``, ``org``,
    ``person``, ``entity`` (``KIND:VALUE``), ``source`` (a string or a list
    of strings each), ``from`` / ``from_`` and ``to`` (``2024``,
    ``2024-04``, ``2024-04-08``), ``era`` (``as-written`` or ``any``). An
    unknown or ambiguous value raises ``ValueError`` with the command's
    message; an unknown keyword raises ``TypeError``."""

    def __init__(self, path: Union[str, os.PathLike[str], None] = None) -> None:
        """Opens the index in ``path`` (default ``index``); a missing one
        raises ``FileNotFoundError`` saying how to build it."""
    def __len__(self) -> int:
        """Documents in the index."""
    def search(
        self, query: str = "", *, limit: int = 10, dedup: bool = False, **filters: _Filter
    ) -> list[dict[str, Any]]:
        """Ranked hits, each as ``vietdex search --json`` prints it (an
        empty query lists the documents passing the filters, newest first)."""
    def count(self, query: str = "", **filters: _Filter) -> int:
        """Documents matching, as ``vietdex search --count``."""
    def entities(
        self,
        query: str = "",
        *,
        kind: Optional[str] = None,
        top: int = 20,
        by: Optional[Literal["year", "month"]] = None,
        **filters: _Filter,
    ) -> dict[str, Any]:
        """``{"documents": n, "rows": [...]}``, rows as ``vietdex entities
        --json``; ``with`` / ``with_`` (``KIND:VALUE``) keeps documents that
        also mention an entity."""
    def show(self, id_or_path: str) -> Optional[dict[str, Any]]:
        """One document, as ``vietdex show --json``, or ``None``."""
    def stats(self) -> dict[str, Any]:
        """As ``vietdex stats --json``."""
