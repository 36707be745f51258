"""Aligning hypotheses, references and sources segment by segment, and proposing spellings.

See :mod:`normtk.mining` for the rules of the alignment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from normtk.folding import fold
from normtk.mining.candidates import (
    CAP_RUN,
    Named,
    Span,
    by_entity,
    count_words,
    has_words,
    unknown_spans,
)
from normtk.mining.proposals import Example, Proposal
from normtk.mining.spelling import derived, is_latin, skeleton

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.gazetteer.model import Entity, Part
    from normtk.io.model import Corpus

#: Least rapidfuzz ratio (0-100) of two skeletons for a spelling to be proposed.
MIN_SIMILARITY = 80.0
#: Most difference of the relative positions (0-1) of a mention and its aligned spelling.
MAX_SHIFT = 0.3

_PATRONYMIC = re.compile(r"(?:ovych|evych|ovich|evich|ovna|evna|ivna|ichna)$")


class Miner:
    """Align hypotheses, references and sources segment by segment and propose spellings.

    ``lang`` is the language of hypotheses and references; ``src_lang`` the
    source's (names there are found through inflection, and new entities get
    their native name from it), or ``None`` to leave the source out.
    ``min_similarity`` is the least skeleton ratio (0-100) and ``max_shift``
    the most difference of relative positions (0-1) of an aligned pair.

    >>> from normtk import Gazetteer
    >>> miner = Miner(Gazetteer.load(), "en")
    >>> miner.add_segment(
    ...     "1", {"sys": "Shelling near Kramatorks."}, "Shelling near Kramatorsk."
    ... )
    >>> [(p.entity_id, p.spelling, dict(p.writers)) for p in miner.ranked()]
    [('kramatorsk', 'Kramatorks', {'sys': 1})]
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        lang: str = "en",
        src_lang: str | None = None,
        *,
        min_similarity: float = MIN_SIMILARITY,
        max_shift: float = MAX_SHIFT,
    ) -> None:
        from normtk.gazetteer.stopwords import common_words
        from normtk.normalize import Normalizer

        self.gazetteer = gazetteer
        self.lang = lang
        self.normalizer = Normalizer(gazetteer, lang)
        self.finder = None
        if src_lang is not None:
            from normtk.source.finder import SourceFinder

            self.finder = SourceFinder(gazetteer, src_lang)
        self.min_similarity = min_similarity
        self.max_shift = max_shift
        self._common = common_words(lang)
        self._spellings: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self._never: dict[str, set[str]] = {e.id: {fold(n) for n in e.never} for e in gazetteer}
        self.src_lang = src_lang
        #: Folded given names: the gazetteer's, and the first words of the references'
        #: two-word names (see :meth:`mine`); a single-word new name among them is dropped.
        self.given_names: set[str] = {
            fold(name)
            for entity in gazetteer
            if entity.is_person
            for name in (*entity.forms["given"].values(), *entity.variants.get("given", ()))
        }
        listed = _listed_given_names()
        #: Whether gender-guesser's given names (the geonames extra) were at hand.
        self.listed_given_names = bool(listed)
        self.given_names |= listed
        self.proposals: dict[tuple[str, str, str], Proposal] = {}
        self.segments = 0

    # --- the sides of a segment ----------------------------------------------------------------

    def _named(self, text: str) -> tuple[dict[str, list[Named]], list[tuple[int, int]]]:
        """Return the entities ``text`` names (with where) and every span any alias covers."""
        covered = [(start, end) for start, end, _ in self.gazetteer.index.scan(text)]
        return by_entity(self.normalizer.find(text), len(text)), covered

    def _source_named(self, text: str) -> dict[str, list[Named]]:
        """Return the entities the source names, through inflection (none without a finder)."""
        if self.finder is None:
            return {}
        return by_entity(self.finder.find(text), len(text))

    # --- comparing a spelling with an entity ----------------------------------------------------

    def _entity_spellings(self, entity_id: str) -> dict[str, list[tuple[str, str]]]:
        """Return the Latin spellings of an entity per part: (spelling, skeleton)."""
        cached = self._spellings.get(entity_id)
        if cached is not None:
            return cached
        entity = self.gazetteer[entity_id]
        parts: dict[str, list[tuple[str, str]]] = {}
        for alias in entity.aliases(self.gazetteer.generated.get(entity_id)):
            if alias.kind in {"keep", "abbr"} or not is_latin(alias.text):
                continue
            if alias.kind == "full":
                given, surname = _split_full(
                    alias.text, alias.given_len, alias.surname_len, alias.surname_first
                )
                parts.setdefault("given", []).append((given, skeleton(given)))
                parts.setdefault("surname", []).append((surname, skeleton(surname)))
                parts.setdefault("full", []).append((alias.text, skeleton(alias.text)))
            else:
                part = "surname" if alias.kind == "surname" else "name"
                parts.setdefault(part, []).append((alias.text, skeleton(alias.text)))
        for part, pairs in parts.items():
            parts[part] = list(dict.fromkeys(pairs))
        self._spellings[entity_id] = parts
        return parts

    def _match(self, entity: Entity, written: str) -> tuple[Part, str, str, float] | None:
        """Return (part, spelling, closest known spelling, similarity) if ``written`` fits."""
        from rapidfuzz import fuzz

        spellings = self._entity_spellings(entity.id)
        parts: tuple[Part, ...]
        if entity.is_person:
            words = written.split(" ")
            given_keys = {fold(g) for g, _ in spellings.get("given", [])}
            if len(words) > 1 and fold(" ".join(words[:-1])) in given_keys:
                written, parts = words[-1], ("surname",)
            elif len(words) == 1:
                parts = ("surname",)
            else:
                return None
        else:
            parts = ("name",)
        if (
            fold(written) in self._never[entity.id]
            or self._known(written, entity)
            or _word_of_any_language(written)
        ):
            return None
        key = skeleton(written)
        if any(derived(key, known_key) for pairs in spellings.values() for _, known_key in pairs):
            return None
        best: tuple[Part, str, str, float] | None = None
        for part in parts:
            for known, known_key in spellings.get(part, []):
                score = float(fuzz.ratio(key, known_key))
                if known_key[:1] != key[:1]:
                    continue
                if best is None or score > best[3]:
                    best = (part, written, known, score)
        if best is None or best[3] < self.min_similarity:
            return None
        return best

    def _known(self, written: str, entity: Entity) -> bool:
        """Tell whether ``written`` is already a name or a demonym (plural too) of some entity."""
        if any(end - start == len(written) for start, end, _ in self.gazetteer.index.scan(written)):
            return True
        key = fold(written)
        demonyms = {fold(d) for words in entity.demonyms.values() for d in words}
        return key in demonyms or key.removesuffix("s") in demonyms

    # --- mining ------------------------------------------------------------------------------

    def add_segment(
        self,
        seg_id: str,
        hyps: Mapping[str, str],
        ref: str | None,
        src: str | None = None,
    ) -> None:
        """Mine one segment: each system's output against the reference and the source.

        ``hyps`` maps system names (never ``ref``, the reference's name here) to outputs.
        """
        self.segments += 1
        sides: dict[str, tuple[dict[str, list[Named]], list[tuple[int, int]]]] = {}
        texts = dict(hyps)
        if ref is not None and ref.strip():
            texts = {"ref": ref, **hyps}
        for writer, text in texts.items():
            sides[writer] = self._named(text)
        src_named = self._source_named(src) if src else {}
        seen: set[tuple[str, str, str]] = set()
        for writer, text in texts.items():
            named, covered = sides[writer]
            # the sides that may name what this one misses: the reference and the source
            # for a system; the systems (and the source) for the reference
            naming: list[tuple[str, dict[str, list[Named]], str]] = []
            if writer == "ref":
                naming += [(name, sides[name][0], hyps[name]) for name in hyps]
            elif "ref" in texts:
                naming.append(("ref", sides["ref"][0], texts["ref"]))
            if src_named and src is not None:
                naming.append(("src", src_named, src))
            # a system's spelling must not be the reference's own
            others = [texts["ref"]] if writer != "ref" and "ref" in texts else []
            candidates = [
                span
                for span in unknown_spans(text, covered, self._common)
                if not any(has_words(other, span.text) for other in others)
            ]
            if not candidates:
                continue
            if writer != "ref" and "ref" in texts and src:
                self._propose_new(
                    seg_id, writer, text, texts["ref"], sides["ref"][1], src, candidates
                )
            for side, side_named, side_text in naming:
                missing = [
                    mentions[0]
                    for entity_id, mentions in side_named.items()
                    if len(mentions) == 1 and entity_id not in named
                ]
                for mention in missing:
                    self._propose(seg_id, writer, text, side, side_text, mention, candidates, seen)

    def _propose(
        self,
        seg_id: str,
        writer: str,
        text: str,
        side: str,
        side_text: str,
        mention: Named,
        candidates: Sequence[Span],
        seen: set[tuple[str, str, str]],
    ) -> None:
        """Propose the one candidate of ``text`` that spells ``mention``'s entity, if one does."""
        entity = self.gazetteer[mention.entity_id]
        size = max(len(text), 1)
        fitting = []
        for span in candidates:
            if abs(span.start / size - mention.where) > self.max_shift:
                continue
            found = self._match(entity, span.text)
            if found is not None:
                fitting.append(found)
        if len({f[1] for f in fitting}) != 1:
            return
        part, spelling, closest, score = max(fitting, key=lambda f: f[3])
        key = (entity.id, part, spelling)
        if (seg_id, writer, entity.id) in seen:
            return
        seen.add((seg_id, writer, entity.id))
        proposal = self.proposals.get(key)
        if proposal is None:
            proposal = Proposal(entity.id, part, spelling, closest, score)
            self.proposals[key] = proposal
        proposal.add(Example(seg_id, writer, text, side, side_text, mention.text))

    def _propose_new(
        self,
        seg_id: str,
        writer: str,
        text: str,
        ref: str,
        ref_covered: Sequence[tuple[int, int]],
        src: str,
        candidates: Sequence[Span],
    ) -> None:
        """Propose ``writer``'s spelling of a name that the gazetteer lacks.

        The reference writes an unknown name once, every word of it transliterates
        close to a capitalised word of the source, and the system writes one unknown
        spelling close to it in about the same place.
        """
        from rapidfuzz import fuzz

        if self.src_lang is None:
            return
        ref_spans = unknown_spans(ref, ref_covered, self._common)
        src_known = [(m.start, m.end) for m in self.finder.find(src)] if self.finder else []
        size, ref_size = max(len(text), 1), max(len(ref), 1)
        for name in ref_spans:
            if count_words(ref, name.text) != 1 or has_words(text, name.text):
                continue
            if " " not in name.text and (
                fold(name.text) in self.given_names or _PATRONYMIC.search(fold(name.text))
            ):
                continue  # a given name or a patronymic alone names nobody in particular
            native = self._native(name.text, src, src_known)
            if native is None:
                continue
            key = skeleton(name.text)
            fitting = [
                span
                for span in candidates
                if abs(span.start / size - name.start / ref_size) <= self.max_shift
                and span.text.count(" ") == name.text.count(" ")
                and fuzz.ratio(skeleton(span.text), key) >= self.min_similarity
                and skeleton(span.text)[:1] == key[:1]
                and not derived(skeleton(span.text), key)
            ]
            if len(fitting) != 1:
                continue
            spelling = fitting[0].text
            if " " not in spelling and (
                fold(spelling) in self.given_names or _word_of_any_language(spelling)
            ):
                continue
            entity_id = _slug(name.text)
            proposal_key = (entity_id, "name", spelling)
            proposal = self.proposals.get(proposal_key)
            if proposal is None:
                score = float(fuzz.ratio(skeleton(spelling), key))
                proposal = Proposal(
                    entity_id,
                    "name",
                    spelling,
                    name.text,
                    score,
                    new_name=name.text,
                    native={self.src_lang: native},
                )
                self.proposals[proposal_key] = proposal
            proposal.add(Example(seg_id, writer, text, "ref", ref, name.text))

    def _native(self, name: str, src: str, known: Sequence[tuple[int, int]] = ()) -> str | None:
        """Return the source's capitalised words that transliterate to ``name``'s words."""
        from rapidfuzz import fuzz

        from normtk.translit import transliterate

        if self.src_lang is None:
            return None
        words = [
            m.group()
            for m in re.finditer(r"\w+(?:['’ʼ]\w+)*", src)
            if m.group()[:1].isupper()
            and not is_latin(m.group())
            and not any(m.start() < end and start < m.end() for start, end in known)
        ]
        found = []
        for word in name.split(" "):
            key = skeleton(word)
            best = max(
                (
                    (fuzz.ratio(skeleton(transliterate(w, lang=self.src_lang)), key), w)
                    for w in words
                ),
                default=(0.0, ""),
            )
            if best[0] < self.min_similarity:
                return None
            found.append(best[1])
        return " ".join(found)

    def mine(self, corpus: Corpus) -> list[Proposal]:
        """Mine every segment of ``corpus`` (first reference) and return :meth:`ranked`.

        A first pass takes the first words of the references' two-word names as
        given names (Oleh of Oleh Hryshko), so that Oleh alone is no new entity.
        """
        for references in corpus.refs[:1]:
            self.learn_given_names(references)
        for segment in corpus.segments():
            ref = segment.refs[0] if segment.refs else None
            # WMT XML numbers segments within documents: name both
            where = f"{segment.doc_id}:{segment.seg_id}" if segment.doc_id else segment.seg_id
            self.add_segment(where, segment.hyps, ref, segment.src)
        return self.ranked()

    def learn_given_names(self, texts: Iterable[str]) -> None:
        """Add the first words of the two-word capitalised names in ``texts`` to given names."""
        for text in texts:
            for match in CAP_RUN.finditer(text):
                words = match.group().split(" ")
                if len(words) == 2 and match.start() > 0:
                    self.given_names.add(fold(words[0]))

    def ranked(self) -> list[Proposal]:
        """Return the proposals, most often written first (then by entity and spelling)."""
        return sorted(self.proposals.values(), key=lambda p: (-p.count, p.entity_id, p.spelling))


def _split_full(
    text: str, given_len: int, surname_len: int, surname_first: bool
) -> tuple[str, str]:
    if surname_first:
        return text[len(text) - given_len :], text[:surname_len]
    return text[:given_len], text[len(text) - surname_len :]


def _word_of_any_language(text: str) -> bool:
    """Tell whether ``text`` is a common word of a language with a word list (Spanish "tras")."""
    from normtk.gazetteer.stopwords import is_common_word, stopword_languages

    return is_common_word(text, stopword_languages())


def _listed_given_names() -> set[str]:
    """Return the given names of gender-guesser's dictionary (the geonames extra), if installed.

    About 48,000 given names of 55 countries (Galya, Kseniya, Ondrej): without
    them only the gazetteer's given names and the references' are known, and
    more given names alone are proposed as new entities.
    """
    from normtk.errors import MissingExtraError

    try:
        from normtk.gazetteer.countries import given_names
    except ImportError:  # pragma: no cover - the module itself has no heavy imports
        return set()
    try:
        return set(given_names())
    except MissingExtraError:
        return set()


def _slug(text: str) -> str:
    """Return an entity id for ``text``."""
    from normtk.gazetteer.geonames._text import slug

    return slug(text)
