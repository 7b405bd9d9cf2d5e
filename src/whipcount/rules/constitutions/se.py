"""Sweden: the Riksdag (349 members). A declaration of no confidence needs more than half of all members
(Instrument of Government, ch. 13, art. 4). A proposed Prime Minister is approved unless more than half
of all members vote against (ch. 6, art. 4): a negative majority."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod, Threshold
from whipcount.rules.parlgov_seats import with_parlgov

RF = "Instrument of Government"
URL = "https://www.riksdagen.se/en/how-the-riksdag-works/democracy/the-constitution/"
LOFVEN = "https://www.einpresswire.com/article/544367440/swedish-prime-minister-stefan-lofven-ousted-in-parliament-no-confidence-vote"

SE_RIKSDAG = Constitution(
    id="se-riksdag",
    name="Riksdag",
    country="Sweden",
    seats=with_parlgov((SeatPeriod(349, dt.date(1976, 9, 19), None, LOFVEN,
                      note="349 members since 1976 (175 needed for a declaration of no confidence in 2021)"),), "SWE"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Declaration of no confidence (misstroendeförklaring)",
            threshold=majority_of_total(
                LegalSource("ch. 13, art. 4", URL, RF),
                "'more than half of the members of the Riksdag': 175 of the 349 seats; a member who leaves is "
                "replaced by a substitute, and whether a vacancy would lower the bar is unverified"),
            source=LegalSource("ch. 13, art. 4", URL, RF),
            effect="the Prime Minister is dismissed, unless the government calls an extra election within a week",
            effect_fail="the declaration fails",
            movers=Movers(Fraction(1, 10), source=LegalSource("ch. 13, art. 5", URL, RF),
                          note="at least a tenth of the members (35)"),
            sources=(LegalSource("Löfven, 21 June 2021: 175 of 349 needed", LOFVEN),),
        ),
        MotionRule(
            kind="investiture",
            title="Vote on the Speaker's proposal for Prime Minister",
            threshold=Threshold("total", Fraction(1, 2), strict=True, negative=True,
                                basis_source=LegalSource("ch. 6, art. 4", URL, RF),
                                basis_note="'more than half of the members of the Riksdag' vote against: 175 of "
                                           "the 349 seats; whether a vacancy would lower the bar is unverified"),
            source=LegalSource("ch. 6, art. 4", URL, RF),
            effect="the candidate is approved as Prime Minister",
            effect_fail="the proposal is rejected; after four rejected proposals an extra election is held",
        ),
    ),
)

CONSTITUTIONS = (SE_RIKSDAG,)
