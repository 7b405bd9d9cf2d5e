"""The bundled cases replay to their record, judged as the record says; `cases`, `compare` and `scenarios`.

The record (tests/fixtures/cases/record.yaml) is typed in from each case's sources, not from whipcount's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from svg_seats import SVG, seat_circles
from whipcount.cli.new import template
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario
from whipcount.rules import scenario_kind
from whipcount.tally.cases import case_summary, judge_recorded, seats_changed_side

_RECORD_FILE = Path(__file__).parent / "fixtures" / "cases" / "record.yaml"
# the project's own reader: YAML 1.2, so `yes:` and `no:` are keys, not booleans
RECORD: dict[str, dict[str, Any]] = load_yaml_text(_RECORD_FILE.read_text(encoding="utf-8"), "record.yaml").data
CASES = sorted(RECORD)
MOTIONS = [(case, mid) for case in CASES for mid in RECORD[case]["motions"]]


@pytest.fixture(scope="module")
def loaded() -> dict[str, Scenario]:
    return {case: load_scenario(case) for case in CASES}


def test_the_library_is_broad_enough() -> None:
    bundled = bundled_scenarios()
    assert set(CASES) <= set(bundled) and len(bundled) >= 9
    countries = {case_summary(load_scenario(s)).country for s in bundled}
    assert len(countries) >= 6
    kinds = {scenario_kind(load_scenario(s)) for s in bundled}
    assert kinds >= {"no-confidence", "constructive-no-confidence", "investiture", "pm-election"}
    # not every case is a government falling: some main motion failed on the day, as the chamber declared it
    declared = {case: next(iter(RECORD[case]["motions"].values()))["passed"] for case in CASES}
    assert True in declared.values() and False in declared.values()


@pytest.mark.parametrize(("case", "motion_id"), MOTIONS)
def test_division_is_the_recorded_one(loaded: dict[str, Scenario], case: str, motion_id: str) -> None:
    record = RECORD[case]["motions"][motion_id]
    motion = next(m for m in loaded[case].motions if m.id == motion_id)
    assert motion.division is not None
    assert motion.division.yes == record["yes"]
    for field in ("no", "abstain"):
        if field in record:
            assert getattr(motion.division, field) == record[field]


@pytest.mark.parametrize(("case", "motion_id"), MOTIONS)
def test_outcome_is_judged_as_the_record_says(loaded: dict[str, Scenario], case: str, motion_id: str) -> None:
    record = RECORD[case]["motions"][motion_id]
    sc = loaded[case]
    motion = next(m for m in sc.motions if m.id == motion_id)
    outcome = judge_recorded(sc, motion)
    assert outcome is not None and motion.division is not None
    final = record.get("adjudicated", record)  # the result that stands: as later adjudicated, where it was
    assert outcome.passed is final["passed"], outcome.explanation
    if "needed" in final:
        assert outcome.needed == final["needed"], outcome.explanation
    if "elected" in final:
        assert outcome.elected == final["elected"], outcome.explanation
    if "adjudicated" in record:
        later = motion.division.as_adjudicated()
        assert later is not None and later.yes == final["yes"]
        assert final["by"] in motion.division.decisions()[-1].by


@pytest.mark.parametrize("case", CASES)
def test_every_figure_has_a_source_and_unverified_facts_say_why(loaded: dict[str, Scenario], case: str) -> None:
    sc = loaded[case]
    assert sc.chamber.sources and sc.sources
    for p in sc.parties:
        assert p.sources, f"{case}: party {p.id} has no source"
        assert p.verified or p.note, f"{case}: unverified party {p.id} without a note"
    for e in sc.events:
        assert e.sources, f"{case}: event {e.kind} on {e.date} has no source"
        assert e.verified or e.note, f"{case}: unverified event {e.kind} on {e.date} without a note"
    for m in sc.motions:
        assert m.division is not None and m.division.sources
    urls = [s.url for s in sc.chamber.sources] + [s.url for p in sc.parties for s in p.sources]
    assert all(u.startswith(("http://", "https://")) for u in urls)


@pytest.mark.parametrize("case", CASES)
def test_filing_and_vote_dates_and_moves_match_the_record(case: str) -> None:
    summary = case_summary(load_scenario(case))
    record = RECORD[case]
    assert (summary.filed, summary.vote) == (record["filed"], record["vote"])
    # no filing date recorded (de-bt-2025): no days from filing to vote
    assert summary.days == (None if record["filed"] is None else (record["vote"] - record["filed"]).days)
    assert summary.changed_side == record["changed_side"]


@pytest.mark.parametrize("case", CASES)
def test_the_summary_carries_the_main_motion_s_recorded_division(case: str) -> None:
    scenario = load_scenario(case)
    assert scenario.motion is not None and scenario.motion.division is not None
    record = RECORD[case]["motions"][scenario.motion.id]
    final = record.get("adjudicated", record)  # the result that stands
    summary = case_summary(scenario)
    assert summary.yes == final["yes"]
    for field in ("no", "abstain"):
        if field in final:
            assert getattr(summary, field) == final[field]
    assert summary.verified is scenario.motion.division.verified
    row = summary.to_dict()  # the --json row: dates as ISO text
    filed = RECORD[case]["filed"]
    assert (row["filed"], row["vote"]) == (filed and filed.isoformat(), RECORD[case]["vote"].isoformat())


def test_a_motion_not_yet_voted_has_no_division_in_its_summary(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(template("pk-na", "case.yaml", dt.date(2026, 12, 4)), encoding="utf-8")
    summary = case_summary(load_scenario(path))
    assert (summary.yes, summary.no, summary.abstain, summary.margin, summary.passed) == (None,) * 5
    assert summary.verified is False and summary.needed == 169  # 336 seats: a majority of the total is 169


def test_a_motion_without_a_vote_date_is_summed_up_on_the_scenario_s_own_date(tmp_path: Path) -> None:
    text = template("pk-na", "case.yaml", dt.date(2026, 12, 4))
    assert "  vote: 2026-12-14\n" in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace("  vote: 2026-12-14\n", ""), encoding="utf-8")
    summary = case_summary(load_scenario(path))
    assert summary.vote is None and summary.days is None
    assert (summary.seats, summary.needed) == (336, 169)


@pytest.mark.parametrize("case", [c for c in CASES if "whip_count" in RECORD[c]])
def test_whip_count_on_the_day_replays_the_party_vote(run_cli: Callable[..., Any], case: str) -> None:
    """Where the record gives the vote party by party, the whip count on the day gives the same totals."""
    count = json.loads(run_cli("count", case, "--json").out)
    expected = RECORD[case]["whip_count"]
    assert count["date"] == RECORD[case]["vote"].isoformat()
    assert count["committed_yes"] == expected["yes"]
    if "no" in expected:
        assert count["committed_no"] == expected["no"]
    # a member who abstained in the chamber is not one who stayed away: the record tells them apart
    for field in ("abstain", "absent"):
        if field in expected:
            assert count[field] == expected[field], field


def test_the_dup_decides_the_2019_motion_as_the_record_says(run_cli: Callable[..., Any]) -> None:
    """The News Letter, 16 January 2019: had the DUP's ten abstained, "315 - still enough" for the government;
    had they voted with the opposition, 316 for the motion, "one more than 315 ... just enough to have passed"."""
    result = run_cli("what-if", "gb-hc-2019", "--switch", "dup", "--absent", "dup", "--json")
    assert result.code == 0, result.err
    runs = {r["label"]: r for r in json.loads(result.out)["runs"]}
    assert (runs["baseline"]["committed_yes"], runs["baseline"]["short"]) == (306, 10)  # 306 against 325
    assert runs["dup switch"]["committed_yes"] == 316 and runs["dup switch"]["short"] == 0
    assert runs["dup absent"]["committed_yes"] == 306 and runs["dup absent"]["short"] > 0


def test_the_union_s_count_reached_249_and_the_ballot_gave_247(run_cli: Callable[..., Any]) -> None:
    """Die Zeit, 1973: Barzel could have been elected "mit Hilfe von drei zur Opposition übergelaufenen
    FDP-Abgeordneten und seiner geschlossenen Fraktion"; "Seine eigene Fraktion verfügte über 246 Stimmen.
    Dennoch bekam er nur 247". Grau: the Union also hoped for Günther Müller (SPD); the PAZ: "Barzel rechnete
    mit 250 Stimmen". Two of the Union's own did not vote for him (Steiner, and by the Stasi files Wagner)."""
    count = json.loads(run_cli("count", "de-bt-1972", "--json").out)
    assert (count["needed"], count["committed_yes"], count["lean_yes"]) == (249, 246 + 3, 1)
    assert count["short"] == 0  # on the whip count the motion carries, with nothing to spare
    outcome = json.loads(run_cli("outcome", "de-bt-1972", "--json").out)["motions"][0]["outcome"]
    assert (outcome["yes"], outcome["needed"], outcome["passed"]) == (247, 249, False)
    runs = json.loads(run_cli("what-if", "de-bt-1972", "--switch", "cdu-csu:2", "--json").out)["runs"]
    assert runs[1]["committed_yes"] == 247 and runs[1]["short"] == 2  # two Union votes fewer: the ballot's 247


def test_seat_moves_leave_out_vacancies_and_refilled_seats(loaded: dict[str, Scenario]) -> None:
    punjab = loaded["pk-pa-punjab-2022"]
    # after the vote: 25 seats vacated (20 May), 20 by-elections and 5 reserved seats filled; nobody moved
    assert seats_changed_side(punjab, dt.date(2022, 4, 16), dt.date(2022, 7, 22)) == 0
    # a change of government relabels the sides and is not a move (Pakistan, 11 April 2022)
    assert seats_changed_side(load_scenario("pk-na-2022"), dt.date(2022, 4, 10), dt.date(2022, 4, 11)) == 0


@pytest.mark.parametrize("case", CASES)
def test_each_case_draws_and_reports(run_cli: Callable[..., Any], tmp_path: Path, case: str) -> None:
    svg, html = tmp_path / f"{case}.svg", tmp_path / f"{case}.html"
    assert run_cli("chart", case, "-o", str(svg)).code == 0
    seats = seat_circles(ET.fromstring(svg.read_text(encoding="utf-8")))
    assert len(seats) == load_scenario(case).state().seats  # one disc per seat, vacant ones included
    assert all((s.findtext(f"{SVG}title") or "").strip() for s in seats)  # each with its tooltip
    result = run_cli("report", case, "-o", str(html))
    assert result.code == 0, result.err
    assert load_scenario(case).title.split(":")[0] in html.read_text(encoding="utf-8")


def test_scenarios_lists_country_chamber_motion_date_and_result(run_cli: Callable[..., Any]) -> None:
    result = run_cli("scenarios", "--json")
    assert result.code == 0
    rows = {r["id"]: r for r in json.loads(result.out)["scenarios"]}
    assert rows["gb-hc-1979"]["country"] == "United Kingdom"
    assert rows["gb-hc-1979"]["date"] == "1979-03-28" and rows["gb-hc-1979"]["result"] == "passed"
    assert rows["de-bt-1982"]["motion"] == "constructive-no-confidence"
    assert rows["gb-hc-2019"]["date"] == "2019-01-16" and rows["gb-hc-2019"]["result"] == "failed"
    assert rows["de-bt-1972"]["date"] == "1972-04-27" and rows["de-bt-1972"]["result"] == "failed"
    table = run_cli("scenarios").out
    assert "se-riksdag-2021" in table and "Sweden" in table


def test_cases_json_and_csv_agree(run_cli: Callable[..., Any]) -> None:
    as_json = json.loads(run_cli("cases", "--json").out)["cases"]
    as_csv = list(csv.DictReader(io.StringIO(run_cli("cases", "--format", "csv").out)))
    assert [r["id"] for r in as_json] == [r["id"] for r in as_csv] == sorted(bundled_scenarios())
    uk = next(r for r in as_json if r["id"] == "gb-hc-1979")
    assert (uk["basis"], uk["needed"], uk["yes"], uk["margin"]) == ("votes-cast", 311, 311, 0)
    pk = next(r for r in as_csv if r["id"] == "pk-na-2022")
    assert (pk["seats"], pk["needed"], pk["margin"], pk["days"], pk["outcome"]) == ("342", "172", "2", "33", "passed")
    # true and false as every other --format csv writes them (this one had written yes and no)
    other = next(csv.DictReader(io.StringIO(run_cli("outcome", "pk-na-2022", "--format", "csv").out)))
    assert (pk["passed"], pk["verified"], other["outcome_passed"]) == ("True", "True", "True")
    assert next(r for r in as_csv if r["id"] == "de-bt-1972")["passed"] == "False"  # Barzel, 247 of 249


def test_cases_takes_scenario_files_and_rejects_a_bad_name(run_cli: Callable[..., Any],
                                                          write_scenario: Callable[..., Path]) -> None:
    path = write_scenario("""\
        chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
        parties:
          - {id: red, name: Red Party, seats: 6, side: government}
          - {id: blue, name: Blue Party, seats: 5, side: opposition}
        events:
          - {date: 2020-02-01, kind: switch-side, party: red, seats: 2, to: opposition, source: "https://example.org/a"}
        motion: {kind: no-confidence, target: Someone, filed: 2020-01-20, vote: 2020-02-05}
        division: {yes: 7, source: "https://example.org/b"}
        """)
    row = json.loads(run_cli("cases", str(path), "--json").out)["cases"][0]
    assert (row["needed"], row["yes"], row["margin"], row["days"], row["changed_side"]) == (6, 7, 1, 16, 2)
    bad = run_cli("cases", "no-such-case")
    assert bad.code == 1 and "no-such-case" in bad.err and "Traceback" not in bad.err


def test_compare_one_case_on_two_dates(run_cli: Callable[..., Any]) -> None:
    result = run_cli("compare", "pk-na-2022", "pk-na-2022", "--on-a", "2022-03-08", "--on-b", "2022-03-30",
                     "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # the record: 179-162 on 8 March, 164-177 after MQM-P's switch (The News, Pakistan Today)
    assert data["a"]["sides"]["government"] == 179 and data["a"]["sides"]["opposition"] == 162
    assert data["b"]["sides"]["opposition"] == 177
    assert data["a"]["outcome"] is None and data["b"]["motion"]["kind"] == "no-confidence"
    # B left out: A on two dates, the same answer
    alone = run_cli("compare", "pk-na-2022", "--on-a", "2022-03-08", "--on-b", "2022-03-30", "--json")
    assert alone.code == 0 and json.loads(alone.out) == data
    on_vote = json.loads(run_cli("compare", "pk-na-2022", "--on-a", "2022-03-08", "--json").out)
    assert on_vote["b"]["date"] == "2022-04-10" and on_vote["b"]["outcome"]["yes"] == 174  # the division
    bare = run_cli("compare", "pk-na-2022")
    assert bare.code == 1 and "--on-a" in bare.err and "Traceback" not in bare.err


def test_compare_two_cases_and_a_bad_date(run_cli: Callable[..., Any]) -> None:
    data = json.loads(run_cli("compare", "gb-hc-1979", "se-riksdag-2021", "--json").out)
    assert data["a"]["outcome"]["passed"] and data["b"]["outcome"]["needed"] == 175
    assert "311" in run_cli("compare", "gb-hc-1979", "se-riksdag-2021").out
    bad = run_cli("compare", "gb-hc-1979", "se-riksdag-2021", "--on-b", "21-06-2021")
    assert bad.code == 1 and "--on-b" in bad.err and "Traceback" not in bad.err


def test_compare_after_a_vote_with_no_division_recorded_does_not_say_not_yet_voted(
        run_cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("""
chamber: {id: c, name: C, rules: pk-na, seats: 10, as_of: 2022-01-01}
parties: [{id: a, name: A, seats: 6, side: government}, {id: b, name: B, seats: 4, side: opposition}]
motion: {id: nc, kind: no-confidence, vote: 2022-02-01}
""", encoding="utf-8")
    out = " ".join(run_cli("compare", str(path), "--on-a", "2022-01-20", "--on-b", "2022-02-05").out.split())
    before, after = out.split("outcome", 1)[1].split("│")[1:3]
    assert "not yet voted" in before  # 20 January: the vote of 1 February is ahead
    assert "not yet voted" not in after and "no division recorded" in after  # held on 1 February


def test_an_adjudicated_result_says_what_was_declared_on_the_day(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Punjab, 16 April 2022: Hamza Shehbaz was declared elected with 197 votes; the Lahore High Court had the
    vote recounted without the 25 PTI dissidents (172, short of 186). A bare "failed, 172" misleads."""
    cases = {c["id"]: c for c in json.loads(run_cli("cases", "--json").out)["cases"]}
    punjab = cases["pk-pa-punjab-2022"]
    assert (punjab["outcome"], punjab["yes"], punjab["needed"]) == ("failed", 172, 186)  # 197 less the 25
    assert punjab["adjudicated"] is not None
    assert "declared passed with 197" in punjab["adjudicated"] and "172 counted" in punjab["adjudicated"]
    assert "Lahore High Court" in punjab["adjudicated"]
    assert all(c["adjudicated"] is None for cid, c in cases.items() if cid != "pk-pa-punjab-2022")
    for command in ("cases", "scenarios"):
        out = run_cli(command).out
        assert "failed ‡" in out and "‡ pk-pa-punjab-2022: declared passed with 197" in " ".join(out.split())


def _cases_page_sections() -> dict[str, str]:
    """docs/cases.md cut at its `### `id`` headings."""
    text = (Path(__file__).parent.parent / "docs" / "cases.md").read_text(encoding="utf-8")
    parts = re.split(r"(?m)^### `([^`]+)`.*\n", text)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("case", CASES)
def test_the_cases_page_lists_what_each_file_leaves_unverified(case: str) -> None:
    """The page readers check a case against names exactly what the file still marks unverified: a fact
    sourced since is not listed as doubtful, and a new doubt is not missing (the page had drifted both ways)."""
    section = _cases_page_sections()[case]
    listed = section.split("Unverified:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    file_items = [" ".join(str(u).split()) for u in load_scenario(case).unverified]
    assert [line.removeprefix("- ") for line in listed] == file_items
    main = next(iter(RECORD[case]["motions"].values()))  # the record lists the main motion first
    assert f"voted {RECORD[case]['vote']}: {main['yes']} yes" in section


@pytest.mark.parametrize("case", CASES)
def test_the_cases_page_gives_each_case_the_result_cases_prints(case: str) -> None:
    """The page's line for a case gives the result as finally counted, the one `cases` prints: the Punjab's
    election of 16 April 2022 was declared passed with 197 and failed as the Lahore High Court recounted it
    on 30 June 2022 (172 of the 186 needed; Newsweek Pakistan, "the chief minister now has 172 votes"); the
    page had said only "passed"."""
    section = _cases_page_sections()[case]
    line = " ".join(section.split("Rules profile", 1)[1].split("\n\n", 1)[0].split())
    main = next(iter(RECORD[case]["motions"].values()))
    final = main.get("adjudicated", main)
    word = "passed" if final["passed"] else "failed"
    assert re.search(rf"\b{word}(\.| as )", line), line
    if "adjudicated" in main:
        declared = "passed" if main["passed"] else "failed"
        assert f"declared {declared} on the day" in line and main["adjudicated"]["by"] in line, line


@pytest.mark.parametrize("case", CASES)
def test_the_cases_page_gives_each_case_the_bar_and_result_that_cases_gives(case: str) -> None:
    """Each case's summary line on the page names the basis, the number needed and the final result as
    `whipcount cases` has them (the page had Romania's bar as `total` where the table says `sitting`, and the
    Punjab's 16 April vote as passed where the table, after the High Court's recount, says failed)."""
    s = case_summary(load_scenario(case))
    line = next(x for x in _cases_page_sections()[case].splitlines() if x.startswith(f"{s.country}, "))
    assert f"; {s.needed} needed ({s.basis}); " in line, line
    results = re.findall(r"\b(passed|failed)\b", line.split(" needed (", 1)[1])
    assert results and results[-1] == s.outcome, line
    assert ("adjudicated" in line) == (s.adjudicated is not None), line


def test_the_pages_count_the_cases_and_their_countries() -> None:
    """README.md and docs/cases.md said "seven countries" of the eight the cases come from."""
    words = {7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen",
             15: "fifteen"}
    summaries = [case_summary(load_scenario(c)) for c in bundled_scenarios()]
    said = f"{words[len(summaries)]} cases from {words[len({s.country for s in summaries})]} countries"
    assert len(summaries) == 15  # the cases of docs/cases.md's table, India 1999 the latest
    for page in ("README.md", "docs/cases.md"):
        assert said in (Path(__file__).parent.parent / page).read_text(encoding="utf-8"), page


_ABSTAINED = re.compile(r"abstain|abstention|vote yellow|avst[aå]", re.IGNORECASE)


@pytest.mark.parametrize("case", CASES)
def test_a_stance_the_sources_call_an_abstention_is_not_entered_as_absent(loaded: dict[str, Scenario],
                                                                          case: str) -> None:
    """In a chamber whose division records abstentions (Spain, Israel, Sweden, Germany), a member who abstained
    was there and said so: Israel National News, 13 June 2021, "MK Said al-Harumi ... abstained from the vote";
    The Swedish Times, 21 June 2021, the Centre Party "will vote yellow" (abstain). Both were entered as absent,
    so the whip count gave none abstaining where the division gave 1 and 51. (The Commons records no
    abstentions: there a member who abstains does not vote, and absent is right.)"""
    sc = loaded[case]
    if not any(m.division is not None and m.division.abstain for m in sc.motions):
        return
    stances = [*sc.stances, *(s for m in sc.motions for s in m.stances)]
    wrong = [s for s in stances if s.stance == "absent"
             and _ABSTAINED.search(" ".join([s.note or "", *(x.quote or "" for x in s.sources)]))]
    assert wrong == [], [(s.party or s.member, s.note) for s in wrong]


# A division whose figure a quote gives in words or leaves to the division's own note (arithmetic it states)
_FIGURE_IN_WORDS = {
    ("il-knesset-2021", "investiture-bennett-2021", 60): "Israel National News: 'Sixty MKs voted in favor'",
    ("pk-pa-punjab-2022", "cm-runoff-2022-07-22", 176): "186 cast less the 10 the Deputy Speaker rejected",
}


@pytest.mark.parametrize("case", CASES)
def test_every_recorded_division_quotes_a_source_giving_its_counts(loaded: dict[str, Scenario], case: str) -> None:
    """Each division's yes and no are in the words of a source it quotes: the Commons' 1979 division (BBC: "carried
    the Conservative motion by 311 votes to 310") and Pakistan's two of April 2022 (The Quint: "174 members of the
    342-seat Assembly favouring the no-confidence motion"; Daily Pakistan: "Sharif got 174 votes") had a source
    with no quote, so nothing in the file showed that the source says it."""
    for m in loaded[case].motions:
        d = m.division
        if d is None:
            continue
        said = set(re.findall(r"\d+", " ".join(s.quote or "" for s in d.sources)))
        for figure in (d.yes, d.no):
            if figure is not None and (case, m.id, figure) not in _FIGURE_IN_WORDS:
                assert str(figure) in said, (m.id, figure)
