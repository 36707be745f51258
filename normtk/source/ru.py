"""Russian declension of names: nouns, adjectives and surnames, by rule."""

from __future__ import annotations

from normtk.source.endings import Gender, with_endings

VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


def noun(word: str, animate: bool = False) -> set[str]:  # noqa: ARG001
    """Return the case forms of a Russian noun (place, organisation or given name)."""
    forms = {word}
    last = word[-1]
    if last == "ь":  # Кремль, Мариуполь
        return forms | with_endings(word[:-1], ("я", "ю", "е", "ем"))
    if last == "й":  # Сергей, Дмитрий
        stem = word[:-1]
        locative = "и" if stem.endswith("и") else "е"  # Дмитрии, Сергее
        return forms | with_endings(stem, ("я", "ю", "ем", locative))
    if last == "а":  # Москва, Украина, Кулеба
        return forms | with_endings(word[:-1], ("ы", "и", "е", "у", "ой", "ою"))
    if last == "я":
        stem = word[:-1]
        if len(stem) > 1 and stem[-1] in VOWELS:  # Россия, Грузия, Мария
            return forms | with_endings(stem, ("и", "ю", "ей", "ею"))
        return forms | with_endings(stem, ("и", "е", "ю", "ей"))  # Илья, Небензя
    if word.endswith("ье"):  # Запорожье, Приднестровье
        return forms | with_endings(word[:-1], ("я", "ю", "ем"))
    if last in "ое":
        return forms | with_endings(word[:-1], ("а", "у", "е", "ом"))
    if last in VOWELS:
        return forms
    return forms | with_endings(word, ("а", "у", "е", "ом"))


def adjective(word: str) -> set[str]:
    """Return the case forms of a Russian adjective (Кривой, Белая, Зеленский, Навальная)."""
    if word.endswith(("ий", "ый", "ой")):
        stem = word[:-2]
        soft = stem.endswith(("к", "г", "х", "ж", "ш", "ч", "щ"))
        return {word} | with_endings(stem, ("ого", "ому", "им" if soft else "ым", "ом"))
    if word.endswith("ая"):
        return {word} | with_endings(word[:-2], ("ой", "ую", "ою"))
    return {word}


def surname(word: str, gender: Gender) -> set[str]:
    """Return the case forms of a Russian surname."""
    if gender == "f":
        if word.endswith("ая"):  # Навальная
            return adjective(word)
        if word.endswith(("ова", "ева", "ёва", "ина", "ына")):  # Захарова
            return {word} | with_endings(word[:-1], ("ой", "у"))
        if word.endswith(("а", "я")):
            return noun(word)
        return {word}
    if word.endswith(("ий", "ый", "ой")) and len(word) > 4:  # Зеленский, Навальный
        return adjective(word)
    if word.endswith(("ов", "ев", "ёв", "ин", "ын")):  # Путин, Песков, Лавров
        return {word} | with_endings(word, ("а", "у", "ым", "е"))
    if word.endswith(("ко", "о", "у", "и", "е")):  # Грушко, Сальдо, Шойгу stay as written
        return {word}
    return noun(word)
