"""XLIFF 1.2 and 2.x: read source and target of every unit, and rewrite target text in place.

Why lxml and not translate-toolkit: translate-toolkit's XLIFF store parses the
file into a tree and writes the whole tree back, which re-serializes every
byte (quoting, empty-element forms, namespace prefixes, white space between
attributes), while a desk needs the file back unchanged except inside the
names that were rewritten; it would also be a new dependency of some weight.
lxml is already one, parses untrusted XML safely
(:mod:`normtk.io.formats._xml`) and gives line numbers for errors. Reading
(for ``score`` and ``check``) uses lxml's tree. Rewriting uses lxml to
validate and a lexer (:mod:`normtk.io.formats._xmlscan`) over the same
characters to find each target's text runs; the two must agree on every
target's text, or the file is refused rather than edited blindly.

The text of a target is its character data with inline markup removed:
``<g>``, ``<mrk>``, ``<pc>`` keep their text, the native code of ``<bpt>``,
``<ept>``, ``<ph>``, ``<it>`` (and its ``<sub>``) is no text, and empty codes
(``<x/>``, ``<bx/>``, ``<sc/>``, ``<ph/>``) are nothing. A rewrite may change
characters only inside one run of text between two tags, so a name split by
a tag (``Ki<g>ev</g>``) is left alone, as is protected text (``<mrk
mtype="protected">`` in 1.2, ``<mrk translate="no">`` and the span from
``<sm translate="no"/>`` to its ``<em/>`` in 2.x) and every
unit marked ``translate="no"``. Sources and alternative translations
(``<alt-trans>``) are never touched.

>>> data = '''<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
... <file original="a" source-language="uk" target-language="en"><body>
... <trans-unit id="u1"><source>Київ</source><target>In <g id="1">Kiev</g></target></trans-unit>
... </body></file></xliff>'''.encode()
>>> [(t.unit, t.text) for t in edit("a.xlf", data).targets]
[('u1', 'In Kiev')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from normtk.errors import InputError
from normtk.io.formats import ReadOptions
from normtk.io.formats._xml import (
    decode_utf8,
    local,
    parse_xml,
    primary_language,
    read_bytes,
    text_without,
)
from normtk.io.formats._xmlscan import Token, decode, escape, scan
from normtk.io.formats.text import system_name
from normtk.io.model import Corpus

NAMESPACES = {
    "1": "urn:oasis:names:tc:xliff:document:1.2",
    "2": "urn:oasis:names:tc:xliff:document:2.0",
}
#: The versions read and written; 2.1 and 2.2 keep the 2.0 namespace.
VERSIONS = {"1.2": "1", "2.0": "2", "2.1": "2", "2.2": "2"}
#: Inline elements whose content is native code, not text.
_CODE = {
    "1": frozenset({"bpt", "ept", "ph", "it", "sub", "x", "bx", "ex"}),
    "2": frozenset({"ph", "sc", "ec", "sm", "em", "cp"}),
}
_UNIT = {"1": "trans-unit", "2": "unit"}
_TARGET_PARENT = {"1": "trans-unit", "2": "segment"}
_SCOPES = frozenset({"file", "group", "unit", "trans-unit"})


def version_of(path: str, root: Any) -> str:
    """Return the major version (``"1"`` or ``"2"``) of an XLIFF root; InputError if unknown."""
    where = f"{_name(path)}:{root.sourceline}"
    if local(root.tag) != "xliff":
        msg = f"{where}: not an XLIFF file (the root element is <{local(root.tag)}>)"
        raise InputError(msg)
    version = root.get("version")
    if version not in VERSIONS:
        msg = f"{where}: unknown XLIFF version {version!r} (supported: {', '.join(VERSIONS)})"
        raise InputError(msg)
    major = VERSIONS[version]
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace != NAMESPACES[major]:
        msg = f"{where}: XLIFF {version} elements must be in the namespace {NAMESPACES[major]}"
        raise InputError(msg)
    return major


@dataclass(frozen=True, slots=True)
class _Unit:
    """One target of the tree: where it is, its ids, whether to translate, source and target."""

    line: int
    file: str
    file_number: int
    unit: str
    segment: str | None
    translate: bool
    source: str
    target: str | None


def _units(path: str, root: Any) -> tuple[str, list[_Unit]]:
    """Return the major version and every translatable segment of the tree, in order."""
    major = version_of(path, root)
    ns = NAMESPACES[major]
    units: list[_Unit] = []
    for number, file in enumerate(root.iter(f"{{{ns}}}file")):
        file_id = file.get("original") or file.get("id") or str(number + 1)
        for unit in file.iter(f"{{{ns}}}{_UNIT[major]}"):
            unit_id = unit.get("id") or str(len(units) + 1)
            translate = _translate(unit)
            if major == "1":
                holders = [(unit, None)]
            else:
                holders = [(s, s.get("id")) for s in unit.iterchildren(f"{{{ns}}}segment")]
            for holder, segment in holders:
                source = holder.find(f"{{{ns}}}source")
                target = holder.find(f"{{{ns}}}target")
                units.append(
                    _Unit(
                        (target if target is not None else holder).sourceline,
                        file_id,
                        number,
                        unit_id,
                        segment,
                        translate,
                        text_of(source, major) if source is not None else "",
                        text_of(target, major) if target is not None else None,
                    )
                )
    return major, units


def _translate(element: Any) -> bool:
    """Return whether an element (and the groups and file around it) is to be translated."""
    while element is not None:
        value = element.get("translate") if local(element.tag) in _SCOPES else None
        if value is not None:
            return bool(value != "no")
        element = element.getparent()
    return True


def text_of(element: Any, major: str) -> str:
    """Return the text of a source or target element: character data without native code."""
    return text_without(element, _CODE[major])


def read(path: str, options: ReadOptions) -> Corpus:  # noqa: ARG001 - the registry's signature
    """Read an XLIFF file: the source and the target of every unit (segment in 2.x).

    The system is named after the file; units marked ``translate="no"`` are
    skipped; a unit without a target is an :class:`InputError` naming its line.
    """
    root = parse_xml(path)
    major, units = _units(path, root)
    kept = [unit for unit in units if unit.translate]
    for unit in kept:
        if unit.target is None:
            msg = f"{_name(path)}:{unit.line}: unit {unit.unit} has no <target>"
            raise InputError(msg)
    if not kept:
        msg = f"{_name(path)}: no units to translate"
        raise InputError(msg)
    ns = NAMESPACES[major]
    if major == "1":
        first = root.find(f"{{{ns}}}file")
        src_lang = first.get("source-language") if first is not None else None
        tgt_lang = first.get("target-language") if first is not None else None
    else:
        src_lang, tgt_lang = root.get("srcLang"), root.get("trgLang")
    several = {u.unit for u in kept if u.segment is not None and _count(kept, u.unit) > 1}
    return Corpus(
        [unit.source for unit in kept],
        [],
        {system_name(path): [unit.target or "" for unit in kept]},
        seg_ids=[
            f"{u.unit}:{u.segment}" if u.unit in several and u.segment else u.unit for u in kept
        ],
        doc_ids=[unit.file for unit in kept],
        src_lang=primary_language(src_lang),
        tgt_lang=primary_language(tgt_lang),
    )


def _count(units: Sequence[_Unit], unit_id: str) -> int:
    return sum(1 for unit in units if unit.unit == unit_id)


@dataclass(frozen=True, slots=True)
class Run:
    """One run of character data inside a target: ``text[start:end]`` of it.

    Character ``i`` of the run starts at ``at[i]`` in the document, or at
    ``base + i`` when ``at`` is ``None`` (no references, no carriage returns).
    """

    start: int
    end: int
    base: int
    at: tuple[int, ...] | None
    cdata: bool
    editable: bool

    def offset(self, i: int) -> int:
        """Return where character ``i`` of the run starts in the document (``i`` may be its end)."""
        return self.base + i if self.at is None else self.at[i]


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace characters ``start:end`` of the document with ``text`` (already escaped)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Target:
    """The text of one target element, and where each of its characters is in the document.

    ``file`` counts the ``<file>`` elements from 0 (a document of its own each),
    ``unit`` and ``segment`` are the ids, ``line`` the line of the target tag.
    """

    file: int
    unit: str
    segment: str | None
    line: int
    translate: bool
    text: str
    runs: tuple[Run, ...]

    def splice(self, start: int, end: int, replacement: str) -> Splice | None:
        """Return the edit writing ``replacement`` for ``text[start:end]``.

        ``None`` when the span is not inside one editable run (a tag splits it,
        or it is protected), or a CDATA section could not hold the replacement.
        """
        for run in self.runs:
            if run.start <= start and end <= run.end and start < run.end:
                if not run.editable or (run.cdata and "]]>" in replacement):
                    return None
                text = replacement if run.cdata else escape(replacement)
                return Splice(run.offset(start - run.start), run.offset(end - run.start), text)
        return None


@dataclass(frozen=True, slots=True)
class Edit:
    """An XLIFF document open for editing: its characters and the text of every target."""

    path: str
    content: str
    targets: tuple[Target, ...]
    newlines: tuple[int, ...]

    def line(self, offset: int) -> int:
        """Return the 1-based line holding character ``offset`` of the document."""
        return bisect.bisect_right(self.newlines, offset - 1) + 1

    def apply(self, splices: Sequence[Splice]) -> str:
        """Return the document with ``splices`` made; everything else is left as it is."""
        pieces: list[str] = []
        position = 0
        for splice in sorted(splices, key=lambda s: s.start):
            pieces.append(self.content[position : splice.start])
            pieces.append(splice.text)
            position = splice.end
        pieces.append(self.content[position:])
        return "".join(pieces)


def edit(path: str, data: bytes | None = None) -> Edit:
    """Open an XLIFF file (UTF-8) for editing its targets; every other byte stays as it is.

    A unit to translate without a target, an unknown version or malformed
    XML is an :class:`InputError` naming the file and the line. The ids and
    ``translate`` flags come from lxml's tree, the character offsets from the
    lexer; the two must find the same targets with the same text.
    """
    if data is None:
        data = read_bytes(path)
    root = parse_xml(path, data)
    major, units = _units(path, root)
    for unit in units:
        if unit.translate and unit.target is None:
            msg = f"{_name(path)}:{unit.line}: unit {unit.unit} has no <target>"
            raise InputError(msg)
    content = decode_utf8(path, data)
    newlines = tuple(match.start() for match in re.finditer("\n", content))
    found = list(_runs(path, content, major, newlines))
    trees = [unit for unit in units if unit.target is not None]
    if len(found) != len(trees):
        msg = f"{_name(path)}: cannot match the targets of the file one to one; left as it is"
        raise InputError(msg)
    targets: list[Target] = []
    for unit, (line, text, runs) in zip(trees, found, strict=True):
        if (line, text) != (unit.line, unit.target):
            msg = (
                f"{_name(path)}:{unit.line}: cannot locate the text of this target exactly; "
                "the file is left as it is"
            )
            raise InputError(msg)
        targets.append(
            Target(unit.file_number, unit.unit, unit.segment, line, unit.translate, text, runs)
        )
    return Edit(path, content, tuple(targets), newlines)


def _runs(
    path: str, content: str, major: str, newlines: Sequence[int]
) -> Iterator[tuple[int, str, tuple[Run, ...]]]:
    """Yield the line, the text and the text runs of every target the lexer finds, in order."""
    code = _CODE[major]
    parent = _TARGET_PARENT[major]
    stack: list[str] = []
    tokens = scan(content, _name(path))
    for token in tokens:
        if token.kind in ("start", "empty") and token.name == "target" and stack[-1:] == [parent]:
            line = bisect.bisect_right(newlines, token.start - 1) + 1
            if token.kind == "empty":
                yield line, "", ()
            else:
                yield (line, *_content(tokens, content, code, major))
        elif token.kind == "start":
            stack.append(token.name)
        elif token.kind == "end" and stack:
            stack.pop()


def _content(
    tokens: Iterator[Token], content: str, code: frozenset[str], major: str
) -> tuple[str, tuple[Run, ...]]:
    """Read a target's content from the lexer up to its end tag: its text and text runs."""
    inner: list[Token] = []  # open inline elements inside the target
    markers: set[str] = set()  # open <sm translate="no"/> ... <em/> spans (2.x)
    text: list[str] = []
    runs: list[Run] = []
    size = 0
    for token in tokens:
        if token.kind == "end":
            if not inner:
                break
            inner.pop()
            continue
        if token.kind == "start":
            inner.append(token)
            continue
        if token.kind == "empty" and token.name == "sm" and token.attrs.get("translate") == "no":
            markers.add(token.attrs.get("id", ""))
        elif token.kind == "empty" and token.name == "em":
            markers.discard(token.attrs.get("startRef", ""))
        if token.kind not in ("text", "cdata") or any(t.name in code for t in inner):
            continue
        cdata = token.kind == "cdata"
        begin, finish = (token.start + 9, token.end - 3) if cdata else (token.start, token.end)
        chars, at = decode(content[begin:finish], begin, cdata=cdata)
        editable = not markers and not any(_protected(t, major) for t in inner)
        offsets = None if at is None else tuple(at)
        runs.append(Run(size, size + len(chars), begin, offsets, cdata, editable))
        text.append(chars)
        size += len(chars)
    return "".join(text), tuple(runs)


def _protected(token: Token, major: str) -> bool:
    if token.name != "mrk":
        return False
    if major == "1":
        return token.attrs.get("mtype") == "protected"
    return token.attrs.get("translate") == "no"


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path
