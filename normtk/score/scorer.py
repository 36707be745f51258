"""Score several systems at once: corpus metrics, entity-normalized metrics, entity metrics.

:class:`Scorer` holds the references; each metric caches their statistics
once, and with a normalizer each reference segment is searched for entities
once. Entity-normalized scores reuse the plain per-segment statistics of
every segment that normalization left unchanged (hypothesis and references),
so they cost little more than the plain scores and are exactly what scoring
the normalized text from scratch would give.

>>> refs = [["Talks in Kyiv ended without a deal", "No names here"]]
>>> report = Scorer(refs, metrics=["bleu", "chrf"]).score({"a": refs[0]})
>>> round(report.systems[0].metrics["BLEU"].score, 6)
100.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from normtk.errors import InputError, UsageError
from normtk.score.entities import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    EntityScores,
    entity_scores,
    expected_counts,
    paired_bootstrap_f1,
    resample_weights,
    statistics_against,
)
from normtk.score.metrics import Metric, Signature, apply_mentions, make_metric, normtk_signature

if TYPE_CHECKING:
    from normtk.normalize import Mention, Normalizer

PairedTestType = Literal["bs", "ar"]
Progress = Callable[[str], None]


@dataclass(slots=True)
class MetricResult:
    """One metric for one system: plain and (if asked) entity-normalized figures.

    ``mean``/``ci`` and ``p_value`` are filled by confidence estimation and by
    paired tests (``ci`` is sacrebleu's half-width of the 95% interval);
    ``normalized_*`` are the same for the normalized text.
    """

    name: str
    score: float
    normalized: float | None = None
    detail: str = ""
    mean: float | None = None
    ci: float | None = None
    p_value: float | None = None
    normalized_mean: float | None = None
    normalized_ci: float | None = None
    normalized_p_value: float | None = None


@dataclass(slots=True)
class SystemResult:
    """Every figure for one system."""

    name: str
    metrics: dict[str, MetricResult] = field(default_factory=dict)
    entities: EntityScores | None = None
    changed_segments: int = 0


@dataclass(slots=True)
class ScoreReport:
    """The result of :meth:`Scorer.score`: systems in input order, signatures per metric."""

    systems: list[SystemResult]
    signatures: dict[str, Signature]
    normalized_signatures: dict[str, Signature]
    entity_signature: str | None = None
    baseline: str | None = None
    test: PairedTestType | None = None
    n_samples: int = 0

    def system(self, name: str) -> SystemResult:
        """Return the result of system ``name``."""
        for result in self.systems:
            if result.name == name:
                return result
        msg = f"no system {name!r} in the report"
        raise LookupError(msg)


@dataclass(slots=True)
class SentenceReport:
    """Segment-level scores: ``scores[system][metric]`` lists one figure per segment."""

    scores: dict[str, dict[str, list[float]]]
    normalized: dict[str, dict[str, list[float]]]
    signatures: dict[str, Signature]


class Scorer:
    """Score systems against fixed references, optionally normalizing entities.

    ``references`` is sacrebleu's shape: one list of segments per reference.
    ``metrics`` are names (``bleu``, ``chrf``, ``chrf++``, ``ter``); ``lowercase``
    and ``tokenize`` are passed to them. With a ``normalizer``, every figure is
    also computed on entity-normalized text, and entity metrics are added.
    """

    def __init__(
        self,
        references: Sequence[Sequence[str]],
        metrics: Sequence[str] = ("bleu", "chrf"),
        *,
        normalizer: Normalizer | None = None,
        lowercase: bool = False,
        tokenize: str | None = None,
        n_bootstrap: int = DEFAULT_RESAMPLES,
        seed: int = DEFAULT_SEED,
    ) -> None:
        if not references:
            msg = "no references given"
            raise UsageError(msg)
        lengths = {len(stream) for stream in references}
        if len(lengths) != 1:
            msg = f"references differ in length: {sorted(lengths)} segments"
            raise InputError(msg)
        if not metrics:
            msg = "no metrics given"
            raise UsageError(msg)
        self.references = [list(stream) for stream in references]
        self.size = lengths.pop()
        self.metric_names = list(dict.fromkeys(m.strip().lower() for m in metrics))
        self.normalizer = normalizer
        self.lowercase = lowercase
        self.tokenize = tokenize
        self.n_bootstrap = n_bootstrap
        self.seed = seed
        self.metrics = {name: self._make(name, self.references) for name in self.metric_names}
        self._ref_mentions: list[list[list[Mention]]] | None = None
        self._norm_refs: list[list[str]] | None = None
        self._ref_changed: list[bool] = [False] * self.size
        self._expected: list[Counter[str]] = []
        self._norm_metrics: dict[str, Metric] = {}
        self._norm_ref_cache: dict[str, list[Any]] = {}
        if normalizer is not None:
            find = normalizer.find
            self._ref_mentions = [[find(text) for text in stream] for stream in self.references]
            self._norm_refs = [
                [apply_mentions(t, m) for t, m in zip(stream, mentions, strict=True)]
                for stream, mentions in zip(self.references, self._ref_mentions, strict=True)
            ]
            for stream, normalized in zip(self.references, self._norm_refs, strict=True):
                for i, (a, b) in enumerate(zip(stream, normalized, strict=True)):
                    if a != b:
                        self._ref_changed[i] = True
            self._expected = [
                expected_counts([refs[i] for refs in self._ref_mentions]) for i in range(self.size)
            ]
            self._prepare_normalized_references()

    def _prepare_normalized_references(self) -> None:
        """Cache each metric's reference statistics for normalized text, once.

        Segments whose references normalization left unchanged share the plain
        cache; only the changed ones are processed again.
        """
        if self._norm_refs is None:
            return
        changed = [i for i in range(self.size) if self._ref_changed[i]]
        for key, metric in self.metrics.items():
            fresh = self._make(key, None)
            combined = list(metric.sacrebleu._ref_cache)
            if changed:
                refs = [[stream[i] for i in changed] for stream in self._norm_refs]
                for i, entry in zip(changed, fresh.sacrebleu._cache_references(refs), strict=True):
                    combined[i] = entry
            self._norm_metrics[key] = fresh
            self._norm_ref_cache[key] = combined

    def _make(
        self,
        name: str,
        references: Sequence[Sequence[str]] | None,
        effective_order: bool = False,
    ) -> Metric:
        return make_metric(
            name,
            references=references,
            lowercase=self.lowercase,
            tokenize=self.tokenize,
            effective_order=effective_order,
        )

    def _check(self, systems: Mapping[str, Sequence[str]]) -> None:
        if not systems:
            msg = "no systems to score"
            raise UsageError(msg)
        for name, hyps in systems.items():
            if len(hyps) != self.size:
                msg = f"system {name} has {len(hyps)} segments, the references have {self.size}"
                raise InputError(msg)

    def signatures(self, normalized: bool = False) -> dict[str, Signature]:
        """Return each metric's signature, keyed by its display name (BLEU, chrF2 ...)."""
        part = normtk_signature(self.normalizer if normalized else None)
        out = {}
        for metric in self.metrics.values():
            sig = metric.sacrebleu.get_signature()
            out[_display_name(metric)] = Signature(sig.format(), sig.format(short=True), part)
        return out

    def score(
        self,
        systems: Mapping[str, Sequence[str]],
        *,
        confidence: bool = False,
        paired: PairedTestType | None = None,
        baseline: str | None = None,
        n_samples: int = 0,
        progress: Progress | None = None,
    ) -> ScoreReport:
        """Score every system; optionally add confidence intervals or a paired test.

        ``confidence`` adds sacrebleu's bootstrap 95% interval to each figure.
        ``paired`` (``"bs"`` paired bootstrap, ``"ar"`` approximate
        randomization, both sacrebleu's) tests each system against
        ``baseline`` with ``n_samples`` resamples or trials (0: sacrebleu's
        default, 1000 / 10000). With a normalizer, entity F1 is tested against
        the baseline by paired bootstrap as well.
        """
        self._check(systems)
        if paired is not None:
            if baseline is None:
                msg = "a paired test needs a baseline system"
                raise UsageError(msg)
            if baseline not in systems:
                msg = f"baseline {baseline!r} is not among the systems ({', '.join(systems)})"
                raise UsageError(msg)
            if len(systems) < 2:
                msg = "a paired test needs at least one system besides the baseline"
                raise UsageError(msg)
        results: list[SystemResult] = []
        entity_stats: dict[str, list[tuple[int, int, int, int, int]]] = {}
        norm_hyps: dict[str, list[str]] = {}
        weights = None
        if self.normalizer is not None and self.n_bootstrap > 0 and self.size > 0:
            weights = resample_weights(self.size, self.n_bootstrap, self.seed)
        for number, (name, hyps) in enumerate(systems.items(), start=1):
            if progress is not None:
                progress(f"scoring {name} ({number}/{len(systems)})")
            result, stats, normalized = self._score_one(name, hyps, confidence, weights)
            results.append(result)
            if stats is not None and normalized is not None:
                entity_stats[name] = stats
                norm_hyps[name] = normalized
        report = ScoreReport(
            results,
            self.signatures(),
            self.signatures(normalized=True) if self.normalizer is not None else {},
            self._entity_signature(),
        )
        if paired is not None and baseline is not None:
            if progress is not None:
                progress(f"paired test ({paired}) against {baseline}")
            self._paired(report, systems, norm_hyps, paired, baseline, n_samples)
            if entity_stats:
                for result in results:
                    if result.name != baseline and result.entities is not None:
                        p = paired_bootstrap_f1(
                            entity_stats[baseline], entity_stats[result.name], weights=weights
                        )
                        result.entities = _with_p(result.entities, p)
        return report

    def _entity_signature(self) -> str | None:
        if self.normalizer is None:
            return None
        parts = [f"{name}:{value}" for name, _, value in normtk_signature(self.normalizer)]
        parts += [f"bs:{self.n_bootstrap}", f"seed:{self.seed}", f"nrefs:{len(self.references)}"]
        return "|".join(parts)

    def _score_one(
        self,
        name: str,
        hyps: Sequence[str],
        confidence: bool,
        weights: Any,
    ) -> tuple[SystemResult, list[tuple[int, int, int, int, int]] | None, list[str] | None]:
        result = SystemResult(name)
        mentions: list[list[Mention]] | None = None
        normalized: list[str] | None = None
        changed: list[int] = []
        if self.normalizer is not None and self._norm_refs is not None:
            find = self.normalizer.find
            mentions = [find(text) for text in hyps]
            normalized = [apply_mentions(t, m) for t, m in zip(hyps, mentions, strict=True)]
            changed = [
                i for i in range(self.size) if self._ref_changed[i] or normalized[i] != hyps[i]
            ]
            result.changed_segments = len(changed)
        for key, metric in self.metrics.items():
            stats = metric.segment_statistics(hyps)
            score = metric.score_from_statistics(stats)
            item = MetricResult(score.name, float(score.score), detail=_detail(score))
            if confidence:
                item.mean, item.ci = _bootstrap_ci(metric, stats, self.n_bootstrap)
            if normalized is not None and self._norm_refs is not None:
                norm_stats = list(stats)
                if changed:
                    fresh = self._norm_metrics[key]
                    cache = self._norm_ref_cache[key]
                    fresh.sacrebleu._ref_cache = [cache[i] for i in changed]
                    sub = fresh.segment_statistics([normalized[i] for i in changed])
                    for i, row in zip(changed, sub, strict=True):
                        norm_stats[i] = row
                item.normalized = float(metric.score_from_statistics(norm_stats).score)
                if confidence:
                    item.normalized_mean, item.normalized_ci = _bootstrap_ci(
                        metric, norm_stats, self.n_bootstrap
                    )
            result.metrics[item.name] = item
        entity_stats = None
        if mentions is not None and self._ref_mentions is not None:
            entity_stats = [
                statistics_against(mentions[i], self._expected[i]) for i in range(self.size)
            ]
            result.entities = entity_scores(entity_stats, weights=weights, n_bootstrap=0)
        return result, entity_stats, normalized

    def _paired(
        self,
        report: ScoreReport,
        systems: Mapping[str, Sequence[str]],
        norm_hyps: Mapping[str, Sequence[str]],
        test: PairedTestType,
        baseline: str,
        n_samples: int,
    ) -> None:
        from sacrebleu.significance import PairedTest

        order = [baseline, *(name for name in systems if name != baseline)]
        variants: list[tuple[bool, Mapping[str, Sequence[str]], dict[str, Any]]] = [
            (False, systems, {_display_name(m): m.sacrebleu for m in self.metrics.values()}),
        ]
        if self._norm_refs is not None and norm_hyps:
            norm_metrics = {name: self._make(name, self._norm_refs) for name in self.metric_names}
            variants.append(
                (True, norm_hyps, {_display_name(m): m.sacrebleu for m in norm_metrics.values()})
            )
        by_name = {result.name: result for result in report.systems}
        for normalized, texts, metrics in variants:
            test_run = PairedTest(
                [(name, texts[name]) for name in order],
                metrics,
                references=None,
                test_type=test,
                n_samples=n_samples,
            )
            scores: dict[str, list[Any]] = test_run()[1]
            for metric_name, column in scores.items():
                if metric_name == "System":
                    continue
                for name, outcome in zip(order, column, strict=True):
                    item = by_name[name].metrics[metric_name]
                    if normalized:
                        item.normalized_mean = outcome.mean
                        item.normalized_ci = outcome.ci
                        item.normalized_p_value = outcome.p_value
                    else:
                        item.mean, item.ci, item.p_value = outcome.mean, outcome.ci, outcome.p_value
        report.baseline = baseline
        report.test = test
        report.n_samples = n_samples or (1000 if test == "bs" else 10000)

    def sentence_scores(self, systems: Mapping[str, Sequence[str]]) -> SentenceReport:
        """Return one score per segment, system and metric (BLEU with effective order).

        Each figure equals sacrebleu's ``sentence_score`` for the segment.
        """
        self._check(systems)
        metrics = {
            name: self._make(name, self.references, effective_order=True)
            for name in self.metric_names
        }
        norm_metrics = (
            {
                name: self._make(name, self._norm_refs, effective_order=True)
                for name in self.metric_names
            }
            if self._norm_refs is not None
            else {}
        )
        scores: dict[str, dict[str, list[float]]] = {}
        normalized: dict[str, dict[str, list[float]]] = {}
        for system, hyps in systems.items():
            scores[system] = {
                _display_name(m): _per_segment(m, m.segment_statistics(hyps))
                for m in metrics.values()
            }
            if self.normalizer is not None:
                find = self.normalizer.find
                texts = [apply_mentions(t, find(t)) for t in hyps]
                normalized[system] = {
                    _display_name(m): _per_segment(m, m.segment_statistics(texts))
                    for m in norm_metrics.values()
                }
        signatures = {_display_name(m): m.get_signature() for m in metrics.values()}
        return SentenceReport(scores, normalized, signatures)


def _per_segment(metric: Metric, stats: Sequence[Any]) -> list[float]:
    return [float(metric.score_from_statistics([row]).score) for row in stats]


def _display_name(metric: Metric) -> str:
    sacre = metric.sacrebleu
    if metric.name == "chrF":
        return f"chrF{sacre.beta}" + "+" * int(sacre.word_order)
    return metric.name


def _detail(score: Any) -> str:
    text: str = score.format(width=2)
    return text.split(" = ", 1)[-1]


def _bootstrap_ci(metric: Metric, stats: Sequence[Any], n: int) -> tuple[float, float]:
    from sacrebleu.significance import _bootstrap_resample, estimate_ci

    _, samples = _bootstrap_resample(list(stats), metric.sacrebleu, max(n, 1))
    import numpy as np

    mean, ci = estimate_ci(np.array([s.score for s in samples]))
    return float(mean), float(ci)


def _with_p(scores: EntityScores, p_value: float) -> EntityScores:
    from dataclasses import replace

    return replace(scores, f1_p_value=p_value)
