"""A translation job: files in, translated (and optionally normalized) lines out."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from normtk.translate._deps import require

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.normalize import Normalizer
    from normtk.translate.translator import Translator


class TranslateJob:
    """Translate ``from_lang`` → ``to_lang`` with the installed package, then maybe normalize.

    With ``normalize=True`` the output goes through :class:`normtk.Normalizer`
    for language ``lang`` (default ``to_lang``) and house style ``style``.
    """

    def __init__(
        self,
        from_lang: str,
        to_lang: str,
        *,
        batch_size: int = 32,
        beam_size: int = 4,
        threads: int | None = None,
        normalize: bool = False,
        lang: str | None = None,
        style: str | None = None,
        keep_styled: bool = False,
        gazetteer: Sequence[Path] = (),
    ) -> None:
        require()
        from normtk.translate import packages
        from normtk.translate.translator import Translator

        self.normalizer: Normalizer | None = None
        if normalize or style is not None or keep_styled:
            from normtk.gazetteer import Gazetteer
            from normtk.normalize import Normalizer

            self.normalizer = Normalizer(
                Gazetteer.load(gazetteer),
                lang=lang or to_lang,
                style=style,
                keep_styled=keep_styled,
            )
        self.translator: Translator = Translator(
            packages.find(from_lang, to_lang),
            batch_size=batch_size,
            beam_size=beam_size,
            threads=threads,
        )

    def lines(self, lines: Iterable[str], progress: bool = False) -> Iterator[str]:
        """Yield the translated (and normalized) lines, one per input line."""
        from normtk.translate.translator import progress_printer

        show = progress_printer() if progress else None
        out = self.translator.translate_lines(lines, show)
        if self.normalizer is not None:
            normalizer = self.normalizer
            out = (normalizer.normalize(line).text for line in out)
        yield from out
        if show is not None:
            sys.stderr.write("\n")

    def run(self, inputs: Sequence[str], output: str | None, errors: Errors = "strict") -> None:
        """Translate the files ``inputs`` (``-`` is stdin) into ``output`` (``None``: stdout).

        ``errors`` is what to do with bytes that are not UTF-8 (as for
        :func:`normtk.io.files.read_lines`).
        """
        from normtk.io.files import open_output, read_lines

        with open_output(output) as out:
            for name in inputs:
                for line in self.lines(read_lines(name, errors), progress=True):
                    out.write(line)
