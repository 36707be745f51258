"""Choices of the commands that check copy (check, pipeline, report): library constants."""

from __future__ import annotations

from enum import Enum

from normtk.qa.findings import SEVERITIES
from normtk.qa.options import COMPARE, DOC_BREAKS

Threshold = Enum("Threshold", {name: name for name in reversed(SEVERITIES)}, type=str)  # type: ignore[misc]
DocBreaks = Enum("DocBreaks", {name: name for name in DOC_BREAKS}, type=str)  # type: ignore[misc]
Compare = Enum("Compare", {name: name for name in COMPARE}, type=str)  # type: ignore[misc]
