"""What every check reads: the segment, the entities and numbers of each side, weak evidence.

A :class:`Context` is built once per checker (the normalizer, the source
finder and the tables of weak evidence); a :class:`Segment` is built once per
segment and handed to every check, so that each side is read only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from normtk.folding import fold
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Alias, Part
from normtk.normalize import Mention, Normalizer
from normtk.qa.config import CheckConfig
from normtk.qa.findings import Finding, Severity
from normtk.qa.numbers import Number, extract_numbers
from normtk.source.finder import SourceFinder

#: How a message names each side.
SIDE_NAMES = {"ref": "reference", "src": "source"}

_WORD_RUN = re.compile(r"\w+")

#: Sides (references, sources) a Context keeps once read: checking several systems of
#: one corpus then reads each reference and source once, not once per system.
SIDE_CACHE = 32768


@dataclass(slots=True)
class HypMention:
    """A hypothesis mention with its alias (for the parts of a person's name)."""

    mention: Mention
    alias: Alias | None
    segment: int


@dataclass(slots=True)
class Side:
    """What one side of a segment (reference or source) names and counts."""

    name: str
    text: str
    entities: dict[str, str] = field(default_factory=dict)  # entity id -> first written form
    uncertain: set[str] = field(default_factory=set)  # candidates of unresolved mentions
    numbers: list[Number] = field(default_factory=list)


@dataclass(slots=True)
class Segment:
    """One hypothesis segment with its reference(s) and source, as every check sees it."""

    system: str
    number: int
    seg_id: str
    doc_id: str | None
    hyp: str
    refs: tuple[str, ...]
    src: str | None
    mentions: list[Mention] = field(default_factory=list)
    hyp_mentions: list[HypMention] = field(default_factory=list)
    sides: list[Side] = field(default_factory=list)

    def finding(
        self,
        kind: str,
        severity: Severity,
        span: tuple[int, int] | None,
        message: str,
        *,
        fix: str | None = None,
        entity: str | None = None,
        basis: tuple[str, ...] = (),
    ) -> Finding:
        """Return a finding about ``span`` of the hypothesis (``None``: the whole segment)."""
        start, end = span if span is not None else (0, len(self.hyp))
        return Finding(
            self.system,
            self.number,
            self.seg_id,
            self.doc_id,
            kind,
            severity,
            start,
            end,
            self.hyp[start:end],
            message,
            fix,
            entity,
            basis,
        )


def grade(having: list[Side], sides: list[Side], *, source_sees: bool) -> Severity:
    """Grade something the translation lacks by who has it.

    ``error`` when reference and source both have it; ``warning`` when only one
    side was given, or the other could not have shown it; ``info`` when the source
    could have shown it and does not (the reference added it: Office of the
    President *of Ukraine* for Офіс президента).
    """
    if len(having) == len(sides) > 1:
        return Severity.ERROR
    if source_sees and any(s.name == "src" and s not in having for s in sides):
        return Severity.INFO
    return Severity.WARNING


class Context:
    """The language, style and gazetteer of a check, and the readers built from them once."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        lang: str,
        style: str | None,
        src_lang: str | None,
        config: CheckConfig | None = None,
        *,
        keep_styled: bool = False,
    ) -> None:
        self.gazetteer = gazetteer
        self.config = config if config is not None else CheckConfig()
        self.lang = lang
        self.style = style
        self.src_lang = src_lang
        # In style is what `normtk normalize` with the same options leaves as
        # written; a name in the source's script is reported with its form.
        self.normalizer = Normalizer(
            gazetteer, lang=lang, style=style, keep_styled=keep_styled, rewrite_native=True
        )
        # Without a source language, names in the source are found only as written.
        self.source_finder = SourceFinder(gazetteer, src_lang or "")
        self.aliases: dict[tuple[str, str], Alias] = {}
        for alias in gazetteer.aliases():
            self.aliases.setdefault((alias.entity_id, alias.text), alias)
        self._sides: dict[tuple[str, str], Side] = {}
        # Weak evidence of an entity: derived words and lower-case names (see derived_english).
        self._weak: dict[str, set[str]] = {}
        self._weak_any: dict[str, set[str]] = {}
        self._weak_place: dict[str, set[str]] = {}
        self._weak_person: dict[str, set[str]] = {}
        for entity in gazetteer:
            part: Part = "surname" if entity.is_person else "name"
            forms = [f for k, f in entity.forms[part].items() if k.split("/")[0] == lang]
            forms += list(entity.variants.get(part, ()))
            for form in forms:
                if " " in form:
                    continue
                key = fold(form)
                self._weak_any.setdefault(key, set()).add(entity.id)
                if entity.is_person:
                    self._weak_person.setdefault(key, set()).add(entity.id)
                elif len(key) >= 4:
                    stem = key[: max(4, len(key) - 2)]
                    self._weak_place.setdefault(stem, set()).add(entity.id)
            # Demonyms that do not begin with the name (French, not Franc-): like the
            # regular ones (Russian, Ukrainian), they only excuse a missing name.
            for demonym in entity.demonyms.get(lang, ()):
                self._weak.setdefault(fold(demonym), set()).add(entity.id)

    def segment(
        self,
        system: str,
        number: int,
        seg_id: str,
        doc_id: str | None,
        hyp: str,
        refs: tuple[str, ...],
        src: str | None,
    ) -> Segment:
        """Read one segment: the hypothesis mentions, then each side's entities and numbers."""
        seg = Segment(system, number, seg_id, doc_id, hyp, refs, src)
        seg.mentions = self.normalizer.find(hyp) if hyp else []
        seg.hyp_mentions = [
            HypMention(m, self.aliases.get((m.entity_id or m.candidates[0], m.alias)), number)
            for m in seg.mentions
        ]
        seg.sides = [self._side("ref", ref) for ref in refs]
        if src is not None:
            seg.sides.append(self._side("src", src))
        return seg

    def _side(self, name: str, text: str) -> Side:
        """Return the side read from ``text``, reading it only the first time.

        A side depends on its text and this context alone, and checks only read it.
        """
        key = (name, text)
        side = self._sides.get(key)
        if side is None:
            side = self.source_side(text) if name == "src" else self.english_side(name, text)
            if len(self._sides) >= SIDE_CACHE:
                self._sides.clear()
            self._sides[key] = side
        return side

    def present(self, text: str, mentions: list[Mention]) -> set[str]:
        """Return every entity id ``text`` may name, keep-phrases (Dynamo Kiev) included."""
        ids = {c for m in mentions for c in m.candidates}
        for _start, _end, aliases in self.gazetteer.index.scan(text):
            ids.update(a.entity_id for a in aliases if a.kind == "keep")
        return ids

    def derived_english(self, text: str) -> set[str]:
        """Return entities that ``text`` names weakly: Russian, Ukrainians, Kyivan, Putinism,
        or a name written in lower case (vladimir putin)."""
        found: set[str] = set()
        for match in _WORD_RUN.finditer(text):
            word = match.group(0)
            key = fold(word)
            found |= self._weak.get(key, set())
            if not word[:1].isupper():
                found |= self._weak_any.get(key, set())
                for length in range(4, len(key)):
                    found |= self._weak_person.get(key[:length], set())
                continue
            for length in range(4, len(key) + 1):
                found |= self._weak_place.get(key[:length], set())
            for length in range(4, len(key)):
                found |= self._weak_person.get(key[:length], set())
        return found

    def english_side(self, name: str, text: str) -> Side:
        """Read a reference (in the output language): its entities, weak evidence and numbers."""
        side = Side(name, text)
        mentions = self.normalizer.find(text) if text else []
        for m in mentions:
            if m.entity_id is not None:
                side.entities.setdefault(m.entity_id, m.text)
            else:
                side.uncertain.update(m.candidates)
        side.uncertain |= (self.present(text, mentions) | self.derived_english(text)) - set(
            side.entities
        )
        side.numbers = extract_numbers(text, self.lang, lenient=True)
        return side

    def source_side(self, text: str) -> Side:
        """Read the source: its entities through inflection, weak evidence and numbers."""
        side = Side("src", text)
        if text:
            for m in self.source_finder.find(text):
                if m.entity_id is not None:
                    side.entities.setdefault(m.entity_id, m.text)
                else:
                    side.uncertain.update(m.candidates)
            side.uncertain |= self.source_finder.derived(text) - set(side.entities)
        side.numbers = extract_numbers(text, self.src_lang or "", lenient=False)
        return side

    def can_see(self, side: Side, entity_id: str) -> bool:
        """Tell whether ``side`` would show ``entity_id`` if it named it."""
        if side.name != "src":
            return True
        entity = self.gazetteer[entity_id]
        return bool(self.src_lang and self.src_lang in entity.native) or any(
            key.split("/")[0] == self.src_lang
            for key in entity.forms["surname" if entity.is_person else "name"]
        )
