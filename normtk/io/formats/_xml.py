"""Reading XML that nobody vouches for: no DTD, no entity expansion, no network.

Every XML format (WMT XML, XLIFF, TMX) is parsed here, by lxml with
``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False``.
Before lxml sees a byte, a document type with an internal subset (where entity
declarations live: the "billion laughs" attack) is refused, so no entity is
ever declared, let alone expanded. A ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``
without a subset is accepted and its DTD never loaded.

Errors name the file and the line: ``story.xlf:12: not valid XML: ...``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from normtk.errors import InputError

#: The prolog's parts before the root element: declaration, comments, PIs, white space.
_PROLOG = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^>\[\"']|\"[^\"]*\"|'[^']*')*(?P<subset>\[)?", re.S)
_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"'](?P<encoding>[^\"']+)")


def read_bytes(path: str) -> bytes:
    """Return the bytes of ``path`` (stdin for ``-``); a missing or empty file is an InputError."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if file.is_dir():
            msg = f"{path}: is a directory, not a file"
            raise InputError(msg)
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            msg = f"{path}: no such file"
            raise InputError(msg) from None
        except PermissionError:
            msg = f"{path}: permission denied"
            raise InputError(msg) from None
    if not data.strip():
        msg = f"{_name(path)}: empty file"
        raise InputError(msg)
    return data


def refuse_dtd_subset(path: str, data: bytes) -> None:
    """Raise InputError if the document type declares an internal subset (entities)."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG.match(data, position):
        position = match.end()
    doctype = _DOCTYPE.match(data, position)
    if doctype is not None and doctype["subset"]:
        line = data.count(b"\n", 0, position) + 1
        msg = (
            f"{_name(path)}:{line}: a document type with an internal subset (entity "
            "declarations) is not accepted"
        )
        raise InputError(msg)


def parse_xml(path: str, data: bytes | None = None) -> Any:
    """Parse ``data`` (read from ``path`` if not given) safely and return the root element."""
    from lxml import etree

    if data is None:
        data = read_bytes(path)
    refuse_dtd_subset(path, data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        reason = (exc.msg or str(exc)).split(", line ")[0]
        msg = f"{_name(path)}:{line}: not valid XML: {reason}"
        raise InputError(msg) from None


def decode_utf8(path: str, data: bytes) -> str:
    """Return ``data`` decoded as UTF-8 (a BOM kept as U+FEFF), or an InputError naming the line."""
    declared = _ENCODING.match(data)
    encoding = declared["encoding"].decode("ascii", "replace") if declared else None
    if data.startswith(_BOMS) or (encoding and encoding.lower() not in ("utf-8", "utf8")):
        msg = (
            f"{_name(path)}:1: only UTF-8 XML can be rewritten byte for byte, not "
            f"{encoding or 'UTF-16'}; convert it to UTF-8"
        )
        raise InputError(msg)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        msg = f"{_name(path)}:{line}: invalid UTF-8 at byte {exc.start}"
        raise InputError(msg) from None


def local(tag: object) -> str:
    """Return the local name of an lxml tag (``{ns}target`` -> ``target``); "" for comments."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_without(element: Any, code: frozenset[str]) -> str:
    """Return the character data of ``element``, leaving out elements named in ``code``."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local(child.tag)
            if name and name not in code:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def primary_language(code: str | None) -> str | None:
    """Return the primary subtag of a language tag, as normtk names languages (``uk-UA`` -> ``uk``).

    >>> primary_language("uk-UA"), primary_language("EN_gb"), primary_language(None)
    ('uk', 'en', None)
    """
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].strip().lower() or None
