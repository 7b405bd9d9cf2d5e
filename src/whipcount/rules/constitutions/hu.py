"""Hungary: the Országgyűlés. A motion of no confidence names the candidate for Prime Minister and needs
more than half of the members; moved by a fifth of them (Fundamental Law, Art. 21). The Prime Minister's
own confidence motion also needs more than half of the members.

From 1990 to the end of 2011 the same motions stood in the Constitution of 1949 as amended in 1989 (Act XX
of 1949, ss. 33 and 39/A), under which the Assembly had 386 members. The election of the Prime Minister
is quoted from Act XXIX of 1990, which gave s. 33 its wording from 16 May 1990: "by the votes of a majority
of the members of Parliament", 194 of 386. The wording of s. 39/A's confidence vote could not be read from
a source here: that rule is kept as more than half of the members (194 of 386), marked unverified, and the
press figure of 193 ("half the total number of deputies") is quoted beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

FL = "Fundamental Law of Hungary"
URL = "https://www.parlament.hu/documents/125505/138409/Fundamental+law/73811993-c377-428d-9808-ee03d6fb8178"
_MEMBERS = majority_of_total(
    LegalSource("Art. 16(4); Art. 21", URL, FL),
    "'more than half of the Members of the National Assembly': the 199 seats; whether a vacant seat "
    "lowers the bar is unverified", vacancies_verified=False)

OLD = "Constitution of the Republic of Hungary (Act XX of 1949 as amended in 1989)"
OLD_URL = "https://constitutionof.com/hungary/government.htm"
IPU = "https://archive.ipu.org/parline-e/reports/CtrlParlementaire/2141_F.htm"
AMENDED_1989 = dt.date(1989, 10, 23)  # Act XXXI of 1989, promulgated on 23 October 1989
PM_1990 = dt.date(1990, 5, 16)  # Act XXIX of 1990 (s. 33 as quoted), in force on the day it was promulgated
ACT_1990 = "Act XXIX of 1990 amending the Constitution (1990. évi XXIX. törvény), as promulgated on 16 May 1990"
ACT_1990_URL = "https://mkogy.jogtar.hu/jogszabaly?docid=99000029.TV"
FUNDAMENTAL_LAW = dt.date(2012, 1, 1)  # the Fundamental Law replaced the 1949 Constitution on 1 January 2012
PRESS_193 = ("in October 2006 Bloomberg (via the Budapest Business Journal) and AP reported that 193 votes, "
             "'half the total number of deputies', were needed; more than half of 386 is 194")
BBJ_2006 = "https://bbj.hu/politics/socialists-pledge-to-unanimously-support-gyurcsany_17556"
OLD_NOTE = ("s. 39/A's wording is not quoted: no copy of the 1989 text's s. 39/A could be read here; the bar "
            "is taken as more than half of the members, as the Fundamental Law words the same motions, and is "
            "unverified: " + PRESS_193)
_OLD_MEMBERS = majority_of_total(
    LegalSource("s. 39/A", OLD_URL, OLD),
    "more than half of the members of Parliament: 194 of the 386 seats (unverified: " + PRESS_193 + ")",
    vacancies_verified=False)


def _old_rules() -> tuple[MotionRule, ...]:
    """The 1989-2011 versions under the Constitution of 1949 as amended (s. 39/A, unverified; s. 33)."""
    return tuple(dataclasses.replace(rule, start=AMENDED_1989, end=FUNDAMENTAL_LAW, verified=False) for rule in (
        MotionRule(
            kind="constructive-no-confidence",
            title="Motion of no confidence naming a candidate for Prime Minister",
            threshold=_OLD_MEMBERS, source=LegalSource("s. 39/A(1)", OLD_URL, OLD),
            effect="the candidate named is elected Prime Minister",
            effect_fail="the motion fails", successor=True,
            movers=Movers(Fraction(1, 5), source=LegalSource("s. 39/A(1)", OLD_URL, OLD),
                          note="a fifth of the members, as under the Fundamental Law (unverified for 1990-2011)"),
            sources=(LegalSource("s. 33/A(d): the mandate ends when Parliament carries a no-confidence motion "
                                 "under s. 39/A(1) and elects a new Prime Minister", OLD_URL, OLD),),
            note=OLD_NOTE),
        MotionRule(
            kind="confidence",
            title="Vote of confidence proposed by the Prime Minister",
            threshold=_OLD_MEMBERS, source=LegalSource("s. 39/A", OLD_URL, OLD),
            effect="the government keeps the confidence of Parliament",
            effect_fail="Parliament has expressed no confidence in the Prime Minister",
            sources=(LegalSource("6 October 2006: 207 for, 165 against; '193 votes' reported as needed",
                                 BBJ_2006),),
            note=OLD_NOTE),
    )) + (_PM_1990,)


# s. 33(3) as Act XXIX of 1990 worded it: "A miniszterelnököt a köztársasági elnök javaslatára az Országgyűlés
# tagjai többségének szavazatával választja" (the Prime Minister is elected, on the President's proposal, by
# the votes of a majority of the members of Parliament). Before 16 May 1990 s. 33 elected a Council of
# Ministers, which no rule here models.
_PM_1990 = MotionRule(
    kind="pm-election",
    title="Election of the Prime Minister",
    threshold=majority_of_total(
        LegalSource("s. 33(3), as worded by Act XXIX of 1990, s. 1", ACT_1990_URL, ACT_1990),
        "'az Országgyűlés tagjai többségének szavazatával': by the votes of a majority of the members of "
        "Parliament, 194 of the 386 seats (the IPU: 'a majority vote of all parliamentarians'); whether a "
        "vacant seat lowers the bar is unverified", vacancies_verified=False),
    source=LegalSource("s. 33(3)", ACT_1990_URL, ACT_1990),
    effect="the candidate is elected Prime Minister", effect_fail="the candidate is not elected",
    sources=(LegalSource("s. 33(3)", IPU, "IPU Parline: Hungary, parliamentary control"),),
    note="an English translation read renders s. 33(3) as 'a simple majority vote of the Members of Parliament'; "
         "the Hungarian text says a majority of the members",
    start=PM_1990, end=FUNDAMENTAL_LAW)


def _new(rule: MotionRule) -> MotionRule:
    """A Fundamental Law rule, in force from 1 January 2012."""
    return dataclasses.replace(rule, start=FUNDAMENTAL_LAW)


HU_OGY = Constitution(
    id="hu-ogy",
    name="Országgyűlés (National Assembly of Hungary)",
    country="Hungary",
    seats=with_parlgov((
        SeatPeriod(386, dt.date(1990, 5, 2), dt.date(2014, 5, 6), URL, verified=False,
                   note="386 members until 2014; not confirmed against an official source"),
        SeatPeriod(199, dt.date(2014, 5, 6), None, URL, verified=False, note="199 members since 2014; not confirmed"),
    ), "HUN"),
    note="Before 2012 the same motions stood in the Constitution of 1949 as amended (ss. 33, 39/A); "
         "`--on` a date before 2012 shows those sections.",
    motions=_old_rules() + tuple(_new(rule) for rule in (
        MotionRule(
            kind="constructive-no-confidence",
            title="Motion of no confidence naming a candidate for Prime Minister",
            threshold=_MEMBERS,
            source=LegalSource("Art. 21(1)-(2)", URL, FL),
            effect="the candidate named is elected Prime Minister",
            effect_fail="the motion fails",
            successor=True,
            movers=Movers(Fraction(1, 5), source=LegalSource("Art. 21(2)", URL, FL)),
        ),
        MotionRule(
            kind="confidence",
            title="Vote of confidence proposed by the Prime Minister",
            threshold=_MEMBERS,
            source=LegalSource("Art. 21(3)", URL, FL),
            effect="the government keeps the confidence of the National Assembly",
            effect_fail="the National Assembly has expressed no confidence in the Prime Minister",
        ),
        MotionRule(
            kind="pm-election",
            title="Election of the Prime Minister",
            threshold=_MEMBERS,
            source=LegalSource("Art. 16(4)", URL, FL),
            effect="the candidate is elected Prime Minister",
            effect_fail="the candidate is not elected",
        ),
    )),
)

CONSTITUTIONS = (HU_OGY,)
