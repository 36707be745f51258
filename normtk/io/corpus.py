"""Reading a parallel corpus in any registered format: the one entry point the commands use.

The formats (:mod:`normtk.io.formats`) give the same :class:`Corpus`:

- ``text`` — plain text, one segment a line, one file per system / reference /
  source (the default; line counts must agree);
- ``tsv`` — one file with a header row naming the columns;
- ``jsonl`` — one JSON object a line;
- ``wmt-xml`` — the WMT test-set format (documents with ids and original
  language, ``src``, ``ref`` per translator and ``hyp`` per system);
- ``xliff`` — XLIFF 1.2 and 2.x: source and target of every unit (references
  from a second XLIFF file, matched by unit id, or plain text);
- ``tmx`` — a TMX translation memory: the variants in the source and the
  target language of every unit.

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

from collections.abc import Sequence

from normtk.errors import InputError, UsageError
from normtk.io.files import Errors
from normtk.io.formats import INPUT_FORMATS, ReadOptions, detect_format, get_format
from normtk.io.formats.jsonl import read_jsonl
from normtk.io.formats.text import read_plain, read_text_column, system_name
from normtk.io.formats.tsv import read_tsv
from normtk.io.formats.wmt_xml import read_wmt_xml
from normtk.io.model import Corpus, Document, Segment

#: The input formats (``auto`` first), from the registry.
FORMATS: tuple[str, ...] = INPUT_FORMATS

__all__ = [
    "FORMATS",
    "Corpus",
    "Document",
    "Segment",
    "detect_format",
    "read_corpus",
    "read_jsonl",
    "read_plain",
    "read_text_column",
    "read_tsv",
    "read_wmt_xml",
    "system_name",
]


def read_corpus(
    inputs: Sequence[str],
    refs: Sequence[str] = (),
    src: str | None = None,
    *,
    names: Sequence[str] | None = None,
    systems: Sequence[str] | None = None,
    input_format: str = "auto",
    errors: Errors = "strict",
    lang: str | None = None,
    src_lang: str | None = None,
) -> Corpus:
    """Read a corpus in any supported format; the one entry point the commands use.

    ``inputs`` are system outputs in plain text (with ``refs`` and ``src`` files
    beside them), exactly one TSV, JSONL or WMT XML file that holds
    everything, or XLIFF / TMX files (one per system) whose references are
    ``refs`` (files of the same format, matched by unit id, or plain text).
    ``systems`` keeps only the named systems; ``names`` renames the systems.
    ``lang`` and ``src_lang`` pick the TMX variants. ``input_format`` is one of
    :data:`FORMATS`.
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
    spec = get_format(kinds.pop())
    options = ReadOptions(errors, systems, lang, src_lang)
    if spec.holds == "column":
        corpus = read_plain(inputs, refs, src, names, errors)
    elif spec.holds == "pairs":
        if src is not None:
            msg = f"a {spec.name} input holds its own source; drop src"
            raise UsageError(msg, "src")
        corpus = _read_pairs(spec.name, inputs, refs, options)
        corpus = _rename(corpus, names)
    else:
        if len(inputs) != 1:
            msg = f"a {spec.name} input holds every system; give one file, not {len(inputs)}"
            raise UsageError(msg)
        if refs or src is not None:
            msg = f"a {spec.name} input holds its own references and source; drop --ref/--src"
            raise UsageError(msg)
        corpus = spec.reader()(inputs[0], options)
        if spec.name == "wmt-xml":
            systems = None  # the reader selected them
        corpus = _rename(corpus, names)
    if systems is not None:
        corpus = corpus.select(systems)
    return corpus


def _rename(corpus: Corpus, names: Sequence[str] | None) -> Corpus:
    if names is not None:
        if len(names) != len(corpus.hyps):
            msg = f"{len(names)} names given for {len(corpus.hyps)} systems"
            raise UsageError(msg)
        corpus.hyps = dict(zip(names, corpus.hyps.values(), strict=True))
    return corpus


def _read_pairs(
    kind: str, inputs: Sequence[str], refs: Sequence[str], options: ReadOptions
) -> Corpus:
    """Read XLIFF or TMX files (one per system) and their references, aligned by segment id."""
    read = get_format(kind).reader()
    first = read(inputs[0], options)
    hyps = dict(first.hyps)
    for path in inputs[1:]:
        other = read(path, options)
        for name, column in other.hyps.items():
            if name in hyps:
                msg = f"two systems named {name!r} ({path}); give distinct names with --names"
                raise UsageError(msg)
            hyps[name] = _align(first.seg_ids, other.seg_ids, column, path)
    ref_columns: list[list[str]] = []
    for path in refs:
        if detect_format(path) == kind:
            ref_corpus = read(path, options)
            column = next(iter(ref_corpus.hyps.values()))
            ref_columns.append(_align(first.seg_ids, ref_corpus.seg_ids, column, path))
        else:
            lines = read_text_column(path, options.errors)
            if len(lines) != len(first):
                msg = (
                    f"line counts differ: {inputs[0]} has {len(first)} segments, "
                    f"{path} has {len(lines)} lines"
                )
                raise InputError(msg)
            ref_columns.append(lines)
    return Corpus(
        first.src,
        ref_columns,
        hyps,
        ref_names=list(refs),
        seg_ids=first.seg_ids,
        doc_ids=first.doc_ids,
        origlangs=first.origlangs,
        src_lang=first.src_lang,
        tgt_lang=first.tgt_lang,
    )


def _align(ids: list[str], other_ids: list[str], column: list[str], path: str) -> list[str]:
    """Return ``column`` (segments ``other_ids``) in the order of ``ids``."""
    by_id = dict(zip(other_ids, column, strict=True))
    if len(by_id) != len(other_ids) or len(set(ids)) != len(ids):
        if len(column) != len(ids):
            msg = f"{path}: {len(column)} segments, expected {len(ids)}"
            raise InputError(msg)
        return column  # ids repeat: align by position
    missing = [seg_id for seg_id in ids if seg_id not in by_id]
    if missing:
        msg = f"{path}: no segment {missing[0]!r} (of {len(missing)} missing)"
        raise InputError(msg)
    return [by_id[seg_id] for seg_id in ids]
