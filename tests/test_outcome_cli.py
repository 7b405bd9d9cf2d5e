"""``whipcount outcome`` and ``whipcount rules``: the command line over the rules engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


def test_outcome_bundled_scenario_judges_both_motions(run_cli: Run) -> None:
    r = run_cli("outcome", "pk-na-2022", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    kinds = [m["kind"] for m in data["motions"]]
    assert kinds == ["no-confidence", "pm-election"]
    nc, pm = (m["outcome"] for m in data["motions"])
    assert nc["passed"] is True and nc["needed"] == 172 and nc["basis"] == "total"
    assert "Art. 95(4)" in nc["explanation"] and "ceases to hold office" in nc["explanation"]
    assert pm["passed"] is True and pm["needed"] == 172 and "Art. 91(4)" in pm["explanation"]


def test_outcome_text(run_cli: Run) -> None:
    r = run_cli("outcome", "pk-na-2022")
    assert r.code == 0
    assert ("174 in favour; 172 needed: a majority of the total membership of 342 (the 1 vacant seat included), "
            "Art. 95(4)") in r.out


def test_outcome_before_the_vote_dismissed_then_restored(run_cli: Run) -> None:
    r = run_cli("outcome", "pk-na-2022", "--on", "2022-04-05", "--json")
    st = json.loads(r.out)["motions"][0]["status"]
    assert st["state"] == "dismissed" and st["since"] == "2022-04-03" and "Deputy Speaker" in st["by"]
    r = run_cli("outcome", "pk-na-2022", "--on", "2022-04-08", "--json")
    first, second = json.loads(r.out)["motions"]
    st = first["status"]
    assert st["state"] == "restored" and st["since"] == "2022-04-07" and st["pending"]
    assert "Supreme Court" in st["by"] and "vote pending" in st["summary"]
    assert any("Art. 58" in b for b in st["bars"])
    # Art. 95(2): moved on 28 March, so no later than 7 days after: 4 April.
    assert {"label": st["deadlines"][1]["label"], "date": "2022-04-04"} == st["deadlines"][1]
    assert first["needed"]["count"] == 172
    # The PM election has no filing of its own: not touched by the rulings on the resolution.
    assert second["status"]["state"] == "scheduled"


def test_outcome_on_a_vote_day_without_a_division_says_so(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    assert run_cli("new", str(path)).code == 0  # a vote date, no division
    _vote_yesterday(path)  # the skeleton's vote is ahead of today: held yesterday here
    r = run_cli("outcome", str(path))
    assert r.code == 0 and "PASSED" not in r.out and "FAILED" not in r.out
    assert "no division is recorded" in " ".join(r.out.split())
    motion = json.loads(run_cli("outcome", str(path), "--json").out)["motions"][0]
    assert "outcome" not in motion and "division:" in motion["no_division"]
    before = json.loads(run_cli("outcome", "pk-na-2022", "--on", "2022-04-08", "--json").out)["motions"][0]
    assert "no_division" not in before  # before the vote there is nothing to record yet
    judged = json.loads(run_cli("outcome", "pk-na-2022", "--json").out)["motions"][0]
    assert "no_division" not in judged and judged["outcome"]["passed"] is True


def _vote_yesterday(path: Path) -> None:
    import datetime as dt

    text = path.read_text(encoding="utf-8")
    vote = text.split("  vote: ")[1][:10]
    path.write_text(text.replace(f"  vote: {vote}", f"  vote: {dt.date.today() - dt.timedelta(days=1)}"),
                    encoding="utf-8")


def test_outcome_without_a_file(run_cli: Run) -> None:
    r = run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174", "--seats", "342",
                "--vacancies", "1", "--json")
    assert r.code == 0
    d = json.loads(r.out)
    assert {"passed", "needed", "basis", "motion", "rules", "explanation"} <= set(d)
    assert (d["passed"], d["needed"], d["basis"], d["motion"], d["rules"]) == (True, 172, "total", "no-confidence", "pk-na")


def test_outcome_seats_default_to_the_profile_on_the_date(run_cli: Run) -> None:
    r = run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "107", "--on", "1989-11-01",
                "--json")
    d = json.loads(r.out)
    assert d["seats"] == 237 and d["needed"] == 119 and d["passed"] is False


def test_outcome_with_a_custom_constitution_file(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nname: Mine\nseats: 10\nmotions:\n  - kind: confidence\n"
        "    threshold: {basis: total, fraction: '2/3', strict: false}\n"
        "    source: {article: 'Art. 1', url: 'https://example.org'}\n", encoding="utf-8")
    r = run_cli("outcome", "--rules", str(path), "--motion", "confidence", "--yes", "7", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["needed"] == 7  # at least 2/3 of 10 = 6.67 -> 7


@pytest.mark.parametrize(
    "args,message",
    [
        (["--rules", "xx", "--motion", "no-confidence", "--yes", "1"], "unknown rules profile 'xx'"),
        (["--rules", "pk-na", "--motion", "impeachment", "--yes", "1"], "unknown motion kind 'impeachment'"),
        (["--rules", "pk-na", "--motion", "no-confidence", "--yes", "400", "--seats", "342"],
         "the counts add up to 400"),
        (["--rules", "pk-na", "--motion", "no-confidence", "--yes", "-3"], "Invalid value for '--yes': expected a whole number from 0 to 100,000, got -3"),
        (["--rules", "pk-na", "--motion", "no-confidence", "--yes", "1", "--seats", "0"], "Invalid value for '--seats': expected a whole number from 1 to 100,000, got 0"),
        (["--rules", "gb-hc", "--motion", "no-confidence", "--yes", "3"], "needs the number of noes"),
        (["--rules", "pk-na", "--motion", "no-confidence"], "give a SCENARIO"),
        (["--rules", "./missing.yaml", "--motion", "no-confidence", "--yes", "1"], "no such constitution file"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(run_cli: Run, args: list[str], message: str) -> None:
    r = run_cli("outcome", *args)
    assert r.code == 1
    assert message in r.err
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_rules_list_and_show(run_cli: Run) -> None:
    r = run_cli("rules", "list", "--json")
    assert r.code == 0
    ids = {p["id"] for p in json.loads(r.out)["profiles"]}
    assert {"pk-na", "de-bt", "se-riksdag", "pk-pa-kp"} <= ids
    r = run_cli("rules", "show", "pk-na", "--json", "--on", "2022-04-10")
    d = json.loads(r.out)
    nc = next(m for m in d["motions"] if m["kind"] == "no-confidence")
    assert nc["source"]["article"].startswith("Art. 95(4)") and nc["source"]["url"].startswith("https://")
    assert [p["counted"] for p in nc["defection"]] == [True, False, True]
    assert nc["movers"].startswith("at least 69 members")  # 20 % of 342 = 68.4
    r = run_cli("rules", "show", "pk-na")
    assert r.code == 0 and "Art. 95(4)" in r.out
    r = run_cli("rules", "show", "nowhere")
    assert r.code == 1 and "unknown rules profile" in r.err


TIMED = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 5, side: government, source: "https://example.org/r"}}
  - {{id: blue, name: Blue Party, seats: 6, side: opposition, source: "https://example.org/b"}}
events: [{events}]
motion:
  kind: no-confidence
  target: Someone
  moved: 2020-02-01
  vote: {vote}
  division: {{yes: 6, no: 5, source: "https://example.org/d"}}
"""
RULING = ('{date: 2020-02-06, kind: ruling, effect: dismiss, by: Deputy Speaker, source: "https://example.org/x"}, '
          '{date: 2020-02-09, kind: court-order, effect: restore, by: Supreme Court, source: "https://example.org/y"}')


@pytest.mark.parametrize(
    ("vote", "events", "within", "words"),
    [
        # Art. 95(2): not before 3 days nor later than 7 days after the motion is moved (1 February)
        ("2020-02-03", "", False, "came before the earliest day the rules allow, 2020-02-04"),
        ("2020-02-04", "", True, "held within the window"),
        ("2020-02-08", "", True, "held within the window"),
        ("2020-02-09", "", False, "came after the latest day the rules allow, 2020-02-08"),
        # dismissed and restored by the court: the vote is held on the date they set (Pakistan, April 2022)
        ("2020-02-11", RULING, True, "on the date set after 2 ruling(s) or court order(s)"),
    ],
)
def test_the_outcome_says_whether_the_vote_was_held_in_time(  # type: ignore[no-untyped-def]
    run_cli: Run, write_scenario, vote: str, events: str, within: bool, words: str
) -> None:
    path = str(write_scenario(TIMED.format(vote=vote, events=events)))
    r = run_cli("outcome", path, "--json")
    assert r.code == 0, r.err
    timing = json.loads(r.out)["motions"][0]["timing"]
    assert timing["within_window"] is within and words in timing["text"]
    assert (timing["earliest"], timing["latest"]) == ("2020-02-04", "2020-02-08")
    text = run_cli("outcome", path).out
    assert words in " ".join(text.split())


def test_pakistan_2022_was_voted_on_the_date_the_court_set(run_cli: Run) -> None:
    # moved 28 March 2022; Art. 95(2) closed the window on 4 April; dismissed 3 April, restored 7 April,
    # voted just after midnight on 10 April
    data = json.loads(run_cli("outcome", "pk-na-2022", "--json").out)
    timing = data["motions"][0]["timing"]
    assert timing["latest"] == "2022-04-04" and timing["within_window"] is True
    assert "after 2 ruling(s) or court order(s)" in timing["text"]


def test_rules_show_states_every_tie_rule_and_quorum(run_cli: Run, tmp_path: Path) -> None:
    """A casting vote and a quorum written in a user's own constitution (and every built-in one) are
    printed, not only in --json."""
    from whipcount.rules import all_constitutions

    own = tmp_path / "own.yaml"
    own.write_text("""id: own
name: Own Diet
country: Nowhere
seats: 101
motions:
  - kind: confidence
    threshold: {basis: votes-cast, fraction: "1/2", strict: true, tie: casting-vote, tie_convention: "yes",
                tie_note: "the chair sustains the government", quorum: {fraction: "1/3"}}
    source: {article: "Art. 12", url: "https://example.org/c#12"}
""", encoding="utf-8")
    text = " ".join(run_cli("rules", "show", str(own)).out.split())
    assert "tie: the presiding officer's casting vote decides; by convention it goes yes" in text
    assert "the chair sustains the government" in text and "quorum: a quorum of 34" in text  # 101 / 3 -> 34
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        shown = run_cli("rules", "show", c.id).out
        casting = [m for m in c.motions if m.threshold.tie == "casting-vote"]
        quorate = [m for m in c.motions if m.threshold.quorum is not None]
        assert shown.count("tie: the presiding officer's casting vote decides") == len(casting), c.id
        assert shown.count("  quorum: ") == len(quorate), c.id


def test_members_present_but_not_voting_count_for_the_quorum_and_not_in_the_basis(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Italy's Senate (Art. 94, before 2022's reform of its size): 100 for, 90 against and 5 abstaining are
    195 taking part; a majority of them is 98 (abstentions count against). The 70 present but not voting
    count toward the quorum of 162 of 322 (265 present) and not in the 195, and the explanation says so."""
    r = run_cli("outcome", "--rules", "it-senate", "--on", "2010-01-01", "--motion", "confidence", "--yes", "100",
                "--no", "90", "--abstain", "5", "--present-not-voting", "70", "--seats", "322", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["needed"], out["passed"], out["quorum_met"]) == (98, True, True)
    assert "the 195 members present" in out["explanation"]
    assert ("a majority of the 195 members present (abstentions count against; the 70 present but not voting "
            "left out), Art. 94") in out["explanation"]


@pytest.mark.parametrize(("case", "words"), [
    # Dailymotion (iphoneapp.dailymotion.com/video/x4zrs2t), 29 October 2016: "De los 349 diputados que han votado, 170 han votado Sí, 111 No y
    # 68 se han abstenido": the 68 abstainers voted in the Congress's sense; a simple majority counts 170 + 111
    ("es-cd-2016", "141 needed: a majority of the 281 votes cast (the 68 abstaining left out), Art. 99(3)"),
    # Israel National News, 13 June 2021: 60 for, 59 against, "MK Said al-Harumi ... abstained from the vote"
    ("il-knesset-2021", "60 needed: a majority of the 119 votes cast (the 1 abstaining left out), s. 13(d)"),
])
def test_a_majority_of_the_votes_cast_says_the_abstainers_are_left_out(run_cli: Run, case: str, words: str) -> None:
    """A chamber's record counts its abstainers among those who voted (349 in Spain, 120 in the Knesset); a bar of
    "the 281 votes cast" reads as a count contradicting it unless the words say the abstainers are not in it."""
    r = run_cli("outcome", case)
    assert r.code == 0, r.err
    assert words in " ".join(r.out.split())


def test_abstainers_are_left_out_of_the_members_present_and_voting_but_not_of_the_members_present(
        run_cli: Run) -> None:
    """Punjab, Art. 130(4), first proviso (a second poll by a majority of the members present and voting): 90
    and 80 for the two candidates and 10 abstaining: 170 voting, 86 needed, the 10 left out. On Italy's members
    present (Art. 94 before 2022) abstentions count against, which the words already say."""
    r = run_cli("outcome", "--rules", "pk-pa-punjab", "--motion", "pm-election", "--round", "2", "--yes", "90",
                "--no", "80", "--abstain", "10", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["needed"] == 86
    assert "a majority of the 170 members present and voting (the 10 abstaining left out)" in out["explanation"]
    r = run_cli("outcome", "--rules", "it-senate", "--on", "2010-01-01", "--motion", "confidence", "--yes", "100",
                "--no", "90", "--abstain", "5", "--seats", "322", "--json")
    assert "abstaining left out" not in json.loads(r.out)["explanation"]


def test_a_division_short_of_the_quorum_counts_those_present_not_voting_in_it(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """80 + 50 + 5 taking part and 26 present but not voting are 161 present, one short of more than half of
    322 (162): the 26 are among the 161 and out of the basis of 135, and the words say each where it applies."""
    rules = tmp_path / "q.yaml"
    rules.write_text('id: q\nname: Q\nseats: 322\nmotions:\n  - kind: confidence\n    threshold: {basis: present, '
                     'fraction: "1/2", strict: true, quorum: {fraction: "1/2", strict: true}}\n'
                     '    source: {article: "Art. 64", url: "https://example.org/64"}\n', encoding="utf-8")
    r = run_cli("outcome", "--rules", str(rules), "--motion", "confidence", "--yes", "80", "--no", "50", "--abstain",
                "5", "--present-not-voting", "26", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["quorum"], out["quorum_met"], out["passed"]) == (162, False, False)
    assert ("68 needed: a majority of the 135 members present (abstentions count against; the 26 present but not "
            "voting left out), Art. 64; only 161 present (the 26 present but not voting among them), short of a "
            "quorum of 162 (more than one half of 322): no valid decision") in out["explanation"]
    assert "lost" not in out["explanation"]  # short of a quorum, nothing is decided


def test_a_vote_set_after_today_is_not_reported_as_held(run_cli: Run, tmp_path: Path) -> None:
    # `whipcount new` sets the vote ten days after today's date with no division: until that day comes,
    # outcome tells where the motion stands today, not that a vote was held, and never asks for a division
    import datetime as dt

    path = tmp_path / "mine.yaml"
    assert run_cli("new", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    today = dt.date.today()
    vote = dt.date.fromisoformat(text.split("  vote: ")[1][:10])
    assert vote > today  # the premise: the skeleton's vote is ahead
    report = json.loads(run_cli("outcome", str(path), "--json").out)["motions"][0]
    assert report["status"]["on"] == today.isoformat()
    assert report["status"]["state"] != "voted" and report["status"]["pending"]
    assert "no_division" not in report and "outcome" not in report
    asked = json.loads(run_cli("outcome", str(path), "--on", vote.isoformat(), "--json").out)["motions"][0]
    assert "after today" in asked["no_division"] and "add the motion's `division:`" not in asked["no_division"]
    # a vote in the past with no division still asks for one
    _vote_yesterday(path)
    held = json.loads(run_cli("outcome", str(path), "--json").out)["motions"][0]
    assert held["status"]["state"] == "voted" and "add the motion's `division:`" in held["no_division"]


def test_rules_list_json_is_one_object_naming_the_profiles_it_skipped(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # it was a bare array, unlike every other command's object, and it dropped the table's "skipped:" lines
    from whipcount.rules import registry

    registry.all_constitutions()  # the registry loaded, then an outside package that failed to load
    broken = "entry point 'xx' (nowhere.rules:XX): No module named 'nowhere'"
    monkeypatch.setattr(registry, "_ERRORS", [broken])
    assert f"skipped: {broken}" in " ".join(run_cli("rules", "list").out.split())
    data = json.loads(run_cli("rules", "list", "--json").out)
    assert set(data) == {"profiles", "skipped"} and data["skipped"] == [broken]
    assert {"pk-na", "gb-hc", "de-bt"} <= {p["id"] for p in data["profiles"]}


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
def test_a_scenario_without_a_motion_is_said_to_have_none(run_cli: Run, write_scenario: Any, minimal_yaml: str,
                                                         json_flag: tuple[str, ...]) -> None:
    # no --motion was given, so none is named in the error (it said "--motion None: ... has no motion of that
    # kind or id"): the scenario has no motion to judge, as count and forecast say it
    path = write_scenario("\n".join(line for line in minimal_yaml.splitlines() if not line.startswith("motion:")))
    r = run_cli("outcome", str(path), *json_flag)
    assert r.code == 1 and r.out == ""
    assert "the scenario has no motion to judge (add 'motion:')" in r.err
    assert "None" not in r.err


def test_invalid_ballots_count_toward_the_quorum_and_not_toward_the_votes_cast(run_cli: Run) -> None:
    """Japan's House (465 seats; Art. 56(1): a third of the members, 155, make a quorum): 60 for, 50 against and
    50 invalid ballots are 160 present, a quorum; the bar is a majority of the 110 valid votes, 56. Without the
    invalid ballots only 110 would be present, short of 155."""
    r = run_cli("outcome", "--rules", "jp-hr", "--on", "2024-11-11", "--motion", "no-confidence", "--yes", "60",
                "--no", "50", "--invalid", "50", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["needed"], out["passed"], out["quorum_met"], out["invalid"]) == (56, True, True, 50)
    assert "60 in favour, 50 against, 50 invalid votes; 56 needed: a majority of the 110 votes cast (the 50 " \
           "invalid votes left out)" in out["explanation"]
    short = json.loads(run_cli("outcome", "--rules", "jp-hr", "--on", "2024-11-11", "--motion", "no-confidence",
                               "--yes", "60", "--no", "40", "--invalid", "50", "--json").out)
    assert short["quorum_met"] is False  # 150 present, the 50 among them
    assert "only 150 present (the 50 who cast an invalid vote among them), short of" in short["explanation"]


@pytest.mark.parametrize(("seats", "more", "args", "said"), [
    ("[{seats: 101, start: 2020-01-01}]", "", ("--on", "2019-06-01"),
     "error: my-parliament (read from own.yaml): the chamber's size on 2019-06-01 is not in the profile (it gives "
     "101 from 2020-01-01 to today); give the size with --seats N (seats= in Python), or --on a date it covers"),
    ("101", "start: 2020-01-01", ("--on", "2019-06-01"),
     "error: my-parliament (read from own.yaml): no no-confidence rule in force on 2019-06-01 (known for "
     "2020-01-01 to today)"),
])
def test_an_own_constitutions_errors_name_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli,  # type: ignore[no-untyped-def]
                                                   seats: str, more: str, args: tuple[str, ...], said: str) -> None:
    """``outcome --rules FILE``'s errors had named the profile's id alone (``my-parliament: ...``), which a
    user's own file shares with nothing on screen: the file is named, as the ``--motion`` error names it."""
    from constitutions import my_parliament

    monkeypatch.chdir(tmp_path)
    (tmp_path / "own.yaml").write_text(my_parliament(*([more] if more else []), seats=seats), encoding="utf-8")
    r = run_cli("outcome", "--rules", "./own.yaml", "--motion", "no-confidence", "--yes", "61", *args)
    assert r.code == 1 and r.out == ""
    assert r.err.strip() == said
