"""Entity metrics: precision, recall and F1 by entity id, house-style compliance, significance.

Mentions come from :meth:`normtk.normalize.Normalizer.find`. Per segment, the
hypothesis' entity ids (a multiset) are matched against the reference's, so
"Kiev" in the output and "Kyiv" in the reference are the same entity
``kyiv``: the metric is variant-tolerant by construction. An ambiguous mention
the gazetteer cannot resolve counts under the set of its candidates, and so
matches the same ambiguous mention on the other side. With several
references, each entity's expected count is its largest count in any
reference (as BLEU clips n-grams).

Compliance is the share of resolved hypothesis mentions already written in
the house style (those the normalizer would not rewrite).

Confidence intervals come from bootstrap resampling of segments (95%,
sacrebleu's percentile convention), and the entity-F1 significance test is a
paired bootstrap (the Moses / sacrebleu ``--paired-bs`` procedure) on the same
resamples for baseline and system. Both are seeded and reproducible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from normtk.normalize import Mention

    FloatArray = npt.NDArray[np.float64]

DEFAULT_SEED = 12345
DEFAULT_RESAMPLES = 1000

# Columns of the per-segment statistics.
_TP, _HYP, _REF, _INSTYLE, _RESOLVED = range(5)


def entity_key(mention: Mention) -> str:
    """Return the id a mention counts under: its entity, or ``a|b`` for its candidates."""
    if mention.entity_id is not None:
        return mention.entity_id
    return "|".join(sorted(mention.candidates))


def segment_statistics(
    hypothesis: Sequence[Mention], references: Sequence[Sequence[Mention]]
) -> tuple[int, int, int, int, int]:
    """Return (matched, hypothesis mentions, reference mentions, in style, resolved).

    >>> from normtk import Gazetteer, Normalizer
    >>> n = Normalizer(Gazetteer.load(), lang="en")
    >>> segment_statistics(n.find("Kiev and Kiev"), [n.find("Kyiv")])
    (1, 2, 1, 0, 2)
    """
    return statistics_against(hypothesis, expected_counts(references))


def expected_counts(references: Sequence[Sequence[Mention]]) -> Counter[str]:
    """Return each entity's expected count in a segment: its most in any one reference."""
    expected: Counter[str] = Counter()
    for ref in references:
        if ref:
            expected |= Counter(entity_key(m) for m in ref)
    return expected


def statistics_against(
    hypothesis: Sequence[Mention],
    expected: Counter[str],
    in_style: Callable[[Mention], bool] | None = None,
) -> tuple[int, int, int, int, int]:
    """Return :func:`segment_statistics` given the references' :func:`expected_counts`.

    ``in_style`` tells whether a mention is written in house style (by default:
    the normalizer that found it would not rewrite it).
    """
    if not hypothesis:
        return (0, 0, sum(expected.values()), 0, 0)
    hyp = Counter(entity_key(m) for m in hypothesis)
    matched = sum((hyp & expected).values())
    resolved = [m for m in hypothesis if m.entity_id is not None]
    styled = in_style or (lambda m: m.replacement is None)
    count = sum(1 for m in resolved if styled(m))
    return (matched, len(hypothesis), sum(expected.values()), count, len(resolved))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A corpus-level figure (0-100) with its bootstrap 95% interval ``low``–``high``.

    ``value`` is ``None`` when undefined (no mentions to divide by).
    """

    value: float | None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class EntityScores:
    """Entity metrics of one system against the references (percentages)."""

    precision: Estimate
    recall: Estimate
    f1: Estimate
    compliance: Estimate
    matched: int
    hypothesis_mentions: int
    reference_mentions: int
    in_style: int
    resolved: int
    f1_p_value: float | None = None


def _ratios(sums: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Return precision, recall, F1 and compliance (percent) for rows of summed statistics."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        tp, hyp, ref = sums[..., _TP], sums[..., _HYP], sums[..., _REF]
        precision = np.where(hyp > 0, 100.0 * tp / hyp, np.nan)
        recall = np.where(ref > 0, 100.0 * tp / ref, np.nan)
        f1 = np.where((precision + recall) > 0, 2 * precision * recall / (precision + recall), 0.0)
        f1 = np.where(np.isnan(precision) | np.isnan(recall), np.nan, f1)
        compliance = np.where(
            sums[..., _RESOLVED] > 0, 100.0 * sums[..., _INSTYLE] / sums[..., _RESOLVED], np.nan
        )
    return precision, recall, f1, compliance


def _value(x: float) -> float | None:
    import math

    return None if math.isnan(x) else float(x)


def _interval(samples: FloatArray) -> tuple[float | None, float | None]:
    import numpy as np

    kept = np.sort(samples[~np.isnan(samples)])
    if kept.size == 0:
        return None, None
    lower = kept.size // 40
    return float(kept[lower]), float(kept[kept.size - lower - 1])


def resample_weights(n_segments: int, n_samples: int, seed: int) -> FloatArray:
    """Return how often each segment is drawn in each of ``n_samples`` bootstrap resamples.

    Row ``k`` counts the segments of resample ``k``, drawn with replacement as
    sacrebleu draws them (``numpy.random.default_rng(seed).choice``); the
    statistics of a resample are then one matrix product away.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    indices = rng.choice(n_segments, size=(n_samples, n_segments), replace=True)
    flat = indices + np.arange(n_samples)[:, None] * n_segments
    counts = np.bincount(flat.ravel(), minlength=n_samples * n_segments)
    return counts.reshape(n_samples, n_segments).astype(np.float64)


def entity_scores(
    stats: Sequence[tuple[int, int, int, int, int]],
    n_bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    weights: FloatArray | None = None,
) -> EntityScores:
    """Return corpus entity metrics from per-segment statistics, with bootstrap intervals.

    ``n_bootstrap`` = 0 skips the intervals. ``weights`` (from
    :func:`resample_weights`) overrides ``n_bootstrap`` and ``seed``, so several
    systems can share resamples.
    """
    import numpy as np

    array = np.asarray(stats, dtype=np.float64).reshape(-1, 5)
    totals = array.sum(axis=0)
    point = [_value(float(x)) for x in _ratios(totals)]
    bounds: list[tuple[float | None, float | None]] = [(None, None)] * 4
    if weights is None and n_bootstrap > 0 and len(array) > 0:
        weights = resample_weights(len(array), n_bootstrap, seed)
    if weights is not None:
        sums = weights @ array
        bounds = [_interval(samples) for samples in _ratios(sums)]
    estimates = [Estimate(v, lo, hi) for v, (lo, hi) in zip(point, bounds, strict=True)]
    return EntityScores(
        precision=estimates[0],
        recall=estimates[1],
        f1=estimates[2],
        compliance=estimates[3],
        matched=int(totals[_TP]),
        hypothesis_mentions=int(totals[_HYP]),
        reference_mentions=int(totals[_REF]),
        in_style=int(totals[_INSTYLE]),
        resolved=int(totals[_RESOLVED]),
    )


def paired_bootstrap_f1(
    baseline: Sequence[tuple[int, int, int, int, int]],
    system: Sequence[tuple[int, int, int, int, int]],
    n_samples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    weights: FloatArray | None = None,
) -> float:
    """Return the p-value of the entity-F1 difference between ``system`` and ``baseline``.

    Paired bootstrap resampling as sacrebleu does it for BLEU: both systems are
    scored on the same resampled segment sets; the p-value is the share of
    centred resampled differences at least as large as the observed one
    (with sacrebleu's +1 correction).
    """
    import numpy as np

    base = np.asarray(baseline, dtype=np.float64).reshape(-1, 5)
    other = np.asarray(system, dtype=np.float64).reshape(-1, 5)
    if base.shape != other.shape:
        msg = f"baseline has {len(base)} segments, the system {len(other)}"
        raise ValueError(msg)
    if weights is None:
        weights = resample_weights(len(base), n_samples, seed)
    real = abs(_ratios(base.sum(axis=0))[2] - _ratios(other.sum(axis=0))[2])
    if np.isnan(real):
        return float("nan")
    diffs = np.abs(_ratios(weights @ other)[2] - _ratios(weights @ base)[2])
    diffs = diffs[~np.isnan(diffs)]
    centred = diffs - diffs.mean()
    return float((np.sum(centred > real) + 1) / (len(centred) + 1))
