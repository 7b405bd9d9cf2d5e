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
    assert not any(" tie on " in n for n in first.notes + runoff.notes)  # 160 to 150 is no tie
    # Art. 91(4)'s second proviso (further polls between tied leaders) is stated after a tied run-off only:
    # not after a first poll, nor after a run-off won 160 to 150
    assert not any("proviso" in n for n in first.notes + runoff.notes)
    tied = judge("pk-na", "pm-election", yes=0, candidates={"A": 150, "B": 150}, seats=342, on=D(2022, 4, 11),
                 round=2)
    assert any("second proviso" in n for n in tied.notes)


def test_a_tied_poll_names_both_candidates_and_their_votes() -> None:
    tied = judge("pk-na", "pm-election", yes=0, candidates={"B": 150, "A": 160, "C": 160}, seats=342,
                 on=D(2022, 4, 11), round=2)
    assert [n for n in tied.notes if " tie on " in n] == ["A and C tie on 160 votes"]
    assert not tied.passed  # 160 to 160: the leader has no majority of those voting


def test_explanation_cites_the_article() -> None:
    o = judge("pk-na", "no-confidence", yes=174, seats=342, vacancies=1, on=D(2022, 4, 10))
    assert o.explanation.startswith("174 in favour; 172 needed: a majority of the total membership of 342 "
                                    "(the 1 vacant seat included), Art. 95(4)")
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


def test_japans_runoff_is_the_houses_rule_and_says_how_sure_the_citation_is() -> None:
    # 11 November 2024: Ishiba 221, Noda 160 in the run-off (84 invalid); Ishiba designated Prime Minister
    o = judge("jp-hr", "pm-election", yes=0, candidates={"Shigeru Ishiba": 221, "Yoshihiko Noda": 160},
              seats=465, on=D(2024, 11, 11), round=2)
    assert o.passed and o.elected == "Shigeru Ishiba"
    assert o.source is not None and "r. 18(3)" in o.source.article and "Rules of the House" in o.source.cite()
    assert "constitution" not in o.source.url  # the House's rules are not in the Constitution's text
    assert any("secondary page" in n for n in o.notes)
