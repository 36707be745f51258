"""Normalizer: find entity mentions, decide their house-style form, rewrite losslessly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from normtk.errors import UsageError
from normtk.folding import adds_marks, fold, is_all_caps, is_word_char
from normtk.gazetteer import Gazetteer
from normtk.gazetteer.model import Alias, Entity, Part
from normtk.languages import language_code
from normtk.normalize.context import Context, CueWords, Document, quoted, sentence_start
from normtk.normalize.results import Change, Mention, Normalized, Suggestion, Unresolved
from normtk.normalize.senses import disambiguate

if TYPE_CHECKING:
    from normtk.normalize.fuzzy import Suggester

#: A match's entity id, candidates, alias, rule and replacement: a Mention after its text.
Decision = tuple[str | None, tuple[str, ...], str, str, str | None]
_KEEP: Decision = (None, (), "", "keep", None)  # a keep-phrase or no fitting alias: no mention
_CACHE_SIZE = 1 << 16
_LONGEST_GIVEN_NAME = 40  # characters: the surname rule looks no further back


class Normalizer:
    """Rewrite entity variants to the house style of one output language.

    Without a ``style`` every mention of an entity is written in the language's
    default form (its ``en`` form, say), so a story never reads Zelensky in
    one line and Zelenskyy in the next. ``style`` picks a named house style.
    ``keep_styled`` leaves any form that some style of the language uses,
    but still one form per document: the first a document uses. The names a
    style chooses between (``style_decides``: Czech Republic, Czechia) are left
    as written without a style. ``canonical``
    is for comparing texts: every mention, abbreviations and names in another
    script included, becomes the entity's default form, whatever the style.
    A name in another script than the copy's (Україна in English) is found but
    left as written unless ``rewrite_native``, and never inside quotation marks.
    ``fuzzy`` also looks for capitalised names the gazetteer does not know
    (Kreminnoye) and lists the entity each may be in :attr:`Normalized.suggestions`;
    ``fuzzy_threshold`` rewrites those scoring at least that (rule ``fuzzy:SCORE``)
    and implies ``fuzzy``. Without it, fuzzy matching never rewrites.

    >>> from normtk import Gazetteer
    >>> normalizer = Normalizer(Gazetteer.load(), lang="en")
    >>> normalizer.normalize("Talks in Kiev's suburbs").text
    "Talks in Kyiv's suburbs"
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        lang: str = "en",
        style: str | None = None,
        *,
        keep_styled: bool = False,
        canonical: bool = False,
        rewrite_native: bool = False,
        fuzzy: bool = False,
        fuzzy_threshold: float | None = None,
    ) -> None:
        lang = language_code(lang)
        if fuzzy_threshold is not None and not 0 < fuzzy_threshold <= 1:
            msg = f"fuzzy_threshold must be in (0, 1], not {fuzzy_threshold}"
            raise UsageError(msg)
        gazetteer.check_target(lang, style)
        if canonical and (style is not None or keep_styled):
            msg = "canonical forms take no style and keep no styled form"
            raise UsageError(msg)
        self.gazetteer = gazetteer
        self.lang = lang
        self.style = style
        self.keep_styled = keep_styled
        self.canonical = canonical
        self.rewrite_native = rewrite_native or canonical
        self._index = gazetteer.index
        self._decisions: dict[str, Decision] = {}
        self._cues = CueWords.of(gazetteer.languages[lang].cues)
        self._common: frozenset[str] | set[str] | None = None
        self.fuzzy = fuzzy or fuzzy_threshold is not None
        self.fuzzy_threshold = fuzzy_threshold
        self._suggester: Suggester | None = None

    @property
    def suggester(self) -> Suggester:
        """The fuzzy suggester of this normalizer's gazetteer and style (built on first use)."""
        if self._suggester is None:
            from normtk.normalize.fuzzy import DEFAULT_THRESHOLD, Suggester

            # Rewrites below the listing threshold must be found to be made.
            threshold = min(DEFAULT_THRESHOLD, self.fuzzy_threshold or DEFAULT_THRESHOLD)
            self._suggester = Suggester(self, threshold)
        return self._suggester

    def find(self, text: str, document: Document | None = None) -> list[Mention]:
        """Return every entity mention in ``text``, in order, without rewriting.

        ``document`` carries what earlier texts of the same document settled
        (see :meth:`normalize`); without one, ``text`` is a document of its own.
        """
        return [
            Mention(start, end, text[start:end], *decision)
            for start, end, decision in self._decisions_in(text, document or Document())
        ]

    def _decisions_in(self, text: str, document: Document) -> list[tuple[int, int, Decision]]:
        """Decide every match: the plain ones first, then the ambiguous ones with what
        the plain ones (and the rest of the document) say."""
        # A match's aliases follow from its text (AliasIndex.scan): decisions are
        # cached by the text alone.
        decisions = self._decisions
        context = Context(text, self._cues)
        ambiguities = self.gazetteer.ambiguities
        named = document.named
        found: list[tuple[int, int, Decision]] = []
        ambiguous: list[tuple[int, tuple[Alias, ...]]] = []
        for start, end, aliases in self._index.scan(text):
            written = text[start:end]
            decision = decisions.get(written)
            if decision is None:
                if self._surname_of_someone(context, start, written, aliases):
                    continue
                if fold(written) in ambiguities:
                    ambiguous.append((len(found), aliases))
                    found.append((start, end, _KEEP))
                    continue
                decision = self._decide(aliases, written, context, start, end, document)
            # A known decision: only a rewrite can wrong a person's surname.
            elif decision[4] is not None and self._surname_of_someone(
                context, start, written, aliases
            ):
                continue
            if decision is not _KEEP:
                if decision[0] is not None:
                    named.add(decision[0])
                found.append((start, end, decision))
        if not ambiguous:
            return found
        for number, aliases in ambiguous:
            start, end, _ = found[number]
            decision = self._decide(aliases, text[start:end], context, start, end, document)
            found[number] = (start, end, decision)
        return [item for item in found if item[2] is not _KEEP]

    def in_style(self, mention: Mention) -> bool:
        """Tell whether a mention (found by any normalizer of the gazetteer) is in this style.

        >>> from normtk import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> (mention,) = Normalizer(gazetteer, "en", canonical=True).find("Zelensky")
        >>> Normalizer(gazetteer, "en", "nyt").in_style(mention)
        True
        >>> Normalizer(gazetteer, "en").in_style(mention)
        False
        """
        found = self.find(mention.text)
        return (
            len(found) == 1
            and (found[0].start, found[0].end) == (0, len(mention.text))
            and found[0].replacement is None
        )

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
                        forms[alias.entity_id] = self._replacement(
                            entity, alias, mention.text, Document()
                        )
        return forms

    def _decide(
        self,
        aliases: tuple[Alias, ...],
        written: str,
        context: Context,
        start: int,
        end: int,
        document: Document,
    ) -> Decision:
        """Decide entity and replacement for one match; cache it if context plays no part."""
        cacheable = True
        # Another language's form that is also a word of the copy's is dropped at the
        # start of a sentence only: the decision depends on where it stands, so it is
        # not cached (else the first occurrence would decide every later one).
        foreign_words = {id(a) for a in aliases if self._foreign_word(a, written)}
        if foreign_words:
            cacheable = False
        aliases = tuple(
            a
            for a in aliases
            if not adds_marks(written, a.text)
            and (a.kind != "abbr" or _core(a.text) == written)
            and not (id(a) in foreign_words and sentence_start(context.text, start))
        )
        if not aliases or any(a.kind == "keep" for a in aliases):
            decision: Decision = _KEEP
        else:
            by_entity: dict[str, Alias] = {}
            for alias in sorted(aliases, key=lambda a: a.text != written):  # exact first
                by_entity.setdefault(alias.entity_id, alias)
            entity_id: str | None = None
            rule = self.gazetteer.ambiguities.get(fold(written))
            if rule is not None:
                cacheable = False
                entity_id = disambiguate(
                    self.gazetteer, rule, by_entity, context, start, end, document
                )
            elif len(by_entity) == 1:
                entity_id = next(iter(by_entity))
            if any(self._per_document(self.gazetteer[e]) for e in by_entity):
                cacheable = False
            foreign = self._foreign(written, by_entity)
            if entity_id is not None:
                alias = by_entity[entity_id]
                replacement = self._replacement(self.gazetteer[entity_id], alias, written, document)
            elif rule is not None and rule.or_person:
                alias, replacement = next(iter(by_entity.values())), None
            else:
                # Unresolved: rewrite only if every candidate wants the same form.
                forms = {
                    self._replacement(self.gazetteer[a.entity_id], a, written, document)
                    for a in by_entity.values()
                }
                replacement = forms.pop() if len(forms) == 1 else None
                alias = next(iter(by_entity.values()))
            if foreign and not self.canonical:
                if not self.rewrite_native:
                    replacement = None
                else:
                    cacheable = False
                    if quoted(context.text, start, end):
                        replacement = None
            decision = (entity_id, tuple(by_entity), alias.text, alias.origin, replacement)
        if cacheable:
            if len(self._decisions) >= _CACHE_SIZE:
                self._decisions.clear()
            self._decisions[written] = decision
        return decision

    def normalize(self, text: str, document: Document | None = None) -> Normalized:
        """Return ``text`` with every mention in house style, and the change log.

        Change offsets are per line (lines end at ``\\n``), numbered from 1.
        ``document`` carries what earlier texts of the same document settled:
        the form each entity is written in and the sense of ambiguous names.
        Without one, ``text`` is a document of its own.
        """
        out: list[str] = []
        changes: list[Change] = []
        unresolved: list[Unresolved] = []
        position = 0  # copied up to here
        counted = 0  # newlines counted up to here
        line = 1
        line_start = 0
        decided = self._decisions_in(text, document or Document())
        suggestions: list[Suggestion] = []
        if self.fuzzy:
            decided, suggestions = self.suggester.merge(text, decided)
        for start, end, (entity_id, candidates, _, rule, replacement) in decided:
            if replacement is None and entity_id is not None:
                continue  # in style: most mentions
            newlines = text.count("\n", counted, start)
            counted = start
            if newlines:
                line += newlines
                line_start = text.rfind("\n", 0, start) + 1
            if replacement is None:  # unresolved: more than one entity it may be
                unresolved.append(
                    Unresolved(
                        line, start - line_start, end - line_start, text[start:end], candidates
                    )
                )
                continue
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
            return Normalized(text, changes, unresolved, suggestions)
        out.append(text[position:])
        return Normalized("".join(out), changes, unresolved, suggestions)

    def _surname_of_someone(
        self, context: Context, start: int, written: str, aliases: tuple[Alias, ...]
    ) -> bool:
        """Tell whether a one-word place or organization name follows a given name.

        "Alexander Cherkassy" is a man, not the city of Cherkasy: after a given
        name the gazetteer knows, a name that no person of the gazetteer bears
        is a surname and is left as written. At a sentence's start, where a
        capital says nothing, a given name that is also a common word ("Will
        Kiev fall?", "Said Kiev officials") does not count.
        """
        text = context.text
        if start < 2 or text[start - 1] not in " \u00a0" or " " in written:
            return False
        # Most names follow a lower-case word ("in Kiev"): rule that out in C first,
        # looking back no further than a given name is long.
        low = max(0, start - 1 - _LONGEST_GIVEN_NAME)
        begin = 1 + max(text.rfind(" ", low, start - 1), text.rfind("\n", low, start - 1))
        if context.has_nbsp:
            begin = max(begin, 1 + text.rfind("\u00a0", low, start - 1))
        if (begin == 0 and low > 0) or not text[begin].isupper():
            return False
        before = context.word_before(start)
        if not before[:1].isupper() or fold(before) not in self.gazetteer.given_names:
            return False
        gazetteer = self.gazetteer
        if any(gazetteer[a.entity_id].is_person for a in aliases):
            return False
        begin = text.rfind(before, 0, start)
        return not (sentence_start(text, begin) and before.lower() in self._common_words())

    def _common_words(self) -> frozenset[str] | set[str]:
        if self._common is None:
            from normtk.gazetteer.stopwords import common_words, stopword_languages

            self._common = common_words(self.lang) if self.lang in stopword_languages() else set()
        return self._common

    def _foreign_word(self, alias: Alias, written: str) -> bool:
        """Tell whether another language's form is also an ordinary word of the copy's.

        Spanish "Seúl" (Seoul) is French "seul", French "Chili" (Chile) English
        "chili": at the start of a sentence, where a capital says nothing, they
        are not taken for the name ("Seul le président", "Chili con carne").
        """
        origin = alias.origin.removeprefix("surname=")
        if alias.kind not in {"name", "surname"} or not origin.startswith("form:"):
            return False
        if origin[5:].split("/")[0] == self.lang:
            return False
        return written.lower() in self._common_words()

    def _per_document(self, entity: Entity) -> bool:
        """Tell whether the document decides which of several style forms an entity takes.

        With ``keep_styled``, a transliteration's styles (Zelensky, Zelenskiy):
        the first the document writes. Not the names a style chooses between
        (``style_decides``: Czech Republic, Czechia): without a style each is
        left as written.
        """
        return (
            self.style is None
            and not self.canonical
            and self.keep_styled
            and not entity.style_decides
        )

    def _foreign(self, written: str, by_entity: dict[str, Alias]) -> bool:
        """Tell whether a name is written in another script than the copy's forms of it."""
        if _latin(written):
            return False
        entity = self.gazetteer[next(iter(by_entity))]
        part: Part = "surname" if entity.is_person else "name"
        return _latin(entity.form(part, self.lang))

    def _replacement(
        self, entity: Entity, alias: Alias, written: str, document: Document
    ) -> str | None:
        # Capitals the writer chose (KIEV) carry over; an alias's own (NATO) do not.
        shout = is_all_caps(written) and not is_all_caps(alias.text)
        if alias.kind == "abbr":
            if not self.canonical:
                return None
            form = entity.display_name(self.lang)
            return None if written == form else form
        if alias.kind == "full":
            first, last = (
                (alias.surname_len, alias.given_len)
                if alias.surname_first
                else (alias.given_len, alias.surname_len)
            )
            end = len(written) - last
            head, middle, tail = written[:first], written[first:end], written[end:]
            given, surname = (tail, head) if alias.surname_first else (head, tail)
            new_given = self._part_replacement(entity, "given", given, document, shout)
            new_surname = self._part_replacement(
                entity, "surname", surname, document, shout, full=True
            )
            if new_given is None and new_surname is None:
                return None
            if alias.surname_first:
                return f"{new_surname or surname}{middle}{new_given or given}"
            return f"{new_given or given}{middle}{new_surname or surname}"
        part: Part = "surname" if alias.kind == "surname" else "name"
        return self._part_replacement(entity, part, written, document, shout)

    def _part_replacement(
        self,
        entity: Entity,
        part: Part,
        written: str,
        document: Document,
        shout: bool,
        *,
        full: bool = False,
    ) -> str | None:
        """Return the form to write instead of ``written`` (``None``: it stays)."""

        def shaped(form: str) -> str:
            return form.upper() if shout else form

        style = self.style
        if self.canonical:
            target = entity.form(part, self.lang, None, full=full)
        else:
            accepted = entity.accepted(
                part, self.lang, style, full=full, keep_styled=self.keep_styled
            )
            matched = next((f for f in accepted if written == shaped(f)), None)
            if self._per_document(entity):
                key = (entity.id, f"{part}:full" if full else part)
                target = document.forms.setdefault(
                    key, matched or entity.form(part, self.lang, style, full=full)
                )
            elif matched is not None:
                return None
            else:
                target = entity.form(part, self.lang, style, full=full)
        return None if written == shaped(target) else shaped(target)


def _core(text: str) -> str:
    """Return ``text`` without the characters outside words at its ends ("U.S." → "U.S")."""
    start, end = 0, len(text)
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    return text[start:end]


def _latin(text: str) -> bool:
    return all(not c.isalpha() or ord(c) < 0x250 for c in text)
