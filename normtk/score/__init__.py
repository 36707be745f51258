"""Scoring machine-translated copy: sacrebleu metrics, entity-normalized variants, entity metrics.

>>> from normtk.score import Scorer
>>> refs = [["Talks in Kyiv ended without a deal"]]
>>> report = Scorer(refs, metrics=["bleu"]).score({"mt": refs[0]})
>>> round(report.systems[0].metrics["BLEU"].score, 6)
100.0

With a :class:`~normtk.normalize.Normalizer`, every figure is also computed on
entity-normalized text (Kiev and Kyiv then count as the same word) and entity
precision / recall / F1 and house-style compliance are added::

    from normtk import Gazetteer, Normalizer
    scorer = Scorer(refs, ["bleu", "chrf"], normalizer=Normalizer(Gazetteer.load(), "en"))
    report = scorer.score({"a": hyps_a, "b": hyps_b}, paired="bs", baseline="a")
"""

from __future__ import annotations

from normtk.score.entities import (
    EntityScores,
    Estimate,
    entity_key,
    entity_scores,
    paired_bootstrap_f1,
    segment_statistics,
)
from normtk.score.metrics import (
    BLEU,
    CHRF,
    METRIC_NAMES,
    TER,
    Metric,
    Signature,
    apply_mentions,
    make_metric,
)
from normtk.score.report import (
    REPORT_FORMATS,
    format_report,
    format_sentences,
    report_to_dict,
)
from normtk.score.results import (
    VIEWS,
    Figure,
    ScoreReport,
    SentenceReport,
    SystemResult,
    View,
)
from normtk.score.scorer import Scorer

__all__ = [
    "BLEU",
    "CHRF",
    "METRIC_NAMES",
    "REPORT_FORMATS",
    "TER",
    "VIEWS",
    "EntityScores",
    "Estimate",
    "Figure",
    "Metric",
    "ScoreReport",
    "Scorer",
    "SentenceReport",
    "Signature",
    "SystemResult",
    "View",
    "apply_mentions",
    "entity_key",
    "entity_scores",
    "format_report",
    "format_sentences",
    "make_metric",
    "paired_bootstrap_f1",
    "report_to_dict",
    "segment_statistics",
]
