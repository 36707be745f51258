"""Declining native names: each word of a name by its role, in the rules of its language.

The rules live one module per language (:mod:`normtk.source.uk`,
:mod:`normtk.source.ru`); this module picks the module and the word class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from normtk.gazetteer.model import Entity
from normtk.source import ru, uk
from normtk.source.endings import Gender, Role


class _Rules(Protocol):
    """What a declension module offers: the forms of a noun, an adjective, a surname."""

    def noun(self, word: str, animate: bool = False) -> set[str]: ...
    def adjective(self, word: str) -> set[str]: ...
    def surname(self, word: str, gender: Gender) -> set[str]: ...


#: The declension rules of each language, one module each.
_RULES: dict[str, _Rules] = {"uk": uk, "ru": ru}

#: Source languages whose inflection this package knows.
INFLECTED_LANGUAGES = tuple(_RULES)


def plain_adjective(native: str) -> bool:
    """Tell whether a surname is an ordinary adjective (Тихий: quiet, *Тихий океан*).

    Such a surname stands for the person only with the given name. Surnames in
    -ський / -ский (Зеленський) are adjectives by form but not words of the language.
    """
    surname = native.rsplit(maxsplit=1)[-1].lower()
    if surname.endswith(("ський", "цький", "зький", "ский", "цкий", "ська", "ская", "цкая")):
        return False
    return surname.endswith(("ий", "ій", "ый", "ой", "ая"))


def inflect(word: str, lang: str, role: Role = "name", gender: Gender = "m") -> set[str]:
    """Return the forms of one word of a native name in ``lang`` (the word itself included).

    ``role`` says how it declines: ``name`` (a noun: place, organisation),
    ``given`` or ``surname`` of a person of ``gender``. Acronyms written in
    capitals (НАТО, ЄС) and languages without rules give the word alone.

    >>> sorted(inflect("Київ", "uk"))
    ['Києва', 'Києве', 'Києвом', 'Києву', 'Києві', 'Київ']
    >>> sorted(inflect("Путин", "ru", "surname"))
    ['Путин', 'Путина', 'Путине', 'Путину', 'Путиным']
    """
    rules = _RULES.get(lang)
    if len(word) < 2 or word.isupper() or rules is None:
        return {word}
    if role == "surname":
        return rules.surname(word, gender)
    return rules.noun(word, animate=role == "given")


@dataclass(frozen=True, slots=True)
class NameWord:
    """One word of a native name: its forms, its role, and what separates it from the last."""

    forms: frozenset[str]
    role: Role
    separator: str  # " " or "-"; "" for the first word


def name_words(entity: Entity, lang: str, native: str) -> list[NameWord]:
    """Split a native name into words and decline each by its role.

    In a hyphenated word (Кара-Мурза) only the last part declines.
    """
    spaced = native.split()
    if entity.is_person:
        # A woman's given name and surname both end in -а/-я (Марія Захарова); Микола
        # Патрушев and Ілля Яшин are men.
        feminine = len(spaced) > 1 and spaced[0][-1] in "аяАЯ" and spaced[-1][-1] in "аяАЯ"
        gender: Gender = "f" if feminine else "m"
        roles: list[Role] = ["given" for _ in spaced[:-1]]
        roles.append("surname")
    else:
        gender = "m"
        roles = ["name" for _ in spaced]
    words: list[NameWord] = []
    for position, (word, role) in enumerate(zip(spaced, roles, strict=True)):
        parts = word.split("-")
        for part_index, part in enumerate(parts):
            separator = "" if not words else ("-" if part_index else " ")
            if part_index < len(parts) - 1:
                forms = {part}
            elif role == "name" and position < len(spaced) - 1 and lang in INFLECTED_LANGUAGES:
                # A word before the last in a place name is an adjective (Кривий Ріг).
                adjective = _RULES[lang].adjective(part)
                forms = adjective if len(adjective) > 1 else inflect(part, lang)
            else:
                forms = inflect(part, lang, role, gender)
            words.append(NameWord(frozenset(forms), role, separator))
    return words
