"""Offline translation with argostranslate packages (the ``translate`` extra).

Nothing here imports argostranslate, ctranslate2 or sentencepiece at module
level; a missing extra raises :class:`normtk.errors.MissingExtraError` with
the install command when translation is first used.
"""

from __future__ import annotations

from normtk.translate.job import TranslateJob

__all__ = ["TranslateJob"]
