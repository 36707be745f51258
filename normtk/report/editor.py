"""The editor's view of the report: one system's copy with every finding marked in place."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from normtk.report.escaping import e

if TYPE_CHECKING:
    from normtk.io.corpus import Corpus
    from normtk.qa.findings import Finding
    from normtk.report.analysis import Analysis


def _pieces(text: str, spans: Sequence[tuple[int, int, int]]) -> list[tuple[str, list[int]]]:
    """Cut ``text`` at every span boundary; give each piece the findings covering it."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(points):
        covering = [n for start, end, n in spans if start <= a and b <= end]
        out.append((text[a:b], covering))
    return out


def _whole(finding: Finding, text: str) -> bool:
    return finding.start >= finding.end or (finding.start == 0 and finding.end >= len(text))


def editor_view(data: Analysis, corpus: Corpus) -> str:
    from normtk.qa.findings import severity_rank

    system = data.editor
    own = [f for f in data.findings if f.system == system]
    by_segment: dict[int, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(own):
        by_segment.setdefault(finding.segment - 1, []).append((number, finding))
    rules = sorted({f.rule for f in own})
    severities = [s for s in ("error", "warning", "info") if any(f.severity == s for f in own)]
    hyps = corpus.hyps[system]
    parts = [
        f'<section id="editor" data-system="{e(system)}"><h2>Editor’s view: {e(system)}</h2>',
        (
            f"<p>The copy of <b>{e(system)}</b>, document by document, with every finding "
            "of normtk check marked in place (red: error, orange: warning, grey: info), its "
            "message and suggested fix below the segment.</p>"
        ),
        '<form class="filters" id="editor-filters"><fieldset><legend>severity</legend>',
    ]
    for severity in severities:
        parts.append(
            f'<label class="sev-{e(severity)}"><input type="checkbox" checked '
            f'data-filter="severity" value="{e(severity)}"> {e(severity)}</label>'
        )
    parts.append("</fieldset><fieldset><legend>rule</legend>")
    for rule in rules:
        parts.append(
            f'<label><input type="checkbox" checked data-filter="rule" value="{e(rule)}"> '
            f"{e(rule)}</label>"
        )
    parts.append(
        '</fieldset><label><input type="checkbox" id="editor-only"> only segments with '
        'findings shown</label> <output id="editor-count"></output></form>'
    )
    documents = corpus.documents()
    for doc in documents:
        parts.append(f'<article class="doc"><h3>{e(doc.id or "the copy")}</h3>')
        for i in range(doc.start, doc.end):
            text = hyps[i]
            items = by_segment.get(i, [])
            spans = [(f.start, f.end, n) for n, f in items if not _whole(f, text)]
            marked = []
            for piece, covering in _pieces(text, spans):
                if not covering:
                    marked.append(e(piece))
                    continue
                worst = max((own[n] for n in covering), key=lambda f: severity_rank(f.severity))
                ids = " ".join(f"f{n}" for n in covering)
                tip = "; ".join(own[n].message for n in covering)
                marked.append(
                    f'<mark class="sev-{e(worst.severity)}" data-f="{e(ids)}" '
                    f'title="{e(tip)}">{e(piece)}</mark>'
                )
            location = f"{doc.id}:{corpus.seg_ids[i]}" if doc.id else str(i + 1)
            cls = "seg has-findings" if items else "seg"
            parts.append(
                f'<div class="{cls}"><span class="loc">{e(location)}</span>'
                f'<p class="hyp">{"".join(marked)}</p>'
            )
            if items:
                parts.append('<ul class="findings">')
                for n, f in items:
                    fix = (
                        f' <span class="fix">fix: <q>{e(f.fix)}</q></span>'
                        if f.fix is not None
                        else ""
                    )
                    quoted = _whole(f, text) or f.text in f.message
                    span = "" if quoted else f' <q class="span">{e(f.text)}</q>'
                    parts.append(
                        f'<li class="finding sev-{e(f.severity)}" id="f{n}" '
                        f'data-rule="{e(f.rule)}" data-severity="{e(f.severity)}">'
                        f'<span class="badge">{e(f.severity)}</span> '
                        f"<code>{e(f.rule)}</code>{span} {e(f.message)}{fix}</li>"
                    )
                parts.append("</ul>")
            parts.append("</div>")
        parts.append("</article>")
    parts.append("</section>")
    return "".join(parts)
