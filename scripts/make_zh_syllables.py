"""Make normtk/translit/families/tables/zh-syllables.json: pinyin syllables in Wade-Giles.

Source: the ``pypinyin`` package, version 0.55.0 (``pip install pypinyin==0.55.0``,
MIT licence), its conversion table ``pypinyin.style.wadegiles._convert_table``,
which pypinyin compiles from the Wade-Giles tables of Wikipedia, the University
of Chicago Library and zdic.net. Rows spelling ü as v (lve, lvn ...) duplicate
rows with ü and are left out; where a syllable has two rows (luan: luan and
lüan), the first is kept. The rest is written sorted by pinyin, one syllable per
line, so a change of the table shows as a readable diff.

The table is data of the ``zh`` romanization family (``families/zh.json``);
normtk does not need pypinyin at run time.

Usage (from the root of the repository)::

    python scripts/make_zh_syllables.py           # writes the file
    python scripts/make_zh_syllables.py --check   # exit 1 if the file differs
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

PYPINYIN_VERSION = "0.55.0"
OUT = (
    Path(__file__).resolve().parents[1]
    / "normtk"
    / "translit"
    / "families"
    / "tables"
    / "zh-syllables.json"
)


def build() -> str:
    """Return the file's text from pypinyin's conversion table."""
    from pypinyin.style.wadegiles import _convert_table

    table: dict[str, str] = {}
    for pinyin, wade_giles in _convert_table:
        if "v" in pinyin:
            continue
        table.setdefault(pinyin, wade_giles)
    lines = [
        "{",
        (
            '  "source": "pypinyin 0.55.0 (MIT), pypinyin.style.wadegiles._convert_table: the '
            'Wade-Giles tables of Wikipedia, the University of Chicago Library and zdic.net",'
        ),
        '  "generated_by": "python scripts/make_zh_syllables.py (pypinyin==0.55.0)",',
        '  "syllables": {',
    ]
    items = sorted(table.items())
    for number, (pinyin, wade_giles) in enumerate(items):
        comma = "," if number < len(items) - 1 else ""
        key, value = (
            json.dumps(pinyin, ensure_ascii=False),
            json.dumps(wade_giles, ensure_ascii=False),
        )
        lines.append(f"    {key}: {value}{comma}")
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    found = version("pypinyin")
    if found != PYPINYIN_VERSION:
        sys.stderr.write(f"need pypinyin=={PYPINYIN_VERSION}, found {found}\n")
        return 2
    text = build()
    if args.check:
        if not OUT.is_file() or OUT.read_text("utf-8") != text:
            sys.stderr.write(f"{OUT} is out of date\n")
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    sys.stderr.write(f"{OUT}: {text.count(chr(10)) - 6} syllables\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
