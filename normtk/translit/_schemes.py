"""Finding, loading and validating transliteration schemes.

Two kinds of scheme exist:

* normtk's own, one JSON file each in ``schemes/`` (``uk-national.json`` ...),
  applied by :class:`normtk.translit._engine.Rules`;
* every schema of the ``iuliia`` package, offered as ``ru-<name>``
  (``ru-wikipedia``, ``ru-bgn-pcgn`` ...) and applied by iuliia itself.

Files are read on first use of a scheme, once, behind a lock.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from normtk.errors import NormtkError, UsageError
from normtk.languages import language_code
from normtk.translit._engine import APOSTROPHE, ContextRule, Rules

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

_PACKAGE = "normtk.translit"
_MAPPINGS = ("mapping", "start_mapping", "prev_mapping", "next_mapping", "ending_mapping")


class SchemeError(NormtkError):
    """A transliteration scheme file is malformed; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in transliteration schemes"
        super().__init__("\n".join([head + ":", *problems]))


class Sample(NamedTuple):
    """A source text and the output its scheme must give, with an optional note."""

    source: str
    expected: str
    note: str | None = None


@dataclass(frozen=True)
class Scheme:
    """One transliteration scheme: what it is, where its rules come from, and samples.

    >>> from normtk.translit import schemes
    >>> national = next(s for s in schemes("uk") if s.name == "uk-national")
    >>> national.translate("Запоріжжя"), national.default
    ('Zaporizhzhia', True)
    """

    name: str
    lang: str
    description: str
    source: str
    samples: tuple[Sample, ...]
    default: bool = False
    alphabet: frozenset[str] = field(default=frozenset(), repr=False)
    _apply: Callable[[str], str] = field(default=str, repr=False, compare=False)

    def translate(self, text: str) -> str:
        """Transliterate ``text``; characters outside :attr:`alphabet` are left as they are."""
        return self._apply(text)


@dataclass(frozen=True)
class Language:
    """A source language: its name and default scheme, from ``languages.json``."""

    code: str
    name: str
    default: str
    why_default: str


class Registry:
    """Every known scheme, loaded lazily and once."""

    def __init__(self, root: Traversable | None = None) -> None:
        self._root = root if root is not None else resources.files(_PACKAGE)
        self._lock = threading.RLock()
        self._languages: dict[str, Language] | None = None
        self._names: dict[str, Traversable | str] | None = None
        self._loaded: dict[str, Scheme] = {}

    def languages(self) -> dict[str, Language]:
        """Return the languages schemes exist for, by code."""
        with self._lock:
            if self._languages is None:
                raw = json.loads((self._root / "languages.json").read_text("utf-8"))
                self._languages = {
                    code: Language(code, info["name"], info["default"], info["why_default"])
                    for code, info in raw.items()
                }
            return self._languages

    def _table(self) -> dict[str, Traversable | str]:
        """Return where each scheme comes from: its file, or the name of an iuliia schema."""
        with self._lock:
            if self._names is None:
                found: dict[str, Traversable | str] = {}
                for entry in (self._root / "schemes").iterdir():
                    if entry.name.endswith(".json"):
                        found[entry.name[: -len(".json")]] = entry
                for iuliia_name in _iuliia_names():
                    found.setdefault("ru-" + iuliia_name.replace("_", "-"), iuliia_name)
                self._names = found
            return self._names

    def names(self, lang: str | None = None) -> list[str]:
        """Return the names of the known schemes (of ``lang``), sorted."""
        names = self._table()
        if lang is not None:
            lang = self.language(lang).code
            return sorted(n for n in names if n.startswith(lang + "-"))
        return sorted(names)

    def language(self, lang: str) -> Language:
        """Return the language ``lang``, or raise UsageError naming the known ones."""
        lang = language_code(lang)
        languages = self.languages()
        if lang not in languages:
            msg = (
                f"no transliteration schemes for language {lang!r}; "
                f"known languages: {', '.join(sorted(languages))}"
            )
            raise UsageError(msg)
        return languages[lang]

    def get(self, name: str) -> Scheme:
        """Return the scheme ``name``, loading it on first use."""
        with self._lock:
            scheme = self._loaded.get(name)
            if scheme is not None:
                return scheme
            table = self._table()
            where = table.get(name)
            if where is None:
                msg = (
                    f"unknown transliteration scheme {name!r}; "
                    f"known schemes: {', '.join(sorted(table))}"
                )
                raise UsageError(msg)
            lang = name.split("-", 1)[0]
            default = self.languages().get(lang, None)
            is_default = default is not None and default.default == name
            if isinstance(where, str):
                scheme = _iuliia_scheme(name, where, is_default)
            else:
                scheme = load_scheme_file(where, set(self.languages()), is_default=is_default)
            if is_default and default is not None:
                scheme = replace(
                    scheme, description=f"{scheme.description} Default: {default.why_default}"
                )
            self._loaded[name] = scheme
            return scheme


def load_scheme_file(
    path: Traversable, languages: set[str] | None = None, *, is_default: bool = False
) -> Scheme:
    """Read and validate one scheme file; raise SchemeError listing every problem."""
    where = path.name
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemeError([f"{where}: cannot read: {exc}"]) from exc
    problems = validate_scheme(data, where, languages)
    if problems:
        raise SchemeError(problems)
    rules = Rules(
        **{key: data[key] for key in _MAPPINGS if key in data},
        context_rules=[ContextRule(**rule) for rule in data.get("context_rules", [])],
        apostrophes=data.get("apostrophes", ""),
        apostrophe=data.get("apostrophe", ""),
    )
    return Scheme(
        name=data["name"],
        lang=data["lang"],
        description=data["description"],
        source=data["source"],
        samples=tuple(Sample(*sample) for sample in data["samples"]),
        default=is_default,
        alphabet=rules.alphabet,
        _apply=rules.apply,
    )


def validate_scheme(data: Any, where: str, languages: set[str] | None = None) -> list[str]:
    """Return the problems of a scheme's data, each as ``file: field: problem``.

    The shape is checked against ``scheme.schema.json``; what a schema cannot
    say (the name is the file's and starts with the language, mapping letters
    are lower case, rules name only letters of the mapping) is checked here.
    """
    import jsonschema  # validation only: not on the fast path of a loaded scheme

    schema = json.loads((resources.files(_PACKAGE) / "scheme.schema.json").read_text("utf-8"))
    problems = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        field_path = ": ".join(str(p) for p in error.absolute_path) or "scheme"
        message = "must not be blank" if error.validator == "pattern" else error.message
        problems.append(f"{where}: {field_path}: {message}")
    if problems or not isinstance(data, dict):
        return sorted(problems)
    stem = where.removesuffix(".json")
    name, lang = data["name"], data["lang"]
    if name != stem:
        problems.append(f"{where}: name: {name!r} must equal the file name {stem!r}")
    if languages is not None and lang not in languages:
        problems.append(f"{where}: lang: {lang!r} is not one of {', '.join(sorted(languages))}")
    if not name.startswith(lang + "-"):
        problems.append(f"{where}: name: {name!r} must start with its language, {lang + '-'!r}")
    letters = set(data["mapping"])
    context = letters | {APOSTROPHE}
    for key in ("mapping", "start_mapping"):
        for letter in data.get(key, {}):
            if letter != letter.lower() or len(letter.upper()) != 1:
                problems.append(f"{where}: {key}: {letter!r}: must be a lower-case letter")
            elif key == "start_mapping" and letter not in letters:
                problems.append(f"{where}: {key}: {letter!r}: letter missing from mapping")
    for key in ("prev_mapping", "next_mapping", "ending_mapping"):
        for entry in data.get(key, {}):
            if unknown := sorted(set(entry) - context):
                problems.append(
                    f"{where}: {key}: {entry!r}: {''.join(unknown)!r} not in mapping "
                    f"(write apostrophes as {APOSTROPHE!r})"
                )
    for number, rule in enumerate(data.get("context_rules", []), 1):
        here = f"{where}: context_rules: {number - 1}"
        if rule["letter"] not in context:
            problems.append(f"{here}: letter {rule['letter']!r} is not a letter of the mapping")
        if unknown := sorted(set(rule["prev"] + rule["next"]) - context):
            problems.append(f"{here}: {''.join(unknown)!r} not in mapping")
    return problems


def _iuliia_names() -> list[str]:
    import iuliia

    names: list[str] = iuliia.schemas.names()
    return names


def _iuliia_scheme(name: str, iuliia_name: str, is_default: bool) -> Scheme:
    """Wrap the iuliia schema ``iuliia_name`` as the normtk scheme ``name``."""
    import iuliia

    schema = iuliia.schemas.get(iuliia_name)
    path = getattr(schema, "path", None)
    data: Mapping[str, Any] = {}
    if path is not None:
        data = json.loads(path.read_text("utf-8"))
    alphabet: set[str] = set()
    for key in _MAPPINGS:
        for entry in data.get(key) or {}:
            alphabet |= set(entry) | set(entry.upper())
    version = _iuliia_version()
    return Scheme(
        name=name,
        lang="ru",
        description=f"{data.get('description') or schema.description} (from iuliia)",
        source=f"iuliia {version} schema {iuliia_name!r}: {data.get('url', 'https://iuliia.ru')}",
        samples=tuple(Sample(src, out) for src, out in schema.samples),
        default=is_default,
        alphabet=frozenset(alphabet),
        _apply=_IuliiaApply(schema.translate),
    )


def _iuliia_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iuliia")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "?"


class _IuliiaApply:
    """Apply an iuliia schema, writing words in capitals in capitals (ЩУКА → SHCHUKA).

    iuliia translates word by word and capitalizes the output of a capital
    letter (ЩУКА → ShchUKA); a word in capitals is translated in lower case
    here, then upper-cased.
    """

    _WORD = re.compile(r"\w+")

    def __init__(self, translate: Callable[[str], str]) -> None:
        self._translate = translate
        # Names repeat (given names, -ский endings): remember recent words.
        self._cached = functools.lru_cache(maxsize=1 << 16)(self._word)

    def __call__(self, text: str) -> str:
        return self._WORD.sub(lambda match: self._cached(match.group()), text)

    def _word(self, word: str) -> str:
        if len(word) > 1 and word.isupper():
            return str(self._translate(word.lower())).upper()
        return str(self._translate(word))


REGISTRY = Registry()
