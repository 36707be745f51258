"""The choices a check run offers, and the rules on which of them go together.

The command line offers exactly these values; its flags map to the
parameters named in errors (``src_lang`` is ``--src-lang``).
"""

from __future__ import annotations

from normtk.errors import UsageError

#: Where documents (stories) begin and end in plain-text input (``doc_breaks``): every
#: segment is a story of its own (the default: nothing says otherwise), blank lines end
#: stories, or the whole file is one story.
DOC_BREAKS: tuple[str, ...] = ("segment", "blank", "file")

#: Which sides of the input to compare with (``compare``): both, or only one.
COMPARE: tuple[str, ...] = ("all", "ref", "src")


def _choice(value: str, choices: tuple[str, ...], parameter: str) -> str:
    if value not in choices:
        msg = f"{parameter}: unknown value {value!r} (choose from {', '.join(choices)})"
        raise UsageError(msg, parameter)
    return value


def sides(compare: str) -> tuple[bool, bool]:
    """Return ``(use_ref, use_src)`` for a value of :data:`COMPARE`."""
    _choice(compare, COMPARE, "compare")
    return compare != "src", compare != "ref"


def doc_breaks(value: str) -> str:
    """Return ``value`` if it is one of :data:`DOC_BREAKS`; :class:`UsageError` otherwise."""
    return _choice(value, DOC_BREAKS, "doc_breaks")


def source_language(
    src_lang: str | None, input_src_lang: str | None, *, has_src: bool, compare: str = "all"
) -> str | None:
    """Return the source language to check with: ``src_lang``, else the one the input gives.

    A source that is compared with needs its language (for its names and its
    numbers); :class:`UsageError` names ``src`` and ``src_lang`` otherwise.
    """
    language = src_lang or input_src_lang
    if has_src and sides(compare)[1] and language is None:
        msg = "src needs src_lang (the language of the source: uk, ru, es ...)"
        raise UsageError(msg, "src", "src_lang")
    return language


def read_doc_ids(path: str, segments: int) -> list[str | None]:
    """Read one document id per line of ``path`` (a WMT ``docids`` file), one per segment.

    Consecutive segments with the same id are one document. :class:`InputError`
    names the file when it cannot be read or has another number of lines.
    """
    from pathlib import Path

    from normtk.errors import InputError

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read document ids: {error}"
        raise InputError(msg) from None
    if len(lines) != segments:
        msg = f"{path}: {len(lines)} document ids for {segments} segments"
        raise InputError(msg)
    return [line.strip() or None for line in lines]
