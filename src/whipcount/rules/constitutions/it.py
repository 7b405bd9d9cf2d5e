"""Italy: the Senate of the Republic. Decisions need a majority of those present, with a majority of the
members present for a valid sitting (Art. 64(3)). Until the rules reform of December 2017 (in force from
the 18th legislature, 23 March 2018), senators who abstained counted as present, so an abstention weighed
as a vote against; since then it does not."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.core import Constitution, LegalSource, MotionRule, Movers, Quorum, SeatPeriod, Threshold, Window

COST = "Constitution of the Italian Republic"
URL = "https://www.senato.it/documenti/repository/istituzioni/costituzione_inglese.pdf"
REFORM = dt.date(2018, 3, 23)
REFORM_SRC = "https://voce.com.ve/2017/12/20/285344/senato-cambia-regolamento-stop-cambi-casacca/"
# Life senators: six with the former President Napolitano ("uno lo è di diritto essendo ex Presidente
# (Napolitano), cinque sono di nomina presidenziale"), five after his death on 22 September 2023 ("Ad oggi, i
# Senatori a vita sono 5": Monti, Cattaneo, Piano, Rubbia, Segre)
LIFE_SIX = "https://www.nanopress.it/articolo/chi-sono-i-senatori-a-vita-quanti-sono-e-chi-sono-quelli-attuali/84318/"
LIFE_FIVE = "https://tag24.it/1106384-chi-sono-e-quanti-sono-i-senatori-a-vita"
NAPOLITANO_DIED = dt.date(2023, 9, 23)  # died on 22 September 2023 (lagone.it): a member up to that day
# Art. 64(3): decisions are not valid "unless the majority of their members are present": more than half
_QUORUM = Quorum(Fraction(1, 2), source=LegalSource("Art. 64(3)", URL, COST), strict=True)


def _old() -> Threshold:
    return Threshold("present", Fraction(1, 2), strict=True, quorum=_QUORUM)


def _new() -> Threshold:
    return Threshold("present-and-voting", Fraction(1, 2), strict=True, quorum=_QUORUM)


def _pair(kind: str, title: str, article: str, effect: str, effect_fail: str, **kw: object) -> tuple[MotionRule, ...]:
    src = LegalSource(article, URL, COST)
    return (
        MotionRule(kind=kind, title=title + " (abstentions counted as present)", threshold=_old(), source=src,
                   effect=effect, effect_fail=effect_fail, end=REFORM,
                   sources=(LegalSource("Senate Rules, art. 107 (before the 2017 reform)", REFORM_SRC),),
                   **kw),  # type: ignore[arg-type]
        MotionRule(kind=kind, title=title, threshold=_new(), source=src, effect=effect, effect_fail=effect_fail,
                   start=REFORM,
                   sources=(LegalSource("Senate Rules, art. 107 as reformed in December 2017", REFORM_SRC),),
                   **kw),  # type: ignore[arg-type]
    )


IT_SENATE = Constitution(
    id="it-senate",
    name="Senate of the Republic",
    country="Italy",
    seats=(
        SeatPeriod(322, dt.date(2006, 4, 28), dt.date(2008, 4, 29), URL, verified=False,
                   note="315 elected senators and 7 life senators; the count of life senators is not confirmed"),
        SeatPeriod(321, dt.date(2018, 3, 23), dt.date(2022, 10, 13), URL, verified=False,
                   note="315 elected senators and 5-6 life senators (6 in January 2021); not confirmed"),
        SeatPeriod(206, dt.date(2022, 10, 13), NAPOLITANO_DIED, LIFE_SIX, verified=False,
                   note="200 elected senators after the 2020 constitutional reform and 6 life senators: the former "
                        "President Giorgio Napolitano, by right, and the five appointed (Monti, Cattaneo, Piano, "
                        "Rubbia, Segre); the count of the elected on the day is not confirmed"),
        SeatPeriod(205, NAPOLITANO_DIED, None, LIFE_FIVE, verified=False,
                   note="200 elected senators and 5 life senators after Giorgio Napolitano's death on 22 September "
                        "2023 (lagone.it, 22 September 2023); the count of the elected on the day is not confirmed"),
    ),
    note="Only the count of those present matters for the majority; the total membership sets the quorum.",
    motions=(
        *_pair("investiture", "Motion of confidence in a new government", "Art. 94(3)",
               "the government has the Senate's confidence", "the government must resign"),
        *_pair("confidence", "Question of confidence", "Art. 94",
               "the government keeps the Senate's confidence", "the government resigns by convention"),
        *_pair("no-confidence", "Motion of no confidence", "Art. 94(5)",
               "the government must resign", "the government survives",
               movers=Movers(Fraction(1, 10), source=LegalSource("Art. 94(5)", URL, COST)),
               window=Window(3, None, "motion-filed", LegalSource("Art. 94(5)", URL, COST),
                             note="not debated earlier than three days after it is presented")),
    ),
)

CONSTITUTIONS = (IT_SENATE,)
