"""Parallel corpora for scoring and checking: sources, references and system outputs.

Four input formats give the same :class:`Corpus`:

- ``text`` — plain text, one segment a line, one file per system / reference /
  source (the default; line counts must agree);
- ``tsv`` — one file with a header row naming the columns;
- ``jsonl`` — one JSON object a line;
- ``wmt-xml`` — the WMT test-set format (documents with ids and original
  language, ``src``, ``ref`` per translator and ``hyp`` per system).

In TSV and JSONL the column (key) names are those of sacrebleu's WMT fields:
``src``, ``ref`` or ``ref:NAME`` (several references), ``hyp`` (a system named
after the file stem) or ``hyp:NAME``, and optionally ``doc_id``, ``seg_id`` and
``origlang``. In JSONL, ``ref`` may also hold a list of references and ``hyp``
an object mapping system names to outputs.

As sacrebleu's command line does, trailing white space is removed from every
line of plain-text and TSV input; XML and JSON text is taken as written.

>>> corpus = Corpus(src=None, refs=[["Talks in Kyiv"]], hyps={"a": ["Talks in Kiev"]})
>>> [segment.hyps["a"] for segment in corpus.segments()]
['Talks in Kiev']
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from normtk.errors import InputError, UsageError
from normtk.io.files import Errors, read_lines

Format = Literal["auto", "text", "tsv", "jsonl", "wmt-xml"]
FORMATS: tuple[str, ...] = ("auto", "text", "tsv", "jsonl", "wmt-xml")

_META = ("doc_id", "seg_id", "origlang")


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment of a corpus: its position, ids, source, references and outputs.

    ``index`` counts from 0 across the whole corpus; ``seg_id`` is the id the
    input gave (the 1-based line number for plain text).
    """

    index: int
    seg_id: str
    doc_id: str | None
    src: str | None
    refs: tuple[str, ...]
    hyps: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Document:
    """A run of segments sharing one document id: indices ``start`` to ``end`` (exclusive)."""

    id: str
    origlang: str | None
    start: int
    end: int


@dataclass(slots=True)
class Corpus:
    """Line-aligned sources, references and system outputs, stored column by column.

    ``refs`` holds one list per reference (sacrebleu's shape) and ``hyps`` one
    list per system; every list has one entry per segment. ``doc_ids``,
    ``seg_ids`` and ``origlangs`` default to no document, the 1-based segment
    number and unknown.
    """

    src: list[str] | None
    refs: list[list[str]]
    hyps: dict[str, list[str]]
    ref_names: list[str] = field(default_factory=list)
    seg_ids: list[str] = field(default_factory=list)
    doc_ids: list[str | None] = field(default_factory=list)
    origlangs: list[str | None] = field(default_factory=list)
    src_lang: str | None = None
    tgt_lang: str | None = None

    def __post_init__(self) -> None:
        size = self._size()
        if not self.ref_names:
            self.ref_names = [f"ref{i + 1}" if i else "ref" for i in range(len(self.refs))]
        if not self.seg_ids:
            self.seg_ids = [str(i + 1) for i in range(size)]
        if not self.doc_ids:
            self.doc_ids = [None] * size
        if not self.origlangs:
            self.origlangs = [None] * size
        columns: list[tuple[str, Sequence[object]]] = [
            *((name, ref) for name, ref in zip(self.ref_names, self.refs, strict=True)),
            *self.hyps.items(),
            ("seg_ids", self.seg_ids),
            ("doc_ids", self.doc_ids),
            ("origlangs", self.origlangs),
        ]
        if self.src is not None:
            columns.append(("src", self.src))
        for name, column in columns:
            if len(column) != size:
                msg = f"corpus column {name} has {len(column)} entries, expected {size}"
                raise InputError(msg)

    def _size(self) -> int:
        if self.src is not None:
            return len(self.src)
        if self.refs:
            return len(self.refs[0])
        if self.hyps:
            return len(next(iter(self.hyps.values())))
        return 0

    def __len__(self) -> int:
        return self._size()

    @property
    def systems(self) -> list[str]:
        """The names of the systems, in input order."""
        return list(self.hyps)

    def system(self, name: str) -> list[str]:
        """Return the outputs of system ``name``; :class:`InputError` if it is not there."""
        try:
            return self.hyps[name]
        except KeyError:
            msg = f"no system {name!r} in the input (systems: {', '.join(self.hyps) or 'none'})"
            raise InputError(msg) from None

    def select(self, names: Sequence[str]) -> Corpus:
        """Return the corpus with only the systems ``names``, in that order."""
        return Corpus(
            self.src,
            self.refs,
            {name: self.system(name) for name in names},
            self.ref_names,
            self.seg_ids,
            self.doc_ids,
            self.origlangs,
            self.src_lang,
            self.tgt_lang,
        )

    def slice(self, start: int, end: int) -> Corpus:
        """Return segments ``start:end`` as a corpus of their own (ids and languages kept)."""
        return Corpus(
            self.src[start:end] if self.src is not None else None,
            [ref[start:end] for ref in self.refs],
            {name: hyp[start:end] for name, hyp in self.hyps.items()},
            self.ref_names,
            self.seg_ids[start:end],
            self.doc_ids[start:end],
            self.origlangs[start:end],
            self.src_lang,
            self.tgt_lang,
        )

    def segments(self) -> Iterator[Segment]:
        """Yield the segments in order."""
        for i in range(len(self)):
            yield Segment(
                i,
                self.seg_ids[i],
                self.doc_ids[i],
                self.src[i] if self.src is not None else None,
                tuple(ref[i] for ref in self.refs),
                {name: hyp[i] for name, hyp in self.hyps.items()},
            )

    def documents(self) -> list[Document]:
        """Return the runs of consecutive segments with one document id.

        Without document ids the whole corpus is one document with id ``""``.
        """
        documents: list[Document] = []
        start = 0
        for i in range(1, len(self) + 1):
            if i == len(self) or self.doc_ids[i] != self.doc_ids[start]:
                doc_id = self.doc_ids[start]
                documents.append(Document(doc_id or "", self.origlangs[start], start, i))
                start = i
        return documents


def system_name(path: str) -> str:
    """Name a system after its file: the stem, or what follows ``.hyp.`` in WMT file names.

    >>> system_name("txt/generaltest2022.uk-en.hyp.Online-B.en")
    'Online-B'
    >>> system_name("out/nmt.txt")
    'nmt'
    """
    base = Path(path).name
    if ".hyp." in base:
        name = base.split(".hyp.", 1)[1]
        return name.rsplit(".", 1)[0] if "." in name else name
    return Path(path).stem or base


def detect_format(path: str) -> str:
    """Guess the input format from a file name: ``.tsv``, ``.jsonl``, ``.xml``, else text."""
    lower = path.lower()
    for suffix, name in ((".tsv", "tsv"), (".jsonl", "jsonl"), (".xml", "wmt-xml")):
        if lower.endswith((suffix, suffix + ".gz")):
            return name
    return "text"


def read_text_column(path: str, errors: Errors = "strict") -> list[str]:
    """Return the lines of a plain-text file without trailing white space.

    An empty file (or a directory, a missing file, invalid UTF-8) is an
    :class:`InputError` naming it.
    """
    lines = [line.rstrip() for line in read_lines(path, errors)]
    if not lines:
        msg = f"{path}: empty file"
        raise InputError(msg)
    return lines


def read_plain(
    hyps: Sequence[str],
    refs: Sequence[str] = (),
    src: str | None = None,
    names: Sequence[str] | None = None,
    errors: Errors = "strict",
) -> Corpus:
    """Read line-aligned plain-text files: one per system, reference and the source.

    Systems are named by ``names`` or after their files (:func:`system_name`).
    Files whose line counts differ are an :class:`InputError` naming both.
    """
    hyp_names = _names(hyps, names)
    columns: list[tuple[str, list[str]]] = []
    src_lines = None
    if src is not None:
        src_lines = read_text_column(src, errors)
        columns.append((src, src_lines))
    ref_lines = []
    for ref in refs:
        lines = read_text_column(ref, errors)
        ref_lines.append(lines)
        columns.append((ref, lines))
    hyp_lines = {}
    for name, hyp in zip(hyp_names, hyps, strict=True):
        lines = read_text_column(hyp, errors)
        hyp_lines[name] = lines
        columns.append((hyp, lines))
    if columns:
        first, first_lines = columns[0]
        for other, lines in columns[1:]:
            if len(lines) != len(first_lines):
                msg = (
                    f"line counts differ: {first} has {len(first_lines)} lines, "
                    f"{other} has {len(lines)}"
                )
                raise InputError(msg)
    return Corpus(src_lines, ref_lines, hyp_lines, ref_names=list(refs))


def _names(paths: Sequence[str], names: Sequence[str] | None) -> list[str]:
    if names is not None:
        if len(names) != len(paths):
            msg = f"{len(names)} names given for {len(paths)} system files"
            raise UsageError(msg)
        chosen = list(names)
    else:
        chosen = [system_name(p) for p in paths]
    seen: set[str] = set()
    for name, path in zip(chosen, paths, strict=True):
        if name in seen:
            msg = f"two systems named {name!r} ({path}); give distinct names with --names"
            raise UsageError(msg)
        seen.add(name)
    return chosen


class _Rows:
    """Collects records (column -> text) into a :class:`Corpus`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.src: list[str] = []
        self.has_src = False
        self.refs: dict[str, list[str]] = {}
        self.hyps: dict[str, list[str]] = {}
        self.meta: dict[str, list[str | None]] = {key: [] for key in _META}
        self.count = 0
        self.keys: set[str] = set()

    def add(self, where: str, record: Mapping[str, str | list[str] | None]) -> None:
        keys: set[str] = set()
        for key, value in record.items():
            if key in _META:
                self.meta[key].append(None if value is None else str(value))
                keys.add(key)
            elif key == "src":
                self.src.append(self._text(where, key, value))
                self.has_src = True
                keys.add(key)
            elif key == "ref" and isinstance(value, list):
                for i, text in enumerate(value):
                    self._column(self.refs, "ref" if i == 0 else f"ref{i + 1}").append(
                        self._text(where, key, text)
                    )
                    keys.add(f"ref#{i}")
            elif key == "ref" or key.startswith("ref:"):
                self._column(self.refs, key).append(self._text(where, key, value))
                keys.add(key)
            elif key == "hyp" or key.startswith("hyp:"):
                name = system_name(self.path) if key == "hyp" else key[4:]
                if not name:
                    msg = f"{where}: empty system name in column {key!r}"
                    raise InputError(msg)
                self._column(self.hyps, name).append(self._text(where, key, value))
                keys.add(key)
            else:
                msg = (
                    f"{where}: unknown column {key!r} "
                    "(expected src, ref, ref:NAME, hyp, hyp:NAME, doc_id, seg_id, origlang)"
                )
                raise InputError(msg)
        if self.count == 0:
            self.keys = keys
        elif keys != self.keys:
            missing = sorted(self.keys ^ keys)
            msg = f"{where}: fields differ from the first record ({', '.join(missing)})"
            raise InputError(msg)
        self.count += 1

    @staticmethod
    def _column(columns: dict[str, list[str]], key: str) -> list[str]:
        return columns.setdefault(key, [])

    @staticmethod
    def _text(where: str, key: str, value: object) -> str:
        if not isinstance(value, str):
            msg = f"{where}: {key} must be a string, not {type(value).__name__}"
            raise InputError(msg)
        return value

    def corpus(self) -> Corpus:
        if self.count == 0:
            msg = f"{self.path}: no segments"
            raise InputError(msg)
        seg_ids = self.meta["seg_id"]
        return Corpus(
            self.src if self.has_src else None,
            list(self.refs.values()),
            self.hyps,
            ref_names=list(self.refs),
            seg_ids=[s or str(i + 1) for i, s in enumerate(seg_ids)] if seg_ids else [],
            doc_ids=self.meta["doc_id"],
            origlangs=self.meta["origlang"],
        )


def read_tsv(path: str, errors: Errors = "strict") -> Corpus:
    """Read a TSV file whose header row names the columns (``src``, ``ref``, ``hyp:NAME`` ...)."""
    lines = read_lines(path, errors)
    header_line = next(lines, None)
    if header_line is None or not header_line.strip():
        msg = f"{path}: empty file" if header_line is None else f"{path}:1: empty header row"
        raise InputError(msg)
    header = header_line.rstrip("\r\n").split("\t")
    if len(set(header)) != len(header):
        msg = f"{path}:1: a column name is repeated in the header"
        raise InputError(msg)
    rows = _Rows(path)
    for number, line in enumerate(lines, start=2):
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) != len(header):
            msg = f"{path}:{number}: {len(cells)} fields, the header has {len(header)}"
            raise InputError(msg)
        rows.add(f"{path}:{number}", {k: v.rstrip() for k, v in zip(header, cells, strict=True)})
    return rows.corpus()


def read_jsonl(path: str, errors: Errors = "strict") -> Corpus:
    """Read a JSON Lines file: one object a line with ``src``, ``ref``, ``hyp`` ... keys."""
    rows = _Rows(path)
    for number, line in enumerate(read_lines(path, errors), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: invalid JSON: {exc.msg} at column {exc.colno}"
            raise InputError(msg) from None
        if not isinstance(record, dict):
            msg = f"{where}: expected a JSON object, got {type(record).__name__}"
            raise InputError(msg)
        hyp = record.get("hyp")
        if isinstance(hyp, dict):
            del record["hyp"]
            record.update({f"hyp:{name}": text for name, text in hyp.items()})
        rows.add(where, record)
    if rows.count == 0:
        msg = f"{path}: empty file"
        raise InputError(msg)
    return rows.corpus()


def read_wmt_xml(
    path: str,
    systems: Sequence[str] | None = None,
    translators: Sequence[str] | None = None,
) -> Corpus:
    """Read a WMT test set in XML (WMT21 and later): documents, ``src``, ``ref``, ``hyp``.

    ``systems`` selects system outputs (default: all) and ``translators`` the
    references (default: all, in file order); naming one that is not in the file
    is an :class:`InputError`. As sacrebleu does, test-suite documents and
    segments that have no reference at all are skipped.
    """
    root = _parse_xml(path)
    docs = [doc for doc in root.iter("doc") if "testsuite" not in doc.attrib]
    if not docs:
        msg = f"{path}: no <doc> elements; not a WMT XML test set"
        raise InputError(msg)

    found_systems: dict[str, None] = {}
    found_translators: dict[str, None] = {}
    src_lang = tgt_lang = None
    for doc in docs:
        for element in doc.iterchildren("hyp"):
            found_systems.setdefault(element.get("system") or "", None)
        for element in doc.iterchildren("ref"):
            found_translators.setdefault(element.get("translator") or "", None)
            tgt_lang = tgt_lang or element.get("lang")
        for element in doc.iterchildren("src"):
            src_lang = src_lang or element.get("lang")
    wanted_systems = list(found_systems) if systems is None else list(systems)
    for name in wanted_systems:
        if name not in found_systems:
            msg = (
                f"{path}: no system {name!r} in the file "
                f"(systems: {', '.join(found_systems) or 'none'})"
            )
            raise InputError(msg)
    wanted_refs = list(found_translators) if translators is None else list(translators)
    for name in wanted_refs:
        if name not in found_translators:
            msg = (
                f"{path}: no reference by translator {name!r} "
                f"(translators: {', '.join(found_translators) or 'none'})"
            )
            raise InputError(msg)

    src: list[str] = []
    refs: dict[str, list[str]] = {name: [] for name in wanted_refs}
    hyps: dict[str, list[str]] = {name: [] for name in wanted_systems}
    seg_ids: list[str] = []
    doc_ids: list[str | None] = []
    origlangs: list[str | None] = []
    for doc in docs:
        doc_id = doc.get("id") or ""
        sources = _sides(path, doc, "src", None)
        if not sources:
            msg = (
                f"{path}:{doc.sourceline}: document {doc_id} has no <src>; "
                "a WMT test set gives the source of every document"
            )
            raise InputError(msg)
        src_segs = sources[""]
        ref_segs = _sides(path, doc, "ref", "translator")
        hyp_segs = _sides(path, doc, "hyp", "system")
        for seg_id, text in src_segs.items():
            if ref_segs and not any(segs.get(seg_id) for segs in ref_segs.values()):
                continue
            src.append(text)
            for name in wanted_refs:
                refs[name].append(ref_segs.get(name, {}).get(seg_id, ""))
            for name in wanted_systems:
                if name not in hyp_segs or seg_id not in hyp_segs[name]:
                    msg = f"{path}: document {doc_id}: system {name!r} has no segment {seg_id}"
                    raise InputError(msg)
                hyps[name].append(hyp_segs[name][seg_id])
            seg_ids.append(seg_id)
            doc_ids.append(doc_id)
            origlangs.append(doc.get("origlang"))
    if not src:
        msg = f"{path}: no segments with a reference; nothing to read"
        raise InputError(msg)
    return Corpus(
        src,
        list(refs.values()),
        hyps,
        ref_names=[f"ref:{name}" if name else "ref" for name in refs],
        seg_ids=seg_ids,
        doc_ids=doc_ids,
        origlangs=origlangs,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )


def _parse_xml(path: str) -> Any:
    from lxml import etree

    file = Path(path)
    if file.is_dir():
        msg = f"{path}: is a directory, not a file"
        raise InputError(msg)
    if not file.exists():
        msg = f"{path}: no such file"
        raise InputError(msg)
    if file.stat().st_size == 0:
        msg = f"{path}: empty file"
        raise InputError(msg)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.parse(str(file), parser).getroot()
    except etree.XMLSyntaxError as exc:
        msg = f"{path}: not valid XML: {exc}"
        raise InputError(msg) from None


def _sides(path: str, doc: Any, tag: str, key: str | None) -> dict[str, dict[str, str]]:
    """Return the segments of each ``tag`` child of ``doc``, by its ``key`` attribute.

    Two children with the same ``key`` (two sources, two references by one
    translator, two outputs of one system) and a segment id used twice in one
    of them are an :class:`InputError` naming the line.
    """
    doc_id = doc.get("id") or ""
    sides: dict[str, dict[str, str]] = {}
    first: dict[str, int] = {}
    for element in doc.iterchildren(tag):
        name = (element.get(key) if key else None) or ""
        if name in sides:
            label = f"<{tag} {key}={name!r}>" if key else f"<{tag}>"
            msg = (
                f"{path}:{element.sourceline}: document {doc_id}: a second {label} "
                f"(the first is at line {first[name]})"
            )
            raise InputError(msg)
        first[name] = element.sourceline
        segs: dict[str, str] = {}
        lines: dict[str, int] = {}
        for seg in element.iter("seg"):
            seg_id = seg.get("id") or str(len(segs) + 1)
            if seg_id in segs:
                msg = (
                    f"{path}:{seg.sourceline}: document {doc_id}: <{tag}> has segment id "
                    f"{seg_id} twice (the first is at line {lines[seg_id]})"
                )
                raise InputError(msg)
            segs[seg_id] = seg.text or ""
            lines[seg_id] = seg.sourceline
        sides[name] = dict(sorted(segs.items(), key=lambda item: _seg_key(item[0])))
    return sides


def _seg_key(seg_id: str) -> tuple[int, str]:
    return (int(seg_id), "") if seg_id.isdigit() else (1 << 62, seg_id)


def read_corpus(
    inputs: Sequence[str],
    refs: Sequence[str] = (),
    src: str | None = None,
    *,
    names: Sequence[str] | None = None,
    systems: Sequence[str] | None = None,
    input_format: str = "auto",
    errors: Errors = "strict",
) -> Corpus:
    """Read a corpus in any supported format; the one entry point the commands use.

    ``inputs`` are system outputs in plain text (with ``refs`` and ``src`` files
    beside them), or exactly one TSV, JSONL or WMT XML file that holds
    everything. ``systems`` keeps only the named systems; ``names`` renames
    plain-text systems. ``input_format`` is one of :data:`FORMATS`.
    """
    if input_format not in FORMATS:
        msg = f"unknown input format {input_format!r} (choose from {', '.join(FORMATS)})"
        raise UsageError(msg)
    if not inputs:
        msg = "no input files given"
        raise UsageError(msg)
    kinds = {detect_format(p) if input_format == "auto" else input_format for p in inputs}
    if len(kinds) > 1:
        msg = f"inputs mix formats ({', '.join(sorted(kinds))}); give one kind at a time"
        raise UsageError(msg)
    kind = kinds.pop()
    if kind == "text":
        corpus = read_plain(inputs, refs, src, names, errors)
    else:
        if len(inputs) != 1:
            msg = f"a {kind} input holds every system; give one file, not {len(inputs)}"
            raise UsageError(msg)
        if refs or src is not None:
            msg = f"a {kind} input holds its own references and source; drop --ref/--src"
            raise UsageError(msg)
        if kind == "wmt-xml":
            corpus = read_wmt_xml(inputs[0], systems)
            systems = None
        elif kind == "tsv":
            corpus = read_tsv(inputs[0], errors)
        else:
            corpus = read_jsonl(inputs[0], errors)
        if names is not None:
            if len(names) != len(corpus.hyps):
                msg = f"{len(names)} names given for {len(corpus.hyps)} systems"
                raise UsageError(msg)
            corpus.hyps = dict(zip(names, corpus.hyps.values(), strict=True))
    if systems is not None:
        corpus = corpus.select(systems)
    return corpus
