"""A chair's casting vote decides a tie, so it can count only where a tie can decide: one half of a turnout.

A constitution file's `tie: casting-vote` on a majority of the total membership, or on two thirds of the
votes cast, had been taken, and `rules show` said "the presiding officer's casting vote decides", while
every tie was judged by the bar alone (50 to 50 of 101 members fails a bar of 51 whoever the chair
favours). Such a file is now refused, naming its line; the library's Threshold refuses it too. A casting
vote given to `outcome` under a rule that has none is said to be left out, not dropped without a word.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import RulesError
from whipcount.io.constitution import load_constitution_file
from whipcount.rules import judge
from whipcount.rules.terms import Threshold

FILE = """\
id: cv-parliament
name: CV Parliament
country: Somewhere
seats: 101
motions:
  - kind: no-confidence
    threshold: {THRESHOLD}
    source: {article: "Art. 1", url: "https://example.org/c#1"}
    effect: the government resigns
"""


@pytest.mark.parametrize("threshold", [
    '{basis: total, tie: casting-vote, tie_convention: "yes"}',
    "{basis: sitting, tie: casting-vote}",
    '{basis: votes-cast, fraction: "2/3", tie: casting-vote}',
    "{basis: votes-cast, negative: true, tie: casting-vote}",
])
def test_a_casting_vote_that_cannot_decide_is_refused_naming_the_line(
    run_cli: Any, tmp_path: Path, threshold: str
) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text(FILE.replace("{THRESHOLD}", threshold), encoding="utf-8")
    r = run_cli("rules", "show", str(path))
    assert r.code != 0 and "Traceback" not in r.err
    err = " ".join(r.err.split())
    assert "cv.yaml:7: motions[0].threshold: tie casting-vote: a casting vote decides a tie" in err


@pytest.mark.parametrize("basis", ["votes-cast", "present-and-voting", "present"])
def test_one_half_of_a_turnout_keeps_its_casting_vote(run_cli: Any, tmp_path: Path, basis: str) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text(FILE.replace("{THRESHOLD}", f'{{basis: {basis}, tie: casting-vote, tie_convention: "yes"}}'),
                    encoding="utf-8")
    assert run_cli("rules", "show", str(path)).code == 0
    c = load_constitution_file(path)
    # 40 to 40: a tie of the votes, which the chair's yes carries (by hand: 40 is not more than half of 80)
    assert judge(c, "no-confidence", yes=40, no=40).passed
    assert not judge(c, "no-confidence", yes=40, no=40, casting_vote="no").passed


@pytest.mark.parametrize(("basis", "fraction", "negative"), [
    ("total", Fraction(1, 2), False), ("sitting", Fraction(1, 2), False), ("votes-cast", Fraction(2, 3), False),
    ("votes-cast", Fraction(1, 2), True),
])
def test_the_library_refuses_it_too(basis: str, fraction: Fraction, negative: bool) -> None:
    with pytest.raises(RulesError, match="a casting vote decides a tie"):
        Threshold(basis, fraction, negative=negative, tie="casting-vote")


def test_a_casting_vote_given_under_a_rule_without_one_is_said_to_be_left_out(run_cli: Any) -> None:
    # Pakistan's Art. 95(4): a majority of the total membership (169 of 336); 168 to 168 fails whatever the chair
    r = run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "168", "--no", "168",
                "--casting-vote", "yes")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())
    assert "FAILED" in out and "169 needed" in out
    assert "casting vote not counted: under a majority of the total membership the chair has none" in out
    # where the chair has one, it is counted and no such note is made (Speaker Denison's rule, 300 to 300)
    uk = " ".join(run_cli("outcome", "--rules", "gb-hc", "--motion", "no-confidence", "--yes", "300", "--no", "300",
                          "--casting-vote", "yes").out.split())
    assert "PASSED" in uk and "not counted" not in uk
