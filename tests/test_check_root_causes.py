"""One test per root cause of false findings, on the real WMT22 segment it came from.

tests/data/check/root-causes.jsonl holds each segment (hypothesis, reference
A, source) with its origin; the verdicts are those of
benchmarks/data/check-judgments.tsv. Expectations are written by hand.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from normtk import Gazetteer
from normtk.qa import Checker, Finding

CASES = {
    c["root_cause"].split(":")[0] + " " + c["origin"].split(",")[0]: c
    for c in (
        json.loads(line)
        for line in (DATA / "check" / "root-causes.jsonl").read_text("utf-8").splitlines()
    )
}


@pytest.fixture(scope="module")
def checkers() -> dict[str, Checker]:
    gazetteer = Gazetteer.load()
    return {lang: Checker(gazetteer, lang="en", src_lang=lang) for lang in ("uk", "ru")}


def run(checkers: dict[str, Checker], key: str) -> list[Finding]:
    case = CASES[key]
    return checkers[case["src_lang"]].check_texts([case["hyp"]], [case["ref"]], [case["src"]])


def test_every_case_is_used() -> None:
    assert len(CASES) == 7


def test_an_entity_the_source_names_is_not_added(checkers: dict[str, Checker]) -> None:
    # Source "от Франции"; the reference drops it. The source vouches for France (its
    # Russian name is in the gazetteer, found through inflection): nothing was added.
    findings = run(checkers, "entity.added WMT22 ru-en line 1001")
    assert [f for f in findings if f.entity == "france"] == []


def test_one_sided_missing_entity_is_info(checkers: dict[str, Checker]) -> None:
    # Антрацит is the pan's colour: the source word looks like the town, the reference agrees
    # with the translation; one side's word is weak evidence.
    findings = run(checkers, "entity.missing WMT22 ru-en line 1282")
    assert [(f.rule, str(f.severity), f.entity) for f in findings] == [
        ("entity.missing", "info", "antratsyt")
    ]


def test_no_untranslated_word_inside_an_address(checkers: dict[str, Checker]) -> None:
    findings = run(checkers, "text.untranslated-words WMT22 ru-en line 479")
    assert [f for f in findings if f.rule == "text.untranslated-words"] == []


def test_24_hours_for_a_day(checkers: dict[str, Checker]) -> None:
    findings = run(checkers, "number.added WMT22 ru-en line 1572")
    assert [f for f in findings if f.rule.startswith("number.")] == []


def test_day_month_date_as_a_word(checkers: dict[str, Checker]) -> None:
    findings = run(checkers, "number.changed WMT22 uk-en line 1652")
    assert [f for f in findings if f.rule.startswith("number.")] == []


def test_comma_list_is_no_decimal(checkers: dict[str, Checker]) -> None:
    findings = run(checkers, "number.missing/changed WMT22 uk-en line 549")
    assert [f for f in findings if f.rule.startswith("number.")] == []


def test_time_with_a_colon_for_a_time_with_a_point(checkers: dict[str, Checker]) -> None:
    findings = run(checkers, "number.added WMT22 uk-en line 748")
    assert [f for f in findings if f.rule.startswith("number.")] == []
