"""France: the National Assembly. A motion of censure is signed by a tenth of the members, voted no
earlier than 48 hours after it is tabled, and adopted only by a majority of the members composing the
Assembly, i.e. of the seats filled; only the votes for it are counted (Art. 49(2))."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.constitutions._common import majority_of_sitting, simple_majority
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, SeatPeriod, Window
from whipcount.rules.parlgov_seats import with_parlgov

C58 = "Constitution of 4 October 1958"
URL = "https://www.conseil-constitutionnel.fr/en/constitution-of-4-october-1958"
BARNIER = "https://euro.dayfr.com/today/2436155.html"
LCP = "https://lcp.fr/assemblee-nationale/motion-de-censure-a-l-assemblee-nationale-comment-ca-marche-208923"
AN_49_2 = ("https://www.assemblee-nationale.fr/dyn/actualites-accueil-hub/"
           "rejet-de-deux-motions-de-censure-deposees-en-application-de-l-article-49-alinea-2-de-la-constitution")
TEXT_49_2 = LegalSource(  # the article's own words, as the Assemblée quotes them
    "Art. 49(2), quoted by the Assemblée nationale", AN_49_2, C58,
    quote="Une telle motion n’est recevable que si elle est signée par un dixième au moins des membres de "
          "l’Assemblée nationale. Le vote ne peut avoir lieu que quarante-huit heures après son dépôt. Seuls sont "
          "recensés les votes favorables à la motion de censure qui ne peut être adoptée qu’à la majorité des "
          "membres composant l’Assemblée")

FR_AN = Constitution(
    id="fr-an",
    name="Assemblée nationale",
    country="France",
    seats=with_parlgov((SeatPeriod(577, dt.date(1986, 4, 2), None, BARNIER,
                      note="577 seats; 574 filled on 4 December 2024, so 288 were needed"),), "FRA"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Motion de censure",
            threshold=majority_of_sitting(
                LegalSource("LCP, the Assemblée's channel: 289 'when all 577 seats are filled'", LCP),
                "'a majority of the members making up the Assemblée' is counted on the seats filled: 288 "
                "with 574 filled (4 December 2024); a minister's seat awaiting the substitute is not vacant"),
            source=LegalSource("Art. 49(2)", URL, C58),
            effect="the government must resign (Art. 50)",
            effect_fail="the motion is rejected (under Art. 49(3), the text is then considered adopted)",
            movers=Movers(Fraction(1, 10), source=LegalSource("Art. 49(2)", URL, C58)),
            window=Window(2, None, "motion-filed", LegalSource("Art. 49(2)", URL, C58),
                          note="no vote until 48 hours after the motion is tabled"),
            sources=(TEXT_49_2,
                     LegalSource("Assemblée nationale, 4 December 2024: 574 members, 288 needed", BARNIER)),
            note="only the members in favour vote; the noes are not recorded",
            votes_recorded="yes-only",  # TEXT_49_2: "Seuls sont recensés les votes favorables à la motion"
        ),
        MotionRule(
            kind="confidence",
            title="Engagement of the government's responsibility on its programme",
            threshold=simple_majority(),
            source=LegalSource("Art. 49(1)", URL, C58),
            effect="the government's programme is approved",
            effect_fail="the government must resign (Art. 50)",
        ),
    ),
)

CONSTITUTIONS = (FR_AN,)
