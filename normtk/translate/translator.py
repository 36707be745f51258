"""Batched, line-aligned translation through an argos package's CTranslate2 model.

This goes around ``argostranslate.translate`` on purpose: that module imports
torch and stanza and its default sentence splitter downloads a model on first
use. An argos package is a CTranslate2 model plus a SentencePiece model; both
are driven here directly, many sentences per call.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from normtk.errors import ModelError, UsageError
from normtk.translate import segment
from normtk.translate._deps import load
from normtk.translate.packages import PackageInfo

DEFAULT_BATCH_SIZE = 32
DEFAULT_BEAM_SIZE = 4  # what argostranslate uses


def default_threads() -> int:
    """Return a thread count that does not oversubscribe the machine.

    CTranslate2's own default (4 threads, plus OpenMP spinning) runs many times
    slower on a 2-core machine than one thread; use half the usable cores, 1 to 4.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores // 2))


@dataclass(frozen=True, slots=True)
class Progress:
    """Counts so far, passed to a progress callback after each batch."""

    lines: int
    sentences: int
    seconds: float


class Translator:
    """Translate text with one installed argos package, line for line.

    ``compute_type="auto"`` (as argostranslate uses) lets CTranslate2 pick its
    fastest type for the machine, int8 on most CPUs: about 2.5 times faster
    than float32 here. ``threads`` defaults to :func:`default_threads`.

    >>> from normtk.translate import packages  # doctest: +SKIP
    >>> translator = Translator(packages.find("es", "en"))  # doctest: +SKIP
    >>> list(translator.translate_lines(["Hola.\\n", "\\n"]))  # doctest: +SKIP
    ['Hello.\\n', '\\n']
    """

    def __init__(
        self,
        package: PackageInfo,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        beam_size: int = DEFAULT_BEAM_SIZE,
        threads: int | None = None,
        device: str = "cpu",
        compute_type: str = "auto",
    ) -> None:
        for name, value in (("batch size", batch_size), ("beam size", beam_size)):
            if value < 1:
                msg = f"{name} must be at least 1, not {value}"
                raise UsageError(msg)
        if threads is not None and threads < 1:
            msg = f"threads must be at least 1, not {threads}"
            raise UsageError(msg)
        self.package = package
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.threads = threads or default_threads()
        ctranslate2 = load("ctranslate2")
        spm = load("sentencepiece")
        sp_path = package.path / "sentencepiece.model"
        if not sp_path.is_file():
            msg = f"{package.path}: no sentencepiece.model (only SentencePiece packages work)"
            raise ModelError(msg)
        try:
            self._sp = spm.SentencePieceProcessor(model_file=str(sp_path))
            self._model = ctranslate2.Translator(
                str(package.path / "model"),
                device=device,
                inter_threads=1,
                intra_threads=self.threads,
                compute_type=compute_type,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            msg = f"{package.path}: cannot load the model ({exc})"
            raise ModelError(msg) from None

    def translate_sentences(self, sentences: Sequence[str]) -> list[str]:
        """Translate each sentence; one call to the model for the whole list."""
        if not sentences:
            return []
        tokens = [self._sp.encode(s, out_type=str) for s in sentences]
        prefix = self.package.target_prefix
        longest = max(len(t) for t in tokens)
        results: list[Any] = self._model.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.batch_size,
            beam_size=self.beam_size,
            max_decoding_length=min(1024, max(256, 2 * longest + 8)),
            replace_unknowns=True,
        )
        out = []
        for result in results:
            pieces = result.hypotheses[0]
            if prefix and pieces and pieces[0] == prefix:
                pieces = pieces[1:]
            out.append(self._sp.decode(pieces))
        return out

    def translate_lines(
        self,
        lines: Iterable[str],
        progress: Callable[[Progress], None] | None = None,
    ) -> Iterator[str]:
        """Translate a stream of lines, yielding exactly one output line per input line.

        Each line keeps its ending (``\\n`` or none), its leading and trailing
        whitespace, and the wire conventions of :mod:`normtk.translate.segment`
        (blank lines, slug lines, datelines, sign-offs pass through as they
        are). Lines are gathered until a few batches of sentences are ready, so
        memory stays bounded and output starts before the input ends.
        """
        started = time.perf_counter()
        done_lines = done_sentences = 0
        pending: list[tuple[str, list[segment.Piece]]] = []
        queued = 0
        chunk = self.batch_size * 4
        for line in lines:
            body = line[:-1] if line.endswith("\n") else line
            parts = segment.pieces(body)
            pending.append((line[len(body) :], parts))
            queued += sum(p.translate for p in parts)
            if queued >= chunk:
                yield from self._flush(pending)
                done_lines += len(pending)
                done_sentences += queued
                pending, queued = [], 0
                if progress is not None:
                    progress(Progress(done_lines, done_sentences, time.perf_counter() - started))
        if pending:
            yield from self._flush(pending)
            if progress is not None:
                progress(
                    Progress(
                        done_lines + len(pending),
                        done_sentences + queued,
                        time.perf_counter() - started,
                    )
                )

    def _flush(self, pending: list[tuple[str, list[segment.Piece]]]) -> Iterator[str]:
        sources = [p.text for _, parts in pending for p in parts if p.translate]
        translated = iter(self.translate_sentences(sources))
        for ending, parts in pending:
            text = "".join(next(translated) if p.translate else p.text for p in parts)
            yield text + ending


def progress_printer(stream: Any = None) -> Callable[[Progress], None] | None:
    """Return a callback drawing a one-line progress meter on stderr, if it is a terminal."""
    out = stream or sys.stderr
    if not out.isatty():
        return None

    def show(progress: Progress) -> None:
        rate = progress.sentences / progress.seconds if progress.seconds else 0.0
        out.write(
            f"\rtranslated {progress.lines} lines, {progress.sentences} sentences "
            f"({rate:.1f} sentences/s)"
        )
        out.flush()

    return show
