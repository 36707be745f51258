"""Score several systems at once: corpus metrics in two views, and entity metrics.

A *view* is a way of reading the text. ``plain`` scores it as written;
``entities`` (with a normalizer) scores it with every entity name brought to
its one canonical form on both sides, whatever the house style, so Kiev and
Kyiv, or Zelensky and Zelenskyy, count as the same word. The normalizer's own
style only says which hypothesis mentions are in house style (compliance). Each view holds
its own reference statistics, computed once; each system's segment
statistics are computed once per view and serve the corpus score, the
bootstrap interval and the paired tests alike. The entity view reuses the
plain statistics of every segment that normalization left unchanged
(hypothesis and references), so it costs little more than the plain one and
equals scoring the normalized text from scratch.

>>> refs = [["Talks in Kyiv ended without a deal", "No names here"]]
>>> report = Scorer(refs, metrics=["bleu", "chrf"]).score({"a": refs[0]})
>>> round(report.systems[0].metrics["BLEU"].score, 6)
100.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from normtk.errors import InputError, UsageError
from normtk.score import _sacrebleu as sb
from normtk.score.entities import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    entity_scores,
    expected_counts,
    paired_bootstrap_f1,
    resample_weights,
    statistics_against,
)
from normtk.score.metrics import Metric, Signature, apply_mentions, make_metric, normtk_signature
from normtk.score.results import (
    VIEWS,
    EntityStats,
    Figure,
    PairedTestType,
    Progress,
    ScoreReport,
    SentenceReport,
    SystemResult,
    SystemStatistics,
    View,
    concatenate,
)

if TYPE_CHECKING:
    from normtk.normalize import Mention, Normalizer

# The results are defined in normtk.score.results; importable from here as before.
__all__ = [
    "VIEWS",
    "Figure",
    "PairedTestType",
    "Progress",
    "ScoreReport",
    "Scorer",
    "SentenceReport",
    "SystemResult",
    "SystemStatistics",
    "View",
    "concatenate",
]


@dataclass(slots=True)
class _View:
    """One view of the references: the texts and each metric's statistics of them."""

    name: View
    references: list[list[str]]
    metrics: dict[str, Metric]  # by display name, references cached
    changed: list[bool]  # per segment: does this view's text differ from the plain one?


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
        prepare: bool = True,
    ) -> None:
        """``prepare=False`` skips reading the references (their statistics, their
        entities): such a scorer only turns :class:`SystemStatistics` computed
        elsewhere into a report (:meth:`report`), as a cluster's client does."""
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
        plain_metrics = {}
        self._keys: dict[str, str] = {}  # display name (chrF2) -> metric name (chrf)
        self.prepared = prepare
        for name in self.metric_names:
            metric = self._make(name, self.references if prepare else None)
            if not prepare:
                sb.count_references(metric.sacrebleu, self.references)
            plain_metrics[_display_name(metric)] = metric
            self._keys[_display_name(metric)] = name
        self._views = [_View("plain", self.references, plain_metrics, [False] * self.size)]
        self._ref_mentions: list[list[list[Mention]]] = []
        self._expected: list[Counter[str]] = []
        self._canonical: Normalizer | None = None
        if normalizer is not None:
            from normtk.normalize import Normalizer

            self._canonical = Normalizer(normalizer.gazetteer, normalizer.lang, canonical=True)
            if prepare:
                self._views.append(self._entity_view(self._canonical))
            else:
                self._views.append(_View("entities", [], plain_metrics, []))

    def _entity_view(self, canonical: Normalizer) -> _View:
        """Normalize the references once; re-cache only the segments that changed."""
        find = canonical.find
        self._ref_mentions = [[find(text) for text in stream] for stream in self.references]
        normalized = [
            [apply_mentions(t, m) for t, m in zip(stream, mentions, strict=True)]
            for stream, mentions in zip(self.references, self._ref_mentions, strict=True)
        ]
        changed = [
            any(
                plain[i] != norm[i] for plain, norm in zip(self.references, normalized, strict=True)
            )
            for i in range(self.size)
        ]
        self._expected = [
            expected_counts([refs[i] for refs in self._ref_mentions]) for i in range(self.size)
        ]
        indices = [i for i in range(self.size) if changed[i]]
        metrics = {}
        for display, plain in self._views[0].metrics.items():
            fresh = self._make(self._keys[display], None)
            cache = list(sb.reference_cache(plain.sacrebleu))
            if indices:
                streams = [[stream[i] for i in indices] for stream in normalized]
                for i, entry in zip(
                    indices, sb.cache_references(fresh.sacrebleu, streams), strict=True
                ):
                    cache[i] = entry
            sb.use_references(fresh.sacrebleu, cache)
            metrics[display] = fresh
        return _View("entities", normalized, metrics, changed)

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

    def signatures(self) -> dict[View, dict[str, Signature]]:
        """Return each view's signature of each metric, keyed by its display name.

        sacrebleu's part is the same in both views; normtk's says how entities were read.
        """
        out: dict[View, dict[str, Signature]] = {}
        for view in self._views:
            part = normtk_signature(self.normalizer if view.name == "entities" else None)
            out[view.name] = {}
            for display, metric in self._views[0].metrics.items():
                sig = metric.sacrebleu.get_signature()
                out[view.name][display] = Signature(sig.format(), sig.format(short=True), part)
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
        self.check(systems, paired, baseline)
        statistics: dict[str, SystemStatistics] = {}
        for number, (name, hyps) in enumerate(systems.items(), start=1):
            if progress is not None:
                progress(f"scoring {name} ({number}/{len(systems)})")
            statistics[name] = self.system_statistics(hyps)
        return self.report(
            statistics,
            confidence=confidence,
            paired=paired,
            baseline=baseline,
            n_samples=n_samples,
            progress=progress,
        )

    def check(
        self,
        systems: Mapping[str, Sequence[str]],
        paired: PairedTestType | None = None,
        baseline: str | None = None,
    ) -> None:
        """Raise the error :meth:`score` would raise for these systems and test, if any."""
        self._check(systems)
        self._check_paired(list(systems), paired, baseline)

    def _check_paired(
        self, systems: Sequence[str], paired: PairedTestType | None, baseline: str | None
    ) -> None:
        if paired is None:
            return
        if baseline is None:
            msg = "a paired test needs a baseline system"
            raise UsageError(msg)
        if baseline not in systems:
            msg = f"baseline {baseline!r} is not among the systems ({', '.join(systems)})"
            raise UsageError(msg)
        if len(systems) < 2:
            msg = "a paired test needs at least one system besides the baseline"
            raise UsageError(msg)

    def system_statistics(self, hyps: Sequence[str]) -> SystemStatistics:
        """Return one system's per-segment statistics in every view (and its entity counts)."""
        if not self.prepared:
            msg = "this scorer only reports statistics computed elsewhere (prepare=False)"
            raise UsageError(msg)
        if len(hyps) != self.size:
            msg = f"{len(hyps)} segments given, the references have {self.size}"
            raise InputError(msg)
        texts, mentions = self._texts(hyps)
        views: dict[View, dict[str, sb.Stats]] = {}
        plain_stats: dict[str, sb.Stats] = {}
        for view in self._views:
            views[view.name] = self._statistics(view, texts, plain_stats)
            plain_stats = plain_stats or views[view.name]
        if mentions is None:
            return SystemStatistics(views)
        changed = sum(
            1
            for i in range(self.size)
            if self._views[1].changed[i] or texts["entities"][i] != hyps[i]
        )
        in_style = self.normalizer.in_style if self.normalizer is not None else None
        entities = [
            statistics_against(found, self._expected[i], in_style)
            for i, found in enumerate(mentions)
        ]
        return SystemStatistics(views, entities, changed)

    def report(
        self,
        statistics: Mapping[str, SystemStatistics],
        *,
        confidence: bool = False,
        paired: PairedTestType | None = None,
        baseline: str | None = None,
        n_samples: int = 0,
        progress: Progress | None = None,
    ) -> ScoreReport:
        """Turn each system's statistics (from :meth:`system_statistics`) into the report.

        The options are :meth:`score`'s; the figures are the same whether the
        statistics were computed here or, range by range, elsewhere.
        """
        if not statistics:
            msg = "no systems to score"
            raise UsageError(msg)
        self._check_paired(list(statistics), paired, baseline)
        for name, own in statistics.items():
            sizes = {len(rows) for metrics in own.views.values() for rows in metrics.values()}
            if sizes != {self.size}:
                msg = f"system {name} has statistics of {sorted(sizes)} segments, not {self.size}"
                raise InputError(msg)
        weights = None
        if self.normalizer is not None and self.n_bootstrap > 0 and self.size > 0:
            weights = resample_weights(self.size, self.n_bootstrap, self.seed)
        results: list[SystemResult] = []
        # stats[view][metric][system]: what the paired tests resample.
        stats: dict[View, dict[str, dict[str, sb.Stats]]] = {
            view.name: {display: {} for display in view.metrics} for view in self._views
        }
        entity_stats: dict[str, EntityStats] = {}
        for name, own in statistics.items():
            result = SystemResult(name)
            for view in self._views:
                result.views[view.name] = {}
                for display, metric in view.metrics.items():
                    stats[view.name][display][name] = own.views[view.name][display]
                    result.views[view.name][display] = self._figure(
                        metric, own.views[view.name][display], confidence
                    )
            if own.entities is not None and self.normalizer is not None:
                result.changed_segments = own.changed_segments
                entity_stats[name] = own.entities
                result.entities = entity_scores(own.entities, weights=weights, n_bootstrap=0)
            results.append(result)
        report = ScoreReport(results, self.signatures(), self._entity_signature())
        report.statistics = stats
        if paired is not None and baseline is not None:
            if progress is not None:
                progress(f"paired test ({paired}) against {baseline}")
            self._paired(report, stats, paired, baseline, n_samples)
            for result in results:
                if result.name != baseline and result.entities is not None:
                    p = paired_bootstrap_f1(
                        entity_stats[baseline], entity_stats[result.name], weights=weights
                    )
                    result.entities = replace(result.entities, f1_p_value=p)
        return report

    def _texts(
        self, hyps: Sequence[str]
    ) -> tuple[dict[View, list[str]], list[list[Mention]] | None]:
        """Return a system's text in each view, and its entity mentions (found once)."""
        texts: dict[View, list[str]] = {"plain": list(hyps)}
        if self._canonical is None:
            return texts, None
        find = self._canonical.find
        mentions = [find(text) for text in hyps]
        texts["entities"] = [apply_mentions(t, m) for t, m in zip(hyps, mentions, strict=True)]
        return texts, mentions

    def _statistics(
        self, view: _View, texts: Mapping[View, list[str]], plain: Mapping[str, sb.Stats]
    ) -> dict[str, sb.Stats]:
        """Return each metric's segment statistics for a system in ``view``.

        In the entity view only the segments that normalization changed (on
        either side) are processed again; the others share the ``plain`` rows.
        """
        if view.name == "plain":
            return {d: sb.statistics(m.sacrebleu, texts["plain"]) for d, m in view.metrics.items()}
        written, normalized = texts["plain"], texts[view.name]
        changed = [i for i in range(self.size) if view.changed[i] or normalized[i] != written[i]]
        out = {}
        for display, metric in view.metrics.items():
            rows = list(plain[display])
            if changed:
                cache = sb.reference_cache(metric.sacrebleu)
                sb.use_references(metric.sacrebleu, [cache[i] for i in changed])
                try:
                    fresh = sb.statistics(metric.sacrebleu, [normalized[i] for i in changed])
                finally:
                    sb.use_references(metric.sacrebleu, cache)
                for i, row in zip(changed, fresh, strict=True):
                    rows[i] = row
            out[display] = rows
        return out

    def _figure(self, metric: Metric, stats: sb.Stats, confidence: bool) -> Figure:
        score = sb.corpus_score(metric.sacrebleu, stats)
        figure = Figure(float(score.score), _detail(score))
        if confidence:
            figure.mean, figure.ci = sb.bootstrap_interval(
                metric.sacrebleu, stats, self.n_bootstrap
            )
        return figure

    def _entity_signature(self) -> str | None:
        if self.normalizer is None:
            return None
        parts = [f"{name}:{value}" for name, _, value in normtk_signature(self.normalizer)]
        parts += [f"bs:{self.n_bootstrap}", f"seed:{self.seed}", f"nrefs:{len(self.references)}"]
        return "|".join(parts)

    def _paired(
        self,
        report: ScoreReport,
        stats: Mapping[View, Mapping[str, Mapping[str, sb.Stats]]],
        test: PairedTestType,
        baseline: str,
        n_samples: int,
    ) -> None:
        order = [baseline, *(r.name for r in report.systems if r.name != baseline)]
        by_name = {result.name: result for result in report.systems}
        for view in self._views:
            metrics = {d: m.sacrebleu for d, m in view.metrics.items()}
            outcomes = sb.paired_test(test, order, metrics, stats[view.name], n_samples)
            for display, column in outcomes.items():
                for name, outcome in zip(order, column, strict=True):
                    figure = by_name[name].views[view.name][display]
                    figure.mean, figure.ci, figure.p_value = (
                        outcome.mean,
                        outcome.ci,
                        outcome.p_value,
                    )
        report.baseline = baseline
        report.test = test
        report.n_samples = n_samples or (1000 if test == "bs" else 10000)

    def subset_score(
        self,
        report: ScoreReport,
        system: str,
        metric: str,
        indices: Sequence[int],
        view: View = "plain",
    ) -> float:
        """Return ``metric``'s corpus score of ``system`` over the segments ``indices``.

        ``metric`` is a display name of ``report`` (``BLEU``, ``chrF2``); the
        figure sums the segment statistics ``report`` was computed from, so for
        every segment it equals the corpus score and for one segment chrF's
        sentence score (BLEU's sentence score uses the effective order instead).
        """
        try:
            rows = report.statistics[view][metric][system]
            scorer = next(v for v in self._views if v.name == view).metrics[metric]
        except (KeyError, StopIteration):
            msg = f"no {view} statistics of {metric} for system {system!r} in the report"
            raise UsageError(msg) from None
        return float(sb.corpus_score(scorer.sacrebleu, [rows[i] for i in indices]).score)

    def sentence_scores(self, systems: Mapping[str, Sequence[str]]) -> SentenceReport:
        """Return one score per segment, system, metric and view (BLEU with effective order).

        Each figure equals sacrebleu's ``sentence_score`` for the segment.
        """
        if not self.prepared:
            msg = "this scorer only reports statistics computed elsewhere (prepare=False)"
            raise UsageError(msg)
        self._check(systems)
        texts = {system: self._texts(hyps)[0] for system, hyps in systems.items()}
        scores: dict[View, dict[str, dict[str, list[float]]]] = {}
        signatures: dict[str, Signature] = {}
        for view in self._views:
            metrics = {
                name: self._make(name, view.references, effective_order=True)
                for name in self.metric_names
            }
            scores[view.name] = {}
            for system, views in texts.items():
                scores[view.name][system] = {
                    _display_name(m): _per_segment(m, sb.statistics(m.sacrebleu, views[view.name]))
                    for m in metrics.values()
                }
            if view.name == "plain":
                signatures = {_display_name(m): m.get_signature() for m in metrics.values()}
        return SentenceReport(scores, signatures)


def _per_segment(metric: Metric, stats: sb.Stats) -> list[float]:
    return [float(sb.corpus_score(metric.sacrebleu, [row]).score) for row in stats]


def _display_name(metric: Metric) -> str:
    sacre = metric.sacrebleu
    if metric.name == "chrF":
        return f"chrF{sacre.beta}" + "+" * int(sacre.word_order)
    return metric.name


def _detail(score: Any) -> str:
    text: str = score.format(width=2)
    return text.split(" = ", 1)[-1]
