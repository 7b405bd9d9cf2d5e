"""``rules show --json`` carries each poll's bar as a number for the chamber (``needed``), the number its words
give ("172 of 342"), for every bundled profile, with and without vacant seats; and the bar is checked against
the arithmetic done here: more than (or at least) the fraction of the seats (total membership) or of the seats
less the vacant ones (sitting members). Pakistan's no-confidence resolution of 10 April 2022 needed 172 of 342
(Art. 95(4)); France's Assemblée, with 3 of 577 seats vacant, 288 of 574 (Art. 49(2)); Sweden's Riksdag
rejects a candidate for Prime Minister only if 175 of its 349 members vote against (Instrument of Government
6:4).
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from whipcount.rules import all_constitutions

PROFILES = [c.id for c in all_constitutions() if c.origin == "built-in"]

# "(172 of 342: ...", "(rejected only if 175 of 349 vote against: ..."
_FIXED = re.compile(r"\((?:rejected only if )?(\d+) of (\d+)(?: vote against)?: ")


def _show(run_cli: Any, *args: str) -> tuple[str, dict[str, Any]]:
    words = run_cli("rules", "show", *args)
    shown = run_cli("rules", "show", *args, "--json")
    assert words.code == 0 and shown.code == 0, words.err + shown.err
    return words.out, json.loads(shown.out)


def _by_hand(m: dict[str, Any], seats: int, vacancies: int) -> tuple[int, int]:
    """The bar and the members it is counted from, worked out here from the fraction, strictness and basis."""
    of = seats if m["basis"] == "total" else seats - vacancies
    exact = Fraction(m["fraction"]) * of
    return (math.floor(exact) + 1 if m["strict"] else math.ceil(exact)), of


@pytest.mark.parametrize("vacancies", [0, 3])
@pytest.mark.parametrize("profile", PROFILES)
def test_the_json_bar_is_the_number_the_words_give(run_cli: Any, profile: str, vacancies: int) -> None:
    words, shown = _show(run_cli, profile, "--vacancies", str(vacancies))
    lines = [line for line in words.splitlines() if line.startswith("  passes with: ")]
    assert len(lines) == len(shown["motions"]), profile
    for line, m in zip(lines, shown["motions"], strict=True):
        need = m["needed"]
        said = _FIXED.search(line)
        if m["basis"] in ("total", "sitting") and need["seats"]:
            assert said is not None, line
            bar, of = int(said.group(1)), int(said.group(2))
            assert (need["reject_at"] if m["negative"] else need["count"]) == bar, (profile, m["kind"])
            assert (need["count"] if m["negative"] else need["reject_at"]) is None
            assert need["of"] == of == _by_hand(m, need["seats"], vacancies)[1], (profile, m["kind"])
            assert bar == _by_hand(m, need["seats"], vacancies)[0], (profile, m["kind"])
            assert need["reason"] is None and need["explanation"] in line
        else:  # a share of the turnout (or no size known): no number, and the reason why
            assert said is None, line
            assert need["count"] is None and need["of"] is None and need["reason"], (profile, m["kind"])
        assert need["vacancies"] == vacancies


@pytest.mark.parametrize("profile", PROFILES)
def test_each_run_off_carries_its_bar_too(run_cli: Any, profile: str) -> None:
    _, shown = _show(run_cli, profile, "--vacancies", "2")
    for m in shown["motions"]:
        if m["runoff"] is None:
            continue
        need = m["runoff"]["needed"]
        fixed = need["count"] is not None or need["reject_at"] is not None
        assert fixed is (need["reason"] is None), (profile, m["kind"])
        if fixed:
            assert need["of"] in (need["seats"], need["seats"] - 2)


@pytest.mark.parametrize(
    ("args", "kind", "key", "bar", "of"),
    [
        (("pk-na", "--on", "2022-04-10", "--vacancies", "1"), "no-confidence", "count", 172, 342),  # Art. 95(4)
        (("fr-an", "--on", "2024-12-04", "--vacancies", "3"), "no-confidence", "count", 288, 574),  # Art. 49(2)
        (("se-riksdag", "--on", "2022-10-17"), "investiture", "reject_at", 175, 349),  # 6:4, a negative majority
    ],
)
def test_the_bar_of_a_recorded_case(run_cli: Any, args: tuple[str, ...], kind: str, key: str, bar: int,
                                    of: int) -> None:
    words, shown = _show(run_cli, *args, "--motion", kind)
    (m,) = shown["motions"]
    assert (m["kind"], m["needed"][key], m["needed"]["of"]) == (kind, bar, of)
    assert f"{bar} of {of}" in words


def test_a_turnout_bar_has_no_number_and_says_why(run_cli: Any) -> None:
    _, shown = _show(run_cli, "gb-hc", "--motion", "no-confidence")
    need = shown["motions"][0]["needed"]
    assert (need["count"], need["of"], need["reject_at"]) == (None, None, None)
    assert need["reason"] == "the number depends on turnout: a share of the votes cast"


OWN = """\
id: own-twelve
name: A chamber of twelve
seats:
  - {seats: 10, end: 2020-01-01, source: "https://example.org/seats"}
  - {seats: 12, start: 2020-01-01, source: "https://example.org/seats"}
motions:
  - kind: confidence
    threshold:
      basis: present
      floor: {fraction: "2/5", basis: sitting}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
  - kind: no-confidence
    threshold: {basis: sitting}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
"""


@pytest.mark.parametrize(("on", "vacancies", "floor", "bar", "of"),
                         # two fifths of 7 sitting is 2.8, so 3; of 9, 3.6, so 4; a majority of 7 is 4, of 9 is 5
                         [("2019-05-01", "3", 3, 4, 7), ("2021-05-01", "3", 4, 5, 9), ("2021-05-01", "0", 5, 7, 12)])
def test_a_file_of_ones_own_gives_the_floor_for_the_vacant_seats(run_cli: Any, tmp_path: Path, on: str,
                                                                  vacancies: str, floor: int, bar: int,
                                                                  of: int) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    words, shown = _show(run_cli, str(path), "--on", on, "--vacancies", vacancies)
    confidence, no_confidence = shown["motions"]
    assert confidence["floor"]["count"] == confidence["needed"]["floor"] == floor
    assert f"never fewer than {floor}: two fifths of the {of} sitting members" in words
    assert (no_confidence["needed"]["count"], no_confidence["needed"]["of"]) == (bar, of)


@pytest.mark.parametrize(("args", "said"), [
    (("pk-na", "--motion", "pm-electio"), "--motion: unknown motion kind 'pm-electio'"),
    (("pk-na", "--motion", "investiture"), "--motion: pk-na has no rule for 'investiture'; expected one of: "
                                           "no-confidence, confidence, pm-election"),
    (("it-senate", "--vacancies", "205"), "--vacancies: 205 vacancies leave no member in a chamber of 205 seats"),
])
def test_a_wrong_option_is_named(run_cli: Any, args: tuple[str, ...], said: str) -> None:
    for extra in ((), ("--json",)):
        r = run_cli("rules", "show", *args, *extra)
        assert r.code == 1 and said in r.err and "Traceback" not in r.err, r.err


NO_SEATS = """\
id: no-seats
name: A chamber of unknown size
motions:
  - kind: confidence
    threshold: {basis: total}
    runoff: {among: 1, threshold: {basis: votes-cast}}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
"""


def test_without_a_size_the_words_and_json_say_why_there_is_no_number(run_cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "no-seats.yaml"
    path.write_text(NO_SEATS, encoding="utf-8")
    words, shown = _show(run_cli, str(path), "--on", "2020-05-01")
    (m,) = shown["motions"]
    why = "the profile gives no size for the chamber on 2020-05-01"
    assert (m["needed"]["count"], m["needed"]["reason"]) == (None, why)
    assert f"passes with: a majority of the total membership ({why})" in words
    # vacant seats given cannot be taken from a size not known: said, not passed over
    words, shown = _show(run_cli, str(path), "--on", "2020-05-01", "--vacancies", "2")
    (m,) = shown["motions"]
    assert m["needed"]["reason"] == f"{why}, so --vacancies 2 is not applied"
    assert f"passes with: a majority of the total membership ({why}, so --vacancies 2 is not applied)" in words
    # the further vote is a share of the turnout, whatever the size: that is why it has no number
    assert m["runoff"]["needed"]["reason"] == "the number depends on turnout: a share of the votes cast"


def test_a_further_vote_open_to_all_is_not_called_a_run_off_of_the_top_one(run_cli: Any) -> None:
    words, _ = _show(run_cli, "es-cd", "--motion", "investiture")  # Art. 99(3): a second vote, a simple majority
    assert "top 1" not in words
    assert "then a further vote, a majority of the votes cast" in words
    assert "in the further vote, vacant seats: not applicable" in words


def test_a_turnout_bar_says_its_share_once(run_cli: Any) -> None:
    words, _ = _show(run_cli, "jp-hr", "--motion", "no-confidence")
    assert "  passes with: a majority of the votes cast (Art. 69; Art. 56(2): the number depends on turnout)\n" in words
