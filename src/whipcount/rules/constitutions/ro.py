"""Romania: Parliament in joint sitting of the Chamber of Deputies and the Senate. A motion of censure
needs a majority of deputies and senators (Art. 114(2) with Art. 113(1)), moved by a quarter of them; the
investiture of a government needs the same majority (Art. 103(3))."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_sitting
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod, Window

CR = "Constitution of Romania"
URL = "https://www.cdep.ro/pls/dic/site.page?den=act2_2&par1=3"
AGERPRES_2025 = "https://ecopoliticnews.com/?p=19182"
IN_OFFICE = majority_of_sitting(
    LegalSource("AGERPRES: 'out of a total of 464 MPs', the majority 'currently' 233", AGERPRES_2025),
    "'the majority of deputies and senators' (Art. 113(1)) is counted, as announced in the chamber, on the "
    "deputies and senators in office: vacant seats are left out")

RO_PARL = Constitution(
    id="ro-parl",
    name="Parliament of Romania (joint sitting)",
    country="Romania",
    seats=(
        SeatPeriod(471, dt.date(2008, 12, 15), dt.date(2012, 12, 19),
                   "https://www.mediafax.ro/english/final-official-parliamentary-election-results-3607264",
                   note="334 deputies and 137 senators (Mediafax: 'The Chamber of Deputies will include 334 "
                        "lawmakers and the Senate will include 137 lawmakers.'); 236 needed in October 2009"),
        SeatPeriod(588, dt.date(2012, 12, 19), dt.date(2016, 12, 21), URL, verified=False,
                   note="412 deputies and 176 senators; not confirmed"),
        SeatPeriod(465, dt.date(2016, 12, 21), dt.date(2020, 12, 21), "https://news.yam.ro/ro/story/9171608",
                   note="465 deputies and senators in June 2019, 233 needed"),
        SeatPeriod(466, dt.date(2020, 12, 21), dt.date(2024, 12, 20), "https://www.electionguide.org/elections/id/4347/",
                   note="330 deputies and 136 senators"),
        SeatPeriod(464, dt.date(2024, 12, 20), None, "https://m.kuruc.info/r/4/290234", verified=False,
                   note="464 deputies and senators; 233 needed in 2025 (AGERPRES: 'out of a total of 464 MPs'). "
                        "Possibly the members in office rather than the seats: the 2024 election filled 331 "
                        "deputies (IPU Parline, data.ipu.org, RO-LC01) and reportedly 134 senators, 465 in all; "
                        "not confirmed. The bar is 233 either way"),
    ),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion of censure",
            threshold=IN_OFFICE,
            source=LegalSource("Art. 113(1)", URL, CR),
            effect="the government is dismissed (Art. 110(2))",
            effect_fail="the motion is rejected; its signatories may not move another in the same session",
            movers=Movers(Fraction(1, 4), source=LegalSource("Art. 113(2)", URL, CR)),
            window=Window(3, None, "motion-moved", LegalSource("Art. 113(3)", URL, CR),
                          note="debated three days after it is presented in the joint sitting (its moving), "
                               "not after it is tabled"),
        ),
        MotionRule(
            kind="investiture",
            title="Vote of confidence in the government's programme and list",
            threshold=IN_OFFICE,
            source=LegalSource("Art. 103(3)", URL, CR),
            effect="the government is invested",
            effect_fail="the government is not invested",
        ),
    ),
)

CONSTITUTIONS = (RO_PARL,)
