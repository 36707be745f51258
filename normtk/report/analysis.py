"""The figures of a report: scores, compare-mt-style breakdowns, examples and findings.

Everything here is computed from what :class:`~normtk.score.Scorer` and
:class:`~normtk.qa.Checker` return, so the report's figures are those of
``normtk score`` and ``normtk check`` for the same options. The breakdowns
follow compare-mt (Neubig et al., 2019): corpus scores by reference length
bucket (summed from the segment statistics of the corpus score, so each is an
exact corpus score of its bucket), segments by sentence-chrF bucket, word
precision / recall / F-measure by the word's frequency in the reference, and
the n-grams of the reference that one system matches more often than another
(compare-mt's smoothed ratio ``(a + 1) / (a + b + 2)``). Words are sacrebleu's
13a tokens of the first reference.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import Corpus
    from normtk.qa.findings import Finding, Summary
    from normtk.score.results import ScoreReport
    from normtk.score.scorer import Scorer

Progress = Callable[[str], None]

#: Reference length (13a tokens) cut-offs of the length buckets: compare-mt's defaults.
LENGTH_CUTOFFS: tuple[int, ...] = (10, 20, 30, 40, 50, 60)
#: Sentence-chrF cut-offs of the sentence-score buckets.
SCORE_CUTOFFS: tuple[int, ...] = (10, 20, 30, 40, 50, 60, 70, 80, 90)
#: Reference frequency cut-offs of the word buckets: compare-mt's defaults (0: not in the ref).
FREQUENCY_CUTOFFS: tuple[int, ...] = (1, 2, 3, 4, 5, 10, 100, 1000)
#: The n-gram orders of the n-gram comparison.
NGRAM_ORDERS: tuple[int, ...] = (1, 2, 3, 4)
#: Finding kinds of the entity heat map, with the column name each is shown under.
ENTITY_KINDS: dict[str, str] = {
    "missing-entity": "dropped",
    "off-style": "misspelled",
    "added-entity": "added",
}


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket: its label, and the segment indices (or the count) in it."""

    label: str
    indices: tuple[int, ...] = ()


@dataclass(slots=True)
class WordBucket:
    """Word matches of one system in one frequency bucket."""

    label: str
    matched: int = 0
    hypothesis: int = 0
    reference: int = 0

    @property
    def precision(self) -> float | None:
        """Matched words / hypothesis words, in percent."""
        return 100.0 * self.matched / self.hypothesis if self.hypothesis else None

    @property
    def recall(self) -> float | None:
        """Matched words / reference words, in percent."""
        return 100.0 * self.matched / self.reference if self.reference else None

    @property
    def f_measure(self) -> float:
        """The harmonic mean of precision and recall (0 where either is undefined or 0)."""
        p, r = self.precision, self.recall
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class NgramRow:
    """An n-gram of the reference and how often each of two systems matches it."""

    ngram: str
    left: int
    right: int
    ratio: float


@dataclass(frozen=True, slots=True)
class NgramComparison:
    """The n-grams ``left`` matches more often than ``right``, and the reverse."""

    left: str
    right: str
    left_better: tuple[NgramRow, ...]
    right_better: tuple[NgramRow, ...]


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity's findings per system and kind: ``counts[system][kind]``."""

    entity: str
    name: str
    counts: Mapping[str, Mapping[str, int]]

    @property
    def total(self) -> int:
        """All findings about the entity, over systems and kinds."""
        return sum(sum(kinds.values()) for kinds in self.counts.values())


@dataclass(frozen=True, slots=True)
class Example:
    """A segment on which the systems' sentence chrF differ most."""

    index: int
    location: str
    spread: float
    chrf: Mapping[str, float]


@dataclass(slots=True)
class Analysis:
    """Every figure the report shows."""

    systems: list[str]
    score: ScoreReport
    sentence_metric: str
    sentence_chrf: dict[str, list[float]]
    length_buckets: list[Bucket]
    length_scores: dict[str, dict[str, list[float | None]]]  # metric -> system -> per bucket
    score_buckets: list[str]
    score_counts: dict[str, list[int]]  # system -> per bucket
    word_buckets: dict[str, list[WordBucket]]  # system -> per bucket
    ngrams: list[NgramComparison]
    entities: list[EntityRow]
    examples: list[Example]
    findings: list[Finding]
    summaries: list[Summary]
    editor: str
    options: dict[str, str] = field(default_factory=dict)


def _labels(cutoffs: Sequence[int], unit: str = "") -> list[str]:
    labels = [f"<{cutoffs[0]}{unit}"]
    for low, high in itertools.pairwise(cutoffs):
        labels.append(f"{low}{unit}" if high == low + 1 else f"{low}-{high - 1}{unit}")
    labels.append(f"≥{cutoffs[-1]}{unit}")
    return labels


def _bucket(value: float, cutoffs: Sequence[int]) -> int:
    for i, cutoff in enumerate(cutoffs):
        if value < cutoff:
            return i
    return len(cutoffs)


def tokenizer(lowercase: bool) -> Callable[[str], list[str]]:
    """Return sacrebleu's 13a tokenizer as a function to a token list (lower-cased if asked)."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    tokenize = Tokenizer13a()  # type: ignore[no-untyped-call]
    if lowercase:
        return lambda text: tokenize(text.lower()).split()
    return lambda text: tokenize(text).split()


def length_buckets(ref_tokens: Sequence[Sequence[str]]) -> list[Bucket]:
    """Bucket segments by the length of their reference in tokens."""
    labels = _labels(LENGTH_CUTOFFS)
    members: list[list[int]] = [[] for _ in labels]
    for i, tokens in enumerate(ref_tokens):
        members[_bucket(len(tokens), LENGTH_CUTOFFS)].append(i)
    return [Bucket(label, tuple(m)) for label, m in zip(labels, members, strict=True)]


def score_counts(sentence: Mapping[str, Sequence[float]]) -> tuple[list[str], dict[str, list[int]]]:
    """Count each system's segments per sentence-score bucket."""
    labels = _labels(SCORE_CUTOFFS)
    out = {}
    for system, scores in sentence.items():
        counts = [0] * len(labels)
        for value in scores:
            counts[_bucket(value, SCORE_CUTOFFS)] += 1
        out[system] = counts
    return labels, out


def word_buckets(
    ref_tokens: Sequence[Sequence[str]], hyp_tokens: Sequence[Sequence[str]]
) -> list[WordBucket]:
    """Return word matches by the word's frequency in the reference (compare-mt's word accuracy)."""
    frequency: Counter[str] = Counter()
    for tokens in ref_tokens:
        frequency.update(tokens)
    labels = ["0", *_labels(FREQUENCY_CUTOFFS)[1:]]
    buckets = [WordBucket(label) for label in labels]
    index: dict[str, int] = {}

    def where(word: str) -> int:
        found = index.get(word)
        if found is None:
            count = frequency.get(word, 0)
            found = index[word] = 0 if count == 0 else _bucket(count, FREQUENCY_CUTOFFS)
        return found

    for ref, hyp in zip(ref_tokens, hyp_tokens, strict=True):
        ref_counts, hyp_counts = Counter(ref), Counter(hyp)
        for word, n in ref_counts.items():
            bucket = buckets[where(word)]
            bucket.reference += n
            bucket.matched += min(n, hyp_counts.get(word, 0))
        for word, n in hyp_counts.items():
            buckets[where(word)].hypothesis += n
    return buckets


def ngram_counts(tokens: Sequence[str]) -> Counter[tuple[str, ...]]:
    """Count the n-grams of every order in :data:`NGRAM_ORDERS`."""
    grams: Counter[tuple[str, ...]] = Counter()
    for n in NGRAM_ORDERS:
        for i in range(len(tokens) - n + 1):
            grams[tuple(tokens[i : i + n])] += 1
    return grams


def matched_ngrams(
    ref_grams: Sequence[Counter[tuple[str, ...]]], hyp_tokens: Sequence[Sequence[str]]
) -> Counter[tuple[str, ...]]:
    """Return how often each reference n-gram is matched by the hypothesis (clipped per segment)."""
    matched: Counter[tuple[str, ...]] = Counter()
    for ref, tokens in zip(ref_grams, hyp_tokens, strict=True):
        hyp = ngram_counts(tokens)
        for gram, n in ref.items():
            found = hyp.get(gram)
            if found:
                matched[gram] += min(n, found)
    return matched


def compare_ngrams(
    left: str,
    right: str,
    left_matched: Mapping[tuple[str, ...], int],
    right_matched: Mapping[tuple[str, ...], int],
    top: int = 10,
) -> NgramComparison:
    """Return the n-grams each system matches more often than the other, most telling first."""
    rows = []
    for gram in set(left_matched) | set(right_matched):
        a, b = left_matched.get(gram, 0), right_matched.get(gram, 0)
        if a != b:
            rows.append(NgramRow(" ".join(gram), a, b, (a + 1) / (a + b + 2)))
    rows.sort(key=lambda r: (-r.ratio, -r.left, r.ngram))
    left_better = tuple(r for r in rows[:top] if r.ratio > 0.5)
    rows.sort(key=lambda r: (r.ratio, -r.right, r.ngram))
    right_better = tuple(r for r in rows[:top] if r.ratio < 0.5)
    return NgramComparison(left, right, left_better, right_better)


def entity_rows(
    findings: Sequence[Finding], systems: Sequence[str], gazetteer: Gazetteer, lang: str, top: int
) -> list[EntityRow]:
    """Return the ``top`` entities with most drop / misspelling / addition findings."""
    counts: dict[str, dict[str, Counter[str]]] = {}
    for finding in findings:
        if finding.entity and finding.kind in ENTITY_KINDS:
            per_system = counts.setdefault(finding.entity, {s: Counter() for s in systems})
            per_system.setdefault(finding.system, Counter())[ENTITY_KINDS[finding.kind]] += 1
    rows = []
    for entity, per_system in counts.items():
        known = gazetteer.entities.get(entity)
        name = known.display_name(lang) if known is not None else entity
        rows.append(EntityRow(entity, name, {s: dict(c) for s, c in per_system.items()}))
    rows.sort(key=lambda r: (-r.total, r.name))
    return rows[:top]


def examples(
    sentence: Mapping[str, Sequence[float]], locations: Sequence[str], top: int
) -> list[Example]:
    """Return the ``top`` segments whose sentence chrF differs most between systems."""
    systems = list(sentence)
    if len(systems) < 2 or not locations:
        return []
    spreads = []
    for i in range(len(locations)):
        values = [sentence[s][i] for s in systems]
        spreads.append((max(values) - min(values), i))
    spreads.sort(key=lambda item: (-item[0], item[1]))
    return [
        Example(i, locations[i], spread, {s: sentence[s][i] for s in systems})
        for spread, i in spreads[:top]
    ]


def sentence_scores(
    scorer: Scorer, report: ScoreReport, metric: str, systems: Sequence[str], size: int
) -> dict[str, list[float]]:
    """Return each system's per-segment score of ``metric`` (plain view)."""
    return {s: [scorer.subset_score(report, s, metric, [i]) for i in range(size)] for s in systems}


def locations(corpus: Corpus) -> list[str]:
    """Return each segment's location as findings name it: ``doc:seg`` or the line number."""
    return [
        f"{doc}:{seg}" if doc else str(i + 1)
        for i, (doc, seg) in enumerate(zip(corpus.doc_ids, corpus.seg_ids, strict=True))
    ]
