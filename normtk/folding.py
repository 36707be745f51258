"""Text primitives shared by matching and rewriting.

Offsets are always offsets into the original text: :func:`fold` returns a key
of exactly the same length, so a match in the key is a match in the text.
"""

from __future__ import annotations

import unicodedata

#: The apostrophes written inside words (Ukrainian п'ять, п’ять, пʼять; O'Brien). Every
#: module that reads or writes apostrophes within words uses this one set.
APOSTROPHES = "'\u2019\u02bc"

# Characters whose decomposition does not reveal the base letter, and
# punctuation that writers use interchangeably inside names.
_EXTRA_FOLDS = {
    "ı": "i",  # Turkish dotless i
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ħ": "h",
    "\u2019": "'",  # right single quotation mark
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe (Ukrainian)
    "\u02b9": "'",
    "`": "'",
    "\u00b4": "'",
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
}


def _fold_char(char: str) -> str:
    if char in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[char]
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _Table(dict[int, str]):
    """A str.translate table that computes each character's image on first use."""

    def __init__(self, words_only: bool) -> None:
        super().__init__()
        self.words_only = words_only

    def __missing__(self, code: int) -> str:
        char = chr(code)
        image = _fold_char(char) if not self.words_only or is_word_char(char) else " "
        self[code] = image
        return image


_FOLD_TABLE = _Table(words_only=False)
_KEY_TABLE = _Table(words_only=True)
_ASCII_KEY = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256)
)


def fold(text: str) -> str:
    """Return a case- and diacritic-insensitive key of the same length as ``text``.

    >>> fold("Çavuşoğlu İstanbul")
    'cavusoglu istanbul'
    >>> len(fold("İİİ")) == 3
    True
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


# Past one letter outside ASCII per this many characters, the text is in another
# script and one translate of all of it is cheaper than letter by letter.
_CHARS_PER_LETTER = 16


def match_key(text: str) -> str:
    """Return :func:`fold` of ``text`` with every character outside a word made a space.

    Same length as ``text``. In this key a word starts after a space and ends
    before one, in any script, so matching needs no per-character checks.

    >>> match_key("Kiev's «Луганськ»")
    'kiev s  луганськ '
    """
    # Mostly-English text has a few curly quotes and dashes: key the ASCII with
    # one bytes.translate (each other character becomes "?", then a space) and
    # fold only the other characters that are letters, found with bytes.find
    # (a regular expression over the text is slower than all the rest).
    raw = text.encode("ascii", "replace")
    key = raw.translate(_ASCII_KEY).decode("ascii")
    if text.isascii():
        return key
    pieces: list[str] = []
    last = 0
    most = 2 * max(32, len(text) // _CHARS_PER_LETTER)  # two pieces per letter
    table = _KEY_TABLE
    find = raw.find
    position = find(b"?")
    while position != -1:
        folded = table[ord(text[position])]
        if folded != " ":
            if len(pieces) == most:
                return text.translate(table)
            pieces += [key[last:position], folded]
            last = position + 1
        position = find(b"?", position + 1)
    return "".join([*pieces, key[last:]]) if pieces else key


def adds_marks(written: str, alias: str) -> bool:
    """Tell whether ``written`` puts diacritics on letters that ``alias`` writes bare.

    Matching forgives missing marks (Çavusoglu is Çavuşoğlu) but not added
    ones: French "Géorgien" is not German "Georgien". Both strings are the
    same span, so they are compared letter by letter.

    >>> adds_marks("Géorgien", "Georgien"), adds_marks("Cavusoglu", "Çavuşoğlu")
    (True, False)
    """
    return len(written) == len(alias) and any(
        w != a
        and w.isalpha()
        and fold(w) == fold(a)
        and fold(w) != w.lower()
        and fold(a) == a.lower()
        for w, a in zip(written, alias, strict=True)
    )


def is_word_char(char: str) -> bool:
    """Tell whether ``char`` continues a word in any script (letters, digits, marks)."""
    return char.isalnum() or unicodedata.category(char) in {"Mn", "Mc"}


def at_boundaries(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` is not glued to a word on either side."""
    if start > 0 and is_word_char(text[start - 1]):
        return False
    return not (end < len(text) and is_word_char(text[end]))


def contains_word(text: str, word: str) -> bool:
    """Tell whether ``word`` occurs in ``text`` as a whole word (in any script).

    >>> contains_word("Kievan Rus and Kiev", "Kiev"), contains_word("Kievan", "Kiev")
    (True, False)
    """
    start = text.find(word)
    while start != -1:
        if at_boundaries(text, start, start + len(word)):
            return True
        start = text.find(word, start + 1)
    return False


def is_all_caps(text: str) -> bool:
    """Tell whether ``text`` has two or more letters, all of them upper case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)
