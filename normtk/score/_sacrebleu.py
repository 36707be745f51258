"""The one place that uses sacrebleu's internals (its sufficient statistics and tests).

normtk scores many systems and two views of each (plain and entity-normalized)
against the same references, so it computes each segment's sufficient
statistics once and reuses them: for the corpus score, the bootstrap
interval and the paired tests. sacrebleu's public API recomputes them from
text every time; the private methods below are what its own command line
uses. They are listed in :data:`PRIVATE_API`, a test checks that every one
exists in the installed sacrebleu, and pyproject.toml pins the range of
sacrebleu releases this was tested with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# (module, name, attribute) that this module relies on.
PRIVATE_API: tuple[tuple[str, str, str], ...] = (
    ("sacrebleu.metrics.base", "Metric", "_extract_corpus_statistics"),
    ("sacrebleu.metrics.base", "Metric", "_aggregate_and_compute"),
    ("sacrebleu.metrics.base", "Metric", "_compute_score_from_stats"),
    ("sacrebleu.metrics.base", "Metric", "_cache_references"),
    ("sacrebleu.metrics.base", "Metric", "_ref_cache"),
    ("sacrebleu.metrics.base", "Metric", "num_refs"),
    ("sacrebleu.significance", "", "_bootstrap_resample"),
    ("sacrebleu.significance", "", "_compute_p_value"),
    ("sacrebleu.significance", "", "estimate_ci"),
    ("sacrebleu.significance", "", "PairedTest"),
)

# Resamples summed at a time: bounds the memory of the count matrix.
_BLOCK = 64

Stats = list[Any]  # one row of sufficient statistics per segment


def cache_references(metric: Any, references: Sequence[Sequence[str]]) -> list[Any]:
    """Return the metric's per-segment reference cache for ``references`` (one list a stream)."""
    cache: list[Any] = metric._cache_references(references)
    return cache


def count_references(metric: Any, references: Sequence[Sequence[str | None]]) -> None:
    """Tell the metric how many references each segment has, as caching them would.

    The signature names the count (``nrefs``: the one count, or ``var``); a
    metric that only aggregates statistics computed elsewhere needs it too.
    """
    counts = {sum(ref is not None for ref in refs) for refs in zip(*references, strict=True)}
    metric.num_refs = counts.pop() if len(counts) == 1 else -1


def reference_cache(metric: Any) -> list[Any]:
    """Return the reference cache the metric scores against."""
    cache: list[Any] = metric._ref_cache
    return cache


def use_references(metric: Any, cache: list[Any]) -> None:
    """Make the metric score against a reference cache (from :func:`cache_references`)."""
    metric._ref_cache = cache


def statistics(metric: Any, hypotheses: Sequence[str]) -> Stats:
    """Return the sufficient statistics of each hypothesis against the cached references."""
    stats: Stats = metric._extract_corpus_statistics(hypotheses, None)
    return stats


def corpus_score(metric: Any, stats: Sequence[Any]) -> Any:
    """Return sacrebleu's score object for the sum of per-segment statistics."""
    return metric._aggregate_and_compute(list(stats))


def bootstrap_interval(metric: Any, stats: Sequence[Any], n_samples: int) -> tuple[float, float]:
    """Return sacrebleu's bootstrap mean and 95% half-width for ``stats``."""
    import numpy as np
    from sacrebleu.significance import _bootstrap_resample, estimate_ci

    _, samples = _bootstrap_resample(list(stats), metric, max(n_samples, 1))
    mean, ci = estimate_ci(np.array([s.score for s in samples]))
    return float(mean), float(ci)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One system's result in a paired test of one metric."""

    score: float
    mean: float | None
    ci: float | None
    p_value: float | None


class _Named:
    """What sacrebleu's paired test takes for a system's outputs: only their count is read."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = size

    def __len__(self) -> int:
        return self.size


class _Precomputed:
    """A sacrebleu metric that hands out statistics computed beforehand instead of text's."""

    def __init__(self, metric: Any, stats: Mapping[str, Stats]) -> None:
        self._metric = metric
        self._stats = stats

    def _extract_corpus_statistics(self, hypotheses: _Named, _references: object) -> Stats:
        return self._stats[hypotheses.name]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._metric, name)


def paired_test(
    test: str,
    order: Sequence[str],
    metrics: Mapping[str, Any],
    stats: Mapping[str, Mapping[str, Stats]],
    n_samples: int,
) -> dict[str, list[Outcome]]:
    """Run sacrebleu's paired test (``bs`` or ``ar``) on statistics already computed.

    ``order`` starts with the baseline; ``metrics`` are sacrebleu metrics by
    display name and ``stats[name][system]`` their statistics. Returns, per
    metric, one :class:`Outcome` per system in ``order``: exactly what
    sacrebleu's ``PairedTest`` gives for the same texts.
    """
    seed = _seed()
    if test == "bs" and seed:
        fast = {}
        for name, metric in metrics.items():
            outcomes = _paired_bootstrap(metric, [stats[name][s] for s in order], n_samples, seed)
            if outcomes is None:
                break
            fast[name] = outcomes
        else:
            return fast
    return _sacrebleu_paired_test(test, order, metrics, stats, n_samples)


def _seed() -> int | None:
    """Return the seed sacrebleu's tests use (``$SACREBLEU_SEED``, 12345 by default)."""
    import os

    seed = os.environ.get("SACREBLEU_SEED", "12345")
    return None if seed.lower() == "none" else int(seed)


def _paired_bootstrap(
    metric: Any, systems: Sequence[Stats], n_samples: int, seed: int
) -> list[Outcome] | None:
    """Return what sacrebleu's paired bootstrap gives, resampling sums rather than rows.

    sacrebleu draws the same resamples for every system (one seed), gathers
    each resample's rows in float32 and sums them. Here each resample is a
    count per segment, its sums one matrix product, and the baseline's
    resampled scores are computed once. When every statistic is an integer
    and every sum stays below 2**24, float32 holds each sum exactly, however
    it is added up, so the scores are sacrebleu's to the last bit; otherwise
    this returns ``None`` and sacrebleu's own test runs.
    """
    import numpy as np
    from sacrebleu.significance import _compute_p_value, estimate_ci

    n_samples = n_samples or 1000
    arrays = [np.asarray(s, dtype=np.float64) for s in systems]
    size = len(arrays[0])
    if size == 0 or any(a.ndim != 2 or a.shape != arrays[0].shape for a in arrays):
        return None
    if any(
        not np.array_equal(a, np.round(a)) or np.abs(a).sum(axis=0).max() >= 2**24 for a in arrays
    ):
        return None
    # Integer sums: exact, and numpy's integer product runs in this thread (a BLAS
    # float product starts threads that cost more than they save on this size).
    integers = [a.astype(np.int64) for a in arrays]
    draws = np.random.default_rng(seed).choice(size, size=(n_samples, size), replace=True)
    sampled: list[list[float]] = [[] for _ in arrays]
    for start in range(0, n_samples, _BLOCK):
        block = draws[start : start + _BLOCK]
        rows = np.arange(len(block))[:, None] * size
        counts = np.bincount((block + rows).ravel(), minlength=len(block) * size)
        counts = counts.reshape(len(block), size)
        for scores, array in zip(sampled, integers, strict=True):
            for summed in (counts @ array).astype(np.float32):
                scores.append(metric._compute_score_from_stats(summed).score)
    baseline_scores = np.array(sampled[0])
    baseline = metric._aggregate_and_compute(list(systems[0]))
    mean, ci = estimate_ci(baseline_scores)
    outcomes = [Outcome(baseline.score, mean, ci, None)]
    for stats, scores in zip(systems[1:], sampled[1:], strict=True):
        score = metric._aggregate_and_compute(list(stats))
        system_scores = np.array(scores)
        mean, ci = estimate_ci(system_scores)
        diffs = np.abs(system_scores - baseline_scores)
        p_value = _compute_p_value(diffs - diffs.mean(), abs(baseline.score - score.score))
        outcomes.append(Outcome(score.score, mean, ci, p_value))
    return outcomes


def _sacrebleu_paired_test(
    test: str,
    order: Sequence[str],
    metrics: Mapping[str, Any],
    stats: Mapping[str, Mapping[str, Stats]],
    n_samples: int,
) -> dict[str, list[Outcome]]:
    """Run sacrebleu's ``PairedTest`` itself, handing it the statistics computed before."""
    from sacrebleu.significance import PairedTest

    size = len(next(iter(stats.values()))[order[0]])
    systems: Any = [(name, _Named(name, size)) for name in order]
    precomputed: Any = {name: _Precomputed(metric, stats[name]) for name, metric in metrics.items()}
    run = PairedTest(systems, precomputed, references=None, test_type=test, n_samples=n_samples)
    columns: dict[str, list[Any]] = run()[1]
    return {
        name: [Outcome(r.score, r.mean, r.ci, r.p_value) for r in column]
        for name, column in columns.items()
        if name != "System"
    }
