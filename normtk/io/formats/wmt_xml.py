"""The WMT test-set format in XML (WMT21 and later): documents, ``src``, ``ref``, ``hyp``.

Text is taken as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from normtk.errors import InputError
from normtk.io.formats import ReadOptions
from normtk.io.formats._xml import parse_xml
from normtk.io.model import Corpus


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
    root = parse_xml(path)
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


def read(path: str, options: ReadOptions) -> Corpus:
    """Read a WMT XML corpus (the registry's entry point); it selects ``options.systems``."""
    return read_wmt_xml(path, options.systems)
