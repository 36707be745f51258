"""The HTML report: how systems compare, and what an editor must fix, on one page.

:func:`build` scores and checks a :class:`~normtk.io.corpus.Corpus` and returns
one self-contained HTML page (styles, script and charts inline; it opens
offline from ``file://``)::

    from normtk import Gazetteer
    from normtk.io.corpus import read_corpus
    from normtk.report import build

    corpus = read_corpus(["a.en", "b.en"], ["ref.en"], "src.uk")
    html = build(corpus, Gazetteer.load(), lang="en", src_lang="uk")
"""

from __future__ import annotations

from normtk.report.builder import analyse, build

__all__ = ["analyse", "build"]
