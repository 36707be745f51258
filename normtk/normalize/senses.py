"""Which entity an ambiguous name means here: Georgia the country or the US state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from normtk.folding import fold

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.gazetteer.model import Alias, Ambiguity
    from normtk.normalize.context import Context, Document


def disambiguate(
    gazetteer: Gazetteer,
    rule: Ambiguity,
    by_entity: dict[str, Alias],
    context: Context,
    start: int,
    end: int,
    document: Document,
) -> str | None:
    """Choose the entity an ambiguous mention names, or ``None`` to leave it as written.

    In order: cue words on its line; the words right around it (a place
    after "in", a person after a given name or a title); the sense the
    document has already settled for it; the one candidate the document
    names elsewhere, or whose cue words it holds; the rule's default.
    A name that may be a person's (``or_person``) needs a place to be meant.
    """
    key = fold(rule.alias)
    candidates = [e for e in by_entity if e in rule.entities or not rule.entities]
    has_cue = context.on_line(start)
    cued = [e for e in candidates if any(has_cue(c) for c in rule.cues.get(e, ()))]
    if len(cued) == 1:
        document.senses[key] = cued[0]
        document.cues.update(c for c in rule.cues.get(cued[0], ()) if has_cue(c))
        return cued[0]
    kind = context.kind_at(start, end, gazetteer.given_names)
    if kind is not None:
        fitting = [e for e in candidates if gazetteer[e].is_person == (kind == "person")]
        if len(fitting) == 1:
            document.senses[key] = fitting[0]
            return fitting[0]
        if not fitting and kind == "person":
            return None  # a person, and none of those the gazetteer knows
    sense = document.senses.get(key)
    if sense in candidates:
        return sense
    named = [e for e in candidates if e in document.named]
    if len(named) == 1:
        return named[0]
    in_document = [
        e
        for e in candidates
        if any(c in document.cues or context.in_text(c) for c in rule.cues.get(e, ()))
    ]
    if len(in_document) == 1:
        return in_document[0]
    if rule.or_person:
        return None
    return rule.default if rule.default in candidates else None
