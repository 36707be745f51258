"""What scoring gives: figures per system, view and metric, and the statistics behind them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.score import _sacrebleu as sb
    from normtk.score.entities import EntityScores
    from normtk.score.metrics import Signature

PairedTestType = Literal["bs", "ar"]
View = Literal["plain", "entities"]
VIEWS: tuple[View, ...] = ("plain", "entities")
Progress = Callable[[str], None]
EntityStats = list[tuple[int, int, int, int, int]]


@dataclass(slots=True)
class Figure:
    """One metric of one system in one view.

    ``mean`` and ``ci`` (sacrebleu's half-width of the 95% interval) come from
    confidence estimation or a paired test, ``p_value`` from a paired test.
    """

    score: float
    detail: str = ""
    mean: float | None = None
    ci: float | None = None
    p_value: float | None = None


@dataclass(slots=True)
class SystemResult:
    """Every figure for one system: per view, per metric (BLEU, chrF2 ...)."""

    name: str
    views: dict[View, dict[str, Figure]] = field(default_factory=dict)
    entities: EntityScores | None = None
    changed_segments: int = 0

    @property
    def metrics(self) -> dict[str, Figure]:
        """The plain view's figures."""
        return self.views["plain"]


@dataclass(slots=True)
class ScoreReport:
    """The result of :meth:`Scorer.score`: systems in input order, signatures per view.

    ``statistics[view][metric][system]`` holds each segment's sufficient
    statistics, the rows every figure was summed from; :meth:`Scorer.subset_score`
    scores any subset of them (a length bucket) exactly as the corpus score.
    """

    systems: list[SystemResult]
    signatures: dict[View, dict[str, Signature]]
    entity_signature: str | None = None
    baseline: str | None = None
    test: PairedTestType | None = None
    n_samples: int = 0
    statistics: dict[View, dict[str, dict[str, sb.Stats]]] = field(default_factory=dict, repr=False)

    @property
    def views(self) -> list[View]:
        """The views scored, plain first."""
        return list(self.signatures)

    def system(self, name: str) -> SystemResult:
        """Return the result of system ``name``."""
        for result in self.systems:
            if result.name == name:
                return result
        msg = f"no system {name!r} in the report"
        raise LookupError(msg)


@dataclass(slots=True)
class SentenceReport:
    """Segment-level scores: ``scores[view][system][metric]`` lists one figure per segment."""

    scores: dict[View, dict[str, dict[str, list[float]]]]
    signatures: dict[str, Signature]


@dataclass(slots=True)
class SystemStatistics:
    """What scoring one system needs from its text: per-segment statistics, in segment order.

    ``views[view][metric]`` holds sacrebleu's sufficient statistics of each
    segment; ``entities`` the entity counts of each segment (with a
    normalizer); ``changed_segments`` how many segments normalization changed.
    Statistics of consecutive ranges of segments :func:`concatenate` into the
    statistics of the whole, so they may be computed anywhere, piece by piece.
    """

    views: dict[View, dict[str, sb.Stats]]
    entities: EntityStats | None = None
    changed_segments: int = 0


def concatenate(parts: Sequence[SystemStatistics]) -> SystemStatistics:
    """Return the statistics of consecutive segment ranges joined, in the order given."""
    if not parts:
        msg = "no statistics to join"
        raise UsageError(msg)
    views: dict[View, dict[str, sb.Stats]] = {
        view: {metric: [] for metric in metrics} for view, metrics in parts[0].views.items()
    }
    entities: EntityStats | None = None if parts[0].entities is None else []
    for part in parts:
        for view, metrics in part.views.items():
            for metric, rows in metrics.items():
                views[view][metric].extend(rows)
        if entities is not None and part.entities is not None:
            entities.extend(part.entities)
    return SystemStatistics(views, entities, sum(p.changed_segments for p in parts))
