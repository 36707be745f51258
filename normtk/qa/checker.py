"""Wire-copy QA: what an editor must fix in machine-translated copy, segment by segment.

A :class:`Checker` compares each hypothesis segment with its reference and/or
source and reports :class:`~normtk.qa.findings.Finding` objects, each with the
segment, the character span in the hypothesis, a severity and, where one is
known, a fix. The checks are registered in :mod:`normtk.qa.checks`:

===========================  ==========================================================
kind                         what it means
===========================  ==========================================================
``off-style``                a name spelled off the house style (Kiev → Kyiv)
``ambiguous-name``           a name that may be several entities, some of them off style
``missing-entity``           an entity of the reference or source that the output lacks
``added-entity``             an entity that neither the reference nor the source names
``inconsistent-spelling``    one entity spelled two ways (both in style) in one document
``number-changed``           a number of the reference/source replaced by another
``number-missing``           a number of the reference/source not in the output
``number-added``             a number in the output that no other side has
``number-format``            a number a side writes properly, broken in the output (5: 30)
``untranslated``             the segment is a copy of the source or still in its script
``untranslated-words``       words of the source script left inside a translated segment
``unbalanced``               a quote or bracket opened and not closed (or the reverse)
``rejected-term``            a spelling the configuration rejects (``[vocabulary.reject]``)
===========================  ==========================================================

Severity follows the evidence. A missing entity or number is an ``error`` when
the reference and the source both have it, a ``warning`` when only one side was
given (or the other could not show it: a name the gazetteer does not know in the
source language), and ``info`` when only the reference has it although the
source could show it (the reference translator added it). A number replaced by
another is an error on the word of one side. Added entities and numbers are
warnings; quotes are checked only where the source and reference are balanced
themselves, since WMT segments sometimes cut a quotation in two.

>>> from normtk import Gazetteer
>>> checker = Checker(Gazetteer.load(), lang="en", src_lang="uk")
>>> hyp, src = ["Talks in Kiev on 1.5 million"], ["Переговори у Києві про 2,5 млн"]
>>> [(f.kind, f.text, f.fix) for f in checker.check_texts(hyp, src=src)]
[('off-style', 'Kiev', 'Kyiv'), ('number-changed', '1.5 million', '2,5 млн')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from normtk.errors import UsageError
from normtk.gazetteer import Gazetteer
from normtk.io.model import Corpus
from normtk.languages import language_code
from normtk.qa import options
from normtk.qa.checks import CHECKS, KINDS, RULES, Check, load
from normtk.qa.checks.vocabulary import whole_words
from normtk.qa.config import CheckConfig
from normtk.qa.context import Context, Segment
from normtk.qa.findings import Finding, Severity, Summary, sort_key, summarize
from normtk.qa.ignore import IgnoreList

#: Where documents begin and end in plain text: one of :data:`~normtk.qa.options.DOC_BREAKS`.
DocBreaks = Literal["segment", "blank", "file"]


class Checker:
    """Check machine-translated copy against its reference and/or source.

    ``lang``, ``style`` and ``keep_styled`` are the output language, house
    style and leniency (as for :class:`~normtk.normalize.Normalizer`: without
    a style, a name is in style in its language's default form, or with
    ``keep_styled`` in any style's form); ``src_lang`` is the language of
    the source, for its entity names and number conventions; ``checks``
    selects checks of :data:`~normtk.qa.checks.CHECKS` by name (default: all).

    >>> from normtk import Gazetteer
    >>> checker = Checker(Gazetteer.load(), lang="en")
    >>> [f.fix for f in checker.check_texts(["Shelling near Lugansk (again"])]
    ['Luhansk', None]
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        lang: str | None = None,
        style: str | None = None,
        src_lang: str | None = None,
        checks: Iterable[str] | None = None,
        *,
        config: CheckConfig | None = None,
        keep_styled: bool = False,
    ) -> None:
        config = config if config is not None else CheckConfig()
        lang = language_code(lang or config.lang or "en")
        src_lang = src_lang or config.src_lang
        src_lang = src_lang and language_code(src_lang)
        style = style if style is not None else config.style
        self.gazetteer = gazetteer
        self.lang = lang
        self.style = style
        self.keep_styled = keep_styled
        self.src_lang = src_lang
        self.config = config
        chosen = list(CHECKS) if checks is None else list(checks)
        unknown = [c for c in chosen if c not in CHECKS]
        if unknown:
            msg = f"unknown check {unknown[0]!r} (choose from {', '.join(CHECKS)})"
            raise UsageError(msg)
        off = {rule for rule, setting in config.rules.items() if setting == "off"}
        self.kinds = frozenset(
            kind for check in chosen for kind in CHECKS[check] if RULES[kind] not in off
        )
        self.severities = {
            kind: Severity.parse(setting)
            for kind, rule in RULES.items()
            if (setting := config.severity_of(rule)) not in {None, "off"}
        }
        self.accepted = whole_words(config.accept)
        self.context = Context(gazetteer, lang, style, src_lang, config, keep_styled=keep_styled)
        self.normalizer = self.context.normalizer
        self.checks: list[Check] = [load(name)(self.context) for name in CHECKS if name in chosen]

    # The public entry points.

    def check(
        self,
        corpus: Corpus,
        system: str | None = None,
        *,
        use_ref: bool = True,
        use_src: bool = True,
        doc_breaks: DocBreaks = "segment",
    ) -> list[Finding]:
        """Return the findings for ``system``'s output in ``corpus`` (default: its only system).

        ``use_ref`` / ``use_src`` compare with the references and the source
        where the corpus has them. Documents are the corpus's own (WMT XML, or
        ``doc_ids`` given to it); for plain text each segment is a document of
        its own, unless ``doc_breaks`` says that blank hypothesis lines end
        documents (``"blank"``) or that the whole file is one (``"file"``).
        """
        options.doc_breaks(doc_breaks)
        name = system if system is not None else _only_system(corpus)
        documents = document_ranges(corpus, corpus.system(name), doc_breaks)
        return self.check_documents(corpus, name, documents, use_ref=use_ref, use_src=use_src)

    def check_documents(
        self,
        corpus: Corpus,
        system: str,
        documents: Sequence[tuple[int, int]],
        *,
        use_ref: bool = True,
        use_src: bool = True,
        first: int = 1,
    ) -> list[Finding]:
        """Return the findings of ``documents`` (segment ranges ``start:end``) of ``system``.

        Each document is checked on its own, so any set of whole documents may
        be checked apart from the rest: segments are numbered from ``first``
        (a slice of a corpus gives the number of its first segment in the
        whole), and findings come sorted as :meth:`check` sorts them.
        """
        hyps = corpus.system(system)
        refs = corpus.refs if use_ref else []
        src = corpus.src if use_src else None
        findings: list[Finding] = []
        for start, end in documents:
            segments: list[Segment] = []
            for i in range(start, end):
                segment = self.context.segment(
                    system,
                    i + first,
                    corpus.seg_ids[i],
                    corpus.doc_ids[i],
                    hyps[i],
                    tuple(ref[i] for ref in refs),
                    src[i] if src is not None else None,
                )
                for check in self.checks:
                    findings.extend(check.check_segment(segment))
                segments.append(segment)
            for check in self.checks:
                findings.extend(check.check_document(segments))
        findings = self._configured(findings, hyps)
        findings.sort(key=sort_key(KINDS))
        return findings

    def _configured(self, findings: list[Finding], hyps: Sequence[str]) -> list[Finding]:
        """Apply the configuration: rules off, their severities, accepted names, duplicates."""
        kept = []
        replacing = {
            (f.segment, f.start, f.end, f.fix)
            for f in findings
            if f.kind != "rejected-term" and f.kind in self.kinds and f.replacement is not None
        }
        for finding in findings:
            if finding.kind not in self.kinds:
                continue
            if finding.kind == "rejected-term" and (
                (finding.segment, finding.start, finding.end, finding.fix) in replacing
            ):
                continue  # the same fix of the same span, already reported (Kiev -> Kyiv)
            if self.accepted is not None and _accepted(
                finding, hyps[finding.segment - 1], self.accepted
            ):
                continue
            severity = self.severities.get(finding.kind, finding.severity)
            kept.append(
                finding if severity == finding.severity else replace(finding, severity=severity)
            )
        return kept

    def check_texts(
        self,
        hyp: Sequence[str],
        ref: Sequence[str] | None = None,
        src: Sequence[str] | None = None,
        *,
        system: str = "hyp",
        doc_breaks: DocBreaks = "segment",
    ) -> list[Finding]:
        """Check line-aligned segments given as strings, against one reference and/or the source."""
        corpus = Corpus(
            list(src) if src is not None else None,
            [list(ref)] if ref is not None else [],
            {system: list(hyp)},
        )
        return self.check(corpus, system, doc_breaks=doc_breaks)


def _accepted(finding: Finding, hyp: str, accepted: re.Pattern[str]) -> bool:
    """Tell whether the span of ``finding`` lies inside an accepted name of ``hyp``."""
    if finding.start == 0 and finding.end == len(hyp):
        return False  # about the whole segment, not a name in it
    return any(
        m.start() <= finding.start and finding.end <= m.end() for m in accepted.finditer(hyp)
    )


def _only_system(corpus: Corpus) -> str:
    if len(corpus.hyps) != 1:
        msg = (
            f"the input has {len(corpus.hyps)} systems ({', '.join(corpus.hyps)}); "
            "name the one to check"
        )
        raise UsageError(msg)
    return next(iter(corpus.hyps))


def document_ranges(
    corpus: Corpus, hyps: Sequence[str], doc_breaks: DocBreaks
) -> list[tuple[int, int]]:
    """Return the documents of ``corpus`` as segment ranges ``(start, end)``, in order."""
    if any(doc is not None for doc in corpus.doc_ids):
        return [(d.start, d.end) for d in corpus.documents()]
    if doc_breaks == "blank":
        documents = []
        start = 0
        for i, line in enumerate(hyps):
            if not line.strip():
                if i > start:
                    documents.append((start, i))
                start = i + 1
        if start < len(hyps):
            documents.append((start, len(hyps)))
        return documents
    if doc_breaks == "file":
        return [(0, len(hyps))]
    return [(i, i + 1) for i in range(len(hyps))]


def check_corpus(
    checker: Checker,
    corpus: Corpus,
    systems: Sequence[str] | None = None,
    *,
    use_ref: bool = True,
    use_src: bool = True,
    doc_breaks: DocBreaks = "segment",
    ignore: IgnoreList | None = None,
) -> tuple[list[Finding], list[Summary]]:
    """Check every system of ``corpus`` (or ``systems``); return all findings and a summary each.

    Findings that ``ignore`` accepts (an ignore file) are left out of both.

    >>> from normtk import Gazetteer
    >>> corpus = Corpus(None, [["Talks in Kyiv"]], {"a": ["Talks in Kiev"], "b": ["Talks"]})
    >>> findings, summaries = check_corpus(Checker(Gazetteer.load()), corpus)
    >>> [(s.system, dict(s.by_kind)) for s in summaries]
    [('a', {'off-style': {'error': 1}}), ('b', {'missing-entity': {'warning': 1}})]
    """
    findings: list[Finding] = []
    summaries: list[Summary] = []
    for name in systems or corpus.systems:
        own = checker.check(corpus, name, use_ref=use_ref, use_src=use_src, doc_breaks=doc_breaks)
        if ignore is not None:
            own = ignore.filter(own, {name: corpus.system(name)})
        findings.extend(own)
        summaries.append(summarize(own, name, len(corpus)))
    return findings, summaries
