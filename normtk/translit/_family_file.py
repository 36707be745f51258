"""Checking a romanization family file (``families/*.json``) before it is used.

Every problem is reported as ``file: field: problem``, as the transliteration
schemes' are (:func:`normtk.translit._schemes.validate_scheme`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: No family yields more spellings than this for one name, whatever its data says.
MAX_CAP = 64
#: Hangul syllables: initial consonants, medial vowels and final consonants.
_INITIALS = 19
_MEDIALS = 21
_FINALS = 28
_KINDS = ("rules", "syllables", "hangul")
_COMMON = ("name", "lang", "kind", "description", "source", "cap", "max_changes", "profiles")
_REQUIRED = (*_COMMON, "samples")
_OPTIONAL: dict[str, tuple[str, ...]] = {
    "rules": (
        "vowels",
        "long_vowels",
        "rules",
        "start_rules",
        "end_rules",
        "between_vowels",
        "geminates",
    ),
    "syllables": ("syllable_table", "plain"),
    "hangul": ("initials", "medials", "finals", "voiced_initials", "voicing_finals"),
}
_RULE_TABLES = ("rules", "start_rules", "end_rules", "between_vowels")
_PROFILE_FIELDS: dict[str, tuple[str, ...]] = {
    "rules": ("name", "cap", "description", "geminates", "vowels", *_RULE_TABLES),
    "syllables": ("name", "cap", "description", "system", "joins"),
    "hangul": ("name", "cap", "description", "initials", "medials", "finals", "voiced", "joins"),
}


def validate_family(data: Any, where: str, table: Mapping[str, str] | None = None) -> list[str]:
    """Return the problems of a family's data, each as ``file: field: problem``."""
    if not isinstance(data, dict):
        return [f"{where}: a family must be a JSON object"]
    problems: list[str] = []
    kind = data.get("kind")
    if kind not in _KINDS:
        return [f"{where}: kind: must be one of {', '.join(_KINDS)}"]
    for key in _REQUIRED:
        if key not in data:
            problems.append(f"{where}: missing field {key!r}")
    allowed = {*_REQUIRED, *_OPTIONAL[kind], "notes"}
    problems += [f"{where}: unknown field {key!r}" for key in data if key not in allowed]
    stem = where.removesuffix(".json")
    if "name" in data and data["name"] != stem:
        problems.append(f"{where}: name: {data['name']!r} must equal the file name {stem!r}")
    for key in ("name", "lang", "description", "source"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            problems.append(f"{where}: {key}: must be a non-empty string")
    cap = data.get("cap")
    if "cap" in data and (not isinstance(cap, int) or not 1 <= cap <= MAX_CAP):
        problems.append(f"{where}: cap: must be an integer from 1 to {MAX_CAP}")
    changes = data.get("max_changes")
    if "max_changes" in data and (not isinstance(changes, int) or not 0 <= changes <= 6):
        problems.append(f"{where}: max_changes: must be an integer from 0 to 6")
    if kind == "rules":
        for name in _RULE_TABLES:
            if name in data:
                problems += _check_rule_table(data[name], f"{where}: {name}")
        if "geminates" in data:
            problems += _check_geminates(data["geminates"], f"{where}: geminates")
    elif kind == "syllables":
        if not table:
            problems.append(f"{where}: syllable_table: must name a file of syllables")
        if "plain" in data and not _is_str_map(data["plain"]):
            problems.append(f"{where}: plain: must map strings to strings")
    else:
        for name, size in (("initials", _INITIALS), ("medials", _MEDIALS), ("finals", _FINALS)):
            problems += _check_jamo(data.get(name), size, f"{where}: {name}")
    problems += _check_profiles(data.get("profiles"), kind, where)
    problems += _check_samples(data.get("samples"), where)
    return problems


def _is_str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _check_options(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not value:
        return [f"{where}: must be a non-empty list of spellings"]
    last = -1
    for rank, item in enumerate(value):
        if isinstance(item, str):
            cost = rank
        elif (
            isinstance(item, dict)
            and isinstance(item.get("text"), str)
            and set(item) <= {"text", "cost", "capitalize"}
            and isinstance(item.get("cost", rank), int)
            and isinstance(item.get("capitalize", False), bool)
        ):
            cost = item.get("cost", rank)
        else:
            return [
                f"{where}: {item!r} is not a spelling (a string, or {{text, cost, capitalize}})"
            ]
        if cost < last:
            return [f"{where}: costs must not decrease along the list ({item!r})"]
        last = cost
    return []


def _check_geminates(value: Any, where: str) -> list[str]:
    problems = _check_options(value, where)
    texts = {item["text"] if isinstance(item, dict) else item for item in value or []}
    if not problems and not texts <= {"double", "single"}:
        problems.append(f"{where}: must list 'double' and/or 'single'")
    return problems


def _check_rule_table(table: Any, where: str) -> list[str]:
    if not isinstance(table, dict):
        return [f"{where}: must be an object of grapheme → spellings"]
    problems = []
    for key, value in table.items():
        if not key or key != key.lower():
            problems.append(f"{where}: {key!r}: a grapheme must be non-empty and lower case")
        problems += _check_options(value, f"{where}: {key!r}")
    return problems


def _check_jamo(value: Any, size: int, where: str) -> list[str]:
    if not isinstance(value, list) or len(value) != size:
        return [f"{where}: must list {size} spellings, in Unicode jamo order"]
    if not all(isinstance(item, str) for item in value):
        return [f"{where}: every spelling must be a string"]
    return []


def _check_profiles(profiles: Any, kind: str, where: str) -> list[str]:
    if not isinstance(profiles, list) or not profiles:
        return [f"{where}: profiles: must be a non-empty list"]
    problems: list[str] = []
    names: set[str] = set()
    for number, profile in enumerate(profiles, 1):
        here = f"{where}: profiles: entry {number}"
        if not isinstance(profile, dict):
            problems.append(f"{here}: must be an object")
            continue
        name = profile.get("name")
        if not isinstance(name, str) or not name:
            problems.append(f"{here}: name: must be a non-empty string")
        elif name in names:
            problems.append(f"{here}: name: {name!r} is used twice")
        else:
            names.add(name)
        cap = profile.get("cap")
        if not isinstance(cap, int) or not 1 <= cap <= MAX_CAP:
            problems.append(f"{here}: cap: must be an integer from 1 to {MAX_CAP}")
        for key in profile:
            if key not in _PROFILE_FIELDS[kind]:
                problems.append(f"{here}: unknown field {key!r}")
        if kind == "rules":
            for table_name in _RULE_TABLES:
                if table_name in profile:
                    problems += _check_rule_table(profile[table_name], f"{here}: {table_name}")
            if "geminates" in profile:
                problems += _check_geminates(profile["geminates"], f"{here}: geminates")
        else:
            problems += _check_options(profile.get("joins"), f"{here}: joins")
        if kind == "syllables" and profile.get("system") not in {"pinyin", "table"}:
            problems.append(f"{here}: system: must be 'pinyin' or 'table'")
        if kind == "hangul":
            for name_, size in (
                ("initials", _INITIALS),
                ("medials", _MEDIALS),
                ("finals", _FINALS),
            ):
                if name_ in profile:
                    problems += _check_jamo(profile[name_], size, f"{here}: {name_}")
            if "voiced" in profile and not _is_str_map(profile["voiced"]):
                problems.append(f"{here}: voiced: must map jamo to spellings")
    return problems


def _check_samples(samples: Any, where: str) -> list[str]:
    if not isinstance(samples, list) or not samples:
        return [f"{where}: samples: must be a non-empty list of [source, [spellings](, note)]"]
    problems = []
    for number, sample in enumerate(samples, 1):
        if (
            not isinstance(sample, list)
            or len(sample) not in (2, 3)
            or not isinstance(sample[0], str)
            or not sample[0]
            or not isinstance(sample[1], list)
            or not sample[1]
            or not all(isinstance(s, str) and s for s in sample[1])
            or (len(sample) == 3 and not isinstance(sample[2], str))
        ):
            problems.append(
                f"{where}: samples: entry {number}: {sample!r} is not [source, [spellings](, note)]"
            )
    return problems
