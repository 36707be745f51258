"""What the declension modules share: word classes, genders and endings on a stem."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Role = Literal["name", "given", "surname"]
Gender = Literal["m", "f"]


def with_endings(stem: str, endings: Iterable[str]) -> set[str]:
    """Return ``stem`` followed by each of ``endings``."""
    return {stem + ending for ending in endings}
