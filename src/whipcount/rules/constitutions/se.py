"""Sweden: the Riksdag (349 members). A declaration of no confidence needs more than half of all members
(Instrument of Government, ch. 13, art. 4; ch. 12, art. 4 before 2011). A proposed Prime Minister is
approved unless more than half of all members vote against (ch. 6, art. 4; ch. 6, art. 2 before 2011): a
negative majority. The revision in force from 1 January 2011 renumbered the articles, not the rules."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod, Threshold
from whipcount.rules.parlgov_seats import with_parlgov

RF = "Instrument of Government"
URL = "https://www.riksdagen.se/en/how-the-riksdag-works/democracy/the-constitution/"
LOFVEN = "https://www.einpresswire.com/article/544367440/swedish-prime-minister-stefan-lofven-ousted-in-parliament-no-confidence-vote"

RF1974 = "https://whiplashinfo.se/juridik/lagar/Regeringsformen.html"
REFORM = dt.date(2011, 1, 1)  # the revised Instrument of Government (SFS 2010:1408) renumbered the articles
OLD_TEXT = ("the 1974 numbering (12:4, 6:2) is read from a copy of Kungörelse 1974:152 on a private site, not "
            "from the official print; the rule itself is unchanged by the 2011 revision")

# val.se, 'Efter valet': "Om en ledamot i riksdagen lämnar sitt uppdrag, avgår eller avlider under valperioden, ska
# riksdagen meddela detta till Valmyndigheten som då utser ny ledamot"; val.se, 'Nuvarande och avgångna
# ledamöter' (2010): "En 'tom stol' brukar det kallas då det inte har kunnat utses en ny ledamot på ett mandat"
SUCCESSORS = (LegalSource("succession of a member who leaves", "https://www.val.se/for-partier/efter-valet.html",
                          "Valmyndigheten (Election Authority): Efter valet"),
              LegalSource("an 'empty chair'",
                          "http://www.val.se/val_och_folkomrostningar/val2010/nuvarande_ledamoter/index.html",
                          "Valmyndigheten: Nuvarande och avgångna ledamöter (2010)"))
VACANCY = ("a member who leaves is succeeded by one the Election Authority appoints (val.se, 'Efter valet'), and "
           "a seat no one could be appointed to is left empty (an 'empty chair', val.se); whether a vacant seat "
           "lowers the bar is unverified")


def _no_confidence(article: str, movers: str, url: str, start: dt.date | None, end: dt.date | None,
                   verified: bool = True, note: str | None = None) -> MotionRule:
    """The declaration of no confidence under the article numbering in force from ``start`` to ``end``."""
    return MotionRule(
        kind="no-confidence",
        title="Declaration of no confidence (misstroendeförklaring)",
        threshold=majority_of_total(
            LegalSource(article, url, RF),
            "'more than half of the members of the Riksdag': 175 of the 349 seats; " + VACANCY,
            vacancies_verified=False),
        source=LegalSource(article, url, RF),
        effect="the Prime Minister is dismissed, unless the government calls an extra election within a week",
        effect_fail="the declaration fails",
        movers=Movers(Fraction(1, 10), source=LegalSource(movers, url, RF), note="at least a tenth of the members"),
        sources=((LegalSource("Löfven, 21 June 2021: 175 of 349 needed", LOFVEN),) if start else ()) + SUCCESSORS,
        start=start, end=end, verified=verified, note=note,
    )


def _investiture(article: str, url: str, start: dt.date | None, end: dt.date | None,
                 verified: bool = True, note: str | None = None) -> MotionRule:
    """The vote on the Speaker's proposal for Prime Minister, under the numbering of its period."""
    return MotionRule(
        kind="investiture",
        title="Vote on the Speaker's proposal for Prime Minister",
        threshold=Threshold("total", Fraction(1, 2), strict=True, negative=True,
                            basis_source=LegalSource(article, url, RF),
                            basis_note="'more than half of the members of the Riksdag' vote against: 175 of "
                                       "the 349 seats; " + VACANCY,
                            vacancies_verified=False),
        source=LegalSource(article, url, RF),
        effect="the candidate is approved as Prime Minister",
        effect_fail="the proposal is rejected; after four rejected proposals an extra election is held",
        sources=SUCCESSORS, start=start, end=end, verified=verified, note=note,
    )


SE_RIKSDAG = Constitution(
    id="se-riksdag",
    name="Riksdag",
    country="Sweden",
    seats=with_parlgov((SeatPeriod(349, dt.date(1976, 9, 19), None, LOFVEN,
                      note="349 members since 1976 (175 needed for a declaration of no confidence in 2021)"),), "SWE"),
    motions=(
        _no_confidence("ch. 12, art. 4", "ch. 12, art. 4", RF1974, None, REFORM, verified=False, note=OLD_TEXT),
        _no_confidence("ch. 13, art. 4", "ch. 13, art. 5", URL, REFORM, None),
        _investiture("ch. 6, art. 2", RF1974, None, REFORM, verified=False, note=OLD_TEXT),
        _investiture("ch. 6, art. 4", URL, REFORM, None),
    ),
)

CONSTITUTIONS = (SE_RIKSDAG,)
