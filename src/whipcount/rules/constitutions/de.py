"""Germany: the Bundestag. Constructive vote of no confidence (Art. 67) and the Chancellor's confidence
question (Art. 68) both need a majority of the Members, i.e. of the statutory number of members
(Art. 121)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import (
    Constitution,
    LegalSource,
    MotionRule,
    Movers,
    SeatPeriod,
    Window,
)
from whipcount.rules.parlgov_seats import with_parlgov

GG = "Basic Law for the Federal Republic of Germany"
URL = "https://www.gesetze-im-internet.de/englisch_gg/englisch_gg.html"
_MEMBERS = majority_of_total(
    LegalSource("Art. 121", URL, GG),
    "'a majority of the Members of the Bundestag' means a majority of its statutory number of Members "
    "(Art. 121): vacant seats count")

DE_BT = Constitution(
    id="de-bt",
    name="German Bundestag",
    country="Germany",
    seats=with_parlgov((
        SeatPeriod(497, dt.date(1980, 11, 4), dt.date(1983, 3, 29),
                   "https://perpustakaan.kemlu.go.id/index.php?id=1136&p=show_detail", verified=False,
                   note="497 members with a full vote (plus 22 Berlin members who could not vote on the "
                        "Chancellor); 249 was the majority in October 1982. Not confirmed against an official source"),
        SeatPeriod(666, dt.date(2001, 11, 16), dt.date(2002, 10, 17),
                   "https://edition.cnn.com/2001/WORLD/europe/11/16/ret.schroeder.vote/",
                   note="666 members on 16 November 2001, 334 needed (CNN); 669 were elected in 1998 and the "
                        "dates of the falls to 666 are not recorded here"),
        SeatPeriod(733, dt.date(2024, 2, 11), dt.date(2025, 3, 25),
                   "https://rrn.com.tr/a-vote-of-no-confidence-in-scholz",
                   note="736 at the start of the 2021-25 term; 733 after the 2024 Berlin repeat election "
                        "(367 needed in December 2024)"),
        SeatPeriod(736, dt.date(2021, 10, 26), dt.date(2024, 2, 11), URL, verified=False,
                   note="736 at the start of the 20th Bundestag; the date of the change to 733 is approximate"),
        SeatPeriod(630, dt.date(2025, 3, 25), None,
                   "https://www.ndr.de/nachrichten/info/Neu-gewaehlter-Bundestag-trifft-sich-zu-seiner-ersten-"
                   "Sitzung,neuerbundestag100.html",
                   note="630 under the 2023 electoral law: the 21st Bundestag, elected on 23 February 2025, first "
                        "met on 25 March 2025 (NDR)"),
    ), "DEU"),
    motions=(
        MotionRule(
            kind="constructive-no-confidence",
            title="Constructive vote of no confidence",
            threshold=_MEMBERS,
            source=LegalSource("Art. 67(1)", URL, GG),
            effect="the successor is elected Chancellor; the Federal President must dismiss the Chancellor "
                   "and appoint the person elected",
            effect_fail="the Chancellor stays in office",
            successor=True,
            movers=Movers(Fraction(1, 4), source=LegalSource("Rules of Procedure of the Bundestag, r. 97(1)",
                                                             "https://www.bundestag.de/resource/blob/189762/",
                                                             "GO-BT"),
                          note="a quarter of the members or a parliamentary group that is one; not confirmed"),
            window=Window(2, None, "motion-moved", LegalSource("Art. 67(2)", URL, GG),
                          note="forty-eight hours must elapse between the motion and the election"),
        ),
        MotionRule(
            kind="confidence",
            title="Motion for a vote of confidence (the Chancellor's confidence question)",
            threshold=_MEMBERS,
            source=LegalSource("Art. 68(1)", URL, GG),
            effect="the Chancellor keeps the confidence of the Bundestag",
            effect_fail="the Federal President may dissolve the Bundestag within 21 days on the Chancellor's "
                        "proposal, unless it elects another Chancellor first",
            window=Window(2, None, "motion-moved", LegalSource("Art. 68(2)", URL, GG),
                          note="forty-eight hours must elapse between the motion and the vote"),
        ),
        MotionRule(
            kind="pm-election",
            title="Election of the Federal Chancellor",
            threshold=_MEMBERS,
            source=LegalSource("Art. 63(2)-(3)", URL, GG),
            effect="the person is elected Chancellor",
            effect_fail="no Chancellor elected",
            note="if no one is elected within 14 days by a majority of the members, a new ballot follows in "
                 "which the one with the most votes is elected; short of a majority of the members, the "
                 "Federal President appoints that person or dissolves the Bundestag (Art. 63(4))",
        ),
    ),
)

CONSTITUTIONS = (DE_BT,)
