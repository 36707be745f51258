"""The entity model: what one gazetteer entry says, and the aliases it yields."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Part = Literal["name", "given", "surname"]
AliasKind = Literal["name", "surname", "full", "abbr", "keep"]


@dataclass(frozen=True, slots=True)
class Style:
    """A named house style of one output language."""

    name: str
    lang: str
    description: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Language:
    """An output language and its named house styles."""

    code: str
    name: str
    styles: Mapping[str, Style] = field(default_factory=dict)
    region_phrases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Alias:
    """One written form that points at an entity.

    ``kind`` says how a match is rewritten: ``name`` and ``surname`` replace the
    whole match, ``full`` is a given name and a surname rewritten separately
    (``given_len`` and ``surname_len`` locate them), ``abbr`` is an acronym or
    short name that stands for the entity only in exactly its letter case and is
    never rewritten, ``keep`` marks a phrase in which the entity's variants stay
    as written. ``origin`` tells where the form
    came from (``form:de``, ``variant``, ``surname=form:en/nyt`` ...).
    """

    text: str
    entity_id: str
    kind: AliasKind
    origin: str
    given_len: int = 0
    surname_len: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A place, person or organization with its forms per output language and style.

    ``forms`` maps a part (``name`` for most entities, ``given`` and ``surname``
    for persons) to written forms keyed ``lang`` or ``lang/style``.
    """

    id: str
    type: str
    country: str | None
    native: Mapping[str, str]
    forms: Mapping[Part, Mapping[str, str]]
    variants: Mapping[Part, tuple[str, ...]]
    keep: tuple[str, ...]
    sources: tuple[str, ...]
    never: tuple[str, ...] = ()
    abbreviations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    surname_alone: bool = True
    style_decides: bool = False
    named_after: str | None = None
    variant_origin: str = "variant"
    file: str = ""
    line: int = 0

    @property
    def is_person(self) -> bool:
        """Tell whether the entity's name is a given name plus a surname."""
        return self.type == "person"

    def form(self, part: Part, lang: str, style: str | None = None) -> str:
        """Return the form of ``part`` that ``lang`` (and ``style``, if given) prescribes."""
        forms = self.forms[part]
        if style is not None and f"{lang}/{style}" in forms:
            return forms[f"{lang}/{style}"]
        return forms[lang]

    def accepted(self, part: Part, lang: str, style: str | None) -> tuple[str, ...]:
        """Return the forms of ``part`` left as written.

        With a style, only that style's form. Without one, every form that some
        style of ``lang`` prescribes: choosing between Zelensky, Zelenskiy and
        Zelenskyy is the house style's job, not the default's.
        """
        if style is not None:
            return (self.form(part, lang, style),)
        return tuple(
            form
            for key, form in self.forms[part].items()
            if key == lang or key.startswith(lang + "/")
        )

    def display_name(self, lang: str = "en", style: str | None = None) -> str:
        """Return the full name in ``lang`` and ``style``."""
        if self.is_person:
            return f"{self.form('given', lang, style)} {self.form('surname', lang, style)}"
        return self.form("name", lang, style)

    def aliases(
        self, extra: Mapping[Part, Sequence[tuple[str, str]]] | None = None
    ) -> Iterator[Alias]:
        """Yield every alias of the entity, canonical forms first, each text once.

        ``extra`` adds (spelling, origin) variants per part, e.g. generated ones.
        An extra surname counts only after a given name: a generated spelling
        alone ("Polanski" from Полянский) may well be somebody else.
        """
        seen: set[tuple[str, AliasKind]] = set()

        def once(alias: Alias) -> Iterator[Alias]:
            if (alias.text, alias.kind) not in seen:
                seen.add((alias.text, alias.kind))
                yield alias

        if self.is_person:
            givens = _part_forms(self, "given", extra)
            surnames = _part_forms(self, "surname", extra)
            for given, given_origin in givens:
                for surname, surname_origin in surnames:
                    yield from once(
                        Alias(
                            f"{given} {surname}",
                            self.id,
                            "full",
                            f"given={given_origin} surname={surname_origin}",
                            len(given),
                            len(surname),
                        )
                    )
            for surname, origin in _part_forms(self, "surname", None) if self.surname_alone else ():
                yield from once(Alias(surname, self.id, "surname", f"surname={origin}"))
        else:
            for name, origin in _part_forms(self, "name", extra):
                yield from once(Alias(name, self.id, "name", origin))
        for lang, abbreviations in self.abbreviations.items():
            for abbreviation in abbreviations:
                yield from once(Alias(abbreviation, self.id, "abbr", f"abbr:{lang}"))
        for phrase in self.keep:
            yield from once(Alias(phrase, self.id, "keep", "keep"))


def _part_forms(
    entity: Entity, part: Part, extra: Mapping[Part, Sequence[tuple[str, str]]] | None
) -> list[tuple[str, str]]:
    """Return (form, origin) for the forms, variants and native names of ``part``.

    A person's native name is split at its last space: given names, then surname.
    """
    pairs = [(form, f"form:{key}") for key, form in entity.forms[part].items()]
    pairs += [(variant, entity.variant_origin) for variant in entity.variants.get(part, ())]
    for lang, native in entity.native.items():
        given, _, surname = native.rpartition(" ")
        written = {"name": native, "given": given, "surname": surname}[part]
        if written:
            pairs.append((written, f"native:{lang}"))
    if extra:
        pairs += extra.get(part, ())
    return pairs


@dataclass
class Ambiguity:
    """How to choose between entities that share one alias."""

    alias: str
    entities: tuple[str, ...]
    default: str | None
    cues: Mapping[str, tuple[str, ...]]
    file: str
    line: int
