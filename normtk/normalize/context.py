"""What a mention's context says: cue words on its line and in its document, the words around it.

A :class:`Document` carries what one document has settled across the texts
normalized in it: the form each entity is written in (one document, one
form), the sense an ambiguous alias was found to have (one sense per
discourse), the entities it names and the cue words it holds. :func:`quoted`
and :func:`sentence_start` read the characters right around a mention.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from normtk.folding import contains_word, fold, is_word_char

Kind = Literal["place", "person"]
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(slots=True)
class Document:
    """What one document has settled so far.

    ``forms``: per (entity id, part) the form the document writes it in;
    ``senses``: per folded ambiguous alias the entity it names here;
    ``named``: the entities the document names unambiguously;
    ``cues``: the cue words found in it.
    """

    forms: dict[tuple[str, str], str] = field(default_factory=dict)
    senses: dict[str, str] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)
    cues: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class CueWords:
    """A language's words that tell a place from a person, folded once per normalizer."""

    place_before: frozenset[str] = frozenset()
    place_of: tuple[str, ...] = ()
    person_before: frozenset[str] = frozenset()

    @classmethod
    def of(cls, cues: Mapping[str, tuple[str, ...]]) -> CueWords:
        """Fold the ``cues`` of a language's styles file (``place_before`` ...)."""
        return cls(
            frozenset(fold(w) for w in cues.get("place_before", ())),
            tuple(f" {fold(w)} " for w in cues.get("place_of", ())),
            frozenset(fold(w) for w in cues.get("person_before", ())),
        )


class Context:
    """The text being normalized, read for cues: by line, as a whole, and word by word.

    Mentions come in text order, so each line is found and folded once, the
    whole text at most once, and each cue looked up once per line: the work
    stays linear in the length of the text, however long its lines.
    """

    def __init__(self, text: str, words: CueWords | None = None) -> None:
        self.text = text
        #: Whether the text has a no-break space anywhere (most have none).
        self.has_nbsp = "\u00a0" in text
        self._start = self._end = 0  # the current line: text[start:end]
        self._folded_line = ""
        self._on_line: dict[str, bool] = {}
        self._folded_text: str | None = None
        self._in_text: dict[str, bool] = {}
        words = words or CueWords()
        self._place_before = words.place_before
        self._place_of = words.place_of
        self._person_before = words.person_before

    def on_line(self, position: int) -> Callable[[str], bool]:
        """Return a test of whether a cue word stands on the line holding ``position``."""
        if not self._start <= position < self._end:
            # The line starts after the last newline since the previous line ended.
            self._start = self.text.rfind("\n", self._end, position) + 1
            end = self.text.find("\n", position)
            self._end = end if end != -1 else len(self.text)
            self._folded_line = fold(self.text[self._start : self._end])
            self._on_line = {}
        return self._line_has

    def _line_has(self, cue: str) -> bool:
        found = self._on_line.get(cue)
        if found is None:
            found = self._on_line[cue] = contains_word(self._folded_line, fold(cue))
        return found

    def in_text(self, cue: str) -> bool:
        """Tell whether a cue word stands anywhere in the text."""
        found = self._in_text.get(cue)
        if found is None:
            if self._folded_text is None:
                self._folded_text = fold(self.text)
            found = self._in_text[cue] = contains_word(self._folded_text, fold(cue))
        return found

    def kind_at(self, start: int, end: int, given_names: frozenset[str]) -> Kind | None:
        """Tell whether the words around ``text[start:end]`` make it a place or a person.

        A person: a title or role right before it ("skater", "Mr"), or a given
        name ("Alexander"). A place: a word such as "in", "near", "from" right
        before it (unless it is possessive: "in Nikolaev's view"), or "the
        mayor of", "the city of" before it. Otherwise nothing is said.
        """
        before = self.word_before(start)
        if before and (fold(before) in self._person_before or fold(before) in given_names):
            return "person"
        possessive = self.text.startswith(_POSSESSIVE, end)
        if before and fold(before) in self._place_before and not possessive:
            return "place"
        lead = " " + fold(self.text[max(0, start - 40) : start]).replace("\n", " ")
        if lead.rstrip() and any((lead.rstrip() + " ").endswith(p) for p in self._place_of):
            return "place"
        return None

    def word_before(self, start: int) -> str:
        """Return the word right before ``start`` (spaces between, nothing else), or ""."""
        end = start
        while end > 0 and self.text[end - 1] in " \u00a0":
            end -= 1
        if end == start:
            return ""
        begin = end
        while begin > 0 and (is_word_char(self.text[begin - 1]) or self.text[begin - 1] == "."):
            begin -= 1
        return self.text[begin:end].rstrip(".")


_QUOTES_BEFORE = "\"'«„“‘‹"
_QUOTES_AFTER = "\"'»“”’›"


def quoted(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` stands right inside quotation marks."""
    return (start > 0 and text[start - 1] in _QUOTES_BEFORE) or (
        end < len(text) and text[end] in _QUOTES_AFTER
    )


def sentence_start(text: str, start: int) -> bool:
    """Tell whether ``text[start:]`` starts a sentence (or the text, or a line)."""
    position = start
    while position > 0 and text[position - 1] in " \u00a0\t\"'«“„‘(—–-":
        position -= 1
    return position == 0 or text[position - 1] in ".!?…\n:"
