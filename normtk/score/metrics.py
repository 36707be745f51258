"""BLEU, chrF, chrF++ and TER in sacrebleu's shape, with optional entity normalization.

Each class takes its configuration in the constructor (the options of the
sacrebleu metric it wraps, plus an optional :class:`~normtk.normalize.Normalizer`)
and scores with ``corpus_score`` / ``sentence_score``. Scores are sacrebleu's
own score objects, so figures equal sacrebleu's for the same options; the
signature adds normtk's part (entity normalization, language, style and the
gazetteer's content digest).

>>> bleu = BLEU()
>>> round(bleu.corpus_score(["Talks in Kyiv today"], [["Talks in Kyiv today"]]).score, 1)
100.0
>>> bleu.get_signature().format(short=True).split("|")[-1]
'ne:no'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from normtk.errors import UsageError
from normtk.score import _sacrebleu as sb

if TYPE_CHECKING:
    from normtk.normalize import Mention, Normalizer

METRIC_NAMES: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")


@dataclass(frozen=True, slots=True)
class Signature:
    """A reproducibility signature: sacrebleu's part, then normtk's.

    normtk's part says whether entities were normalized and, if so, the
    output language, the style and the first 12 hex digits of the gazetteer's
    content digest: ``normtk:0.1.0|entities:yes|lang:en|style:-|gazetteer:40eee1cb7d74``.
    """

    sacrebleu: str
    sacrebleu_short: str
    normtk: tuple[tuple[str, str, str], ...]  # (name, short name, value)

    def format(self, short: bool = False) -> str:
        """Return the signature as one ``key:value|...`` string."""
        ours = "|".join(f"{abbr if short else name}:{value}" for name, abbr, value in self.normtk)
        return f"{self.sacrebleu_short if short else self.sacrebleu}|{ours}"

    def __str__(self) -> str:
        return self.format()


def normtk_signature(normalizer: Normalizer | None) -> tuple[tuple[str, str, str], ...]:
    """Return normtk's signature fields for scoring with (or without) ``normalizer``."""
    from normtk import __version__

    if normalizer is None:
        return (("normtk", "nt", __version__), ("entities", "ne", "no"))
    return (
        ("normtk", "nt", __version__),
        ("entities", "ne", "yes"),
        ("lang", "nl", normalizer.lang),
        ("style", "ns", normalizer.style or "-"),
        ("gazetteer", "ng", normalizer.gazetteer.digest[:12]),
    )


def apply_mentions(text: str, mentions: Sequence[Mention]) -> str:
    """Return ``text`` with every mention that has a replacement rewritten.

    This is what :meth:`Normalizer.normalize` does with the mentions
    :meth:`Normalizer.find` returns; scoring finds mentions once and uses them
    both for the normalized text and for entity metrics.
    """
    pieces: list[str] = []
    position = 0
    for mention in mentions:
        if mention.replacement is None:
            continue
        pieces.append(text[position : mention.start])
        pieces.append(mention.replacement)
        position = mention.end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


class Metric:
    """A sacrebleu metric, optionally scoring entity-normalized text.

    Subclasses set :attr:`name` and build the sacrebleu object in ``__init__``.
    With a ``normalizer``, hypotheses and references are normalized with it
    before scoring (references given to the constructor once, there).
    """

    name: ClassVar[str]

    def __init__(
        self,
        sacrebleu_metric: Any,
        references: Sequence[Sequence[str]] | None,
        normalizer: Normalizer | None,
    ) -> None:
        self.normalizer = normalizer
        self._metric = sacrebleu_metric
        if references is not None:
            refs = [self._normalize(stream) for stream in references]
            sb.use_references(self._metric, sb.cache_references(self._metric, refs))

    @property
    def sacrebleu(self) -> Any:
        """The wrapped sacrebleu metric object."""
        return self._metric

    def _normalize(self, texts: Sequence[str]) -> list[str]:
        if self.normalizer is None:
            return list(texts)
        find = self.normalizer.find
        return [apply_mentions(text, find(text)) for text in texts]

    def corpus_score(
        self,
        hypotheses: Sequence[str],
        references: Sequence[Sequence[str]] | None = None,
        n_bootstrap: int = 1,
    ) -> Any:
        """Score a corpus; ``references`` (one list per reference) default to the constructor's.

        ``n_bootstrap`` > 1 adds sacrebleu's 95% confidence interval.
        Returns sacrebleu's score object (``.score``, ``.format()`` ...).
        """
        refs = None if references is None else [self._normalize(r) for r in references]
        if refs is None and not sb.reference_cache(self._metric):
            msg = f"{self.name}: no references given, here or to the constructor"
            raise UsageError(msg)
        return self._metric.corpus_score(self._normalize(hypotheses), refs, n_bootstrap)

    def sentence_score(self, hypothesis: str, references: Sequence[str]) -> Any:
        """Score one segment against its references (strings)."""
        return self._metric.sentence_score(
            self._normalize([hypothesis])[0], self._normalize(references)
        )

    def get_signature(self) -> Signature:
        """Return the reproducibility signature (sacrebleu's, then normtk's).

        The number of references is part of it, so references must have been
        given to the constructor or to a scoring call first.
        """
        try:
            sig = self._metric.get_signature()
        except ValueError:
            msg = f"{self.name}: the signature needs references; score something first"
            raise UsageError(msg) from None
        return Signature(sig.format(), sig.format(short=True), normtk_signature(self.normalizer))


class BLEU(Metric):
    """BLEU (sacrebleu), with sacrebleu's options and defaults.

    >>> round(BLEU(tokenize="intl").sentence_score("a b c d", ["a b c d"]).score, 6)
    100.0
    """

    name = "BLEU"

    def __init__(
        self,
        lowercase: bool = False,
        force: bool = False,
        tokenize: str | None = None,
        smooth_method: str = "exp",
        smooth_value: float | None = None,
        max_ngram_order: int = 4,
        effective_order: bool = False,
        trg_lang: str = "",
        references: Sequence[Sequence[str]] | None = None,
        normalizer: Normalizer | None = None,
    ) -> None:
        from sacrebleu.metrics.bleu import BLEU as _BLEU

        try:
            metric = _BLEU(
                lowercase=lowercase,
                force=force,
                tokenize=tokenize,
                smooth_method=smooth_method,
                smooth_value=smooth_value,
                max_ngram_order=max_ngram_order,
                effective_order=effective_order,
                trg_lang=trg_lang,
            )
        except (AssertionError, KeyError, ValueError, RuntimeError) as exc:
            msg = f"BLEU: invalid option: {exc}"
            raise UsageError(msg) from None
        super().__init__(metric, references, normalizer)


class CHRF(Metric):
    """chrF (sacrebleu); ``word_order=2`` gives chrF++.

    >>> CHRF(word_order=2, references=[["a b c"]]).get_signature().format().split("|")[4]
    'nw:2'
    """

    name = "chrF"

    def __init__(
        self,
        char_order: int = 6,
        word_order: int = 0,
        beta: int = 2,
        lowercase: bool = False,
        whitespace: bool = False,
        eps_smoothing: bool = False,
        references: Sequence[Sequence[str]] | None = None,
        normalizer: Normalizer | None = None,
    ) -> None:
        from sacrebleu.metrics.chrf import CHRF as _CHRF

        metric = _CHRF(
            char_order=char_order,
            word_order=word_order,
            beta=beta,
            lowercase=lowercase,
            whitespace=whitespace,
            eps_smoothing=eps_smoothing,
        )
        super().__init__(metric, references, normalizer)


class TER(Metric):
    """TER (sacrebleu), with its options (case-insensitive by default, as sacrebleu)."""

    name = "TER"

    def __init__(
        self,
        normalized: bool = False,
        no_punct: bool = False,
        asian_support: bool = False,
        case_sensitive: bool = False,
        references: Sequence[Sequence[str]] | None = None,
        normalizer: Normalizer | None = None,
    ) -> None:
        from sacrebleu.metrics.ter import TER as _TER

        metric = _TER(
            normalized=normalized,
            no_punct=no_punct,
            asian_support=asian_support,
            case_sensitive=case_sensitive,
        )
        super().__init__(metric, references, normalizer)


def make_metric(
    name: str,
    *,
    references: Sequence[Sequence[str]] | None = None,
    normalizer: Normalizer | None = None,
    lowercase: bool = False,
    tokenize: str | None = None,
    effective_order: bool = False,
) -> Metric:
    """Build a metric by name: ``bleu``, ``chrf``, ``chrf++`` or ``ter``.

    ``lowercase`` applies to every metric (for TER it turns case sensitivity
    off, which is already its default); ``tokenize`` and ``effective_order``
    to BLEU.

    >>> make_metric("chrf++").sacrebleu.word_order
    2
    """
    key = name.strip().lower()
    if key == "bleu":
        return BLEU(
            lowercase=lowercase,
            tokenize=tokenize,
            effective_order=effective_order,
            references=references,
            normalizer=normalizer,
        )
    if key in ("chrf", "chrf++", "chrfpp"):
        word_order = 0 if key == "chrf" else 2
        return CHRF(
            word_order=word_order,
            lowercase=lowercase,
            references=references,
            normalizer=normalizer,
        )
    if key == "ter":
        return TER(references=references, normalizer=normalizer)
    msg = f"unknown metric {name!r} (choose from {', '.join(METRIC_NAMES)})"
    raise UsageError(msg)
