"""Finding aliases in text: the compiled exact index (and, later, fuzzy candidate search)."""

from __future__ import annotations

from normtk.match.index import AliasIndex

__all__ = ["AliasIndex"]
