"""The checks, one module each, behind one base class and a registry by name.

A check is a subclass of :class:`Check` naming the kinds of finding it
reports; the checker hands it each :class:`~normtk.qa.context.Segment` and,
once a document is complete, the document's segments. Adding a check is one
new module here and one line in :data:`REGISTRY` (``name: "module:Class"``,
imported on first use, as sacrebleu registers its metrics).

>>> CHECKS["numbers"]
('number-changed', 'number-missing', 'number-added', 'number-format')
>>> RULES["off-style"]
'entity.off-style'
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import ClassVar

from normtk.qa.context import Context, Segment
from normtk.qa.findings import Finding


class Check:
    """Base of every check: the kinds it reports, and what it finds per segment and document."""

    #: The name that ``checks=`` (``--checks``) selects it by.
    name: ClassVar[str]
    #: The kinds of finding it reports, in the order a report lists them, each with its
    #: stable rule id (``entity.off-style``): what configuration and ignore files name.
    rules: ClassVar[dict[str, str]]
    #: The kinds alone, in order.
    kinds: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.kinds = tuple(cls.rules)

    def __init__(self, context: Context) -> None:
        self.context = context

    def check_segment(self, segment: Segment) -> Iterable[Finding]:  # noqa: ARG002
        """Return the findings in one segment (none by default)."""
        return ()

    def check_document(self, segments: Sequence[Segment]) -> Iterable[Finding]:  # noqa: ARG002
        """Return the findings across the segments of one document (none by default)."""
        return ()


#: Every check by name, in the order a report lists their kinds.
REGISTRY: dict[str, str] = {
    "style": "normtk.qa.checks.style:StyleCheck",
    "entities": "normtk.qa.checks.entities:EntityCheck",
    "consistency": "normtk.qa.checks.consistency:ConsistencyCheck",
    "numbers": "normtk.qa.checks.numbers:NumberCheck",
    "untranslated": "normtk.qa.checks.untranslated:UntranslatedCheck",
    "brackets": "normtk.qa.checks.brackets:BracketCheck",
    "vocabulary": "normtk.qa.checks.vocabulary:VocabularyCheck",
    "variants": "normtk.qa.checks.variants:VariantCheck",
}


def load(name: str) -> type[Check]:
    """Return the class of the check registered as ``name``."""
    module_name, _, class_name = REGISTRY[name].partition(":")
    cls: type[Check] = getattr(importlib.import_module(module_name), class_name)
    return cls


#: Groups of kinds that ``checks=`` can switch on and off.
CHECKS: dict[str, tuple[str, ...]] = {name: load(name).kinds for name in REGISTRY}

#: Every kind of finding, in the order a report lists them.
KINDS: tuple[str, ...] = tuple(kind for kinds in CHECKS.values() for kind in kinds)

#: The stable rule id of every kind (``off-style`` -> ``entity.off-style``).
RULES: dict[str, str] = {k: r for name in REGISTRY for k, r in load(name).rules.items()}

__all__ = ["CHECKS", "KINDS", "REGISTRY", "RULES", "Check", "load"]
