"""The desk pipeline: translate, bring names to house style, then score and check; one report."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normtk.errors import InputError, UsageError
from normtk.languages import language_code

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.normalize import Change
    from normtk.qa.config import CheckConfig
    from normtk.qa.findings import Finding, Summary
    from normtk.score import ScoreReport
    from normtk.translate.packages import PackageInfo

FORMATS = ("table", "json")
SYSTEM = "translation"


@dataclass(frozen=True, slots=True)
class PipelineReport:
    """What the pipeline did: translation figures, name changes, scores, findings."""

    source: str
    reference: str | None
    from_lang: str
    to_lang: str
    style: str | None
    package: PackageInfo
    lines: int
    sentences: int
    seconds: float
    changes: list[Change]
    score: ScoreReport | None
    findings: list[Finding]
    summary: Summary

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        from normtk.score import report_to_dict

        return {
            "source": self.source,
            "reference": self.reference,
            "from": self.from_lang,
            "to": self.to_lang,
            "style": self.style,
            "package": self.package.to_dict(),
            "translation": {
                "lines": self.lines,
                "sentences": self.sentences,
                "seconds": round(self.seconds, 3),
            },
            "normalization": {"changes": [c.to_dict() for c in self.changes]},
            "score": report_to_dict(self.score) if self.score is not None else None,
            "check": {
                "summary": self.summary.to_dict(),
                "findings": [f.to_dict() for f in self.findings],
            },
        }

    def render(self, fmt: str = "table") -> str:
        """Return the report as text: ``table`` (for people) or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt != "table":
            msg = f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})"
            raise UsageError(msg)
        from normtk.qa.render import render
        from normtk.score import format_report

        rate = self.sentences / self.seconds if self.seconds > 0 else 0.0
        style = self.style or "default style"
        out = [
            f"# {self.source}: {self.from_lang} → {self.to_lang} with {self.package.name}",
            "",
            (
                f"## Translation: {self.lines} lines, {self.sentences} sentences "
                f"in {self.seconds:.1f} s ({rate:.1f} sentences/s)"
            ),
            "",
            f"## Names brought to house style ({self.to_lang}, {style}): {len(self.changes)}",
        ]
        out += [f"line {c.line}: {c.original} → {c.replacement} ({c.entity})" for c in self.changes]
        out.append("")
        if self.score is not None:
            out += [f"## Score against {self.reference}", "", format_report(self.score).rstrip()]
        else:
            out.append("## Score: no reference given (--ref), nothing to score against")
        against = " and ".join(
            side for side, given in (("reference", self.reference), ("source", True)) if given
        )
        out += ["", f"## Check against the {against}", "", render(self.findings, [self.summary])]
        return "\n".join(out).rstrip() + "\n"


class Pipeline:
    """Translate a source file, normalize names, score against a reference, check.

    ``style`` is the house style of ``to_lang`` (default: the one ``config``
    names, else each entity's default form; ``keep_styled``: any style's form,
    as for the Normalizer); translation options are those of
    :class:`~normtk.translate.translator.Translator`. ``config`` (a
    :class:`~normtk.qa.config.CheckConfig`) sets the rules, their severities
    and the vocabularies of the check.
    """

    def __init__(
        self,
        from_lang: str,
        to_lang: str,
        *,
        style: str | None = None,
        keep_styled: bool = False,
        gazetteer: Sequence[Path] = (),
        batch_size: int = 32,
        beam_size: int = 4,
        threads: int | None = None,
        metrics: Sequence[str] = ("bleu", "chrf"),
        config: CheckConfig | None = None,
    ) -> None:
        from normtk.gazetteer import Gazetteer
        from normtk.normalize import Normalizer
        from normtk.qa.checker import Checker
        from normtk.translate.job import TranslateJob

        self.from_lang, self.to_lang = language_code(from_lang), language_code(to_lang)
        if style is None and config is not None:
            style = config.style
        self.style = style
        self.metrics = list(metrics)
        # The model first: a missing extra or package fails before the gazetteer loads.
        self.job = TranslateJob(
            from_lang, to_lang, batch_size=batch_size, beam_size=beam_size, threads=threads
        )
        self.gazetteer = Gazetteer.load(gazetteer)
        self.normalizer = Normalizer(
            self.gazetteer, lang=to_lang, style=style, keep_styled=keep_styled
        )
        self.checker = Checker(
            self.gazetteer,
            lang=to_lang,
            style=style,
            src_lang=from_lang,
            config=config,
            keep_styled=keep_styled,
        )

    def run(
        self,
        source: str,
        reference: str | None = None,
        output: str | None = None,
        errors: Errors = "strict",
    ) -> PipelineReport:
        """Run the pipeline on the file ``source``; write the copy to ``output`` if given.

        ``errors`` is what to do with bytes of ``source`` and ``reference`` that
        are not UTF-8 (as for :func:`normtk.io.files.read_lines`).
        """
        from normtk.io.files import open_output, read_lines
        from normtk.qa.findings import summarize
        from normtk.score import Scorer
        from normtk.translate import segment

        src_lines = list(read_lines(source, errors))
        ref_lines = None
        if reference is not None:
            ref_lines = [line.rstrip("\n") for line in read_lines(reference, errors)]
            if len(ref_lines) != len(src_lines):
                msg = (
                    f"{reference} has {len(ref_lines)} lines but {source} has "
                    f"{len(src_lines)}; the reference must be line-aligned with the source"
                )
                raise InputError(msg)
        started = time.perf_counter()
        translated = list(self.job.lines(src_lines, progress=True))
        seconds = time.perf_counter() - started
        sentences = sum(
            p.translate for line in src_lines for p in segment.pieces(line.rstrip("\n"))
        )
        hyp_lines: list[str] = []
        changes: list[Change] = []
        for number, line in enumerate(translated, start=1):
            result = self.normalizer.normalize(line)
            hyp_lines.append(result.text)
            changes += [replace(change, line=number) for change in result.changes]
        if output is not None:
            with open_output(output) as out:
                out.writelines(hyp_lines)
        hyps = [line.rstrip("\n") for line in hyp_lines]
        score = None
        if ref_lines is not None:
            scorer = Scorer([ref_lines], self.metrics, normalizer=self.normalizer)
            score = scorer.score({SYSTEM: hyps})
        srcs = [line.rstrip("\n") for line in src_lines]
        # The pipeline translates one story: its lines are one document.
        findings = self.checker.check_texts(
            hyps, ref=ref_lines, src=srcs, system=SYSTEM, doc_breaks="file"
        )
        return PipelineReport(
            source=source,
            reference=reference,
            from_lang=self.from_lang,
            to_lang=self.to_lang,
            style=self.style,
            package=self.job.translator.package,
            lines=len(src_lines),
            sentences=sentences,
            seconds=seconds,
            changes=changes,
            score=score,
            findings=findings,
            summary=summarize(findings, SYSTEM, len(hyps)),
        )
