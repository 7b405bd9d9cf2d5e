"""Fields a constitution gives one way or the other: the movers and a quorum are a share of the members or a
number of them, and a threshold's casting-vote convention belongs with a casting vote. Given both ways (or
the convention without the casting vote), the file is refused naming the field, never read one way
silently; the value types refuse the same in code."""

from __future__ import annotations

from fractions import Fraction

import pytest

from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError, RulesError
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import Movers, Quorum, Threshold
from whipcount.rules.terms import LegalSource

BOTH = "give fraction (a share of the members) or count (a number of them), not both"


@pytest.mark.parametrize(("field", "path"), [
    ('movers: {fraction: "1/4", count: 3}', "motions[0].movers"),
    ('threshold: {basis: total, quorum: {fraction: "1/2", count: 40}}', "motions[0].threshold.quorum"),
])
def test_a_share_and_a_count_together_are_refused(field: str, path: str) -> None:
    text = my_parliament(field)
    if field.startswith("threshold"):  # in place of the motion's own threshold line
        text = my_parliament().replace('threshold: {basis: total, fraction: "3/5", strict: false}', field)
    with pytest.raises(ConstitutionFileError) as exc:
        parse_constitution_text(text, "m.yaml")
    line = 9 if field.startswith("movers") else 7
    assert str(exc.value).startswith(f"m.yaml:{line}: {path}: {BOTH}: got fraction "), str(exc.value)


def test_movers_given_neither_way_name_the_field() -> None:
    with pytest.raises(ConstitutionFileError, match=r"^m\.yaml:9: motions\[0\]\.movers: give fraction .* or count"):
        parse_constitution_text(my_parliament('movers: {note: "by petition"}'), "m.yaml")


def test_one_way_is_read_as_written() -> None:
    c = parse_constitution_text(my_parliament("movers: {count: 3}"), "m.yaml")
    movers = c.motions[0].movers
    assert movers is not None and (movers.fraction, movers.count) == (None, 3)
    assert movers.describe(101) == "at least 3 members"
    c = parse_constitution_text(my_parliament('movers: {fraction: "1/4"}'), "m.yaml")
    movers = c.motions[0].movers
    assert movers is not None and movers.describe(101) == "at least 26 members (25 % of the total membership of 101)"


@pytest.mark.parametrize("field", ['tie_convention: "no"', "tie_note: the Speaker's rule",
                                   'tie_source: {article: "Art. 9", url: "https://example.org/9"}'])
def test_a_casting_vote_convention_without_a_casting_vote_is_refused(field: str) -> None:
    text = my_parliament().replace('threshold: {basis: total, fraction: "3/5", strict: false}',
                                   f"threshold: {{basis: votes-cast, {field}}}")
    name = field.split(":")[0]
    with pytest.raises(ConstitutionFileError) as exc:
        parse_constitution_text(text, "m.yaml")
    assert str(exc.value) == (f"m.yaml:7: motions[0].threshold: {name} is about the chair's casting vote, but this "
                              f"threshold has none (tie: fails); give tie: casting-vote, or leave {name} out")
    text = text.replace("{basis: votes-cast,", "{basis: votes-cast, tie: casting-vote,")
    assert parse_constitution_text(text, "m.yaml").motions[0].threshold.tie == "casting-vote"


def test_the_value_types_refuse_both_ways_too() -> None:
    with pytest.raises(RulesError, match="movers: give fraction or count, not both"):
        Movers(Fraction(1, 4), 3)
    with pytest.raises(RulesError, match="quorum: give fraction or count, not both"):
        Quorum(Fraction(1, 2), 40)
    with pytest.raises(RulesError, match="quorum: give fraction or count$"):
        Quorum()
    with pytest.raises(RulesError, match="tie_convention: is about the chair's casting vote"):
        Threshold("votes-cast", tie_convention="no")
    with pytest.raises(RulesError, match="tie_source: is about the chair's casting vote"):
        Threshold("votes-cast", tie_source=LegalSource("Art. 9", "https://example.org/9"))
