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
    ("sacrebleu.significance", "", "_bootstrap_resample"),
    ("sacrebleu.significance", "", "estimate_ci"),
    ("sacrebleu.significance", "", "PairedTest"),
)

Stats = list[Any]  # one row of sufficient statistics per segment


def cache_references(metric: Any, references: Sequence[Sequence[str]]) -> list[Any]:
    """Return the metric's per-segment reference cache for ``references`` (one list a stream)."""
    cache: list[Any] = metric._cache_references(references)
    return cache


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
