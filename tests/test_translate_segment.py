"""Wire conventions of translation: datelines, slugs, sign-offs, sentences (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normtk.translate import segment
from normtk.translate.translator import Translator

# (line, the dateline a wire editor would mark by hand) — written from agency style guides:
# Reuters "CITY, Month Day (Reuters) -", AP "CITY (AP) —", EFE "Ciudad, día mes (EFE).-".
DATELINES = [
    ("KYIV, March 21 (Reuters) - Talks resumed.", "KYIV, March 21 (Reuters) - "),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) — "),
    ("Moscú, 21 mar (EFE).- El Kremlin dijo.", "Moscú, 21 mar (EFE).- "),
    ("KIEV, 21 de marzo – Las conversaciones siguen.", "KIEV, 21 de marzo – "),
    (
        "ST. PETERSBURG, Russia, March 3 (Reuters) - A fire.",
        "ST. PETERSBURG, Russia, March 3 (Reuters) - ",
    ),
    ("UKRAINE SAYS 5 KILLED - officials", ""),
    ("Kyiv and Moscow said on Monday, March 3 - nothing", ""),
    ("NEW YORK, Jan. 5 (AP) — Stocks rose.", "NEW YORK, Jan. 5 (AP) — "),
    ("LUHANSK (Agency) -- Shelling went on.", "LUHANSK (Agency) -- "),
    # Not datelines: no date or agency, a date without a digit, a place not in capitals.
    ("NATO - the alliance said.", ""),
    ("NATO, the alliance – said it.", ""),
    ("Kyiv, March 21 - talks resumed.", ""),
    ("The talks – in Kyiv – resumed.", ""),
    ("", ""),
]


@pytest.mark.parametrize(("line", "dateline"), DATELINES)
def test_dateline(line: str, dateline: str) -> None:
    assert line[: segment.dateline_length(line)] == dateline


@pytest.mark.parametrize(
    ("line", "slug"),
    [
        ("UKRAINE-CRISIS/KREMLIN", True),
        ("  UKRAINE-CRISIS/KREMLIN  ", True),
        ("BC-EU--Russia-Ukraine", True),
        ("RUSSIA_TALKS", True),
        ("UKRAINE", False),  # one word: a headline or a name, translated
        ("Anti-war", False),
        ("UKRAINE-CRISIS/KREMLIN says talks stall", False),
        ("mos/jgb", False),
        ("", False),
    ],
)
def test_slug(line: str, slug: bool) -> None:
    assert segment.is_slug(line) is slug


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Kuleba spoke. He left!", ["Mr. Kuleba spoke.", "He left!"]),
        ("Talks on Jan. 5 failed. Then what?", ["Talks on Jan. 5 failed.", "Then what?"]),
        ("J. R. Smith came. 300 died.", ["J. R. Smith came.", "300 died."]),
        ("He said “no.” Then left.", ["He said “no.”", "Then left."]),
        (
            "Prices rose 3.5% today. ¿Por qué? Nadie sabe.",
            ["Prices rose 3.5% today.", "¿Por qué?", "Nadie sabe."],
        ),
        ("e.g. this stays one. ok", ["e.g. this stays one. ok"]),
        ("Order No. 5 was signed. It took effect.", ["Order No. 5 was signed.", "It took effect."]),
        ("Зеленский сказал. Кулеба ответил.", ["Зеленский сказал.", "Кулеба ответил."]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    pieces = segment.split_sentences(text)
    assert [p.text for p in pieces if p.translate] == sentences
    assert "".join(p.text for p in pieces) == text


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "UKRAINE-CRISIS/KREMLIN",
        "KYIV, March 21 (Reuters) - Talks in Kiev went on. Mr. Çavusoglu said “no”.  ",
        "  Зеленский встретился с Кулебой. mos/jgb",
        "date 2022-03-21 Moscow, 21 Mar Progress is slow. CHIEF mos/jgb",
        "\tTabs\tinside. And  double  spaces.\r",
    ],
)
def test_pieces_rebuild_the_line(line: str) -> None:
    assert "".join(p.text for p in segment.pieces(line)) == line


class Marking(Translator):
    """A Translator whose "model" wraps each sentence in brackets, to see what it was given."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.calls: list[list[str]] = []

    def translate_sentences(self, sentences: object) -> list[str]:
        batch = list(sentences)  # type: ignore[call-overload]
        self.calls.append(batch)
        return [f"[{s}]" for s in batch]


# What reaches the model and what is copied, decided by hand for each line of a wire story.
STORY = [
    ("UKRAINE-CRISIS/KREMLIN\n", "UKRAINE-CRISIS/KREMLIN\n"),
    ("\n", "\n"),
    (
        "KYIV, March 21 (Reuters) - Talks went on. Mr. Peskov said so.\n",
        "KYIV, March 21 (Reuters) - [Talks went on.] [Mr. Peskov said so.]\n",
    ),
    ("   \n", "   \n"),
    ("  Зеленский ответил. mos/jgb\n", "  [Зеленский ответил.] mos/jgb\n"),
    ("(Reporting by Olena Harmash)", "[(Reporting by Olena Harmash)]"),
]


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_translate_lines_copies_wire_furniture(batch_size: int) -> None:
    translator = Marking(batch_size)
    out = list(translator.translate_lines(line for line, _ in STORY))
    assert out == [expected for _, expected in STORY]
    sent = [s for call in translator.calls for s in call]
    assert sent == [
        "Talks went on.",
        "Mr. Peskov said so.",
        "Зеленский ответил.",
        "(Reporting by Olena Harmash)",
    ]


def test_wire_docstring_examples() -> None:
    # normtk.translate is left out of test_doctests (it needs the extra); wire does not.
    import doctest

    result = doctest.testmod(segment)
    assert result.attempted >= 5
    assert result.failed == 0


@given(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=200))
def test_pieces_rebuild_any_line(line: str) -> None:
    parts = segment.pieces(line)
    assert "".join(p.text for p in parts) == line
    assert all(p.text for p in parts)
    # What the model gets never carries the line's outer whitespace.
    assert all(p.text == p.text.strip() for p in parts if p.translate)


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=60), max_size=30),
    st.booleans(),
    st.integers(min_value=1, max_value=5),
)
def test_one_output_line_per_input_line(texts: list[str], last_newline: bool, batch: int) -> None:
    lines = [t + "\n" for t in texts]
    if lines and not last_newline:
        lines[-1] = lines[-1][:-1]
    translator = Marking(batch)
    out = list(translator.translate_lines(lines))
    assert len(out) == len(lines)
    for source, target in zip(lines, out, strict=True):
        assert target.endswith("\n") == source.endswith("\n")
        assert "\n" not in target.rstrip("\n")
        # Each line is its copied pieces with every sentence marked once, in order.
        expected = "".join(
            f"[{p.text}]" if p.translate else p.text for p in segment.pieces(source.rstrip("\n"))
        )
        assert target.rstrip("\n") == expected
