"""The rules engine against independent truths: thresholds worked out by hand from each constitution's
text, properties that any sane threshold has, and a sweep of every registered profile."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whipcount.errors import NotFound, RulesError
from whipcount.rules import (
    MOTION_KINDS,
    Constitution,
    LegalSource,
    MotionRule,
    Threshold,
    all_constitutions,
    bar_for,
    get_constitution,
    judge,
    needed,
    register,
)

D = dt.date


# -- thresholds by hand, from the text ------------------------------------------------------------------
@pytest.mark.parametrize(
    "rules_id,kind,seats,vacancies,on,expected",
    [
        # Pakistan Art. 95(4): "a majority of the total membership": 342 / 2 = 171, more than that: 172.
        ("pk-na", "no-confidence", 342, 1, D(2022, 4, 10), 172),
        # 1989: 237 seats, 237 / 2 = 118.5, so 119 (the record: "107 of the 119 votes needed").
        ("pk-na", "no-confidence", 237, 0, D(1989, 11, 1), 119),
        # After 2024: 336 / 2 = 168, so 169.
        ("pk-na", "no-confidence", 336, 0, D(2025, 1, 1), 169),
        # Art. 91(4) first poll: same majority of the total membership.
        ("pk-na", "pm-election", 342, 0, D(2022, 4, 11), 172),
        # Provincial assemblies (Art. 136): Punjab 371 -> 186, Sindh 168 -> 85, KP 145 -> 73, Balochistan 65 -> 33.
        ("pk-pa-punjab", "no-confidence", 371, 0, D(2022, 1, 1), 186),
        ("pk-pa-sindh", "no-confidence", 168, 0, D(2022, 1, 1), 85),
        ("pk-pa-kp", "no-confidence", 145, 0, D(2022, 1, 1), 73),
        ("pk-pa-balochistan", "no-confidence", 65, 0, D(2022, 1, 1), 33),
        # Germany Art. 67 / Art. 121: majority of the Members: 733 / 2 = 366.5 -> 367; 630 -> 316.
        ("de-bt", "constructive-no-confidence", 733, 0, D(2024, 12, 16), 367),
        ("de-bt", "confidence", 630, 0, D(2025, 6, 1), 316),
        # Spain Art. 113: absolute majority of 350 -> 176.
        ("es-cd", "constructive-no-confidence", 350, 0, D(2018, 6, 1), 176),
        # Sweden ch. 13 art. 4: more than half of 349 = 174.5 -> 175.
        ("se-riksdag", "no-confidence", 349, 0, D(2021, 6, 21), 175),
        # France Art. 49(2): majority of the members composing the Assembly: 577 - 3 = 574 -> 288.
        ("fr-an", "no-confidence", 577, 3, D(2024, 12, 4), 288),
        # Nepal Art. 100: majority of the then members: 275 - 4 = 271 -> 136.
        ("np-hor", "confidence", 275, 4, D(2021, 5, 10), 136),
        # Romania Art. 113: majority of deputies and senators: 471 -> 236.
        ("ro-parl", "no-confidence", 471, 0, D(2009, 10, 13), 236),
        # Poland Art. 158: majority of the statutory 460 -> 231.
        ("pl-sejm", "constructive-no-confidence", 460, 0, D(2020, 1, 1), 231),
        # Hungary Art. 21: more than half of 199 -> 100; of 386 -> 194.
        ("hu-ogy", "constructive-no-confidence", 199, 0, D(2020, 1, 1), 100),
        ("hu-ogy", "constructive-no-confidence", 386, 0, D(2009, 4, 14), 194),
        # Slovenia Art. 116: majority of all 90 deputies -> 46. Belgium Art. 96: of 150 -> 76.
        ("si-dz", "constructive-no-confidence", 90, 0, D(2020, 1, 1), 46),
        ("be-ch", "constructive-no-confidence", 150, 0, D(2020, 1, 1), 76),
        # Israel since 2001: a majority of the 120 members -> 61.
        ("il-knesset", "constructive-no-confidence", 120, 0, D(2021, 6, 1), 61),
    ],
)
def test_needed_matches_hand_arithmetic(rules_id: str, kind: str, seats: int, vacancies: int, on: dt.date,
                                        expected: int) -> None:
    n = needed(rules_id, kind, seats=seats, vacancies=vacancies, on=on)
    assert n.count == expected
    assert str(expected) in n.explanation


def test_pakistan_vacancies_do_not_lower_the_bar() -> None:
    # 172 applied in April 2022 with one seat vacant (total membership, not sitting members).
    assert needed("pk-na", "no-confidence", seats=342, vacancies=1).count == 172
    assert needed("pk-na", "no-confidence", seats=342, vacancies=10).count == 172


def test_nepal_vacancies_do_lower_the_bar() -> None:
    assert needed("np-hor", "confidence", seats=275, vacancies=0, on=D(2021, 5, 10)).count == 138  # 275/2=137.5
    assert needed("np-hor", "confidence", seats=275, vacancies=4, on=D(2021, 5, 10)).count == 136


def test_seats_default_to_the_profile_on_the_date() -> None:
    assert needed("pk-na", "no-confidence", on=D(2022, 4, 10)).seats == 342
    assert needed("pk-na", "no-confidence", on=D(1989, 11, 1)).count == 119
    assert needed("pk-na", "no-confidence", on=D(2024, 6, 1)).seats == 336


def test_turnout_basis_has_no_fixed_count() -> None:
    n = needed("gb-hc", "no-confidence", seats=650)
    assert n.count is None and n.basis == "votes-cast"


def test_votes_cast_callaghan_by_hand() -> None:
    # 311 + 310 = 621 votes cast; a majority is more than 310.5, so 311: carried by one.
    o = judge("gb-hc", "no-confidence", yes=311, no=310, on=D(1979, 3, 28))
    assert o.passed and o.needed == 311
    assert not judge("gb-hc", "no-confidence", yes=310, no=311, on=D(1979, 3, 28)).passed


def test_uk_tie_goes_against_by_speaker_convention_unless_casting_vote_given() -> None:
    o = judge("gb-hc", "no-confidence", yes=300, no=300)
    assert o.tie and not o.passed and "casting vote" in o.explanation
    assert judge("gb-hc", "no-confidence", yes=300, no=300, casting_vote="yes").passed


def test_tie_fails_where_there_is_no_casting_vote() -> None:
    o = judge("es-cd", "confidence", yes=170, no=170, abstain=10)
    assert o.tie and not o.passed


def test_sweden_negative_majority() -> None:
    # ch. 6 art. 4: rejected only if more than half of 349 (175) vote against.
    # 2019: Löfven approved with 115 for, 153 against, 77 abstaining: 153 < 175.
    o = judge("se-riksdag", "investiture", yes=115, no=153, abstain=77, on=D(2019, 1, 18))
    assert o.passed and o.reject_at == 175 and o.needed is None
    assert not judge("se-riksdag", "investiture", yes=0, no=175).passed
    assert judge("se-riksdag", "investiture", yes=0, no=174).passed
    assert needed("se-riksdag", "investiture", seats=349).reject_at == 175


def test_italian_senate_abstentions_counted_against_before_2018_only() -> None:
    # Feb 2007 (D'Alema's foreign-policy motion, reported: "the rules of the Senate count abstentions as
    # no's"): 158 for, 136 against, 24 abstaining: 318 present, a majority is 160 -> fails.
    old = judge("it-senate", "confidence", yes=158, no=136, abstain=24, on=D(2007, 2, 21), seats=322)
    assert not old.passed and old.needed == 160
    # The same count after the 2017 reform: 158 of 294 voting, 148 needed -> carried.
    new = judge("it-senate", "confidence", yes=158, no=136, abstain=24, on=D(2021, 1, 19), seats=321)
    assert new.passed and new.needed == 148


def test_abstentions_make_a_tie_on_the_present_basis() -> None:
    # Before the 2017 reform an abstention weighed against: 150 for, 100 against and 50 abstaining is 150
    # to 150 of 300 present, a tie (and a tie fails); after it, 150 to 100 of 250 voting carries. By hand.
    old = judge("it-senate", "confidence", yes=150, no=100, abstain=50, on=D(2010, 1, 1), seats=322)
    assert old.tie and not old.passed and "a tie" in old.explanation
    new = judge("it-senate", "confidence", yes=150, no=100, abstain=50, on=D(2021, 1, 1), seats=321)
    assert not new.tie and new.passed
    assert not judge("it-senate", "confidence", yes=150, no=99, abstain=50, on=D(2010, 1, 1), seats=322).tie


def test_quorum_fails_a_thin_house() -> None:
    # Japan Art. 56(1): one third of 465 members (155) must be present.
    o = judge("jp-hr", "no-confidence", yes=100, no=50, seats=465, on=D(2020, 1, 1))
    assert not o.passed and o.quorum == 155 and o.quorum_met is False
    assert judge("jp-hr", "no-confidence", yes=100, no=55, seats=465, on=D(2020, 1, 1)).passed


def test_poland_investiture_counts_abstentions_against() -> None:
    # Art. 154(2): an absolute majority of votes: yes must exceed no + abstentions.
    assert not judge("pl-sejm", "investiture", yes=200, no=150, abstain=60).passed  # 200 < 206
    assert judge("pl-sejm", "investiture", yes=211, no=150, abstain=60).passed  # 421 present -> 211


def test_art_63a_defector_votes_depend_on_the_date() -> None:
    # 174 yes of which 5 against the party's direction.
    before = judge("pk-na", "no-confidence", yes=174, defectors=5, seats=342, on=D(2022, 4, 10))
    during = judge("pk-na", "no-confidence", yes=174, defectors=5, seats=342, on=D(2023, 1, 1))
    after = judge("pk-na", "no-confidence", yes=174, defectors=5, seats=342, on=D(2024, 10, 3))
    assert before.passed and before.counted_yes == 174
    assert not during.passed and during.counted_yes == 169 and "17 May 2022" in during.explanation
    assert after.passed and after.counted_yes == 174


def test_without_defectors_nothing_is_said_of_them_and_without_a_defection_rule_they_count() -> None:
    # No defector named: no note of one, in any of the three periods.
    for day in (D(2022, 4, 10), D(2023, 1, 1), D(2024, 10, 3)):
        assert "party's direction" not in judge("pk-na", "no-confidence", yes=174, seats=342, on=day).explanation
    # The House of Commons has no rule on defectors: 311 to 310 carries whoever broke ranks (28 March 1979).
    callaghan = judge("gb-hc", "no-confidence", yes=311, no=310, defectors=5, on=D(1979, 3, 28))
    assert callaghan.passed and callaghan.counted_yes == 311


def test_a_chamber_of_no_seats_is_refused() -> None:
    for seats in (0, -1):
        with pytest.raises(RulesError, match="expected a positive number of seats"):
            judge("pk-na", "no-confidence", yes=1, seats=seats, on=D(2022, 4, 10))


def test_pm_election_first_poll_and_runoff() -> None:
    first = judge("pk-na", "pm-election", yes=0, candidates={"A": 160, "B": 150, "C": 10}, seats=342,
                  on=D(2022, 4, 11))
    assert not first.passed and first.next_step and "second poll" in first.next_step
    runoff = judge("pk-na", "pm-election", yes=0, candidates={"A": 160, "B": 150}, seats=342,
                   on=D(2022, 4, 11), round=2)
    assert runoff.passed and runoff.basis == "present-and-voting"
    assert not any("tie" in n for n in first.notes + runoff.notes)  # 160 to 150 is no tie


def test_a_tied_poll_names_both_candidates_and_their_votes() -> None:
    tied = judge("pk-na", "pm-election", yes=0, candidates={"B": 150, "A": 160, "C": 160}, seats=342,
                 on=D(2022, 4, 11), round=2)
    assert [n for n in tied.notes if "tie" in n] == ["A and C tie on 160 votes"]
    assert not tied.passed  # 160 to 160: the leader has no majority of those voting


def test_explanation_cites_the_article() -> None:
    o = judge("pk-na", "no-confidence", yes=174, seats=342, vacancies=1, on=D(2022, 4, 10))
    assert o.explanation.startswith("174 in favour; 172 needed: a majority of the total membership of 342, Art. 95(4)")
    assert "ceases to hold office" in o.explanation


# -- bad input ----------------------------------------------------------------------------------------
def test_unknown_profile() -> None:
    with pytest.raises(NotFound, match="unknown rules profile 'xx'"):
        needed("xx", "no-confidence", seats=10)


def test_unknown_kind_and_missing_kind() -> None:
    with pytest.raises(RulesError, match="unknown motion kind"):
        judge("pk-na", "impeachment", yes=1)
    with pytest.raises(RulesError, match="no investiture motion"):
        judge("pk-na", "investiture", yes=1)


def test_counts_that_cannot_be() -> None:
    with pytest.raises(RulesError, match="342 sitting members"):
        judge("pk-na", "no-confidence", yes=300, no=43, seats=342)
    with pytest.raises(RulesError, match="expected a count >= 0"):
        judge("gb-hc", "no-confidence", yes=-1, no=3)
    with pytest.raises(RulesError, match="needs the number of noes"):
        judge("gb-hc", "no-confidence", yes=300)


def test_no_rule_in_force_before_the_first_version() -> None:
    with pytest.raises(RulesError, match="no constructive-no-confidence rule in force on 1990"):
        judge("il-knesset", "constructive-no-confidence", yes=61, on=D(1990, 3, 15))


# -- properties -----------------------------------------------------------------------------------------
@given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100)), st.booleans(),
       st.integers(min_value=1, max_value=2000))
def test_bar_for_is_the_smallest_clearing_count(f: Fraction, strict: bool, n: int) -> None:
    b = bar_for(f, strict, n)

    def clears(k: int) -> bool:
        return k > f * n if strict else k >= f * n

    assert clears(b) and not clears(b - 1)


def _in_force_date(rules_id: str, kind: str) -> dt.date | None:
    c = get_constitution(rules_id)
    current = [m for m in c.motions if m.kind == kind and m.end is None]
    if current:
        return None
    last = max((m for m in c.motions if m.kind == kind), key=lambda m: m.end or dt.date.max)
    assert last.end is not None
    return last.end - dt.timedelta(days=1)


PROFILES_KINDS = [(c.id, k) for c in all_constitutions() for k in c.kinds]
VOTES_CAST_KINDS = [
    (c, k) for c, k in PROFILES_KINDS
    if get_constitution(c).motion(k, _in_force_date(c, k)).threshold.basis in ("votes-cast", "present-and-voting")
]


@st.composite
def divisions(draw: st.DrawFn, sitting: int = 300) -> tuple[int, int, int]:
    yes = draw(st.integers(0, sitting))
    no = draw(st.integers(0, sitting - yes))
    abstain = draw(st.integers(0, sitting - yes - no))
    return yes, no, abstain


@pytest.mark.parametrize("rules_id,kind", PROFILES_KINDS)
@given(div=divisions())
def test_more_yes_never_turns_a_pass_into_a_fail(rules_id: str, kind: str, div: tuple[int, int, int]) -> None:
    yes, no, abstain = div
    kw = {"seats": 301, "no": no, "abstain": abstain, "on": _in_force_date(rules_id, kind)}
    if yes + no + abstain + 1 > 301:
        return
    a = judge(rules_id, kind, yes=yes, **kw)  # type: ignore[arg-type]
    b = judge(rules_id, kind, yes=yes + 1, **kw)  # type: ignore[arg-type]
    assert not (a.passed and not b.passed)


@pytest.mark.parametrize("rules_id,kind", VOTES_CAST_KINDS)
@given(div=divisions())
def test_moving_a_no_to_abstain_never_hurts_a_votes_cast_motion(rules_id: str, kind: str,
                                                               div: tuple[int, int, int]) -> None:
    yes, no, abstain = div
    if no == 0:
        return
    on = _in_force_date(rules_id, kind)
    a = judge(rules_id, kind, yes=yes, no=no, abstain=abstain, seats=301, on=on)
    b = judge(rules_id, kind, yes=yes, no=no - 1, abstain=abstain + 1, seats=301, on=on)
    assert not (a.passed and not b.passed)


@given(st.integers(1, 700), st.integers(0, 700), st.integers(0, 700))
def test_total_membership_threshold_ignores_turnout(seats: int, no: int, abstain: int) -> None:
    n = needed("pk-na", "no-confidence", seats=seats).count
    assert n == seats // 2 + 1
    if n is not None and n + no + abstain <= seats:
        assert judge("pk-na", "no-confidence", yes=n, no=no, abstain=abstain, seats=seats).passed
        assert not judge("pk-na", "no-confidence", yes=n - 1, no=no, abstain=abstain, seats=seats).passed


# -- registry sweep -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("rules_id,kind", PROFILES_KINDS)
def test_registry_sweep_unanimity(rules_id: str, kind: str) -> None:
    on = _in_force_date(rules_id, kind)
    c = get_constitution(rules_id)
    for m in c.motions:
        if m.kind != kind:
            continue
        day = m.start or on
        seats = 101
        assert judge(c, kind, yes=seats, no=0, abstain=0, seats=seats, on=day).passed, m.title
        assert not judge(c, kind, yes=0, no=seats, abstain=0, seats=seats, on=day).passed, m.title
        assert m.source.url.startswith("http") and m.source.article


def test_every_required_profile_is_registered() -> None:
    ids = {c.id for c in all_constitutions()}
    required = {"pk-na", "pk-pa-punjab", "pk-pa-sindh", "pk-pa-kp", "pk-pa-balochistan", "gb-hc", "in-ls",
                "de-bt", "es-cd", "ca-hc", "il-knesset", "it-senate", "ro-parl", "jp-hr", "se-riksdag", "np-hor",
                "fr-an", "au-hr", "nz-hr", "hu-ogy", "pl-sejm", "si-dz", "be-ch"}
    assert required <= ids
    for c in all_constitutions():
        assert set(c.kinds) <= set(MOTION_KINDS)


def test_register_rejects_a_taken_id_and_accepts_a_new_one() -> None:
    src = LegalSource("Art. 1", "https://example.org/")
    mine = Constitution("test-only-chamber", "Test", "Nowhere",
                        (MotionRule("no-confidence", Threshold("total"), src),), origin="test")
    from whipcount.rules import registry

    try:
        register(mine, replace=True)
        assert get_constitution("test-only-chamber") is mine
        clash = Constitution("pk-na", "Fake", "Nowhere", (MotionRule("no-confidence", Threshold("total"), src),))
        with pytest.raises(RulesError, match="already registered"):
            register(clash)
    finally:  # other tests list every profile: leave none of this test's behind
        registry._REGISTRY.pop("test-only-chamber", None)


@pytest.mark.parametrize(("rules_id", "kind", "seats", "movers"), [
    ("pk-na", "no-confidence", 342, 69),  # Art. 95(1): not less than 20 % of 342 = 68.4 -> 69
    ("ro-parl", "no-confidence", 464, 116),  # Art. 113(2): a quarter of the deputies and senators
    ("hu-ogy", "constructive-no-confidence", 199, 40),  # Art. 21(2): a fifth of 199 = 39.8 -> 40
    ("de-bt", "constructive-no-confidence", 736, 184),  # GO-BT r. 97(1): a quarter of the 736 members
    ("np-hor", "constructive-no-confidence", 275, 69),  # Art. 100(4): a quarter of the then members, 68.75
    ("it-senate", "no-confidence", 321, 33),  # Art. 94(5): at least a tenth of the members, 32.1
    ("se-riksdag", "no-confidence", 349, 35),  # IG ch. 13 art. 2: at least a tenth of the members, 34.9
    ("pk-pa-punjab", "no-confidence", 371, 75),  # Art. 136(1): not less than 20 % of the total membership
    ("fr-an", "no-confidence", 577, 58),  # Art. 49(2): signed by at least a tenth of the members, 57.7
])
def test_movers_needed_are_the_constitution_s_share_rounded_up(rules_id: str, kind: str, seats: int,
                                                               movers: int) -> None:
    from whipcount.rules import get_constitution

    rule = get_constitution(rules_id).motion(kind)
    assert rule.movers is not None and rule.movers.required(seats) == movers


def test_a_division_on_a_votes_cast_basis_explains_its_bar_and_an_empty_one_carries_nothing() -> None:
    # 28 March 1979: 311 to 310, carried by one vote; a majority of the 621 votes cast is 311
    o = judge("gb-hc", "no-confidence", yes=311, no=310)
    assert o.passed and o.explanation.startswith("311 in favour, 310 against; 311 needed: a majority of the 621")
    empty = judge("gb-hc", "no-confidence", yes=0, no=0)
    assert not empty.passed and "no votes cast, nothing carried" in empty.explanation


def test_a_window_says_each_of_its_bounds_or_nothing() -> None:
    from whipcount.rules.core import Window

    moved = dt.date(2022, 3, 28)
    both = Window(3, 7)  # Pakistan, Art. 95(2): not before 3 days nor later than 7 days after moving
    assert both.describe() == "not before 3 days, nor later than 7 days, after the motion is moved"
    assert (both.opens(moved), both.closes(moved)) == (dt.date(2022, 3, 31), dt.date(2022, 4, 4))
    assert Window(min_days=2, after="motion-filed").describe() == "not before 2 days after the motion is filed"
    assert Window(max_days=10).describe() == "not later than 10 days after the motion is moved"
    assert Window(max_days=10).opens(moved) is None and Window(min_days=2).closes(moved) is None
    assert Window().describe() == ""


def test_an_unverified_rule_says_why_in_its_explanation() -> None:
    # Hungary's 2006 confidence vote is judged under s. 39/A, whose wording could not be read: the note
    # the profile gives that rule is repeated, not a generic pointer
    o = judge("hu-ogy", "confidence", yes=207, no=165, seats=386, on=D(2006, 10, 6))
    assert o.passed and o.needed == 194
    assert any(n.startswith("this rule is not verified: s. 39/A's wording is not quoted") for n in o.notes)


def test_an_election_names_who_is_elected_in_its_effect() -> None:
    # Pakistan, 11 April 2022: Shehbaz Sharif elected with 174 votes, 172 needed (Art. 91(4))
    o = judge("pk-na", "pm-election", yes=0, candidates={"Shehbaz Sharif": 174}, seats=342, on=D(2022, 4, 11))
    assert o.passed and o.elected == "Shehbaz Sharif"
    assert "Shehbaz Sharif is elected" in o.effect and "the candidate is" not in o.effect


def test_a_plug_in_s_constitutions_must_be_constitutions_not_text() -> None:
    import types

    from whipcount.rules.registry import _accept

    for bad, name in (("pk-na", "str"), (5, "int"), (b"x", "bytes")):
        with pytest.raises(RulesError, match=f"plug: expected a Constitution, a sequence of them or a module, "
                                             f"got {name}"):
            _accept(bad, "plug")
    module = types.ModuleType("plug_module")
    with pytest.raises(RulesError, match="module plug_module has no CONSTITUTIONS"):
        _accept(module, "plug")


def test_a_run_off_names_the_runner_up_and_a_first_poll_does_not() -> None:
    first = judge("pk-na", "pm-election", yes=0, candidates={"A": 160, "B": 150, "C": 10}, seats=342,
                  on=D(2022, 4, 11))
    runoff = judge("pk-na", "pm-election", yes=0, candidates={"A": 160, "B": 150}, seats=342,
                   on=D(2022, 4, 11), round=2)
    assert first.explanation.startswith("first poll: A 160;") and "runner-up" not in first.explanation
    assert runoff.explanation.startswith("run-off: A 160, runner-up 150;")


@pytest.mark.parametrize("share", [Fraction(0), Fraction(1), Fraction(3, 2)])
def test_a_share_must_lie_strictly_between_nothing_and_everyone(share: Fraction) -> None:
    with pytest.raises(RulesError, match="fraction"):
        Threshold("votes-cast", share)


def test_a_motion_s_rulings_and_court_orders_inside_its_window_are_its_steps() -> None:
    """Pakistan 2022: the Deputy Speaker dismissed the motion on 3 April; the Supreme Court restored it on
    7 April. A ruling before the motion was filed, or one without a summary, reads as what it was."""
    from whipcount.io.scenario import load_scenario
    from whipcount.model import Event
    from whipcount.rules import motion_status

    sc = load_scenario("pk-na-2022")
    assert sc.motion is not None
    dismissed = motion_status("pk-na", sc.motion, sc.events, on=D(2022, 4, 5))
    restored = motion_status("pk-na", sc.motion, sc.events, on=D(2022, 4, 8))
    assert dismissed.state == "dismissed" and restored.state == "restored"
    assert [s.state for s in restored.steps if s.date >= D(2022, 4, 3)][:2] == ["dismissed", "restored"]
    early = Event(D(2022, 3, 1), "ruling", effect="dismiss", by="Speaker")
    bare = [Event(D(2022, 4, 2), "ruling", effect="suspend", by="Speaker"),
            Event(D(2022, 4, 2), "court-order", effect="suspend", by="Court")]
    status = motion_status("pk-na", sc.motion, [early, *bare], on=D(2022, 4, 2))
    assert [(s.state, s.text) for s in status.steps if s.by in ("Speaker", "Court")] == \
        [("suspended", "ruling"), ("suspended", "court order")]


def test_each_step_of_a_motion_counts_from_its_own_day() -> None:
    """Pakistan 2022: filed on 8 March and moved on 28 March, each the state of that very day; a ruling on
    the day of the vote is still part of the motion's course (one the day after is not)."""
    from whipcount.io.scenario import load_scenario
    from whipcount.model import Event
    from whipcount.rules import motion_status

    sc = load_scenario("pk-na-2022")
    assert sc.motion is not None
    for day, state in ((D(2022, 3, 8), "filed"), (D(2022, 3, 28), "moved")):
        st = motion_status("pk-na", sc.motion, [], on=day)
        assert (st.state, st.since) == (state, day)
    on_the_day = Event(D(2022, 4, 10), "court-order", effect="suspend", by="Court")
    day_after = Event(D(2022, 4, 11), "ruling", effect="dismiss", by="Speaker")
    steps = motion_status("pk-na", sc.motion, [on_the_day, day_after], on=D(2022, 4, 12)).steps
    assert [(s.date, s.state) for s in steps if s.by] == [(D(2022, 4, 10), "suspended")]


def test_after_a_failed_first_vote_the_next_vote_is_named() -> None:
    # Spain, Art. 99(3): failing the absolute majority (176 of 350), a second vote 48 hours later needs more
    # yes than no; Slovenia, Art. 111: a further round; Pakistan, Art. 91(4): a run-off between the top two
    spain = judge("es-cd", "investiture", yes=170, no=180, abstain=0, seats=350, round=1)
    assert spain.effect == "the candidate is not invested in the first vote"
    assert spain.next_step is not None and spain.next_step.startswith("not carried in the first vote: a further vote "
                                                                      "follows, decided by")
    assert spain.next_step.endswith("(Art. 99(3))")
    slovenia = judge("si-dz", "pm-election", yes=40, seats=90, on=D(2022, 5, 1))
    assert slovenia.next_step and "a further vote follows" in slovenia.next_step and "top 1" not in slovenia.next_step
    pakistan = judge("pk-na", "pm-election", yes=0, candidates={"A": 160, "B": 150, "C": 10}, seats=342,
                     on=D(2022, 4, 11))
    assert pakistan.next_step and "a second poll between the top 2 follows" in pakistan.next_step


def test_japan_s_house_decides_by_a_majority_of_those_voting() -> None:
    # Art. 56(2): "a majority of those present" (blank ballots aside): 200 to 250 fails, 226 to 224 carries
    assert not judge("jp-hr", "no-confidence", yes=200, no=250, seats=465, on=D(2024, 1, 1)).passed
    assert judge("jp-hr", "no-confidence", yes=226, no=224, seats=465, on=D(2024, 1, 1)).passed


def test_a_vote_short_of_its_quorum_says_what_the_quorum_is() -> None:
    """Japan, Art. 56(1): one third of the 465 members, 155, must be present; 100 voting is no decision.
    A quorum given as a count reads as that count."""
    from whipcount.rules.core import Quorum

    short = judge("jp-hr", "no-confidence", yes=60, no=40, seats=465, on=D(2024, 1, 1))
    assert not short.passed and short.quorum == 155 and short.quorum_met is False
    assert "only 100 present, short of a quorum of 155 (at least one third of 465): no valid decision" \
        in short.explanation
    assert Quorum(Fraction(1, 2), strict=True).describe(150) == "a quorum of 76 (more than one half of 150)"
    assert Quorum(count=20).describe(150) == "a quorum of 20"


def test_only_a_quorum_makes_every_count_matter() -> None:
    from whipcount.rules.decide import PassRule

    assert PassRule("votes-cast").needs == {"no"}
    assert PassRule("votes-cast", quorum=3).needs == {"no", "abstain", "absent", "present_not_voting"}
    assert PassRule("total", count=342).needs == frozenset()
    for share in (Fraction(0), Fraction(1)):
        with pytest.raises(RulesError, match="fraction"):
            PassRule("votes-cast", fraction=share)


def test_a_ruling_on_the_filing_day_is_the_motion_s_and_a_plain_step_adds_no_text() -> None:
    from whipcount.io.scenario import load_scenario
    from whipcount.model import Event
    from whipcount.rules import motion_status

    sc = load_scenario("pk-na-2022")
    assert sc.motion is not None and sc.motion.filed == D(2022, 3, 8)
    same_day = Event(D(2022, 3, 8), "ruling", effect="suspend", by="Speaker", summary="suspended at once")
    status = motion_status("pk-na", sc.motion, [same_day], on=D(2022, 3, 9))
    assert status.state == "suspended" and status.summary.startswith("suspended on 2022-03-08 by Speaker: "
                                                                     "suspended at once")
    filed = motion_status("pk-na", sc.motion, [], on=D(2022, 3, 10))
    assert filed.summary.startswith("filed on 2022-03-08; vote pending") and "notice" not in filed.summary


def test_poland_s_sejm_decides_only_with_half_its_deputies_present() -> None:
    # Art. 120: a simple majority "in the presence of at least half of the statutory number of Deputies"
    # (230 of 460): 150 to 50 with nobody else in the room is no decision; with 40 abstaining it carries
    assert not judge("pl-sejm", "confidence", yes=150, no=50, abstain=0, seats=460).passed
    assert judge("pl-sejm", "confidence", yes=150, no=50, abstain=40, seats=460).passed


def test_a_lone_candidate_s_votes_are_weighed_against_the_noes_given() -> None:
    # a run-off decided by the votes cast, one candidate named: the noes given stand (100 to 150 fails)
    o = judge("jp-hr", "pm-election", yes=0, no=150, candidates={"A": 100}, seats=465, on=D(2024, 11, 11), round=2)
    assert not o.passed and o.no == 150


def test_a_motion_is_voted_on_the_day_of_its_vote_and_vacancies_default_to_none() -> None:
    from whipcount.io.scenario import load_scenario
    from whipcount.rules import motion_status, needed

    sc = load_scenario("pk-na-2022")
    assert sc.motion is not None
    assert motion_status("pk-na", sc.motion, sc.events, on=D(2022, 4, 9)).state == "restored"
    assert motion_status("pk-na", sc.motion, sc.events, on=D(2022, 4, 10)).state == "voted"
    # Romania's joint sitting counts members in office: with no vacancy given, all 465 sit, 233 needed
    # (one more in office, 466, would need 234)
    assert needed("ro-parl", "no-confidence", seats=465).count == 233
    assert needed("ro-parl", "no-confidence", seats=465, vacancies=3).count == 232


@pytest.mark.parametrize("vacancies", [-1, -2])
def test_a_negative_count_of_vacancies_is_refused(vacancies: int) -> None:
    with pytest.raises(RulesError, match=f"vacancies: expected a count >= 0, got {vacancies}"):
        needed("pk-na", "no-confidence", seats=342, vacancies=vacancies)


@pytest.mark.parametrize(("rules_id", "on", "seats", "movers"), [
    ("es-cd", None, 350, 35),  # Art. 113(2): a tenth of the deputies
    ("pl-sejm", None, 460, 46),  # Art. 158(1): at least 46 deputies
    ("pk-na", None, 342, 69),  # Art. 95(1): twenty per cent of the total membership (68.4, so 69)
    ("hu-ogy", D(2005, 1, 1), 386, 78),  # s. 39/A(1) of the 1949 Constitution as amended: a fifth (77.2)
])
def test_who_may_move_a_no_confidence_motion(rules_id: str, on: dt.date | None, seats: int, movers: int) -> None:
    c = get_constitution(rules_id)
    kind = "no-confidence" if rules_id == "pk-na" else "constructive-no-confidence"
    rule = c.motion(kind, on)
    assert rule.movers is not None and rule.movers.required(seats) == movers


def test_a_run_off_with_one_candidate_counts_no_runner_up_votes() -> None:
    """Art. 91(4): a majority of those present and voting; one candidate with 174 votes and nobody else:
    174 present and voting, 88 needed."""
    o = judge("pk-na", "pm-election", yes=0, candidates={"Shehbaz Sharif": 174}, round=2, seats=342)
    assert o.passed and o.to_dict()["no"] == 0
    assert "runner-up 0; 88 needed: a majority of the 174 members present and voting" in o.explanation


def test_seat_periods_may_not_overlap_or_follow_an_open_ended_one() -> None:
    import dataclasses

    from whipcount.rules.core import SeatPeriod

    pk = get_constitution("pk-na")
    url = "https://example.org"
    with pytest.raises(RulesError, match="pk-na"):
        dataclasses.replace(pk, seats=(SeatPeriod(100, D(2000, 1, 1), None, url),
                                       SeatPeriod(120, D(2010, 1, 1), None, url)))
    with pytest.raises(RulesError, match="pk-na"):
        dataclasses.replace(pk, seats=(SeatPeriod(100, D(2000, 1, 1), D(2012, 1, 1), url),
                                       SeatPeriod(120, D(2010, 1, 1), None, url)))
    ok = dataclasses.replace(pk, seats=(SeatPeriod(120, D(2012, 1, 1), None, url),
                                        SeatPeriod(100, D(2000, 1, 1), D(2012, 1, 1), url)))
    assert ok.seats_on(D(2011, 12, 31)).seats == 100 and ok.seats_on(D(2012, 1, 1)).seats == 120  # type: ignore[union-attr]


def test_a_first_poll_without_a_majority_sends_the_top_two_to_a_second_poll() -> None:
    """Art. 130(4) for a Chief Minister, a made-up first poll in the Punjab's 371 seats: a majority of the
    total membership is 186; with 180, 176 and 5 votes nobody reaches it, and the top two go on."""
    o = judge("pk-pa-punjab", "pm-election", yes=0, candidates={"A": 180, "B": 176, "C": 5}, seats=371,
              on=D(2022, 7, 1))
    assert not o.passed
    assert "no candidate reached 186 in the first poll: a second poll between the top 2 follows" in o.explanation


@pytest.mark.parametrize(("share", "words"), [(Fraction(1, 5), "20 %"), (Fraction(1, 8), "12.5 %"),
                                              (Fraction(1, 3), "33.3333 %"), (Fraction(1, 2), "50 %")])
def test_a_share_reads_as_a_percentage(share: Fraction, words: str) -> None:
    from whipcount.rules.wording import percent

    assert percent(share) == words


def test_the_basis_in_words_names_its_vacancies_in_the_right_number() -> None:
    from whipcount.rules.needed import of_basis

    assert of_basis("sitting", 341, 342, 1) == "the 341 sitting members (342 less 1 vacancy)"
    assert of_basis("sitting", 330, 342, 12) == "the 330 sitting members (342 less 12 vacancies)"
    assert of_basis("sitting", 342, 342, 0) == "the 342 sitting members"
    assert of_basis("total", 342, 342, 12) == "the total membership of 342"


def test_an_election_run_off_cites_its_own_proviso_and_says_no_one_was_elected() -> None:
    """Art. 91(4), first proviso: a second poll between the top two; a tie there elects no one (the
    profile gives the run-off no text of its own, so the words are the engine's)."""
    tied = judge("pk-na", "pm-election", yes=0, candidates={"A": 150, "B": 150}, seats=342, on=D(2022, 4, 11),
                 round=2)
    assert not tied.passed and tied.effect == "no one is elected in the run-off"
    assert "Art. 91(4), first proviso" in tied.explanation
    assert "A and B tie on 150 votes" in tied.explanation


def test_candidate_votes_below_zero_are_refused() -> None:
    with pytest.raises(RulesError, match="'A' has -1 votes; expected a count >= 0"):
        judge("pk-na", "pm-election", yes=0, candidates={"A": -1, "B": 5}, seats=342, on=D(2022, 4, 11))


def test_an_outcome_is_a_first_poll_unless_it_says_otherwise() -> None:
    from dataclasses import fields

    from whipcount.rules.judge import Outcome

    assert {f.name: f.default for f in fields(Outcome)}["round"] == 1


def test_members_whose_votes_are_not_counted_are_still_present_for_the_quorum() -> None:
    """A chamber of 100 with a quorum of a majority (51) and votes against the party's direction not counted:
    40 yes of whom 10 defectors, and 11 no, is 51 members present: quorate, 30 to 11, carried. By hand."""
    from whipcount.rules.core import Constitution, DefectionPeriod, LegalSource, MotionRule, Quorum, SeatPeriod

    src = LegalSource("Art. 1", "https://example.org/constitution")
    rule = MotionRule(kind="no-confidence", source=src,
                      threshold=Threshold("votes-cast", Fraction(1, 2), strict=True,
                                          quorum=Quorum(Fraction(1, 2), strict=True)),
                      defection=(DefectionPeriod(None, None, False, src, "not counted"),))
    c = Constitution(id="xx-test", name="A test chamber", country="Nowhere", motions=(rule,),
                     seats=(SeatPeriod(100),))
    out = judge(c, "no-confidence", yes=40, no=11, defectors=10, on=D(2024, 1, 1))
    assert out.counted_yes == 30 and out.quorum == 51 and out.quorum_met and out.passed
