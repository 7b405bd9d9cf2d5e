"""Slovenia: the Državni zbor (90 deputies). A vote of no confidence elects a new Prime Minister by a
majority of all deputies, on a motion of at least ten deputies, voted no earlier than 48 hours after it is
filed (Art. 116). The Prime Minister's confidence question also needs a majority of all deputies (Art. 117).
The Prime Minister is elected by a majority of all deputies (Art. 111)."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import majority_of_total, simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, Runoff, SeatPeriod, Window
from whipcount.rules.parlgov_seats import with_parlgov

CRS = "Constitution of the Republic of Slovenia"
URL = "https://www.us-rs.si/media/constitution.pdf"
_ALL = majority_of_total(
    LegalSource("Art. 116; Art. 111", URL, CRS),
    "'a majority vote of all deputies': 46 of the 90 seats; whether a vacant seat lowers the bar is "
    "unverified", vacancies_verified=False)

SI_DZ = Constitution(
    id="si-dz",
    name="Državni zbor (National Assembly of Slovenia)",
    country="Slovenia",
    seats=with_parlgov((SeatPeriod(90, dt.date(1992, 12, 23), None, URL, note="90 deputies (Art. 80)"),), "SVN"),
    motions=(
        MotionRule(
            kind="constructive-no-confidence",
            title="Vote of no confidence electing a new Prime Minister",
            threshold=_ALL,
            source=LegalSource("Art. 116", URL, CRS),
            effect="the Prime Minister is dismissed and the candidate elected, with the whole government",
            effect_fail="the motion fails",
            successor=True,
            movers=Movers(count=10, source=LegalSource("Art. 116", URL, CRS)),
            window=Window(2, None, "motion-filed", LegalSource("Art. 116", URL, CRS),
                          note="no earlier than 48 hours after the motion is filed"),
        ),
        MotionRule(
            kind="confidence",
            title="Question of confidence",
            threshold=_ALL,
            source=LegalSource("Art. 117", URL, CRS),
            effect="the government keeps the confidence of the National Assembly",
            effect_fail="within 30 days the Assembly elects a new Prime Minister or expresses confidence again, "
                        "or the President dissolves it",
        ),
        MotionRule(
            kind="pm-election",
            title="Election of the Prime Minister",
            threshold=_ALL,
            source=LegalSource("Art. 111", URL, CRS),
            effect="the candidate is elected Prime Minister",
            effect_fail="no one is elected in this round",
            runoff=Runoff(simple_majority(), 1,  # equivalent mutant "1 -> 0": under two is a further vote
                          LegalSource("Art. 111", URL, CRS),
                          note="in a further round, a majority of the votes cast elects; otherwise the "
                               "Assembly is dissolved"),
        ),
    ),
)

CONSTITUTIONS = (SI_DZ,)
