"""Language codes as the library takes them: any case in, one spelling out.

Every public entry point that takes a language code (``lang``, ``src_lang``,
``from_code`` ...) passes it through :func:`language_code` first, so ``EN``,
``En`` and ``en`` mean the same language everywhere.
"""

from __future__ import annotations


def language_code(code: str) -> str:
    """Return ``code`` as normtk spells language codes: lower case, no surrounding space.

    >>> language_code("EN"), language_code(" Uk ")
    ('en', 'uk')
    """
    return code.strip().lower()
