"""Israel: the Knesset (120 members). Since the Basic Law: The Government of 2001 a vote of no confidence is
constructive and needs a majority of the members (61); before the direct election of the Prime Minister
(1996), a simple majority of those voting brought a government down (15 March 1990: 60 to 55)."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import majority_of_total, simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

BL = "Basic Law: The Government"
URL = "https://main.knesset.gov.il/EN/activity/Documents/BasicLawsPDF/BasicLawTheGovernment.pdf"
_MEMBERS = majority_of_total(
    LegalSource("s. 19 (1992); s. 28 (2001)", URL, BL),
    "'a majority of the Knesset members': 61 of the 120 seats; a vacated seat passes to the next candidate "
    "on the list, and whether a vacancy would lower the bar is unverified")

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
            source=LegalSource("s. 24, Basic Law: The Government (1968)", URL, BL),
            effect="the government is deemed to have resigned",
            effect_fail="the government survives",
            end=dt.date(1996, 6, 18),
            verified=False,
            note="the rule of a simple majority before 1996 is inferred from the 1990 vote (60 to 55); the "
                 "section number and the end date are not confirmed",
        ),
        MotionRule(
            kind="no-confidence",
            title="Motion of no confidence in the directly elected Prime Minister (1992 Basic Law)",
            threshold=_MEMBERS,
            source=LegalSource("s. 19, Basic Law: The Government (1992)", URL, BL),
            effect="the Prime Minister and the Knesset face new elections",
            effect_fail="the government survives",
            start=dt.date(1996, 6, 18),
            end=dt.date(2001, 3, 7),
            verified=False,
            note="61 votes under the 1992 Basic Law; section and dates not confirmed",
        ),
        MotionRule(
            kind="constructive-no-confidence",
            title="Expression of no confidence with an alternative government",
            threshold=_MEMBERS,
            source=LegalSource("s. 28, Basic Law: The Government (2001)", URL, BL),
            effect="the alternative government is deemed to have the Knesset's confidence and takes office",
            effect_fail="the government survives",
            successor=True,
            start=dt.date(2001, 3, 7),
            verified=False,
            note="a majority of the Knesset members (61); since 2014 the motion must present the alternative "
                 "government itself. Start date approximate",
        ),
        MotionRule(
            kind="investiture",
            title="Vote of confidence in a new government",
            threshold=simple_majority(),
            source=LegalSource("s. 13(d), Basic Law: The Government (2001)", URL, BL),
            effect="the government is constituted",
            effect_fail="the government is not constituted",
            verified=False,
            note="a simple majority of those voting; the section number is not confirmed",
        ),
    ),
)

CONSTITUTIONS = (IL_KNESSET,)
