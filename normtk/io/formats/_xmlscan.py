"""A lexer over the characters of an XML document, for editing text without re-serializing.

lxml parses and validates the document first (:mod:`normtk.io.formats._xml`);
this lexer then walks the same characters and reports where each element
starts and ends and where each run of character data lies, so that an editor
can replace a few characters of text and leave every other byte as it was
(attribute quoting, white space, entity references, comments). A document that
lxml accepted is well-formed, which is what makes a regular lexer enough.

>>> [(t.kind, t.name) for t in scan('<a x="1"><b/>hi &amp; bye</a>')]
[('start', 'a'), ('empty', 'b'), ('text', ''), ('end', 'a')]
>>> decode("hi &amp; bye", 10)
('hi & bye', [10, 11, 12, 13, 18, 19, 20, 21, 22])
>>> decode("a\\r\\nb", 0)
('a\\nb', [0, 1, 3, 4])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from normtk.errors import InputError

_TOKEN = re.compile(
    r"""
      (?P<comment><!--.*?-->)
    | (?P<cdata><!\[CDATA\[.*?\]\]>)
    | (?P<pi><\?.*?\?>)
    | (?P<doctype><!DOCTYPE(?:[^>"']|"[^"]*"|'[^']*')*>)
    | (?P<end></(?P<end_name>[^\s>]+)\s*>)
    | (?P<start><(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*?)(?P<empty>/)?>)
    | (?P<text>[^<]+)
    """,
    re.S | re.X,
)
_ATTR = re.compile(r"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical unit: ``kind`` is start, empty, end, text, cdata, comment, pi or doctype.

    ``name`` is the element's local name (prefix dropped) for start, empty and
    end tags; ``start:end`` are its offsets in the document.
    """

    kind: str
    name: str
    start: int
    end: int
    attrs: dict[str, str]


def scan(text: str, path: str = "") -> Iterator[Token]:
    """Yield the tokens of a well-formed XML document in order."""
    position = 0
    size = len(text)
    while position < size:
        match = _TOKEN.match(text, position)
        if match is None:
            line = text.count("\n", 0, position) + 1
            msg = f"{path}:{line}: cannot read the XML at this point"
            raise InputError(msg)
        kind = match.lastgroup or "text"
        if kind == "end_name":
            kind = "end"
        name = ""
        attrs: dict[str, str] = {}
        if kind == "start":
            name = _local(match["name"])
            attrs = {
                _local(key): unescape(double if double is not None else single)
                for key, double, single in _ATTR.findall(match["attrs"] or "")
                if not key.startswith("xmlns")
            }
            if match["empty"]:
                kind = "empty"
        elif kind == "end":
            name = _local(match["end_name"])
        yield Token(kind, name, match.start(), match.end(), attrs)
        position = match.end()


def decode(raw: str, base: int, cdata: bool = False) -> tuple[str, list[int] | None]:
    """Return the character data of ``raw`` (found at offset ``base``) and where each char starts.

    The list has one offset per character plus the end, so that characters
    ``i:j`` of the data are ``raw[at[i] - base : at[j] - base]``; it is
    ``None`` when the data is ``raw`` itself (character ``i`` at ``base + i``).
    References (``&amp;``, ``&#x41;``) are resolved and line ends normalized to
    ``\\n`` as an XML parser does; in CDATA (``cdata``) only line ends are.
    """
    if "\r" not in raw and (cdata or "&" not in raw):
        return raw, None
    chars: list[str] = []
    at: list[int] = []
    position = 0
    for match in [] if cdata else _REF.finditer(raw):
        _literal(raw, position, match.start(), base, chars, at)
        hexa, decimal, named = match.groups()
        chars.append(
            _NAMED[named] if named else chr(int(hexa, 16) if hexa else int(decimal or "0"))
        )
        at.append(base + match.start())
        position = match.end()
    _literal(raw, position, len(raw), base, chars, at)
    at.append(base + len(raw))
    return "".join(chars), at


def _literal(raw: str, start: int, end: int, base: int, chars: list[str], at: list[int]) -> None:
    """Append the characters ``raw[start:end]`` (line ends normalized) and their offsets."""
    while start < end:
        cr = raw.find("\r", start, end)
        stop = end if cr < 0 else cr
        chars.append(raw[start:stop])
        at.extend(range(base + start, base + stop))
        if cr < 0:
            return
        chars.append("\n")
        at.append(base + cr)
        start = cr + (2 if cr + 1 < end and raw[cr + 1] == "\n" else 1)


def escape(text: str) -> str:
    """Return ``text`` escaped for XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(value: str) -> str:
    """Return an attribute value with its references resolved."""

    def resolve(match: re.Match[str]) -> str:
        hexa, decimal, named = match.groups()
        if named:
            return _NAMED[named]
        return chr(int(hexa, 16) if hexa else int(decimal or "0"))

    return _REF.sub(resolve, value)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]
