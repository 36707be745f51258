"""Escaping for the report page: HTML text and attributes, and JSON inside a script element."""

from __future__ import annotations

import json
from html import escape
from typing import Any


def e(value: object) -> str:
    """Escape any value for HTML text and attribute values."""
    return escape(str(value), quote=True)


def script_json(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
