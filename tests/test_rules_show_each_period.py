"""``rules show`` without ``--on`` lists every period of a motion; each is worked out for a day it was in
force (its quorum, movers and number needed for the chamber then), never for today's rule and size."""

from __future__ import annotations

import json
from pathlib import Path

CONSTITUTION = """\
id: two-periods
name: Two Periods Senate
country: Somewhere
seats:
  - {seats: 100, start: 2000-01-01, end: 2020-01-01, source: "https://example.org/seats-old"}
  - {seats: 60, start: 2020-01-01, source: "https://example.org/seats-new"}
motions:
  - kind: confidence
    threshold: {basis: present, fraction: "1/2", strict: true, quorum: {fraction: "1/2", strict: true}}
    source: {article: "Rule 1 (old)", url: "https://example.org/old"}
    movers: {fraction: "1/10"}
    end: 2020-01-01
  - kind: confidence
    threshold: {basis: present-and-voting, fraction: "1/2", strict: true, quorum: {fraction: "1/2", strict: true}}
    source: {article: "Rule 1 (new)", url: "https://example.org/new"}
    movers: {fraction: "1/10"}
    start: 2020-01-01
"""


def _file(tmp_path: Path) -> str:
    path = tmp_path / "two-periods.yaml"
    path.write_text(CONSTITUTION, encoding="utf-8")
    return str(path)


def test_each_period_is_shown_for_its_own_chamber(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    got = json.loads(run_cli("rules", "show", _file(tmp_path), "--json").out)
    old, new = got["motions"]
    # more than one half of 100 members is 51, of 60 is 31; a tenth of 100 is 10, of 60 is 6
    assert "51" in old["quorum"] and "100" in old["quorum"], old["quorum"]
    assert "31" in new["quorum"] and "60" in new["quorum"], new["quorum"]
    assert old["movers"].startswith("at least 10 members"), old["movers"]
    assert new["movers"].startswith("at least 6 members"), new["movers"]


def test_each_period_is_explained_by_its_own_rule(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("rules", "show", _file(tmp_path)).out
    old, new = out.split("\nconfidence")[1:]
    assert "Rule 1 (old)" in old and "Rule 1 (new)" not in old, old
    assert "present and voting" not in old and "quorum of 51" in old, old
    assert "Rule 1 (new)" in new and "quorum of 31" in new, new


def test_a_motions_period_is_given_by_its_first_and_last_day(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As the chamber's sizes are: the old rule's last day is 31 December 2019 (it ends on 1 January 2020,
    the new rule's first), so no day reads as under both."""
    out = run_cli("rules", "show", _file(tmp_path)).out
    assert "in force from ... to 2019-12-31" in out and "in force from 2020-01-01 to today" in out, out
    assert "until 2020-01-01" not in out


def test_pakistans_defection_periods_read_as_the_judgments_dated_them(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Art. 63A: not counted from the Supreme Court's opinion of 17 May 2022, counted again from its review
    judgment of 3 October 2024, so the last day not counted is 2 October 2024."""
    out = run_cli("rules", "show", "pk-na", "--on", "2022-04-10").out
    assert "NOT counted from 2022-05-17 to 2024-10-02" in out, out
    assert "counted from 2024-10-03 to today" in out, out


RUNOFF = """\
id: with-runoff
name: Runoff House
seats: 101
motions:
  - kind: investiture
    threshold: {basis: total}
    source: {article: "Art. 9", url: "https://example.org/9"}
    runoff: {threshold: {basis: votes-cast}, among: 2}
"""


def test_a_first_vote_with_a_runoff_is_not_said_to_lose_the_motion(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A rule of one's own with a run-off and no words for a failed vote: a failed first vote sends it to the
    run-off (as outcome says), so rules show does not say 'the motion is lost'."""
    path = tmp_path / "runoff.yaml"
    path.write_text(RUNOFF, encoding="utf-8")
    out = run_cli("rules", "show", str(path)).out
    assert "if not: a second poll between the top 2 follows, decided by a majority of the votes cast" in out, out
    assert "the motion is lost" not in out
    got = json.loads(run_cli("rules", "show", str(path), "--json").out)
    assert got["motions"][0]["effect_fail"].startswith("a second poll between the top 2 follows")
    judged = json.loads(run_cli("outcome", "--rules", str(path), "--motion", "investiture", "--yes", "50",
                                "--no", "51", "--json").out)
    assert "a second poll between the top 2 follows" in judged["effect"]  # the same words as the judgement
