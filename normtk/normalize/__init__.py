"""Normalization: find entity mentions, decide their house-style form, rewrite losslessly."""

from __future__ import annotations

from normtk.normalize.context import Document
from normtk.normalize.normalizer import Normalizer
from normtk.normalize.results import Change, Mention, Normalized, Unresolved, restore
from normtk.normalize.stream import DOC_BREAKS, DocBreaks, normalize_stream

__all__ = [
    "DOC_BREAKS",
    "Change",
    "DocBreaks",
    "Document",
    "Mention",
    "Normalized",
    "Normalizer",
    "Unresolved",
    "normalize_stream",
    "restore",
]
