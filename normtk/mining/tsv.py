"""The TSV summary of the proposals: one row each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normtk.mining.proposals import Proposal

TSV_COLUMNS = (
    "entity",
    "new",
    "part",
    "spelling",
    "closest",
    "similarity",
    "count",
    "segments",
    "writers",
    "evidence",
    "native",
    "examples",
)


def summary_rows(proposals: Iterable[Proposal]) -> Iterator[dict[str, str]]:
    """Yield one row per proposal, the columns of :data:`TSV_COLUMNS`."""
    for p in proposals:
        yield {
            "entity": p.entity_id,
            "new": "yes" if p.is_new else "no",
            "part": p.part,
            "spelling": p.spelling,
            "closest": p.closest,
            "similarity": f"{p.similarity:.0f}",
            "count": str(p.count),
            "segments": str(len(p.segments)),
            "writers": ",".join(f"{w}:{n}" for w, n in sorted(p.writers.items())),
            "evidence": ",".join(f"{w}:{n}" for w, n in sorted(p.evidence.items())),
            "native": ",".join(f"{k}:{v}" for k, v in sorted(p.native.items())),
            "examples": ",".join(e.seg_id for e in p.examples),
        }


def summary_tsv(proposals: Iterable[Proposal]) -> str:
    """Return the TSV summary: a header, then one line per proposal."""
    lines = ["\t".join(TSV_COLUMNS)]
    for row in summary_rows(proposals):
        lines.append("\t".join(_tsv_cell(row[column]) for column in TSV_COLUMNS))
    return "\n".join(lines) + "\n"


def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")
