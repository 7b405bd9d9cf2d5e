"""The timeline tells the motion's story: lines for the sides as they stood at the filing, the motion's
window by default, the key events labelled, no label over another and none outside the plot."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.charts import render_timeline
from whipcount.charts.story import Box, coalitions, place_labels
from whipcount.charts.timeline import label_width
from whipcount.errors import ChartError
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"
CHANGE = dt.date(2022, 4, 11)  # Shehbaz Sharif's government took office: the sides swapped names


def _svg(scenario: Scenario, **kw: object) -> ET.Element:
    return ET.fromstring(render_timeline(scenario, **kw))  # type: ignore[arg-type]


def _lines(root: ET.Element) -> dict[str, dict[dt.date, int]]:
    out = {}
    for p in root.iter(f"{SVG}path"):
        if "series" in (p.get("class") or ""):
            side = (p.get("class") or "").split("side-")[1]
            pairs = (item.split(":") for item in (p.get("data-seats") or "").split())
            out[side] = {dt.date.fromisoformat(d): int(n) for d, n in pairs}
    return out


def test_lines_follow_the_sides_of_the_filing_date_through_the_change_of_government(pakistan: Scenario) -> None:
    co = coalitions(pakistan)
    assert co.reference == dt.date(2022, 3, 8)
    day = dt.date(2022, 3, 8)
    while day <= dt.date(2022, 7, 31):
        sides = pakistan.state(day).sides()
        now_gov, now_opp = ("government", "opposition") if day < CHANGE else ("opposition", "government")
        assert co.on(day)["government"] == sides[now_gov], day
        assert co.on(day)["opposition"] == sides[now_opp], day
        day += dt.timedelta(days=1)
    # the published counts: 177 for the motion once MQM-P had crossed; PTI's side 164, then 11 resign
    assert co.on(dt.date(2022, 4, 10))["opposition"] == 177
    assert co.on(dt.date(2022, 4, 12)) == {"government": 164, "opposition": 177, "other": 0}
    assert co.on(dt.date(2022, 7, 28))["government"] == 164 - 11


def test_the_drawn_lines_are_those_values_and_never_jump_back(pakistan: Scenario) -> None:
    co = coalitions(pakistan)
    lines = _lines(_svg(pakistan, start=dt.date(2022, 3, 1), end=dt.date(2022, 8, 1)))
    assert set(lines) == {"government", "opposition"}
    for side, values in lines.items():
        for day, n in values.items():
            assert n == co.on(day)[side]
    gov = lines["government"]
    assert all(n <= 164 for d, n in gov.items() if d >= dt.date(2022, 3, 30))  # no "recovery" on 11 April


def test_default_window_is_the_motion_and_the_key_events_are_labelled(pakistan: Scenario) -> None:
    root = _svg(pakistan)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("7 March 2022 to 12 April 2022") for t in texts)
    labels = {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "elabel"}
    assert {"Motion filed", "MQM-P to the opposition (+7)", "Ruling: motion dismissed", "Court: motion restored",
            "Vote: 174 yes", "Change of government"} <= labels
    markers = [c for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "")]
    in_window = [e for e in pakistan.events if dt.date(2022, 3, 7) <= e.date <= dt.date(2022, 4, 12)]
    counted = sum(int(c.get("data-events") or 0) for c in markers)  # a day's events of a kind share a marker
    assert counted == len(in_window) == len(pakistan.events) - 2  # 11 May and 28 July are left out


def _font(root: ET.Element, cls: str) -> float:
    """The font size the chart's own style sheet gives a class of text."""
    style = "".join(st.text or "" for st in root.iter(f"{SVG}style"))
    return float(re.search(rf"\.{cls}\{{font-size:([0-9.]+)px", style).group(1))  # type: ignore[union-attr]


def _label_boxes(root: ET.Element) -> list[Box]:
    size = _font(root, "elabel")
    boxes = []
    for t in root.iter(f"{SVG}text"):
        if t.get("class") != "elabel":
            continue
        x, y, w = float(t.get("x") or 0), float(t.get("y") or 0), label_width(t.text or "", size)
        x0 = {"start": x, "end": x - w, "middle": x - w / 2}[t.get("text-anchor") or "start"]
        boxes.append(Box(x0, y - size * 10 / 11, x0 + w, y + size * 3 / 11))  # cap height above, descenders below
    return boxes


def _plot(root: ET.Element) -> Box:
    """From the left to the right end of the time axis, from below the subtitle down to the axis."""
    axis = next(a for a in root.iter(f"{SVG}line") if a.get("class") == "axis")
    sub = max(float(t.get("y") or 0) for t in root.iter(f"{SVG}text") if t.get("class") in ("heading", "sub"))
    return Box(float(axis.get("x1") or 0), sub + 4, float(axis.get("x2") or 0), float(axis.get("y1") or 0))


WINDOWS = [(sid, None, None) for sid in sorted(bundled_scenarios())] + [
    ("pk-na-2022", dt.date(2022, 3, 1), dt.date(2022, 8, 1)),
    ("pk-na-2022", dt.date(2022, 3, 27), dt.date(2022, 4, 1)),
    ("pk-pa-punjab-2022", dt.date(2022, 3, 25), dt.date(2022, 8, 1)),
]


@pytest.mark.parametrize("width", [None, 360, 300])
@pytest.mark.parametrize(("sid", "start", "end"), WINDOWS)
def test_no_label_over_another_none_outside_the_plot_no_marker_over_another(
    sid: str, start: dt.date | None, end: dt.date | None, width: int | None
) -> None:
    """Desktop and phone variants (``width`` None: the desktop picture, 960 wide)."""
    root = _svg(load_scenario(sid), start=start, end=end, width=width)
    boxes = _label_boxes(root)
    plot = _plot(root)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    for b in boxes:
        assert b.inside(plot), (b, plot)
    dots = [(float(c.get("cx") or 0), float(c.get("cy") or 0), float(c.get("r") or 0))
            for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "")]
    for (xa, ya, ra), (xb, yb, rb) in itertools.combinations(dots, 2):
        assert math.hypot(xa - xb, ya - yb) >= ra + rb


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 800), st.floats(10, 200), st.integers(0, 1)), max_size=14))
def test_placed_labels_are_disjoint_inside_and_clear_of_leader_lines(wanted: list[tuple[float, float, int]]) -> None:
    area = Box(50, 70, 770, 410)
    placed = place_labels(wanted, area=area, lane=16, lanes=5)
    assert len({lab.index for lab in placed}) == len(placed)
    for lab in placed:
        assert lab.box.inside(area)
        assert lab.box.x1 - lab.box.x0 == pytest.approx(wanted[lab.index][1])
        assert lab.leader == wanted[lab.index][0]
        assert min(abs(lab.box.x0 - lab.leader), abs(lab.box.x1 - lab.leader)) <= 3.01  # beside its own line
    for a, b in itertools.permutations(placed, 2):
        assert not a.box.overlaps(b.box)
        assert not (a.box.x0 < b.leader < a.box.x1 and a.box.y1 > b.box.y0)  # no box across another's line


def test_cli_timeline_dates(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "t.svg"
    r = run_cli("chart", "pk-na-2022", "--kind", "timeline", "--from", "2022-03-20", "--to", "2022-04-15",
                "-o", str(out))
    assert r.code == 0, r.err
    assert "20 March 2022 to 15 April 2022" in out.read_text()
    r = run_cli("chart", "pk-na-2022", "--kind", "timeline", "--width", "390", "-o", str(out))
    assert r.code == 0, r.err
    assert ET.fromstring(out.read_text()).get("viewBox", "").split()[2] == "390"
    r = run_cli("chart", "pk-na-2022", "--kind", "forecast", "--width", "390", "-o", str(tmp_path / "x.svg"))
    assert r.code == 1 and "--width: applies to --kind hemicycle or timeline" in r.err
    for args, message in [
        (["--from", "2022-04-15", "--to", "2022-03-20"], "expected --from before --to"),
        (["--from", "2022-3-1"], "--from: expected a date"),
        (["--from", "2031-01-01"], "timeline: "),
    ]:
        r = run_cli("chart", "pk-na-2022", "--kind", "timeline", *args, "-o", str(tmp_path / "x.svg"))
        assert r.code == 1 and message in " ".join(r.err.split()) and "Traceback" not in r.err
    r = run_cli("chart", "pk-na-2022", "--kind", "timeline", "--on", "2022-04-01", "-o", str(tmp_path / "x.svg"))
    assert r.code == 1 and "--from/--to" in r.err
    r = run_cli("chart", "pk-na-2022", "--to", "2022-04-15", "-o", str(tmp_path / "x.svg"))
    assert r.code == 1 and "--kind timeline" in r.err
    assert not (tmp_path / "x.svg").exists()


def test_timeline_of_a_small_scenario_without_a_filing_date(run_cli, write_scenario, minimal_yaml: str,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    """No filing date: the lines are named after the sides at the start of the log, the window runs to the vote."""
    out = tmp_path / "t.svg"
    r = run_cli("chart", str(write_scenario(minimal_yaml)), "--kind", "timeline", "-o", str(out))
    assert r.code == 0, r.err
    root = ET.fromstring(out.read_text())
    assert _lines(root)  # at least one side drawn
    assert any("to pass" in (t.text or "") for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("width", [None, 360])
@pytest.mark.parametrize("end", [dt.date(2022, 3, 12), dt.date(2022, 6, 1), dt.date(2024, 3, 1), dt.date(2080, 1, 1)])
def test_date_ticks_never_overlap(pakistan: Scenario, end: dt.date, width: int | None) -> None:
    root = _svg(pakistan, start=dt.date(2022, 3, 1), end=end, width=width)
    size = _font(root, "tick")
    axis_y = float(next(a for a in root.iter(f"{SVG}line") if a.get("class") == "axis").get("y1") or 0)
    ticks = [(float(t.get("x") or 0), t.text or "") for t in root.iter(f"{SVG}text")
             if t.get("class") == "tick" and t.get("text-anchor") == "middle" and float(t.get("y") or 0) > axis_y
             and (t.text or "") != "yes votes"]
    assert 2 <= len(ticks) <= 18
    right = float(root.get("viewBox", "").split()[2])
    for (xa, la), (xb, lb) in itertools.pairwise(sorted(ticks)):  # 0.58 of the font size a character at most
        assert xb - xa >= 0.29 * size * (len(la) + len(lb)) + 4, (la, lb)
    for xa, la in ticks:  # none cut off at the picture's edges
        assert 0 <= xa - 0.29 * size * len(la) and xa + 0.29 * size * len(la) <= right, la


def test_the_phone_variant_is_laid_out_for_its_width(pakistan: Scenario) -> None:
    """Drawn 360 wide: every text at 13 units or more (13 CSS pixels on a 360-pixel column), the lines
    named in a legend under the plot instead of a right margin, no hint to hover, its own ids; and a width
    out of range is refused by name."""
    root = _svg(pakistan, width=360)
    assert root.get("viewBox", "").split()[2] == "360"
    style = "".join(st.text or "" for st in root.iter(f"{SVG}style"))
    assert min(float(v) for v in re.findall(r"font-size:([0-9.]+)px", style)) >= 13
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Government as it stood on 8 March: 164 seats on 12 April" in texts
    assert "Opposition as it stood on 8 March: 177 seats on 12 April" in texts
    assert "172 to pass" in texts and "Hover" not in texts
    assert root.get("id", "").endswith("-narrow")
    wide = _svg(pakistan)
    assert not {e.get("id") for e in wide.iter() if e.get("id")} & {e.get("id") for e in root.iter() if e.get("id")}
    with pytest.raises(ChartError, match="width: expected 240 to 4000"):
        render_timeline(pakistan, width=100)


def test_labels_say_what_the_seat_events_did() -> None:
    """Punjab 2022 (hand-read from its log): 25 PTI dissidents vote with the PML-N-led opposition of the
    day, are de-seated, and the by-elections return 15 PTI members; both changes of government (Hamza's oath
    on 30 April, Elahi's government on 26 July) are labelled."""
    root = _svg(load_scenario("pk-pa-punjab-2022"), start=dt.date(2022, 3, 25), end=dt.date(2022, 8, 1))
    labels = {t.text for t in root.iter(f"{SVG}text") if t.get("class") == "elabel"}
    assert {"PTI to the opposition (+25)", "PTI: 25 seats vacated", "Change of government"} <= labels
    notes = " ".join(t.text or "" for t in root.iter(f"{SVG}text") if "note" in (t.get("class") or ""))
    assert "the changes of government on 30 April 2022 and 26 July 2022 are marked as events" in notes
    assert not any("to the" in (lab or "") and "wins" in (lab or "") for lab in labels)


def test_a_join_party_is_labelled_by_the_party_its_members_left() -> None:
    """Bundestag 1969-72 (hand-read from its log): on 8 October 1970 three FDP members (Mende, Starke,
    Zoglmann) join the CDU/CSU group, already in opposition. The members moved, not the CDU/CSU: the label
    names the party they left and the one they joined."""
    root = _svg(load_scenario("de-bt-1972"), start=dt.date(1969, 10, 21), end=dt.date(1972, 4, 30))
    labels = {t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "elabel"}
    assert "3 of FDP join CDU/CSU (opposition)" in labels
    assert not any(label.startswith("CDU/CSU to the") for label in labels)


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_the_two_sides_that_decide_the_vote_are_told_apart(sid: str) -> None:
    """Where the government's and the opposition's seats differ on a day, their lines are drawn at least a
    line's width apart that day (gb-hc-1979's 311 and 310 lay on one another while the 13 members who did not
    vote pulled the axis down to 0); a side left below the axis for it is named with its seats."""
    sc = load_scenario(sid)
    root = _svg(sc)
    paths = {p.get("class", "").split("side-")[-1]: p for p in root.iter(f"{SVG}path")
             if "series" in (p.get("class") or "")}
    if not {"government", "opposition"} <= set(paths):
        return

    def ys(p: ET.Element) -> list[float]:
        return [float(v) for v in re.findall(r"V(-?[\d.]+)", "V" + (p.get("d") or "").split(" ", 1)[1])]

    def seats(p: ET.Element) -> list[int]:
        return [int(pair.split(":")[1]) for pair in (p.get("data-seats") or "").split()]

    gov, opp = paths["government"], paths["opposition"]
    for g_y, o_y, g_n, o_n in zip(ys(gov), ys(opp), seats(gov), seats(opp), strict=True):
        if g_n != o_n:
            assert abs(g_y - o_y) >= 4, (sid, g_n, o_n, g_y, o_y)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    drawn = {k.split("side-")[-1] for k in paths}
    for side, n in sc.state(sc.last_date).sides().items():
        if n and side not in drawn:
            assert "below the axis" in texts and f"{n} seats on" in texts, (sid, side)


def _labels_and_notes(scenario: Scenario) -> tuple[set[str], str]:
    root = _svg(scenario)
    labels = {t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "elabel"}
    notes = " ".join(t.text or "" for t in root.iter(f"{SVG}text") if "note" in (t.get("class") or ""))
    return labels, notes


@pytest.mark.parametrize(("sid", "first"), [
    # The Japan News, 11 November 2024: "Ishiba earned 221 votes, falling short of the 233-vote majority required"
    ("jp-hr-2024", "pm-first-poll-2024-11-11"),
    # newsworm, 6 May 2025: "Merz only received 310 votes in a secret ballot - six fewer than necessary"
    ("de-bt-2025", "chancellor-first-ballot-2025-05-06"),
])
def test_a_first_ballot_that_failed_is_not_labelled_an_election(sid: str, first: str) -> None:
    """A chart of the first ballot says no one was elected by it; the chart of the ballot that elected says so
    (both ballots fall on one day: the label once said "Head of government elected" on either chart)."""
    labels, _ = _labels_and_notes(load_scenario(sid).for_motion(first))
    assert "No head of government elected" in labels and "Head of government elected" not in labels
    labels, _ = _labels_and_notes(load_scenario(sid))
    assert "Head of government elected" in labels and "No head of government elected" not in labels


def test_a_motion_without_a_filing_date_is_not_said_to_have_been_filed() -> None:
    """Pakistan's PM election of 11 April 2022 and the Bundestag's of 6 May 2025 have no `filed:` in their
    files; the lines start from the record's first day (8 March 2022, 25 March 2025), which the note once
    called the day 'the motion was filed'."""
    for sc, start in ((load_scenario("pk-na-2022").for_motion("pm-election-2022-04-11"), "8 March 2022"),
                      (load_scenario("de-bt-2025"), "25 March 2025")):
        assert sc.motion is not None and sc.motion.filed is None
        _, notes = _labels_and_notes(sc)
        assert "when the motion was filed" not in notes
        assert f"as they stood on {start}, where the record begins (no filing date is recorded" in notes
    _, notes = _labels_and_notes(load_scenario("de-bt-1972"))  # filed on 24 April 1972 (Deutschlandfunk)
    assert "Lines follow the sides as they stood when the motion was filed on 24 April 1972." in notes


def test_an_election_with_no_recorded_ballot_is_not_said_to_have_elected(write_scenario) -> None:  # type: ignore[no-untyped-def]
    """A pm-election event with no division on its day: the chart says an election was held, not its result."""
    sc = load_scenario(write_scenario("""\
        chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
        parties:
          - {id: red, name: Red Party, seats: 6, side: government}
          - {id: blue, name: Blue Party, seats: 5, side: opposition}
        events:
          - {date: 2020-02-01, kind: pm-election, summary: The Assembly votes on Red Leader, source: "https://example.org/a"}
        motion: {kind: no-confidence, target: Someone, filed: 2020-01-20, vote: 2020-02-05}
        """))
    labels, _ = _labels_and_notes(sc)
    assert "Head of government election" in labels and "Head of government elected" not in labels


@pytest.mark.parametrize(("sid", "start", "end"), [*WINDOWS, ("pk-na-2022", dt.date(2022, 3, 29), None)])
def test_the_events_row_name_is_clear_of_every_marker(sid: str, start: dt.date | None, end: dt.date | None) -> None:
    # a window that opens on the day of an event (Bhootani's move, 29 March 2022) puts a marker at the
    # plot's left edge, beside the row's name ("events", anchored at its right end)
    root = _svg(load_scenario(sid), start=start, end=end)
    name = next(t for t in root.iter(f"{SVG}text") if t.text == "events")
    assert name.get("text-anchor") == "end"
    right, size = float(name.get("x") or 0), _font(root, "tick")
    assert right - label_width("events", size) >= 0  # inside the picture
    for c in root.iter(f"{SVG}circle"):
        if "event" in (c.get("class") or ""):
            assert float(c.get("cx") or 0) - float(c.get("r") or 0) >= right + 2, (c.get("cx"), right)
