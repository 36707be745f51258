"""The configuration of a check run: ``.normtk.toml``, found upward from the input.

As Vale finds ``.vale.ini``, :func:`find_config` looks for :data:`CONFIG_NAME`
in the folder of the input and each folder above it; ``normtk check --config
FILE`` names one instead. The file is TOML, checked against
``config.schema.json`` beside this module::

    lang = "en"                 # defaults that command-line flags override
    style = "reuters"
    src_lang = "uk"
    min_severity = "warning"
    fail_on = "error"

    [rules]                     # rule id -> off, on, or the severity its findings get
    "entity.added" = "off"
    "number.added" = "info"

    [vocabulary]
    accept = ["Dynamo Kiev"]    # names never to flag

    [vocabulary.reject]         # spellings always wrong -> their fix (vocabulary.rejected)
    "Donbass" = "Donbas"

A bad file is a :class:`~normtk.errors.ConfigError` of one line,
``file:line: problem`` (the line where the file says where).

>>> config = CheckConfig.parse('[rules]\\n"entity.added" = "off"\\n', "demo.toml")
>>> config.rules
{'entity.added': 'off'}
>>> CheckConfig.parse('[rules]\\n"entity.addded" = "off"\\n', "demo.toml")
Traceback (most recent call last):
  ...
normtk.errors.ConfigError: demo.toml:2: rules: unknown rule 'entity.addded' (choose from ...)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from normtk.errors import ConfigError

#: The name of the configuration file that :func:`find_config` looks for.
CONFIG_NAME = ".normtk.toml"

#: The rule of findings of rejected vocabulary.
REJECTED_RULE = "vocabulary.rejected"

#: What a rule can be set to in ``[rules]``: off, on (its own severity), or a severity.
RULE_SETTINGS: tuple[str, ...] = ("off", "on", "info", "warning", "error")

_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")
_BARE_KEY = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE_KEY}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_KEYS = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_TABLE_LINE = re.compile(rf"^\s*\[\[?\s*({_KEYS})\s*\]\]?")
_KEY_LINE = re.compile(rf"^\s*({_KEYS})\s*=")
_KEY_PART = re.compile(_KEY)


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """What a configuration file sets; every field is optional (``None``: not set).

    ``rules`` maps a rule id (``entity.added``) to one of :data:`RULE_SETTINGS`;
    ``accept`` lists names never to flag; ``reject`` maps spellings that are
    always wrong to their fix. ``path`` is the file it was read from.
    """

    path: str | None = None
    lang: str | None = None
    src_lang: str | None = None
    style: str | None = None
    min_severity: str | None = None
    fail_on: str | None = None
    rules: Mapping[str, str] = field(default_factory=dict)
    accept: tuple[str, ...] = ()
    reject: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path) -> CheckConfig:
        """Read and validate the configuration file ``path``."""
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            msg = f"{where}: no such file"
            raise ConfigError(msg) from None
        except IsADirectoryError:
            msg = f"{where}: is a directory, not a file"
            raise ConfigError(msg) from None
        except UnicodeDecodeError as error:
            msg = f"{where}: not valid UTF-8 at byte {error.start}"
            raise ConfigError(msg) from None
        except OSError as error:
            msg = f"{where}: cannot read: {error.strerror or error}"
            raise ConfigError(msg) from None
        return cls.parse(text, where)

    @classmethod
    def parse(cls, text: str, where: str = "<config>") -> CheckConfig:
        """Parse and validate configuration ``text``; ``where`` names it in errors."""
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - exercised on Python 3.10 only
            import tomli as tomllib
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problem = str(error)
            found = _AT_LINE.search(problem)
            line = f":{found.group(1)}" if found else ""
            if not found and problem.endswith("(at end of document)"):
                line = f":{max(1, len(text.splitlines()))}"
            problem = _AT_LINE.sub("", problem).replace(" (at end of document)", " at the end")
            msg = f"{where}{line}: invalid TOML: {problem}"
            raise ConfigError(msg) from None
        _validate(data, text, where)
        vocabulary = data.get("vocabulary", {})
        return cls(
            path=where,
            lang=data.get("lang"),
            src_lang=data.get("src_lang"),
            style=data.get("style"),
            min_severity=data.get("min_severity"),
            fail_on=data.get("fail_on"),
            rules=dict(data.get("rules", {})),
            accept=tuple(vocabulary.get("accept", ())),
            reject=dict(vocabulary.get("reject", {})),
        )

    def severity_of(self, rule: str) -> str | None:
        """Return the severity ``[rules]`` gives ``rule``, ``"off"``, or ``None`` (its own)."""
        setting = self.rules.get(rule)
        return None if setting in {None, "on"} else setting


def find_config(start: str | Path) -> Path | None:
    """Return the nearest :data:`CONFIG_NAME` in ``start`` (a file's folder) or above it.

    ``start`` is an input file (its folder is searched first), a folder, or ``-``
    for standard input (the current folder).
    """
    here = Path.cwd() if str(start) == "-" else Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: str | Path | None, inputs: Iterable[str] = ()) -> CheckConfig:
    """Return the configuration of ``path``, else the one found from the first of ``inputs``.

    With neither (no file named and none found), the empty configuration.
    """
    if path is not None:
        return CheckConfig.read(path)
    first = next(iter(inputs), None)
    found = find_config(first) if first is not None else None
    return CheckConfig.read(found) if found is not None else CheckConfig()


def _schema() -> Any:
    return json.loads((resources.files("normtk.qa") / "config.schema.json").read_text("utf-8"))


def _validate(data: dict[str, Any], text: str, where: str) -> None:
    import jsonschema

    schema = _schema()
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if errors:
        error = errors[0]
        path = [str(p) for p in error.absolute_path if not isinstance(p, int)]
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            extra = sorted(k for k in error.instance if k not in known)
            if extra:
                line = _line_of(text, [*path, extra[0]])
                choices = ", ".join(known)
                key = _dotted(path)
                msg = f"{where}{line}: {key}: unknown key {extra[0]!r} (choose from {choices})"
                raise ConfigError(msg)
        if error.validator == "propertyNames" and isinstance(error.instance, str):
            path = [*path, error.instance]
        line = _line_of(text, path)
        msg = f"{where}{line}: {_dotted(path)}: {error.message}"
        raise ConfigError(msg)
    from normtk.qa.checks import RULES

    known_rules = [*RULES.values()]
    for rule in data.get("rules", {}):
        if rule not in known_rules:
            line = _line_of(text, ["rules", rule])
            choices = ", ".join(known_rules)
            msg = f"{where}{line}: rules: unknown rule {rule!r} (choose from {choices})"
            raise ConfigError(msg)


def _dotted(path: list[str]) -> str:
    """Return ``path`` as a TOML key (``rules."entity.added"``), or ``file`` for the top."""
    if not path:
        return "file"
    return ".".join(
        p if re.fullmatch(_BARE_KEY, p) else json.dumps(p, ensure_ascii=False) for p in path
    )


def _parts(keys: str) -> list[str]:
    """Return the parts of a dotted TOML key, unquoted."""
    parts = []
    for match in _KEY_PART.finditer(keys):
        part = match.group(0)
        if part[:1] in {'"', "'"}:
            part = part[1:-1]
            if match.group(0)[0] == '"':
                part = part.replace('\\"', '"').replace("\\\\", "\\")
        parts.append(part)
    return parts


def _line_of(text: str, path: list[str]) -> str:
    """Return ``:N``, the line of ``text`` that sets ``path`` (or its nearest parent), or ``""``."""
    best, best_depth = "", 0
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_LINE.match(line)
        if header:
            table = _parts(header.group(1))
            here = table
        else:
            key = _KEY_LINE.match(line)
            if not key:
                continue
            here = [*table, *_parts(key.group(1))]
        depth = 0
        for mine, wanted in zip(here, path, strict=False):
            if mine != wanted:
                break
            depth += 1
        if depth == len(here) and depth > best_depth:
            best, best_depth = f":{number}", depth
    return best
