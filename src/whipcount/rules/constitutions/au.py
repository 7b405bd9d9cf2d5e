"""Australia: the House of Representatives. Questions are decided by a majority of votes other than the
Speaker's; in a tie the Speaker has a casting vote (Constitution, s. 40)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod, Threshold
from whipcount.rules.parlgov_seats import with_parlgov

CONST = "Commonwealth of Australia Constitution Act"
URL = "https://www.aph.gov.au/constitution"
_CAST = LegalSource("s. 40", URL, CONST)


def _majority() -> Threshold:
    return Threshold("votes-cast", Fraction(1, 2), strict=True, tie="casting-vote", tie_source=_CAST)


AU_HR = Constitution(
    id="au-hr",
    name="House of Representatives of Australia",
    country="Australia",
    seats=with_parlgov((
        SeatPeriod(151, dt.date(2019, 5, 18), dt.date(2025, 5, 3), URL, verified=False,
                   note="151 seats in 2019-25; not confirmed"),
        SeatPeriod(150, dt.date(2025, 5, 3), None, URL, verified=False, note="150 seats from 2025; not confirmed"),
    ), "AUS"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion of no confidence in the government",
            threshold=_majority(),
            source=LegalSource("s. 40", URL, CONST),
            effect="the government resigns or advises a dissolution",
            effect_fail="the government survives",
        ),
        MotionRule(
            kind="confidence",
            title="Motion of confidence in the government",
            threshold=_majority(),
            source=LegalSource("s. 40", URL, CONST),
            effect="the government keeps the confidence of the House",
            effect_fail="the government resigns or advises a dissolution",
        ),
    ),
)

CONSTITUTIONS = (AU_HR,)
