"""Suggestions for capitalised names the exact index does not know: Kreminnoye → Kreminna.

A :class:`Suggester` reads a text for runs of capitalised words that no
mention covers, asks a :class:`~normtk.fuzzy.index.FuzzyIndex` of all the
gazetteer's aliases for the closest entity, and keeps a candidate only where
precision allows: the word is not a common word nor a given name, is long
enough (Sumi is not Sumy), names the kind of entity its context calls for (no
place after "Mr" or a given name), and no other entity scores as well.
Suggestions change nothing; a normalizer turns those at or above its
``fuzzy_threshold`` into rewrites.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normtk.folding import fold, is_all_caps
from normtk.fuzzy.index import Candidate, FuzzyIndex, form_of
from normtk.fuzzy.skeleton import rules, skeleton
from normtk.gazetteer.model import Alias
from normtk.normalize.context import Context, CueWords
from normtk.normalize.results import Suggestion

if TYPE_CHECKING:
    from normtk.normalize.normalizer import Decision, Normalizer

__all__ = ["DEFAULT_THRESHOLD", "Found", "Suggester", "Suggestion"]

#: Suggestions scoring at least this are listed (see benchmarks/RESULTS.md for its precision).
DEFAULT_THRESHOLD = 0.87
#: A single word needs this many letters: shorter names are too often other names.
MIN_LETTERS = 5
#: A candidate needs to beat every other entity by this much to be suggested.
MARGIN = 0.02
#: A candidate's skeleton key must be this close to the written name's (1: the same key).
MIN_KEY_SCORE = 1.0
#: The most words a query spans.
MAX_WORDS = 3
_KINDS = frozenset({"name", "surname", "full"})
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s")
_NUMBER_AFTER = re.compile(r" \d")


@dataclass(frozen=True, slots=True)
class Found:
    """A span of text with the entity it may be and the form to write: offsets in the text."""

    start: int
    end: int
    text: str
    entity: str
    alias: str
    proposed: str
    score: float


class Suggester:
    """Propose gazetteer entities for capitalised names the exact index left alone.

    >>> from normtk import Gazetteer, Normalizer
    >>> suggester = Suggester(Normalizer(Gazetteer.load(), "en"))
    >>> [(f.text, f.proposed) for f in suggester.suggest("Shelling hit Kreminnoye again.")]
    [('Kreminnoye', 'Kreminna')]
    """

    def __init__(self, normalizer: Normalizer, threshold: float = DEFAULT_THRESHOLD) -> None:
        from normtk.gazetteer.stopwords import common_words, stopword_languages

        gazetteer = normalizer.gazetteer
        self.normalizer = normalizer
        self.threshold = threshold
        lang = normalizer.lang
        # Another language's form (German Tschechien, French Suisse) is no spelling that
        # copy in this language misspells: only this language's forms and the variants.
        self.index: FuzzyIndex[Alias] = FuzzyIndex(
            a
            for a in gazetteer.aliases()
            if a.kind in _KINDS and _fits_language(a, lang, gazetteer.languages)
        )
        self._common = common_words(lang) if lang in stopword_languages() else frozenset()
        cues = gazetteer.languages[lang].cues
        self._cues = CueWords.of(cues)
        self._given = gazetteer.given_names
        # Olexandra is a spelling of Oleksandra, a given name, before it is one of
        # Oleksandriia: a word with a given name's skeleton is left alone.
        self._given_keys = frozenset(skeleton(name) for name in self._given)
        self._cuts = rules().demonym_cuts.get(lang, ())
        self._derived = tuple(sorted(rules().derived_endings.get(lang, ()), key=len, reverse=True))
        self._cue_words = frozenset(
            fold(w) for words in cues.values() for w in words if " " not in w
        )

    def suggest(self, text: str, taken: Sequence[tuple[int, int]] = ()) -> list[Found]:
        """Return the suggestions in ``text`` outside the ``taken`` spans, in text order."""
        context = Context(text, self._cues)
        found: list[Found] = []
        for run in self._runs(text, taken):
            for first in range(len(run)):
                for last in range(first, min(first + MAX_WORDS, len(run))):
                    if not self._worth_asking(text, run, first, last):
                        continue
                    start, end = run[first][0], run[last][1]
                    hit = self._best(text, start, end, context)
                    if hit is not None:
                        found.append(hit)
        chosen: list[Found] = []
        for hit in sorted(found, key=lambda f: (-f.score, f.start - f.end)):
            if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda f: f.start)

    def merge(
        self, text: str, decided: list[tuple[int, int, Decision]]
    ) -> tuple[list[tuple[int, int, Decision]], list[Suggestion]]:
        """Add the rewrites the normalizer's ``fuzzy_threshold`` allows to its ``decided``
        matches in ``text``; return them and the other finds, as suggestions."""
        # Every exact match is taken, those it leaves as written (keep-phrases) too.
        taken = [(start, end) for start, end, _ in self.normalizer.gazetteer.index.scan(text)]
        found = self.suggest(text, taken)
        if not found:
            return decided, []
        threshold = self.normalizer.fuzzy_threshold
        newlines = [m.start() for m in re.finditer("\n", text)]
        suggestions = []
        rewrites: list[tuple[int, int, Decision]] = []
        for f in found:
            if threshold is not None and f.score >= threshold:
                rule = f"fuzzy:{f.score:.2f}"
                rewrites.append(
                    (f.start, f.end, (f.entity, (f.entity,), f.alias, rule, f.proposed))
                )
                continue
            line = bisect_right(newlines, f.start)
            line_start = newlines[line - 1] + 1 if line else 0
            suggestions.append(
                Suggestion(
                    line + 1,
                    f.start - line_start,
                    f.end - line_start,
                    f.text,
                    f.entity,
                    f.alias,
                    f.proposed,
                    f.score,
                )
            )
        if rewrites:
            decided = sorted([*decided, *rewrites], key=lambda d: d[0])
        return decided, suggestions

    def _runs(self, text: str, taken: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """Return the runs of capitalised words (one space apart) outside ``taken``."""
        spans = sorted(taken)
        runs: list[list[tuple[int, int]]] = []
        run: list[tuple[int, int]] = []
        position = 0  # into spans
        last_end = -2
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if text.endswith(_POSSESSIVE, 0, end):
                end -= 2
            while position < len(spans) and spans[position][1] <= start:
                position += 1
            covered = position < len(spans) and spans[position][0] < end
            if covered or not text[start].isupper():
                if run:
                    runs.append(run)
                run = []
                continue
            if run and not (start == last_end + 1 and text[last_end] == " "):
                runs.append(run)
                run = []
            run.append((start, end))
            last_end = end
        if run:
            runs.append(run)
        return runs

    def _worth_asking(self, text: str, run: list[tuple[int, int]], first: int, last: int) -> bool:
        """Tell whether words ``first..last`` of a run may be a name worth a query."""
        words = [fold(text[s:e]) for s, e in run]
        if first == last:
            word = text[run[first][0] : run[first][1]]
            letters = sum(c.isalpha() for c in word)
            if letters < MIN_LETTERS or words[first] in self._common:
                return False
            if words[first] in self._given or (is_all_caps(word) and letters <= 5):
                return False
            if skeleton(word) in self._given_keys:
                return False
            # Inside a longer run of unknown capitalised words (Maryna Ivanova), a word
            # alone is part of another name; titles and common words do not count.
            others = words[:first] + words[first + 1 :]
            return all(w in self._common or w in self._cue_words for w in others)
        inner = words[first : last + 1]
        return inner[0] not in self._common and inner[-1] not in self._common

    def _best(self, text: str, start: int, end: int, context: Context) -> Found | None:
        """Return the one candidate for ``text[start:end]`` that passes, or ``None``."""
        written = text[start:end]
        if _NUMBER_AFTER.match(text, end):
            return None  # Rossiya 1, Antracite 26 cm: a channel, a product
        kind = context.kind_at(start, end, self._given)
        form = form_of(written)
        derived = next((e for e in self._derived if form.endswith(e)), None)
        candidates = [
            c
            for c in self.index.search(written, limit=4)
            if (kind is None or self._is_person(c) == (kind == "person"))
            # The exact index has seen this spelling and left it (a keep-phrase, a case rule).
            and c.form_score < 1
            # Only a spelling of the same skeleton: Tokarev is not Tokayev.
            and c.key_score >= MIN_KEY_SCORE
            # Transnistrian is no spelling of Transnistria, nor Brovarsky of Brovary.
            and (self._is_person(c) or not self._derived_from(form, c, derived))
        ]
        if not candidates or candidates[0].score < self.threshold:
            return None
        best = candidates[0]
        proposed = self._proposed(best, written)
        for other in candidates[1:]:
            if other.score > best.score - MARGIN and self._proposed(other, written) != proposed:
                return None  # two entities fit as well: not for a guess to decide
        if proposed is None or fold(proposed) == fold(written):
            return None
        alias = best.alias
        return Found(start, end, written, alias.entity_id, alias.text, proposed, best.score)

    def _derived_from(self, form: str, candidate: Candidate[Alias], derived: str | None) -> bool:
        """Tell whether ``form`` is a word made from the place name rather than a spelling."""
        alias = form_of(candidate.alias.text)
        if derived is not None and not alias.endswith(derived):
            return True  # Transnistrian, Brovarsky
        # Romani, Serb: the people of Romania, Serbia
        return any(alias == form + cut for cut in self._cuts)

    def _is_person(self, candidate: Candidate[Alias]) -> bool:
        return self.normalizer.gazetteer[candidate.alias.entity_id].is_person

    def _proposed(self, candidate: Candidate[Alias], written: str) -> str | None:
        """Return the form the normalizer's style writes for the candidate's entity."""
        normalizer = self.normalizer
        alias = candidate.alias
        entity = normalizer.gazetteer[alias.entity_id]
        if alias.kind == "full":
            form = entity.display_name(normalizer.lang, normalizer.style)
        elif alias.kind == "surname":
            form = entity.form("surname", normalizer.lang, normalizer.style)
        else:
            form = entity.form("name", normalizer.lang, normalizer.style)
        return form.upper() if is_all_caps(written) and not is_all_caps(form) else form


def _fits_language(alias: Alias, lang: str, languages: Collection[str]) -> bool:
    """Tell whether an alias is a form of ``lang`` or a variant for no other language.

    Other languages' forms (``form:de``) and the romanizations made for their
    press (``translit:uk-fr-press``) are left out.
    """
    for origin in alias.origin.split(" "):
        part = origin.partition("=")[2] or origin
        if part.startswith("form:") and part[5:].split("/")[0] != lang:
            return False
        if part.startswith("translit:"):
            target = part[9:].split("-")[1:2]
            if target and target[0] in languages and target[0] != lang:
                return False
    return True
