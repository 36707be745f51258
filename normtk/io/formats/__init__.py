"""The registry of corpus formats: one module per format, imported only when used.

Each format names its module, the file suffixes that select it under
``auto``, what one file of it holds, and its reader (every format) and
editor (the formats ``normtk normalize`` rewrites in place of plain text).
The CLI's ``--input-format`` choices are :data:`INPUT_FORMATS`; a new format is
one new module and one entry here, as sacrebleu registers its tokenizers.

What one file holds decides what may stand beside it:

- ``column``: one side (a system, a reference or the source); files line up;
- ``corpus``: source, references and every system (TSV, JSONL, WMT XML);
- ``pairs``: source and one translation per segment (XLIFF, TMX); references
  come from further files of the same format (matched by unit id) or plain text.

>>> detect_format("story.en.xlf")
'xliff'
>>> FORMATS["tmx"].holds
'pairs'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.io.formats.xliff import Edit
    from normtk.io.model import Corpus

Holds = Literal["column", "corpus", "pairs"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may need besides the path: decoding, systems and languages.

    ``systems`` keeps only the named systems (formats that hold several);
    ``lang`` and ``src_lang`` pick the language variants of a TMX unit.
    """

    errors: Errors = "strict"
    systems: Sequence[str] | None = None
    lang: str | None = None
    src_lang: str | None = None


@dataclass(frozen=True, slots=True)
class Format:
    """One registered format: its name, module, suffixes, what a file holds, its entry points."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    holds: Holds
    description: str
    editable: bool = False

    def reader(self) -> Callable[[str, ReadOptions], Corpus]:
        """Return the format's reader, ``read(path, options) -> Corpus``."""
        reader: Callable[[str, ReadOptions], Corpus] = self._entry("read")
        return reader

    def editor(self) -> Callable[[str, bytes | None], Edit]:
        """Return the format's editor, ``edit(path, data)``: the target texts and a splicer."""
        if not self.editable:
            msg = f"{self.name} files cannot be rewritten; choose from {', '.join(EDIT_FORMATS)}"
            raise UsageError(msg)
        editor: Callable[[str, bytes | None], Edit] = self._entry("edit")
        return editor

    def _entry(self, name: str) -> Any:
        return getattr(importlib.import_module(f"normtk.io.formats.{self.module}"), name)


#: Every format, in the order the CLI lists them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "text", (), "column", "plain text, one segment a line"),
        Format("tsv", "tsv", (".tsv",), "corpus", "TSV with a header row naming the columns"),
        Format("jsonl", "jsonl", (".jsonl",), "corpus", "JSON Lines, one segment an object"),
        Format("wmt-xml", "wmt_xml", (".xml",), "corpus", "the WMT test-set XML (WMT21+)"),
        Format(
            "xliff",
            "xliff",
            (".xlf", ".xliff", ".sdlxliff", ".mqxliff"),
            "pairs",
            "XLIFF 1.2 and 2.x, source and target per unit",
            editable=True,
        ),
        Format("tmx", "tmx", (".tmx",), "pairs", "TMX translation memory (xml:lang variants)"),
    )
}
#: The choices of ``--input-format``: ``auto`` (by suffix, else text) and every format.
INPUT_FORMATS: tuple[str, ...] = ("auto", *FORMATS)
#: The formats ``normtk normalize`` writes: plain text and the editable ones.
EDIT_FORMATS: tuple[str, ...] = ("auto", "text", *(f.name for f in FORMATS.values() if f.editable))


def detect_format(path: str) -> str:
    """Guess a file's format from its name (also under ``.gz``); plain text if no suffix fits.

    >>> detect_format("newstest.tsv.gz"), detect_format("story.en")
    ('tsv', 'text')
    """
    lower = path.lower()
    for spec in FORMATS.values():
        for suffix in spec.suffixes:
            if lower.endswith((suffix, suffix + ".gz")):
                return spec.name
    return "text"


def get_format(name: str, path: str | None = None) -> Format:
    """Return the format ``name`` (``auto``: detected from ``path``); UsageError if unknown."""
    if name == "auto":
        name = detect_format(path or "")
    try:
        return FORMATS[name]
    except KeyError:
        msg = f"unknown input format {name!r} (choose from {', '.join(INPUT_FORMATS)})"
        raise UsageError(msg) from None
