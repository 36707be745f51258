"""The byte layout of a loaded gazetteer: what a cache entry holds and what Dask workers receive.

A file in this layout is untrusted input (the cache folder may be shared or
writable by others). It holds only data — strings, integer arrays and JSON —
and nothing in it can run code: everything is checked before it is used, and
a file that is corrupt, truncated, of another version or of the wrong shape
raises one of :data:`DECODE_ERRORS`. The layout is columnar so that reading
builds almost nothing up front: an alias becomes an object when its key first
matches, an entity when it is first looked up.

Layout: ``MAGIC``, then a JSON header line (version, digest, CRC-32 of the
body, languages, ambiguity rules and where each section lies in the body),
then the body: one UTF-8 string table, its lengths and the integer columns
of the index, as native ``array`` bytes.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from itertools import accumulate
from typing import TYPE_CHECKING, Any, cast, get_args

from normtk.gazetteer.model import Alias, AliasKind, Ambiguity, Entity, Language, Part, Style
from normtk.match import AliasIndex

if TYPE_CHECKING:
    from pathlib import Path

    from normtk.gazetteer import Gazetteer
    from normtk.gazetteer.variants import GeneratedParts

    Rebuild = Callable[[], tuple[Mapping[str, Entity], Mapping[str, GeneratedParts]]]

VERSION = 6
MAGIC = b"normtk gazetteer cache\n"
_KINDS: tuple[AliasKind, ...] = get_args(AliasKind)
_PARTS = frozenset({"name", "given", "surname"})
_ARRAYS = (
    "string_lengths",
    "alias_text",
    "alias_entity",
    "alias_origin",
    "alias_given_len",
    "alias_surname_len",
    "alias_surname_first",
    "key_sizes",
    "entity_ids",
    "entity_records",
)
_BLOBS = ("strings", "keys", "alias_kind")
_TYPECODE = "I"  # unsigned int: lengths and string numbers are never negative


class CorruptCache(Exception):  # noqa: N818 - internal signal, never leaves this package
    """The data does not hold what this module writes."""


#: What reading data that is not in this layout raises.
DECODE_ERRORS = (CorruptCache, ValueError, TypeError, KeyError, IndexError, OverflowError)


@dataclass(frozen=True, slots=True)
class Cached:
    """What a cache entry restores: everything a :class:`Gazetteer` holds."""

    entities: Mapping[str, Entity]
    generated: Mapping[str, GeneratedParts]
    languages: Mapping[str, Language]
    ambiguities: Mapping[str, Ambiguity]
    digest: str  # of the data files, as Gazetteer.digest
    index: AliasIndex[Alias]
    given_names: frozenset[str]


# Writing.


class _Strings:
    """A string table: each distinct string once, numbered in order of first use."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        number = self.numbers.get(text)
        if number is None:
            number = self.numbers[text] = len(self.numbers)
        return number


def encode(digest: str, gazetteer: Gazetteer) -> bytes:
    """Return ``gazetteer`` in this layout, under the cache key ``digest``."""
    strings = _Strings()
    columns: dict[str, array[int]] = {name: array(_TYPECODE) for name in _ARRAYS}
    kinds = bytearray()
    keys: list[str] = []
    index = gazetteer.index
    for key, aliases in index.groups():
        keys.append(key)
        columns["key_sizes"].append(len(aliases))
        for alias in aliases:
            columns["alias_text"].append(strings(alias.text))
            columns["alias_entity"].append(strings(alias.entity_id))
            columns["alias_origin"].append(strings(alias.origin))
            columns["alias_given_len"].append(alias.given_len)
            columns["alias_surname_len"].append(alias.surname_len)
            columns["alias_surname_first"].append(alias.surname_first)
            kinds.append(_KINDS.index(alias.kind))
    generated = gazetteer.generated
    for entity in gazetteer:
        columns["entity_ids"].append(strings(entity.id))
        record = _entity_record(entity, generated.get(entity.id, {}))
        columns["entity_records"].append(strings(record))
    table = list(strings.numbers)
    columns["string_lengths"].extend(len(text) for text in table)
    blobs = {
        "strings": "".join(table).encode("utf-8"),
        "keys": "\n".join(keys).encode("utf-8"),
        "alias_kind": bytes(kinds),
    }
    body = bytearray()
    sections: dict[str, list[int]] = {}
    for name, blob in [*blobs.items(), *((n, c.tobytes()) for n, c in columns.items())]:
        sections[name] = [len(body), len(blob)]
        body += blob
    header = {
        "version": VERSION,
        "digest": digest,
        "data_digest": gazetteer.digest,
        "byteorder": sys.byteorder,
        "itemsize": array(_TYPECODE).itemsize,
        "crc32": zlib.crc32(body),
        "keys": len(keys),
        "max_words": index.max_words,
        "sections": sections,
        "languages": {
            code: [
                lang.name,
                {n: [s.description, list(s.sources)] for n, s in lang.styles.items()},
                list(lang.region_phrases),
                {kind: list(words) for kind, words in lang.cues.items()},
            ]
            for code, lang in gazetteer.languages.items()
        },
        "ambiguities": [_ambiguity_record(rule) for rule in gazetteer.ambiguities.values()],
        "given_names": sorted(gazetteer.given_names),
    }
    line = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + line + b"\n" + bytes(body)


def _entity_record(entity: Entity, generated: GeneratedParts) -> str:
    record: dict[str, Any] = {}
    for item in fields(Entity):
        value = getattr(entity, item.name)
        _CODECS[str(item.type)].check(value)
        record[item.name] = _jsonable(value)
    record["generated"] = {part: [list(p) for p in pairs] for part, pairs in generated.items()}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return list(value)
    return value


def _ambiguity_record(rule: Ambiguity) -> list[Any]:
    cues = {entity: list(words) for entity, words in rule.cues.items()}
    return [
        rule.alias,
        list(rule.entities),
        rule.default,
        cues,
        rule.file,
        rule.line,
        rule.or_person,
    ]


# Reading: every value is checked before it is used.


def decode(data: bytes, digest: str, rebuild: Rebuild) -> Cached:
    """Return what :func:`encode` wrote under ``digest``; ``rebuild`` reads the data files.

    ``rebuild`` is called only if an entity's record turns out to be corrupt
    after the file passed its checks (nothing short of a deliberately crafted
    file gets that far).
    """
    if not data.startswith(MAGIC):
        raise CorruptCache
    header_end = data.find(b"\n", len(MAGIC))
    if header_end == -1:
        raise CorruptCache
    header = json.loads(data[len(MAGIC) : header_end])
    body = memoryview(data)[header_end + 1 :]
    _expect(
        isinstance(header, dict)
        and header.get("version") == VERSION
        and header.get("digest") == digest
        and header.get("byteorder") == sys.byteorder
        and header.get("itemsize") == array(_TYPECODE).itemsize
        and header.get("crc32") == zlib.crc32(body)
        and isinstance(header.get("data_digest"), str)
        and _is_int(header.get("keys"))
        and _is_int(header.get("max_words"))
        and isinstance(header.get("sections"), dict)
    )
    sections = header["sections"]
    blobs = {name: _section(body, sections, name) for name in _BLOBS}
    columns = {name: _array(_section(body, sections, name)) for name in _ARRAYS}

    strings = bytes(blobs["strings"]).decode("utf-8")
    lengths = columns["string_lengths"]
    _expect(sum(lengths) == len(strings))
    offsets = list(accumulate(lengths, initial=0))

    def text(number: int) -> str:
        return strings[offsets[number] : offsets[number + 1]]

    n_strings = len(lengths)
    n_aliases = len(columns["alias_text"])
    kinds = bytes(blobs["alias_kind"])
    for name in ("alias_text", "alias_entity", "alias_origin", "entity_ids", "entity_records"):
        _expect(max(columns[name], default=0) < n_strings or not columns[name])
    for name in (
        "alias_entity",
        "alias_origin",
        "alias_given_len",
        "alias_surname_len",
        "alias_surname_first",
    ):
        _expect(len(columns[name]) == n_aliases)
    _expect(max(columns["alias_surname_first"], default=0) <= 1)
    _expect(len(kinds) == n_aliases and max(kinds, default=0) < len(_KINDS))
    _expect(len(columns["entity_ids"]) == len(columns["entity_records"]))
    _expect(set(columns["alias_entity"]) <= set(columns["entity_ids"]))
    keys = bytes(blobs["keys"]).decode("utf-8").split("\n") if header["keys"] else []
    sizes = columns["key_sizes"]
    _expect(len(keys) == header["keys"] == len(sizes) and sum(sizes) == n_aliases)
    _expect(all(keys) and len(set(keys)) == len(keys) and all(sizes))
    starts = list(accumulate(sizes, initial=0))

    def entries(number: int) -> tuple[Alias, ...]:
        aliases = []
        for row in range(starts[number], starts[number + 1]):
            written = text(columns["alias_text"][row])
            given = min(columns["alias_given_len"][row], len(written))
            surname = min(columns["alias_surname_len"][row], len(written) - given)
            entity = text(columns["alias_entity"][row])
            origin = text(columns["alias_origin"][row])
            first = columns["alias_surname_first"][row] == 1
            aliases.append(
                Alias(written, entity, _KINDS[kinds[row]], origin, given, surname, first)
            )
        return tuple(aliases)

    index = AliasIndex(keys, entries, max_words=header["max_words"])
    records = _Records(
        {
            text(i): text(r)
            for i, r in zip(columns["entity_ids"], columns["entity_records"], strict=True)
        },
        rebuild,
    )
    _expect(len(records.raw) == len(columns["entity_ids"]))
    return Cached(
        _LazyEntities(records),
        _LazyGenerated(records),
        _languages(header.get("languages")),
        _ambiguities(header.get("ambiguities")),
        header["data_digest"],
        index,
        _given_names(header.get("given_names")),
    )


def _given_names(value: object) -> frozenset[str]:
    _expect(_str_list(value))
    return frozenset(cast("list[str]", value))


def _expect(condition: bool) -> None:
    if not condition:
        raise CorruptCache


def _is_int(value: object) -> bool:
    return type(value) is int and value >= 0


def _section(body: memoryview, sections: dict[str, Any], name: str) -> memoryview:
    where = sections.get(name)
    if not (isinstance(where, list) and len(where) == 2 and all(_is_int(n) for n in where)):
        raise CorruptCache
    start, size = where
    _expect(start + size <= len(body))
    return body[start : start + size]


def _array(blob: memoryview) -> array[int]:
    column = array(_TYPECODE)
    _expect(len(blob) % column.itemsize == 0)
    column.frombytes(blob)
    return column


def _languages(value: object) -> dict[str, Language]:
    if not isinstance(value, dict):
        raise CorruptCache
    languages = {}
    for code, spec in value.items():
        _expect(isinstance(spec, list) and len(spec) == 4)
        name, styles, phrases, cues = spec
        _expect(
            isinstance(name, str)
            and isinstance(styles, dict)
            and _STRINGS.valid(phrases)
            and _LANG_STRINGS.valid(cues)
        )
        parsed = {}
        for style, described in styles.items():
            _expect(isinstance(described, list) and len(described) == 2)
            description, sources = described
            _expect(isinstance(description, str) and _STRINGS.valid(sources))
            parsed[style] = Style(style, code, description, tuple(sources))
        languages[code] = Language(code, name, parsed, tuple(phrases), _tuples(cues))
    return languages


def _ambiguities(value: object) -> dict[str, Ambiguity]:
    from normtk.folding import fold

    if not isinstance(value, list):
        raise CorruptCache
    rules = {}
    for item in value:
        _expect(isinstance(item, list) and len(item) == 7)
        alias, entities, default, cues, file, line, or_person = item
        _expect(
            isinstance(alias, str)
            and _STRINGS.valid(entities)
            and (default is None or isinstance(default, str))
            and _LANG_STRINGS.valid(cues)
            and isinstance(file, str)
            and _is_int(line)
            and isinstance(or_person, bool)
        )
        cue_words = {entity: tuple(words) for entity, words in cues.items()}
        rules[fold(alias)] = Ambiguity(
            alias, tuple(entities), default, cue_words, file, line, or_person
        )
    return rules


@dataclass(frozen=True)
class _Codec:
    """How one Entity field is checked on the way out and rebuilt on the way in."""

    valid: Callable[[Any], bool]
    restore: Callable[[Any], Any] = lambda value: value

    def check(self, value: Any) -> None:
        if not self.valid(_jsonable(value)):
            msg = f"cannot cache the value {value!r}"
            raise TypeError(msg)


def _str_map(value: Any) -> bool:
    return type(value) is dict and all(type(v) is str for v in value.values())


def _str_list(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _tuples(value: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(items) for key, items in value.items()}


_STRINGS = _Codec(_str_list, tuple)
_LANG_STRINGS = _Codec(
    lambda v: type(v) is dict and all(type(k) is str and _str_list(i) for k, i in v.items()),
    _tuples,
)
# Keyed by the annotation of each Entity field: a field of a new type needs a
# codec here (tests/test_cache.py round-trips every field).
_CODECS: dict[str, _Codec] = {
    "str": _Codec(lambda v: type(v) is str),
    "str | None": _Codec(lambda v: v is None or type(v) is str),
    "int": _Codec(lambda v: type(v) is int),
    "bool": _Codec(lambda v: type(v) is bool),
    "tuple[str, ...]": _STRINGS,
    "Mapping[str, str]": _Codec(_str_map),
    "Mapping[str, tuple[str, ...]]": _LANG_STRINGS,
    "Mapping[Part, tuple[str, ...]]": _Codec(
        lambda v: _LANG_STRINGS.valid(v) and set(v) <= _PARTS, _tuples
    ),
    "Mapping[Part, Mapping[str, str]]": _Codec(
        lambda v: type(v) is dict and set(v) <= _PARTS and all(_str_map(f) for f in v.values())
    ),
}


def _generated_valid(value: Any) -> bool:
    return (
        type(value) is dict
        and set(value) <= _PARTS
        and all(
            type(pairs) is list and all(_str_list(pair) and len(pair) == 2 for pair in pairs)
            for pairs in value.values()
        )
    )


class _Records:
    """Entity records as JSON text, parsed and checked on first use of each."""

    def __init__(self, raw: dict[str, str], rebuild: Rebuild) -> None:
        self.raw = raw
        self._rebuild = rebuild
        self._parsed: dict[str, tuple[Entity, GeneratedParts]] = {}
        self._replacement: tuple[Mapping[str, Entity], Mapping[str, GeneratedParts]] | None = None

    def get(self, entity_id: str) -> tuple[Entity, GeneratedParts]:
        if self._replacement is not None:
            entities, generated = self._replacement
            return entities[entity_id], generated.get(entity_id, {})
        parsed = self._parsed.get(entity_id)
        if parsed is None:
            raw = self.raw[entity_id]  # KeyError: no such entity
            try:
                parsed = _parse_record(raw, entity_id)
            except (CorruptCache, ValueError, TypeError, KeyError):
                # Crafted to pass every check above: use the data itself.
                self._replacement = self._rebuild()
                return self.get(entity_id)
            self._parsed[entity_id] = parsed
        return parsed


def _parse_record(text: str, entity_id: str) -> tuple[Entity, GeneratedParts]:
    record = json.loads(text)
    _expect(type(record) is dict and record.get("id") == entity_id)
    values = {}
    for item in fields(Entity):
        codec = _CODECS[str(item.type)]
        value = record[item.name]
        _expect(codec.valid(value))
        values[item.name] = codec.restore(value)
    generated: dict[Part, list[list[str]]] = record.get("generated")
    _expect(_generated_valid(generated))
    parts = {part: [(s, o) for s, o in pairs] for part, pairs in generated.items()}
    return Entity(**values), parts


class _LazyEntities(Mapping[str, Entity]):
    def __init__(self, records: _Records) -> None:
        self._records = records

    def __getitem__(self, entity_id: str) -> Entity:
        return self._records.get(entity_id)[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._records.raw)

    def __len__(self) -> int:
        return len(self._records.raw)


class _LazyGenerated(Mapping[str, "GeneratedParts"]):
    def __init__(self, records: _Records) -> None:
        self._records = records

    def __getitem__(self, entity_id: str) -> GeneratedParts:
        parts = self._records.get(entity_id)[1]
        if not parts:
            raise KeyError(entity_id)
        return parts

    def __iter__(self) -> Iterator[str]:
        return (entity_id for entity_id in self._records.raw if entity_id in self)

    def __contains__(self, entity_id: object) -> bool:
        return (
            isinstance(entity_id, str)
            and entity_id in self._records.raw
            and bool(self._records.get(entity_id)[1])
        )

    def __len__(self) -> int:
        return sum(1 for _ in self)


def dumps(gazetteer: Gazetteer) -> bytes:
    """Return ``gazetteer`` in this layout, for :func:`loads` in another process."""
    return encode(gazetteer.digest, gazetteer)


def loads(data: bytes, sources: tuple[Path, ...] = ()) -> Gazetteer:
    """Return the gazetteer :func:`dumps` wrote; ``sources`` are the folders it came from.

    Raises ``ValueError`` when ``data`` is not such a gazetteer.
    """
    from normtk.gazetteer import Gazetteer

    header_end = data.find(b"\n", len(MAGIC))
    try:
        digest = json.loads(data[len(MAGIC) : header_end])["digest"]
    except (ValueError, TypeError, KeyError):
        msg = "not a gazetteer written by dumps()"
        raise ValueError(msg) from None

    def rebuild() -> tuple[Mapping[str, Entity], Mapping[str, GeneratedParts]]:
        msg = "a gazetteer written by dumps() holds a corrupt entity"
        raise ValueError(msg)

    try:
        cached = decode(data, digest, rebuild)
    except DECODE_ERRORS:
        msg = "not a gazetteer written by dumps()"
        raise ValueError(msg) from None
    gazetteer = Gazetteer(
        cached.entities, cached.languages, cached.ambiguities, cached.digest, sources
    )
    gazetteer.__dict__["generated"] = cached.generated
    gazetteer.__dict__["index"] = cached.index
    return gazetteer
