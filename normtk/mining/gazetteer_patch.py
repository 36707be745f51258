"""The proposals as a gazetteer file: ``extend:`` entries for known entities, new entities
for names the gazetteer lacks, each with the lines of evidence a reviewer reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from normtk.folding import fold
from normtk.mining.spelling import skeleton

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.mining.proposals import Proposal


def _source_line(p: Proposal, corpus_name: str) -> str:
    writers = ", ".join(f"{w} {n}" for w, n in sorted(p.writers.items()))
    sides = " and ".join(_SIDE_NAMES.get(side, side) for side in sorted(p.evidence))
    segments = ", ".join(e.seg_id for e in p.examples)
    named = p.examples[0].named_as if p.examples else p.closest
    return (
        f"mined: {p.spelling!r} written {p.count} time{'s' if p.count != 1 else ''} in "
        f"{len(p.segments)} segment{'s' if len(p.segments) != 1 else ''} of {corpus_name} "
        f"({writers}) where {sides} wrote {named!r}; e.g. segments {segments}"
    )


_SIDE_NAMES = {"ref": "the reference", "src": "the source"}


@dataclass
class _NewEntity:
    """A new entity of the patch, as it is being put together."""

    id: str
    name: str
    native: Mapping[str, str]
    person: bool
    variants: list[str] = field(default_factory=list)
    given_variants: list[str] = field(default_factory=list)
    surname_variants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    surname_alone: bool = True

    @property
    def given(self) -> str:
        """The given names of a person's name."""
        return self.name.rpartition(" ")[0]

    @property
    def surname(self) -> str:
        """The surname of a person's name (the last word)."""
        return self.name.rpartition(" ")[2]

    def add(self, spelling: str, source: str) -> None:
        """Add a spelling of the name (a person's: of each part that differs)."""
        pairs: list[tuple[list[str], str, str]] = [(self.variants, self.name, spelling)]
        if self.person:
            given, _, surname = spelling.rpartition(" ")
            pairs = [(self.given_variants, self.given, given)]
            pairs.append((self.surname_variants, self.surname, surname))
        for variants, known, written in pairs:
            if written and fold(written) != fold(known) and written not in variants:
                variants.append(written)
        self.sources.append(source)

    def to_dict(self, languages: Sequence[str]) -> dict[str, object]:
        """Return the entity as a gazetteer entry."""
        entry: dict[str, object] = {
            "id": self.id,
            "type": "person" if self.person else "place",
            "country": None,
            "native": dict(self.native),
        }
        if self.person:
            entry["given"] = dict.fromkeys(languages, self.given)
            entry["surname"] = dict.fromkeys(languages, self.surname)
            if self.given_variants:
                entry["given_variants"] = self.given_variants
            if self.surname_variants:
                entry["surname_variants"] = self.surname_variants
            if not self.surname_alone:
                entry["surname_alone"] = False
        else:
            entry["name"] = dict.fromkeys(languages, self.name)
            if self.variants:
                entry["variants"] = self.variants
        entry["sources"] = self.sources
        entry["note"] = (
            "mined, to review: the type, the country and the forms of languages other than "
            "the reference's are guesses; the native name is as the source writes it "
            "(possibly inflected)"
        )
        return entry


def patch(
    proposals: Sequence[Proposal],
    gazetteer: Gazetteer,
    *,
    corpus_name: str = "the corpus",
    given_names: Iterable[str] = (),
) -> dict[str, object]:
    """Return the proposals as a gazetteer file: ``extend`` entries and new ``entities``.

    Variants of one entity are merged into one entry with a source line each.
    A new entity is written with the reference's spelling as the form of every
    declared language, its native name as the source writes it (possibly
    inflected) and a type guessed from its words (a person when it starts with a
    known given name, a place otherwise); its note says what to review.
    """
    extend: dict[str, dict[str, list[str]]] = {}
    new: dict[str, _NewEntity] = {}
    given = {fold(g) for g in given_names}
    languages = sorted(gazetteer.languages) or ["en"]
    keys = {"name": "variants", "given": "given_variants", "surname": "surname_variants"}
    for p in proposals:
        line = _source_line(p, corpus_name)
        if p.new_name is None:
            entry = extend.setdefault(p.entity_id, {})
            entry.setdefault(keys[p.part], []).append(p.spelling)
            entry.setdefault("sources", []).append(line)
            continue
        entity_id = p.entity_id
        if entity_id in gazetteer.entities:
            entity_id += "-mined"
        if entity_id not in new:
            words = p.new_name.split(" ")
            person = len(words) > 1 and fold(words[0]) in given
            new[entity_id] = _NewEntity(entity_id, p.new_name, p.native, person)
        new[entity_id].add(p.spelling, line)
    _merge_new(new)
    doc: dict[str, object] = {}
    if extend:
        doc["extend"] = [{"id": entity_id, **entry} for entity_id, entry in extend.items()]
    if new:
        doc["entities"] = [entity.to_dict(languages) for entity in new.values()]
    return doc


def _merge_new(new: dict[str, _NewEntity]) -> None:
    """Fold a new one-word name into the new person it is the surname of; keep aliases apart.

    "Golosheykin" and "Semyon Golosheykin" are one person; two new persons whose
    surnames share a skeleton match only as full names (``surname_alone: false``),
    and a one-word name that could be either is left out.
    """
    persons: dict[str, list[_NewEntity]] = {}
    for entity in new.values():
        if entity.person:
            persons.setdefault(skeleton(entity.surname), []).append(entity)
    for group in persons.values():
        if len(group) > 1:
            for person in group:
                person.surname_alone = False
    for entity_id, entity in list(new.items()):
        group = [] if entity.person else persons.get(skeleton(entity.name), [])
        if not group:
            continue
        del new[entity_id]
        if len(group) == 1:
            person = group[0]
            for spelling in [entity.name, *entity.variants]:
                if (
                    fold(spelling) != fold(person.surname)
                    and spelling not in person.surname_variants
                ):
                    person.surname_variants.append(spelling)
            person.sources += entity.sources


def patch_yaml(doc: Mapping[str, object], header: str = "") -> str:
    """Return a patch from :func:`patch` as YAML, after ``header`` comment lines."""
    import yaml

    text = yaml.safe_dump(dict(doc), allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + (text if doc else "{}\n")
