"""Invariants of the checker for any text: no crash, spans that point at what they say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normtk import Gazetteer
from normtk.qa import Checker, extract_numbers, unbalanced
from normtk.source.finder import SourceFinder

_GAZETTEER = Gazetteer.load()
_CHECKER = Checker(_GAZETTEER, "en", src_lang="uk")
_FINDERS = [SourceFinder(_GAZETTEER, lang) for lang in ("uk", "ru")]

# Text built from names in both scripts, numbers in every convention, quotes and
# arbitrary Unicode, so boundaries, separators and offsets get exercised.
_pieces = st.sampled_from(
    [
        "Kiev", "Kyiv", "Києві", "Києвом", "Киеве", "Путіна", "Зеленського", "Луганськ",
        "1 500", "1,500", "1.5", "2,5", "17:00", "17: 00", "21.03.2022", "04.2022", "5 млн",
        "two million", "второго", "G-7", "S1000 130x185", "1920s", "«", "»", "“", "”", '"',
        "(", ")", "[", "‘", "’", " ", "\n", ", ", "İ", "\u0301", "-", "'",
    ]
)  # fmt: skip
texts = st.lists(_pieces | st.text(max_size=5), max_size=14).map("".join) | st.text()
lines = texts.map(lambda t: t.replace("\n", " "))


@settings(max_examples=300, deadline=None)
@given(lines, lines, lines)
def test_findings_point_at_their_text(hyp: str, ref: str, src: str) -> None:
    for finding in _CHECKER.check_texts([hyp], ref=[ref], src=[src]):
        assert 0 <= finding.start <= finding.end <= len(hyp)
        assert hyp[finding.start : finding.end] == finding.text
        assert finding.severity in {"error", "warning", "info"}


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(["en", "uk", "es"]), st.booleans())
def test_numbers_point_at_their_text(text: str, lang: str, lenient: bool) -> None:
    for number in extract_numbers(text, lang, lenient=lenient):
        assert text[number.start : number.end] == number.text
        assert number.values


@settings(max_examples=300, deadline=None)
@given(texts)
def test_source_mentions_point_at_their_text(text: str) -> None:
    for finder in _FINDERS:
        for mention in finder.find(text):
            assert text[mention.start : mention.end] == mention.text
            assert mention.candidates


@settings(max_examples=300, deadline=None)
@given(texts)
def test_unbalanced_positions_are_quote_or_bracket(text: str) -> None:
    for _family, position in unbalanced(text):
        assert text[position] in '()[]«»‹›“”„"‘'
