"""Bad input to `normtk score`: one-line errors naming the thing, non-zero exit, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, run_cli

XML = DATA / "wmt22" / "xml" / "wmttest2022.uk-en.all.xml"


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def mismatched(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\ntwo\nthree\n")
    hyp = _write(tmp / "sys.en", b"one\ntwo\n")
    return ["--ref", ref, hyp], [ref, "3 lines", hyp, "has 2"]


def mismatched_refs(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\ntwo\n")
    ref2 = _write(tmp / "ref2.en", b"one\n")
    hyp = _write(tmp / "sys.en", b"one\ntwo\n")
    return ["--ref", ref, "--ref", ref2, hyp], [ref, ref2, "2 lines", "has 1"]


def empty_hyp(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\n")
    hyp = _write(tmp / "sys.en", b"")
    return ["--ref", ref, hyp], [hyp, "empty file"]


def empty_ref(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"")
    hyp = _write(tmp / "sys.en", b"one\n")
    return ["--ref", ref, hyp], [ref, "empty file"]


def directory_hyp(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\n")
    folder = tmp / "outputs"
    folder.mkdir()
    return ["--ref", ref, str(folder)], [str(folder), "is a directory"]


def directory_ref(tmp: Path) -> tuple[list[str], list[str]]:
    hyp = _write(tmp / "sys.en", b"one\n")
    return ["--ref", str(tmp), hyp], [str(tmp), "is a directory"]


def invalid_utf8(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\ntwo\n")
    # line 2 starts at byte 4; the bad byte is the 3rd of that line: offset 6
    hyp = _write(tmp / "sys.en", b"one\ntw\xffo\n")
    return ["--ref", ref, hyp], [f"{hyp}:2:", "invalid UTF-8", "byte 6"]


def missing_file(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\n")
    return ["--ref", ref, str(tmp / "nope.en")], [str(tmp / "nope.en"), "no such file"]


def xml_missing_system(tmp: Path) -> tuple[list[str], list[str]]:
    return [str(XML), "--system", "NoSuchSystem"], [str(XML), "'NoSuchSystem'", "Online-G"]


def xml_empty(tmp: Path) -> tuple[list[str], list[str]]:
    xml = _write(tmp / "test.xml", b"")
    return [xml], [xml, "empty file"]


def xml_broken(tmp: Path) -> tuple[list[str], list[str]]:
    xml = _write(tmp / "test.xml", b"<dataset><doc id='a'><src lang='uk'>")
    return [xml], [xml, "not valid XML"]


def _wmt(
    src: str, ref: str = '<seg id="1">Kyiv</seg>', hyp: str = '<seg id="1">Kiev</seg>'
) -> bytes:
    """A small WMT XML test set with one document; each side given as its segments."""
    sides = [
        f'<src lang="uk"><p>{src}</p></src>' if src else "",
        f'<ref lang="en" translator="A"><p>{ref}</p></ref>',
        f'<hyp system="S" lang="en"><p>{hyp}</p></hyp>',
    ]
    lines = ['<dataset id="t">', '<collection id="general">', '<doc id="d1">']
    lines += [side for side in sides if side]
    lines += ["</doc>", "</collection>", "</dataset>"]
    return "".join(line + "\n" for line in lines).encode()


def xml_without_src(tmp: Path) -> tuple[list[str], list[str]]:
    xml = _write(tmp / "test.xml", _wmt(""))
    return [xml], [f"{xml}:3: document d1 has no <src>"]


def xml_duplicate_src_segment(tmp: Path) -> tuple[list[str], list[str]]:
    src = '<seg id="1">Київ</seg>\n<seg id="1">Харків</seg>'
    xml = _write(tmp / "test.xml", _wmt(src))
    return [xml], [f"{xml}:5: document d1: <src> has segment id 1 twice (the first is at line 4)"]


def xml_duplicate_hyp_segment(tmp: Path) -> tuple[list[str], list[str]]:
    hyp = '<seg id="1">Kiev</seg>\n<seg id="1">Kharkov</seg>'
    xml = _write(tmp / "test.xml", _wmt('<seg id="1">Київ</seg>', hyp=hyp))
    return [xml], [f"{xml}:7: document d1: <hyp> has segment id 1 twice (the first is at line 6)"]


def xml_second_reference_by_one_translator(tmp: Path) -> tuple[list[str], list[str]]:
    ref = '<seg id="1">Kyiv</seg></p></ref>\n<ref lang="en" translator="A"><p><seg id="1">K</seg>'
    xml = _write(tmp / "test.xml", _wmt('<seg id="1">Київ</seg>', ref=ref))
    return [xml], [f"{xml}:6: document d1: a second <ref translator='A'> (the first is at line 5)"]


def tsv_short_row(tmp: Path) -> tuple[list[str], list[str]]:
    tsv = _write(tmp / "data.tsv", b"ref\thyp:a\nHello\tHello\nonly one field\n")
    return [tsv], [f"{tsv}:3:", "1 fields", "header has 2"]


def tsv_unknown_column(tmp: Path) -> tuple[list[str], list[str]]:
    tsv = _write(tmp / "data.tsv", b"ref\tsystem\nHello\tHello\n")
    return [tsv], [f"{tsv}:2:", "unknown column 'system'", "hyp:NAME"]


def jsonl_invalid(tmp: Path) -> tuple[list[str], list[str]]:
    jsonl = _write(tmp / "data.jsonl", b'{"ref": "a", "hyp": "a"}\n{"ref": "b", "hyp": }\n')
    return [jsonl], [f"{jsonl}:2:", "invalid JSON"]


def jsonl_fields_differ(tmp: Path) -> tuple[list[str], list[str]]:
    jsonl = _write(tmp / "data.jsonl", b'{"ref": "a", "hyp": "a"}\n{"hyp": "b"}\n')
    return [jsonl], [f"{jsonl}:2:", "fields differ", "ref"]


def unknown_metric(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\n")
    hyp = _write(tmp / "sys.en", b"one\n")
    return ["--ref", ref, hyp, "--metrics", "bleu,meteor"], ["'meteor'", "chrf++"]


def unknown_baseline(tmp: Path) -> tuple[list[str], list[str]]:
    ref = _write(tmp / "ref.en", b"one\n")
    a = _write(tmp / "a.en", b"one\n")
    b = _write(tmp / "b.en", b"one\n")
    return ["--ref", ref, a, b, "--paired-bs", "--baseline", "c"], ["'c'", "a, b"]


CASES: list[Callable[[Path], tuple[list[str], list[str]]]] = [
    mismatched,
    mismatched_refs,
    empty_hyp,
    empty_ref,
    directory_hyp,
    directory_ref,
    invalid_utf8,
    missing_file,
    xml_missing_system,
    xml_empty,
    xml_broken,
    xml_without_src,
    xml_duplicate_src_segment,
    xml_duplicate_hyp_segment,
    xml_second_reference_by_one_translator,
    tsv_short_row,
    tsv_unknown_column,
    jsonl_invalid,
    jsonl_fields_differ,
    unknown_metric,
    unknown_baseline,
]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_one_line_error(
    tmp_path: Path, case: Callable[[Path], tuple[list[str], list[str]]]
) -> None:
    args, expected = case(tmp_path)
    result = run_cli("score", *args)
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert result.stdout == b""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("normtk: error: ")
    for part in expected:
        assert part in lines[0]
