"""The sacrebleu internals normtk's adapter relies on exist in the installed release."""

from __future__ import annotations

import importlib

import pytest
import sacrebleu
from sacrebleu.metrics.bleu import BLEU

from normtk.score import _sacrebleu


@pytest.mark.parametrize(("module", "owner", "name"), _sacrebleu.PRIVATE_API)
def test_private_name_exists(module: str, owner: str, name: str) -> None:
    holder = importlib.import_module(module)
    if owner:
        holder = getattr(holder, owner)
        if name in {"_ref_cache", "num_refs"}:  # instance attributes, set by the constructor
            holder = BLEU(references=[["a b c"]])
    assert hasattr(holder, name), f"sacrebleu {sacrebleu.__version__}: {module}.{owner}.{name}"


def test_the_pinned_range_holds_the_installed_release() -> None:
    from importlib.metadata import requires

    (pin,) = [r for r in requires("normtk") or [] if r.startswith("sacrebleu")]
    from packaging.requirements import Requirement

    assert sacrebleu.__version__ in Requirement(pin).specifier
