"""Make gazetteers/stopwords/{en,es,de,fr}.txt: the most frequent ordinary words per language.

Source: the ``wordfreq`` package, version 3.1.1 (``pip install wordfreq==3.1.1``),
``wordfreq.top_n_list(lang, 20000)``; its word lists are CC-BY-SA 4.0.

Rules, applied in wordfreq's frequency order (most frequent first):

1. keep only words made of letters, optionally joined by one apostrophe or hyphen
   ("aujourd'hui", "e-mail"); numbers, "u.s", "1st", symbols and emoji go;
2. drop every word that is, ignoring case and diacritics, a name that matches a
   curated entity of the bundled gazetteer standing alone in that language's
   copy (its forms in the language and its styles, its variants and native
   names, a person's surname where it may stand alone), so that "ukraine",
   "kiev", "putin" or "moscow" are not "ordinary words"; given names, the words
   of longer names ("may" of Theresa May, "von" of von der Leyen), acronyms
   (which match only in capitals: "WHO" is not "who") and other languages'
   forms (Spanish "Seúl" is not French "seul") leave ordinary words be. Entities of
   imported files (``origin: geonames``) do not count: the lists decide what an
   import keeps (a town called Bar is not imported), and counting them would
   make the lists depend on themselves.

Usage (from the root of the repository)::

    python scripts/make_stopwords.py            # writes gazetteers/stopwords/*.txt
    python scripts/make_stopwords.py --check    # exit 1 if the files differ
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

from normtk.folding import fold
from normtk.gazetteer.load import read
from normtk.gazetteer.locate import search_path
from normtk.gazetteer.model import Entity, Part

WORDFREQ_VERSION = "3.1.1"
LANGS = ("en", "es", "de", "fr")
SIZE = 20_000
OUT = Path(__file__).resolve().parents[1] / "gazetteers" / "stopwords"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def name_forms(entity: Entity, lang: str) -> set[str]:
    """Return the folded names that match ``entity`` standing alone in ``lang`` copy."""
    if entity.variant_origin != "variant":  # an imported entity
        return set()
    part: Part = "surname" if entity.is_person else "name"
    if entity.is_person and not entity.surname_alone:
        return set()
    texts = {form for key, form in entity.forms[part].items() if key.split("/")[0] == lang}
    texts |= set(entity.variants.get(part, ()))
    for native in entity.native.values():
        texts.add(entity.split_native(native)[1] if entity.is_person else native)
    return {fold(text) for text in texts if text}


def build(lang: str, names: set[str]) -> list[str]:
    """Return the common words of ``lang`` after the two rules of the module docstring."""
    words = []
    for word in wordfreq.top_n_list(lang, SIZE):
        if WORD.fullmatch(word) and fold(word) not in names:
            words.append(word)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    found = version("wordfreq")
    if found != WORDFREQ_VERSION:
        sys.stderr.write(f"need wordfreq=={WORDFREQ_VERSION}, found {found}\n")
        return 2
    data = read(search_path())
    if data.problems:
        sys.stderr.write("\n".join(data.problems) + "\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    status = 0
    for lang in LANGS:
        names = set().union(*(name_forms(e, lang) for e in data.entities.values()))
        text = "".join(f"{word}\n" for word in build(lang, names))
        path = OUT / f"{lang}.txt"
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                sys.stderr.write(f"{path} is out of date\n")
                status = 1
        else:
            path.write_text(text, "utf-8")
            sys.stderr.write(f"{path}: {text.count(chr(10))} words\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
