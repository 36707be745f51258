"""The entity model: what one gazetteer entry says, and the aliases it yields."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from normtk.folding import fold

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
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


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
    ``surname_first`` says the surname comes first (Xi Jinping, Kim Jong Un).
    """

    text: str
    entity_id: str
    kind: AliasKind
    origin: str
    given_len: int = 0
    surname_len: int = 0
    surname_first: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A place, person or organization with its forms per output language and style.

    ``forms`` maps a part (``name`` for most entities, ``given`` and ``surname``
    for persons) to written forms keyed ``lang`` or ``lang/style``.
    ``articles`` (persons) maps ``lang`` or ``lang/style`` to the article written
    before the surname in a full name and dropped when the surname stands alone
    (``el-`` in "Muammar el-Qaddafi", "Mr. Qaddafi"). ``romanized`` gives the
    canonical romanization of the name in a family of
    :mod:`normtk.translit.romanize`: ``family`` and ``name``, or ``given`` and
    ``surname``. ``surname_first`` writes a person's surname first (Xi Jinping).
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
    articles: Mapping[str, str] = field(default_factory=dict)
    romanized: Mapping[str, str] = field(default_factory=dict)
    surname_first: bool = False
    file: str = ""
    line: int = 0

    @property
    def is_person(self) -> bool:
        """Tell whether the entity's name is a given name plus a surname."""
        return self.type == "person"

    def form(self, part: Part, lang: str, style: str | None = None, *, full: bool = False) -> str:
        """Return the form of ``part`` that ``lang`` (and ``style``, if given) prescribes.

        ``full``: the surname as a full name writes it, after its article.
        """
        forms = self.forms[part]
        key = f"{lang}/{style}" if style is not None and f"{lang}/{style}" in forms else lang
        if full and part == "surname":
            return self._with_article(forms[key], lang, style)
        return forms[key]

    def accepted(
        self,
        part: Part,
        lang: str,
        style: str | None,
        *,
        full: bool = False,
        keep_styled: bool = False,
    ) -> tuple[str, ...]:
        """Return the forms of ``part`` left as written.

        With a style, only that style's form; without one, only the language's
        default form. ``keep_styled`` (or an entity whose style forms are names
        rather than spellings, ``style_decides``) leaves every form that some
        style of ``lang`` prescribes: Zelensky, Zelenskiy and Zelenskyy alike.
        """
        if style is not None or not (keep_styled or self.style_decides):
            return (self.form(part, lang, style, full=full),)
        keys = list(self.forms[part])
        if full and part == "surname":
            keys += [key for key in self.articles if key not in self.forms[part]]
        return tuple(
            self.form(part, lang, _lang_style(key)[1], full=full)
            for key in keys
            if key == lang or key.startswith(lang + "/")
        )

    def _with_article(self, surname: str, lang: str, style: str | None) -> str:
        article = self.articles.get(f"{lang}/{style}") if style is not None else None
        if article is None:
            article = self.articles.get(lang, "")
        return _join_article(article, surname)

    def _full_surnames(
        self, extra: Mapping[Part, Sequence[tuple[str, str]]] | None
    ) -> list[tuple[str, str]]:
        """Return (surname, origin) as full names write them: forms, then each after its
        style's article (Muammar el-Qaddafi), then variants, native and generated
        spellings, then forms and variants after any of the entity's articles (Muammar
        al-Kadhafi, Moamer El Kazzafi). Generated spellings bring their own articles."""
        pairs = _part_forms(self, "surname", extra)
        if not self.articles:
            return pairs
        forms = len(self.forms["surname"])
        curated = forms + len(self.variants.get("surname", ()))
        own = [
            (self.form("surname", *_lang_style(key), full=True), f"form:{key}")
            for key in self.articles
            if _lang_style(key)[0] in self.forms["surname"]
        ]
        articles = {fold(a.rstrip("-'’")): a for a in reversed(list(self.articles.values())) if a}
        joined = [
            (_join_article(article, text), origin)
            for article in articles.values()
            for text, origin in pairs[:curated]
            if fold(text).partition(" ")[0].partition("-")[0] not in articles
        ]
        return pairs[:forms] + own + pairs[forms:] + joined

    def full_name(self, given: str, surname: str) -> str:
        """Join a given name and a surname in the entity's name order."""
        return f"{surname} {given}" if self.surname_first else f"{given} {surname}"

    def split_native(self, native: str) -> tuple[str, str]:
        """Split a person's native name into (given, surname); ("", "") if it cannot be.

        Given names then surname at the last space, or, for a surname-first
        person, the surname up to the first space: a name written without
        spaces (김정은, 习近平) is not split.
        """
        if self.surname_first:
            surname, _, given = native.partition(" ")
            return (given, surname) if given else ("", "")
        given, _, surname = native.rpartition(" ")
        return given, surname

    def default_basis(self, lang: str) -> str:
        """Say why the default form of ``lang`` (written without --style) is the one it is."""
        if self.style_decides:
            return (
                "its style forms are names a house chooses between, left as written without "
                "a style; other spellings become this form"
            )
        if self.is_person:
            return "the person's own spelling where there is one, else the most common press form"
        if self.country == "UA" and lang == "en":
            return "the Ukrainian national romanization (KMU resolution 55, 2010), as AP writes it"
        return "the most widespread form in the language's press"

    def evidence(self, lang: str) -> list[str]:
        """Return the parts of the source lines that speak of the forms of ``lang``."""
        found = []
        for source in self.sources:
            for part in source.split("; "):
                head, colon, _ = part.partition(":")
                # "en", "en/reuters, en/nyt" (styles) or "en/es/de/fr" (languages)
                keys = {k.strip() for key in head.split(",") for k in key.split("/")}
                if colon and lang in keys:
                    found.append(part.strip())
        return found

    def to_dict(
        self, generated: Mapping[Part, Sequence[tuple[str, str]]] | None = None
    ) -> dict[str, Any]:
        """Return the entity as ``normtk gazetteer lookup`` shows it: forms, defaults and why."""
        languages = sorted({key.split("/")[0] for forms in self.forms.values() for key in forms})
        aliases = self.aliases(generated)
        return {
            "id": self.id,
            "type": self.type,
            "country": self.country,
            "native": dict(self.native),
            "forms": {part: dict(forms) for part, forms in self.forms.items()},
            "default": {
                lang: {
                    "form": self.display_name(lang),
                    "why": self.default_basis(lang),
                    "sources": self.evidence(lang),
                }
                for lang in languages
            },
            "aliases": [{"text": a.text, "kind": a.kind, "origin": a.origin} for a in aliases],
            "defined_at": f"{self.file}:{self.line}",
            "sources": list(self.sources),
        }

    def display_name(self, lang: str = "en", style: str | None = None) -> str:
        """Return the full name in ``lang`` and ``style``."""
        if self.is_person:
            return self.full_name(
                self.form("given", lang, style), self.form("surname", lang, style, full=True)
            )
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
            surnames = self._full_surnames(extra)
            for given, given_origin in givens:
                for surname, surname_origin in surnames:
                    yield from once(
                        Alias(
                            self.full_name(given, surname),
                            self.id,
                            "full",
                            f"given={given_origin} surname={surname_origin}",
                            len(given),
                            len(surname),
                            self.surname_first,
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


def _join_article(article: str, surname: str) -> str:
    """Write ``surname`` after ``article``: joined after a hyphen or apostrophe, else spaced."""
    if not article or article.endswith(("-", "'", "’")):
        return article + surname
    return f"{article} {surname}"


def _lang_style(key: str) -> tuple[str, str | None]:
    lang, _, style = key.partition("/")
    return lang, style or None


def _part_forms(
    entity: Entity, part: Part, extra: Mapping[Part, Sequence[tuple[str, str]]] | None
) -> list[tuple[str, str]]:
    """Return (form, origin) for the forms, variants and native names of ``part``.

    A person's native name is split by :meth:`Entity.split_native`.
    """
    pairs = [(form, f"form:{key}") for key, form in entity.forms[part].items()]
    pairs += [(variant, entity.variant_origin) for variant in entity.variants.get(part, ())]
    for lang, native in entity.native.items():
        given, surname = entity.split_native(native) if part != "name" else ("", "")
        written = {"name": native, "given": given, "surname": surname}[part]
        if written:
            pairs.append((written, f"native:{lang}"))
    if extra:
        pairs += extra.get(part, ())
    return pairs


@dataclass
class Ambiguity:
    """How to choose between entities that share one alias.

    ``or_person``: the alias may also be the surname of somebody the gazetteer
    does not know (Nikolaev): it names one of ``entities`` only where context
    says a place is meant.
    """

    alias: str
    entities: tuple[str, ...]
    default: str | None
    cues: Mapping[str, tuple[str, ...]]
    file: str
    line: int
    or_person: bool = False
