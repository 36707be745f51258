"""Entity mentions in the source text, recognised through Ukrainian and Russian inflection.

The gazetteer gives each entity its names in the languages of the place
(``native: {uk: Київ, ru: Киев}``; persons as ``Given Surname``). A news source
writes them inflected: *до Києва*, *у Києві*, *з Києвом*, *Зеленського*,
*Путину*. This module declines every native name by rule (a stem and a table of
endings per word class, with the Ukrainian і/ї alternation of *Харків* →
*Харкова*, *Київ* → *Києва*), folds every form with :func:`normtk.folding.fold`,
and compiles them once into a hash from folded word to entity. Matching then
splits the text into words that understand every script (*Луганськ* never
matches inside *Луганськом* as another word; *Луганськом* is its own word, and
an inflected form of the city) and looks each word up: one dictionary probe a
word, whatever the size of the gazetteer.

What is deliberately not matched:

- a given name alone (*Володимир* may be anyone), as in the normalizer;
- derived words that name something else: *Харківщина* and *Київщина* are the
  regions around the cities, *київський* / *киевский* is an adjective
  (*Kyiv's*, *Kyivan*), *Києво-Печерська* is part of a landmark's name;
- a name written in lower case when the native name is capitalised
  (*путина* is a fishing season, not *Путина*);
- a name quoted on its own (*крейсер «Москва»*, *газета «Известия»*): a ship,
  a newspaper or a brand named after the place.

For source languages without rules here (Spanish, German ...), the names are
found as written, through the gazetteer's alias index.

>>> from normtk import Gazetteer
>>> finder = SourceFinder(Gazetteer.load(), "uk")
>>> [(m.text, m.entity_id) for m in finder.find("Вибухи у Києві та під Харковом")]
[('Києві', 'kyiv'), ('Харковом', 'kharkiv')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from normtk.folding import APOSTROPHES, fold, is_word_char
from normtk.gazetteer import Gazetteer
from normtk.languages import language_code
from normtk.source.inflection import NameWord, inflect, name_words, plain_adjective

_QUOTES_OPEN = "«„\u201c\"'\u2018"
_QUOTES_CLOSE = "»\u201c\u201d\"'\u2019"

_DERIVING_SUFFIXES = ("ськ", "цьк", "ск", "цк", "ц", "щин", "ччин", "щ")

#: Languages whose names turn up in each other's copy (quoted speech, mixed posts).
_NEIGHBOURS = {"uk": "ru", "ru": "uk"}


def _fold(text: str) -> str:
    """Fold as :func:`normtk.folding.fold` does, and є as е, ґ as г (Бєлґород, Белгород).

    Ukrainian copy spells Russian names both ways (Медвєдєв, Медведєв; Пєсков, Песков).
    """
    return fold(text).replace("ґ", "г").replace("є", "е")


_UK_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_RU_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


@dataclass(frozen=True, slots=True)
class SourceMention:
    """One entity named in the source: ``text`` at ``start:end``.

    ``entity_id`` is ``None`` when the form belongs to several entities;
    ``candidates`` then lists them. ``lemma`` is the native name it declines.
    """

    start: int
    end: int
    text: str
    entity_id: str | None
    candidates: tuple[str, ...]
    lemma: str
    rule: str


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """What one folded word form can be: word ``position`` of an entity's native name."""

    entity_id: str
    lemma: str
    position: int
    words: tuple[NameWord, ...]
    first: int  # where a match may start: 0, or the surname's first word when it stands alone
    capitalised: bool


_WORD = re.compile(r"\w+(?:[" + APOSTROPHES + r"]\w+)*")


def _words(text: str) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` of each word of ``text``, in any script.

    Letters, digits and combining marks continue a word; an apostrophe
    between letters does too (Ukrainian *В'ячеслав*); anything else ends it.
    """
    for match in _WORD.finditer(text):
        start, end = match.span()
        # \w misses some combining marks; extend over them so a word is never cut inside.
        while end < len(text) and is_word_char(text[end]):
            end += 1
        yield start, end


class SourceFinder:
    """Find gazetteer entities in source-language text, inflected forms included.

    Build once per language and reuse: the forms of every native name are
    compiled into one dictionary when the finder is made.
    """

    def __init__(self, gazetteer: Gazetteer, lang: str) -> None:
        lang = language_code(lang)
        self.gazetteer = gazetteer
        self.lang = lang
        self._forms: dict[str, list[_Entry]] = {}
        for entity in gazetteer:
            native = entity.native.get(lang)
            if not native:
                continue
            words = tuple(name_words(entity, lang, native))
            starts = {0}
            if entity.is_person and entity.surname_alone and not plain_adjective(native):
                starts.add(next(i for i, w in enumerate(words) if w.role == "surname"))
            for first in starts:
                for position in range(first, len(words)):
                    for form in words[position].forms:
                        entry = _Entry(
                            entity.id, native, position, words, first, form[:1].isupper()
                        )
                        self._forms.setdefault(_fold(form), []).append(entry)

        # Weak evidence (see derived()): stems of words derived from names, the forms of
        # the neighbouring language (Russian quoted in Ukrainian copy and the reverse),
        # and a few abbreviations.
        self._derived: dict[str, set[str]] = {}
        self._weak: dict[str, set[str]] = {}
        for entity in gazetteer:
            native = entity.native.get(lang)
            if not native or (" " in native and not entity.is_person):
                continue
            key = _fold(native.split()[-1])
            if entity.is_person:
                stems = {key}  # путінський, кадирівці come from the surname
            else:
                stems = {key[: max(3, len(key) - 2)]}
                for ending, region in (("цьк", "ччин"), ("ськ", "щин"), ("цк", "чч"), ("ск", "щ")):
                    if key.endswith(ending):  # Донецьк → Донеччина, Луганськ → Луганщина
                        stems.add(key[: -len(ending)] + region)
            for stem in stems:
                self._derived.setdefault(stem, set()).add(entity.id)
        neighbour = _NEIGHBOURS.get(lang)
        if neighbour:
            for entity in gazetteer:
                native = entity.native.get(neighbour)
                if native:
                    for role_forms in name_words(entity, neighbour, native):
                        if role_forms.role != "given":
                            for form in role_forms.forms:
                                self._weak.setdefault(_fold(form), set()).add(entity.id)
        # The last word of a place's longer name stands for it in speech (Петербург,
        # Питер aside, for Санкт-Петербург).
        for entity in gazetteer:
            native = entity.native.get(lang)
            if native and not entity.is_person:
                parts = name_words(entity, lang, native)
                if len(parts) > 1:
                    for form in parts[-1].forms:
                        self._weak.setdefault(_fold(form), set()).add(entity.id)
        # Abbreviations and short names of the language (РФ, ЗСУ, Питер) stand for an
        # entity in news copy. As written they are mentions (see _alias_mentions); their
        # declined forms (Питера, РФ-ом) are weak evidence. Words that are not acronyms are
        # declined.
        for entity in gazetteer:
            for name in entity.abbreviations.get(lang, ()):
                for form in inflect(name, lang):
                    self._weak.setdefault(_fold(form), set()).add(entity.id)
                if not name.isupper():
                    key = _fold(name)
                    self._derived.setdefault(key[: max(3, len(key) - 2)], set()).add(entity.id)

    def __len__(self) -> int:
        return len(self._forms)

    def derived(self, text: str) -> set[str]:
        """Return the places that adjectives in ``text`` derive from (*київських* → kyiv).

        These are weaker than a mention: the checker uses them only to excuse a
        translation that names the place ("Kyiv authorities" for *київська
        влада*), never to require it. A derived word is written in lower case,
        starts with the stem of the place name and goes on to an adjective
        suffix (-ськ-, -цьк-, -ск-, -цк-, or -ц- of a demonym such as *херсонці*);
        with a stem of four letters or more any longer word counts. A name
        written in lower case (*путін*, *москва*, as some Ukrainian media write
        Russian names) is weak evidence too.
        """
        found: set[str] = set()
        for start, end in _words(text):
            if self._in_compound(text, start, end):
                continue  # Катар-Юрти names no Qatar
            key = _fold(text[start:end])
            found.update(  # путін, москва: a whole one-word name, not a word of a longer one
                e.entity_id
                for e in self._forms.get(key, ())
                if e.position == e.first and len(e.words) - e.first == 1
            )
            found |= self._weak.get(key, set())
            for length in range(3, len(key)):
                ids = self._derived.get(key[:length])
                if ids and (
                    length >= 4 or any(suffix in key[length:] for suffix in _DERIVING_SUFFIXES)
                ):
                    found |= ids
        return found

    def find(self, text: str) -> list[SourceMention]:
        """Return the entity mentions in ``text``, in order; the longest name wins an overlap."""
        words = list(_words(text))
        found: list[SourceMention] = []
        index = 0
        while index < len(words):
            mention, used = self._match_at(text, words, index)
            if mention is not None:
                found.append(mention)
                index += used
            else:
                index += 1
        merged = _merge(found, self._alias_mentions(text))
        return [m for m in merged if not _quoted_alone(text, m.start, m.end)]

    def _entries(self, text: str, span: tuple[int, int]) -> list[_Entry]:
        written = text[span[0] : span[1]]
        entries = self._forms.get(_fold(written), [])
        return [e for e in entries if not e.capitalised or written[:1].isupper()]

    def _match_at(
        self, text: str, words: list[tuple[int, int]], index: int
    ) -> tuple[SourceMention | None, int]:
        """Return the longest name starting at word ``index``, and how many words it covers."""
        best: dict[str, tuple[int, _Entry]] = {}  # entity -> (words used, entry)
        for entry in self._entries(text, words[index]):
            if entry.position != entry.first:
                continue
            used = self._extend(text, words, index, entry)
            if used > best.get(entry.entity_id, (0, entry))[0]:
                best[entry.entity_id] = (used, entry)
        if not best:
            return None, 0
        longest = max(used for used, _ in best.values())
        winners = tuple(sorted(eid for eid, (used, _) in best.items() if used == longest))
        entry = best[winners[0]][1]
        start, end = words[index][0], words[index + longest - 1][1]
        if self._in_compound(text, start, end):
            return None, 0  # Катар-Юрти is a village (Katyr-Yurt), not Qatar
        rule = f"native:{self.lang}" + (":surname" if entry.first else "")
        entity_id = winners[0] if len(winners) == 1 else None
        mention = SourceMention(start, end, text[start:end], entity_id, winners, entry.lemma, rule)
        return mention, longest

    def _extend(self, text: str, words: list[tuple[int, int]], index: int, first: _Entry) -> int:
        """Return how many words from ``index`` spell the rest of ``first``'s name, or 0."""
        needed = len(first.words) - first.first
        for offset in range(1, needed):
            if index + offset >= len(words):
                return 0
            name_word = first.words[first.first + offset]
            gap = text[words[index + offset - 1][1] : words[index + offset][0]]
            if (name_word.separator == "-" and gap not in {"-", "\u2010", "\u2011"}) or (
                name_word.separator == " " and (not gap or gap.strip())
            ):
                return 0
            if not any(
                e.entity_id == first.entity_id
                and e.position == first.first + offset
                and e.first == first.first
                for e in self._entries(text, words[index + offset])
            ):
                return 0
        return needed

    def _in_compound(self, text: str, start: int, end: int) -> bool:
        """Tell whether ``text[start:end]`` is one part of a hyphenated name (Катар-Юрти).

        Two names joined by a hyphen are a pair, not a compound: саміт Росія-НАТО
        names Russia and NATO.
        """
        after = text[end : end + 2]
        before = text[max(0, start - 2) : start]
        if len(after) == 2 and after[0] in _HYPHENS and after[1].isupper():
            neighbour = _NEIGHBOUR.match(text, end + 1)
        elif len(before) == 2 and before[1] in _HYPHENS and before[0].isalpha():
            words = _NEIGHBOUR.findall(text, max(0, start - 40), start - 1)
            neighbour_text = words[-1] if words else ""
            return not self._is_name(neighbour_text)
        else:
            return False
        return not self._is_name(neighbour.group() if neighbour else "")

    def _is_name(self, word: str) -> bool:
        """Tell whether ``word`` alone is a name the finder knows (a form or an alias)."""
        if not word:
            return False
        if any(e.position == e.first for e in self._forms.get(_fold(word), ())):
            return True
        return any(s == 0 and e == len(word) for s, e, _ in self.gazetteer.index.scan(word))

    def _alias_mentions(self, text: str) -> list[SourceMention]:
        """Return the names written exactly as some alias (Latin-script names, other languages)."""
        mentions = []
        for start, end, aliases in self.gazetteer.index.scan(text):
            if any(a.kind == "keep" for a in aliases) or self._in_compound(text, start, end):
                continue
            # An entity's own acronym in the source's language, as written, names it
            # (ЗСУ, ООН, СРСР); another language's (Ukrainian ВСУ is the Supreme Court,
            # Russian ВСУ the Armed Forces) is no evidence.
            naming = [
                a
                for a in aliases
                if a.kind != "abbr"
                or (a.origin == f"abbr:{self.lang}" and a.text == text[start:end])
            ]
            if not naming:
                continue
            ids = tuple(sorted({a.entity_id for a in naming}))
            entity_id = ids[0] if len(ids) == 1 else None
            mentions.append(
                SourceMention(start, end, text[start:end], entity_id, ids, naming[0].text, "alias")
            )
        return mentions


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` stands alone inside quotes (a ship, a paper, a brand)."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _QUOTES_OPEN
        and text[end] in _QUOTES_CLOSE
    )


def _merge(first: list[SourceMention], second: list[SourceMention]) -> list[SourceMention]:
    """Return ``first`` plus the mentions of ``second`` that overlap none of it, in order."""
    taken = [(m.start, m.end) for m in first]
    extra = [m for m in second if not any(m.start < e and s < m.end for s, e in taken)]
    return sorted(first + extra, key=lambda m: (m.start, -m.end))


_HYPHENS = "-\u2010\u2011"
_NEIGHBOUR = re.compile(r"\w+")
