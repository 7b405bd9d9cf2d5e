"""United Kingdom: the House of Commons. Confidence rests on convention; a simple majority of the votes
cast decides, and in a tie the Speaker gives a casting vote by convention (Speaker Denison's rule: not to
make a decision that the House has not made, so against a motion that would decide the question)."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

LIBRARY = "https://commonslibrary.parliament.uk/research-briefings/sn02873/"
CASTING = LegalSource("Erskine May, casting vote of the Chair (Speaker Denison's rule)",
                      "https://erskinemay.parliament.uk/section/4995/casting-vote-of-the-chair/")

GB_HC = Constitution(
    id="gb-hc",
    name="House of Commons of the United Kingdom",
    country="United Kingdom",
    seats=with_parlgov((
        SeatPeriod(635, dt.date(1974, 2, 28), dt.date(1983, 6, 9),
                   "https://en.wikipedia.org/wiki/1979_vote_of_no_confidence_in_the_Callaghan_ministry",
                   verified=False, note="635 seats in 1974-83; not confirmed against an official source"),
        SeatPeriod(650, dt.date(2010, 5, 6), None, "https://www.parliament.uk/about/mps-and-lords/members/",
                   verified=False, note="650 seats since 2010; not confirmed against an official source"),
    ), "GBR"),
    note="The Speaker and the three Deputy Speakers do not vote, save the Speaker's casting vote in a tie.",
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion that this House has no confidence in His Majesty's Government",
            threshold=simple_majority(casting=CASTING, convention="no"),
            source=LegalSource("Convention; House of Commons Library, Confidence motions", LIBRARY),
            effect="the government resigns or seeks a dissolution",
            effect_fail="the government survives",
            note="From 2011 to 2022 the Fixed-term Parliaments Act 2011, s. 2, gave such a motion a statutory "
                 "form; the rule of a simple majority was the same.",
        ),
        MotionRule(
            kind="confidence",
            title="Motion of confidence moved by the government",
            threshold=simple_majority(casting=CASTING, convention="no"),
            source=LegalSource("Convention; House of Commons Library, Confidence motions", LIBRARY),
            effect="the government keeps the confidence of the House",
            effect_fail="the government has lost the confidence of the House: it resigns or seeks a dissolution",
        ),
    ),
)

CONSTITUTIONS = (GB_HC,)
