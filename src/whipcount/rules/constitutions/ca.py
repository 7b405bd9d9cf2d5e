"""Canada: the House of Commons. Questions are decided by a majority of voices other than the Speaker's;
the Speaker votes only in a tie (Constitution Act, 1867, s. 49)."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

CA1867 = "Constitution Act, 1867"
URL = "https://laws-lois.justice.gc.ca/eng/const/page-3.html"
CASTING = LegalSource("s. 49", URL, CA1867)

CA_HC = Constitution(
    id="ca-hc",
    name="House of Commons of Canada",
    country="Canada",
    seats=with_parlgov((
        SeatPeriod(308, dt.date(2004, 5, 23), dt.date(2015, 8, 2), URL, verified=False,
                   note="308 seats in 2004-15; not confirmed against an official source"),
        SeatPeriod(338, dt.date(2015, 8, 2), dt.date(2025, 3, 23), URL, verified=False,
                   note="338 seats in 2015-25; not confirmed"),
        SeatPeriod(343, dt.date(2025, 3, 23), None, URL, verified=False, note="343 seats from 2025; not confirmed"),
    ), "CAN"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion that the House has lost confidence in the government",
            threshold=simple_majority(casting=CASTING, convention="no"),
            source=LegalSource("s. 49; confidence convention", URL, CA1867),
            effect="the government resigns or seeks a dissolution",
            effect_fail="the government survives",
        ),
        MotionRule(
            kind="confidence",
            title="Confidence motion (the Speech from the Throne, supply, or one the government declares)",
            threshold=simple_majority(casting=CASTING, convention="no"),
            source=LegalSource("s. 49; confidence convention", URL, CA1867),
            effect="the government keeps the confidence of the House",
            effect_fail="the government resigns or seeks a dissolution",
        ),
    ),
)

CONSTITUTIONS = (CA_HC,)
