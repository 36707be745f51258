"""Fuzzy candidate search for names the gazetteer does not know: skeleton keys, an index.

:func:`skeleton` folds a name to the letters that survive transliteration
(rules as data in ``skeleton.yaml``); :class:`FuzzyIndex` finds, for an
unknown word, the closest of all aliases. Reading text for such words and
deciding what to suggest is :mod:`normtk.normalize.fuzzy`'s job.
"""

from __future__ import annotations

from normtk.fuzzy.index import Candidate, FuzzyIndex
from normtk.fuzzy.skeleton import rules, skeleton

__all__ = ["Candidate", "FuzzyIndex", "rules", "skeleton"]
