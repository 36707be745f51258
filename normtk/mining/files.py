"""Mining files: read a corpus, mine it, write the patch and the TSV summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from normtk.mining.gazetteer_patch import patch, patch_yaml
from normtk.mining.miner import Miner
from normtk.mining.tsv import summary_tsv

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.mining.proposals import Proposal


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
