"""Reading gazetteer directories: YAML with line numbers, schema and consistency checks.

Every problem is reported as ``file:line: entity-id: message`` and all of them
are collected before anything is raised, so one run of ``normtk gazetteer
validate`` shows the whole list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from normtk.folding import contains_word, fold
from normtk.gazetteer.locate import yaml_files
from normtk.gazetteer.model import Ambiguity, Entity, Language, Part, Style

STYLES_FILE = "styles.yaml"

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping read from YAML that remembers its own line and its keys' lines."""

    line: int = 0
    key_lines: dict[str, int]


#: Nodes that aliases may add to a file beyond its own (besides doubling it): sharing a cue
#: list is fine, an alias bomb ("billion laughs": &a [*b, *b, ...]) is not.
ALIAS_ALLOWANCE = 100_000


class AliasError(ValueError):
    """A gazetteer file's YAML aliases expand too far or into themselves; names the first."""

    def __init__(self, name: str, line: int, problem: str) -> None:
        self.name = name
        self.line = line
        super().__init__(f"YAML aliases (*{name} ...) {problem}")


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream

    def get_single_data(self) -> Any:
        """Compose the document, check what its aliases expand to, then construct it.

        The check runs on the composed graph, before construction: nested
        aliases would otherwise grow exponentially in every later step.
        """
        node = self.get_single_node()
        if node is None:
            return None
        if "*" in self.text:  # no alias without a '*'
            problem = _alias_problem(node)
            if problem is not None:
                raise _first_alias(self.text, problem)
        return self.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key_node.value): key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


def _alias_problem(root: yaml.Node) -> str | None:
    """Return what is wrong with the aliases of a composed document, or None.

    Sizes are counted on the graph, each node once, so a bomb is measured
    without being expanded: the document may grow through aliases to at most
    twice its own nodes plus :data:`ALIAS_ALLOWANCE`, and no node may contain
    itself.
    """
    sizes: dict[int, int] = {}
    path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _children(node)
        if finished:
            path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in sizes:
            continue
        if key in path:
            return "refer to a node that contains them"
        path.add(key)
        stack.append((node, True))
        stack += [(child, False) for child in children if id(child) not in sizes]
    limit = 2 * len(sizes) + ALIAS_ALLOWANCE
    if sizes[id(root)] > limit:
        return f"expand the file to {sizes[id(root)]} nodes, over the limit of {limit}"
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _first_alias(text: str, problem: str) -> AliasError:
    """Return the error naming the first alias in ``text`` (called once it is known to have one)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else 1
            return AliasError(str(event.anchor), line, problem)
    return AliasError("?", 1, problem)


def _schema(name: str) -> Any:
    return json.loads((resources.files("normtk.gazetteer") / name).read_text("utf-8"))


@dataclass
class RawData:
    """Everything read from a set of gazetteer files, before it becomes a Gazetteer."""

    languages: dict[str, Language] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    ambiguities: dict[str, Ambiguity] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    digest: str = ""
    files: list[Path] = field(default_factory=list)
    #: ``extend`` entries in file order: (file, entry), applied once every entity is read.
    extensions: list[tuple[Path, Any]] = field(default_factory=list)


def _line_of(node: Any, path: Sequence[Any]) -> int:
    """Return the line of the deepest mapping key along ``path`` inside ``node``."""
    line = getattr(node, "line", 0)
    for step in path:
        if isinstance(node, LineDict) and isinstance(step, str):
            line = node.key_lines.get(step, line)
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line


def _schema_problems(doc: Any, schema_name: str, where: str) -> tuple[list[str], set[Any]]:
    """Return schema problems and the ``(section, index)`` of each invalid entry.

    A problem outside any entry is reported with the index ``None``.
    """
    import jsonschema  # imported here: validation only, not needed on the CLI's fast path

    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    problems = []
    bad: set[Any] = set()
    for error in validator.iter_errors(doc):
        path = list(error.absolute_path)
        line = _line_of(doc, path)
        subject = "-"
        sections = {"entities", "ambiguous", "extend", "samples"}
        if len(path) >= 2 and path[0] in sections and isinstance(path[1], int):
            bad.add((path[0], path[1]))
            item = doc[path[0]][path[1]]
            if path[0] == "samples":
                subject = f"sample {path[1] + 1}"
            elif isinstance(item, dict):
                subject = str(item.get("id") or item.get("alias") or "-")
        else:
            bad.add(None)
        field_path = ".".join(str(p) for p in path[2:]) or "entry"
        problems.append(f"{where}:{line}: {subject}: {field_path}: {error.message}")
    return problems, bad


def read_data_file(text: str, schema: Any, where: str) -> tuple[Any, list[str]]:
    """Parse a YAML data file and check it against a JSON ``schema``, as gazetteer files are.

    Return the document and its problems, each as ``where:line: path: message``
    (the document is ``None`` when it cannot be parsed).
    """
    import jsonschema

    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader
    except AliasError as exc:
        return None, [f"{where}:{exc.line}: {exc}"]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 1
        return None, [f"{where}:{line}: invalid YAML: {exc.problem}"]
    problems = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(doc):
        path = list(error.absolute_path)
        field_path = ".".join(str(p) for p in path) or "file"
        problems.append(f"{where}:{_line_of(doc, path)}: {field_path}: {error.message}")
    return doc, sorted(problems, key=_problem_order)


def read(paths: Sequence[Path]) -> RawData:
    """Read gazetteer files and directories into :class:`RawData`, collecting problems."""
    data = RawData()
    files = yaml_files(paths, data.problems)
    digest = hashlib.sha256()
    docs: list[tuple[Path, Any]] = []
    for file in files:
        raw = file.read_bytes()
        digest.update(file.name.encode() + b"\0" + raw + b"\0")
        try:
            doc = yaml.load(raw.decode("utf-8"), Loader=_LineLoader)  # noqa: S506 - a safe loader
        except UnicodeDecodeError as exc:
            data.problems.append(f"{file}:1: -: not valid UTF-8 at byte {exc.start}")
            continue
        except AliasError as exc:
            data.problems.append(f"{file}:{exc.line}: -: {exc}")
            continue
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark is not None else 1
            data.problems.append(f"{file}:{line}: -: invalid YAML: {exc.problem}")
            continue
        if doc is None:
            continue
        docs.append((file, doc))
    data.digest = digest.hexdigest()
    data.files = files

    for file, doc in docs:
        if file.name == STYLES_FILE:
            problems, bad = _schema_problems(doc, "styles.schema.json", str(file))
            data.problems += problems
            if not bad:
                _read_styles(doc, data)
    for file, doc in docs:
        if file.name == STYLES_FILE:
            continue
        problems, bad = _schema_problems(doc, "schema.json", str(file))
        data.problems += problems
        if None not in bad:
            _read_entities(file, doc, data, skip=bad)
    _apply_extensions(data)
    data.problems += _consistency_problems(data)
    data.problems.sort(key=_problem_order)
    return data


def _problem_order(problem: str) -> tuple[str, int]:
    file, _, rest = problem.partition(":")
    line = rest.partition(":")[0]
    return file, int(line) if line.isdigit() else 0


def _read_styles(doc: Any, data: RawData) -> None:
    for code, spec in (doc.get("languages") or {}).items():
        if not isinstance(spec, dict):
            continue
        styles = dict(data.languages[code].styles) if code in data.languages else {}
        for name, style in (spec.get("styles") or {}).items():
            styles[name] = Style(
                name, code, str(style.get("description", "")), tuple(style.get("sources", ()))
            )
        phrases = tuple(spec.get("region_phrases", ()))
        cues = {k: tuple(v) for k, v in (spec.get("cues") or {}).items() if k != "sources"}
        data.languages[code] = Language(code, str(spec.get("name", code)), styles, phrases, cues)


def _read_entities(file: Path, doc: Any, data: RawData, skip: set[Any]) -> None:
    for index, item in enumerate(doc.get("entities") or []):
        if ("entities", index) in skip:
            continue
        entity_id = item["id"]
        parts: tuple[Part, ...] = ("given", "surname") if item["type"] == "person" else ("name",)
        entity = Entity(
            id=entity_id,
            type=item["type"],
            country=item.get("country"),
            native=dict(item.get("native") or {}),
            forms={part: dict(item[part]) for part in parts},
            variants={
                part: tuple(item.get("variants" if part == "name" else f"{part}_variants", ()))
                for part in parts
            },
            keep=tuple(item.get("keep", ())),
            never=tuple(item.get("never", ())),
            abbreviations={k: tuple(v) for k, v in (item.get("abbreviations") or {}).items()},
            demonyms={k: tuple(v) for k, v in (item.get("demonyms") or {}).items()},
            sources=tuple(item["sources"]),
            surname_alone=item.get("surname_alone", True),
            style_decides=item.get("style_decides", False),
            named_after=item.get("named_after"),
            variant_origin=doc.get("origin", "variant"),
            articles=dict(item.get("article") or {}),
            romanized=dict(item.get("romanized") or {}),
            surname_first=item.get("name_order") == "surname-first",
            file=str(file),
            line=item.line,
        )
        if entity_id in data.entities:
            first = data.entities[entity_id]
            data.problems.append(
                f"{file}:{item.line}: {entity_id}: duplicate id "
                f"(first defined at {first.file}:{first.line})"
            )
            continue
        data.entities[entity_id] = entity
    for index, item in enumerate(doc.get("extend") or []):
        if ("extend", index) not in skip:
            data.extensions.append((file, item))
    for index, item in enumerate(doc.get("ambiguous") or []):
        if ("ambiguous", index) in skip:
            continue
        key = fold(item["alias"])
        if key in data.ambiguities:
            rule = data.ambiguities[key]
            data.problems.append(
                f"{file}:{item.line}: {item['alias']}: a second 'ambiguous' rule for this alias "
                f"(first at {rule.file}:{rule.line}); merge them"
            )
            continue
        data.ambiguities[key] = Ambiguity(
            alias=item["alias"],
            entities=tuple(item["entities"]),
            default=item.get("default"),
            cues={k: tuple(v) for k, v in (item.get("cues") or {}).items()},
            file=str(file),
            line=item.line,
            or_person=item.get("or_person", False),
        )


def _apply_extensions(data: RawData) -> None:
    """Add each ``extend`` entry's spellings and sources to the entity it names.

    An entry naming no entity, or giving a person's parts to a place (or the
    reverse), is a problem at its line; the entity keeps its own file and line.
    """
    for file, item in data.extensions:
        entity_id = item["id"]
        where = f"{file}:{item.line}: {entity_id}"
        entity = data.entities.get(entity_id)
        if entity is None:
            data.problems.append(f"{where}: extend: no entity with this id to extend")
            continue
        parts: tuple[Part, ...] = ("given", "surname") if entity.is_person else ("name",)
        keys = {"name": "variants", "given": "given_variants", "surname": "surname_variants"}
        if not any(item.get(key) for key in (*keys.values(), "keep", "never")):
            data.problems.append(
                f"{where}: extend: adds nothing; give variants (given_variants, "
                "surname_variants for a person), keep or never"
            )
            continue
        wrong = sorted(key for part, key in keys.items() if part not in parts and key in item)
        if wrong:
            kind = "a person" if entity.is_person else f"a {entity.type}"
            data.problems.append(f"{where}: extend: {', '.join(wrong)}: not for {kind}")
            continue
        variants = {
            part: tuple(dict.fromkeys([*entity.variants.get(part, ()), *item.get(keys[part], ())]))
            for part in parts
        }
        data.entities[entity_id] = replace(
            entity,
            variants=variants,
            keep=tuple(dict.fromkeys([*entity.keep, *item.get("keep", ())])),
            never=tuple(dict.fromkeys([*entity.never, *item.get("never", ())])),
            sources=(*entity.sources, *item["sources"]),
        )


def _romanized_problems(entity: Entity, where: str) -> list[str]:
    """Return what is wrong with an entity's canonical romanization, if it has one."""
    if not entity.romanized:
        return []
    from normtk.translit.romanize import REGISTRY

    name = entity.romanized["family"]
    known = REGISTRY.names()
    if name not in known:
        return [f"{where}: romanized: unknown family {name!r} (known: {', '.join(known)})"]
    pieces = {"given", "surname"} if entity.is_person else {"name"}
    if set(entity.romanized) - {"family"} != pieces:
        return [f"{where}: romanized: give {' and '.join(sorted(pieces))} (and family) only"]
    return []


def _consistency_problems(data: RawData) -> list[str]:
    problems: list[str] = []
    claims: dict[str, dict[str, tuple[Entity, str]]] = {}
    for entity in data.entities.values():
        where = f"{entity.file}:{entity.line}: {entity.id}"
        for part, forms in entity.forms.items():
            for code in data.languages:
                if code not in forms:
                    problems.append(f"{where}: {part}: no form for declared language {code!r}")
            for key in forms:
                code, _, style = key.partition("/")
                if code not in data.languages:
                    problems.append(f"{where}: {part}: undeclared language {code!r}")
                elif style and style not in data.languages[code].styles:
                    known = ", ".join(sorted(data.languages[code].styles)) or "none"
                    problems.append(
                        f"{where}: {part}: unknown style {key!r} (styles of {code}: {known})"
                    )
        for key in entity.articles:
            code, _, style = key.partition("/")
            if code not in data.languages or (style and style not in data.languages[code].styles):
                problems.append(f"{where}: article: unknown language or style {key!r}")
        problems += _romanized_problems(entity, where)
        aliases = list(entity.aliases())
        alias_keys = {fold(a.text) for a in aliases if a.kind != "keep"}
        for alias in aliases:
            if alias.kind == "keep":
                if not any(contains_word(fold(alias.text), key) for key in alias_keys):
                    problems.append(
                        f"{where}: keep phrase {alias.text!r} contains no name of this entity"
                    )
                continue
            claims.setdefault(fold(alias.text), {}).setdefault(entity.id, (entity, alias.text))
    for entity in data.entities.values():
        centre = entity.named_after
        if centre is not None and centre not in data.entities:
            problems.append(
                f"{entity.file}:{entity.line}: {entity.id}: named_after: no entity {centre!r}"
            )
    for key, claimants in claims.items():
        if len(claimants) < 2:
            continue
        rule = data.ambiguities.get(key)
        if rule is not None and set(claimants) <= set(rule.entities):
            continue
        *_, (last, text) = claimants.values()
        others = ", ".join(sorted(set(claimants) - {last.id}))
        problems.append(
            f"{last.file}:{last.line}: {last.id}: alias {text!r} is also claimed by {others} "
            "and no 'ambiguous' rule resolves it"
        )
    for rule in data.ambiguities.values():
        where = f"{rule.file}:{rule.line}: {rule.alias}"
        named = [*rule.entities, *([rule.default] if rule.default else []), *rule.cues]
        for entity_id in named:
            if entity_id not in data.entities:
                problems.append(f"{where}: unknown entity {entity_id!r}")
        if rule.default and rule.default not in rule.entities:
            problems.append(f"{where}: default {rule.default!r} is not one of its entities")
        if len(rule.entities) < 2 and not rule.or_person:
            problems.append(f"{where}: one entity: an ambiguity needs two, or or_person: true")
    return problems
