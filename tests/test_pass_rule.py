"""One pass rule: the rules engine's verdict, the vectorised decision and every forecast agree, and all
three agree with a reference written here from the rules' own words (not from the code).

The reference reads a :class:`Threshold` as a reader of the constitution would: find the basis (who is
counted), find the smallest number of votes that is more than (or at least) the share of it by counting
up, check the quorum the same way, and let a tie go as the casting vote goes. It shares no arithmetic
with ``bar_for`` or ``PassRule``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

import numpy as np
import pytest

from whipcount.rules import Threshold, all_constitutions, judge, pass_rule
from whipcount.tally.exact import p_pass_exact
from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.montecarlo import simulate


def _smallest(share: Fraction, n: int, strict: bool) -> int:
    """Count up to the first whole number of votes that clears the share of n."""
    v = 0
    while (v <= share * n) if strict else (v < share * n):
        v += 1
    return v


def reference(th: Threshold, *, seats: int, vacancies: int, yes: int, no: int, abstain: int = 0,
              pnv: int = 0, casting: str | None = None) -> bool:
    if th.quorum is not None:
        need = th.quorum.count if th.quorum.count is not None else _smallest(th.quorum.fraction, seats,
                                                                              th.quorum.strict)
        if yes + no + abstain + pnv < need:
            return False
    basis = {"total": seats, "sitting": seats - vacancies, "votes-cast": yes + no,
             "present-and-voting": yes + no, "present": yes + no + abstain}[th.basis]
    against = no + (abstain if th.basis == "present" else 0)
    if th.negative:
        return not (basis > 0 and no >= _smallest(th.fraction, basis, th.strict))
    if th.basis in ("votes-cast", "present-and-voting", "present") and basis == 0:
        return False
    tie = th.basis in ("votes-cast", "present-and-voting", "present") and th.fraction == Fraction(1, 2) \
        and yes == against
    if tie and th.tie == "casting-vote":
        return (casting or th.tie_convention) == "yes"
    return yes >= _smallest(th.fraction, basis, th.strict)


def _versions() -> list[tuple[str, str, dt.date | None]]:
    """Every built-in profile, motion kind and dated version (a day inside each version's period)."""
    out = []
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        for m in c.motions:
            day = m.start + dt.timedelta(days=1) if m.start else (m.end - dt.timedelta(days=1) if m.end else None)
            out.append((c.id, m.kind, day))
    return out


VERSIONS = _versions()


@pytest.mark.parametrize(("rules_id", "kind", "on"), VERSIONS, ids=[f"{r}-{k}-{d}" for r, k, d in VERSIONS])
@pytest.mark.parametrize("seats", [9, 10])
def test_judge_and_the_vectorised_rule_match_the_reference(rules_id: str, kind: str, on: dt.date | None,
                                                           seats: int) -> None:
    from whipcount.rules import get_constitution

    th = get_constitution(rules_id).motion(kind, on).threshold
    vacancies = 1
    sitting = seats - vacancies
    combos = [(y, n, a, p) for y, n, a, p in itertools.product(range(sitting + 1), repeat=4)
              if y + n + a + p <= sitting]
    rule = pass_rule(rules_id, kind, seats=seats, vacancies=vacancies, on=on)
    ys, ns, abs_, ps = (np.array(col) for col in zip(*combos, strict=True))
    vector = rule.passes(ys, ns, abs_, sitting - ys - ns - abs_ - ps, ps)
    for (y, n, a, p), v in zip(combos, vector, strict=True):
        expected = reference(th, seats=seats, vacancies=vacancies, yes=y, no=n, abstain=a, pnv=p)
        got = judge(rules_id, kind, yes=y, no=n, abstain=a, present_not_voting=p, seats=seats,
                    vacancies=vacancies, on=on)
        assert got.passed == expected == bool(v), (y, n, a, p, got.explanation)


@pytest.mark.parametrize(("rules_id", "kind", "on"), VERSIONS, ids=[f"{r}-{k}-{d}" for r, k, d in VERSIONS])
def test_a_certain_forecast_is_exactly_the_verdict(rules_id: str, kind: str, on: dt.date | None) -> None:
    """Every member certain: P(pass) is exactly 0 or 1, by the exact method and by Monte Carlo, and it is
    what ``judge`` says of the same counts (members who stay away are absent, not noes)."""
    seats, vacancies = 11, 1
    rule = pass_rule(rules_id, kind, seats=seats, vacancies=vacancies, on=on)
    rng = np.random.default_rng(1)
    for y, n in itertools.product(range(11), repeat=2):
        a = seats - vacancies - y - n
        if a < 0:
            continue
        blocs = (Bloc("yes", y, 1.0), Bloc("no", n, 0.0), Bloc("away", a, 0.0, 1.0))
        model = ForecastModel(blocs, rule)
        verdict = judge(rules_id, kind, yes=y, no=n, absent=a, seats=seats, vacancies=vacancies, on=on).passed
        p_exact, _ = p_pass_exact(model)
        assert p_exact in (0.0, 1.0) and p_exact == float(verdict), (y, n, a)
        mc = simulate(model, sims=64, rng=rng)
        assert mc.p_pass == float(verdict), (y, n, a)


def test_belgian_quorum_is_a_majority_of_the_members() -> None:
    """Art. 53: the Chamber decides only if "the majority of its members is present": 76 of 150."""
    short = judge("be-ch", "confidence", yes=40, no=35, seats=150)
    met = judge("be-ch", "confidence", yes=40, no=36, seats=150)
    assert (short.quorum, short.quorum_met, short.passed) == (76, False, False)
    assert (met.quorum_met, met.passed) == (True, True)


def test_italian_senate_quorum_counts_members_present_but_not_voting() -> None:
    """Art. 64(3) and the Senate's rules: a quorum of more than half of 322 is 162; senators who declare
    themselves present but not voting count toward it, not toward the votes."""
    on = dt.date(2013, 5, 1)
    without = judge("it-senate", "confidence", yes=100, no=61, seats=322, on=on)
    assert (without.quorum, without.passed) == (162, False)
    with_pnv = judge("it-senate", "confidence", yes=100, no=61, present_not_voting=1, seats=322, on=on)
    assert with_pnv.passed and with_pnv.quorum_met
    assert "present not voting" in with_pnv.explanation
    # abstainers are present too: 100 + 50 + 12 = 162 (before the 2018 reform, when they also counted against)
    abstaining = judge("it-senate", "confidence", yes=100, no=50, abstain=12, seats=322, on=dt.date(2010, 1, 1))
    assert abstaining.quorum_met and abstaining.passed and "present, short of" not in abstaining.explanation


def test_a_whip_count_of_one_yes_is_no_quorum_in_belgium() -> None:
    """The case the forecast once got wrong: 1 yes, 0 no, everyone else absent, in a chamber with a quorum."""
    rule = pass_rule("be-ch", "confidence", seats=150)
    model = ForecastModel((Bloc("yes", 1, 1.0), Bloc("away", 149, 0.0, 1.0)), rule)
    assert p_pass_exact(model)[0] == 0.0


def test_present_not_voting_from_the_command_line_and_a_scenario(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    """The same Italian Senate division with and without one senator present but not voting."""
    import json

    args = ["outcome", "--rules", "it-senate", "--motion", "confidence", "--yes", "100", "--no", "61",
            "--seats", "322", "--on", "2013-05-01", "--json"]
    short = json.loads(run_cli(*args).out)
    met = json.loads(run_cli(*args, "--present-not-voting", "1").out)
    assert (short["passed"], short["quorum_met"]) == (False, False)
    assert (met["passed"], met["quorum_met"], met["present_not_voting"]) == (True, True, 1)


def test_a_run_off_division_is_judged_under_the_run_off_rule(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Japan, 11 November 2024: the run-off Ishiba 221, Noda 160 (84 invalid) is judged as a run-off and says
    so; the first poll (221 of 464, 233 needed) says a second poll follows."""
    import json

    out = json.loads(run_cli("outcome", "jp-hr-2024", "--json").out)
    by_round = {m["outcome"]["round"]: m["outcome"] for m in out["motions"]}
    assert by_round[2]["passed"] and by_round[2]["explanation"].startswith("run-off:")
    assert not by_round[1]["passed"] and by_round[1]["explanation"].startswith("first poll:")
    assert by_round[1]["needed"] == 233 and "second poll" in by_round[1]["explanation"]


def test_the_plain_integer_verdict_is_the_vector_one() -> None:
    """``passes_one`` (the rules engine, no numpy) and ``passes`` (the forecast, arrays) agree on every
    built-in rule, tie rule and quorum, over every count of a small chamber."""
    import itertools

    import numpy as np

    from whipcount.rules import all_constitutions, pass_rule

    seen = 0
    for c in all_constitutions():
        for m in c.motions:
            for casting in (None, "yes", "no"):
                try:
                    rule = pass_rule(c, m.kind, seats=11, vacancies=1, on=m.start, casting_vote=casting)
                except Exception:  # noqa: BLE001 - a rule with no version in force that day
                    continue
                counts = np.array(list(itertools.product(range(8), range(8), range(4), range(3))))
                y, n, ab, pnv = counts.T
                for check in (True, False):
                    vector = rule.passes(y, n, ab, 0, pnv, check_quorum=check)
                    plain = [rule.passes_one(int(a), int(b), int(d), int(e), check_quorum=check)
                             for a, b, d, e in counts]
                    assert list(map(bool, vector)) == plain, (c.id, m.kind, casting)
                seen += 1
    assert seen > 40


def test_a_pass_rule_left_at_its_defaults_is_a_simple_majority_of_whoever_votes() -> None:
    from whipcount.rules.decide import PassRule

    rule = PassRule("votes-cast")
    # counts left out are zero: one vote for and none against carries; one each is a tie, not a majority
    assert bool(rule.passes(1)) and rule.passes_one(1)
    assert not bool(rule.passes(1, 1)) and not rule.passes_one(1, 1)
    # more than half, not at least half: 51 of 101 carries, 50 of 100 does not
    assert bool(rule.passes(51, 50)) and not bool(rule.passes(50, 50))


@pytest.mark.parametrize(("share", "strict", "negative", "words"), [
    (Fraction(1, 2), True, False, "a majority of the votes cast"),
    (Fraction(1, 2), False, False, "at least one half of the votes cast"),
    (Fraction(2, 3), False, False, "at least two thirds of the votes cast"),
    (Fraction(2, 3), True, False, "more than two thirds of the votes cast"),
    (Fraction(3, 5), False, False, "at least three fifths of the votes cast"),
    (Fraction(1, 2), True, True, "rejected only if a majority of the votes cast vote against"),
    (Fraction(1, 3), False, False, "at least one third of the votes cast"),
    (Fraction(1, 4), False, False, "at least one quarter of the votes cast"),
    (Fraction(3, 4), True, False, "more than three quarters of the votes cast"),
    (Fraction(1, 5), False, False, "at least one fifth of the votes cast"),
    (Fraction(1, 10), False, False, "at least one tenth of the votes cast"),
    (Fraction(4, 7), False, False, "at least 4/7 of the votes cast"),  # no word for it: the fraction
])
def test_a_threshold_says_its_share_in_words(share: Fraction, strict: bool, negative: bool, words: str) -> None:
    assert Threshold("votes-cast", share, strict=strict, negative=negative).describe() == words


def test_a_pass_rule_counts_left_out_as_zero_toward_its_quorum() -> None:
    from whipcount.rules.decide import PassRule

    rule = PassRule("votes-cast", quorum=3)
    assert not rule.passes_one(2, 0) and not bool(rule.passes(2, 0))  # two present of three needed
    assert rule.passes_one(2, 0, 1) and bool(rule.passes(2, 0, 1))  # an abstention makes the quorum
    assert rule.passes_one(2, 0, 0, 1) and bool(rule.passes(2, 0, 0, 0, 1))  # so does one present not voting


def test_a_negative_majority_falls_to_a_single_vote_against() -> None:
    from whipcount.rules.decide import PassRule

    rule = PassRule("votes-cast", negative=True)  # rejected only if more than half vote against
    assert not rule.passes_one(0, 1) and not bool(rule.passes(0, 1))
    assert rule.passes_one(0, 0) and bool(rule.passes(0, 0))  # nobody voting rejects nothing
    # "at least half against" rejects on a tie, and still nothing when nobody votes (0 of 0 is not a share)
    weak = PassRule("votes-cast", negative=True, strict=False)
    assert not weak.passes_one(3, 3) and not bool(weak.passes(3, 3))
    assert weak.passes_one(4, 3) and bool(weak.passes(4, 3))
    assert weak.passes_one(0, 0) and bool(weak.passes(0, 0))


def test_a_pass_rule_refuses_a_negative_quorum_and_says_its_share() -> None:
    from whipcount.errors import RulesError
    from whipcount.rules.decide import PassRule

    with pytest.raises(RulesError, match="quorum must be >= 0, got -1"):
        PassRule("votes-cast", quorum=-1)
    assert PassRule("votes-cast").describe() == "a majority of the votes cast"
    assert PassRule("present", fraction=Fraction(2, 3), strict=False).describe() == "at least 2/3 of the present"
    assert PassRule("votes-cast", fraction=Fraction(3, 5)).describe() == "more than 3/5 of the votes cast"


@pytest.mark.parametrize("basis", ["total", "sitting", "fixed"])
def test_a_membership_basis_needs_a_count_of_zero_or_more(basis: str) -> None:
    from whipcount.errors import RulesError
    from whipcount.rules.decide import PassRule

    assert PassRule(basis, count=0).basis == basis
    for count in (-1, None):
        with pytest.raises(RulesError, match=f"a {basis} basis needs a count >= 0, got {count}"):
            PassRule(basis, count=count)


def test_left_out_counts_are_zero() -> None:
    """passes_one(yes) is passes_one(yes, 0, 0, 0): nobody against, abstaining or present without voting."""
    from whipcount.rules.decide import PassRule

    assert PassRule("votes-cast").passes_one(1)  # one yes, nobody against: carried
    quorum = PassRule("votes-cast", quorum=3)
    assert quorum.passes_one(2, 1) and not quorum.passes_one(2)  # three present, or two
    assert quorum.passes_one(2, 0, 1) and quorum.passes_one(2, 0, 0, 1)


def test_the_array_verdict_leaves_out_counts_as_zero_too() -> None:
    from whipcount.rules.decide import PassRule

    assert bool(PassRule("votes-cast").passes(1))
    quorum = PassRule("votes-cast", quorum=3)
    assert bool(quorum.passes(2, 1)) and not bool(quorum.passes(2))
    assert bool(quorum.passes(2, 0, 1)) and bool(quorum.passes(2, 0, 0, 0, 1))


@pytest.mark.parametrize("basis", ["votes-cast", "present"])
@pytest.mark.parametrize("strict", [False, True])
def test_a_negative_threshold_on_turnout_rejects_only_when_enough_vote_against(basis: str, strict: bool) -> None:
    """A motion "rejected if half (or more than half) of those voting are against", every small count:
    nobody voting against (nobody voting at all included) never rejects; abstentions are among those
    counted only on the "present" basis."""
    from whipcount.rules.decide import pass_rule_for

    rule = pass_rule_for(Threshold(basis, Fraction(1, 2), strict=strict, negative=True), seats=20)
    counts = list(itertools.product(range(5), repeat=3))
    yes, no, abstain = (np.array(c) for c in zip(*counts, strict=True))
    verdicts = rule.passes(yes, no, abstain)
    for (y, n, a), vector in zip(counts, verdicts, strict=True):
        against = n + (a if basis == "present" else 0)
        size = y + against
        rejected = size > 0 and (2 * n > size if strict else 2 * n >= size)
        assert rule.passes_one(y, n, a) is (not rejected) and bool(vector) is (not rejected), (y, n, a)


def test_a_quorum_of_one_is_checked_even_for_a_rule_nobody_opposing_passes() -> None:
    """A negative rule (rejected only if half of those voting are against) with a quorum of one member:
    with nobody there it is inquorate; with one member abstaining it stands."""
    from whipcount.rules.decide import PassRule

    rule = PassRule("votes-cast", None, Fraction(1, 2), False, True, False, "", 1)
    assert not rule.passes_one(0, 0, 0) and not bool(rule.passes(0, 0, 0))
    assert rule.passes_one(0, 0, 1) and bool(rule.passes(0, 0, 1))


def test_a_quorum_of_one_makes_attendance_part_of_the_verdict() -> None:
    from whipcount.rules.decide import PassRule

    with_quorum = PassRule("total", 172, Fraction(1, 2), False, False, False, "", 1)
    assert with_quorum.needs == frozenset({"no", "abstain", "absent", "present_not_voting"})
    assert PassRule("total", 172, Fraction(1, 2), False, False, False, "", 0).needs == frozenset()


@pytest.mark.parametrize("strict", [False, True])
def test_nothing_is_carried_when_nobody_votes(strict: bool) -> None:
    from whipcount.rules.decide import pass_rule_for

    rule = pass_rule_for(Threshold("votes-cast", Fraction(1, 2), strict=strict), seats=20)
    assert not rule.passes_one(0, 0, 0) and not bool(rule.passes(0, 0, 0))
    assert rule.passes_one(1, 0, 0) and bool(rule.passes(1, 0, 0))


def test_a_sitting_basis_without_vacancies_named_counts_every_seat() -> None:
    """A majority of the sitting members of a 100-seat chamber: 51 with every seat filled, 50 with one
    vacant, 46 with ten (by hand); a total-membership majority stays 51 whatever is vacant."""
    from whipcount.rules.core import Threshold
    from whipcount.rules.decide import pass_rule_for

    sitting = Threshold("sitting", Fraction(1, 2), strict=True)
    assert pass_rule_for(sitting, seats=100).count == 51
    assert pass_rule_for(sitting, seats=101).count == 51  # 50.5 -> 51; 102 sitting would need 52
    assert pass_rule_for(sitting, seats=100, vacancies=1).count == 50
    assert pass_rule_for(sitting, seats=100, vacancies=10).count == 46
    assert pass_rule_for(Threshold("total", Fraction(1, 2), strict=True), seats=100, vacancies=10).count == 51


def test_a_profile_s_rule_without_vacancies_named_is_a_full_chamber() -> None:
    """France, Art. 49: a majority of the members composing the Assembly, vacancies left out. With every seat of
    a 576-seat chamber filled, 289; one vacant, 288 (by hand)."""
    assert pass_rule("fr-an", "no-confidence", seats=576).count == 289
    assert pass_rule("fr-an", "no-confidence", seats=576, vacancies=1).count == 288


def test_a_rule_s_bar_by_hand() -> None:
    """The bar a PassRule states: Pakistan's 172 of 342 (a fixed count on the total membership); a majority
    of 621 votes cast is 311 (Callaghan, 1979); at least half of 10 is 5; a tie at 'at least half' carries."""
    from whipcount.rules.decide import PassRule

    assert pass_rule("pk-na", "no-confidence", seats=342).bar(0) == 172
    assert PassRule("votes-cast").bar(621) == 311
    half = PassRule("votes-cast", fraction=Fraction(1, 2), strict=False)
    assert half.bar(10) == 5 and bool(half.passes(5, 5)) and not bool(half.passes(4, 5))
