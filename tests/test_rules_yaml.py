"""A user's own constitution in YAML: loading, judging, errors that name the line, and the schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest
import yaml

from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError
from whipcount.io.constitution import (
    constitution_json_schema,
    parse_constitution_text,
    resolve_rules,
)
from whipcount.rules import judge, needed

MINE = my_parliament(
    "effect: the government resigns",
    'movers: {fraction: "1/10"}',
    "window: {min_days: 2, max_days: 10, after: motion-filed}",
    more="""\
  - kind: investiture
    threshold: {basis: total, negative: true}
    source: {article: "Art. 9", url: "https://example.org/constitution#9"}
""",
)


def test_custom_constitution_thresholds_by_hand() -> None:
    c = parse_constitution_text(MINE, "mine.yaml")
    # at least three fifths of 101 = 60.6 -> 61
    assert needed(c, "no-confidence").count == 61
    assert judge(c, "no-confidence", yes=61).passed
    assert not judge(c, "no-confidence", yes=60).passed
    # negative: rejected only if more than half of 101 (51) vote no
    assert judge(c, "investiture", yes=0, no=50).passed
    assert not judge(c, "investiture", yes=0, no=51).passed


def test_resolve_by_path_relative_to_a_base(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE, encoding="utf-8")
    c = resolve_rules("mine.yaml", base=tmp_path)
    assert c.id == "my-parliament" and c.origin.endswith("mine.yaml")
    assert resolve_rules("pk-na").id == "pk-na"


@pytest.mark.parametrize(
    "broken,pattern",
    [
        (MINE.replace('"3/5"', '"5/3"'), r"mine\.yaml:7: motions\[0\]\.threshold\.fraction: .*above 0 and below 1"),
        (MINE.replace('"3/5"', '"0"'), r"mine\.yaml:7: motions\[0\]\.threshold\.fraction: .*above 0 and below 1"),
        (MINE.replace('"3/5"', '"1"'), r"mine\.yaml:7: motions\[0\]\.threshold\.fraction: .*above 0 and below 1"),
        (MINE.replace("basis: total, fraction", "basis: everyone, fraction"), r"mine\.yaml:7: motions\[0\]\.threshold\.basis"),
        (MINE.replace("kind: investiture", "kind: impeachment"), r"mine\.yaml:12: motions\[1\]\.kind"),
        (MINE.replace("    effect: the government resigns\n", "    efect: x\n"), r"mine\.yaml:9: motions\[0\]\.efect: unknown field"),
        ("- just a list\n", r"mine\.yaml: expected a mapping with id, name and motions, got a list$"),
        ("", r"mine\.yaml: expected a mapping with id, name and motions, got an empty file$"),
        # seats is a number or a list of periods: an error inside a period names the period's field, not
        # the number branch ("expected an integer") that the list was never meant to be
        (MINE.replace("seats: 101", "seats:\n  - {start: 2020-01-01}"),
         r"mine\.yaml:5: seats\[0\]\.seats: required field is missing"),
        (MINE.replace("seats: 101", "seats:\n  - {seats: 0}"), r"mine\.yaml:5: seats\[0\]\.seats: expected a whole number from 1 to 100,000, got 0$"),
        # a fraction of too many digits (a number of a billion digits is the danger) is echoed cut to 40
        (MINE.replace('"3/5"', '"' + "1" * 50 + '"'),
         r"mine\.yaml:7: motions\[0\]\.threshold\.fraction: expected a fraction such as .* got '1{40}'$"),
        # a field missing from the file's mapping is named at the line where the mapping starts, not past its end
        ("# my constitution\n\n" + MINE.replace("id: my-parliament\n", ""),
         r"^mine\.yaml:3: id: required field is missing$"),
        # a motion's period that ends before it starts is named at the motion
        (MINE.replace("    effect: the government resigns\n",
                      "    effect: the government resigns\n    start: 2020-01-01\n    end: 2019-01-01\n"),
         r"^mine\.yaml:6: motions\[0\]: the period ends \(2019-01-01\) before it starts \(2020-01-01\)$"),
        # a check of the whole file names the line of the motion it is about, not the file's first or last
        (MINE.replace('movers: {fraction: "1/10"}', "movers: {count: 102}"),
         r"^mine\.yaml:10: motions\[0\]\.movers\.count: 102 movers, but the chamber has at most 101 seats$"),
        # so is a quorum of more members than the chamber has (no vote could ever be valid), of the first poll
        # or of the run-off, and under seat periods the largest chamber is the bound
        (MINE.replace("    effect: the government resigns\n",
                      "    effect: the government resigns\n    threshold:\n      basis: votes-cast\n"
                      "      quorum: {count: 102}\n").replace('    threshold: {basis: total, fraction: "3/5", '
                                                          'strict: false}\n', ""),
         r"^mine\.yaml:11: motions\[0\]\.threshold\.quorum\.count: 102 members for a quorum, but the chamber "
         r"has at most 101 seats$"),
        (MINE.replace("    effect: the government resigns\n", "    effect: the government resigns\n"
                      "    runoff: {threshold: {basis: votes-cast, quorum: {count: 150}}}\n"),
         r"^mine\.yaml:10: motions\[0\]\.runoff\.threshold\.quorum\.count: 150 members for a quorum, but the "
         r"chamber has at most 101 seats$"),
        (MINE.replace("seats: 101", "seats: [{seats: 90, end: 2020-01-01}, {seats: 120, start: 2020-01-01}]")
         .replace("    effect: the government resigns\n", "    effect: the government resigns\n"
                  "    runoff: {threshold: {basis: votes-cast, quorum: {count: 121}}}\n"),
         r"^mine\.yaml:10: motions\[0\]\.runoff\.threshold\.quorum\.count: 121 members for a quorum, but the "
         r"chamber has at most 120 seats$"),
    ],
)
def test_errors_name_file_line_and_field(broken: str, pattern: str) -> None:
    with pytest.raises(ConstitutionFileError, match=pattern):
        parse_constitution_text(broken, "mine.yaml")


def test_a_quorum_within_the_seats_is_read() -> None:
    # a quorum of every member is possible (a vote with all present), so it is not refused
    c = parse_constitution_text(MINE.replace("    effect: the government resigns\n", "    effect: the government resigns\n"
                                             "    runoff: {threshold: {basis: votes-cast, quorum: {count: 101}}}\n"),
                                "mine.yaml")
    assert not judge(c, "no-confidence", yes=61, no=39, round=2).passed  # 100 present, short of 101
    assert judge(c, "no-confidence", yes=61, no=40, round=2).passed


def test_missing_file() -> None:
    with pytest.raises(ConstitutionFileError, match="no such constitution file"):
        resolve_rules("./nowhere.yaml")


def test_schema_accepts_the_example_and_rejects_a_bad_basis() -> None:
    schema = constitution_json_schema()
    jsonschema.validate(yaml.safe_load(MINE), schema)
    bad = yaml.safe_load(MINE.replace("basis: total, fraction", "basis: everyone, fraction"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


VERSIONS = MINE[: MINE.index("  - kind")] + """\
  - kind: no-confidence
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 1", url: "https://example.org/1"}
    end: 2018-01-01
  - kind: no-confidence
    threshold: {basis: total, fraction: "2/3", strict: false}
    source: {article: "Art. 1 (amended)", url: "https://example.org/1a"}
    start: START
"""


def test_a_version_may_start_the_day_another_ends_but_not_before() -> None:
    # a version's end is the first day it no longer applies: one ending on 1 January 2018 and the next
    # starting that day cover every day once (more than half of 101 = 51 before, two thirds = 68 after)
    c = parse_constitution_text(VERSIONS.replace("START", "2018-01-01"), "v.yaml")
    assert needed(c, "no-confidence", on=dt.date(2017, 12, 31)).count == 51
    assert needed(c, "no-confidence", on=dt.date(2018, 1, 1)).count == 68
    with pytest.raises(ConstitutionFileError,
                       match=r"^v\.yaml:10: motions\[1\]: a second no-confidence rule for a period "
                             r"motions\[0\] already covers \(give each version start and end dates\)$"):
        parse_constitution_text(VERSIONS.replace("START", "2017-12-31"), "v.yaml")


@pytest.mark.parametrize(("fraction", "basis", "strict", "pattern"), [
    ("5/3", "total", "false", r"^c\.yaml:7: motions\[0\]\.threshold\.fraction: .*above 0 and below 1 \(neither 0 nor all of the basis\), got '5/3'$"),
    ("5/3", "total", "7", r"^c\.yaml:7: motions\[0\]\.threshold\.fraction: .*got '5/3' \(and 1 more\)$"),
    # a list is read up to its first bad item: motions[1] is not read, so not counted
    ("5/3", "everyone", "false", r"^c\.yaml:7: motions\[0\]\.threshold\.fraction: .*got '5/3'$"),
    ("3/5", "everyone", "false", r"^c\.yaml:13: motions\[1\]\.threshold\.basis: .*'everyone'$"),
])
def test_the_first_problem_is_named_and_the_rest_counted(fraction: str, basis: str, strict: str,
                                                         pattern: str) -> None:
    text = MINE.replace('"3/5"', f'"{fraction}"').replace("{basis: total, negative", f"{{basis: {basis}, negative")
    text = text.replace("strict: false", f"strict: {strict}")
    with pytest.raises(ConstitutionFileError, match=pattern):
        parse_constitution_text(text, "c.yaml")
