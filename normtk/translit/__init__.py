"""Transliteration of Ukrainian, Russian and Belarusian names into Latin script.

Each scheme is one data file with its rules and samples (``schemes/*.json``),
or, for Russian, one of the schemas of the iuliia package (``ru-wikipedia``,
``ru-bgn-pcgn`` ...). :func:`schemes` lists them; every sample is a test.
Arabic, Persian, Hebrew, Chinese and Korean names, which reach copy through
romanization rather than one transliteration, have families of press
spellings in :mod:`normtk.translit.romanize`.

>>> transliterate("Київ Запоріжжя Знам'янка")
'Kyiv Zaporizhzhia Znamianka'
>>> transliterate("Сергей Лавров", scheme="ru-de-press")
'Sergej Lawrow'
>>> latin_variants("Харків", "uk")["uk-fr-press"]
'Kharkiv'
"""

from __future__ import annotations

from normtk.translit._schemes import REGISTRY, Sample, Scheme, SchemeError

__all__ = [
    "Sample",
    "Scheme",
    "SchemeError",
    "default_scheme",
    "languages",
    "latin_variants",
    "scheme",
    "schemes",
    "transliterate",
]


def transliterate(text: str, scheme: str | None = None, lang: str = "uk") -> str:
    """Write ``text`` in Latin script with ``scheme``, or the default scheme of ``lang``.

    Args:
        text: any text; only letters of the scheme's alphabet change.
        scheme: a scheme name (see :func:`schemes`); its language wins over ``lang``.
        lang: ``uk``, ``ru`` or ``be``, used when ``scheme`` is None.

    Raises:
        UsageError: the scheme or the language is unknown; the message lists the known ones.

    >>> transliterate("КИЇВ, Київ")
    'KYIV, Kyiv'
    >>> transliterate("Харьков", lang="ru")
    'Kharkov'
    """
    name = scheme if scheme is not None else default_scheme(lang)
    return REGISTRY.get(name).translate(text)


def scheme(name: str) -> Scheme:
    """Return the scheme called ``name``; raise UsageError naming the known ones if none is.

    >>> scheme("uk-bgn-pcgn").translate("Київ")
    'Kyyiv'
    """
    return REGISTRY.get(name)


def schemes(lang: str | None = None) -> list[Scheme]:
    """Return every scheme, or those of ``lang``, sorted by name.

    >>> [s.name for s in schemes("be")]
    ['be-national']
    """
    return [REGISTRY.get(name) for name in REGISTRY.names(lang)]


def default_scheme(lang: str) -> str:
    """Return the name of the default scheme of ``lang``.

    >>> default_scheme("ru")
    'ru-wikipedia'
    """
    return REGISTRY.language(lang).default


def languages() -> dict[str, str]:
    """Return the languages schemes exist for, code → name.

    >>> languages()["uk"]
    'Ukrainian'
    """
    return {code: lang.name for code, lang in sorted(REGISTRY.languages().items())}


def latin_variants(text: str, lang: str) -> dict[str, str]:
    """Return the output of every scheme of ``lang`` for ``text``, by scheme name.

    Schemes are loaded once; later calls only apply them.

    >>> variants = latin_variants("Зеленський", "uk")
    >>> variants["uk-national"], variants["uk-de-press"], variants["uk-pl-press"]
    ('Zelenskyi', 'Selenskyj', 'Zełenski')
    """
    return {s.name: s.translate(text) for s in schemes(lang)}
