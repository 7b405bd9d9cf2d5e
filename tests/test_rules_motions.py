"""The rules engine on each motion's particulars, against the constitutions' texts worked out by hand: who
may move a motion, its window and steps, quorums, elections and run-offs, and the words of each
explanation."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from whipcount.errors import RulesError
from whipcount.rules import Threshold, get_constitution, judge, needed

D = dt.date


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


def test_a_window_of_no_wait_or_one_day_reads_as_english() -> None:
    """A window that opens on the day of the event said "not before 0 days", and one day was "1 days"."""
    from whipcount.rules.core import Window

    filed = dt.date(2026, 7, 1)
    same_day = Window(0, 30, after="motion-filed")
    assert same_day.describe() == "on the day the motion is filed, or not later than 30 days after it"
    assert (same_day.opens(filed), same_day.closes(filed)) == (filed, dt.date(2026, 7, 31))
    assert Window(min_days=0).describe() == "on the day the motion is moved or later"
    assert Window(1, 1).describe() == "not before 1 day, nor later than 1 day, after the motion is moved"
    assert Window(max_days=1).describe() == "not later than 1 day after the motion is moved"


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
    assert spain.effect.startswith("the candidate is not invested in the first vote: a further vote follows")
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

    assert of_basis("sitting", 341, 342, 1) == "the 341 sitting members (342 seats, the 1 vacant left out)"
    assert of_basis("sitting", 330, 342, 12) == "the 330 sitting members (342 seats, the 12 vacant left out)"
    assert of_basis("sitting", 342, 342, 0) == "the 342 sitting members"
    assert of_basis("total", 342, 342, 1) == "the total membership of 342 (the 1 vacant seat included)"
    assert of_basis("total", 342, 342, 12) == "the total membership of 342 (the 12 vacant seats included)"
    assert of_basis("total", 342, 342, 0) == "the total membership of 342"


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
