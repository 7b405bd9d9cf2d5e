"""On a turnout basis (a majority of the votes cast) the whip count says what the committed votes do alone and
what the magic number assumes, rather than a bar of the whole House as if it were fixed.

The record: the Commons carried the motion of no confidence in Callaghan 311 to 310 on 28 March 1979, with 13
members not voting and Liverpool Edge Hill vacant (635 seats). The day before, the 13 were still open.
"""

from __future__ import annotations

import json


def test_the_day_before_the_vote_the_magic_number_assumes_everyone_votes(run_cli):
    data = json.loads(run_cli("count", "gb-hc-1979", "--on", "1979-03-27", "--json").out)
    assert data["voting"] == 634  # 635 seats less the one vacancy; nobody is expected away
    assert data["needed"] == 318  # a majority of 634 votes
    assert data["short"] == 7  # 311 + 7 = 318 against 310 + 6
    assert data["carried_as_committed"] is True  # 311 > 310 if the 13 stay out
    text = " ".join(run_cli("count", "gb-hc-1979", "--on", "1979-03-27").out.split())
    assert "if all 634 members vote" in text
    assert "carried if the other 13 do not vote" in text and "needs 7 more if all 13 vote" in text


def test_on_the_day_the_count_is_the_division(run_cli):
    data = json.loads(run_cli("count", "gb-hc-1979", "--json").out)
    assert (data["committed_yes"], data["committed_no"], data["absent"]) == (311, 310, 13)
    assert data["needed"] == 311 and data["short"] == 0  # a majority of the 621 votes cast
    outcome = json.loads(run_cli("outcome", "gb-hc-1979", "--json").out)["motions"][0]["outcome"]
    assert outcome["needed"] == data["needed"] and outcome["passed"] is True


def test_a_fixed_bar_has_no_turnout_verdict(run_cli):
    data = json.loads(run_cli("count", "pk-na-2022", "--json").out)
    assert data["needed"] == 172 and data["carried_as_committed"] is None


def test_one_member_left_to_vote_is_the_other_one(run_cli, tmp_path):
    """Nine seats on the Commons' votes-cast basis: five yes and three no are committed, one member is open.
    Five is more than half of the eight who would then vote, and of all nine."""
    path = tmp_path / "one.yaml"
    path.write_text(
        "chamber: {name: Test Commons, rules: gb-hc, seats: 9, as_of: 2020-01-01}\n"
        "parties:\n"
        "  - {id: gov, name: Government Party, seats: 3, side: government}\n"
        "  - {id: opp, name: Opposition Party, seats: 5, side: opposition}\n"
        "  - {id: oth, name: Other Party, seats: 1, side: other}\n"
        "motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}\n", encoding="utf-8")
    text = " ".join(run_cli("count", str(path)).out.split())
    assert "carried if the other one does not vote" in text
    assert "reach it if the other one votes, with 0 to spare" in text
    assert "all 1 vote" not in text and "other 1 do" not in text


def test_a_chamber_of_one_votes_in_the_singular(run_cli, tmp_path):
    """One seat on the Commons' votes-cast basis: the bar is 1 'if the 1 member votes', in the count, the
    forecast and the forecast chart's note, never 'if all 1 members vote'."""
    path = tmp_path / "one-seat.yaml"
    path.write_text("id: one-seat\ntitle: One\nchamber: {name: One, rules: gb-hc, seats: 1, as_of: 2024-01-01}\n"
                    "parties:\n  - {id: g, name: Gov, seats: 1, side: government, source: 'https://example.org/p'}\n"
                    "motion: {kind: no-confidence, target: X, moved: 2024-02-01, vote: 2024-03-01}\n", encoding="utf-8")
    svg = tmp_path / "f.svg"
    assert run_cli("chart", str(path), "--kind", "forecast", "-o", str(svg)).code == 0
    for text in (run_cli("count", str(path)).out, run_cli("forecast", str(path)).out, svg.read_text("utf-8")):
        text = " ".join(text.split())
        assert "if the 1 member votes" in text
        assert "1 members" not in text


def test_a_chamber_of_two_says_both(run_cli, tmp_path):
    """Two seats on the Commons' votes-cast basis: a majority of 2 votes cast is 2 (1 is a tie, which fails),
    'if both members vote', never 'if all 2 members vote'; one committed yes leaves 'the other one'."""
    path = tmp_path / "two-seat.yaml"
    path.write_text("id: two-seat\ntitle: Two\nchamber: {name: Two, rules: gb-hc, seats: 2, as_of: 2024-01-01}\n"
                    "parties:\n  - {id: g, name: Gov, seats: 2, side: government, source: 'https://example.org/p'}\n"
                    "motion: {kind: no-confidence, target: X, moved: 2024-02-01, vote: 2024-03-01}\n", encoding="utf-8")
    for text in (run_cli("count", str(path)).out, run_cli("forecast", str(path)).out):
        text = " ".join(text.split())
        assert "2 if both members vote" in text
        assert "all 2" not in text and "2 members" not in text


def test_with_no_vote_committed_there_is_no_other(run_cli, tmp_path):
    """One seat, or three, all undecided, on the votes-cast basis of a constitution of one's own: nobody is
    committed, so no "committed yes 0 against committed no 0" line and no "the other one"; the one member
    (1 needed: a majority of 1 vote) or all three (2 needed: floor(3/2) + 1) must vote."""
    (tmp_path / "rules.yaml").write_text(
        "id: my-small\nname: Small\ncountry: Somewhere\nseats: 3\nmotions:\n  - kind: no-confidence\n"
        "    threshold: {basis: votes-cast}\n    source: {article: Art. 1, url: 'https://example.org/c'}\n",
        encoding="utf-8")
    for seats, needs in ((1, "needs 1 more if the one member votes"), (3, "needs 2 more if all 3 vote"),
                         (2, "needs 2 more if both vote")):
        path = tmp_path / f"s{seats}.yaml"
        path.write_text(f"id: s{seats}\ntitle: S\nchamber: {{name: S, rules: rules.yaml, seats: {seats}, "
                        "as_of: 2024-01-01}\nparties:\n  - {id: a, name: A, seats: "
                        f"{seats}, side: other, source: 'https://example.org/p'}}\n"
                        "motion: {kind: no-confidence, target: X, moved: 2024-02-01, vote: 2024-03-01}\n",
                        encoding="utf-8")
        r = run_cli("count", str(path))
        text = " ".join(r.out.split())
        assert r.code == 0 and needs in text, (seats, r.err, text)
        assert "the other" not in text and "committed yes 0 against" not in text
