"""A constitution's defection rule applied to the seats that crossed the floor, in every figure of a scenario.

An 11-seat chamber under Pakistan's rules (a majority of the total membership: 6 of 11): the government party
holds 6 seats, the opposition 5, and 2 of the government's members cross the floor (a ``defect`` event). On a
no-confidence motion they vote yes against their party's direction. Art. 63A counted such votes until the
Supreme Court's opinion of 17 May 2022, not from then until the review judgment of 3 October 2024, and again
after it. Every figure below is worked out by hand or by enumerating every way the members can vote.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from whipcount.io.scenario import load_scenario

CHAMBER = """\
id: small-crossing
title: Eleven seats, two cross the floor
chamber: {{name: Test Chamber, rules: pk-na, seats: 11, vacancies: 0, as_of: 2022-01-01}}
parties:
  - {{id: gov, name: Government Party, short: Gov, seats: 6, side: government, source: "https://example.org/g"}}
  - {{id: opp, name: Opposition Party, short: Opp, seats: 5, side: opposition, source: "https://example.org/o"}}
members:
  - {{id: m1, name: Member One, party: gov, source: "https://example.org/m"}}
  - {{id: m2, name: Member Two, party: gov, source: "https://example.org/m"}}
events:
  - {{date: 2022-02-01, kind: defect, party: gov, members: [m1, m2], to: opposition, source: "https://example.org/d"}}
{later}motion: {{kind: no-confidence, target: The Prime Minister, moved: {moved}, vote: {vote}}}
{division}"""

NOT_COUNTED = ("2023-02-24", "2023-03-01")  # between the opinion of 17 May 2022 and the review of 3 October 2024
COUNTED = ("2022-03-25", "2022-04-01")  # before the opinion
COUNTED_AGAIN = ("2025-02-24", "2025-03-01")  # after the review judgment


def _write(tmp_path: Path, when: tuple[str, str], *, division: str = "", later: str = "") -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(CHAMBER.format(moved=when[0], vote=when[1], division=division, later=later), encoding="utf-8")
    return path


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def _p_pass(yes_members: int, no_members: int) -> float:
    """P(at least 6 counted yes) by enumerating every vote: a committed yes votes yes with 0.98 (else stays
    away), a committed no votes yes with 0.01 (else no), each on their own (committed stances have no cohesion);
    the two who crossed, where their votes are not counted, add nothing whatever they do, and nor does a yes of
    the party's members who stayed (against its direction, no): there ``no_members`` is 0, and the opposition's 5
    alone cannot reach 6."""
    p = 0.0
    for votes in itertools.product((0, 1), repeat=yes_members + no_members):
        prob = 1.0
        for i, v in enumerate(votes):
            q = 0.98 if i < yes_members else 0.01
            prob *= q if v else 1 - q
        if sum(votes) >= 6:
            p += prob
    return p


def test_the_state_names_the_seats_that_crossed_and_forgets_them_once_back(tmp_path: Path) -> None:
    later = ("  - {date: 2022-06-01, kind: switch-side, party: gov, members: [m1], to: government, "
             "source: \"https://example.org/b\"}\n")
    sc = load_scenario(_write(tmp_path, NOT_COUNTED, later=later))
    (c,) = sc.state(dt.date(2022, 3, 1)).crossed
    assert (c.party, c.side, c.seats, c.party_side, c.members) == ("gov", "opposition", 2, "government", ("m1", "m2"))
    (c,) = sc.state(dt.date(2022, 6, 1)).crossed  # m1 went back: one seat still crossed
    assert (c.seats, c.members) == (1, ("m2",))
    assert sc.state(dt.date(2022, 1, 15)).crossed == ()


def test_a_whole_party_changing_sides_has_crossed_nobody(tmp_path: Path) -> None:
    later = "  - {date: 2022-06-01, kind: switch-side, party: gov, to: opposition, source: \"https://example.org/b\"}\n"
    sc = load_scenario(_write(tmp_path, NOT_COUNTED, later=later))
    assert sc.state(dt.date(2022, 6, 1)).crossed == ()


@pytest.mark.parametrize(("when", "counted"), [(NOT_COUNTED, False), (COUNTED, True), (COUNTED_AGAIN, True)])
def test_count_leaves_out_the_crossed_votes_only_where_the_rule_says_so(
        tmp_path: Path, run_cli: Callable[..., CliResult], when: tuple[str, str], counted: bool) -> None:
    out = _json(run_cli("count", str(_write(tmp_path, when)), "--json"))
    assert out["needed"] == 6
    assert out["committed_yes"] == (7 if counted else 5)
    assert out["short"] == (0 if counted else 1)
    crossed = out["crossed"]
    assert (crossed["seats"], crossed["counted"], crossed["votes"]) == (2, counted, "for")
    assert crossed["members"] == ["Member One", "Member Two"]
    if not counted:
        assert crossed["rule"].startswith("Supreme Court opinion on Art. 63A")
        assert any("2 members who crossed the floor (Member One, Member Two): their votes for the motion are not "
                   "counted" in n for n in out["notes"])


@pytest.mark.parametrize(("when", "yes_members", "no_members"), [(NOT_COUNTED, 5, 0), (COUNTED, 7, 4)])
def test_forecast_exact_and_monte_carlo_match_the_enumeration(
        tmp_path: Path, run_cli: Callable[..., CliResult], when: tuple[str, str], yes_members: int,
        no_members: int) -> None:
    path = str(_write(tmp_path, when))
    truth = _p_pass(yes_members, no_members)
    exact = _json(run_cli("forecast", path, "--json", "--method", "exact"))
    assert exact["p_pass"] == pytest.approx(truth, abs=1e-12)
    sims = 400_000
    drawn = _json(run_cli("forecast", path, "--json", "--method", "monte-carlo", "--seed", "7", "--sims", str(sims)))
    assert abs(drawn["p_pass"] - truth) <= 5 * math.sqrt(truth * (1 - truth) / sims)


def test_no_pivot_counts_on_votes_that_cannot_count(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = str(_write(tmp_path, NOT_COUNTED))
    apart = [p for p in _json(run_cli("count", path, "--json"))["positions"] if p["key"].endswith("/crossed")]
    assert [(p["seats"], p["stance"]) for p in apart] == [(2, "abstain")]
    out = _json(run_cli("forecast", path, "--json", "--method", "exact"))
    assert out["pivotal"]
    assert all(not p["bloc"].endswith("/crossed") for p in out["pivotal"])


def test_what_if_keeps_the_crossed_votes_uncounted(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = str(_write(tmp_path, NOT_COUNTED))
    out = _json(run_cli("what-if", path, "--absent", "opp:1", "--json"))
    base, away = out["runs"]
    assert base["p_pass"] == pytest.approx(_p_pass(5, 0), abs=1e-12)
    assert away["p_pass"] == pytest.approx(_p_pass(4, 0), abs=1e-12)
    r = run_cli("what-if", path, "--switch", "gov:5")  # 4 of its seats vote; the 2 crossed cannot be moved
    assert r.code != 0
    assert "only 4 seats" in r.err


@pytest.mark.parametrize(("when", "margin", "counted"), [(NOT_COUNTED, -1, 5), (COUNTED, 1, 7)])
def test_tally_and_compare_margins(tmp_path: Path, run_cli: Callable[..., CliResult], when: tuple[str, str],
                                   margin: int, counted: int) -> None:
    path = str(_write(tmp_path, when))
    out = _json(run_cli("tally", path, "--on", when[1], "--json"))
    assert out["sides"]["opposition"] == 7
    assert out["counted"]["opposition"] == counted
    assert out["margins"]["opposition"] == margin
    table = run_cli("compare", path, "--on-a", when[1], "--on-b", "2022-01-15")
    assert f"7 ({margin:+d})" in table.out


@pytest.mark.parametrize(("when", "passed", "counted_yes"), [(NOT_COUNTED, False, 5), (COUNTED, True, 7)])
def test_outcome_of_a_division_with_defectors(tmp_path: Path, run_cli: Callable[..., CliResult],
                                              when: tuple[str, str], passed: bool, counted_yes: int) -> None:
    division = "division: {yes: 7, no: 4, defectors: 2, source: \"https://example.org/v\"}\n"
    out = _json(run_cli("outcome", str(_write(tmp_path, when, division=division)), "--json"))
    outcome = out["motions"][0]["outcome"]
    assert (outcome["passed"], outcome["counted_yes"]) == (passed, counted_yes)


def test_more_defectors_than_yes_votes_is_an_error_naming_the_field(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    division = "division: {yes: 1, no: 4, defectors: 2, source: \"https://example.org/v\"}\n"
    path = _write(tmp_path, NOT_COUNTED, division=division)
    r = run_cli("outcome", str(path))
    assert r.code != 0
    line = path.read_text(encoding="utf-8").splitlines().index(division.strip()) + 1
    assert f"{path}:{line}: division.defectors: expected at most the division's 1 yes" in r.err
    assert "Traceback" not in r.err


def test_what_if_counts_again_once_the_party_follows_and_not_a_part_moved_against_it(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """The whole party switching makes its direction the crossed members' own: all 11 vote yes and count.
    One of the party's four switching goes against the three who stay: not counted, and the no it would have
    cast is gone too (the three's own 1% chance of a yes is set apart as well)."""
    out = _json(run_cli("what-if", str(_write(tmp_path, NOT_COUNTED)), "--switch", "gov", "--json"))
    assert out["runs"][1]["committed_yes"] == 11
    assert out["runs"][1]["p_pass"] == pytest.approx(_p_pass(11, 0), abs=1e-12)
    out = _json(run_cli("what-if", str(_write(tmp_path, NOT_COUNTED)), "--switch", "gov:1", "--json"))
    assert out["runs"][1]["committed_yes"] == 5
    assert out["runs"][1]["p_pass"] == pytest.approx(_p_pass(5, 0), abs=1e-12)
    assert any("1 the what-if moves against the rest of their party" in n for n in out["notes"])
    out = _json(run_cli("what-if", str(_write(tmp_path, COUNTED)), "--switch", "gov:1", "--json"))
    assert out["runs"][1]["committed_yes"] == 8


def test_the_dashboard_and_the_report_leave_the_crossed_votes_out(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    from fastapi.testclient import TestClient

    from whipcount.storage import Store
    from whipcount.web.app import create_app

    path = _write(tmp_path, NOT_COUNTED)
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        store.save_scenario(load_scenario(path))
        app = create_app(store.url, store=store, secret="test-secret-" + "x" * 40, public_read=True, fail_delay=0.0)
        board = TestClient(app).get("/api/scenarios/small-crossing/dashboard?on=2023-03-01").json()
        assert (board["yes"], board["magic_number"], board["short_by"]) == (5, 6, 1)
        assert any("who crossed the floor" in n for n in board["notes"])
    finally:
        store.close()
    r = run_cli("report", str(path), "-o", str(tmp_path / "report.html"))
    assert r.code == 0, r.err
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "The opposition is 1 short of the 6 needed." in html


@pytest.mark.parametrize(("when", "weights", "banzhaf"), [
    (NOT_COUNTED, {"gov@government": 4, "opp": 5}, ["1/2", "1/2"]),  # 4 + 5 alone reach 6: both veto
    (COUNTED, {"gov@government": 4, "gov@opposition": 2, "opp": 5}, ["1/3"] * 3),  # any two reach 6
])
def test_power_leaves_the_crossed_seats_out_of_the_game(tmp_path: Path, run_cli: Callable[..., CliResult],
                                                      when: tuple[str, str], weights: dict[str, int],
                                                      banzhaf: list[str]) -> None:
    out = _json(run_cli("power", str(_write(tmp_path, when)), "--json"))
    assert dict(zip(out["players"], out["weights"], strict=True)) == weights
    assert out["quota"] == 6
    assert [b["exact"] for b in out["indices"]["banzhaf"]] == banzhaf
