"""Articles for their own period: a rule is cited by the article in force on the day. Sweden's Instrument of
Government was renumbered from 1 January 2011 (ch. 12, art. 4 became ch. 13, art. 4; ch. 6, art. 2 became
ch. 6, art. 4); Israel's no-confidence rule changed with the 1992 Basic Law (in force from the 1996
elections) and the 2001 Basic Law (from the elections of 28 January 2003), each from its own source."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from whipcount.rules import judge

D = dt.date


@pytest.mark.parametrize("kind,before,after", [
    ("no-confidence", "ch. 12, art. 4", "ch. 13, art. 4"),
    ("investiture", "ch. 6, art. 2", "ch. 6, art. 4"),
])
def test_sweden_cites_the_article_of_the_day(kind: str, before: str, after: str) -> None:
    args = {"yes": 100, "no": 200, "seats": 349}
    for day, article in ((D(2010, 12, 31), before), (D(2011, 1, 1), after), (D(2011, 1, 2), after)):
        o = judge("se-riksdag", kind, on=day, **args)  # type: ignore[arg-type]
        assert o.source is not None and o.source.article == article, (day, o.source)
        assert article in o.explanation


def test_rules_show_on_a_date_shows_the_rule_then(run_cli) -> None:  # type: ignore[no-untyped-def]
    old = json.loads(run_cli("rules", "show", "se-riksdag", "--on", "1978-10-13", "--json").out)
    new = json.loads(run_cli("rules", "show", "se-riksdag", "--on", "2021-06-21", "--json").out)
    def cited(d: dict) -> dict[str, str]:  # type: ignore[type-arg]
        return {m["kind"]: m["source"]["article"] for m in d["motions"]}

    assert cited(old) == {"no-confidence": "ch. 12, art. 4, Instrument of Government",
                          "investiture": "ch. 6, art. 2, Instrument of Government"}
    assert cited(new) == {"no-confidence": "ch. 13, art. 4, Instrument of Government",
                          "investiture": "ch. 6, art. 4, Instrument of Government"}


def test_israel_before_1996_a_majority_of_those_voting() -> None:
    """15 March 1990: the Shamir government fell 60 to 55, a majority of those voting (the 1968 law, as the
    Knesset describes it), though 60 is not a majority of the 120 members."""
    o = judge("il-knesset", "no-confidence", yes=60, no=55, seats=120, on=D(1990, 3, 15))
    assert o.passed and o.needed == 58 and o.source is not None and "1968" in o.source.article
    assert o.source.quote and "majority of those participating" in o.source.quote


@pytest.mark.parametrize("day,kind,needed", [
    (D(1996, 6, 17), "no-confidence", None),        # the 1968 rule's last day: votes cast
    (D(1996, 6, 18), "no-confidence", 61),          # the 1992 Basic Law: a majority of the members
    (D(2003, 1, 27), "no-confidence", 61),
    (D(2003, 1, 28), "constructive-no-confidence", 61),  # the 2001 Basic Law, from the 2003 elections
])
def test_israel_changeover_days(day: dt.date, kind: str, needed: int | None) -> None:
    o = judge("il-knesset", kind, yes=59, no=50, seats=120, on=day)
    if needed is None:
        assert o.basis == "votes-cast" and o.passed
    else:
        assert (o.basis, o.needed, o.passed) == ("total", needed, False)
