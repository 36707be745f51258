"""Ukrainian declension of names: nouns, adjectives and surnames, by rule.

A stem and a table of endings per word class, with the closed-syllable і/ї of
*Харків* → *Харкова*, *Київ* → *Києва*.
"""

from __future__ import annotations

from normtk.folding import APOSTROPHES
from normtk.source.endings import Gender, with_endings

VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")


def noun(word: str, animate: bool = False) -> set[str]:
    """Return the case forms of a Ukrainian noun; ``animate`` adds the personal dative -ові."""
    forms = {word}
    last = word[-1]
    if last == "ь":  # Кремль, Маріуполь, Василь
        return forms | with_endings(
            word[:-1], ("я", "ю", "і", "ем", *(("еві",) if animate else ()))
        )
    if last == "й":  # Сергій, Юрій
        return forms | with_endings(
            word[:-1], ("я", "ю", "ї", "єм", *(("єві",) if animate else ()))
        )
    if last == "а":  # Україна, Москва, Микола, Кулеба
        return forms | with_endings(word[:-1], ("и", "і", "у", "ою", "о"))
    if last == "я":
        stem = word[:-1]
        if len(stem) > 1 and stem[-1] in VOWELS | set(APOSTROPHES):  # Росія, Придністров'я
            return forms | with_endings(stem, ("ї", "ю", "єю"))
        return forms | with_endings(stem, ("і", "ю", "ею", "ям"))  # Ілля, Запоріжжя
    if last == "о":  # Дніпро, Михайло, Кирієнко
        return forms | with_endings(
            word[:-1], ("а", "у", "і", "ом", "е", *(("ові",) if animate else ()))
        )
    if last in VOWELS:
        return forms  # Шойгу: other vowel endings do not decline
    stem = word
    # The closed-syllable і of -ів / -їв opens to о / є: Харків → Харкова, Київ → Києва.
    if len(word) > 2 and word[-2] in "іїІЇ" and word[-1] == "в":
        stem = word[:-2] + ("є" if word[-2] in "їЇ" else "о") + "в"
    return forms | with_endings(stem, ("а", "у", "і", "ом", "е", *(("ові",) if animate else ())))


def adjective(word: str) -> set[str]:
    """Return the case forms of a Ukrainian adjective (Кривий, Біла, Зеленський, Навальна)."""
    if word.endswith("ий"):
        return {word} | with_endings(word[:-2], ("ого", "ому", "им", "ім"))
    if word.endswith("ій"):
        return {word} | with_endings(word[:-2], ("ього", "ьому", "ім"))
    if word.endswith("а"):
        return {word} | with_endings(word[:-1], ("ої", "ій", "у", "ою"))
    return {word}


def surname(word: str, gender: Gender) -> set[str]:
    """Return the case forms of a Ukrainian surname."""
    if gender == "f":
        if word.endswith(("ова", "єва", "іна", "їна", "ина")):  # Захарова
            return {word} | with_endings(word[:-1], ("ої", "ій", "у", "ою"))
        if word.endswith("а"):  # Навальна (adjectival) or a noun in -а: both sets
            return adjective(word) | noun(word, animate=True)
        if word.endswith("я"):
            return noun(word, animate=True)
        return {word}  # a woman's surname in a consonant or -о does not decline
    if word.endswith("ий"):  # Зеленський, Навальний
        return adjective(word)
    if word.endswith(("ов", "ев", "єв", "ін", "їн", "ин")):  # Путін, Пєсков, Пригожин
        return {word} | with_endings(word, ("а", "у", "ові", "им", "і"))
    return noun(word, animate=True)
