from typing import Any, Optional

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
