"""Where only the votes for a motion are recorded (France's motion de censure, Art. 49(2): "Seuls sont recensés les
votes favorables"), no member votes no: every surface says "does not vote for" / "not for", and JSON says which
votes are recorded. The figures of fr-an-2024 are the record's: 331 for (Assemblée nationale, 4 December 2024);
the whip count's 240 not for are the Gov. & NI group's 218 and LIOT's 22 who did not vote for it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import make_web_store, write_case
from whipcount.errors import ConstitutionFileError, RulesError
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import LegalSource, MotionRule, Threshold, judge

CENSURE = ["--rules", "fr-an", "--motion", "no-confidence", "--vacancies", "3", "--on", "2024-12-04"]

# A made-up chamber of ten, where a motion is carried by a majority of the members and only its supporters vote.
TEN = """\
id: ten-yes-only
name: Chamber of Ten
seats: 10
motions:
  - kind: no-confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/c#1"}
    votes_recorded: yes-only
  - kind: confidence
    threshold: {basis: votes-cast}
    source: {article: "Art. 2", url: "https://example.org/c#2"}
"""

CASE = """\
chamber: {name: Chamber of Ten, rules: rules.yaml, seats: 10, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 4, side: government}
  - {id: blue, name: Blue Party, seats: 6, side: opposition}
motion: {kind: no-confidence, target: Someone, vote: 2024-02-10}
"""


def _no_no(text: str) -> None:
    """No word of a vote against: the stance 'no', 'votes no', 'vote no', 'committed no', 'leaning no'."""
    assert not re.search(r"\bvotes? no\b|committed no\b|leaning no\b|\bNo\b(?! stance)|\blean-no\b", text), text


def test_rules_show_says_only_the_votes_for_are_recorded(run_cli: Any) -> None:
    r = run_cli("rules", "show", "fr-an")
    assert r.code == 0, r.err
    assert "votes recorded: only the votes for the motion" in r.out
    motions = {m["kind"]: m["votes_recorded"] for m in json.loads(run_cli("rules", "show", "fr-an", "--json").out)
               ["motions"]}
    assert motions == {"no-confidence": "yes-only", "confidence": "all"}  # Art. 49(2) against Art. 49(1)


def test_a_file_of_ones_own_records_only_the_votes_for(run_cli: Any, tmp_path: Path) -> None:
    c = parse_constitution_text(TEN, "ten.yaml")
    assert [m.votes_recorded for m in c.motions] == ["yes-only", "all"]
    path = write_case(tmp_path, TEN, CASE)
    count = run_cli("count", str(path))
    assert count.code == 0, count.err
    # the government's 4 do not vote for it; the opposition's 6 reach the bar, more than 10 / 2
    assert "committed yes 6 · leaning yes 0 · undecided 0 · leaning not for 0 · committed not for 4" in count.out
    _no_no(count.out)
    forecast = run_cli("forecast", str(path))
    assert "does not vote for" in forecast.out
    _no_no(forecast.out)


@pytest.mark.parametrize("basis", ["votes-cast", "present-and-voting", "present", "plurality"])
def test_only_the_votes_for_on_a_turnout_basis_is_refused_naming_the_line(run_cli: Any, tmp_path: Path,
                                                                           basis: str) -> None:
    text = TEN.replace("{basis: total}", f"{{basis: {basis}}}")
    if basis == "plurality":
        text = text.replace("kind: no-confidence", "kind: pm-election")
    with pytest.raises(ConstitutionFileError, match=r"^ten\.yaml:8: motions\[0\]\.votes_recorded: yes-only .*"
                                                    r"basis sitting or total"):
        parse_constitution_text(text, "ten.yaml")
    (tmp_path / "ten.yaml").write_text(text, encoding="utf-8")
    r = run_cli("rules", "show", str(tmp_path / "ten.yaml"))
    assert r.code == 1 and "Traceback" not in r.err
    assert re.search(r"ten\.yaml:8: motions\[0\]\.votes_recorded", r.err), r.err


def test_the_library_refuses_only_the_votes_for_on_a_turnout_or_a_negative_bar() -> None:
    src = LegalSource("Art. 1", "https://example.org/c#1")
    with pytest.raises(RulesError, match="votes_recorded: yes-only"):
        MotionRule("no-confidence", Threshold("votes-cast"), src, votes_recorded="yes-only")
    with pytest.raises(RulesError, match="negative"):
        MotionRule("no-confidence", Threshold("total", negative=True), src, votes_recorded="yes-only")
    with pytest.raises(RulesError, match="expected one of all, yes-only"):
        MotionRule("no-confidence", Threshold("total"), src, votes_recorded="some")


def test_the_forecast_s_pivotal_blocs_do_not_vote_for(run_cli: Any) -> None:
    r = run_cli("forecast", "fr-an-2024")
    assert r.code == 0, r.err
    assert "does not vote for" in r.out
    _no_no(r.out)
    fc = json.loads(run_cli("forecast", "fr-an-2024", "--json").out)
    assert fc["votes_recorded"] == "yes-only"
    assert {p["change"] for p in fc["pivotal"]} == {"does not vote for"}  # every pivot leans yes: 331 for


def test_where_every_vote_is_recorded_a_pivot_still_votes_no(run_cli: Any) -> None:
    fc = json.loads(run_cli("forecast", "pk-na-2022", "--json").out)
    assert fc["votes_recorded"] == "all"
    assert "votes no" in {p["change"] for p in fc["pivotal"]}


def test_what_if_says_the_moved_seats_do_not_vote_for(run_cli: Any) -> None:
    r = run_cli("what-if", "fr-an-2024", "--no", "rn:100", "--switch", "soc")
    assert r.code == 0, r.err
    assert "100 of rn do not vote for" in r.out
    _no_no(r.out)
    runs = json.loads(run_cli("what-if", "fr-an-2024", "--no", "rn:100", "--json").out)["runs"]
    assert [run["label"] for run in runs] == ["baseline", "100 of rn do not vote for"]
    assert {run["votes_recorded"] for run in runs} == {"yes-only"}
    assert runs[1]["committed_yes"] == 331 - 100  # 100 of RN's 123 who voted for it


def test_the_whip_count_says_not_for(run_cli: Any) -> None:
    r = run_cli("count", "fr-an-2024")
    assert r.code == 0, r.err
    assert "committed not for 240" in r.out  # 218 of Gov. & NI and 22 of LIOT
    assert re.search(r"│ +218 │ not for", r.out)
    _no_no(r.out)
    assert json.loads(run_cli("count", "fr-an-2024", "--json").out)["votes_recorded"] == "yes-only"
    assert "yes-only" in run_cli("count", "fr-an-2024", "--format", "csv").out.splitlines()[1]


def test_noes_given_under_only_the_votes_for_are_said_not_recorded(run_cli: Any) -> None:
    r = run_cli("outcome", *CENSURE, "--yes", "331", "--no", "200", "--abstain", "5")
    assert r.code == 0, r.err
    assert "331 in favour; 288 needed" in r.out  # 574 sitting: more than 287
    assert "200 noes and 5 abstentions given beside the votes for are not recorded under Art. 49(2)" in r.out
    assert "against" not in r.out
    out = judge("fr-an", "no-confidence", yes=287, no=1, vacancies=3, on=dt.date(2024, 12, 4))
    assert not out.passed and out.to_dict()["votes_recorded"] == "yes-only"
    assert "1 no given beside the votes for are not recorded" in out.explanation
    alone = run_cli("outcome", *CENSURE, "--yes", "331")
    assert "not recorded" not in alone.out  # nothing given beside the votes for: nothing to say


def test_the_seat_chart_and_the_report_name_the_stance_not_for(run_cli: Any, tmp_path: Path) -> None:
    svg = tmp_path / "fr.svg"
    assert run_cli("chart", "fr-an-2024", "--by", "stance", "-o", str(svg)).code == 0
    text = svg.read_text(encoding="utf-8")
    assert "Not for 240" in text and "Stance: Not for" in text
    assert not re.search(r">No<|Stance: No\b(?! stance)|Leaning no\b", text)
    report = tmp_path / "fr.html"
    assert run_cli("report", "fr-an-2024", "-o", str(report)).code == 0
    html = report.read_text(encoding="utf-8")
    assert "<td>Not for</td>" in html and "<td>No</td>" not in html
    assert "if LFI does not vote for, P(pass) goes from 100% to" in html


def test_the_dashboard_names_the_stance_not_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from whipcount.io.scenario import load_scenario
    from whipcount.web.app import create_app

    store = make_web_store(tmp_path, monkeypatch, {"alice": "editor"})
    try:
        store.save_scenario(load_scenario("fr-an-2024"))
        c = TestClient(create_app(store.url, store=store, secret="test-secret-" + "x" * 40, fail_delay=0.0))
        assert c.post("/api/login", json={"name": "alice", "password": "a long enough password"}).status_code == 200
        page = c.get("/s/fr-an-2024").text
        assert "Leaning not for" in page and not re.search(r">No<|Leaning no\b", page)
        members = c.get("/s/fr-an-2024/members").text
        assert re.search(r"Not for\s*(<em>\(default\)</em>)?</td>", members)
        assert c.get("/api/scenarios/fr-an-2024/dashboard").json()["votes_recorded"] == "yes-only"
    finally:
        store.close()


def test_the_compare_page_names_the_stance_as_each_board_records_it(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Side by side, France's censure (only the votes for recorded) beside Pakistan's no-confidence (every vote):
    the row of noes says both, naming the board whose noes are "not for"; France beside itself says "Not for"."""
    from fastapi.testclient import TestClient

    from whipcount.io.scenario import load_scenario
    from whipcount.web.app import create_app

    store = make_web_store(tmp_path, monkeypatch, {"alice": "editor"})
    try:
        store.save_scenario(load_scenario("fr-an-2024"))
        store.save_scenario(load_scenario("pk-na-2022"))
        c = TestClient(create_app(store.url, store=store, secret="test-secret-" + "x" * 40, fail_delay=0.0))
        assert c.post("/api/login", json={"name": "alice", "password": "a long enough password"}).status_code == 200
        mixed = c.get("/compare", params={"a": "pk-na-2022", "b": "fr-an-2024"}).text
        assert "<th>No (B: not for)</th>" in mixed and "<th>Leaning no (B: leaning not for)</th>" in mixed
        same = c.get("/compare", params={"a": "fr-an-2024", "b": "fr-an-2024"}).text
        assert "<th>Not for</th>" in same and "<th>No</th>" not in same
        both = c.get("/api/compare", params={"a": "pk-na-2022", "b": "fr-an-2024"}).json()
        assert (both["a"]["votes_recorded"], both["b"]["votes_recorded"]) == ("all", "yes-only")
    finally:
        store.close()
