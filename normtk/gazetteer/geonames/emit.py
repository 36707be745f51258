"""Writing generated gazetteer files with PyYAML's emitter, byte for byte the same each run.

Entities are written in the layout of the curated files: one block mapping per
entity, names per language (``native``, ``name``, ``abbreviations``,
``demonyms``) as flow mappings on one line, lists of spellings (``variants``,
``keep``, ``never``) as flow sequences, ``sources`` as a block list. Quoting is
PyYAML's: a value that would read back as something else (``NO``, ``yes``,
``#x``, ``a: b``) is quoted. The pure-Python emitter is used, never the C one,
so the bytes do not depend on how PyYAML was built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from normtk.errors import GazetteerError

__all__ = ["FLOW_LISTS", "FLOW_MAPS", "dump_gazetteer"]

#: Entity fields written as flow mappings and as flow sequences.
FLOW_MAPS = frozenset({"native", "name", "abbreviations", "demonyms", "cues"})
FLOW_LISTS = frozenset({"variants", "keep", "never"})


class _FlowMap(dict[str, Any]):
    pass


class _FlowList(list[Any]):
    pass


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents block sequences under their key, as the curated files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        super().increase_indent(flow=flow, indentless=False)


def _flow_map(dumper: yaml.SafeDumper, data: _FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_FlowMap, _flow_map)
_Dumper.add_representer(_FlowList, _flow_list)


def _styled(item: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``item`` with its flow-style fields wrapped for the dumper."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in FLOW_MAPS and isinstance(value, Mapping):
            out[key] = _FlowMap(
                {k: _FlowList(v) if isinstance(v, list) else v for k, v in value.items()}
            )
        elif key in FLOW_LISTS and isinstance(value, list):
            out[key] = _FlowList(value)
        else:
            out[key] = value
    return out


def dump_gazetteer(
    entities: Sequence[Mapping[str, Any]],
    header: Sequence[str] = (),
    *,
    origin: str | None = None,
    ambiguous: Sequence[Mapping[str, Any]] = (),
) -> str:
    """Return a gazetteer file: ``# header`` lines, ``origin``, ``entities``, ``ambiguous``.

    >>> print(dump_gazetteer([{"id": "no", "country": "NO", "name": {"en": "Norway"},
    ...                        "variants": ["Noreg"], "sources": ["x"]}]), end="")
    entities:
      - id: 'no'
        country: 'NO'
        name: {en: Norway}
        variants: [Noreg]
        sources:
          - x
    """
    doc: dict[str, Any] = {}
    if origin is not None:
        doc["origin"] = origin
    doc["entities"] = [_styled(entity) for entity in entities]
    if ambiguous:
        doc["ambiguous"] = [_styled(rule) for rule in ambiguous]
    body = yaml.dump(
        doc,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
    if yaml.safe_load(body) != _plain(doc):
        msg = "a generated gazetteer file does not read back as the data it was written from"
        raise GazetteerError([msg])
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header)
    return comments + body


def _plain(value: Any) -> Any:
    """Return ``value`` with the flow wrappers turned back into dicts and lists."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
