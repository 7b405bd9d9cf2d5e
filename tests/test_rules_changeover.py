"""Dated rules on the days they change: the day before, the day itself and the day after.

Every expected value below is written out from the source the profile cites (the date a law, a seat
apportionment or a judgment took effect, and the size or rule it set), not read from the profiles. The
completeness tests make sure every dated seat period, rule version and defection period of the built-in
profiles appears in these tables, so a new date cannot go untested.
"""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.errors import RulesError
from whipcount.model import Motion, Scenario
from whipcount.rules import all_constitutions, get_constitution, judge, needed
from whipcount.rules.parlgov_seats import PARLGOV_URL
from whipcount.rules.procedure import motion_status

D = dt.date
DAY = dt.timedelta(days=1)

# (profile, the day the size changes, seats the day before (None: no size the profile states), seats from that
# day). Where the profile states none, a chamber ParlGov covers takes the size at the last election from the
# bundled ParlGov table (marked unverified); test_rules_changeover checks the stated sizes here, and
# tests/test_seat_tables.py the filled ones.
SEAT_CHANGES = [
    ("au-hr", D(2019, 5, 18), None, 151),  # 2019 election: 151 divisions
    ("au-hr", D(2025, 5, 3), 151, 150),  # 2025 election: 150 divisions (2023 redistribution)
    ("be-ch", D(1995, 5, 21), None, 150),  # 1993 state reform: 150 members from the 1995 election
    ("ca-hc", D(2004, 5, 23), None, 308),  # 2003 Representation Order, from the 2004 dissolution
    ("ca-hc", D(2015, 8, 2), 308, 338),  # Fair Representation Act 2011, from the 2 Aug 2015 dissolution
    ("ca-hc", D(2025, 3, 23), 338, 343),  # 2023 Representation Order, from the 23 Mar 2025 dissolution
    ("de-bt", D(1980, 11, 4), None, 497),  # 9th Bundestag (1980-83)
    ("de-bt", D(1983, 3, 29), 497, None),
    ("de-bt", D(2001, 11, 16), None, 666),  # 666 members on 16 Nov 2001, 334 needed (CNN)
    ("de-bt", D(2002, 10, 17), 666, None),  # the 15th Bundestag constituted
    ("de-bt", D(2021, 10, 26), None, 736),  # 20th Bundestag constituted 26 Oct 2021
    ("de-bt", D(2024, 2, 11), 736, 733),  # Berlin repeat election of 11 Feb 2024
    ("de-bt", D(2025, 3, 25), 733, 630),  # 2023 electoral law: 630 from the 21st Bundestag, 25 Mar 2025
    ("es-cd", D(1982, 10, 28), None, 350),  # Art. 68(1), LOREG: 350 deputies
    ("fr-an", D(1986, 4, 2), None, 577),  # 577 deputies since the 1986 election
    ("gb-hc", D(1974, 2, 28), None, 635),  # February 1974 election: 635 seats
    ("gb-hc", D(1983, 6, 9), 635, None),
    ("gb-hc", D(2010, 5, 6), None, 650),  # 650 seats since 2010
    ("hu-ogy", D(1990, 5, 2), None, 386),  # 386 members, 1990-2014
    ("hu-ogy", D(2014, 5, 6), 386, 199),  # Fundamental Law: 199 from the 2014 Assembly
    ("il-knesset", D(1949, 2, 14), None, 120),  # Basic Law: The Knesset s. 3: 120 members
    ("in-ls", D(1977, 3, 23), None, 545),  # 543 elected + 2 nominated Anglo-Indians
    ("in-ls", D(2020, 1, 25), 545, 543),  # 104th Amendment ends the nominated seats, 25 Jan 2020
    ("it-senate", D(2006, 4, 28), None, 322),  # 315 elected + 7 life senators (XV legislature)
    ("it-senate", D(2008, 4, 29), 322, None),
    ("it-senate", D(2018, 3, 23), None, 321),  # 315 + 6 life senators (XVIII legislature)
    ("it-senate", D(2022, 10, 13), 321, 206),  # 2020 reform: 200 elected + 6 life, Napolitano among them
    ("it-senate", D(2023, 9, 23), 206, 205),  # Napolitano died on 22 Sep 2023 (lagone.it): 5 life senators left
    ("jp-hr", D(1986, 7, 6), None, 512),  # 1986 election: 512 members
    ("jp-hr", D(1993, 7, 18), 512, None),
    ("jp-hr", D(2017, 10, 22), None, 465),  # 2017 election: 465 members
    ("np-hor", D(2018, 3, 4), None, 275),  # Art. 84: 165 + 110 members
    ("nz-hr", D(1996, 10, 12), None, 120),  # first MMP election: 120 members
    ("nz-hr", D(2023, 10, 14), 120, 122),  # The Spinoff, 3 Nov 2023: "122 MPs until November 25"
    ("nz-hr", D(2023, 11, 25), 122, 123),  # the Port Waikato by-election "will increase that number to 123"
    ("pk-na", D(1985, 3, 20), None, 237),
    ("pk-na", D(1990, 11, 3), 237, 217),  # 207 general + 10 minority seats
    ("pk-na", D(2002, 11, 16), 217, 342),  # LFO 2002: 272 general + 60 women + 10 minorities
    ("pk-na", D(2024, 2, 29), 342, 336),  # 25th Amendment (FATA merged): 266 + 60 + 10 from 29 Feb 2024
    ("pk-pa-balochistan", D(2002, 8, 21), None, 65),  # Art. 106(1)
    ("pk-pa-kp", D(2002, 8, 21), None, 124),
    ("pk-pa-kp", D(2018, 5, 31), 124, 145),  # 25th Amendment, 31 May 2018: FATA seats added
    ("pk-pa-punjab", D(2002, 8, 21), None, 371),
    ("pk-pa-sindh", D(2002, 8, 21), None, 168),
    ("pl-sejm", D(1997, 10, 17), None, 460),  # Art. 96(1): 460 deputies
    ("ro-parl", D(2008, 12, 15), None, 471),  # 334 deputies + 137 senators (2008)
    ("ro-parl", D(2012, 12, 19), 471, 588),  # 412 + 176 (2012)
    ("ro-parl", D(2016, 12, 21), 588, 465),  # 329 + 136 (2016)
    ("ro-parl", D(2020, 12, 21), 465, 466),  # 330 + 136 (2020)
    ("ro-parl", D(2024, 12, 20), 466, 464),  # 464 deputies and senators (2024)
    ("se-riksdag", D(1976, 9, 19), None, 349),  # ch. 3 art. 1: 349 members
    ("si-dz", D(1992, 12, 23), None, 90),  # Art. 80: 90 deputies
]


def _stated(period: object) -> int | None:
    """The seats of a period the profile states with its own source; None for none or a ParlGov fill."""
    if period is None or getattr(period, "source", None) == PARLGOV_URL:
        return None
    return int(period.seats)


@pytest.mark.parametrize(("rules_id", "day", "before", "after"), SEAT_CHANGES)
def test_the_chamber_size_changes_on_the_cited_day(rules_id: str, day: dt.date, before: int | None,
                                                   after: int | None) -> None:
    c = get_constitution(rules_id)
    for on, expected in ((day - DAY, before), (day, after), (day + DAY, after)):
        assert _stated(c.seats_on(on)) == expected, (rules_id, on)
    rule = next((m for m in c.motions if m.in_force(day)), None)
    if rule is None:
        return  # no motion rule in force that day (Israel before its first Basic Law on the government)
    if after is not None:
        # the count a majority of the total membership needs follows the size (needed() reads it)
        assert needed(rules_id, rule.kind, on=day).seats == after
    elif c.seats_on(day) is None:
        with pytest.raises(RulesError, match=r"not in the profile \(it gives .*\); give the size with --seats N"):
            needed(rules_id, rule.kind, on=day)


def test_every_dated_seat_period_is_in_the_table() -> None:
    days = {(r, d) for r, d, _, _ in SEAT_CHANGES}
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        for p in c.seats:
            if p.source == PARLGOV_URL:
                continue  # filled from the election table, tested in tests/test_seat_tables.py
            for d in (p.start, p.end):
                if d is not None:
                    assert (c.id, d) in days, f"{c.id}: seat period boundary {d} has no changeover test"


def test_a_query_without_a_date_uses_todays_size() -> None:
    # no date: the period with no end, the size in force now (the same as on any later day)
    for rules_id, after in (("pk-na", 336), ("de-bt", 630), ("it-senate", 205), ("ca-hc", 343), ("au-hr", 150)):
        c = get_constitution(rules_id)
        assert c.seats_on(None) is not None and c.seats_on(None).seats == after  # type: ignore[union-attr]
        assert c.seats_on(D(2100, 1, 1)).seats == after  # type: ignore[union-attr]
        assert needed(rules_id, c.motions[0].kind).seats == after


# -- rule versions -------------------------------------------------------------------------------------
def test_israel_no_confidence_by_votes_cast_until_direct_election_took_effect() -> None:
    # Basic Law: The Government (1968) s. 24: a majority of those voting; the 1992 law (direct election
    # of the Prime Minister), s. 19, in force with the government of 18 June 1996: 61 of the 120 members.
    change = D(1996, 6, 18)
    old = needed("il-knesset", "no-confidence", seats=120, on=change - DAY)
    assert old.count is None and old.basis == "votes-cast"
    for on in (change, change + DAY):
        new = needed("il-knesset", "no-confidence", seats=120, on=on)
        assert new.count == 61 and new.basis == "total"
    # 50 to 40 carries a votes-cast motion the day before, but not 61 of the total from the day on
    assert judge("il-knesset", "no-confidence", yes=50, no=40, seats=120, on=change - DAY).passed
    assert not judge("il-knesset", "no-confidence", yes=50, no=40, seats=120, on=change).passed


def test_israel_constructive_motion_replaces_the_plain_one_on_28_january_2003() -> None:
    # Basic Law: The Government (2001) s. 28, in force from the elections to the 16th Knesset of 28 January
    # 2003 (the Foreign Ministry's translation note): a constructive motion naming a successor, carried by 61
    # of 120; the plain no-confidence motion of the 1992 law ends.
    change = D(2003, 1, 28)
    assert needed("il-knesset", "no-confidence", seats=120, on=change - DAY).count == 61
    with pytest.raises(RulesError, match="no constructive-no-confidence rule in force on 2003-01-27"):
        needed("il-knesset", "constructive-no-confidence", seats=120, on=change - DAY)
    for on in (change, change + DAY):
        assert needed("il-knesset", "constructive-no-confidence", seats=120, on=on).count == 61
        with pytest.raises(RulesError, match=f"no no-confidence rule in force on {on.isoformat()}"):
            needed("il-knesset", "no-confidence", seats=120, on=on)
    # no date: today's rule, the constructive one
    assert needed("il-knesset", "constructive-no-confidence", seats=120).count == 61
    with pytest.raises(RulesError, match="no no-confidence rule in force on today"):
        needed("il-knesset", "no-confidence", seats=120)


@pytest.mark.parametrize("kind", ["investiture", "confidence", "no-confidence"])
def test_italian_senate_abstentions_stop_counting_against_on_23_march_2018(kind: str) -> None:
    # Senate Rules reform of 20 Dec 2017 (Art. 107), applied from the XVIII legislature's first sitting
    # on 23 March 2018: a majority of those present (abstentions against) before, of those voting after.
    # 158 yes, 136 no, 24 abstaining: 318 present -> 160 needed; 294 voting -> 148 needed.
    change = D(2018, 3, 23)
    old = judge("it-senate", kind, yes=158, no=136, abstain=24, seats=321, on=change - DAY)
    assert not old.passed and old.needed == 160
    for on in (change, change + DAY):
        new = judge("it-senate", kind, yes=158, no=136, abstain=24, seats=321, on=on)
        assert new.passed and new.needed == 148
    # no date: today's rule. 80 yes, 60 no, 30 abstaining of 205: 71 of the 140 voting (86 of 170 present)
    today = judge("it-senate", kind, yes=80, no=60, abstain=30)
    assert today.passed and today.needed == 71


@pytest.mark.parametrize("kind", ["constructive-no-confidence", "confidence", "pm-election"])
def test_hungary_cites_the_1949_constitution_until_the_fundamental_law_took_effect(kind: str) -> None:
    # The Fundamental Law came into force on 1 January 2012 (its closing provisions); before it the
    # Constitution of 1949 as amended by Act XXXI of 1989 (promulgated 23 October 1989) held the motions.
    # Both word the bar as a majority of the members: 194 of 386 (the Assembly kept 386 seats to 2014).
    # The election of a Prime Minister (not a Council of Ministers) dates from Act XXIX of 1990, in force on
    # 16 May 1990, whose s. 33(3) reads "az Országgyűlés tagjai többségének szavazatával".
    change = D(2012, 1, 1)
    amended = D(1990, 5, 16) if kind == "pm-election" else D(1989, 10, 23)
    old = judge("hu-ogy", kind, yes=194, no=0, seats=386, on=change - DAY)
    new = judge("hu-ogy", kind, yes=194, no=0, seats=386, on=change)
    assert old.passed and new.passed and old.needed == new.needed == 194
    assert not judge("hu-ogy", kind, yes=193, no=0, seats=386, on=change - DAY).passed
    assert "s. 39/A" in old.explanation or "s. 33" in old.explanation
    assert "Art. 2" in new.explanation or "Art. 16" in new.explanation
    assert needed("hu-ogy", kind, seats=386, on=amended).count == 194
    with pytest.raises(RulesError, match=f"no {kind} rule in force on {(amended - DAY).isoformat()}"):
        needed("hu-ogy", kind, seats=386, on=amended - DAY)


def test_every_dated_rule_version_is_in_a_test() -> None:
    covered = {("hu-ogy", "constructive-no-confidence"), ("hu-ogy", "confidence"), ("hu-ogy", "pm-election"),
               ("il-knesset", "no-confidence"), ("il-knesset", "constructive-no-confidence"),
               ("it-senate", "investiture"), ("it-senate", "confidence"), ("it-senate", "no-confidence"),
               ("se-riksdag", "no-confidence"), ("se-riksdag", "investiture")}  # Sweden: test_articles_by_period
    # 1968-08-13: the first Basic Law: The Government; 2011-01-01: Sweden's renumbered Instrument of Government
    # 1989-10-23, 1990-05-16 and 2012-01-01: Hungary's amended 1949 Constitution (s. 39/A, then s. 33 as
    # worded in 1990) and its Fundamental Law
    dates = {D(1989, 10, 23), D(1990, 5, 16), D(2012, 1, 1), D(1968, 8, 13), D(1996, 6, 18), D(2003, 1, 28), D(2011, 1, 1), D(2018, 3, 23)}
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        for m in c.motions:
            if m.start or m.end:
                assert (c.id, m.kind) in covered, f"{c.id} {m.kind}: dated rule without a changeover test"
                assert {d for d in (m.start, m.end) if d} <= dates, (c.id, m.kind, m.start, m.end)


# -- Art. 63A: votes against the party's direction -----------------------------------------------------
OPINION = D(2022, 5, 17)  # Supreme Court opinion on Presidential Reference No. 1 of 2022: not counted
REVIEW = D(2024, 10, 3)  # review judgment in C.R.P. 197 of 2022: the opinion set aside, counted again
PK = ["pk-na", "pk-pa-punjab", "pk-pa-sindh", "pk-pa-kp", "pk-pa-balochistan"]


@pytest.mark.parametrize("rules_id", PK)
@pytest.mark.parametrize(("day", "before", "after"), [(OPINION, True, False), (REVIEW, False, True)])
def test_defector_votes_change_on_the_judgments_days(rules_id: str, day: dt.date, before: bool,
                                                     after: bool) -> None:
    c = get_constitution(rules_id)
    for kind in ("no-confidence", "confidence", "pm-election"):
        rule = c.motion(kind, day)
        for on, counted in ((day - DAY, before), (day, after), (day + DAY, after)):
            period = rule.defection_on(on)
            assert period is not None and period.counted is counted, (rules_id, kind, on)
    # the verdict: a bare majority of the total membership, 5 of whose votes defy the party
    seats = c.seats_on(day).seats  # type: ignore[union-attr]
    bare = seats // 2 + 1
    for on, counted in ((day - DAY, before), (day, after), (day + DAY, after)):
        o = judge(rules_id, "no-confidence", yes=bare + 2, defectors=5, seats=seats, on=on)
        assert o.counted_yes == (bare + 2 if counted else bare - 3) and o.passed is counted, (rules_id, on)


def test_without_a_date_defector_votes_follow_todays_rule() -> None:
    # today (after the 2024 review judgment) they count
    o = judge("pk-na", "no-confidence", yes=171, defectors=5, seats=336)
    assert o.counted_yes == 171 and o.passed


def test_every_defection_period_boundary_is_one_of_the_two_judgments() -> None:
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        for m in c.motions:
            for p in m.defection:
                assert {d for d in (p.start, p.end) if d} <= {OPINION, REVIEW}, (c.id, m.kind, p)


# -- windows: the first (and last) day the vote may be held --------------------------------------------
# (profile, motion, anchor event, the day it happens, earliest vote, latest vote or None), from the text:
WINDOWS = [
    # Art. 95(2): "shall not be voted upon before the expiration of three days, or later than seven days,
    # from the day on which such resolution is moved" -- moved 28 March 2022: from 31 March to 4 April.
    ("pk-na", "no-confidence", "moved", D(2022, 3, 28), D(2022, 3, 31), D(2022, 4, 4)),
    ("pk-pa-punjab", "no-confidence", "moved", D(2022, 3, 28), D(2022, 3, 31), D(2022, 4, 4)),  # Art. 136(2)
    ("pk-pa-sindh", "no-confidence", "moved", D(2022, 3, 28), D(2022, 3, 31), D(2022, 4, 4)),
    ("pk-pa-kp", "no-confidence", "moved", D(2022, 3, 28), D(2022, 3, 31), D(2022, 4, 4)),
    ("pk-pa-balochistan", "no-confidence", "moved", D(2022, 3, 28), D(2022, 3, 31), D(2022, 4, 4)),
    # Basic Law Art. 67(2) and 68(2): "forty-eight hours must elapse between the motion and the election/vote"
    ("de-bt", "constructive-no-confidence", "moved", D(1982, 9, 28), D(1982, 9, 30), None),
    ("de-bt", "confidence", "moved", D(2024, 12, 11), D(2024, 12, 13), None),
    # Spain Art. 113(3): "may not be voted until five days after its submission" (filed 25 May 2018)
    ("es-cd", "constructive-no-confidence", "filed", D(2018, 5, 25), D(2018, 5, 30), None),
    # France Art. 49(2): "the vote may not take place until forty-eight hours after the motion is tabled"
    ("fr-an", "no-confidence", "filed", D(2024, 12, 2), D(2024, 12, 4), None),
    # Italy Art. 94(5): "cannot be debated before three days have passed since it was tabled"
    ("it-senate", "no-confidence", "filed", D(2020, 1, 10), D(2020, 1, 13), None),
    # Poland Art. 158(1): "not sooner than 7 days after it has been submitted"
    ("pl-sejm", "constructive-no-confidence", "filed", D(2020, 1, 10), D(2020, 1, 17), None),
    # Romania Art. 113(3): debated "after 3 days from the date it was presented" in the joint sitting, i.e. read
    # there, not tabled (AGERPRES, 3 Feb 2020: "three days after its presentation in the joint sitting of the two
    # Houses"); read on 8 Oct 2009, so from 11 October
    ("ro-parl", "no-confidence", "moved", D(2009, 10, 8), D(2009, 10, 11), None),
    # Slovenia Art. 116: voted on "no earlier than two days after" it was tabled
    ("si-dz", "constructive-no-confidence", "filed", D(2020, 1, 10), D(2020, 1, 12), None),
]


def _deadlines(rules_id: str, kind: str, anchor: str, day: dt.date, on: dt.date) -> dict[str, dt.date]:
    motion = Motion(kind, filed=day, moved=day) if anchor == "moved" else Motion(kind, filed=day)
    st = motion_status(rules_id, motion, [], on=on)
    return {label.split(" ")[0]: d for label, d in st.deadlines}


@pytest.mark.parametrize(("rules_id", "kind", "anchor", "day", "earliest", "latest"), WINDOWS)
def test_the_window_opens_on_the_day_the_text_gives(rules_id: str, kind: str, anchor: str, day: dt.date,
                                                    earliest: dt.date, latest: dt.date | None) -> None:
    got = _deadlines(rules_id, kind, anchor, day, day)
    assert got.get("earliest") == earliest
    assert got.get("latest") == latest
    w = get_constitution(rules_id).motion(kind, day).window
    assert w is not None
    # the day before the opening day is too early, the opening day and the day after are in the window
    assert w.opens(day) is not None and w.opens(day) > earliest - DAY  # type: ignore[operator]
    assert w.opens(day) <= earliest < earliest + DAY  # type: ignore[operator]
    if latest is not None:
        assert w.closes(day) == latest and w.closes(day) < latest + DAY  # type: ignore[operator]
        # a motion still pending the day after the window closed is flagged, not on its last day
        assert not any("window closed" in n for n in motion_status(
            rules_id, Motion(kind, filed=day, moved=day), [], on=latest).notes)
        assert any("window closed" in n for n in motion_status(
            rules_id, Motion(kind, filed=day, moved=day), [], on=latest + DAY).notes)


def test_every_window_is_in_the_table() -> None:
    have = {(r, k) for r, k, *_ in WINDOWS}
    for c in all_constitutions():
        if c.origin != "built-in":
            continue
        for m in c.motions:
            if m.window is not None:
                assert (c.id, m.kind) in have, f"{c.id} {m.kind}: window without a test"


def test_a_question_without_a_date_gets_the_latest_defection_rule() -> None:
    """Art. 63A: counted until the opinion of 17 May 2022, not counted until the review of 3 October 2024,
    counted again since; with no date the rule in force today is the review's."""
    rule = get_constitution("pk-na").motion("no-confidence", None)
    latest = rule.defection_on(None)
    assert latest is not None and latest.start == dt.date(2024, 10, 3) and latest.counted
    assert rule.defection_on(dt.date(2023, 1, 1)).counted is False  # type: ignore[union-attr]


def test_a_motion_asked_after_its_last_version_names_each_version_s_first_and_last_day() -> None:
    """Israel: the plain no-confidence motion ran from the 1968 Basic Law to the 1992 law's start (18 June
    1996), then under that law until the constructive motion replaced it on 28 January 2003; a rule ends the
    day before its successor starts."""
    with pytest.raises(RulesError, match=r"il-knesset: no no-confidence rule in force on 2010-01-01 \(known for "
                                         r"1968-08-13 to 1996-06-17, 1996-06-18 to 2003-01-27\)"):
        get_constitution("il-knesset").motion("no-confidence", dt.date(2010, 1, 1))


def test_pakistan_2022_motion_pending_dismissed_restored_and_voted(pakistan: Scenario) -> None:
    """Art. 95(2): the vote no later than seven days after the motion is moved (28 March 2022), so by
    4 April; the Deputy Speaker dismissed it on 3 April, the Supreme Court restored it on 7 April, and it
    was voted on 10 April (after midnight)."""
    motion = pakistan.motions[0]

    def status(day: dt.date) -> tuple[str, bool, list[str]]:
        st = motion_status("pk-na", motion, pakistan.events, on=day)
        return st.state, st.pending, [n for n in st.notes if "window" in n]

    assert status(D(2022, 3, 30)) == ("moved", True, [])
    assert status(D(2022, 4, 3))[:2] == ("dismissed", False)
    assert status(D(2022, 4, 8)) == ("restored", True, [
        "the window closed on 2022-04-04; the motion's course was changed by 2 ruling(s) or order(s) since, "
        "and the vote is held on the date they set"])
    assert status(D(2022, 4, 10))[:2] == ("voted", False)
    # the day after the window closed only the dismissal had changed the motion's course (filing and
    # moving it are not rulings)
    assert status(D(2022, 4, 5)) == ("dismissed", False, [
        "the window closed on 2022-04-04; the motion's course was changed by 1 ruling(s) or order(s) since, "
        "and the vote is held on the date they set"])


def test_the_dissolution_bar_holds_while_the_pakistan_2022_motion_is_pending(pakistan: Scenario) -> None:
    """Art. 58(1), Explanation: no advice to dissolve while a no-confidence notice is pending: shown on
    30 March (moved) and 8 April (restored), not on 3 April (dismissed: the day the Prime Minister advised
    a dissolution, which the Supreme Court set aside on 7 April) nor after the vote."""
    motion = pakistan.motions[0]

    def bars(day: dt.date) -> list[str]:
        return [b for b in motion_status("pk-na", motion, pakistan.events, on=day).bars if "Art. 58(1)" in b]

    assert len(bars(D(2022, 3, 30))) == 1 and "may not advise a dissolution" in bars(D(2022, 3, 30))[0]
    assert len(bars(D(2022, 4, 8))) == 1
    assert bars(D(2022, 4, 3)) == [] and bars(D(2022, 4, 11)) == []


def test_a_pending_motion_says_when_its_vote_is_held_and_a_dismissed_one_does_not(pakistan: Scenario) -> None:
    motion = pakistan.motions[0]

    def summary(day: dt.date) -> str:
        return motion_status("pk-na", motion, pakistan.events, on=day).summary

    assert summary(D(2022, 3, 30)).endswith("vote pending (held on 2022-04-10)")  # moved on 28 March
    assert summary(D(2022, 4, 8)).endswith("vote pending (held on 2022-04-10)")  # restored on 7 April
    assert "held on" not in summary(D(2022, 4, 3))  # dismissed by the Deputy Speaker


def test_the_movers_of_pakistan_s_motion_are_20_percent_of_342_rounded_up() -> None:
    """Art. 95(1): 'not less than twenty per centum of the total membership': 68.4, so 69 members."""
    movers = get_constitution("pk-na").motion("no-confidence", D(2022, 3, 8)).movers
    assert movers is not None
    assert movers.describe(342) == "at least 69 members (20 % of the total membership of 342)"
    assert movers.describe(None) == "at least 20 % of the total membership"


def test_a_motion_known_only_by_its_vote_date_is_scheduled_and_one_not_yet_filed_says_so() -> None:
    scheduled = motion_status("pk-na", Motion("no-confidence", vote=D(2022, 4, 10)), [], on=D(2022, 4, 1))
    assert scheduled.state == "scheduled" and scheduled.pending
    assert scheduled.summary == "vote pending (held on 2022-04-10); no filing is recorded for this motion"
    early = motion_status("pk-na", Motion("no-confidence", filed=D(2022, 3, 8)), [], on=D(2022, 3, 1))
    assert early.state == "not filed" and not early.pending


def test_the_italian_senate_s_quorum_counts_napolitano_until_his_death() -> None:
    """Art. 64(3): a sitting is valid with more than half of the members present. From 13 October 2022 the
    Senate had 200 elected and 6 life senators (Napolitano by right, Monti, Cattaneo, Piano, Rubbia, Segre):
    more than half of 206 is 104. After Napolitano's death on 22 September 2023, 205: more than half is 103.
    103 present (60 + 43) is a quorum only in the second period."""
    before = judge("it-senate", "confidence", yes=60, no=43, on=D(2023, 1, 10))
    after = judge("it-senate", "confidence", yes=60, no=43, on=D(2023, 10, 10))
    assert (before.quorum, before.quorum_met, before.passed) == (104, False, False)
    assert (after.quorum, after.quorum_met, after.passed) == (103, True, True)
