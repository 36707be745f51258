"""Scoring on the cluster: each range of segments' statistics on the workers, the report
on the client, aggregated in segment order with sacrebleu's own code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from normtk.dask.cluster import PARTITION_SEGMENTS, compute, require
from normtk.dask.normalize import NormalizeOptions
from normtk.dask.workers import Failed, GazetteerSpec
from normtk.errors import NormtkError

if TYPE_CHECKING:
    import dask.bag as db
    from distributed import Client

    from normtk.io.corpus import Corpus
    from normtk.normalize import Normalizer
    from normtk.score.results import PairedTestType, ScoreReport, SystemStatistics


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """What a worker needs to compute a scorer's per-segment statistics."""

    metrics: tuple[str, ...] = ("bleu", "chrf")
    gazetteer: GazetteerSpec | None = None  # with one, entities are normalized
    lang: str = "en"
    style: str | None = None
    lowercase: bool = False
    tokenize: str | None = None
    n_bootstrap: int = 1000
    seed: int = 12345

    def normalizer(self) -> Normalizer | None:
        """Return this worker's normalizer for entity scoring (built once), or ``None``."""
        if self.gazetteer is None:
            return None
        return NormalizeOptions(self.gazetteer, self.lang, self.style).normalizer()


def _segment_statistics(
    segments: Sequence[tuple[tuple[str, ...], dict[str, str]]], options: ScoreOptions
) -> list[dict[str, SystemStatistics]]:
    """Return the statistics of a range of segments ``(refs, {system: hyp})``, per system."""
    from normtk.score.scorer import Scorer

    if not segments:
        return []
    refs = [list(stream) for stream in zip(*(refs for refs, _ in segments), strict=True)]
    systems = list(segments[0][1])
    try:
        scorer = Scorer(
            refs, options.metrics, normalizer=options.normalizer(), **_scorer_kwargs(options)
        )
        return [
            {name: scorer.system_statistics([h[name] for _, h in segments]) for name in systems}
        ]
    except NormtkError as exc:
        return [Failed(str(exc), exc.exit_code)]  # type: ignore[list-item]


def statistics_bag(segments: db.Bag, options: ScoreOptions) -> db.Bag:
    """Map a bag of segments ``(refs, {system: hyp})`` to one ``{system: SystemStatistics}``
    per partition, in partition order: :func:`~normtk.score.results.concatenate` them."""
    require()
    return segments.map_partitions(_segment_statistics, options)


def score_corpus(
    client: Client,
    corpus: Corpus,
    options: ScoreOptions,
    normalizer: Normalizer | None = None,
    *,
    confidence: bool = False,
    paired: PairedTestType | None = None,
    baseline: str | None = None,
    n_samples: int = 0,
    partition_segments: int = PARTITION_SEGMENTS,
) -> ScoreReport:
    """Score every system of ``corpus`` on the cluster: what ``Scorer.score`` gives locally.

    ``normalizer`` (the client's, for the signature and compliance) must match
    ``options`` (whose gazetteer the workers load).
    """
    import dask.bag as db

    from normtk.score.results import concatenate
    from normtk.score.scorer import Scorer

    scorer = Scorer(
        corpus.refs,
        options.metrics,
        normalizer=normalizer,
        prepare=False,
        **_scorer_kwargs(options),
    )
    scorer.check(corpus.hyps, paired, baseline)  # the local run's errors, before any work
    if len(corpus) == 0:  # nothing to spread: the local run
        local = Scorer(
            corpus.refs, options.metrics, normalizer=normalizer, **_scorer_kwargs(options)
        )
        return local.score(
            corpus.hyps,
            confidence=confidence,
            paired=paired,
            baseline=baseline,
            n_samples=n_samples,
        )
    segments = [
        (tuple(ref[i] for ref in corpus.refs), {name: hyp[i] for name, hyp in corpus.hyps.items()})
        for i in range(len(corpus))
    ]
    count = -(-len(segments) // max(1, partition_segments))
    bag = db.from_sequence(segments, npartitions=count)
    parts: list[dict[str, SystemStatistics]] = compute(client, statistics_bag(bag, options))
    statistics = {name: concatenate([p[name] for p in parts]) for name in corpus.systems}
    return scorer.report(
        statistics, confidence=confidence, paired=paired, baseline=baseline, n_samples=n_samples
    )


def _scorer_kwargs(options: ScoreOptions) -> dict[str, Any]:
    return {
        "lowercase": options.lowercase,
        "tokenize": options.tokenize,
        "n_bootstrap": options.n_bootstrap,
        "seed": options.seed,
    }
