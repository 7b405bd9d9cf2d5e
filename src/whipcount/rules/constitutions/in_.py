"""India: the Lok Sabha. Questions are decided by a majority of the members present and voting; the
Speaker votes only to break a tie (Art. 100(1)). Leave to move a no-confidence motion needs 50 members
(Rule 198)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod, Threshold

COI = "Constitution of India"
ART100 = "https://www.constitutionofindia.net/articles/article-100-voting-in-houses-power-of-houses-to-act-notwithstanding-vacancies-and-quorum/"
RULES = "https://loksabhadocs.nic.in/Legislation/RulesEnglish.pdf"

_TIE = LegalSource("Art. 100(1)", ART100, COI)


def _present_and_voting() -> Threshold:
    return Threshold("present-and-voting", Fraction(1, 2), strict=True, tie="casting-vote",
                     tie_convention="no", tie_source=_TIE,
                     tie_note="the Westminster convention (Speaker Denison's rule: not to make a final decision a "
                              "majority has not made); that the Lok Sabha's Speakers follow it is not confirmed "
                              "in a ruling we found")


IN_LS = Constitution(
    id="in-ls",
    name="Lok Sabha",
    country="India",
    seats=(
        SeatPeriod(545, dt.date(1977, 3, 23), dt.date(2020, 1, 25), ART100, verified=False,
                   note="543 elected and 2 nominated Anglo-Indian members; dates not confirmed"),
        SeatPeriod(543, dt.date(2020, 1, 25), None, ART100, verified=False,
                   note="the nominated seats lapsed with the 104th Amendment; not confirmed"),
    ),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion expressing want of confidence in the Council of Ministers",
            threshold=_present_and_voting(),
            source=LegalSource("Art. 100(1); Rule 198", ART100, COI),
            effect="the Council of Ministers, collectively responsible to the House (Art. 75(3)), must resign",
            effect_fail="the motion is negatived; the government stays",
            movers=Movers(count=50, source=LegalSource("Rule 198(2), Rules of Procedure of the Lok Sabha", RULES),
                          note="at least 50 members must rise in support of leave"),
        ),
        MotionRule(
            kind="confidence",
            title="Motion of confidence in the Council of Ministers",
            threshold=_present_and_voting(),
            source=LegalSource("Art. 100(1)", ART100, COI),
            effect="the government keeps the confidence of the House",
            effect_fail="the government has lost the confidence of the House and resigns",
        ),
    ),
)

CONSTITUTIONS = (IN_LS,)
