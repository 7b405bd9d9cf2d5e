"""The report's table of stances names each member in the row of the member's own stance, and its rows add up.

Independent truth: the whip count of ``whipcount.tally`` (each member-level stance is a position of its
own; a party stance covers the rest of the party's seats on a side; a ``seats: N`` part is N seats
nobody named) and the scenario files. A named member's own stance is their member-level stance; without
one, the stance of the rest of their party's seats on their side when no part with another stance could
hold them, or the one stance of a bloc whose seats all take one; otherwise it is not recorded, and the
member belongs in no row (the note under the table names them). The tables are read from the HTML as a
reader gets it, not from the code that writes them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario
from whipcount.report import build_report
from whipcount.tally import count_scenario
from whipcount.tally.count import Position

WITH_MOTION = sorted(sid for sid in bundled_scenarios() if load_scenario(sid).motion is not None)
STANCE_WORDS = {"Yes": "yes", "Leaning yes": "lean-yes", "Undecided": "undecided", "Leaning no": "lean-no",
                "No": "no", "Abstaining": "abstain", "Absent": "absent",
                # where only the votes for the motion are recorded (fr-an-2024), no one votes no
                "Not for": "no", "Leaning not for": "lean-no"}


def _cells(row: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]


def stance_table(html: str) -> tuple[list[dict[str, str]], str]:
    """The rows of the report's table of stances (header names -> cells), and the note under it."""
    m = re.search(r"<caption>Stances on [^<]*</caption>(.*?)</table></div>(.*?)</details>", html, flags=re.S)
    assert m, "no table of stances"
    head = [unescape(h) for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", m.group(1))]
    rows = [dict(zip(head, _cells(r), strict=True)) for r in re.findall(r"<tr>(.*?)</tr>", m.group(1), flags=re.S)
            if "<td" in r]
    return rows, unescape(re.sub(r"<[^>]+>", "", m.group(2)))


def own_stances(scenario: Scenario) -> dict[str, str | None]:
    """Each sitting named member's own stance on the day of the report's whip count (None: not recorded)."""
    day = scenario.default_date
    state = scenario.state(day)
    bloc: defaultdict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in count_scenario(scenario, day).positions:
        bloc[(p.party, p.side)].append(p)
    out: dict[str, str | None] = {}
    for m in state.members:
        if not (m.seated and m.party and m.side):
            continue
        positions = bloc[(m.party, m.side)]
        mine = [p.stance for p in positions if p.member == m.id]
        rest = [p.stance for p in positions if p.key in (m.party, f"{m.party}@{m.side}")]
        parts = {p.stance for p in positions if "/" in p.key}
        if mine:
            out[m.name] = mine[0]
        elif len({p.stance for p in positions}) == 1:
            out[m.name] = positions[0].stance
        elif len(rest) == 1 and parts <= set(rest):
            out[m.name] = rest[0]
        else:
            out[m.name] = None
    return out


def check_table(scenario: Scenario, html: str) -> dict[str, tuple[str, str, str]]:
    """Assert the table against the whip count; return each named member's row (party, side, stance)."""
    day = scenario.default_date
    state = scenario.state(day)
    rows, note = stance_table(html)
    label = {p.short or p.name: p.id for p in state.parties}
    assert len(label) == len(state.parties)  # a row's party label names one party
    count = count_scenario(scenario, day)
    want: Counter[tuple[str, str, str]] = Counter()
    for p in count.positions:
        want[(p.party, p.side, p.stance)] += p.seats
    got: Counter[tuple[str, str, str]] = Counter()
    placed: dict[str, tuple[str, str, str]] = {}
    total = 0
    for row in rows:
        total += int(row["Seats"])
        if row["Party"] == "Vacant":
            assert int(row["Seats"]) == state.vacancies
            continue
        party = label[row["Party"].removeprefix("Speaker: ").removeprefix("Presiding: ").removesuffix(" †")]
        key = (party, row["Side"].lower(), STANCE_WORDS[row["Stance"]])
        got[key] += int(row["Seats"])
        for name in filter(None, (row.get("Members") or "").split(", ")):
            assert name not in placed, f"{name} in two rows"
            placed[name] = key
            if row["Party"].startswith("Speaker: "):
                continue
            assert len(row["Members"].split(", ")) <= int(row["Seats"])
    assert total == state.seats, f"{scenario.id}: rows add up to {total}, the chamber has {state.seats}"
    assert got == want, f"{scenario.id}: seats by party, side and stance differ from the whip count"
    truth = own_stances(scenario)
    members = {m.name: m for m in state.members}
    for name, stance in truth.items():
        m = members[name]
        if stance is None:
            assert name not in placed, f"{scenario.id}: {name}'s own stance is not recorded, yet in {placed[name]}"
            assert name in note, f"{scenario.id}: {name} is in no row and not named under the table"
        else:
            assert placed.get(name) == (m.party, m.side, stance), f"{scenario.id}: {name}"
    return placed


@pytest.mark.parametrize("sid", WITH_MOTION)
def test_every_named_member_is_in_the_row_of_their_own_stance(sid: str) -> None:
    scenario = load_scenario(sid)
    check_table(scenario, build_report(scenario))


def test_pakistan_names_from_the_scenario_file(pakistan: Scenario) -> None:
    """From pk-na-2022.yaml: the four BAP members crossed to the opposition and Zubaida Jalal stayed; Tariq Bashir
    Cheema left PML-Q's government bench; JI's Chitrali is recorded undecided. The 20 PTI dissidents named in
    PTI's Art. 63A references did not vote (the Election Commission's decision of 11 May), nor did Khawaja Sheraz:
    21 named rows of PTI's absent seats, beside the rest of PTI, who boycotted the sitting. Ayaz Sadiq, presiding,
    did not vote (Dawn, 10 April): one PML-N seat absent."""
    placed = check_table(pakistan, build_report(pakistan))
    assert placed["Zubaida Jalal"] == ("bap", "government", "no")
    assert placed["Rubina Irfan"] == ("bap", "opposition", "yes")
    assert placed["Tariq Bashir Cheema"] == ("pml-q", "opposition", "yes")
    assert placed["Maulana Abdul Akbar Chitrali"] == ("ji", "opposition", "undecided")
    dissidents = ("Noor Alam Khan", "Raja Riaz Ahmed", "Ramesh Kumar Vankwani", "Chaudhry Asim Nazir",
                  "Aamir Liaquat Hussain", "Syed Mobeen Ahmed", "Javeria Zafar Aheer", "Khawaja Sheraz Mehmood")
    for dissident in dissidents:
        assert placed[dissident] == ("pti", "government", "absent")
    assert sum(1 for where in placed.values() if where == ("pti", "government", "absent")) == 20 + 1
    rows, _ = stance_table(build_report(pakistan))
    chair = [r for r in rows if r["Party"] == "Presiding: PML-N"]
    assert [(r["Stance"], r["Seats"], r["Members"]) for r in chair] == [("Absent", "1", "Ayaz Sadiq")]


MEMBER_STANCES = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 7, side: government, colour: "#cc0000"}
  - {id: blue, name: Blue Party, seats: 4, side: opposition, colour: "#0044aa"}
members:
  - {id: ann, name: Ann Able, party: red}
  - {id: bob, name: Bob Baker, party: red}
  - {id: cy, name: Cy Cole, party: red}
  - {id: dee, name: Dee Dunn, party: blue}
events:
  - {date: 2020-01-10, kind: statement, summary: nothing moves, source: "https://example.org/s"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stances:
  - {date: 2020-01-20, member: ann, stance: "yes", source: "https://example.org/ann"}
  - {date: 2020-01-20, member: bob, stance: absent, source: "https://example.org/bob"}
  - {date: 2020-01-20, party: red, stance: lean-no, source: "https://example.org/red"}
{part}
"""


@pytest.mark.parametrize("part", ["", "  - {date: 2020-01-21, party: red, seats: 2, stance: undecided}"])
def test_member_level_stances_put_each_name_in_its_own_row(write_scenario: Callable[[str], Path], part: str) -> None:
    """Ann (yes) and Bob (absent) each have a stance of their own, against their party's lean-no; Cy has none,
    so Cy sits with the rest of Red (lean-no) unless a part of Red's seats (2 undecided) could hold Cy."""
    scenario = load_scenario(write_scenario(MEMBER_STANCES.replace("{part}", part)))
    placed = check_table(scenario, build_report(scenario))
    assert placed["Ann Able"] == ("red", "government", "yes")
    assert placed["Bob Baker"] == ("red", "government", "absent")
    assert placed["Dee Dunn"] == ("blue", "opposition", "yes")  # Blue has one stance, the side's default
    if part:
        assert "Cy Cole" not in placed
    else:
        assert placed["Cy Cole"] == ("red", "government", "lean-no")
