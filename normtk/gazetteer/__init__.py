"""Gazetteers: entities, their forms per language and house style, and their aliases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from normtk.errors import GazetteerError, UsageError
from normtk.folding import fold
from normtk.gazetteer.locate import fingerprint, search_path
from normtk.gazetteer.model import Alias, Ambiguity, Entity, Language, Style

if TYPE_CHECKING:
    from normtk.gazetteer.variants import GeneratedParts
    from normtk.match import AliasIndex

__all__ = ["Alias", "Ambiguity", "Entity", "Gazetteer", "Language", "Style", "validate"]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """A validated set of entities with the languages and styles they are written in.

    >>> gaz = Gazetteer.load()
    >>> gaz["kyiv"].form("name", "en")
    'Kyiv'
    """

    entities: Mapping[str, Entity]
    languages: Mapping[str, Language]
    ambiguities: Mapping[str, Ambiguity]
    digest: str
    sources: tuple[Path, ...]

    @classmethod
    def load(cls, paths: Iterable[Path | str] = (), *, bundled: bool = True) -> Gazetteer:
        """Load the bundled gazetteer, ``$NORMTK_GAZETTEER_PATH`` and ``paths``.

        Raises :class:`GazetteerError` listing every problem as ``file:line: id: message``.
        """
        from normtk.gazetteer import cache

        dirs = search_path(paths) if bundled else [Path(p) for p in paths]
        key = fingerprint(dirs)

        def rebuild() -> tuple[Mapping[str, Entity], Mapping[str, GeneratedParts]]:
            fresh = cls._read(dirs)
            return fresh.entities, fresh.generated

        cached = cache.get(key, rebuild)
        if cached is not None:
            gazetteer = cls(
                cached.entities, cached.languages, cached.ambiguities, cached.digest, tuple(dirs)
            )
            gazetteer.__dict__["generated"] = cached.generated
            gazetteer.__dict__["index"] = cached.index
            gazetteer.__dict__["given_names"] = cached.given_names
            return gazetteer
        gazetteer = cls._read(dirs)
        cache.put(key, gazetteer)
        return gazetteer

    @classmethod
    def _read(cls, dirs: list[Path]) -> Gazetteer:
        """Read and validate the data files themselves."""
        from normtk.gazetteer.load import read

        data = read(dirs)
        if data.problems:
            raise GazetteerError(data.problems)
        return cls(data.entities, data.languages, data.ambiguities, data.digest, tuple(dirs))

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self.entities[entity_id]
        except KeyError:
            msg = f"no entity with id {entity_id!r}"
            raise LookupError(msg) from None

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def aliases(self) -> Iterator[Alias]:
        """Yield every alias of every entity, generated variants included."""
        generated = self.generated
        for entity in self.entities.values():
            yield from entity.aliases(generated.get(entity.id))

    @cached_property
    def generated(self) -> Mapping[str, GeneratedParts]:
        """Generated variants per entity and part: spellings of native names, region names."""
        from normtk.gazetteer.stopwords import common_words, stopword_languages
        from normtk.gazetteer.variants import generate, region_names

        common = set().union(*(common_words(lang) for lang in stopword_languages()))
        generated = generate(self.entities, common)
        phrases = [p for lang in self.languages.values() for p in lang.region_phrases]
        for entity_id, parts in region_names(self.entities, generated, phrases).items():
            own = generated.setdefault(entity_id, {})
            for part, pairs in parts.items():
                own[part] = [*own.get(part, []), *pairs]
        return generated

    @cached_property
    def given_names(self) -> frozenset[str]:
        """The folded given names of the gazetteer's people, as the copy capitalizes them.

        Kept in the on-disk cache: finding them would build every entity.
        """
        from normtk.folding import fold

        return frozenset(
            fold(name)
            for entity in self
            if entity.is_person
            for name in entity.forms["given"].values()
            if name[:1].isupper()
        )

    @cached_property
    def index(self) -> AliasIndex[Alias]:
        """The compiled alias index, built on first use."""
        from normtk.match import AliasIndex

        return AliasIndex.build(self.aliases())

    def check_target(self, lang: str, style: str | None) -> None:
        """Raise :class:`UsageError` naming the known ones if ``lang`` or ``style`` is unknown."""
        if lang not in self.languages:
            known = ", ".join(sorted(self.languages))
            msg = f"unknown language {lang!r}; known languages: {known}"
            raise UsageError(msg)
        styles = self.languages[lang].styles
        if style is not None and style not in styles:
            known = ", ".join(sorted(styles)) or "none"
            msg = f"unknown style {style!r} for {lang}; known styles: {known}"
            raise UsageError(msg)

    def lookup(self, name: str) -> list[tuple[Entity, Alias]]:
        """Return the entities (with the matching alias) that ``name`` can refer to.

        An entity id works too. Matching ignores case and diacritics.
        """
        if name in self.entities:
            entity = self.entities[name]
            return [(entity, next(entity.aliases()))]
        key = fold(name)
        return [
            (self.entities[alias.entity_id], alias)
            for alias in self.aliases()
            if fold(alias.text) == key
        ]

    def stats(self) -> dict[str, dict[str, int]]:
        """Count entities by type and by country, and aliases by kind and origin."""
        aliases = list(self.aliases())
        return {
            "entities": {"total": len(self.entities)},
            "by_type": dict(Counter(e.type for e in self).most_common()),
            "by_country": dict(Counter(e.country or "-" for e in self).most_common()),
            "aliases_by_kind": dict(Counter(a.kind for a in aliases).most_common()),
            # Names and surnames by where they come from: form, variant (curated),
            # native, translit (generated), geonames (imported) ...
            "aliases_by_origin": dict(
                Counter(
                    a.origin.removeprefix("surname=").split(":")[0]
                    for a in aliases
                    if a.kind in {"name", "surname"}
                ).most_common()
            ),
        }


def validate(paths: Iterable[Path | str] = (), *, bundled: bool = True) -> list[str]:
    """Return every problem in the given gazetteer files (and the bundled ones), or []."""
    from normtk.gazetteer.load import read

    dirs = search_path(paths) if bundled else [Path(p) for p in paths]
    return read(dirs).problems
