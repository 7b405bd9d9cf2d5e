"""A scenario's references into its rules profile that hold on no day, or not on the day a command asks for.

Israel's Basic Law: The Government (2001) replaced the plain motion of no confidence with a constructive one from
the elections of 28 January 2003 (s. 28); the bundled ``il-knesset`` profile has the plain motion from 13 August
1968 to 27 January 2003. A no-confidence motion voted in 2026 under it could never be judged, so the file is
refused when it is read, at its line and field, saying what the profile has that day and when the motion it
names was in force. Where the kind holds on some of the scenario's days but not on the one a command asks for
(the vote, ``--on``, a further motion's vote), every command says so naming the motion's ``kind`` (or
``round``, or for a scenario without a motion ``chamber.rules``) with its line, as the dashboard and the
JSON API do with the scenario's id. Before, each said ``il-knesset: no no-confidence rule in force on ...``,
which named neither the file nor a field of it. The periods of the constitution ``timed.yaml`` below are the
test's own: the expected dates are read from it by hand (an ``end`` is the day after the last in force)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult, make_web_store
from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario

TIMED = """\
id: timed
name: Timed House
seats:
  - {seats: 100, start: 2000-01-01, end: 2012-01-01, source: "https://example.org/seats"}
motions:
  - kind: no-confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/one"}
    start: 2000-01-01
    end: 2010-01-01
    defection:
      - {start: 2000-01-01, end: 2005-01-01, counted: false, source: {article: "Art. 9", url: "https://example.org/d"}}
  - kind: constructive-no-confidence
    threshold: {basis: total}
    successor: true
    source: {article: "Art. 2", url: "https://example.org/two"}
    start: 2010-01-01
  - kind: pm-election
    threshold: {basis: total}
    source: {article: "Art. 3", url: "https://example.org/three"}
    start: 2000-01-01
    end: 2015-01-01
  - kind: pm-election
    threshold: {basis: total}
    source: {article: "Art. 3", url: "https://example.org/three"}
    start: 2015-01-01
    runoff: {threshold: {basis: plurality}, among: 2}
"""

PARTIES = """\
parties:
  - {id: a, name: A, seats: 50, side: government, source: "https://example.org/a"}
  - {id: b, name: B, seats: 50, side: opposition, source: "https://example.org/b"}
"""


def _scenario(sid: str, rules: str, as_of: str, motion: str, seats: int = 100) -> str:
    return (f"id: {sid}\ntitle: {sid}\nchamber:\n  name: House\n  rules: {rules}\n  seats: {seats}\n"
            f"  as_of: {as_of}\n" + PARTIES.replace("50,", f"{seats // 2},") + motion)


# the lines, counted by hand: id 1, title 2, chamber 3 (name 4, rules 5, seats 6, as_of 7), parties 8-10, and the
# motion from 11 (its kind on 12)
KNESSET = _scenario("knesset-2026", "il-knesset", "2026-11-07",
                    "motion:\n  kind: no-confidence\n  target: the Prime Minister\n  vote: 2026-12-17\n", seats=120)
LATER = _scenario("later", "timed.yaml", "2009-06-01", "motion:\n  kind: no-confidence\n  target: PM\n  vote: 2010-06-01\n")
RUNOFF = _scenario("runoff", "timed.yaml", "2014-06-01",
                   "motion:\n  kind: pm-election\n  successor: X\n  vote: 2015-06-01\n  round: 2\n")
NO_MOTION = _scenario("no-motion", "timed.yaml", "1999-06-01", "events:\n  - {date: 2000-06-01, kind: switch-side, "
                      "party: a, seats: 1, to: opposition, source: \"https://example.org/e\"}\n")
FURTHER = _scenario("further", "timed.yaml", "2009-06-01", "motion: {kind: no-confidence, target: PM, vote: 2009-09-01}\n"
                    "motions:\n  - id: second\n    kind: no-confidence\n    vote: 2010-03-01\n")

NOT_SINCE_2003 = ("knesset-2026.yaml:12: motion.kind: il-knesset has no no-confidence rule in force on any day from "
                  "2026-11-07 to 2026-12-17: expected a kind in force on 2026-12-17, the motion's vote "
                  "(constructive-no-confidence, investiture), or a date when no-confidence is in force (1968-08-13 to "
                  "2003-01-27)")
TIMED_NAMED = "timed (read from timed.yaml)"
NC_2010 = (f"later.yaml:12: motion.kind: {TIMED_NAMED} has no no-confidence rule in force on 2010-06-01: expected a "
           "kind in force that day (constructive-no-confidence, pm-election), or a date when no-confidence is in force "
           "(2000-01-01 to 2009-12-31)")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scenarios beside ``timed.yaml``, the current folder, so that each file is named as a user gives it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "timed.yaml").write_text(TIMED, encoding="utf-8")
    for sid, text in (("knesset-2026", KNESSET), ("later", LATER), ("runoff", RUNOFF), ("no-motion", NO_MOTION),
                      ("further", FURTHER)):
        (tmp_path / f"{sid}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _error(r: CliResult, args: tuple[str, ...]) -> str:
    """The one-line error of a command that failed, without what a chart adds before it (``forecast chart of
    later: ``)."""
    assert r.code == 1, (args, r.out[:300])
    assert "Traceback" not in r.err
    said = json.loads(r.err)["error"] if "--json" in args else r.err.removeprefix("error: ").strip()
    return re.sub(r"^forecast chart of [\w-]+: ", "", said) if "forecast" in args else said


# every command that reads a scenario, as it is given one (S: the scenario's path; O: a file to write)
COMMANDS = [("tally", "S"), ("tally", "S", "--json"), ("count", "S"), ("forecast", "S"), ("outcome", "S"),
            ("outcome", "S", "--json"), ("what-if", "S", "--switch", "b:1"), ("compare", "S", "S"), ("cases", "S"),
            ("power", "S"), ("coalitions", "S"), ("chart", "S", "--kind", "forecast", "-o", "O.svg"),
            ("chart", "S", "--kind", "hemicycle", "--by", "stance", "-o", "O.svg"), ("report", "S", "-o", "O.html"),
            ("demo", "--scenario", "S", "-o", "O.html")]


def _run(command: tuple[str, ...], sid: str, *more: str) -> tuple[str, ...]:
    """The command's arguments: ``S`` the scenario's file, ``O.svg`` a file to write."""
    return tuple(f"{sid}.yaml" if a == "S" else a.replace("O", "out") if a.startswith("O.") else a
                 for a in (*command, *more))


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_kind_the_profile_has_on_no_day_of_the_scenario_is_refused_at_its_line(
        run_cli: Callable[..., CliResult], folder: Path, command: tuple[str, ...]) -> None:
    args = _run(command, "knesset-2026")
    said = _error(run_cli(*args), args)
    assert said == NOT_SINCE_2003, said
    assert not (folder / "out.svg").exists() and not (folder / "out.html").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_vote_on_a_day_without_its_rule_names_the_motion_s_kind_and_line(
        run_cli: Callable[..., CliResult], folder: Path, command: tuple[str, ...]) -> None:
    args = _run(command, "later")
    said = _error(run_cli(*args), args)
    assert said == NC_2010, said


def test_the_days_the_rule_holds_are_counted(run_cli: Callable[..., CliResult], folder: Path) -> None:
    r = run_cli("tally", "later.yaml", "--on", "2009-12-31", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["needed"] == 51  # a majority of the total membership of 100


def test_a_day_outside_every_seat_period_counts_the_scenario_s_own_seats(
        run_cli: Callable[..., CliResult], folder: Path) -> None:
    """The profile fixes the chamber's size only to 2011: a scenario of 2013 gives its own 100 seats, which are
    counted (a majority of 100 is 51), with no error and no note on a size the profile does not give."""
    text = _scenario("after", "timed.yaml", "2013-01-01", "motion: {kind: constructive-no-confidence, vote: 2013-06-01}\n")
    (folder / "after.yaml").write_text(text, encoding="utf-8")
    for command in ("tally", "count", "outcome"):
        r = run_cli(command, "after.yaml", "--json")
        assert r.code == 0, r.err
        out = json.loads(r.out)
        need = out["needed"] if command in ("tally", "count") else \
            out["motions"][0]["needed"]["count"]
        assert need == 51 and "fixes" not in r.out, (command, r.out[:400])


ON = [("tally", "S"), ("count", "S"), ("forecast", "S"), ("outcome", "S"), ("what-if", "S", "--switch", "b:1"),
      ("power", "S"), ("coalitions", "S"), ("chart", "S", "--kind", "forecast", "-o", "O.svg")]

RUNOFF_2014 = (f"runoff.yaml:15: motion.round: the pm-election rule of {TIMED_NAMED} has no run-off on 2014-07-01: "
               "expected round 1, or a date when its rule has one (2015-01-01 to today)")
NO_MOTION_1999 = (f"no-motion.yaml:5: chamber.rules: {TIMED_NAMED} has no motion in force on 1999-07-01: expected a "
                  "date when one is (no-confidence 2000-01-01 to 2009-12-31; constructive-no-confidence 2010-01-01 to "
                  "today; pm-election 2000-01-01 to today)")
KIND_MARCH = (f"later.yaml:12: motion.kind: {TIMED_NAMED} has no no-confidence rule in force on 2010-03-01: expected a "
             "kind in force that day (constructive-no-confidence, pm-election), or a date when no-confidence is in "
             "force (2000-01-01 to 2009-12-31)")


@pytest.mark.parametrize(("sid", "on", "expected"), [("runoff", "2014-07-01", RUNOFF_2014),
                                                     ("no-motion", "1999-07-01", NO_MOTION_1999),
                                                     ("later", "2010-03-01", KIND_MARCH)],
                         ids=["run-off", "no motion", "kind"])
@pytest.mark.parametrize("command", ON, ids=" ".join)
def test_an_on_date_without_the_rule_names_the_field_that_asks_for_it(
        run_cli: Callable[..., CliResult], folder: Path, command: tuple[str, ...], sid: str, on: str,
        expected: str) -> None:
    if sid == "no-motion" and command[0] in ("count", "forecast", "outcome", "what-if", "chart"):
        pytest.skip("counts, forecasts and judges a motion: the scenario has none (its own error)")
    args = _run(command, sid, "--on", on)
    said = _error(run_cli(*args), args)
    assert said == expected, said


def test_compare_on_two_dates_names_the_one_without_the_rule(run_cli: Callable[..., CliResult], folder: Path) -> None:
    args = ("compare", "later.yaml", "--on-a", "2009-07-01", "--on-b", "2010-03-01")
    assert _error(run_cli(*args), args) == KIND_MARCH


FURTHER_2010 = (f"further.yaml:14: motions[0].kind: {TIMED_NAMED} has no no-confidence rule in force on 2010-03-01: "
                "expected a kind in force that day (constructive-no-confidence, pm-election), or a date when "
                "no-confidence is in force (2000-01-01 to 2009-12-31)")


@pytest.mark.parametrize("command", [("count", "S"), ("forecast", "S"), ("what-if", "S", "--switch", "b:1"),
                                     ("power", "S"), ("chart", "S", "--kind", "forecast", "-o", "O.svg")],
                         ids=" ".join)
def test_a_further_motion_names_its_own_line(run_cli: Callable[..., CliResult], folder: Path,
                                             command: tuple[str, ...]) -> None:
    args = _run(command, "further", "--motion", "second")
    assert _error(run_cli(*args), args) == FURTHER_2010


def test_outcome_judges_every_motion_so_names_the_further_one(run_cli: Callable[..., CliResult], folder: Path) -> None:
    args = ("outcome", "further.yaml")
    assert _error(run_cli(*args), args) == FURTHER_2010


# -- refused when read ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    (_scenario("s", "timed.yaml", "2012-01-01", "motion:\n  kind: pm-election\n  vote: 2012-06-01\n  round: 2\n"),
     f"s.yaml:14: motion.round: the pm-election rule of {TIMED_NAMED} has no run-off on any day from 2012-01-01 to "
     "2012-06-01: expected round 1, or a date when its rule has one (2015-01-01 to today)"),
    (_scenario("s", "timed.yaml", "1998-06-01", ""),
     f"s.yaml:5: chamber.rules: {TIMED_NAMED} has no motion in force on 1998-06-01: expected a date when one is "
     "(no-confidence 2000-01-01 to 2009-12-31; constructive-no-confidence 2010-01-01 to today; pm-election "
     "2000-01-01 to today)"),
    (_scenario("s", "timed.yaml", "2020-01-01", "motion: {kind: constructive-no-confidence, vote: 2020-02-01}\n"
               "motions:\n  - {id: old, kind: no-confidence, vote: 2020-03-01}\n"),
     f"s.yaml:13: motions[0].kind: {TIMED_NAMED} has no no-confidence rule in force on any day from 2020-01-01 to "
     "2020-03-01: expected a kind in force on 2020-03-01, the motion's vote (constructive-no-confidence, "
     "pm-election), or a date when no-confidence is in force (2000-01-01 to 2009-12-31)"),
    (_scenario("s", "timed.yaml", "2006-01-01", "motion: {kind: no-confidence, vote: 2006-03-01}\n"
               "division: {yes: 52, no: 48, defectors: 3}\n"),
     f"s.yaml:12: division.defectors: the no-confidence rule of {TIMED_NAMED} in force on 2006-03-01 does not say "
     "whether the 3 votes cast against the party's direction count that day: expected a vote on a day its periods "
     "cover (2000-01-01 to 2004-12-31), or no defectors"),
    (_scenario("s", "timed.yaml", "2012-01-01", "motion: {kind: pm-election, vote: 2012-06-01}\n"
               "division: {yes: 52, no: 48, defectors: 3}\n"),
     f"s.yaml:12: division.defectors: the pm-election rule of {TIMED_NAMED} in force on 2012-06-01 has no defection "
     "rule: expected no defectors, got 3"),
], ids=["run-off", "no motion", "further motion", "defectors", "defectors without a defection rule"])
def test_a_reference_that_holds_on_no_day_is_refused_when_read(folder: Path, text: str, expected: str) -> None:
    (folder / "s.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario("s.yaml")
    assert str(caught.value) == expected


def test_the_bundled_profile_s_case_is_refused_in_python_too(folder: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("knesset-2026.yaml")
    assert str(caught.value) == NOT_SINCE_2003


# -- the dashboard and its API: the scenario's id and the field --------------------------------------------
@pytest.fixture
def client(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from whipcount.web.app import create_app

    store = make_web_store(folder, monkeypatch, {})
    store.save_scenario(load_scenario(folder / "later.yaml"))
    gone = load_scenario(folder / "further.yaml")  # its profile renamed to one no package registers
    store.save_scenario(dataclasses.replace(gone, id="gone", constitutions=(),
                                            chamber=dataclasses.replace(gone.chamber, rules="gone-profile")))
    app = create_app(store.url, store=store, secret="in-force-" + "x" * 40, fail_delay=0.0, public_read=True,
                     seed_scenario=None)
    yield TestClient(app)
    store.close()


WEB_2010 = ("scenario later, motion no-confidence: kind: timed (read from later: constitutions[0] (timed)) has no "
            "no-confidence rule in force on 2010-06-01: expected a kind in force that day (constructive-no-confidence, "
            "pm-election), or a date when no-confidence is in force (2000-01-01 to 2009-12-31)")


def test_the_dashboard_its_api_and_compare_name_the_scenario_and_field(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    board = client.get("/api/scenarios/later/dashboard").json()
    assert board["problems"] == [WEB_2010] and board["magic_number"] is None
    assert client.get("/api/scenarios/later/dashboard", params={"on": "2009-12-31"}).json()["magic_number"] == 51
    both = client.get("/api/compare", params={"a": "later", "b": "later", "on_a": "2009-12-31"}).json()
    assert (both["a"]["problems"], both["b"]["problems"]) == ([], [WEB_2010])
    page = client.get("/compare", params={"a": "later", "b": "later", "on_a": "2009-12-31"}).text
    assert f"B: {WEB_2010}" in page.replace("&#39;", "'").replace("&#x27;", "'")
    gone = client.get("/api/scenarios/gone/dashboard").json()["problems"]
    assert gone[0].startswith("scenario gone: chamber.rules: unknown rules profile 'gone-profile'"), gone


def test_the_readme_quotes_the_error_as_printed() -> None:
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"`{NOT_SINCE_2003.replace('knesset-2026.yaml', 's.yaml')}`" in readme
