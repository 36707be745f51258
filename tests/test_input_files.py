"""Reading input in blocks of lines gives what reading it line by line gives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normtk.errors import DecodeError
from normtk.gazetteer import Gazetteer
from normtk.io.files import Errors, read_blocks, read_lines
from normtk.normalize import Normalizer, normalize_stream

# Pieces that make lines of every length, UTF-8 sequences cut by nothing but
# themselves, and bytes that are not UTF-8.
_PIECES = st.sampled_from([b"a", b"\n", b"\n\n", "Київ".encode(), b"\xff", b"\xc3\x28", b"x" * 70])


def _read(
    read: Callable[[str, Errors], Iterable[str]], path: Path, errors: Errors
) -> str | tuple[str, int, int, int]:
    try:
        return "".join(read(str(path), errors))
    except DecodeError as error:
        return (error.file, error.line, error.offset, error.byte)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=60),
    size=st.integers(min_value=1, max_value=100),
    errors=st.sampled_from(["strict", "replace"]),
)
def test_blocks_join_to_the_lines(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes], size: int, errors: Errors
) -> None:
    path = tmp_path_factory.mktemp("in") / "story.txt"
    path.write_bytes(b"".join(pieces))
    blocks = _read(lambda p, e: read_blocks(p, e, size=size), path, errors)
    assert blocks == _read(read_lines, path, errors)


def test_a_block_holds_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Kiev\n" + b"x" * 25 + b"\nend")
    assert list(read_blocks(str(path), size=8)) == ["Kiev\n", "x" * 25 + "\n", "end"]


def test_a_bad_byte_is_named_by_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Kiev ok\nsecond \xc3\x28 line\n")
    with pytest.raises(DecodeError) as info:
        list(read_blocks(str(path), size=4))
    assert str(info.value) == f"{path}:2: invalid UTF-8 at byte 15 (byte 0xc3)"


def test_blocks_and_lines_normalize_in_the_same_chunks(gazetteer: Gazetteer) -> None:
    normalizer = Normalizer(gazetteer, "en", keep_styled=True)
    lines = [
        "Zelensky visited Kiev.\n",
        "Zelenskiy left Lugansk\n",
        "\n",
        "for Kharkov, then Kiev.\n",
    ] * 5 + ["Zelensky"]
    blocks = ["".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
    for chunk_chars in (1, 30, 100, 1 << 16):
        by_lines = list(normalize_stream(normalizer, lines, chunk_chars=chunk_chars))
        assert list(normalize_stream(normalizer, blocks, chunk_chars=chunk_chars)) == by_lines
    assert [c.line for c in by_lines[0].changes][:4] == [1, 2, 2, 4]
