"""Checking on the cluster: whole documents per task, findings sorted as locally."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normtk.dask.cluster import PARTITION_SEGMENTS, compute
from normtk.dask.workers import Failed, GazetteerSpec, built, worker_gazetteer
from normtk.errors import NormtkError

if TYPE_CHECKING:
    from distributed import Client

    from normtk.io.corpus import Corpus
    from normtk.qa.checker import Checker
    from normtk.qa.checker import DocBreaks as CheckDocBreaks
    from normtk.qa.config import CheckConfig
    from normtk.qa.findings import Finding, Summary
    from normtk.qa.ignore import IgnoreList


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What a worker needs to build the checker of the local run."""

    gazetteer: GazetteerSpec
    lang: str = "en"
    style: str | None = None
    src_lang: str | None = None
    checks: tuple[str, ...] | None = None
    config: CheckConfig | None = None
    keep_styled: bool = False

    def checker(self) -> Checker:
        """Return this worker's checker for these options (built once)."""

        def build() -> Checker:
            from normtk.qa.checker import Checker

            return Checker(
                worker_gazetteer(self.gazetteer),
                lang=self.lang,
                style=self.style,
                src_lang=self.src_lang,
                checks=self.checks,
                config=self.config,
                keep_styled=self.keep_styled,
            )

        key = ("check", self.gazetteer, self.lang, self.style, self.src_lang, self.checks)
        checker: Checker = built(key, build)
        return checker


@dataclass(frozen=True, slots=True)
class _CheckTask:
    """Whole documents of one system: a slice of the corpus and the documents in it."""

    system: str
    corpus: Corpus
    documents: tuple[tuple[int, int], ...]
    first: int
    use_ref: bool
    use_src: bool


def _check_task(task: _CheckTask, options: CheckOptions) -> list[Finding] | Failed:
    try:
        return options.checker().check_documents(
            task.corpus,
            task.system,
            task.documents,
            use_ref=task.use_ref,
            use_src=task.use_src,
            first=task.first,
        )
    except NormtkError as exc:
        return Failed(str(exc), exc.exit_code)


def check_corpus(
    client: Client,
    corpus: Corpus,
    options: CheckOptions,
    systems: Sequence[str] | None = None,
    *,
    use_ref: bool = True,
    use_src: bool = True,
    doc_breaks: CheckDocBreaks = "segment",
    partition_segments: int = PARTITION_SEGMENTS,
    ignore: IgnoreList | None = None,
) -> tuple[list[Finding], list[Summary]]:
    """Check every system of ``corpus`` on the cluster: what ``qa.check_corpus`` gives locally.

    Documents are never split: a task holds whole documents, about
    ``partition_segments`` segments of them. Findings that ``ignore`` accepts
    are left out, as locally.
    """
    import dask.bag as db

    from normtk.qa import options as qa_options
    from normtk.qa.checker import document_ranges
    from normtk.qa.checks import KINDS
    from normtk.qa.findings import sort_key, summarize

    qa_options.doc_breaks(doc_breaks)
    names = list(systems or corpus.systems)
    tasks: list[_CheckTask] = []
    owners: list[str] = []
    for name in names:
        documents = document_ranges(corpus, corpus.system(name), doc_breaks)
        for group in _groups(documents, partition_segments):
            start, end = group[0][0], group[-1][1]
            piece = corpus.slice(start, end).select([name])
            local = tuple((a - start, b - start) for a, b in group)
            tasks.append(_CheckTask(name, piece, local, start + 1, use_ref, use_src))
            owners.append(name)
    results: list[list[Finding]] = []
    if tasks:
        bag = db.from_sequence(tasks, npartitions=len(tasks)).map(_check_task, options)
        results = compute(client, bag)
    findings: list[Finding] = []
    summaries: list[Summary] = []
    key = sort_key(KINDS)
    for name in names:
        own = [
            f for owner, found in zip(owners, results, strict=True) if owner == name for f in found
        ]
        own.sort(key=key)
        if ignore is not None:
            own = ignore.filter(own, {name: corpus.system(name)})
        findings.extend(own)
        summaries.append(summarize(own, name, len(corpus)))
    return findings, summaries


def _groups(documents: Sequence[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    """Group consecutive documents into runs of about ``size`` segments."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    count = 0
    for document in documents:
        current.append(document)
        count += document[1] - document[0]
        if count >= size:
            groups.append(current)
            current, count = [], 0
    if current:
        groups.append(current)
    return groups
