"""The most votes elect: a plurality basis, for Germany's third phase of a Chancellor's election.

Basic Law, Art. 63(4): "a new election shall take place without delay, in which the person who receives
the largest number of votes shall be elected". Any Member may stand, so the person elected need not hold
a majority of the votes cast. Before the ``plurality`` basis a constitution file could write this only as
a majority of the votes cast, which with three candidates (Alice 300, Bob 200, Carol 130 of 630) judged
Alice's 300 of 630 not elected, or as a run-off "between the top 2", which left Carol's votes out as "not
run-off votes". Worked by hand from the article: Alice has more votes than anyone else, so she is elected;
on a tie of the top two no one has the largest number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.errors import ConstitutionFileError
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import judge, needed, pass_rule

GG = "https://www.gesetze-im-internet.de/englisch_gg/englisch_gg.html"

CONSTITUTION = f"""\
id: de-art-63
name: Bundestag (Art. 63)
seats: 630
motions:
  - kind: pm-election
    threshold: {{basis: total}}
    source: {{article: "Art. 63(2)-(3)", url: "{GG}"}}
    effect: the person elected is appointed by the Federal President
    runoff:
      threshold: {{basis: plurality{{extra}}}}
      among: 1
      source: {{article: "Art. 63(4)", url: "{GG}"}}
"""


def _rules(extra: str = ""):  # type: ignore[no-untyped-def]
    return parse_constitution_text(CONSTITUTION.replace("{extra}", extra), "de.yaml")


@pytest.mark.parametrize(("votes", "elected", "bar"), [
    ({"Alice": 300, "Bob": 200, "Carol": 130}, "Alice", 251),  # 300 > 200: the largest number of votes
    ({"Alice": 250, "Bob": 249, "Carol": 131}, "Alice", 250),  # one vote ahead of the runner-up is enough
    ({"Alice": 316, "Bob": 314}, "Alice", 316),  # two candidates: the same as a majority of the votes cast
])
def test_the_largest_number_of_votes_elects_whatever_the_others_polled(
        votes: dict[str, int], elected: str, bar: int) -> None:
    o = judge(_rules(), "pm-election", yes=max(votes.values()), candidates=votes, round=2)
    assert (o.passed, o.elected, o.needed) == (True, elected, bar), o.explanation
    runner_up = sorted(votes.values())[-2]
    assert o.no == runner_up  # the runner-up's votes, not the whole field's
    assert not any("not counted" in n for n in o.notes)  # every valid vote was a vote in the poll


def test_a_tie_of_the_top_two_elects_no_one() -> None:
    o = judge(_rules(), "pm-election", yes=300, candidates={"Alice": 300, "Bob": 300, "Carol": 30}, round=2)
    assert not o.passed and o.tie and o.elected is None, o.explanation


def test_the_first_poll_still_needs_a_majority_of_the_members_and_names_what_follows() -> None:
    # Merz, 6 May 2025, first ballot: 310 of 630, short of 316
    o = judge(_rules(), "pm-election", yes=310, no=307, abstain=3)
    assert not o.passed and o.needed == 316
    assert o.next_step is not None and "the most votes" in o.next_step


def test_every_reader_of_the_rule_agrees_on_the_two_way_count() -> None:
    # a whip count knows for and against: 316 of 630 all voting makes sure of the most votes
    rule = pass_rule(_rules(), "pm-election", round=2)
    assert rule.passes_one(301, 300) and not rule.passes_one(300, 300) and not rule.passes_one(299, 300)
    assert rule.bar(630) == 316
    text = needed(_rules(), "pm-election", round=2).explanation
    assert "the most votes" in text and "one rival" in text


@pytest.mark.parametrize(("extra", "field"), [
    (', fraction: "2/3"', "fraction '2/3'"),
    (", strict: false", "strict: false"),
    (", negative: true", "negative: true"),
])
def test_a_plurality_with_a_share_of_its_own_is_refused_naming_the_line(extra: str, field: str) -> None:
    with pytest.raises(ConstitutionFileError) as e:
        _rules(extra)
    assert "de.yaml:10" in str(e.value) and "plurality" in str(e.value) and field in str(e.value)


def test_outcome_from_the_command_line_reads_no_as_the_runner_up(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "de.yaml"
    path.write_text(CONSTITUTION.replace("{extra}", ""), encoding="utf-8")
    r = run_cli("outcome", "--rules", str(path), "--motion", "pm-election", "--round", "2",
                "--yes", "300", "--no", "200", "--json")
    assert r.code == 0, r.err
    assert '"passed": true' in r.out and '"basis": "plurality"' in r.out
