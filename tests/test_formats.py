"""The format registry, XLIFF and TMX: reading, rewriting target text byte for byte, errors."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from normtk import Normalizer
from normtk.cli import main
from normtk.cli._options import InputFormat
from normtk.errors import InputError, UsageError
from normtk.io.corpus import read_corpus
from normtk.io.formats import INPUT_FORMATS, ReadOptions, detect_format, tmx, xliff
from normtk.rewrite import normalize_xliff

DATA = Path(__file__).resolve().parent / "data" / "formats"
XLIFF12 = DATA / "story-1.2.xlf"
XLIFF20 = DATA / "story-2.0.xlf"
TMX = DATA / "story.tmx"


def cli(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run ``normtk ARGS`` in this process and return its exit status."""
    monkeypatch.setattr(sys, "argv", ["normtk", *args])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


# -- the registry ----------------------------------------------------------------------


def test_cli_choices_come_from_the_registry() -> None:
    assert [member.value for member in InputFormat] == list(INPUT_FORMATS)
    assert INPUT_FORMATS == ("auto", "text", "tsv", "jsonl", "wmt-xml", "xliff", "tmx")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("story.xlf", "xliff"),
        ("STORY.XLIFF", "xliff"),
        ("job.sdlxliff", "xliff"),
        ("memory.tmx", "tmx"),
        ("wmttest2022.uk-en.all.xml", "wmt-xml"),
        ("scores.tsv.gz", "tsv"),
        ("story.en", "text"),
    ],
)
def test_detect_format(path: str, kind: str) -> None:
    assert detect_format(path) == kind


# -- XLIFF: rewriting ------------------------------------------------------------------

EXPECTED_CHANGES_12 = [
    ("167", 10, "Kiev region", "Kyiv Oblast"),
    ("205", 14, "Kiev", "Kyiv"),
    ("597", 23, "Kiev", "Kyiv"),
    ("1339", 32, "Kiev", "Kyiv"),
]
EXPECTED_CHANGES_20 = [
    ("244", "s1", 11, "Kiev", "Kyiv"),
    ("605", "s1", 17, "Kiev", "Kyiv"),
    ("597-599", "a", 23, "Kiev", "Kyiv"),
]


@pytest.mark.parametrize("name", ["story-1.2", "story-2.0"])
def test_normalize_xliff_equals_the_hand_written_output(en: Normalizer, name: str) -> None:
    result = normalize_xliff(en, str(DATA / f"{name}.xlf"))
    expected = (DATA / f"{name}.expected.xlf").read_bytes()
    assert result.text.encode("utf-8") == expected


def test_change_log_names_units_and_lines_12(en: Normalizer) -> None:
    records = normalize_xliff(en, str(XLIFF12)).changes
    assert [(r["unit"], r["line"], r["original"], r["replacement"]) for r in records] == (
        EXPECTED_CHANGES_12
    )
    assert records[0] == {
        "file": str(XLIFF12),
        "unit": "167",
        "line": 10,
        "start": 64,
        "end": 75,
        "original": "Kiev region",
        "replacement": "Kyiv Oblast",
        "entity": "kyiv-oblast",
        "rule": "region:{} region",
    }


def test_change_log_names_units_segments_and_lines_20(en: Normalizer) -> None:
    records = normalize_xliff(en, str(XLIFF20)).changes
    assert [
        (r["unit"], r["segment"], r["line"], r["original"], r["replacement"]) for r in records
    ] == EXPECTED_CHANGES_20


@pytest.mark.parametrize("path", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_output_differs_only_inside_reported_spans(en: Normalizer, path: Path) -> None:
    before = path.read_bytes().split(b"\n")
    result = normalize_xliff(en, str(path))
    after = result.text.encode("utf-8").split(b"\n")
    assert len(after) == len(before)
    by_line: dict[int, list[tuple[bytes, bytes]]] = {}
    for r in result.changes:
        by_line.setdefault(r["line"], []).append(
            (r["original"].encode(), r["replacement"].encode())
        )
    pairs = list(zip(before, after, strict=True))
    changed = [n for n, (old, new) in enumerate(pairs, start=1) if old != new]
    assert changed == sorted(by_line)
    for number in changed:
        old, new = before[number - 1], after[number - 1]
        prefix = _common(old, new)
        suffix = _common(old[prefix:][::-1], new[prefix:][::-1])
        middle = (old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])
        # The one differing stretch of the line lies inside the change reported there.
        assert any(
            middle[0] in original and middle[1] in replacement
            for original, replacement in by_line[number]
        )
    # The output is well-formed XML with the same sources, alt-trans and tags.
    tree_before = etree.fromstring(path.read_bytes())
    tree_after = etree.fromstring(result.text.encode("utf-8"))
    ns = tree_before.nsmap[None]
    sources = [etree.tostring(e) for e in tree_before.iter(f"{{{ns}}}source")]
    assert [etree.tostring(e) for e in tree_after.iter(f"{{{ns}}}source")] == sources
    tags = [e.tag for e in tree_before.iter()]
    assert [e.tag for e in tree_after.iter()] == tags


def _common(a: bytes, b: bytes) -> int:
    """Return the length of the common prefix of ``a`` and ``b``."""
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


def test_split_protected_and_untranslatable_text_is_left_alone(en: Normalizer) -> None:
    out12 = normalize_xliff(en, str(XLIFF12)).text
    assert 'from Ki<g id="3">ev</g> for the second day' in out12
    assert 'including in <mrk mtype="protected">Kiev</mrk>,' in out12
    assert "<target>President Volodymyr Zelensky</target>" in out12
    assert "his husband was transferred from Kiev today" in out12  # alt-trans
    out20 = normalize_xliff(en, str(XLIFF20)).text
    assert 'including in K<sc id="3"/>iev<ec startRef="3"/>,' in out20
    assert '<mrk id="m1" translate="no">Kiev regime</mrk>' in out20
    assert "<target> Kiev </target>" in out20  # <ignorable>
    assert out20.startswith('<?xml version="1.0" encoding="UTF-8"?>\r\n<xliff ')


def test_source_is_never_rewritten(en: Normalizer) -> None:
    data = (
        b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        b'<file original="a" source-language="en-US" target-language="en-GB"><body>'
        b'<trans-unit id="1"><source>Talks in Kiev &amp; Lugansk</source>'
        b"<target>Talks in Kiev &amp; Lugansk</target></trans-unit></body></file></xliff>"
    )
    result = normalize_xliff(en, "a.xlf", data)
    assert result.text == (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="en-US" target-language="en-GB"><body>'
        '<trans-unit id="1"><source>Talks in Kiev &amp; Lugansk</source>'
        "<target>Talks in Kyiv &amp; Luhansk</target></trans-unit></body></file></xliff>"
    )


def test_replacements_are_escaped(en: Normalizer) -> None:
    # A target whose name sits next to references: offsets map through them.
    data = (
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="uk" '
        'trgLang="en"><file id="f"><unit id="u"><segment><source>Київ</source>'
        "<target>&#x4B;iev &lt;&gt; Kiev&#39;s</target></segment></unit></file></xliff>"
    ).encode()
    result = normalize_xliff(en, "a.xlf", data)
    assert [(r["start"], r["end"], r["original"]) for r in result.changes] == [
        (0, 4, "Kiev"),
        (8, 12, "Kiev"),
    ]
    assert "<target>Kyiv &lt;&gt; Kyiv&#39;s</target>" in result.text


@pytest.mark.parametrize("path", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_normalizing_twice_equals_once(en: Normalizer, path: Path) -> None:
    once = normalize_xliff(en, str(path))
    twice = normalize_xliff(en, "again.xlf", once.text.encode("utf-8"))
    assert twice.text == once.text
    assert twice.changes == []


@pytest.mark.parametrize("path", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_change_log_restores_the_input_targets(en: Normalizer, path: Path) -> None:
    """Round trip: the output's targets and the change log give the input's targets back."""
    result = normalize_xliff(en, str(path))
    before = xliff.edit(str(path)).targets
    after = xliff.edit("out.xlf", result.text.encode("utf-8")).targets
    for old, new in zip(before, after, strict=True):
        changes = [
            r
            for r in result.changes
            if (r["unit"], r.get("segment"))
            == (
                old.unit,
                old.segment,
            )
        ]
        text = new.text
        # Offsets count in the input's text: restored left to right, each one is in place.
        for change in sorted(changes, key=lambda r: r["start"]):
            start = change["start"]
            text = text[:start] + change["original"] + text[start + len(change["replacement"]) :]
        assert text == old.text


def test_cli_normalize_xliff_in_place_and_output(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.xlf"
    story.write_bytes(XLIFF12.read_bytes())
    out = tmp_path / "out.xlf"
    log = tmp_path / "changes.jsonl"
    status = cli(capfd, monkeypatch, "normalize", "--lang", "en", str(story), "-o", str(out))
    assert status == 0
    assert out.read_bytes() == (DATA / "story-1.2.expected.xlf").read_bytes()
    assert story.read_bytes() == XLIFF12.read_bytes()
    args = ("normalize", "--lang", "en", "--in-place", str(story), "--changes", str(log))
    assert cli(capfd, monkeypatch, *args) == 0
    assert story.read_bytes() == (DATA / "story-1.2.expected.xlf").read_bytes()
    assert log.read_text(encoding="utf-8").count('"unit": ') == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.jsonl", "out.xlf", "story.xlf"]


def test_cli_normalize_refuses_two_xliff_inputs_to_one_output(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(capfd, monkeypatch, "normalize", str(XLIFF12), str(XLIFF20)) == 2
    assert capfd.readouterr().err == (
        "normtk: error: an XLIFF output holds one file: give one input, or rewrite each "
        "with --in-place\n"
    )


# -- XLIFF and TMX: reading --------------------------------------------------------------


def _lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def test_read_xliff_12_with_references_by_id_or_by_line() -> None:
    by_id = read_corpus([str(XLIFF12)], [str(DATA / "story-1.2.ref.xlf")])
    by_line = read_corpus([str(XLIFF12)], [str(DATA / "story-1.2.ref.en")])
    assert by_id.hyps == {"story-1.2": _lines("story-1.2.hyp.en")}
    assert by_id.refs == by_line.refs == [_lines("story-1.2.ref.en")]
    assert by_id.seg_ids == ["167", "205", "209", "597", "599", "1339"]
    assert by_id.doc_ids == ["generaltest2022.uk-en"] * 6
    assert (by_id.src_lang, by_id.tgt_lang) == ("uk", "en")
    assert len(by_id.src) == 6  # type: ignore[arg-type]
    assert by_id.src[2] == "Я вивіз дітей і літніх батьків з Києва на другий день війни."


def test_read_xliff_20_segments() -> None:
    corpus = read_corpus([str(XLIFF20)])
    assert corpus.seg_ids == ["244", "605", "597-599:a", "597-599:b"]
    assert corpus.hyps["story-2.0"][2] == (
        'Russian army threatens to launch missile strikes in Kiev: they say "not previously '
        'done so"'
    )
    assert corpus.hyps["story-2.0"][3].startswith("If such cases last,")
    assert "including in Kiev, from which the Kiev regime" in corpus.hyps["story-2.0"][3]


def test_read_tmx_picks_variants_by_language() -> None:
    corpus = read_corpus([str(TMX)], [str(DATA / "story.ref.en")], lang="en", src_lang="uk")
    hyp = _lines("story-1.2.hyp.en")
    assert corpus.hyps == {"story": [hyp[0], hyp[1], hyp[2], hyp[5]]}
    assert len(corpus.src) == 4  # type: ignore[arg-type]
    assert corpus.src[0].startswith("Як повідомляв Укрінформ")
    assert (corpus.src_lang, corpus.tgt_lang) == ("uk", "en")
    assert corpus.seg_ids == ["167", "205", "209", "1339"]


def test_read_tmx_without_the_variant() -> None:
    with pytest.raises(InputError) as info:
        tmx.read(str(TMX), ReadOptions(lang="de"))
    assert str(info.value) == f"{TMX}:6: unit 167 has no de variant (uk-UA, en-US)"


def test_xliff_refuses_a_source_file() -> None:
    with pytest.raises(UsageError, match="holds its own source"):
        read_corpus([str(XLIFF12)], src=str(DATA / "story-1.2.ref.en"))


def test_cli_score_reads_xliff_and_tmx(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sacrebleu

    hyp, ref = _lines("story-1.2.hyp.en"), _lines("story-1.2.ref.en")
    bleu = sacrebleu.corpus_bleu(hyp, [ref]).score
    args = ("score", str(XLIFF12), "-r", str(DATA / "story-1.2.ref.xlf"), "-m", "bleu")
    assert cli(capfd, monkeypatch, *args, "--format", "tsv") == 0
    assert f"{bleu:.2f}" in capfd.readouterr().out
    tmx_bleu = sacrebleu.corpus_bleu([hyp[0], hyp[1], hyp[2], hyp[5]], [_lines("story.ref.en")])
    args = ("score", str(TMX), "-r", str(DATA / "story.ref.en"), "-m", "bleu", "--lang", "en")
    assert cli(capfd, monkeypatch, *args, "--format", "tsv") == 0
    assert f"{tmx_bleu.score:.2f}" in capfd.readouterr().out


def test_cli_check_reads_tmx(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("check", "--hyp", str(TMX), "--src-lang", "uk", "--lang", "en", "--format", "jsonl")
    assert cli(capfd, monkeypatch, *args) == 0
    out = capfd.readouterr().out
    assert [line.split('"text": ')[1].split(",")[0] for line in out.splitlines()] == [
        '"Kiev region"',
        '"Kiev"',
        '"Kiev"',
        '"Kiev"',
    ]


# -- bad input ---------------------------------------------------------------------------

BAD = DATA / "bad"
ERRORS = {
    "malformed": "6: not valid XML: Opening and ending tag mismatch: g line 6 and target",
    "no-target": "8: unit 209 has no <target>",
    "version-1.1": "2: unknown XLIFF version '1.1' (supported: 1.2, 2.0, 2.1, 2.2)",
    "billion-laughs": "2: a document type with an internal subset (entity declarations) "
    "is not accepted",
}


@pytest.mark.parametrize("name", list(ERRORS))
@pytest.mark.parametrize("command", ["normalize", "score", "check"])
def test_bad_xliff_is_one_line_with_file_and_line(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    command: str,
) -> None:
    path = str(BAD / f"{name}.xlf")
    out = tmp_path / "out.xlf"
    args = {
        "normalize": ("normalize", path, "-o", str(out)),
        "score": ("score", path, "-r", str(DATA / "story.ref.en")),
        "check": ("check", "--hyp", path),
    }[command]
    assert cli(capfd, monkeypatch, *args) == 2
    assert capfd.readouterr().err == f"normtk: error: {path}:{ERRORS[name]}\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_billion_laughs_is_refused_before_parsing() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="internal subset"):
        xliff.edit(str(BAD / "billion-laughs.xlf"))
    assert time.perf_counter() - start < 1.0


def test_entity_references_without_declaration_are_malformed() -> None:
    data = b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n&ext;</xliff>'
    with pytest.raises(InputError, match=r"^a\.xlf:2: not valid XML: Entity 'ext' not defined"):
        xliff.edit("a.xlf", data)


# -- the lexer against lxml --------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from([*"Kiev Луганськ&<>\"'\r\n\t]", "é", "🙂"]), max_size=12)


@st.composite
def _piece(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """Return a piece of target content as (XML, its text), drawn from XLIFF 1.2 markup."""
    kind = draw(st.sampled_from(["text", "text", "cdata", "g", "x", "bpt", "comment", "ref"]))
    if kind == "text":
        text = draw(_TEXT)
        xml = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return xml, text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "cdata":
        text = draw(_TEXT).replace("]", "")
        return f"<![CDATA[{text}]]>", text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "g" and depth < 2:
        inner = draw(st.lists(_piece(depth + 1), max_size=3))
        return (
            "<g id=\"1\" ctype='bold'>" + "".join(x for x, _ in inner) + "</g >",
            "".join(t for _, t in inner),
        )
    if kind == "bpt":
        return '<bpt id="2">&lt;b class="a&gt;b"&gt;</bpt>', ""
    if kind == "comment":
        return "<!-- Kiev -> Kyiv -->", ""
    if kind == "ref":
        return "&#x4B;&#105;&quot;", 'Ki"'
    return '<x id="3"/>', ""


def _document(target: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="f" source-language="uk" target-language="en"><body>\n'
        '<trans-unit id="u"><source>Київ</source><target xml:lang="en">'
        f"{target}</target></trans-unit>\n</body></file></xliff>\n"
    ).encode()


@settings(max_examples=300, deadline=None)
@given(st.lists(_piece(), max_size=6), st.data())
def test_lexer_finds_the_text_lxml_reads(
    pieces: list[tuple[str, str]], data: st.DataObject
) -> None:
    document = _document("".join(xml for xml, _ in pieces))
    opened = xliff.edit("p.xlf", document)
    (target,) = opened.targets
    assert target.text == "".join(text for _, text in pieces)
    editable = [run for run in target.runs if run.end > run.start and not run.cdata]
    if not editable:
        return
    run = data.draw(st.sampled_from(editable))
    start = data.draw(st.integers(run.start, run.end - 1))
    end = data.draw(st.integers(start + 1, run.end))
    splice = target.splice(start, end, "K&<y>")
    assert splice is not None
    out = opened.apply([splice]).encode("utf-8")
    (reread,) = xliff.edit("q.xlf", out).targets
    assert reread.text == target.text[:start] + "K&<y>" + target.text[end:]
    head, tail = document.decode()[: splice.start], document.decode()[splice.end :]
    assert out.decode().startswith(head)
    assert out.decode().endswith(tail)


def test_cli_normalize_xliff_from_stdin(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stdin:
        buffer = io.BytesIO(XLIFF20.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert cli(capfd, monkeypatch, "normalize", "--input-format", "xliff", "-") == 0
    expected = (DATA / "story-2.0.expected.xlf").read_bytes()
    assert capfd.readouterr().out.encode("utf-8") == expected


def test_several_xliff_systems_are_aligned_by_unit_id() -> None:
    corpus = read_corpus([str(XLIFF12), str(DATA / "story-1.2.ref.xlf")])
    assert corpus.hyps == {
        "story-1.2": _lines("story-1.2.hyp.en"),
        "story-1.2.ref": _lines("story-1.2.ref.en"),
    }


def test_xliff_in_another_encoding_is_read_but_not_rewritten() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="fr" target-language="en"><body>'
        '<trans-unit id="1"><source>café à Kiev</source><target>café in Kiev</target>'
        "</trans-unit></body></file></xliff>\n"
    ).encode("latin-1")
    with pytest.raises(InputError) as info:
        xliff.edit("latin.xlf", data)
    assert str(info.value) == (
        "latin.xlf:1: only UTF-8 XML can be rewritten byte for byte, not ISO-8859-1; "
        "convert it to UTF-8"
    )


def test_xliff_20_span_markers_protect_text(en: Normalizer) -> None:
    data = (
        '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="uk" '
        'trgLang="en"><file id="f"><unit id="u"><segment><source>Київ</source><target>'
        'Kiev: <sm id="m1" translate="no"/>the Kiev regime<em startRef="m1"/>, said Kiev'
        "</target></segment></unit></file></xliff>"
    ).encode()
    result = normalize_xliff(en, "a.xlf", data)
    assert [(r["start"], r["original"]) for r in result.changes] == [(0, "Kiev"), (28, "Kiev")]
    assert (
        '<target>Kyiv: <sm id="m1" translate="no"/>the Kiev regime<em startRef="m1"/>, said Kyiv'
        "</target>"
    ) in result.text
