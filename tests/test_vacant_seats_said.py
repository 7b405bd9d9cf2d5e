"""Every explanation of a bar says how the vacant seats were treated: counted in a total membership, left out
of the sitting members, not mentioned where the bar is a share of the votes or of the members present.

A chamber of 10 seats with 2 vacant, worked out by hand: a majority of the total membership is more than
5 of 10, so 6; a majority of the 8 sitting members is more than 4, so 5; on the votes cast (5 yes, 1 no) or
the members present the vacant seats play no part. And the bundled Pakistan case, whose file gives one
vacancy on 8 March 2022 (NA-33 Hangu, vacant since its member died on 14 February 2022): Art. 95(4) counts
the total membership, so 172 of 342, the vacant seat included.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import write_case
from constitutions import ten_two_vacant_case
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import load_scenario
from whipcount.rules import judge, needed

TEN = """\
id: ten-two-vacant
name: A chamber of ten
seats: 10
motions:
  - kind: no-confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
  - kind: confidence
    threshold: {basis: sitting}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
  - kind: investiture
    threshold: {basis: votes-cast}
    source: {article: "Art. 3", url: "https://example.org/rules#3"}
  - kind: pm-election
    threshold: {basis: present}
    source: {article: "Art. 4", url: "https://example.org/rules#4"}
"""


TOTAL = "a majority of the total membership of 10 (the 2 vacant seats included), Art. 1"
SITTING = "a majority of the 8 sitting members (10 seats, the 2 vacant left out), Art. 2"


def _ten() -> Any:
    return parse_constitution_text(TEN, "ten.yaml")


@pytest.mark.parametrize(("kind", "count", "words"), [
    ("no-confidence", 6, f"6 of 10: {TOTAL}"),  # more than 10 / 2
    ("confidence", 5, f"5 of 8: {SITTING}"),  # more than (10 - 2) / 2
])
def test_a_bar_on_the_membership_says_how_the_vacant_seats_were_treated(kind: str, count: int, words: str) -> None:
    need = needed(_ten(), kind, vacancies=2)
    assert need.count == count
    assert need.explanation == words


@pytest.mark.parametrize("kind", ["investiture", "pm-election"])
def test_a_bar_on_the_votes_or_those_present_does_not_speak_of_vacant_seats(kind: str) -> None:
    need = needed(_ten(), kind, vacancies=2)
    assert need.count is None  # it depends on turnout
    assert "vacan" not in need.explanation


@pytest.mark.parametrize(("kind", "passed", "said", "counted"), [
    ("no-confidence", False, f"5 in favour, 1 against; 6 needed: {TOTAL}", True),
    ("confidence", True, f"5 in favour, 1 against; 5 needed: {SITTING}", False),
    ("investiture", True, "5 in favour, 1 against; 4 needed: a majority of the 6 votes cast, Art. 3", None),
    ("pm-election", True, "4 needed: a majority of the 6 members present", None),
])
def test_a_judged_division_says_it_too(kind: str, passed: bool, said: str, counted: bool | None) -> None:
    o = judge(_ten(), kind, yes=5, no=1, abstain=0, vacancies=2)
    assert o.passed is passed
    assert said in o.explanation
    assert o.to_dict()["vacancies_counted"] is counted
    if counted is None:
        assert "vacan" not in o.explanation


def test_no_vacant_seat_no_word_of_one() -> None:
    assert needed(_ten(), "no-confidence").explanation == "6 of 10: a majority of the total membership of 10, Art. 1"
    assert needed(_ten(), "confidence").explanation == "6 of 10: a majority of the 10 sitting members, Art. 2"


def _json(run_cli: Any, *args: str) -> Any:
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(("kind", "needed_", "words", "counted"), [
    ("no-confidence", 6, TOTAL, True),
    ("confidence", 5, SITTING, False),
    ("investiture", None, "the votes cast", None),
])
def test_every_command_that_states_the_bar_says_it(run_cli: Any, tmp_path: Path, kind: str, needed_: int | None,
                                                    words: str, counted: bool | None) -> None:
    case = write_case(tmp_path, TEN, ten_two_vacant_case(kind))
    count = _json(run_cli, "count", str(case))
    assert count["vacancies"] == 2
    assert count["vacancies_counted"] is counted
    if counted is not None:
        assert count["needed"] == needed_
        assert words in count["explanation"]
        tally = _json(run_cli, "tally", str(case))
        assert (tally["vacancies_counted"], words in tally["explanation"]) == (counted, True)
        forecast = _json(run_cli, "forecast", str(case))
        assert forecast["vacancies_counted"] is counted and words in forecast["explanation"]
        text = run_cli("what-if", str(case), "--absent", "blue")
        assert f"needed: {needed_} of " in text.out and words in text.out.replace("\n", " ")
        chart = run_cli("chart", str(case), "-o", "-")
        assert f"The votes needed are {words}." in chart.out
        assert run_cli("report", str(case), "-o", str(tmp_path / "report.html")).code == 0
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        forecast_words = re.search(r"Bar chart of the probability[^<]*", page)  # the chart's description
        assert forecast_words is not None
        assert f"The votes needed are {words}." in html.unescape(forecast_words.group(0))
    else:
        assert "vacan" not in count["explanation"]


def test_pakistan_counts_its_vacant_seat_in_the_total_membership(run_cli: Any) -> None:
    entry = yaml.safe_load((resources.files("whipcount") / "data/scenarios/pk-na-2022.yaml").read_text("utf-8"))
    assert entry["chamber"]["vacancies"] == 1  # the file's own entry: NA-33 Hangu, vacant since 14 February 2022
    assert "NA-33 Hangu" in entry["chamber"]["note"]
    assert load_scenario("pk-na-2022").state(dt.date(2022, 4, 10)).vacancies == 1  # no by-election before the vote
    said = "172 needed: a majority of the total membership of 342 (the 1 vacant seat included), Art. 95(4)"
    assert said in run_cli("outcome", "pk-na-2022").out
    count = _json(run_cli, "count", "pk-na-2022")
    assert (count["needed"], count["vacancies"], count["vacancies_counted"]) == (172, 1, True)
    assert "342 (the 1 vacant seat included), Art. 95(4)" in count["explanation"]
    outcome = _json(run_cli, "outcome", "pk-na-2022")
    assert outcome["motions"][0]["outcome"]["vacancies_counted"] is True


def test_the_dashboard_gives_the_same_sentence(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from whipcount.storage import Store
    from whipcount.web.app import create_app

    store = Store(f"sqlite:///{tmp_path / 'vacant.db'}")
    try:
        client = TestClient(create_app(store=store, secret="vacant-" + "x" * 40, public_read=True, fail_delay=0.0))
        page = html.unescape(re.sub(r"\s+", " ", client.get("/s/pk-na-2022", params={"on": "2022-04-10"}).text))
        board = client.get("/api/scenarios/pk-na-2022/dashboard", params={"on": "2022-04-10"}).json()
    finally:
        store.close()
    assert "a majority of the total membership of 342 (the 1 vacant seat included), Art. 95(4)" in page
    assert board["needed"]["vacancies_counted"] is True
    assert "(the 1 vacant seat included), Art. 95(4)" in board["needed"]["explanation"]


def test_rules_show_works_the_bar_out_with_the_vacant_seats_given(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "ten.yaml").write_text(TEN, encoding="utf-8")
    r = run_cli("rules", "show", str(tmp_path / "ten.yaml"), "--vacancies", "2")
    assert r.code == 0, r.err
    flat = " ".join(r.out.split())
    assert f"(6 of 10: {TOTAL})" in flat and f"(5 of 8: {SITTING})" in flat
    refused = run_cli("rules", "show", str(tmp_path / "ten.yaml"), "--vacancies", "10")
    assert refused.code != 0 and "vacancies: 10 vacancies leave no member in a chamber of 10 seats" in refused.err
