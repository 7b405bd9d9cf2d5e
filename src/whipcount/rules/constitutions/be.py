"""Belgium: the Chamber of Representatives (150 members). A motion of distrust is constructive: adopted
by an absolute majority of the members, it proposes a successor to the King (Art. 96). A motion of
confidence is decided by a majority of the votes cast with a majority of the members present (Art. 53)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Quorum, SeatPeriod, Threshold
from whipcount.rules.parlgov_seats import with_parlgov

CB = "Belgian Constitution"
URL = "https://www.dekamer.be/kvvcr/pdf_sections/publications/constitution/GrondwetUK.pdf"

BE_CH = Constitution(
    id="be-ch",
    name="Chamber of Representatives of Belgium",
    country="Belgium",
    seats=with_parlgov((SeatPeriod(150, dt.date(1995, 5, 21), None, URL, note="150 members (Art. 63(1))"),), "BEL"),
    motions=(
        MotionRule(
            kind="constructive-no-confidence",
            title="Motion of distrust proposing a successor",
            threshold=majority_of_total(
                LegalSource("Art. 96(2)", URL, CB),
                "'an absolute majority of its members': the 150 seats; a departing member's substitute takes the "
                "seat, and we found no vote held with a seat empty (vacancy handling unverified)",
                vacancies_verified=False),
            source=LegalSource("Art. 96(2)", URL, CB),
            effect="the King appoints the proposed successor as Prime Minister",
            effect_fail="the motion fails",
            successor=True,
        ),
        MotionRule(
            kind="confidence",
            title="Motion of confidence in the federal government",
            threshold=Threshold("votes-cast", Fraction(1, 2), strict=True,
                                quorum=Quorum(Fraction(1, 2), source=LegalSource("Art. 53", URL, CB),
                                              strict=True)),  # "the majority of its members is present"
            source=LegalSource("Art. 53; Art. 46", URL, CB),
            effect="the government keeps the Chamber's confidence",
            effect_fail="the government must resign; if a majority of the members rejected it without naming "
                        "a successor within three days, the King may dissolve the Chamber (Art. 46)",
        ),
    ),
)

CONSTITUTIONS = (BE_CH,)
