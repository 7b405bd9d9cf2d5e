"""New Zealand: the House of Representatives. Confidence motions are decided by a majority of the votes
cast; the Speaker votes as a member, and an equality of votes means the question is lost."""

from __future__ import annotations

import datetime as dt

from whipcount.rules.constitutions._common import simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, SeatPeriod
from whipcount.rules.parlgov_seats import with_parlgov

SO = "Standing Orders of the House of Representatives"
URL = "https://www.parliament.nz/en/pb/parliamentary-rules/standing-orders/"
FINAL_2023 = ("https://thespinoff.co.nz/politics/03-11-2023/"
              "breaking-national-loses-two-seats-meaning-nz-first-is-crucial-to-forming-a-government")
PORT_WAIKATO = dt.date(2023, 11, 25)  # the by-election deferred by a candidate's death (Electoral Act s. 153A)

NZ_HR = Constitution(
    id="nz-hr",
    name="House of Representatives of New Zealand",
    country="New Zealand",
    seats=with_parlgov((
        SeatPeriod(120, dt.date(1996, 10, 12), dt.date(2023, 10, 14), URL, verified=False,
                   note="120 seats nominally; overhang seats made it 121 or 122 in some terms; not confirmed"),
        SeatPeriod(122, dt.date(2023, 10, 14), PORT_WAIKATO, FINAL_2023,
                   note="122 members on the official results of 3 November 2023 (Te Pati Maori's two overhang "
                        "seats), until the Port Waikato by-election (The Spinoff, 3 November 2023: 'parliament "
                        "will be made up of 122 MPs until November 25')"),
        SeatPeriod(123, PORT_WAIKATO, None, FINAL_2023,
                   note="123 from the Port Waikato by-election of 25 November 2023, whose winner added a seat "
                        "without unseating a list member ('will increase that number to 123')"),
    ), "NZL"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion of no confidence in the government",
            threshold=simple_majority(),
            source=LegalSource("Standing Orders (party and personal votes)", URL, SO),
            effect="the government resigns or advises an election",
            effect_fail="the government survives",
            verified=False,
            note="the rule that a tie fails is from our reading of the Standing Orders; not confirmed",
        ),
        MotionRule(
            kind="confidence",
            title="Confidence vote (the Address in Reply, supply, or one the government declares)",
            threshold=simple_majority(),
            source=LegalSource("Standing Orders (party and personal votes)", URL, SO),
            effect="the government keeps the confidence of the House",
            effect_fail="the government resigns or advises an election",
            verified=False,
            note="the rule that a tie fails is from our reading of the Standing Orders; not confirmed",
        ),
    ),
)

CONSTITUTIONS = (NZ_HR,)
