"""Checking machine-translated copy: findings an editor must act on, and how to render them.

The names below are imported on first use, so that reading a constant
(:data:`SEVERITIES`, :data:`REPORT_FORMATS`) does not load the gazetteer
machinery. Reports are written by :func:`normtk.qa.render.render`.

>>> from normtk import Gazetteer
>>> from normtk.qa import Checker
>>> qa = Checker(Gazetteer.load(), lang="en")
>>> [(f.kind, f.text, f.fix) for f in qa.check_texts(["Shelling near Lugansk"])]
[('off-style', 'Lugansk', 'Luhansk')]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from normtk.qa.checker import Checker, check_corpus
    from normtk.qa.checks import CHECKS, KINDS, Check
    from normtk.qa.checks.brackets import unbalanced
    from normtk.qa.findings import (
        SEVERITIES,
        EntityProblems,
        Finding,
        Severity,
        Summary,
        at_least,
        fails,
        severity_rank,
        summarize,
    )
    from normtk.qa.numbers import Number, extract_numbers
    from normtk.qa.options import COMPARE, DOC_BREAKS
    from normtk.qa.render import REPORT_FORMATS

_HOMES = {
    "Checker": "checker",
    "check_corpus": "checker",
    "CHECKS": "checks",
    "KINDS": "checks",
    "Check": "checks",
    "unbalanced": "checks.brackets",
    "SEVERITIES": "findings",
    "EntityProblems": "findings",
    "Finding": "findings",
    "Severity": "findings",
    "Summary": "findings",
    "at_least": "findings",
    "fails": "findings",
    "severity_rank": "findings",
    "summarize": "findings",
    "Number": "numbers",
    "extract_numbers": "numbers",
    "COMPARE": "options",
    "DOC_BREAKS": "options",
    "REPORT_FORMATS": "render",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        msg = f"module 'normtk.qa' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(f"normtk.qa.{home}"), name)


__all__ = [
    "CHECKS",
    "COMPARE",
    "DOC_BREAKS",
    "KINDS",
    "REPORT_FORMATS",
    "SEVERITIES",
    "Check",
    "Checker",
    "EntityProblems",
    "Finding",
    "Number",
    "Severity",
    "Summary",
    "at_least",
    "check_corpus",
    "extract_numbers",
    "fails",
    "severity_rank",
    "summarize",
    "unbalanced",
]
