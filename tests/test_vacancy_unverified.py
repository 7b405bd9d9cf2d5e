"""Where a rules profile marks its treatment of vacant seats unverified, every bar worked out with seats empty
says so beside them; where a source settles it, no such words.

Sweden's Instrument of Government counts "more than half of the members of the Riksdag" (ch. 13, art. 4): 175
of 349 (Löfven, 21 June 2021). The Election Authority appoints a successor to a member who leaves (val.se, 'Efter
valet': "Om en ledamot i riksdagen lämnar sitt uppdrag, avgår eller avlider under valperioden, ska riksdagen
meddela detta till Valmyndigheten som då utser ny ledamot") and calls a seat no successor could be appointed to an
'empty chair' ("En 'tom stol' brukar det kallas då det inte har kunnat utses en ny ledamot på ett mandat"): a seat
can be empty, and no source found says whether it lowers the bar. Pakistan's is settled: 172 of 342 applied in
April 2022 with NA-33 vacant.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from whipcount.rules import judge, needed
from whipcount.rules.needed import vacancy_note
from whipcount.rules.registry import all_constitutions

D = dt.date(2021, 6, 21)
CAVEAT = "no source says whether a vacancy lowers the bar"


def test_sweden_s_bar_with_a_seat_empty_carries_the_caveat() -> None:
    o = judge("se-riksdag", "no-confidence", yes=181, seats=349, vacancies=1, on=D)
    assert o.passed and o.needed == 175  # more than 349 / 2, by hand
    assert f"a majority of the total membership of 349 (the 1 vacant seat included, as the rules are read here: " \
           f"{CAVEAT}), ch. 13, art. 4" in o.explanation
    inv = needed("se-riksdag", "investiture", seats=349, vacancies=2, on=D)
    assert inv.reject_at == 175 and f"(the 2 vacant seats included, as the rules are read here: {CAVEAT})" \
        in inv.explanation
    assert vacancy_note(inv) is not None and CAVEAT in (vacancy_note(inv) or "")


def test_no_seat_empty_no_caveat_and_a_sourced_basis_none() -> None:
    assert CAVEAT not in needed("se-riksdag", "no-confidence", seats=349, on=D).explanation
    pk = needed("pk-na", "no-confidence", seats=342, vacancies=1, on=dt.date(2022, 4, 10))
    assert pk.count == 172 and CAVEAT not in pk.explanation and "(the 1 vacant seat included)" in pk.explanation


def _membership_thresholds() -> list[tuple[str, str, Any]]:
    out = []
    for c in all_constitutions():
        for m in c.motions:
            for th in (m.threshold, m.runoff.threshold if m.runoff else None):
                if th is not None and th.basis in ("total", "sitting"):
                    out.append((c.id, m.kind, th))
    return out


@pytest.mark.parametrize(("cid", "kind", "th"), _membership_thresholds(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_every_profile_marked_unverified_says_so(cid: str, kind: str, th: Any) -> None:
    # the profile's own words mark it: "whether a vacancy would lower the bar is unverified" and the like
    marked = "unverified" in (th.basis_note or "")
    assert th.vacancies_verified is not marked, f"{cid} {kind}: basis_note and vacancies_verified disagree"


@pytest.mark.parametrize("cid", ["se-riksdag", "be-ch", "es-cd", "hu-ogy", "il-knesset", "si-dz"])
def test_each_unverified_chamber_s_words(cid: str) -> None:
    c = next(c for c in all_constitutions() if c.id == cid)
    period = c.seats_on(None)
    assert period is not None
    m = next(m for m in c.motions if m.threshold.basis == "total" and m.end is None)
    assert CAVEAT in needed(cid, m.kind, seats=period.seats, vacancies=1).explanation


def test_rules_show_says_unverified(run_cli: Any) -> None:
    r = run_cli("rules", "show", "se-riksdag", "--on", "2021-06-21")
    assert r.code == 0 and "vacant seats: counted (unverified)" in r.out
    r = run_cli("rules", "show", "pk-na", "--on", "2022-04-10")
    assert r.code == 0 and "vacant seats: counted:" in r.out and "counted (unverified)" not in r.out
    r = run_cli("rules", "show", "se-riksdag", "--on", "2021-06-21", "--json")
    motions = json.loads(r.out)["motions"]
    assert {m["vacancies"]["verified"] for m in motions} == {False}


OWN = """\
id: own-ten
name: A chamber of ten
seats: 10
motions:
  - kind: no-confidence
    threshold: {basis: total, vacancies_verified: false}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
"""


def test_a_constitution_file_of_ones_own_can_mark_its_vacancies_unverified(tmp_path: Any) -> None:
    from whipcount.io.constitution import parse_constitution_text

    own = parse_constitution_text(OWN, "own.yaml")
    o = judge(own, "no-confidence", yes=6, seats=10, vacancies=2)
    assert o.passed and o.needed == 6  # more than 10 / 2, the 2 empty seats counted: by hand
    assert f"(the 2 vacant seats included, as the rules are read here: {CAVEAT})" in o.explanation
    plain = parse_constitution_text(OWN.replace(", vacancies_verified: false", ""), "own.yaml")
    assert CAVEAT not in judge(plain, "no-confidence", yes=6, seats=10, vacancies=2).explanation


def test_vacancies_verified_on_a_turnout_basis_is_refused_naming_the_field() -> None:
    from whipcount.errors import WhipcountError
    from whipcount.io.constitution import parse_constitution_text

    with pytest.raises(WhipcountError) as info:
        parse_constitution_text(OWN.replace("basis: total", "basis: votes-cast"), "own.yaml")
    message = str(info.value)
    assert "own.yaml:6" in message and "vacancies_verified" in message and "votes-cast" in message
