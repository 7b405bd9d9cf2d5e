"""Hungary: the Országgyűlés. A motion of no confidence names the candidate for Prime Minister and needs
more than half of the members; moved by a fifth of them (Fundamental Law, Art. 21). The Prime Minister's
own confidence motion also needs more than half of the members."""

from __future__ import annotations

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
    "lowers the bar is unverified")

HU_OGY = Constitution(
    id="hu-ogy",
    name="Országgyűlés (National Assembly of Hungary)",
    country="Hungary",
    seats=with_parlgov((
        SeatPeriod(386, dt.date(1990, 5, 2), dt.date(2014, 5, 6), URL, verified=False,
                   note="386 members until 2014; not confirmed against an official source"),
        SeatPeriod(199, dt.date(2014, 5, 6), None, URL, verified=False, note="199 members since 2014; not confirmed"),
    ), "HUN"),
    note="Before 2012 the same rules stood in the Constitution of 1949 as amended (s. 39/A); the article "
         "numbers below are the Fundamental Law's.",
    motions=(
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
    ),
)

CONSTITUTIONS = (HU_OGY,)
