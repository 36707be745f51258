"""Wire-copy conventions for translation: what passes through untouched, and sentences.

A line of wire copy is cut into *pieces*: some are copied verbatim, the rest are
sentences for the model. What is copied verbatim:

* **leading and trailing whitespace** of the line, and the whitespace between
  sentences, exactly as written;
* **blank lines** (nothing to translate);
* a **slug line**: the whole line is one keyword token of at least two parts
  joined by ``/``, ``-`` or ``_``, the first part in capitals
  (``UKRAINE-CRISIS/KREMLIN``, ``BC-EU--Russia-Ukraine``, ``RUSSIA_TALKS``);
* a **dateline** at the start of a line: a place (and at most one region
  after a comma), then a date and/or an agency in parentheses, then a dash
  and a space (``KYIV, March 21 (Reuters) -``, ``WASHINGTON (AP) —``,
  ``ST. PETERSBURG, Russia, March 3 (Reuters) -``, ``Moscú, 21 mar (EFE).-``).
  The place must be in capitals unless an agency is given; a date must
  contain a digit. The dateline is kept byte for byte (month names are not
  translated); house style for the place name is the job of ``--normalize``;
* a **sign-off** at the end of a line: the initials of writer and editors
  (``mos/jgb``, ``(Reporting by ...)`` is ordinary text and is translated).

Everything else is split into sentences (after ``.``, ``!``, ``?``, ``…`` and
closing quotes, before an upper-case letter, digit or opening quote; not
after common abbreviations and single initials) and translated one sentence
at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = "-–—―"
_SLUG = re.compile(r"[^\W_]+(?:[/_-]+[^\W_]+)+")
_DATELINE = re.compile(
    r"(?P<head>[^()\n]{1,80}?)(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*\.?\s*(?:--|[" + _DASHES + r"])\s+"
)
_PLACE = re.compile(r"[^\W\d_]+(?:[ .'’-]+[^\W\d_]+){0,4}\.?")
_DATE = re.compile(r"[^\W_]+(?:[ .]+[^\W_]+){0,4}\.?")
_SIGN_OFF = re.compile(r"\s+[a-z]{2,4}(?:/[a-z]{2,4})+\s*$")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*(\s+)[\"'“‘«(\[¿¡]?(?P<next>\w)")
# Words whose period does not end a sentence; the second set only before a number (No. 5).
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm",
        "gov", "sen", "rep", "st", "mt", "ft", "jr", "sr", "vs", "etc", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
        "corp", "dept", "univ", "approx", "fig", "sra", "srta", "dña", "dra", "av", "pág",
    }
)  # fmt: skip
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "núm", "art", "p", "pp"})


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a line: ``translate`` says whether the model sees it or it is copied."""

    text: str
    translate: bool


def is_slug(line: str) -> bool:
    """Return whether ``line`` (without its newline) is a wire slug line.

    >>> is_slug("UKRAINE-CRISIS/KREMLIN"), is_slug("Anti-war protest")
    (True, False)
    """
    token = line.strip()
    if not _SLUG.fullmatch(token):
        return False
    first = re.split(r"[/_-]+", token)[0]
    return len(first) >= 2 and first.isupper()


def dateline_length(line: str) -> int:
    """Return the length of the dateline that starts ``line``, or 0.

    >>> line = "KYIV, March 21 (Reuters) - Talks resumed."
    >>> line[: dateline_length(line)]
    'KYIV, March 21 (Reuters) - '
    >>> dateline_length("NATO - the alliance said")
    0
    """
    match = _DATELINE.match(line)
    if match is None:
        return 0
    place, *rest = (part.strip() for part in match["head"].split(","))
    agency = match["agency"]
    date = rest.pop() if rest and any(ch.isdigit() for ch in rest[-1]) else None
    if not _PLACE.fullmatch(place) or len(rest) > 1:
        return 0
    if rest and not (_PLACE.fullmatch(rest[0]) and rest[0][0].isupper()):
        return 0
    if date is not None and not _DATE.fullmatch(date):
        return 0
    if date is None and agency is None:
        return 0
    if agency is None and not place.isupper():
        return 0
    return match.end()


def split_sentences(text: str) -> list[Piece]:
    """Split ``text`` into sentences, keeping the whitespace between them as copied pieces.

    >>> [p.text for p in split_sentences("Mr. Kuleba spoke. He left.")]
    ['Mr. Kuleba spoke.', ' ', 'He left.']
    """
    pieces: list[Piece] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start(1)
        if match["next"].islower():
            continue
        word = re.search(r"(\w+)\W*$", text[start:end])
        last = word[1].lower() if word else ""
        if (
            last in _ABBREVIATIONS
            or (last in _NUMBER_ABBREVIATIONS and match["next"].isdigit())
            or (word and len(word[1]) == 1 and word[1].isupper())
        ):
            continue
        pieces.append(Piece(text[start:end], translate=True))
        pieces.append(Piece(match[1], translate=False))
        start = match.end(1)
    pieces.append(Piece(text[start:], translate=True))
    return [p for p in pieces if p.text]


def pieces(line: str) -> list[Piece]:
    """Cut one line (without its newline) into copied and translated pieces.

    Joining the ``text`` of the pieces gives ``line`` back exactly.

    >>> [(p.text, p.translate) for p in pieces("  MOSCOW (EFE) - Talks go on. ")]
    [('  ', False), ('MOSCOW (EFE) - ', False), ('Talks go on.', True), (' ', False)]
    """
    body = line.strip()
    if not body:
        return [Piece(line, translate=False)] if line else []
    lead = line[: len(line) - len(line.lstrip())]
    trail = line[len(line.rstrip()) :]
    out = [Piece(lead, translate=False)]
    if is_slug(body):
        out.append(Piece(body, translate=False))
    else:
        cut = dateline_length(body)
        if cut:
            out.append(Piece(body[:cut], translate=False))
            body = body[cut:]
        sign_off = _SIGN_OFF.search(body)
        tail = ""
        if sign_off and sign_off.start() > 0:
            body, tail = body[: sign_off.start()], body[sign_off.start() :]
        out.extend(split_sentences(body))
        out.append(Piece(tail, translate=False))
    out.append(Piece(trail, translate=False))
    return [p for p in out if p.text]
