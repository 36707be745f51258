"""Numbers in text: digits in each language's conventions, dates, times and spelled numbers.

The words (numerals, scale words, ordinals, hour words, decade endings) and
each language's decimal convention are data, in ``normtk/qa/languages/``
(see :mod:`normtk.qa.vocabulary`). Scale words and spelled numerals of every
language are read in any text: copy keeps the source's "млн" as often as not.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from decimal import Decimal

from normtk.folding import APOSTROPHES, is_word_char
from normtk.qa.vocabulary import conventions, languages

_NUMBER = re.compile(r"\d+(?:(?:[,.'\u2019 \u00a0\u202f\u2009]|: ?)\d+)*")
_SPACES = " \u00a0\u202f\u2009"

#: Letters of a spelled word, joined by a hyphen or an apostrophe (twenty-five, п'ять).
SPELLED_WORD = re.compile(r"[^\W\d_]+(?:[-" + APOSTROPHES + r"][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class _Words:
    """The number words of every language, merged into the tables extraction reads."""

    scales: dict[str, int]
    spelled: dict[str, Decimal]
    implied: dict[str, Decimal]
    ordinal_stems: tuple[tuple[str, Decimal], ...]
    tens: frozenset[str]
    units: frozenset[str]
    articles: frozenset[str]
    hours: re.Pattern[str]
    decade: re.Pattern[str]
    decimal_point: frozenset[str]


_WORDS: list[_Words] = []
_WORDS_LOCK = threading.Lock()


def _words() -> _Words:
    """Return the merged number words (built on first use)."""
    with _WORDS_LOCK:
        if not _WORDS:
            _WORDS.append(_merge())
        return _WORDS[0]


def _merge() -> _Words:
    langs = list(languages().values())
    scales: dict[str, int] = {}
    for lang in langs:
        scales.update(lang.scales)
    spelled: dict[str, Decimal] = {}
    for lang in langs:
        spelled.update(lang.numerals)
        spelled.update(lang.ordinals)
        spelled.update(dict.fromkeys(lang.articles, Decimal(1)))
    spelled.update({word: Decimal(value) for word, value in scales.items() if len(word) > 3})
    hour_words = sorted({w for lang in langs for w in lang.hour_words}, key=len, reverse=True)
    hour_stems = sorted({w for lang in langs for w in lang.hour_stems}, key=len, reverse=True)
    hours = "|".join(
        [re.escape(w) + r"\b" for w in hour_words] + [re.escape(w) for w in hour_stems]
    )
    decades = sorted({d for lang in langs for d in lang.decades}, key=len, reverse=True)
    return _Words(
        scales=scales,
        spelled=spelled,
        implied={word: value for lang in langs for word, value in lang.implied.items()},
        ordinal_stems=tuple(stem for lang in langs for stem in lang.ordinal_stems),
        tens=frozenset(w for lang in langs for w in lang.tens),
        units=frozenset(w for lang in langs for w in lang.units),
        articles=frozenset(w for lang in langs for w in lang.articles),
        hours=re.compile(r"[ \u00a0]?(?:" + hours + ")", re.IGNORECASE),
        decade=re.compile(r"-?(?:" + "|".join(map(re.escape, decades)) + r")\b"),
        decimal_point=conventions().decimal_point,
    )


def decimal_point(lang: str) -> bool:
    """Tell whether ``lang`` writes a decimal point (1.5, 1,500) rather than a comma."""
    return lang in _words().decimal_point


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
    implied: bool = False

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
#: The letter after the digit of a term such as 3D, 2D, 4G or 5G (then no letter or digit).
_TERM = re.compile(r"[DG](?![^\W_])")


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
    point = decimal_point(lang)
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
        if run.isdigit() and _TERM.match(text, match.end()):
            # 3D, 5G: the digit names a kind of thing (3D Secure, 3D-ламелирование), which
            # may satisfy a number elsewhere but is not one that must be found.
            value = frozenset({Decimal(run).normalize()})
            numbers.append(Number(base, match.end(), run, value, required=False))
            continue
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
            values = _interpret(groups, seps, point, lenient)
            stop, scaled = _scale(text, base + end, values)
            scaled |= _clock_twin(text, stop, values)
            parts: tuple[frozenset[Decimal], ...] = ()
            if any(sep in _SPACES for sep in seps):
                parts = tuple(frozenset({Decimal(g).normalize()}) for g in groups)
            elif _day_month(groups, seps):
                parts = (frozenset({Decimal(groups[0])}),)  # 25.04 is also April 25
            elif point and seps == [","] and len(groups[1]) != 3:
                # "10,12" in English is a list (8, 10,12 years) or a kept decimal comma.
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
    numbers.extend(_roman(text))
    numbers.sort(key=lambda n: n.start)
    return numbers


#: Cyrillic letters that Russian and Ukrainian copy types for Roman numerals (ХХІ століття).
_ROMAN_LOOKALIKES = str.maketrans({"\u0406": "I", "\u0425": "X", "\u0421": "C"})
#: A Roman numeral of two letters or more, up to 399, as a word of its own (XXI, XIX, IV).
_ROMAN = re.compile(
    r"(?<![\w-])(?=[IVXLC]{2,}(?![\w-]))C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\w-])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> list[Number]:
    """Return the Roman numerals of ``text`` (XXI век, the XXI century), never required.

    A single letter is left out: "I" is a pronoun, "X" a name, "І" a Ukrainian "and".
    """
    latin = text.translate(_ROMAN_LOOKALIKES)
    numbers = []
    for match in _ROMAN.finditer(latin):
        letters = match.group(0)
        value = 0
        for i, letter in enumerate(letters):
            worth = _ROMAN_VALUES[letter]
            later = _ROMAN_VALUES[letters[i + 1]] if i + 1 < len(letters) else 0
            value += -worth if worth < later else worth
        numbers.append(
            Number(
                match.start(),
                match.end(),
                text[match.start() : match.end()],
                frozenset({Decimal(value)}),
                required=False,
            )
        )
    return numbers


def _day_month(groups: list[str], seps: list[str]) -> bool:
    """Tell whether digits such as 25.04 may be a day and month (written "April 25")."""
    return (
        seps == ["."]
        and len(groups[0]) <= 2
        and len(groups[1]) == 2
        and 1 <= int(groups[0]) <= 31
        and 1 <= int(groups[1]) <= 12
    )


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
            # The minutes of 7:30 are also the 7.30 of copy that writes times with a point.
            minutes = {Decimal(time.group(3)), Decimal(f"{hour}.{time.group(3)}")}
            found.append(number(time.start(3), time.end(3), minutes))
        return found
    return None


_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]?([^\W\d_]+)\.?")


def _scale(text: str, end: int, values: set[Decimal]) -> tuple[int, set[Decimal]]:
    """Return where a number ends with its scale word (5 млн), and the scaled values."""
    match = _SCALE_AFTER.match(text, end)
    if match is None:
        return end, set()
    scale = _words().scales.get(match.group(1).lower())
    if scale is None or (match.group(1) in {"m", "k"} and not match.group(0).startswith("m")):
        return end, set()
    word_end = match.end(1)
    if word_end < len(text) and is_word_char(text[word_end]):
        return end, set()
    return word_end, {(v * scale).normalize() for v in values}


def _clock_twin(text: str, end: int, values: set[Decimal]) -> set[Decimal]:
    """Return the 12-hour twin of an hour (17 hours: 5), or the short decade (1920s: 20s)."""
    words = _words()
    if words.decade.match(text, end) is not None:
        return {v % 100 for v in values if v == v.to_integral() and 1000 <= v < 2100}
    if words.hours.match(text, end) is None:
        return set()
    return {v - 12 if v > 12 else v + 12 for v in values if v == v.to_integral() and 0 < v <= 24}


def _spelled(text: str) -> list[Number]:
    """Return the spelled-out numbers of ``text`` (never required on the other side)."""
    numbers: list[Number] = []
    words = _words()
    for match in SPELLED_WORD.finditer(text):
        if numbers and match.start() < numbers[-1].end:
            continue  # the scale word of "two million"
        word = match.group(0).lower()
        value = words.spelled.get(word)
        implied = value is None and word in words.implied
        if implied:
            value = words.implied[word]
        if value is None and "-" in word:  # twenty-five
            tens, _, unit = word.partition("-")
            if tens in words.tens and unit in words.units:
                value = words.spelled[tens] + words.spelled[unit]
        if value is None and not word.isascii():
            value = next((v for stem, v in words.ordinal_stems if word.startswith(stem)), None)
        if value is None:
            continue
        end, scaled = _scale(text, match.end(), {value})
        if word in words.articles and not scaled:
            continue  # "a million" is a number, "a" alone is not
        numbers.append(
            Number(
                match.start(),
                end,
                text[match.start() : end],
                frozenset({value} | scaled),
                required=False,
                implied=implied,
            )
        )
    return numbers
