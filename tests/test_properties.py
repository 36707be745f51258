"""Invariants for any text: lossless change log, idempotence, exact offsets, no crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normtk import Gazetteer, Normalizer, restore
from normtk.folding import fold, is_word_char

_GAZETTEER = Gazetteer.load()
_NORMALIZERS = [
    Normalizer(_GAZETTEER, lang, style)
    for lang, style in [("en", None), ("en", "ap"), ("en", "nyt"), ("de", None), ("fr", None)]
]
_ALIASES = sorted({alias.text for alias in _GAZETTEER.aliases()})

# Text built around real aliases, in all the shapes they are met in, glued
# with arbitrary Unicode so boundaries, case and offsets get exercised.
_alias_shapes = st.sampled_from(_ALIASES).flatmap(
    lambda a: st.sampled_from([a, a.upper(), a.lower(), a + "'s", a + "-based", "«" + a + "»"])
)
_glue = st.text(max_size=6) | st.sampled_from([" ", ", ", "\n", " İ ", "’", "-", "о"])
texts = st.lists(_alias_shapes | _glue, max_size=12).map("".join) | st.text()
normalizers = st.sampled_from(_NORMALIZERS)


@settings(max_examples=400, deadline=None)
@given(normalizers, texts)
def test_change_log_restores_input(normalizer: Normalizer, text: str) -> None:
    result = normalizer.normalize(text)
    assert restore(result.text, result.changes) == text


@settings(max_examples=400, deadline=None)
@given(normalizers, texts)
def test_idempotent(normalizer: Normalizer, text: str) -> None:
    once = normalizer.normalize(text).text
    twice = normalizer.normalize(once)
    assert twice.text == once
    assert twice.changes == []


@settings(max_examples=300, deadline=None)
@given(normalizers, texts)
def test_only_reported_spans_change(normalizer: Normalizer, text: str) -> None:
    result = normalizer.normalize(text)
    lines = text.split("\n")
    for change in result.changes:
        assert lines[change.line - 1][change.start : change.end] == change.original
        assert change.original != change.replacement
    assert result.text.count("\n") == text.count("\n")


@settings(max_examples=300, deadline=None)
@given(normalizers, texts)
def test_mentions_point_into_text(normalizer: Normalizer, text: str) -> None:
    for mention in normalizer.find(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.entity_id is not None or len(mention.candidates) > 1


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def _naive_match_key(text: str) -> str:
    from normtk.folding import _fold_char, is_word_char

    return "".join(_fold_char(c) if is_word_char(c) else " " for c in text)


@settings(max_examples=500)
@given(
    st.text()
    | texts
    | st.text(alphabet="ab’—«»“éşİКиїв '-\n", max_size=80)
    # Long enough, with enough letters outside ASCII, to take the whole-text translate.
    | st.text(alphabet="a?КиЇ ’", min_size=100, max_size=400)
)
def test_match_key_equals_naive_reference(text: str) -> None:
    from normtk.folding import match_key

    assert match_key(text) == _naive_match_key(text)


# Region names in every shape they are met in: any spelling of the centre in
# any region phrase, in either order, with a no-break space, in capitals,
# possessive. One pass must reach the region's form: a second changes nothing.
_REGIONS = [e for e in _GAZETTEER if e.named_after]
_PHRASES = sorted({p for lang in _GAZETTEER.languages.values() for p in lang.region_phrases})


@st.composite
def region_phrases(draw: st.DrawFn) -> tuple[str, str]:
    region = draw(st.sampled_from(_REGIONS))
    centre = _GAZETTEER[str(region.named_after)]
    spellings = sorted(
        a.text
        for a in centre.aliases(_GAZETTEER.generated.get(centre.id))
        if a.kind == "name" and a.text.isascii()
    )
    phrase = draw(st.sampled_from(_PHRASES)).format(draw(st.sampled_from(spellings)))
    phrase = phrase.replace(" ", draw(st.sampled_from([" ", "\u00a0"])))
    phrase = draw(st.sampled_from([phrase, phrase.upper()]))
    return region.id, phrase + draw(st.sampled_from(["", "'s", "’s"]))


@settings(max_examples=400, deadline=None)
@given(normalizers, region_phrases(), st.sampled_from(["{}", "In the {} fighting", "{}, said"]))
def test_region_phrases_name_the_region_idempotently(
    normalizer: Normalizer, region: tuple[str, str], carrier: str
) -> None:
    region_id, phrase = region
    text = carrier.format(phrase)
    assert [m.entity_id for m in normalizer.find(text)] == [region_id]
    once = normalizer.normalize(text).text
    assert normalizer.normalize(once).text == once
    assert [m.entity_id for m in normalizer.find(once)] == [region_id]


# One entity, one spelling: any two aliases of an entity, of the same kind, in the
# same sentence, read the same once every name is in its canonical form, and score
# BLEU 100 against each other with entities normalized.
def _pairable() -> dict[tuple[str, str], list[str]]:
    english = Normalizer(_GAZETTEER, "en")
    owners: dict[str, set[str]] = {}
    kept = {fold(a.text) for a in _GAZETTEER.aliases() if a.kind == "keep"}
    for alias in _GAZETTEER.aliases():
        owners.setdefault(fold(alias.text), set()).add(alias.entity_id)
    groups: dict[tuple[str, str], list[str]] = {}
    for alias in _GAZETTEER.aliases():
        key = fold(alias.text)
        if alias.kind == "keep" or key in _GAZETTEER.ambiguities or len(owners[key]) > 1:
            continue
        if key in kept:
            continue  # Spanish "El Cairo" is also a keep-phrase ("el Cairo"): never a rewrite
        if not (is_word_char(alias.text[0]) and is_word_char(alias.text[-1])):
            continue  # "Azovstal'": a match ends at the word, the apostrophe stays
        if english._foreign_word(alias, alias.text):
            continue  # French "Chili" (Chile) is English chili at a sentence's start: no name
        kind = "name" if alias.kind == "abbr" else alias.kind
        groups.setdefault((alias.entity_id, kind), []).append(alias.text)
    return {k: sorted(set(v)) for k, v in groups.items() if len(set(v)) > 1}


_PAIRABLE = _pairable()
_CANONICAL = Normalizer(_GAZETTEER, "en", canonical=True)


@st.composite
def alias_pairs(draw: st.DrawFn) -> tuple[str, str]:
    group = draw(st.sampled_from(sorted(_PAIRABLE)))
    first, second = draw(st.lists(st.sampled_from(_PAIRABLE[group]), min_size=2, max_size=2))
    return first, second


@settings(max_examples=300, deadline=None)
@given(
    alias_pairs(),
    st.sampled_from(
        [
            "Talks with {} went on as planned.",
            "{} said on Monday that talks went on.",
            "In «{}», the talks went on.",
        ]
    ),
)
def test_two_spellings_of_one_entity_compare_equal(pair: tuple[str, str], carrier: str) -> None:
    from normtk.score import Scorer

    first, second = (carrier.format(name) for name in pair)
    assert _CANONICAL.normalize(first).text == _CANONICAL.normalize(second).text
    scorer = Scorer([[second]], ["bleu"], normalizer=Normalizer(_GAZETTEER, "en"))
    report = scorer.score({"s": [first]})
    assert report.systems[0].views["entities"]["BLEU"].score == pytest.approx(100.0)
