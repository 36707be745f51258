"""The optional dependencies of translation, imported only when a command needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from normtk.errors import MissingExtraError, ModelError

FEATURE = "Translation (normtk translate, normtk models, normtk pipeline)"


def load(name: str) -> ModuleType:
    """Import ``name`` (ctranslate2, sentencepiece, argostranslate.*) or name the extra."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError(FEATURE, "translate") from None
    except OSError as exc:  # argostranslate.settings creates its folders when imported
        msg = f"argostranslate cannot create its folders: {exc}"
        raise ModelError(msg) from None


def require() -> None:
    """Fail early, with the install command, when the ``translate`` extra is missing."""
    for name in ("ctranslate2", "sentencepiece", "argostranslate.settings"):
        load(name)
