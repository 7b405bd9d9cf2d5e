"""Spain: the Congreso de los Diputados. Investiture (Art. 99): an absolute majority in the first vote,
a simple majority 48 hours later. Motion of censure (Art. 113): constructive, an absolute majority, moved
by a tenth of the deputies. Question of confidence (Art. 112): a simple majority."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_total, simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, Runoff, SeatPeriod, Window
from whipcount.rules.parlgov_seats import with_parlgov

CE = "Constitución Española"
URL = "https://www.boe.es/buscar/act.php?id=BOE-A-1978-31229"
# The Ministry of the Interior's guide to the general election of 10 November 2019. Art. 68(1) allows 300 to 400
# deputies; the number is the LOREG's (Art. 162), whose text is not quoted here.
SEATS_URL = ("http://elecciones.mir.es/generales10N2019/es/informacion-general/resuelva-sus-dudas/"
             "el-congreso-de-los-diputados-y-diputadas.htm")
SEATS_NOTE = ("350 deputies: 'El número de diputados y diputadas es de 350.' (Ministry of the Interior); Art. 68(1): "
              "'El Congreso se compone de un mínimo de 300 y un máximo de 400 Diputados', the number set by the "
              "LOREG (Art. 162), whose text is unverified here")
_ABSOLUTE = majority_of_total(
    LegalSource("Art. 113(1); Art. 99(3)", URL, CE),
    "'absolute majority' of the Congress: 176 of the 350 seats in every vote we checked; a vacant seat is "
    "filled from the same list, and whether one would lower the bar is unverified",
    vacancies_verified=False)

ES_CD = Constitution(
    id="es-cd",
    name="Congreso de los Diputados",
    country="Spain",
    seats=with_parlgov((SeatPeriod(350, dt.date(1982, 10, 28), None,
                      SEATS_URL, note=SEATS_NOTE),), "ESP"),
    motions=(
        MotionRule(
            kind="constructive-no-confidence",
            title="Moción de censura",
            threshold=_ABSOLUTE,
            source=LegalSource("Art. 113(1)", URL, CE),
            effect="the candidate is invested; the government resigns and the King appoints the candidate "
                   "(Art. 114(2))",
            effect_fail="the motion is rejected; its signatories may not move another in the same session",
            successor=True,
            movers=Movers(Fraction(1, 10), source=LegalSource("Art. 113(2)", URL, CE)),
            window=Window(5, None, "motion-filed", LegalSource("Art. 113(3)", URL, CE),
                          note="not voted until five days after it is filed"),
        ),
        MotionRule(
            kind="confidence",
            title="Cuestión de confianza",
            threshold=simple_majority(),
            source=LegalSource("Art. 112", URL, CE),
            effect="the government keeps the confidence of the Congress",
            effect_fail="the government resigns (Art. 114(1))",
        ),
        MotionRule(
            kind="investiture",
            title="Investidura",
            threshold=_ABSOLUTE,
            source=LegalSource("Art. 99(3)", URL, CE),
            effect="the candidate is invested and appointed President of the Government",
            effect_fail="the candidate is not invested in the first vote",
            runoff=Runoff(simple_majority(), 1,  # equivalent mutant "1 -> 0": under two is a further vote
                          LegalSource("Art. 99(3)", URL, CE),
                          note="the second vote, 48 hours after the first, needs a simple majority (more yes than no)",
                          effect_fail="the candidate is not invested in the second vote either; further "
                                      "candidates may be proposed, and if none is invested within two months of "
                                      "the first vote the Cortes are dissolved (Art. 99(4)-(5))"),
        ),
    ),
)

CONSTITUTIONS = (ES_CD,)
