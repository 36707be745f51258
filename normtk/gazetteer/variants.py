"""Generated variants: Latin spellings of entities' native names through transliteration.

An editor meets "Kharkov", "Charkiw" and "Khar'kov" for Харків/Харьков; the
transliteration schemes of :mod:`normtk.translit` produce them from the
native names in the gazetteer. Gaddafi, Qaddafi and Kadhafi, or Mao Tse-tung,
come from an entity's ``romanized`` name through its romanization family
(:mod:`normtk.translit.romanize`). A generated spelling is dropped when it could
rewrite something else: when it is shorter than four letters, contains
letters outside the Latin script, is an ordinary word of an output language,
is claimed by another entity (curated or generated), or is listed in the
entity's ``never`` (Rossiya is a TV channel, Moskva a cruiser).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from normtk.folding import match_key
from normtk.gazetteer.model import Entity, Part

GeneratedParts = dict[Part, list[tuple[str, str]]]
Generated = dict[str, GeneratedParts]

MIN_LETTERS = 4
#: A given name counts only with a surname: its family spellings beyond these are not kept.
GIVEN_SPELLINGS = 8


def _key(text: str) -> str:
    """Return what the alias index matches a spelling as (``Sibir`` and ``Sibir` `` alike)."""
    return match_key(text).strip()


def _latin(text: str) -> bool:
    return all(not c.isalpha() or ord(c) < 0x250 for c in text)


def _candidates(entity: Entity) -> dict[Part, dict[str, tuple[str, str]]]:
    """Return generated spelling → (origin, source piece) per part, before any filtering.

    An entity with a ``romanized`` name takes its spellings from its family
    only: the Cyrillic schemes would spell Си Цзиньпин as Si Tszinpin.
    """
    from normtk.translit import languages, latin_variants

    scripts = languages()  # cached by the registry
    found: dict[Part, dict[str, tuple[str, str]]] = {part: {} for part in entity.forms}
    if entity.romanized:
        from normtk.translit.romanize import family

        name = entity.romanized["family"]
        romanizer = family(name)
        for part, spellings in found.items():
            piece = entity.romanized.get(part, "")
            limit = GIVEN_SPELLINGS if part == "given" else None
            for spelling in romanizer.spellings(piece)[:limit]:
                spellings.setdefault(spelling, (f"romanize:{name}", piece))
        return found
    for lang, native in entity.native.items():
        if lang not in scripts:
            continue
        given, surname = entity.split_native(native) if entity.is_person else ("", "")
        pieces: dict[Part, str] = (
            {"given": given, "surname": surname} if entity.is_person else {"name": native}
        )
        for part, piece in pieces.items():
            if not piece:
                continue
            for scheme, spelling in latin_variants(piece, lang).items():
                found[part].setdefault(spelling, (f"translit:{scheme}", piece))
    return found


def generate(entities: Mapping[str, Entity], common_words: Iterable[str]) -> Generated:
    """Return the generated variants that are safe to add, per entity and part."""
    from normtk.translit import languages

    scripts = languages()
    if not any(e.romanized or any(lang in scripts for lang in e.native) for e in entities.values()):
        return {}
    common = set(common_words)
    claims: dict[str, set[str]] = {}
    curated: dict[str, set[str]] = {}
    for entity in entities.values():
        keys = {_key(alias.text) for alias in entity.aliases()}
        curated[entity.id] = keys
        for key in keys:
            claims.setdefault(key, set()).add(entity.id)

    # Where each generated surname or name comes from, per entity: a spelling that two
    # entities generate from one source (Каддафи for a father and his son) is theirs.
    pieces: dict[str, dict[str, set[str]]] = {}
    proposals: dict[str, dict[Part, dict[str, tuple[str, str]]]] = {}
    for entity in entities.values():
        if not entity.native and not entity.romanized:
            continue
        parts = _candidates(entity)
        never = {_key(spelling) for spelling in entity.never}
        for part, spellings in parts.items():
            for spelling, (_, piece) in list(spellings.items()):
                key = _key(spelling)
                letters = sum(c.isalpha() for c in spelling)
                if (
                    key in curated[entity.id]
                    or key in never
                    or letters < MIN_LETTERS
                    or not _latin(spelling)
                    or key in common
                ):
                    del spellings[spelling]
                elif part != "given":  # a given name is never matched on its own
                    claims.setdefault(key, set()).add(entity.id)
                    pieces.setdefault(key, {}).setdefault(entity.id, set()).add(piece)
        proposals[entity.id] = parts

    def only_theirs(key: str, entity_id: str) -> bool:
        mine = pieces[key][entity_id]
        return all(pieces[key].get(other, set()) & mine for other in claims[key] - {entity_id})

    generated: Generated = {}
    for entity_id, parts in proposals.items():
        kept = {
            part: [
                (spelling, origin)
                for spelling, (origin, _) in spellings.items()
                if part == "given" or only_theirs(_key(spelling), entity_id)
            ]
            for part, spellings in parts.items()
        }
        if any(kept.values()):
            generated[entity_id] = kept
    return generated


def region_names(
    entities: Mapping[str, Entity], generated: Generated, phrases: Iterable[str]
) -> Generated:
    """Return the names of regions built from their centre's spellings and the region phrases.

    A region ``named_after`` a city is named by every Latin spelling of the
    city (its forms, variants and generated spellings) in every phrase:
    "Kharkov region", "Oblast Charkiw", "Kharkiv oblast". A phrase that another
    entity has, or that two regions would share, is left out.
    """
    templates = sorted(set(phrases))
    regions = [e for e in entities.values() if e.named_after in entities]
    if not templates or not regions:
        return {}
    taken: dict[str, set[str]] = {}
    for entity in entities.values():
        for alias in entity.aliases(generated.get(entity.id)):
            taken.setdefault(_key(alias.text), set()).add(entity.id)
    proposals: dict[str, dict[str, str]] = {}
    claims: dict[str, set[str]] = {}
    for region in regions:
        centre = entities[str(region.named_after)]
        found = proposals[region.id] = {}
        for alias in centre.aliases(generated.get(centre.id)):
            if alias.kind != "name" or not _latin(alias.text):
                continue
            for template in templates:
                phrase = template.format(alias.text)
                key = _key(phrase)
                if taken.get(key, set()) <= {region.id}:  # nobody else's name
                    found.setdefault(phrase, f"region:{template}")
                    claims.setdefault(key, set()).add(region.id)
    names: Generated = {}
    for region_id, found in proposals.items():
        kept = [(p, origin) for p, origin in found.items() if claims[_key(p)] == {region_id}]
        if kept:
            names[region_id] = {"name": kept}
    return names
