"""Every example in normtk's docstrings runs and is true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import normtk

# Modules that need an optional extra are documented without running examples.
OPTIONAL = ("normtk.translate", "normtk.dask.plugin")

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(normtk.__path__, "normtk.")
    if not info.name.startswith(OPTIONAL) and not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_exist() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in MODULES)
    assert attempted >= 10
