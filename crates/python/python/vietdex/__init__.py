"""vietdex: Vietnamese text mining and search (normalization, folding,
word segmentation, entity extraction), the same library code as the
``vietdex`` command."""

from vietdex._vietdex import analyze, extract, fold, normalize, segment

__all__ = ["analyze", "extract", "fold", "normalize", "segment"]
