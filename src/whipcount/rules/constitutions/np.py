"""Nepal: the House of Representatives (275 members). The Prime Minister's confidence motion and a motion
of no confidence both need a majority of the then (existing) members, so vacancies and suspensions lower
the bar (Art. 100). A no-confidence motion names the member proposed as Prime Minister."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_sitting
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod

CN = "Constitution of Nepal"
URL = "https://www.lawcommission.gov.np/en/wp-content/uploads/2021/01/Constitution-of-Nepal.pdf"
OLI = "https://english.khabarhub.com/2021/10/183004/"
_THEN_MEMBERS = majority_of_sitting(
    LegalSource("Art. 100", URL, CN),
    "a majority of the then (existing) members: 136 of the 271 existing in May 2021, four of 275 seats "
    "being vacant or suspended")

NP_HOR = Constitution(
    id="np-hor",
    name="House of Representatives of Nepal",
    country="Nepal",
    seats=(SeatPeriod(275, dt.date(2018, 3, 4), None, OLI,
                      note="275 members; 271 existing in May 2021 (four seats vacant or suspended)"),),
    motions=(
        MotionRule(
            kind="confidence",
            title="Motion for a vote of confidence",
            threshold=_THEN_MEMBERS,
            source=LegalSource("Art. 100(1)-(3)", URL, CN),
            effect="the Prime Minister keeps office",
            effect_fail="the Prime Minister is relieved of office",
            sources=(LegalSource("Oli, 10 May 2021", OLI),),
        ),
        MotionRule(
            kind="constructive-no-confidence",
            title="Motion of no confidence naming a proposed Prime Minister",
            threshold=_THEN_MEMBERS,
            source=LegalSource("Art. 100(4)-(6)", URL, CN),
            effect="the Prime Minister is relieved of office and the member named is appointed",
            effect_fail="the motion fails",
            successor=True,
            movers=Movers(Fraction(1, 4), source=LegalSource("Art. 100(4)", URL, CN),
                          note="a quarter of the then members; not within two years of the Prime Minister's "
                               "appointment nor within a year of a failed motion"),
            verified=False,
            note="the naming of a successor and the bars on timing are from the text as we read it; not checked "
                 "against a second source",
        ),
    ),
)

CONSTITUTIONS = (NP_HOR,)
