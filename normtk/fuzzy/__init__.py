"""Fuzzy recognition of names the gazetteer does not know: skeleton keys, candidate search.

:func:`skeleton` folds a name to the letters that survive transliteration;
:class:`FuzzyIndex` finds, for an unknown word, the closest alias of all the
gazetteer's; :class:`Suggester` reads text for capitalised words the exact
index left alone and proposes the entity each may be. Suggestions change
nothing unless a threshold says so.
"""

from __future__ import annotations

from normtk.fuzzy.index import Candidate, FuzzyIndex
from normtk.fuzzy.skeleton import rules, skeleton

__all__ = ["Candidate", "FuzzyIndex", "rules", "skeleton"]
