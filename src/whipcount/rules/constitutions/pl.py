"""Poland: the Sejm (460 deputies). Constructive vote of no confidence: a majority of the statutory number
of deputies, moved by at least 46 deputies, voted no sooner than seven days after it is submitted
(Art. 158). Vote of confidence: a majority of votes with at least half the deputies present (Art. 160).
Investiture: an absolute majority of votes (more yes than no and abstentions together) with at least half
present (Art. 154(2))."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, Quorum, SeatPeriod, Threshold, Window
from whipcount.rules.parlgov_seats import with_parlgov

KRP = "Constitution of the Republic of Poland"
URL = "https://www.sejm.gov.pl/prawo/konst/angielski/kon1.htm"
_HALF = Quorum(Fraction(1, 2), source=LegalSource("Art. 154(2), Art. 160", URL, KRP))

PL_SEJM = Constitution(
    id="pl-sejm",
    name="Sejm",
    country="Poland",
    seats=with_parlgov((SeatPeriod(460, dt.date(1997, 10, 17), None, URL, note="460 deputies (Art. 96(1))"),), "POL"),
    motions=(
        MotionRule(
            kind="constructive-no-confidence",
            title="Vote of no confidence specifying a candidate for Prime Minister",
            threshold=majority_of_total(
                LegalSource("Art. 158(1)", URL, KRP),
                "'a majority of votes of the statutory number of Deputies': 231 of 460, vacant seats included"),
            source=LegalSource("Art. 158(1)", URL, KRP),
            effect="the President accepts the government's resignation and appoints the new Prime Minister",
            effect_fail="the motion fails; another needs at least 115 deputies before three months pass",
            successor=True,
            movers=Movers(count=46, source=LegalSource("Art. 158(1)", URL, KRP)),
            window=Window(7, None, "motion-filed", LegalSource("Art. 158(2)", URL, KRP),
                          note="no sooner than seven days after the motion is submitted"),
        ),
        MotionRule(
            kind="confidence",
            title="Vote of confidence requested by the Prime Minister",
            threshold=Threshold("votes-cast", Fraction(1, 2), strict=True, quorum=_HALF),
            source=LegalSource("Art. 160", URL, KRP),
            effect="the Council of Ministers keeps the Sejm's confidence",
            effect_fail="the Council of Ministers resigns (Art. 162(2))",
        ),
        MotionRule(
            kind="investiture",
            title="Vote of confidence in a new Council of Ministers",
            threshold=Threshold("present", Fraction(1, 2), strict=True, quorum=_HALF),
            source=LegalSource("Art. 154(2)", URL, KRP),
            effect="the Council of Ministers is granted the Sejm's confidence",
            effect_fail="the Sejm chooses a Prime Minister itself (Art. 154(3))",
        ),
    ),
)

CONSTITUTIONS = (PL_SEJM,)
