"""Mining new spellings of known entities from MT output aligned with references and sources.

Per segment, one side names a known entity and the other does not: the
reference (or the source, found through inflection) names Kreminna and a
system writes "Kreminnaya", a spelling the gazetteer does not know. The
alignment is deliberately simple and precise rather than clever:

- the entity is named once on the naming side and not at all on the other;
- the other side has an unknown capitalised word sequence, not a common word,
  not written on the naming side, that stands in about the same place in the
  segment (relative position within :data:`MAX_SHIFT`);
- its transliteration skeleton (:func:`skeleton`) is close to a spelling of
  the entity (:data:`MIN_SIMILARITY`), and no other sequence of the segment
  is as close: exactly one candidate per entity and segment.

Both directions count: a system's spelling against the reference's entity,
and the reference's spelling against an entity that systems name. What comes
out is a list of :class:`Proposal` (entity, spelling, counts, who wrote it,
examples), written as a gazetteer patch (``extend:`` entries, see
gazetteers/README.md) and a TSV summary. Nothing is written into the data.

>>> skeleton("Kreminnaya") == skeleton("Kreminna")
True
>>> skeleton("Zelenskiy") == skeleton("Zelenskyy")
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from normtk.folding import fold

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.gazetteer.model import Entity, Part
    from normtk.io.files import Errors
    from normtk.io.model import Corpus

__all__ = [
    "MAX_SHIFT",
    "MIN_SIMILARITY",
    "Example",
    "Miner",
    "Proposal",
    "similarity",
    "skeleton",
]

#: Least rapidfuzz ratio (0-100) of two skeletons for a spelling to be proposed.
MIN_SIMILARITY = 80.0
#: Most difference of the relative positions (0-1) of a mention and its aligned spelling.
MAX_SHIFT = 0.3
#: Shortest spelling proposed, in letters.
MIN_LETTERS = 4
#: Examples kept per proposal.
EXAMPLES = 3

# Letter classes of Latin transliterations: digraphs first, then single letters.
_DIGRAPHS = (
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("tch", "c"),
    ("tsch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("ie", "i"),
    ("ye", "e"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("yo", "o"),
    ("io", "o"),
    ("jo", "o"),
)
_LETTERS = str.maketrans({"y": "i", "j": "i", "g": "h", "w": "v", "x": "ks", "q": "k"})
_DIGRAPH = re.compile("|".join(sorted((d for d, _ in _DIGRAPHS), key=len, reverse=True)))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")

#: What a known spelling's skeleton may be followed by in a word derived from it or an
#: inflected form of it, which is no new spelling: Ukrainians, Brovarsky, Kadyrovites,
#: Belgoroda, Buchi. Skeletons of the endings (ya -> a, -skyi -> -ski).
DERIVED_ENDINGS = frozenset(
    {
        "s",
        "n",
        "ns",
        "an",
        "ans",
        "ian",
        "ians",
        "in",
        "ins",
        "ese",
        "ic",
        "ik",
        "ite",
        "ites",
        "ist",
        "ists",
        "ism",
        "er",
        "ers",
        "ki",
        "ski",
        "skii",
        "sk",
        "ska",
        "sko",
        "skoe",
        "skai",
        "ci",
        "c",
        "ec",
        "ov",
        "ovs",
        "ovi",
        "ova",
        "ev",
        "a",
        "u",
        "i",
        "e",
        "o",
        "om",
        "oi",
        "oho",
        "imi",
        "ami",
        "ah",
        "ih",
        "ii",
        "ei",
        "iu",
    }
)

_PATRONYMIC = re.compile(r"(?:ovych|evych|ovich|evich|ovna|evna|ivna|ichna)$")

# A capitalised word (letters, inner apostrophes and hyphens), and a run of them.
_CAP_WORD = r"[^\W\d_a-z][\w]*(?:['’\-][\w]+)*"
_CAP_RUN = re.compile(rf"(?<![\w'’\-]){_CAP_WORD}(?:[ ]{_CAP_WORD})*(?![\w'’])")


def skeleton(text: str) -> str:
    """Return the transliteration skeleton of a Latin spelling: classes of letters.

    Folded, digraphs as one letter (kh → h, shch → s, ya → a, ye → e), y/i/j as
    one letter, g/h as one, doubled letters once, and everything but letters
    and spaces dropped: Zelenskiy, Zelenskyy and Zelenskij have one skeleton.

    >>> skeleton("Kharkov"), skeleton("Charkiw")
    ('harkov', 'carkiv')
    """
    key = _NOT_LETTER.sub("", fold(text).replace("-", " "))
    key = _DIGRAPH.sub(lambda m: _DIGRAPH_MAP[m.group()], key)
    key = key.translate(_LETTERS)
    return _DOUBLE.sub(r"\1", key)


def similarity(a: str, b: str) -> float:
    """Return the rapidfuzz ratio (0-100) of the skeletons of two spellings."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(skeleton(a), skeleton(b)))


@dataclass(frozen=True, slots=True)
class Example:
    """One segment where ``writer`` wrote the spelling and another side named the entity."""

    seg_id: str
    writer: str
    written: str
    naming_side: str
    named: str
    named_as: str = ""


@dataclass(slots=True)
class Proposal:
    """A spelling the gazetteer does not know, proposed as a variant of ``entity_id``.

    ``part`` is ``name`` (places, bodies) or ``surname`` / ``given`` (persons);
    ``count`` counts the (segment, writer) pairs that wrote it, ``writers`` by
    writer (a system's name, or ``ref``), ``evidence`` by the side that named the
    entity (``ref``, ``src`` or a system), ``similarity`` the best skeleton ratio
    against a spelling of the entity (``closest``).
    """

    entity_id: str
    part: Part
    spelling: str
    closest: str
    similarity: float
    count: int = 0
    writers: Counter[str] = field(default_factory=Counter)
    evidence: Counter[str] = field(default_factory=Counter)
    segments: set[str] = field(default_factory=set)
    examples: list[Example] = field(default_factory=list)
    #: For a spelling of an entity the gazetteer lacks: its name as the reference writes
    #: it and its native name as the source writes it (possibly inflected).
    new_name: str | None = None
    native: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        """Tell whether the proposal is a new entity rather than a variant of a known one."""
        return self.new_name is not None

    def add(self, example: Example) -> None:
        """Count one (segment, writer) pair, keeping the first few examples."""
        self.count += 1
        self.writers[example.writer] += 1
        self.evidence[example.naming_side] += 1
        self.segments.add(example.seg_id)
        if len(self.examples) < EXAMPLES and all(e.seg_id != example.seg_id for e in self.examples):
            self.examples.append(example)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Named:
    """An entity named once on one side of a segment, at relative position ``where``."""

    entity_id: str
    where: float
    text: str


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

    def _named(self, text: str) -> tuple[dict[str, list[_Named]], list[tuple[int, int]]]:
        """Return the entities ``text`` names (with where) and every span any alias covers."""
        named: dict[str, list[_Named]] = {}
        covered = [(start, end) for start, end, _ in self.gazetteer.index.scan(text)]
        size = max(len(text), 1)
        for mention in self.normalizer.find(text):
            for entity_id in mention.candidates or (mention.entity_id,):
                if entity_id is not None:
                    named.setdefault(entity_id, []).append(
                        _Named(entity_id, mention.start / size, mention.text)
                    )
        return named, covered

    def _source_named(self, text: str) -> dict[str, list[_Named]]:
        """Return the entities the source names, through inflection (none without a finder)."""
        named: dict[str, list[_Named]] = {}
        if self.finder is None:
            return named
        size = max(len(text), 1)
        for mention in self.finder.find(text):
            for entity_id in mention.candidates or (mention.entity_id,):
                if entity_id is not None:
                    named.setdefault(entity_id, []).append(
                        _Named(entity_id, mention.start / size, mention.text)
                    )
        return named

    def _unknown(self, text: str, covered: Sequence[tuple[int, int]]) -> list[_Span]:
        """Return the capitalised word runs of ``text`` that no alias covers and no word list has.

        Leading and trailing common words are dropped from a run ("The", "In
        Kreminnaya"): what stays must be a name.
        """
        spans = []
        for match in _CAP_RUN.finditer(text):
            pieces = [
                (m.start() + match.start(), m.end() + match.start())
                for m in re.finditer(r"\S+", match.group())
            ]
            pieces = [(s, e) for s, e in pieces if not any(s < ce and cs < e for cs, ce in covered)]
            while pieces and self._common_word(text[pieces[0][0] : pieces[0][1]]):
                pieces.pop(0)
            while pieces and self._common_word(text[pieces[-1][0] : pieces[-1][1]]):
                pieces.pop()
            # a run broken by a known name is several runs: keep each contiguous piece
            run: list[tuple[int, int]] = []
            for piece in [*pieces, None]:
                if piece is not None and (not run or text[run[-1][1] : piece[0]] == " "):
                    run.append(piece)
                    continue
                if run:
                    start, end = run[0][0], run[-1][1]
                    written = text[start:end]
                    if sum(c.isalpha() for c in written) >= MIN_LETTERS and not written.isupper():
                        spans.append(_Span(start, end, written))
                run = [piece] if piece is not None else []
        return spans

    def _common_word(self, word: str) -> bool:
        """Tell whether ``word`` (or its part before a hyphen) is a common word of the copy."""
        key = word.lower().strip("'’-")
        return key in self._common or key.split("-")[0] in self._common

    # --- comparing a spelling with an entity ----------------------------------------------------

    def _entity_spellings(self, entity_id: str) -> dict[str, list[tuple[str, str]]]:
        """Return the Latin spellings of an entity per part: (spelling, skeleton)."""
        cached = self._spellings.get(entity_id)
        if cached is not None:
            return cached
        entity = self.gazetteer[entity_id]
        parts: dict[str, list[tuple[str, str]]] = {}
        for alias in entity.aliases(self.gazetteer.generated.get(entity_id)):
            if alias.kind in {"keep", "abbr"} or not _latin(alias.text):
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
        if any(_derived(key, known_key) for pairs in spellings.values() for _, known_key in pairs):
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
        sides: dict[str, tuple[dict[str, list[_Named]], list[tuple[int, int]]]] = {}
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
            naming: list[tuple[str, dict[str, list[_Named]], str]] = []
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
                for span in self._unknown(text, covered)
                if not any(_has_words(other, span.text) for other in others)
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
        mention: _Named,
        candidates: Sequence[_Span],
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
        candidates: Sequence[_Span],
    ) -> None:
        """Propose ``writer``'s spelling of a name that the gazetteer lacks.

        The reference writes an unknown name once, every word of it transliterates
        close to a capitalised word of the source, and the system writes one unknown
        spelling close to it in about the same place.
        """
        from rapidfuzz import fuzz

        if self.src_lang is None:
            return
        ref_spans = self._unknown(ref, ref_covered)
        src_known = [(m.start, m.end) for m in self.finder.find(src)] if self.finder else []
        size, ref_size = max(len(text), 1), max(len(ref), 1)
        for name in ref_spans:
            if _count_words(ref, name.text) != 1 or _has_words(text, name.text):
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
                and not _derived(skeleton(span.text), key)
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
            and not _latin(m.group())
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
            for match in _CAP_RUN.finditer(text):
                words = match.group().split(" ")
                if len(words) == 2 and match.start() > 0:
                    self.given_names.add(fold(words[0]))

    def ranked(self) -> list[Proposal]:
        """Return the proposals, most often written first (then by entity and spelling)."""
        return sorted(self.proposals.values(), key=lambda p: (-p.count, p.entity_id, p.spelling))


def _latin(text: str) -> bool:
    return any("a" <= c <= "z" for c in fold(text))


def _split_full(
    text: str, given_len: int, surname_len: int, surname_first: bool
) -> tuple[str, str]:
    if surname_first:
        return text[len(text) - given_len :], text[:surname_len]
    return text[:given_len], text[len(text) - surname_len :]


def _derived(key: str, known: str) -> bool:
    """Tell whether skeleton ``key`` is skeleton ``known`` cut short, inflected or derived."""
    if key == known or len(known) < 3:
        return False
    if known.startswith(key):
        return True  # Buch for Bucha, Konashenko for Konashenkov
    stems = [known, known[:-1]] if known[-1] in "aeiou" else [known]
    return any(key.startswith(stem) and key[len(stem) :] in DERIVED_ENDINGS for stem in stems)


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


def _count_words(text: str, words: str) -> int:
    """Count the whole-word occurrences of ``words`` in ``text``, case and marks ignored."""
    return len(re.findall(rf"(?<!\w){re.escape(fold(words))}(?!\w)", fold(text)))


def _has_words(text: str, words: str) -> bool:
    """Tell whether ``words`` stands in ``text`` as whole words, case and marks ignored."""
    from normtk.folding import contains_word

    return contains_word(fold(text), fold(words))


TSV_COLUMNS = (
    "entity",
    "new",
    "part",
    "spelling",
    "closest",
    "similarity",
    "count",
    "segments",
    "writers",
    "evidence",
    "native",
    "examples",
)


def summary_rows(proposals: Iterable[Proposal]) -> Iterator[dict[str, str]]:
    """Yield one row per proposal, the columns of :data:`TSV_COLUMNS`."""
    for p in proposals:
        yield {
            "entity": p.entity_id,
            "new": "yes" if p.is_new else "no",
            "part": p.part,
            "spelling": p.spelling,
            "closest": p.closest,
            "similarity": f"{p.similarity:.0f}",
            "count": str(p.count),
            "segments": str(len(p.segments)),
            "writers": ",".join(f"{w}:{n}" for w, n in sorted(p.writers.items())),
            "evidence": ",".join(f"{w}:{n}" for w, n in sorted(p.evidence.items())),
            "native": ",".join(f"{k}:{v}" for k, v in sorted(p.native.items())),
            "examples": ",".join(e.seg_id for e in p.examples),
        }


def summary_tsv(proposals: Iterable[Proposal]) -> str:
    """Return the TSV summary: a header, then one line per proposal."""
    lines = ["\t".join(TSV_COLUMNS)]
    for row in summary_rows(proposals):
        lines.append("\t".join(_tsv_cell(row[column]) for column in TSV_COLUMNS))
    return "\n".join(lines) + "\n"


def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def _source_line(p: Proposal, corpus_name: str) -> str:
    writers = ", ".join(f"{w} {n}" for w, n in sorted(p.writers.items()))
    sides = " and ".join(_SIDE_NAMES.get(side, side) for side in sorted(p.evidence))
    segments = ", ".join(e.seg_id for e in p.examples)
    named = p.examples[0].named_as if p.examples else p.closest
    return (
        f"mined: {p.spelling!r} written {p.count} time{'s' if p.count != 1 else ''} in "
        f"{len(p.segments)} segment{'s' if len(p.segments) != 1 else ''} of {corpus_name} "
        f"({writers}) where {sides} wrote {named!r}; e.g. segments {segments}"
    )


_SIDE_NAMES = {"ref": "the reference", "src": "the source"}


@dataclass
class _NewEntity:
    """A new entity of the patch, as it is being put together."""

    id: str
    name: str
    native: Mapping[str, str]
    person: bool
    variants: list[str] = field(default_factory=list)
    given_variants: list[str] = field(default_factory=list)
    surname_variants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    surname_alone: bool = True

    @property
    def given(self) -> str:
        """The given names of a person's name."""
        return self.name.rpartition(" ")[0]

    @property
    def surname(self) -> str:
        """The surname of a person's name (the last word)."""
        return self.name.rpartition(" ")[2]

    def add(self, spelling: str, source: str) -> None:
        """Add a spelling of the name (a person's: of each part that differs)."""
        pairs: list[tuple[list[str], str, str]] = [(self.variants, self.name, spelling)]
        if self.person:
            given, _, surname = spelling.rpartition(" ")
            pairs = [(self.given_variants, self.given, given)]
            pairs.append((self.surname_variants, self.surname, surname))
        for variants, known, written in pairs:
            if written and fold(written) != fold(known) and written not in variants:
                variants.append(written)
        self.sources.append(source)

    def to_dict(self, languages: Sequence[str]) -> dict[str, object]:
        """Return the entity as a gazetteer entry."""
        entry: dict[str, object] = {
            "id": self.id,
            "type": "person" if self.person else "place",
            "country": None,
            "native": dict(self.native),
        }
        if self.person:
            entry["given"] = dict.fromkeys(languages, self.given)
            entry["surname"] = dict.fromkeys(languages, self.surname)
            if self.given_variants:
                entry["given_variants"] = self.given_variants
            if self.surname_variants:
                entry["surname_variants"] = self.surname_variants
            if not self.surname_alone:
                entry["surname_alone"] = False
        else:
            entry["name"] = dict.fromkeys(languages, self.name)
            if self.variants:
                entry["variants"] = self.variants
        entry["sources"] = self.sources
        entry["note"] = (
            "mined, to review: the type, the country and the forms of languages other than "
            "the reference's are guesses; the native name is as the source writes it "
            "(possibly inflected)"
        )
        return entry


def patch(
    proposals: Sequence[Proposal],
    gazetteer: Gazetteer,
    *,
    corpus_name: str = "the corpus",
    given_names: Iterable[str] = (),
) -> dict[str, object]:
    """Return the proposals as a gazetteer file: ``extend`` entries and new ``entities``.

    Variants of one entity are merged into one entry with a source line each.
    A new entity is written with the reference's spelling as the form of every
    declared language, its native name as the source writes it (possibly
    inflected) and a type guessed from its words (a person when it starts with a
    known given name, a place otherwise); its note says what to review.
    """
    extend: dict[str, dict[str, list[str]]] = {}
    new: dict[str, _NewEntity] = {}
    given = {fold(g) for g in given_names}
    languages = sorted(gazetteer.languages) or ["en"]
    keys = {"name": "variants", "given": "given_variants", "surname": "surname_variants"}
    for p in proposals:
        line = _source_line(p, corpus_name)
        if p.new_name is None:
            entry = extend.setdefault(p.entity_id, {})
            entry.setdefault(keys[p.part], []).append(p.spelling)
            entry.setdefault("sources", []).append(line)
            continue
        entity_id = p.entity_id
        if entity_id in gazetteer.entities:
            entity_id += "-mined"
        if entity_id not in new:
            words = p.new_name.split(" ")
            person = len(words) > 1 and fold(words[0]) in given
            new[entity_id] = _NewEntity(entity_id, p.new_name, p.native, person)
        new[entity_id].add(p.spelling, line)
    _merge_new(new)
    doc: dict[str, object] = {}
    if extend:
        doc["extend"] = [{"id": entity_id, **entry} for entity_id, entry in extend.items()]
    if new:
        doc["entities"] = [entity.to_dict(languages) for entity in new.values()]
    return doc


def _merge_new(new: dict[str, _NewEntity]) -> None:
    """Fold a new one-word name into the new person it is the surname of; keep aliases apart.

    "Golosheykin" and "Semyon Golosheykin" are one person; two new persons whose
    surnames share a skeleton match only as full names (``surname_alone: false``),
    and a one-word name that could be either is left out.
    """
    persons: dict[str, list[_NewEntity]] = {}
    for entity in new.values():
        if entity.person:
            persons.setdefault(skeleton(entity.surname), []).append(entity)
    for group in persons.values():
        if len(group) > 1:
            for person in group:
                person.surname_alone = False
    for entity_id, entity in list(new.items()):
        group = [] if entity.person else persons.get(skeleton(entity.name), [])
        if not group:
            continue
        del new[entity_id]
        if len(group) == 1:
            person = group[0]
            for spelling in [entity.name, *entity.variants]:
                if (
                    fold(spelling) != fold(person.surname)
                    and spelling not in person.surname_variants
                ):
                    person.surname_variants.append(spelling)
            person.sources += entity.sources


def patch_yaml(doc: Mapping[str, object], header: str = "") -> str:
    """Return a patch from :func:`patch` as YAML, after ``header`` comment lines."""
    import yaml

    text = yaml.safe_dump(dict(doc), allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + (text if doc else "{}\n")


def mine_files(
    hyps: Sequence[str],
    ref: str | None,
    src: str | None = None,
    *,
    src_lang: str | None = None,
    lang: str = "en",
    output: str = "-",
    summary: str | None = None,
    min_count: int = 1,
    corpus_name: str | None = None,
    systems: Sequence[str] | None = None,
    gazetteer: Iterable[str | Path] = (),
    bundled: bool = True,
    input_format: str = "auto",
    errors: Errors = "strict",
) -> list[Proposal]:
    """Read a corpus, mine it and write the patch to ``output`` (and the TSV to ``summary``).

    Both files are written atomically, after everything is read and mined: a
    bad input leaves neither. ``gazetteer`` adds data to the bundled gazetteer,
    or replaces it when ``bundled`` is false. Return the proposals written.
    """
    from normtk.errors import UsageError
    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import read_corpus
    from normtk.io.files import open_output

    if min_count < 1:
        msg = f"min_count must be at least 1, not {min_count}"
        raise UsageError(msg, "min_count")
    corpus = read_corpus(
        hyps,
        [ref] if ref else [],
        src,
        systems=systems,
        input_format=input_format,
        errors=errors,
        lang=lang,
        src_lang=src_lang,
    )
    if not corpus.refs and corpus.src is None:
        msg = "give a reference (--ref) or a source (--src): mining compares the hypotheses with it"
        raise UsageError(msg)
    source_lang = src_lang or corpus.src_lang
    if corpus.src is not None and source_lang is None:
        msg = "src_lang is needed with a source: say which language it is in (uk, ru ...)"
        raise UsageError(msg, "src_lang")
    if corpus.src is None:
        source_lang = None
    if "ref" in corpus.systems:
        msg = "a system is named 'ref', which names the reference here; rename its file"
        raise UsageError(msg)
    gaz = Gazetteer.load(gazetteer, bundled=bundled)
    gaz.check_target(lang, None)
    miner = Miner(gaz, lang, source_lang)
    proposals = [p for p in miner.mine(corpus) if p.count >= min_count]
    name = corpus_name or ", ".join(Path(p).name for p in [*hyps[:1], *([ref] if ref else [])])
    header = (
        "Spellings proposed by `normtk gazetteer mine`: review each before use.\n"
        f"Corpus: {name}; {miner.segments} segments, systems: {', '.join(corpus.systems)}.\n"
        "Validate with `normtk gazetteer validate FILE`; load with `--gazetteer FILE`."
    )
    if not miner.listed_given_names:
        header += (
            "\nGiven names known: the gazetteer's and the references' only; more given names "
            "alone are proposed as new entities.\nFor gender-guesser's list of 48,000: "
            "pip install 'normtk[geonames]'"
        )
    doc = patch(proposals, gaz, corpus_name=name, given_names=miner.given_names)
    text = patch_yaml(doc, header)
    table = summary_tsv(proposals)
    if summary is not None and summary == output:
        msg = "the patch and the summary must go to different files"
        raise UsageError(msg)
    with open_output(output) as out:
        out.write(text)
    if summary is not None:
        with open_output(summary) as out:
            out.write(table)
    return proposals
