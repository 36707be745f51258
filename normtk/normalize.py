"""Normalizer: find entity mentions, decide their house-style form, rewrite losslessly."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from normtk.folding import adds_marks, contains_word, fold, shape_like
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Alias, Entity, Part
from normtk.languages import language_code

_Decision = tuple[str | None, tuple[str, ...], str, str, str | None]
_KEEP: _Decision = (None, (), "", "keep", None)  # a keep-phrase or no fitting alias: no mention
_CACHE_SIZE = 1 << 16


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in text.

    ``replacement`` is the house-style form to write instead, or ``None`` when
    the mention already is in style or cannot be resolved safely.
    ``entity_id`` is ``None`` when the alias is ambiguous and the gazetteer's
    rules do not decide; ``candidates`` then lists the entities it may be.
    """

    start: int
    end: int
    text: str
    entity_id: str | None
    candidates: tuple[str, ...]
    alias: str
    rule: str
    replacement: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One rewrite: ``original`` at ``line`` (1-based), characters ``start:end`` of it."""

    line: int
    start: int
    end: int
    original: str
    replacement: str
    entity: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """Return the change as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Normalized:
    """The rewritten text and the changes that produced it."""

    text: str
    changes: list[Change]


class Normalizer:
    """Rewrite entity variants to the house style of one output language.

    >>> from normtk import Gazetteer
    >>> normalizer = Normalizer(Gazetteer.load(), lang="en")
    >>> normalizer.normalize("Talks in Kiev's suburbs").text
    "Talks in Kyiv's suburbs"
    """

    def __init__(self, gazetteer: Gazetteer, lang: str = "en", style: str | None = None) -> None:
        lang = language_code(lang)
        gazetteer.check_target(lang, style)
        self.gazetteer = gazetteer
        self.lang = lang
        self.style = style
        self._index = gazetteer.index
        self._decisions: dict[tuple[int, str], _Decision] = {}

    def find(self, text: str) -> list[Mention]:
        """Return every entity mention in ``text``, in order, without rewriting.

        An ambiguous alias is resolved by the cues found on its own line.
        """
        return [
            Mention(start, end, text[start:end], *decision)
            for start, end, decision in self._decisions_in(text)
        ]

    def _decisions_in(self, text: str) -> Iterator[tuple[int, int, _Decision]]:
        decisions = self._decisions
        context = _LineCues(text)
        for start, end, aliases in self._index.scan(text):
            written = text[start:end]
            decision = decisions.get((id(aliases), written))
            if decision is None:
                decision = self._decide(aliases, written, context, start)
            if decision is not _KEEP:
                yield start, end, decision

    def candidate_forms(self, mention: Mention) -> dict[str, str | None]:
        """Return, for each entity ``mention`` may be, the form the style wants there.

        ``None`` means the mention is already in style for that entity. Useful
        for an ambiguous mention, whose own ``replacement`` is ``None``.

        >>> from normtk import Gazetteer
        >>> de = Normalizer(Gazetteer.load(), lang="de")
        >>> de.candidate_forms(de.find("Georgia")[0])
        {'georgia': 'Georgien', 'georgia-us': None}
        """
        forms: dict[str, str | None] = {}
        for start, end, aliases in self._index.scan(mention.text):
            if start == 0 and end == len(mention.text):
                for alias in aliases:
                    if (
                        alias.entity_id in mention.candidates
                        and alias.entity_id not in forms
                        and not adds_marks(mention.text, alias.text)
                    ):
                        entity = self.gazetteer[alias.entity_id]
                        forms[alias.entity_id] = self._replacement(entity, alias, mention.text)
        return forms

    def _decide(
        self, aliases: tuple[Alias, ...], written: str, context: _LineCues, start: int
    ) -> _Decision:
        """Decide entity and replacement for one match; cache it if context plays no part."""
        cacheable = True
        cache_key = (id(aliases), written)  # the index's own tuple: stable for its lifetime
        aliases = tuple(
            a
            for a in aliases
            if not adds_marks(written, a.text) and (a.kind != "abbr" or a.text == written)
        )
        if not aliases or any(a.kind == "keep" for a in aliases):
            decision: _Decision = _KEEP
        else:
            by_entity: dict[str, Alias] = {}
            for alias in sorted(aliases, key=lambda a: a.text != written):  # exact first
                by_entity.setdefault(alias.entity_id, alias)
            entity_id: str | None = None
            if len(by_entity) == 1:
                entity_id = next(iter(by_entity))
            elif fold(written) in self.gazetteer.ambiguities:
                cacheable = False
                entity_id = self._disambiguate(fold(written), context.at(start), by_entity)
            if entity_id is not None:
                alias = by_entity[entity_id]
                replacement = self._replacement(self.gazetteer[entity_id], alias, written)
            else:
                # Unresolved: rewrite only if every candidate wants the same form.
                forms = {
                    self._replacement(self.gazetteer[a.entity_id], a, written)
                    for a in by_entity.values()
                }
                replacement = forms.pop() if len(forms) == 1 else None
                alias = next(iter(by_entity.values()))
            decision = (entity_id, tuple(by_entity), alias.text, alias.origin, replacement)
        if cacheable:
            if len(self._decisions) >= _CACHE_SIZE:
                self._decisions.clear()
            self._decisions[cache_key] = decision
        return decision

    def normalize(self, text: str) -> Normalized:
        """Return ``text`` with every mention in house style, and the change log.

        Change offsets are per line (lines end at ``\\n``), numbered from 1.
        """
        out: list[str] = []
        changes: list[Change] = []
        position = 0
        line = 1
        line_start = 0
        for start, end, (entity_id, candidates, _, rule, replacement) in self._decisions_in(text):
            if replacement is None:
                continue
            newlines = text.count("\n", position, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", 0, start) + 1
            out.append(text[position:start])
            out.append(replacement)
            entity = entity_id or "|".join(candidates)
            original = text[start:end]
            changes.append(
                Change(
                    line, start - line_start, end - line_start, original, replacement, entity, rule
                )
            )
            position = end
        if not changes:
            return Normalized(text, changes)
        out.append(text[position:])
        return Normalized("".join(out), changes)

    def _disambiguate(
        self, key: str, has_cue: Callable[[str], bool], by_entity: dict[str, Alias]
    ) -> str | None:
        rule = self.gazetteer.ambiguities.get(key)
        if rule is None:
            return None
        cued = [
            entity_id
            for entity_id in by_entity
            if any(has_cue(cue) for cue in rule.cues.get(entity_id, ()))
        ]
        if len(cued) == 1:
            return cued[0]
        return rule.default if rule.default in by_entity else None

    def _replacement(self, entity: Entity, alias: Alias, written: str) -> str | None:
        if alias.kind == "abbr":
            return None
        if alias.kind == "full":
            first, last = (
                (alias.surname_len, alias.given_len)
                if alias.surname_first
                else (alias.given_len, alias.surname_len)
            )
            end = len(written) - last
            head, middle, tail = written[:first], written[first:end], written[end:]
            given, surname = (tail, head) if alias.surname_first else (head, tail)
            new_given = self._part_replacement(entity, "given", given)
            new_surname = self._part_replacement(entity, "surname", surname, full=True)
            if new_given is None and new_surname is None:
                return None
            if alias.surname_first:
                return f"{new_surname or surname}{middle}{new_given or given}"
            return f"{new_given or given}{middle}{new_surname or surname}"
        part: Part = "surname" if alias.kind == "surname" else "name"
        return self._part_replacement(entity, part, written)

    def _part_replacement(
        self, entity: Entity, part: Part, written: str, *, full: bool = False
    ) -> str | None:
        accepted = entity.accepted(part, self.lang, self.style, full=full)
        if any(written == shape_like(written, form) for form in accepted):
            return None
        return shape_like(written, entity.form(part, self.lang, self.style, full=full))


class _LineCues:
    """Tell which cue words stand on the line of a mention, each looked up once per line.

    Mentions come in text order, so each line is found and folded once and the
    work stays linear in the length of the text, however long its lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._start = self._end = 0  # the current line: text[start:end]
        self._folded = ""
        self._found: dict[str, bool] = {}

    def at(self, position: int) -> Callable[[str], bool]:
        """Return a test of whether a cue stands on the line holding ``position``."""
        if not self._start <= position < self._end:
            # The line starts after the last newline since the previous line ended.
            self._start = self.text.rfind("\n", self._end, position) + 1
            end = self.text.find("\n", position)
            self._end = end if end != -1 else len(self.text)
            self._folded = fold(self.text[self._start : self._end])
            self._found = {}
        return self._has

    def _has(self, cue: str) -> bool:
        found = self._found.get(cue)
        if found is None:
            found = self._found[cue] = contains_word(self._folded, fold(cue))
        return found


def restore(text: str, changes: Sequence[Change]) -> str:
    """Undo ``changes`` on normalized ``text``: the change log alone recovers the input.

    >>> from normtk import Gazetteer
    >>> result = Normalizer(Gazetteer.load()).normalize("Kiev\\nin Lugansk")
    >>> restore(result.text, result.changes)
    'Kiev\\nin Lugansk'
    """
    lines = text.split("\n")
    by_line: dict[int, list[Change]] = {}
    for change in changes:
        by_line.setdefault(change.line, []).append(change)
    for number, line_changes in by_line.items():
        line = lines[number - 1]
        pieces = []
        position = 0  # in the original line
        shift = 0  # normalized offset minus original offset
        for change in sorted(line_changes, key=lambda c: c.start):
            pieces.append(line[position + shift : change.start + shift])
            pieces.append(change.original)
            shift += len(change.replacement) - (change.end - change.start)
            position = change.end
        pieces.append(line[position + shift :])
        lines[number - 1] = "".join(pieces)
    return "\n".join(lines)


def normalize_stream(
    normalizer: Normalizer, lines: Iterable[str], chunk_chars: int = 1 << 16
) -> Iterator[Normalized]:
    """Normalize a stream of lines (each ending in ``\\n`` but maybe the last) in chunks.

    Yields one :class:`Normalized` per chunk of whole lines, its changes numbered
    by line in the whole stream. Memory stays bounded by ``chunk_chars`` plus
    the longest line.
    """
    first_line = 1
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= chunk_chars:
            yield _normalize_chunk(normalizer, chunk, first_line)
            first_line += len(chunk)
            chunk, size = [], 0
    if chunk:
        yield _normalize_chunk(normalizer, chunk, first_line)


def _normalize_chunk(normalizer: Normalizer, chunk: list[str], first_line: int) -> Normalized:
    result = normalizer.normalize("".join(chunk))
    if first_line == 1:
        return result
    return Normalized(
        result.text,
        [replace(change, line=change.line + first_line - 1) for change in result.changes],
    )
