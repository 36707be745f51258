"""Wire-copy QA: what an editor must fix in machine-translated copy, segment by segment.

A :class:`Checker` compares each hypothesis segment with its reference and/or
source and reports :class:`Finding` objects, each with the segment, the
character span in the hypothesis, a severity and, where one is known, a fix:

===========================  ==========================================================
kind                         what it means
===========================  ==========================================================
``off-style``                a name spelled off the house style (Kiev → Kyiv)
``ambiguous-name``           a name that may be several entities, some of them off style
``missing-entity``           an entity of the reference or source that the output lacks
``added-entity``             an entity that neither the reference nor the source names
``inconsistent-spelling``    one entity spelled two ways (both in style) in one document
``number-changed``           a number of the reference/source replaced by another
``number-missing``           a number of the reference/source not in the output
``number-added``             a number in the output that no other side has
``untranslated``             the segment is a copy of the source or still in its script
``untranslated-words``       words of the source script left inside a translated segment
``unbalanced``               a quote or bracket opened and not closed (or the reverse)
===========================  ==========================================================

Severity follows the evidence. A missing entity or number is an ``error`` when
the reference and the source both have it, a ``warning`` when only one side was
given (or the other could not show it: a name the gazetteer does not know in the
source language), and ``info`` when only the reference has it although the
source could show it (the reference translator added it). A number replaced by
another is an error on the word of one side. Added entities and numbers are
warnings; quotes are checked only where the source and reference are balanced
themselves, since WMT segments sometimes cut a quotation in two.

>>> from normtk import Gazetteer
>>> checker = Checker(Gazetteer.load(), lang="en", src_lang="uk")
>>> hyp, src = ["Talks in Kiev on 1.5 million"], ["Переговори у Києві про 2,5 млн"]
>>> [(f.kind, f.text, f.fix) for f in checker.check_texts(hyp, src=src)]
[('off-style', 'Kiev', 'Kyiv'), ('number-changed', '1.5 million', '2,5 млн')]
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from normtk.errors import UsageError
from normtk.folding import fold, is_word_char
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Alias, Part
from normtk.io.corpus import Corpus
from normtk.languages import language_code
from normtk.normalize import Mention, Normalizer
from normtk.source.finder import SourceFinder

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
DocBreaks = Literal["none", "blank"]

#: Every kind of finding, in the order a report lists them.
KINDS: tuple[str, ...] = (
    "off-style",
    "ambiguous-name",
    "missing-entity",
    "added-entity",
    "inconsistent-spelling",
    "number-changed",
    "number-missing",
    "number-added",
    "untranslated",
    "untranslated-words",
    "unbalanced",
)

#: Groups of kinds that ``checks=`` can switch on and off.
CHECKS: dict[str, tuple[str, ...]] = {
    "style": ("off-style", "ambiguous-name"),
    "entities": ("missing-entity", "added-entity"),
    "consistency": ("inconsistent-spelling",),
    "numbers": ("number-changed", "number-missing", "number-added"),
    "untranslated": ("untranslated", "untranslated-words"),
    "brackets": ("unbalanced",),
}


def severity_rank(severity: str) -> int:
    """Return 0 for info, 1 for warning, 2 for error; :class:`UsageError` for anything else."""
    try:
        return SEVERITIES.index(severity)  # type: ignore[arg-type,unused-ignore]
    except ValueError:
        msg = f"unknown severity {severity!r} (choose from {', '.join(SEVERITIES)})"
        raise UsageError(msg) from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one hypothesis segment.

    ``segment`` is the 1-based position of the segment in the input (the line
    number for plain text); ``doc_id`` and ``seg_id`` are the ids the input
    gave (WMT XML), ``seg_id`` being the line number for plain text.
    ``start:end`` is the span in the hypothesis segment; a finding about the
    segment as a whole (a missing entity, an untranslated segment) spans all
    of it. ``fix`` is the suggested replacement of that span, or for a
    missing entity or number the text to add; ``None`` when no fix is safe.
    ``basis`` names the sides the finding rests on (``ref``, ``src``,
    ``style``, ``document``).
    """

    system: str
    segment: int
    seg_id: str
    doc_id: str | None
    kind: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    fix: str | None = None
    entity: str | None = None
    basis: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        """Return ``doc_id:seg_id`` for documents with ids, else the segment number."""
        return f"{self.doc_id}:{self.seg_id}" if self.doc_id else str(self.segment)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a JSON-ready dict."""
        data = asdict(self)
        data["basis"] = list(self.basis)
        return data


@dataclass(frozen=True, slots=True)
class EntityProblems:
    """The findings about one entity in one system's output."""

    entity: str
    total: int
    by_kind: Mapping[str, int]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of one system's findings by kind and severity, and the entities most at fault."""

    system: str
    segments: int
    total: int
    by_severity: Mapping[str, int]
    by_kind: Mapping[str, Mapping[str, int]]
    entities: tuple[EntityProblems, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {
            "system": self.system,
            "segments": self.segments,
            "total": self.total,
            "by_severity": dict(self.by_severity),
            "by_kind": {kind: dict(counts) for kind, counts in self.by_kind.items()},
            "entities": [
                {
                    "entity": e.entity,
                    "total": e.total,
                    "by_kind": dict(e.by_kind),
                    "examples": list(e.examples),
                }
                for e in self.entities
            ],
        }


def summarize(findings: Iterable[Finding], system: str, segments: int, top: int = 10) -> Summary:
    """Count ``findings`` of ``system`` by kind and severity; list the ``top`` entities."""
    own = [f for f in findings if f.system == system]
    by_severity = Counter(f.severity for f in own)
    by_kind: dict[str, Counter[str]] = {}
    for finding in own:
        by_kind.setdefault(finding.kind, Counter())[finding.severity] += 1
    per_entity: dict[str, list[Finding]] = {}
    for finding in own:
        if finding.entity:
            per_entity.setdefault(finding.entity, []).append(finding)
    ranked = sorted(per_entity.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    entities = tuple(
        EntityProblems(
            entity,
            len(items),
            dict(Counter(f.kind for f in items).most_common()),
            tuple(
                dict.fromkeys(
                    f.text for f in items if f.start < f.end and f.kind != "missing-entity"
                )
            )[:3],
        )
        for entity, items in ranked
    )
    return Summary(
        system,
        segments,
        len(own),
        {s: by_severity.get(s, 0) for s in reversed(SEVERITIES)},
        {kind: dict(by_kind[kind]) for kind in KINDS if kind in by_kind},
        entities,
    )


def fails(findings: Iterable[Finding], threshold: str) -> bool:
    """Tell whether any finding is at or above severity ``threshold`` (for CI gating)."""
    rank = severity_rank(threshold)
    return any(severity_rank(f.severity) >= rank for f in findings)


# --- numbers --------------------------------------------------------------------------------

#: Languages that write a decimal point (1.5) and comma thousands (1,500); the rest
#: write a decimal comma (1,5) and space or point thousands (1 500, 1.500).
DECIMAL_POINT_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "he", "hi", "th", "ms", "ga", "mt"})

_NUMBER = re.compile(r"\d+(?:(?:[,.'\u2019 \u00a0\u202f\u2009]|: ?)\d+)*")
_SPACES = " \u00a0\u202f\u2009"

_SCALES: dict[str, int] = {
    # en
    "thousand": 10**3,
    "thousands": 10**3,
    "k": 10**3,
    "hundred": 100,
    "million": 10**6,
    "millions": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    # uk
    "тис": 10**3,
    "тисяча": 10**3,
    "тисячі": 10**3,
    "тисяч": 10**3,
    "млн": 10**6,
    "мільйон": 10**6,
    "мільйона": 10**6,
    "мільйони": 10**6,
    "мільйонів": 10**6,
    "млрд": 10**9,
    "мільярд": 10**9,
    "мільярда": 10**9,
    "мільярди": 10**9,
    "мільярдів": 10**9,
    "трлн": 10**12,
    # ru
    "тыс": 10**3,
    "тысяча": 10**3,
    "тысячи": 10**3,
    "тысяч": 10**3,
    "миллион": 10**6,
    "миллиона": 10**6,
    "миллионов": 10**6,
    "миллиард": 10**9,
    "миллиарда": 10**9,
    "миллиардов": 10**9,
    # es, de, fr
    "mil": 10**3,
    "millón": 10**6,
    "millones": 10**6,
    "millionen": 10**6,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "mrd": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
}

_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]

_SPELLED: dict[str, Decimal] = {word: Decimal(n) for n, word in enumerate(_EN_UNITS)}
_SPELLED.update({word: Decimal(20 + 10 * n) for n, word in enumerate(_EN_TENS)})
_SPELLED.update({word: Decimal(n + 1) for n, word in enumerate(_EN_ORDINALS)})
_SPELLED.update({"a": Decimal(1), "an": Decimal(1), "dozen": Decimal(12), "half": Decimal("0.5")})
_SPELLED.update({word: Decimal(value) for word, value in _SCALES.items() if len(word) > 3})
# A few Ukrainian and Russian numerals in their common case forms.
for _value, _forms in {
    1: "один одна одне одного одній одним одно одной",
    2: "два дві двох двом двома две двумя",
    3: "три трьох трьом трьома трех трем тремя",
    4: "чотири чотирьох четыре четырех",
    5: "п'ять п’ять пʼять пять п'яти пяти",
    6: "шість шести шесть",
    7: "сім семи семь",
    8: "вісім восьми восемь",
    9: "дев'ять дев’ять девʼять девять",
    10: "десять десяти",
    12: "дванадцять двенадцать",
    20: "двадцять двадцать",
    100: "сто сотня",
}.items():
    for _form in _forms.split():
        _SPELLED[_form] = Decimal(_value)
_SPELLED.update({"півтора": Decimal("1.5"), "півтори": Decimal("1.5"), "полтора": Decimal("1.5")})
# Stems of Ukrainian and Russian ordinals in any case and gender (второго: second, 2).
_ORDINAL_STEMS: dict[str, Decimal] = {
    stem: Decimal(value)
    for value, stems in {
        1: "перш перв",
        2: "втор друг",  # Ukrainian другий; Russian друг (friend) only excuses a 2
        3: "трет",
        4: "четверт",
        5: "п'ят п’ят пʼят пят",
        6: "шост шест",
        7: "сьом седьм",
        8: "восьм",
        9: "дев'ят дев’ят девʼят девят",
        10: "десят",
    }.items()
    for stem in stems.split()
}
_WORD_RUN = re.compile(r"\w+")
_SPELLED_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019\u02bc][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Number:
    """A number in text: ``text`` at ``start:end`` and the values it may stand for.

    ``required`` numbers must be found on the other side (written in digits, not
    the month of a date); spelled-out numbers only ever satisfy another side.
    ``parts`` are the values of the groups of a number written with spaces
    (``3 410`` may be 3410, or 3 and 410 run together as in "April 3 410").
    """

    start: int
    end: int
    text: str
    values: frozenset[Decimal]
    required: bool = True
    parts: tuple[frozenset[Decimal], ...] = ()

    def found_in(self, values: set[Decimal]) -> bool:
        """Tell whether ``values`` (of another side) hold this number."""
        if self.values & values:
            return True
        return bool(self.parts) and all(part & values for part in self.parts)


_DATE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[./]((?:19|20)\d\d)")
_TIME = re.compile(r"([01]?\d|2[0-4])(: ?|\.)([0-5]\d)")
_SPECIAL = re.compile(
    r"(?<![\d.,:])(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{1,2}[./](?:19|20)\d\d"
    r"|(?:[01]?\d|2[0-4])(?:: ?|\.)[0-5]\d)(?![\d]|[.,:]\d)"
)
_THOUSANDS = _SPACES + "'\u2019"


def _interpret(
    groups: list[str], seps: list[str], decimal_point: bool, lenient: bool
) -> set[Decimal]:
    """Return the values that digit ``groups`` joined by ``seps`` (one number) may stand for."""
    digits = "".join(groups)
    marks = [s for s in seps if s in ",."]
    if not marks or (len(marks) > 1 and len(set(marks)) == 1):
        return {Decimal(digits).normalize()}  # 1500, 1 500, 1,500,000, 1.500.000
    integer, fraction = "".join(groups[:-1]), groups[-1]
    as_decimal = Decimal(f"{integer}.{fraction}").normalize()
    if len(set(marks)) == 2 or len(fraction) != 3 or len(seps) > 1:
        return {as_decimal}  # 1,500.25 / 1.500,25 / 1,5 / 1 500,250
    # One mark before three digits: 1,500 or 1.500, read by the language's convention.
    as_thousands = Decimal(digits).normalize()
    decimal_first = (marks[0] == ".") == decimal_point
    primary, other = (as_decimal, as_thousands) if decimal_first else (as_thousands, as_decimal)
    return {primary, other} if lenient else {primary}


def _split_run(text: str) -> list[tuple[int, int, list[str], list[str]]]:
    """Split digits and separators into numbers: ``(start, end, groups, seps)`` in ``text``.

    Spaces and apostrophes continue a number only as thousands separators (1 500);
    a decimal part ends it, so "2022 15" and "1,5, 2" are several numbers.
    """
    pieces = re.split(r"(\D+)", text)
    groups, seps = pieces[0::2], pieces[1::2]
    runs: list[tuple[int, int, list[str], list[str]]] = []
    current_groups: list[str] = [groups[0]]
    current_seps: list[str] = []
    run_start = 0
    position = len(groups[0])
    for sep, group in zip(seps, groups[1:], strict=True):
        thousands = len(current_groups[0]) <= 3 and all(len(g) == 3 for g in current_groups[1:])
        marks = [s for s in current_seps if s in ",."]
        ended = bool(marks) and (len(set(marks)) == 2 or len(current_groups[-1]) != 3)
        if sep not in _THOUSANDS and sep not in ",.":
            fits = False  # 2:1, or a time that is not one (25:00)
        elif sep in _THOUSANDS:
            fits = not marks and thousands and len(group) == 3
        elif not marks:
            fits = thousands and (len(group) == 3 or not current_seps or current_seps[-1] != sep)
        else:
            fits = thousands and (len(group) == 3 or sep != marks[-1])
        if fits and not ended:
            current_groups.append(group)
            current_seps.append(sep)
        else:
            runs.append((run_start, position, current_groups, current_seps))
            run_start = position + len(sep)
            current_groups, current_seps = [group], []
        position += len(sep) + len(group)
    runs.append((run_start, position, current_groups, current_seps))
    return runs


def extract_numbers(text: str, lang: str, *, lenient: bool = False) -> list[Number]:
    """Return the numbers written in ``text`` in the conventions of ``lang``.

    Digits with thousands separators (1,500 / 1.500 / 1 500) and decimal marks
    (1.5 / 1,5) are read by the language's convention; ``lenient`` adds the
    other reading where a number could be either (1,500 in English copy that
    kept the source's decimal comma). A scale word after a number (5 million,
    5 млн, 2,5 тис.) adds the scaled value. Spelled-out numbers (two, twenty,
    два) and the month of a numeric date come back with ``required=False``.

    >>> [(n.text, sorted(map(str, n.values))) for n in extract_numbers("1,5 млн і 1 500", "uk")]
    [('1,5 млн', ['1.5', '1.5E+6']), ('1 500', ['1.5E+3'])]
    >>> [sorted(map(str, n.values)) for n in extract_numbers("1,500 and 2.5%", "en")]
    [['1.5E+3'], ['2.5']]
    """
    decimal_point = lang in DECIMAL_POINT_LANGUAGES
    numbers: list[Number] = []
    masked = text
    for match in _SPECIAL.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isalpha():
            continue
        special = _special(text, match.start(), match.group(0))
        if special is not None:
            numbers.extend(special)
            masked = masked[: match.start()] + "|" * len(match.group(0)) + masked[match.end() :]
    for match in _NUMBER.finditer(masked):
        base, run = match.start(), match.group(0)
        if _code(text, base):
            # MH17, G-7, Формула-1: the digits glued to letters are part of a name, which
            # may satisfy a number elsewhere (Formula 1) but is not required; what follows
            # a separator ("S1000 130") is a number of its own.
            head = re.match(r"\d+", run)
            if head is not None:
                value = frozenset({Decimal(head.group(0)).normalize()})
                numbers.append(
                    Number(base, base + head.end(), head.group(0), value, required=False)
                )
            cut = re.search(r"\D+", run)
            if cut is None:
                continue
            base, run = base + cut.end(), run[cut.end() :]
        for start, end, groups, seps in _split_run(run):
            values = _interpret(groups, seps, decimal_point, lenient)
            stop, scaled = _scale(text, base + end, values)
            scaled |= _clock_twin(text, stop, values)
            parts: tuple[frozenset[Decimal], ...] = ()
            if any(sep in _SPACES for sep in seps):
                parts = tuple(frozenset({Decimal(g).normalize()}) for g in groups)
            numbers.append(
                Number(
                    base + start,
                    stop,
                    text[base + start : stop],
                    frozenset(values | scaled),
                    parts=parts,
                )
            )
    numbers.extend(_spelled(text))
    numbers.sort(key=lambda n: n.start)
    return numbers


def _code(text: str, start: int) -> bool:
    """Tell whether the digits at ``start`` are glued to letters: MH17, S1000, G-7, Su-25."""
    if start > 0 and text[start - 1].isalpha():
        return not _dimension(text, start)
    return start > 1 and text[start - 1] in "-\u2011" and text[start - 2].isalpha()


def _dimension(text: str, start: int) -> bool:
    """Tell whether the number at ``start`` follows a times sign between digits (130x185)."""
    return start >= 2 and text[start - 1] in "xх×X" and text[start - 2].isdigit()


def _special(text: str, base: int, run: str) -> list[Number] | None:
    """Read a date (21.03.2022, 03.2022) or a time (17:00, 14.30) as its parts, or ``None``.

    The month of a date is not required (copy writes it as a word); an hour
    stands for itself and its 12-hour twin (17:00 is "5 p.m."), and zero
    minutes are not a number to look for.
    """

    def number(start: int, end: int, values: set[Decimal], required: bool = True) -> Number:
        return Number(
            base + start,
            base + end,
            text[base + start : base + end],
            frozenset(v.normalize() for v in values),
            required,
        )

    date = _DATE.fullmatch(run)
    if date is not None:
        return [
            number(date.start(i), date.end(i), {Decimal(date.group(i))}, i != 3) for i in (1, 3, 4)
        ]
    month_year = _MONTH_YEAR.fullmatch(run)
    if month_year is not None:
        return [
            number(month_year.start(i), month_year.end(i), {Decimal(month_year.group(i))}, i == 2)
            for i in (1, 2)
        ]
    time = _TIME.fullmatch(run)
    if time is not None and (time.group(2) != "." or time.group(3) in {"00", "15", "30", "45"}):
        hour = int(time.group(1))
        hours = {Decimal(hour), Decimal(hour - 12 if hour > 12 else hour + 12)}
        if time.group(2) == ".":
            hours.add(Decimal(run))
        with_minutes = time.group(2) != "." and time.group(3) != "00"
        found = [number(0, time.end(1) if with_minutes else len(run), hours)]
        if with_minutes:
            found.append(number(time.start(3), time.end(3), {Decimal(time.group(3))}))
        return found
    return None


_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]?([^\W\d_]+)\.?")


def _scale(text: str, end: int, values: set[Decimal]) -> tuple[int, set[Decimal]]:
    """Return where a number ends with its scale word (5 млн), and the scaled values."""
    match = _SCALE_AFTER.match(text, end)
    if match is None:
        return end, set()
    scale = _SCALES.get(match.group(1).lower())
    if scale is None or (match.group(1) in {"m", "k"} and not match.group(0).startswith("m")):
        return end, set()
    word_end = match.end(1)
    if word_end < len(text) and is_word_char(text[word_end]):
        return end, set()
    return word_end, {(v * scale).normalize() for v in values}


_HOURS = re.compile(r"[ \u00a0]?(?:o'clock|o’clock|hours?\b|hrs\b|h\b|год|час)", re.IGNORECASE)


_DECADE = re.compile(r"(?:'?s\b|-?(?:х|х років|ті|е|ые|ых)\b)")


def _clock_twin(text: str, end: int, values: set[Decimal]) -> set[Decimal]:
    """Return the 12-hour twin of an hour (17 hours: 5), or the short decade (1920s: 20s)."""
    if _DECADE.match(text, end) is not None:
        return {v % 100 for v in values if v == v.to_integral() and 1000 <= v < 2100}
    if _HOURS.match(text, end) is None:
        return set()
    return {v - 12 if v > 12 else v + 12 for v in values if v == v.to_integral() and 0 < v <= 24}


def _spelled(text: str) -> list[Number]:
    """Return the spelled-out numbers of ``text`` (never required on the other side)."""
    numbers: list[Number] = []
    for match in _SPELLED_WORD.finditer(text):
        if numbers and match.start() < numbers[-1].end:
            continue  # the scale word of "two million"
        word = match.group(0).lower()
        value = _SPELLED.get(word)
        if value is None and "-" in word:  # twenty-five
            tens, _, unit = word.partition("-")
            if tens in _EN_TENS and unit in _EN_UNITS[1:10]:
                value = _SPELLED[tens] + _SPELLED[unit]
        if value is None and not word.isascii():
            value = next((v for stem, v in _ORDINAL_STEMS.items() if word.startswith(stem)), None)
        if value is None:
            continue
        end, scaled = _scale(text, match.end(), {value})
        if word in {"a", "an"} and not scaled:
            continue  # "a million" is a number, "a" alone is not
        numbers.append(
            Number(
                match.start(),
                end,
                text[match.start() : end],
                frozenset({value} | scaled),
                required=False,
            )
        )
    return numbers


# --- scripts, quotes and brackets -----------------------------------------------------------


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """Return the Unicode script family of a letter (``LATIN``, ``CYRILLIC`` ...), or ``""``."""
    if not char.isalpha():
        return ""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return ""
    head = name.split(" ", 1)[0]
    return "CJK" if head in {"CJK", "HIRAGANA", "KATAKANA"} else head


#: The script each language is written in, where it is not Latin.
LANGUAGE_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(("uk", "ru", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"), "CYRILLIC"),
    "el": "GREEK",
    **dict.fromkeys(("ar", "fa", "ur", "ps"), "ARABIC"),
    "he": "HEBREW",
    **dict.fromkeys(("zh", "ja"), "CJK"),
    "ko": "HANGUL",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    "hi": "DEVANAGARI",
    "th": "THAI",
}


def _script_shares(text: str) -> Counter[str]:
    return Counter(script for script in map(script_of, text) if script)


_PAIRS = {"(": ")", "[": "]", "«": "»", "\u2039": "\u203a"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def unbalanced(text: str) -> list[tuple[str, int]]:
    """Return ``(family, position)`` of each unmatched quote or bracket in ``text``.

    Families: ``()``, ``[]``, ``«»``, ``‹›``, curly double quotes (“ or „
    open, ” closes; “ closes after „), straight double quotes (an odd count,
    unless an inch mark after a digit makes it odd), and curly single quotes, where
    only an opening ‘ left unclosed counts, since ’ is also the apostrophe.

    >>> unbalanced("He said (twice: “no”")
    [('()', 8)]
    """
    problems: list[tuple[str, int]] = []
    stacks: dict[str, list[int]] = {}
    for position, char in enumerate(text):
        if char in _PAIRS:
            stacks.setdefault(char, []).append(position)
        elif char in _CLOSERS:
            stack = stacks.setdefault(_CLOSERS[char], [])
            if stack:
                stack.pop()
            else:
                problems.append((_CLOSERS[char] + char, position))
    for opener, stack in stacks.items():
        problems.extend((opener + _PAIRS[opener], position) for position in stack)

    low = "\u201e" in text
    openers = [i for i, c in enumerate(text) if c in {"\u201c", "\u201e"}]
    closers = [i for i, c in enumerate(text) if c == "\u201d" or (low and c == "\u201c")]
    if low:
        openers = [i for i in openers if text[i] == "\u201e"]
    depth: list[int] = []
    events = sorted([(i, 1) for i in openers] + [(i, -1) for i in closers])
    for position, kind in events:
        if kind == 1:
            depth.append(position)
        elif depth:
            depth.pop()
        else:
            problems.append(("“”", position))
    problems.extend(("“”", position) for position in depth)

    straight = [i for i, c in enumerate(text) if c == '"']
    inches = [i for i in straight if i > 0 and text[i - 1].isdigit()]
    if len(straight) % 2 and not (len(inches) % 2 and (len(straight) - len(inches)) % 2 == 0):
        problems.append(('""', straight[-1]))

    single_open = [i for i, c in enumerate(text) if c == "\u2018"]
    if single_open:
        single_close = [
            i
            for i, c in enumerate(text)
            if c == "\u2019"
            and not (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())
        ]
        if len(single_open) > len(single_close):
            problems.append(("‘’", single_open[-1]))
    return sorted(problems, key=lambda p: p[1])


_QUOTE_FAMILIES = frozenset({"«»", "‹›", "“”", '""', "‘’"})


# --- the checker ----------------------------------------------------------------------------


@dataclass(slots=True)
class _HypMention:
    """A hypothesis mention with its alias (for the parts of a person's name)."""

    mention: Mention
    alias: Alias | None
    segment: int


@dataclass(slots=True)
class _Side:
    """What one side of a segment (reference or source) names and counts."""

    name: str
    text: str
    entities: dict[str, str] = field(default_factory=dict)  # entity id -> first written form
    uncertain: set[str] = field(default_factory=set)  # candidates of unresolved mentions
    numbers: list[Number] = field(default_factory=list)


class Checker:
    """Check machine-translated copy against its reference and/or source.

    ``lang`` and ``style`` are the output language and house style (as for
    :class:`~normtk.normalize.Normalizer`); ``src_lang`` is the language of
    the source, for its entity names and number conventions; ``checks``
    selects groups of :data:`CHECKS` (default: all).

    >>> from normtk import Gazetteer
    >>> checker = Checker(Gazetteer.load(), lang="en")
    >>> [f.fix for f in checker.check_texts(["Shelling near Lugansk (again"])]
    ['Luhansk', None]
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        lang: str = "en",
        style: str | None = None,
        src_lang: str | None = None,
        checks: Iterable[str] | None = None,
    ) -> None:
        lang, src_lang = language_code(lang), src_lang and language_code(src_lang)
        self.gazetteer = gazetteer
        self.lang = lang
        self.style = style
        self.src_lang = src_lang
        # Without a style, any house style's form is in style (the checker has not
        # followed the normalizer's one-form default yet); a name in the source's
        # script is reported with its form.
        self.normalizer = Normalizer(
            gazetteer, lang=lang, style=style, keep_styled=style is None, rewrite_native=True
        )
        chosen = list(CHECKS) if checks is None else list(checks)
        unknown = [c for c in chosen if c not in CHECKS]
        if unknown:
            msg = f"unknown check {unknown[0]!r} (choose from {', '.join(CHECKS)})"
            raise UsageError(msg)
        self.kinds = frozenset(kind for check in chosen for kind in CHECKS[check])
        # Without a source language, names in the source are found only as written.
        self._source_finder = SourceFinder(gazetteer, src_lang or "")
        self._aliases: dict[tuple[str, str], Alias] = {}
        for alias in gazetteer.aliases():
            self._aliases.setdefault((alias.entity_id, alias.text), alias)
        # Weak evidence of an entity: derived words and lower-case names (see _derived_english).
        self._weak: dict[str, set[str]] = {}
        self._weak_any: dict[str, set[str]] = {}
        self._weak_place: dict[str, set[str]] = {}
        self._weak_person: dict[str, set[str]] = {}
        for entity in gazetteer:
            part: Part = "surname" if entity.is_person else "name"
            forms = [f for k, f in entity.forms[part].items() if k.split("/")[0] == lang]
            forms += list(entity.variants.get(part, ()))
            for form in forms:
                if " " in form:
                    continue
                key = fold(form)
                self._weak_any.setdefault(key, set()).add(entity.id)
                if entity.is_person:
                    self._weak_person.setdefault(key, set()).add(entity.id)
                elif len(key) >= 4:
                    stem = key[: max(4, len(key) - 2)]
                    self._weak_place.setdefault(stem, set()).add(entity.id)
        for demonym, entity_id in _DEMONYMS.get(lang, {}).items():
            if entity_id in gazetteer.entities:
                self._weak.setdefault(fold(demonym), set()).add(entity_id)

    # The public entry points.

    def check(
        self,
        corpus: Corpus,
        system: str | None = None,
        *,
        use_ref: bool = True,
        use_src: bool = True,
        doc_breaks: DocBreaks = "none",
    ) -> list[Finding]:
        """Return the findings for ``system``'s output in ``corpus`` (default: its only system).

        ``use_ref`` / ``use_src`` compare with the references and the source
        where the corpus has them. Documents are the corpus's own (WMT XML);
        for plain text the whole file is one document, or with ``doc_breaks``
        ``"blank"`` each run of lines between blank hypothesis lines.
        """
        name = system if system is not None else _only_system(corpus)
        hyps = corpus.system(name)
        refs = corpus.refs if use_ref else []
        src = corpus.src if use_src else None
        documents = _documents(corpus, hyps, doc_breaks)
        findings: list[Finding] = []
        for start, end in documents:
            doc_mentions: list[_HypMention] = []
            for i in range(start, end):
                segment = _Segment(
                    name,
                    i + 1,
                    corpus.seg_ids[i],
                    corpus.doc_ids[i],
                    hyps[i],
                    tuple(ref[i] for ref in refs),
                    src[i] if src is not None else None,
                )
                seg_findings, mentions = self._check_segment(segment)
                findings.extend(seg_findings)
                doc_mentions.extend(mentions)
            if "inconsistent-spelling" in self.kinds:
                findings.extend(self._consistency(name, corpus, doc_mentions))
        findings.sort(key=lambda f: (f.segment, f.start, KINDS.index(f.kind)))
        return findings

    def check_texts(
        self,
        hyp: Sequence[str],
        ref: Sequence[str] | None = None,
        src: Sequence[str] | None = None,
        *,
        system: str = "hyp",
        doc_breaks: DocBreaks = "none",
    ) -> list[Finding]:
        """Check line-aligned segments given as strings, against one reference and/or the source."""
        corpus = Corpus(
            list(src) if src is not None else None,
            [list(ref)] if ref is not None else [],
            {system: list(hyp)},
        )
        return self.check(corpus, system, doc_breaks=doc_breaks)

    # One segment.

    def _check_segment(self, seg: _Segment) -> tuple[list[Finding], list[_HypMention]]:
        findings: list[Finding] = []
        hyp = seg.hyp
        mentions = self.normalizer.find(hyp) if hyp else []
        hyp_mentions = [
            _HypMention(m, self._aliases.get((m.entity_id or m.candidates[0], m.alias)), seg.number)
            for m in mentions
        ]
        findings.extend(self._style(seg, mentions))

        sides: list[_Side] = []
        for ref in seg.refs:
            sides.append(self._english_side("ref", ref))
        if seg.src is not None:
            sides.append(self._source_side(seg.src))
        if sides:
            hyp_entities = self._present(hyp, mentions)
            findings.extend(self._entities(seg, mentions, hyp_entities, sides))
            findings.extend(self._numbers(seg, sides))
        findings.extend(self._untranslated(seg, mentions))
        findings.extend(self._brackets(seg, sides))
        return [f for f in findings if f.kind in self.kinds], hyp_mentions

    def _style(self, seg: _Segment, mentions: list[Mention]) -> Iterable[Finding]:
        for m in mentions:
            if m.entity_id is not None:
                if m.replacement is None:
                    continue
                name = self.gazetteer[m.entity_id].display_name(self.lang, self.style)
                native = m.rule.startswith("native:")
                message = (
                    f"{m.text!r} is {name} in the source language's script"
                    if native
                    else f"{m.text!r} is off style for {name}"
                )
                yield seg.finding(
                    "off-style",
                    "error",
                    (m.start, m.end),
                    message,
                    fix=m.replacement,
                    entity=m.entity_id,
                    basis=("style",),
                )
                continue
            wanted = self.normalizer.candidate_forms(m)
            if all(form is None for form in wanted.values()):
                continue
            options = ", ".join(
                f"{c} ({'in style' if form is None else '→ ' + form})" for c, form in wanted.items()
            )
            yield seg.finding(
                "ambiguous-name",
                "warning",
                (m.start, m.end),
                f"{m.text!r} may be {options}; check which is meant",
                entity="|".join(m.candidates),
                basis=("style",),
            )

    def _present(self, text: str, mentions: list[Mention]) -> set[str]:
        """Return every entity id ``text`` may name, keep-phrases (Dynamo Kiev) included."""
        ids = {c for m in mentions for c in m.candidates}
        for _start, _end, aliases in self.gazetteer.index.scan(text):
            ids.update(a.entity_id for a in aliases if a.kind == "keep")
        return ids

    def _derived_english(self, text: str) -> set[str]:
        """Return entities that ``text`` names weakly: Russian, Ukrainians, Kyivan, Putinism,
        or a name written in lower case (vladimir putin)."""
        found: set[str] = set()
        for match in _WORD_RUN.finditer(text):
            word = match.group(0)
            key = fold(word)
            found |= self._weak.get(key, set())
            if not word[:1].isupper():
                found |= self._weak_any.get(key, set())
                for length in range(4, len(key)):
                    found |= self._weak_person.get(key[:length], set())
                continue
            for length in range(4, len(key) + 1):
                found |= self._weak_place.get(key[:length], set())
            for length in range(4, len(key)):
                found |= self._weak_person.get(key[:length], set())
        return found

    def _english_side(self, name: str, text: str) -> _Side:
        side = _Side(name, text)
        mentions = self.normalizer.find(text) if text else []
        for m in mentions:
            if m.entity_id is not None:
                side.entities.setdefault(m.entity_id, m.text)
            else:
                side.uncertain.update(m.candidates)
        side.uncertain |= (self._present(text, mentions) | self._derived_english(text)) - set(
            side.entities
        )
        side.numbers = extract_numbers(text, self.lang, lenient=True)
        return side

    def _source_side(self, text: str) -> _Side:
        side = _Side("src", text)
        if text:
            for m in self._source_finder.find(text):
                if m.entity_id is not None:
                    side.entities.setdefault(m.entity_id, m.text)
                else:
                    side.uncertain.update(m.candidates)
            side.uncertain |= self._source_finder.derived(text) - set(side.entities)
        side.numbers = extract_numbers(text, self.src_lang or "", lenient=False)
        return side

    def _entities(
        self, seg: _Segment, mentions: list[Mention], hyp_ids: set[str], sides: list[_Side]
    ) -> Iterable[Finding]:
        hyp_derived = self._derived_english(seg.hyp)
        wanted: dict[str, list[_Side]] = {}
        for side in sides:
            for entity_id in side.entities:
                wanted.setdefault(entity_id, []).append(side)
        for entity_id, having in wanted.items():
            if entity_id in hyp_ids:
                continue
            if any(entity_id in s.uncertain for s in sides) or entity_id in hyp_derived:
                continue  # "Russian troops" for "Russia", or a side naming it only uncertainly
            sees = any(s.name == "src" and self._can_see(s, entity_id) for s in sides)
            severity = _severity(having, sides, source_sees=sees)
            entity = self.gazetteer[entity_id]
            name = entity.display_name(self.lang, self.style)
            where = " and ".join(
                f"the {_SIDE_NAMES[s.name]} ({s.entities[entity_id]!r})" for s in having
            )
            yield seg.finding(
                "missing-entity",
                severity,
                None,
                f"{name} is in {where} but not in the translation",
                fix=name,
                entity=entity_id,
                basis=tuple(s.name for s in having),
            )
        named = set(wanted) | {c for s in sides for c in s.uncertain}
        seen: set[str] = set()
        for m in mentions:
            if m.entity_id is None or m.entity_id in named or m.entity_id in seen:
                continue
            seen.add(m.entity_id)
            # The source can only speak for entities the gazetteer names in its language.
            basis = tuple(s.name for s in sides if self._can_see(s, m.entity_id))
            if not basis:
                continue
            yield seg.finding(
                "added-entity",
                "warning",
                (m.start, m.end),
                f"{m.text!r} ({m.entity_id}) is in neither the "
                + " nor the ".join(dict.fromkeys(_SIDE_NAMES[b] for b in basis)),
                entity=m.entity_id,
                basis=tuple(dict.fromkeys(basis)),
            )

    def _can_see(self, side: _Side, entity_id: str) -> bool:
        """Tell whether ``side`` would show ``entity_id`` if it named it."""
        if side.name != "src":
            return True
        entity = self.gazetteer[entity_id]
        return bool(self.src_lang and self.src_lang in entity.native) or any(
            key.split("/")[0] == self.src_lang
            for key in entity.forms["surname" if entity.is_person else "name"]
        )

    def _numbers(self, seg: _Segment, sides: list[_Side]) -> Iterable[Finding]:
        hyp_numbers = extract_numbers(seg.hyp, self.lang, lenient=True)
        hyp_values = {v for n in hyp_numbers for v in n.values.union(*n.parts)}
        side_values = [{v for n in s.numbers for v in n.values.union(*n.parts)} for s in sides]
        # Numbers that a side requires and the hypothesis lacks, each once per value.
        missing: list[tuple[Number, list[_Side]]] = []
        for side in sides:
            for number in side.numbers:
                if not number.required or number.found_in(hyp_values):
                    continue
                if any(number.values & other.values for other, _ in missing):
                    continue  # 1,500 of the reference is 1 500 of the source
                having = [
                    s
                    for s, values in zip(sides, side_values, strict=True)
                    if number.found_in(values)
                ]
                missing.append((number, having))
        all_values = set().union(*side_values) if side_values else set()
        added = [n for n in hyp_numbers if n.required and not n.found_in(all_values)]
        for number, having in missing:
            severity = _severity(having, sides, source_sees=True)
            if severity == "warning" and added and len(having) == len(sides):
                severity = "error"  # one side given, and the number in its place is another
            where = " and ".join(dict.fromkeys(_SIDE_NAMES[s.name] for s in having))
            if added:
                new = added.pop(0)
                yield seg.finding(
                    "number-changed",
                    severity,
                    (new.start, new.end),
                    f"{new.text!r} stands where the {where} "
                    f"{'have' if len(having) > 1 else 'has'} {number.text!r}",
                    fix=number.text,
                    basis=tuple(s.name for s in having),
                )
            else:
                yield seg.finding(
                    "number-missing",
                    severity,
                    None,
                    f"{number.text!r} of the {where} is not in the translation",
                    fix=number.text,
                    basis=tuple(s.name for s in having),
                )
        for number in added:
            yield seg.finding(
                "number-added",
                "warning",
                (number.start, number.end),
                f"{number.text!r} is in neither the "
                + " nor the ".join(dict.fromkeys(_SIDE_NAMES[s.name] for s in sides)),
                basis=tuple(dict.fromkeys(s.name for s in sides)),
            )

    def _untranslated(self, seg: _Segment, mentions: list[Mention]) -> Iterable[Finding]:
        hyp = seg.hyp
        if not hyp.strip():
            return
        target = LANGUAGE_SCRIPTS.get(self.lang, "LATIN")
        source_script = LANGUAGE_SCRIPTS.get(self.src_lang or "", "")
        if seg.src is not None and not source_script:
            scripts = _script_shares(seg.src).most_common(1)
            source_script = scripts[0][0] if scripts else ""
        shares = _script_shares(hyp)
        letters = sum(shares.values())
        foreign = (
            shares.get(source_script, 0)
            if source_script and source_script != target
            else letters - shares.get(target, 0)
        )
        basis = ("src",) if seg.src is not None else ()
        copied = seg.src is not None and hyp.strip() == seg.src.strip() and letters > 0
        # A copied name (Teath-In.) is no error; copied words in the source's script are.
        same_script = source_script in {"", target}
        if copied and (foreign > 0 or (same_script and len(hyp.split()) >= 3)):
            yield seg.finding(
                "untranslated", "error", None, "the segment is a copy of the source", basis=basis
            )
            return
        if letters >= 3 and foreign * 2 >= letters:
            yield seg.finding(
                "untranslated",
                "error",
                None,
                f"{foreign} of {letters} letters are still in the source script",
                basis=basis,
            )
            return
        if not foreign:
            return
        covered = [(m.start, m.end) for m in mentions]
        script = source_script if source_script and source_script != target else None
        for match in _SPELLED_WORD.finditer(hyp):
            word = match.group(0)
            if len(word) < 2 or any(s <= match.start() < e for s, e in covered):
                continue
            word_scripts = {script_of(c) for c in word} - {""}
            if (script and script in word_scripts) or (not script and word_scripts - {target}):
                yield seg.finding(
                    "untranslated-words",
                    "warning",
                    match.span(),
                    f"{word!r} is left in the source script",
                    basis=basis,
                )

    def _brackets(self, seg: _Segment, sides: list[_Side]) -> Iterable[Finding]:
        problems = unbalanced(seg.hyp)
        if not problems:
            return
        other = [{family for family, _ in unbalanced(s.text)} for s in sides]
        other_quotes = any(families & _QUOTE_FAMILIES for families in other)
        for family, position in problems:
            if any(family in families for families in other):
                continue  # the source or reference is cut the same way
            if family in _QUOTE_FAMILIES and other_quotes:
                continue  # a quotation split across segments
            char = seg.hyp[position]
            # A straight quote has no direction: an odd one may well continue a quotation
            # that an earlier segment opened, so it is only noted.
            severity: Severity = "info" if family == '""' else "warning"
            if family == '""':
                state = "has no partner (an odd number of straight quotes)"
            elif char in _CLOSERS or char == "\u201d":
                state = "closes nothing"
            else:
                state = "is not closed"
            yield seg.finding(
                "unbalanced",
                severity,
                (position, position + 1),
                f"{char!r} {state} (pair {family})",
                basis=("hyp",),
            )

    # One document.

    def _consistency(
        self, system: str, corpus: Corpus, mentions: list[_HypMention]
    ) -> Iterable[Finding]:
        """Flag in-style spellings of one entity that differ from the document's usual one."""
        forms: dict[tuple[str, str], list[tuple[_HypMention, int, int, str]]] = {}
        for item in mentions:
            m = item.mention
            if m.entity_id is None or m.replacement is not None or item.alias is None:
                continue
            for part, start, end in _parts(item.alias, m):
                forms.setdefault((m.entity_id, part), []).append(
                    (item, start, end, m.text[start - m.start : end - m.start])
                )
        for (entity_id, part), uses in forms.items():
            counts = Counter(written.casefold() for _, _, _, written in uses)
            if len(counts) < 2:
                continue
            first_seen = {w.casefold(): i for i, (_, _, _, w) in reversed(list(enumerate(uses)))}
            usual = min(counts, key=lambda w: (-counts[w], first_seen[w]))
            usual_written = next(w for _, _, _, w in uses if w.casefold() == usual)
            for item, start, end, written in uses:
                if written.casefold() == usual:
                    continue
                i = item.segment - 1
                yield Finding(
                    system,
                    item.segment,
                    corpus.seg_ids[i],
                    corpus.doc_ids[i],
                    "inconsistent-spelling",
                    "warning",
                    start,
                    end,
                    written,
                    f"{written!r} here, {usual_written!r} {counts[usual]} time(s) elsewhere in "
                    f"the document ({part} of {entity_id})",
                    usual_written,
                    entity_id,
                    ("document",),
                )


_SIDE_NAMES = {"ref": "reference", "src": "source"}


def _severity(having: list[_Side], sides: list[_Side], *, source_sees: bool) -> Severity:
    """Grade something the translation lacks by who has it.

    ``error`` when reference and source both have it; ``warning`` when only one
    side was given, or the other could not have shown it; ``info`` when the source
    could have shown it and does not (the reference added it: Office of the
    President *of Ukraine* for Офіс президента).
    """
    if len(having) == len(sides) > 1:
        return "error"
    if source_sees and any(s.name == "src" and s not in having for s in sides):
        return "info"
    return "warning"


#: Demonyms that do not begin with their country's name (French, not Franc-). Like the
#: regular ones (Russian, Ukrainian), they only excuse a missing country name.
_DEMONYMS: dict[str, dict[str, str]] = {
    "en": {
        "British": "britain",
        "Briton": "britain",
        "Britons": "britain",
        "Cypriot": "cyprus",
        "Czech": "czech-republic",
        "Czechs": "czech-republic",
        "Danish": "denmark",
        "Dane": "denmark",
        "Danes": "denmark",
        "Dutch": "netherlands",
        "Emirati": "uae",
        "Finnish": "finland",
        "Finn": "finland",
        "Finns": "finland",
        "French": "france",
        "Greek": "greece",
        "Greeks": "greece",
        "Irish": "ireland",
        "Muscovite": "moscow",
        "Muscovites": "moscow",
        "Pole": "poland",
        "Poles": "poland",
        "Polish": "poland",
        "Spaniard": "spain",
        "Spaniards": "spain",
        "Spanish": "spain",
        "Swede": "sweden",
        "Swedes": "sweden",
        "Swedish": "sweden",
        "Swiss": "switzerland",
        "Turk": "turkey",
        "Turks": "turkey",
        "Turkish": "turkey",
    }
}


@dataclass(frozen=True, slots=True)
class _Segment:
    system: str
    number: int
    seg_id: str
    doc_id: str | None
    hyp: str
    refs: tuple[str, ...]
    src: str | None

    def finding(
        self,
        kind: str,
        severity: Severity,
        span: tuple[int, int] | None,
        message: str,
        *,
        fix: str | None = None,
        entity: str | None = None,
        basis: tuple[str, ...] = (),
    ) -> Finding:
        """Return a finding about ``span`` of the hypothesis (``None``: the whole segment)."""
        start, end = span if span is not None else (0, len(self.hyp))
        return Finding(
            self.system,
            self.number,
            self.seg_id,
            self.doc_id,
            kind,
            severity,
            start,
            end,
            self.hyp[start:end],
            message,
            fix,
            entity,
            basis,
        )


def _parts(alias: Alias, mention: Mention) -> list[tuple[str, int, int]]:
    """Return ``(part, start, end)`` of the name parts a mention spells."""
    if alias.kind == "full" and alias.surname_first:
        return [
            ("surname", mention.start, mention.start + alias.surname_len),
            ("given", mention.end - alias.given_len, mention.end),
        ]
    if alias.kind == "full":
        return [
            ("given", mention.start, mention.start + alias.given_len),
            ("surname", mention.end - alias.surname_len, mention.end),
        ]
    if alias.kind == "surname":
        return [("surname", mention.start, mention.end)]
    return [("name", mention.start, mention.end)]


def _only_system(corpus: Corpus) -> str:
    if len(corpus.hyps) != 1:
        msg = (
            f"the input has {len(corpus.hyps)} systems ({', '.join(corpus.hyps)}); "
            "name the one to check"
        )
        raise UsageError(msg)
    return next(iter(corpus.hyps))


def _documents(corpus: Corpus, hyps: Sequence[str], doc_breaks: DocBreaks) -> list[tuple[int, int]]:
    if any(doc is not None for doc in corpus.doc_ids):
        return [(d.start, d.end) for d in corpus.documents()]
    if doc_breaks == "blank":
        documents = []
        start = 0
        for i, line in enumerate(hyps):
            if not line.strip():
                if i > start:
                    documents.append((start, i))
                start = i + 1
        if start < len(hyps):
            documents.append((start, len(hyps)))
        return documents
    return [(0, len(hyps))]


def check_corpus(
    checker: Checker,
    corpus: Corpus,
    systems: Sequence[str] | None = None,
    *,
    use_ref: bool = True,
    use_src: bool = True,
    doc_breaks: DocBreaks = "none",
) -> tuple[list[Finding], list[Summary]]:
    """Check every system of ``corpus`` (or ``systems``); return all findings and a summary each.

    >>> from normtk import Gazetteer
    >>> corpus = Corpus(None, [["Talks in Kyiv"]], {"a": ["Talks in Kiev"], "b": ["Talks"]})
    >>> findings, summaries = check_corpus(Checker(Gazetteer.load()), corpus)
    >>> [(s.system, dict(s.by_kind)) for s in summaries]
    [('a', {'off-style': {'error': 1}}), ('b', {'missing-entity': {'warning': 1}})]
    """
    findings: list[Finding] = []
    summaries: list[Summary] = []
    for name in systems or corpus.systems:
        own = checker.check(corpus, name, use_ref=use_ref, use_src=use_src, doc_breaks=doc_breaks)
        findings.extend(own)
        summaries.append(summarize(own, name, len(corpus)))
    return findings, summaries


# --- reports --------------------------------------------------------------------------------

REPORT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "tsv")
_TSV_COLUMNS = (
    "system", "segment", "doc_id", "seg_id", "severity", "kind", "start", "end", "text", "fix",
    "entity", "message",
)  # fmt: skip


def render(findings: Sequence[Finding], summaries: Sequence[Summary], fmt: str = "table") -> str:
    """Return findings and summaries as text: ``table``, ``json``, ``jsonl`` or ``tsv``.

    ``json`` holds one object per system with its summary and findings;
    ``jsonl`` and ``tsv`` hold one finding a line and no summary.
    """
    if fmt == "json":
        systems = [
            {
                "system": summary.system,
                "summary": summary.to_dict(),
                "findings": [f.to_dict() for f in findings if f.system == summary.system],
            }
            for summary in summaries
        ]
        return json.dumps({"systems": systems}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "tsv":
        rows = ["\t".join(_TSV_COLUMNS)]
        for finding in findings:
            data = finding.to_dict()
            rows.append("\t".join(_tsv_cell(data[column]) for column in _TSV_COLUMNS))
        return "\n".join(rows) + "\n"
    if fmt != "table":
        msg = f"unknown report format {fmt!r} (choose from {', '.join(REPORT_FORMATS)})"
        raise UsageError(msg)
    return _table(findings, summaries)


def _tsv_cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


def _table(findings: Sequence[Finding], summaries: Sequence[Summary]) -> str:
    lines: list[str] = []
    several = len(summaries) > 1
    for summary in summaries:
        own = [f for f in findings if f.system == summary.system]
        if several or not lines:
            lines.append(f"== {summary.system}")
        if own:
            rows = [["where", "severity", "kind", "span", "text", "fix", "message"]]
            rows += [
                [
                    f.location,
                    f.severity,
                    f.kind,
                    f"{f.start}-{f.end}",
                    _short(f.text, 30),
                    _short(f.fix or "-", 24),
                    f.message,
                ]
                for f in own
            ]
            lines += _align(rows)
            lines.append("")
        counts = ", ".join(
            f"{n} {s}{'s' if n != 1 and s != 'info' else ''}"
            for s, n in summary.by_severity.items()
        )
        lines.append(
            f"{summary.system}: {summary.total} findings in {summary.segments} segments ({counts})"
        )
        if summary.by_kind:
            rows = [["kind", *summary.by_severity]]
            rows += [
                [kind, *(str(counts_.get(s, 0)) for s in summary.by_severity)]
                for kind, counts_ in summary.by_kind.items()
            ]
            lines += ["", *_align(rows)]
        if summary.entities:
            rows = [["entity", "findings", "kinds", "written"]]
            rows += [
                [
                    e.entity,
                    str(e.total),
                    ", ".join(f"{k} {n}" for k, n in e.by_kind.items()),
                    ", ".join(e.examples) or "-",
                ]
                for e in summary.entities
            ]
            lines += ["", *_align(rows)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = [
    "CHECKS",
    "KINDS",
    "SEVERITIES",
    "Checker",
    "EntityProblems",
    "Finding",
    "Number",
    "Summary",
    "check_corpus",
    "extract_numbers",
    "fails",
    "render",
    "summarize",
    "unbalanced",
]
