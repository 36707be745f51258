"""TMX translation memories: the source and the target variant of every translation unit.

A ``<tu>`` holds one ``<tuv xml:lang="...">`` per language (``lang`` in TMX
1.1). ``lang`` picks the translation, ``src_lang`` the source (default: the
header's ``srclang`` unless it is ``*all*``). A language matches a variant
exactly (``en-GB``) or by its primary subtag (``en`` matches ``en-GB`` when no
other English variant is in the unit). The text of a ``<seg>`` is its
character data without the native code of ``<bpt>``, ``<ept>``, ``<ph>``,
``<it>`` and ``<ut>``; ``<hi>`` keeps its text. Parsed with lxml like every
XML format (:mod:`normtk.io.formats._xml`).
"""

from __future__ import annotations

from typing import Any

from normtk.errors import InputError, UsageError
from normtk.io.formats import ReadOptions
from normtk.io.formats._xml import local, parse_xml, primary_language, text_without
from normtk.io.formats.text import system_name
from normtk.io.model import Corpus

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})


def read(path: str, options: ReadOptions) -> Corpus:
    """Read a TMX file: the ``options.lang`` variant of every unit, and the source variant.

    A unit without the chosen variant is an :class:`InputError` naming its line.
    """
    if not options.lang:
        msg = "a TMX input needs lang, the language of the translation to read"
        raise UsageError(msg, "lang")
    root = parse_xml(path)
    if local(root.tag) != "tmx":
        msg = f"{path}:{root.sourceline}: not a TMX file (the root element is <{local(root.tag)}>)"
        raise InputError(msg)
    header = root.find("header")
    header_lang = header.get("srclang") if header is not None else None
    src_lang = options.src_lang or (header_lang if header_lang not in (None, "*all*") else None)
    body = root.find("body")
    units = list(body.iterchildren("tu")) if body is not None else []
    if not units:
        msg = f"{path}: no <tu> translation units"
        raise InputError(msg)
    src: list[str] = []
    hyp: list[str] = []
    seg_ids: list[str] = []
    for number, unit in enumerate(units, start=1):
        unit_id = unit.get("tuid") or str(number)
        hyp.append(_variant(path, unit, unit_id, options.lang))
        if src_lang is not None:
            src.append(_variant(path, unit, unit_id, src_lang))
        seg_ids.append(unit_id)
    return Corpus(
        src if src_lang is not None else None,
        [],
        {system_name(path): hyp},
        seg_ids=seg_ids,
        src_lang=primary_language(src_lang),
        tgt_lang=primary_language(options.lang),
    )


def _variant(path: str, unit: Any, unit_id: str, lang: str) -> str:
    """Return the text of the variant of ``unit`` in ``lang``; InputError if none or two fit."""
    variants = [(tuv.get(_XML_LANG) or tuv.get("lang") or "", tuv) for tuv in unit.iter("tuv")]
    wanted = lang.lower()
    chosen = [tuv for code, tuv in variants if code.lower() == wanted]
    if not chosen:
        chosen = [tuv for code, tuv in variants if code.lower().split("-")[0] == wanted]
    if len(chosen) != 1:
        have = ", ".join(code for code, _ in variants) or "none"
        problem = "no" if not chosen else "more than one"
        msg = f"{path}:{unit.sourceline}: unit {unit_id} has {problem} {lang} variant ({have})"
        raise InputError(msg)
    seg = chosen[0].find("seg")
    if seg is None:
        msg = f"{path}:{chosen[0].sourceline}: unit {unit_id}: the {lang} variant has no <seg>"
        raise InputError(msg)
    return text_without(seg, _CODE)
