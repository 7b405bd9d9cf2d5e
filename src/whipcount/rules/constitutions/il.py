"""Israel: the Knesset (120 members). Since the Basic Law: The Government of 2001 a vote of no confidence is
constructive and needs a majority of the members (61); before the direct election of the Prime Minister
(1996), a simple majority of those voting brought a government down (the 1968 Basic Law, as the Knesset
describes it; 15 March 1990: 60 to 55)."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import majority_of_total, simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

BL = "Basic Law: The Government"
URL = "https://main.knesset.gov.il/EN/activity/Documents/BasicLawsPDF/BasicLawTheGovernment.pdf"
KNESSET_NC = "http://knesset.gov.il/description/eng/eng_work_mel5.htm"
LAW_1992 = "https://jewishvirtuallibrary.org/jsource/Politics/Basic_Law_Government92.html"
LAW_2001 = "http://www.imra.org.il/story.php3?id=33391"
IN_EFFECT = "http://docstalk.blogspot.com/2009/02/trying-to-understand-israeli-election.html"
_MEMBERS = majority_of_total(
    LegalSource("s. 19 (1992); s. 28 (2001)", URL, BL),
    "'a majority of the Knesset members': 61 of the 120 seats; a vacated seat passes to the next candidate "
    "on the list, and whether a vacancy would lower the bar is unverified", vacancies_verified=False)

IL_KNESSET = Constitution(
    id="il-knesset",
    name="Knesset",
    country="Israel",
    seats=with_parlgov((SeatPeriod(120, dt.date(1949, 2, 14), None, URL,
                                   note="120 members (Basic Law: The Knesset, s. 3)"),), "ISR"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion of no confidence (Basic Law: The Government, 1968)",
            threshold=simple_majority(),
            source=LegalSource("Basic Law: The Government (1968), as the Knesset describes it", KNESSET_NC,
                               quote="According to the original Basic Law: the Government, enacted in 1968, a "
                                     "majority of those participating in the vote could bring about the "
                                     "resignation of the government"),
            effect="the government is deemed to have resigned",
            effect_fail="the government survives",
            start=dt.date(1968, 8, 13),
            end=dt.date(1996, 6, 18),
            note="in force from the 1968 Basic Law (13 August 1968) until the 1992 Basic Law took effect with the "
                 "1996 elections; the section number of the 1968 law is not given in the source",
        ),
        MotionRule(
            kind="no-confidence",
            title="Motion of no confidence in the directly elected Prime Minister (1992 Basic Law)",
            threshold=_MEMBERS,
            source=LegalSource("s. 19, Basic Law: The Government (1992)", LAW_1992, BL),
            effect="the Prime Minister and the Knesset face new elections",
            effect_fail="the government survives",
            start=dt.date(1996, 6, 18),
            end=dt.date(2003, 1, 28),
            sources=(LegalSource("the Knesset: 'a majority of the Knesset Members can bring about the resignation "
                                 "of the Prime Minister'", KNESSET_NC),
                     LegalSource("in force from the 1996 elections until the elections to the 16th Knesset "
                                 "(28 January 2003), per the Foreign Ministry's translation note", IN_EFFECT)),
            note="61 votes under the 1992 Basic Law; the start is the 14th Knesset's first sitting (approximate)",
        ),
        MotionRule(
            kind="constructive-no-confidence",
            title="Expression of no confidence with an alternative government",
            threshold=_MEMBERS,
            source=LegalSource("s. 28, Basic Law: The Government (2001)", LAW_2001, BL),
            effect="the alternative government is deemed to have the Knesset's confidence and takes office",
            effect_fail="the government survives",
            successor=True,
            start=dt.date(2003, 1, 28),
            note="a majority of the Knesset members (61); in force from the elections to the 16th Knesset "
                 "(28 January 2003); since 2014 the motion must present the alternative government itself",
        ),
        MotionRule(
            kind="investiture",
            title="Vote of confidence in a new government",
            threshold=simple_majority(),
            source=LegalSource("s. 13(d), Basic Law: The Government (2001)", LAW_2001, BL,
                               quote="The Government is constituted when the Knesset has expressed confidence in it"),
            effect="the government is constituted",
            effect_fail="the government is not constituted",
            note="a simple majority of those voting",
        ),
    ),
)

CONSTITUTIONS = (IL_KNESSET,)
