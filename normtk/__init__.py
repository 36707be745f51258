"""normtk: entity normalization, scoring and QA for machine-translated news.

>>> from normtk import Gazetteer, Normalizer
>>> Normalizer(Gazetteer.load(), lang="en").normalize("Talks in Kiev").text
'Talks in Kyiv'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Mention",
    "Normalized",
    "Normalizer",
    "NormtkError",
    "restore",
]

_LAZY = {
    "Change": "normtk.normalize",
    "Mention": "normtk.normalize",
    "Normalized": "normtk.normalize",
    "Normalizer": "normtk.normalize",
    "restore": "normtk.normalize",
    "Entity": "normtk.gazetteer",
    "Gazetteer": "normtk.gazetteer",
    "GazetteerError": "normtk.errors",
    "InputError": "normtk.errors",
    "NormtkError": "normtk.errors",
}

if TYPE_CHECKING:
    from normtk.errors import GazetteerError, InputError, NormtkError
    from normtk.gazetteer import Entity, Gazetteer
    from normtk.normalize import Change, Mention, Normalized, Normalizer, restore


def __getattr__(name: str) -> Any:
    """Import public names on first use, so `import normtk` stays cheap."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module 'normtk' has no attribute {name!r}"
    raise AttributeError(msg)
