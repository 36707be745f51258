"""Mining new spellings of known entities from MT output aligned with references and sources.

Per segment, one side names a known entity and the other does not: the
reference (or the source, found through inflection) names Kreminna and a
system writes "Kreminnaya", a spelling the gazetteer does not know. The
alignment is deliberately simple and precise rather than clever:

- the entity is named once on the naming side and not at all on the other;
- the other side has an unknown capitalised word sequence, not a common word,
  not written on the naming side, that stands in about the same place in the
  segment (relative position within :data:`MAX_SHIFT`);
- its transliteration skeleton (:func:`skeleton`) is close to a spelling of
  the entity (:data:`MIN_SIMILARITY`), and no other sequence of the segment
  is as close: exactly one candidate per entity and segment.

Both directions count: a system's spelling against the reference's entity,
and the reference's spelling against an entity that systems name. What comes
out is a list of :class:`Proposal` (entity, spelling, counts, who wrote it,
examples), written as a gazetteer patch (``extend:`` entries, see
gazetteers/README.md) and a TSV summary. Nothing is written into the data.

>>> skeleton("Kreminnaya") == skeleton("Kreminna")
True
>>> skeleton("Zelenskiy") == skeleton("Zelenskyy")
True
"""

from normtk.mining.files import mine_files
from normtk.mining.gazetteer_patch import patch, patch_yaml
from normtk.mining.miner import MAX_SHIFT, MIN_SIMILARITY, Miner
from normtk.mining.proposals import Example, Proposal
from normtk.mining.spelling import similarity, skeleton
from normtk.mining.tsv import TSV_COLUMNS, summary_rows, summary_tsv

__all__ = [
    "MAX_SHIFT",
    "MIN_SIMILARITY",
    "TSV_COLUMNS",
    "Example",
    "Miner",
    "Proposal",
    "mine_files",
    "patch",
    "patch_yaml",
    "similarity",
    "skeleton",
    "summary_rows",
    "summary_tsv",
]
