"""Rajoy's investiture of October 2016 (es-cd-2016) pinned to its record. Every figure is typed in from the
sources the case cites, not from whipcount's output:

- Onda Cero, 29 October 2016: "170 votos a favor y 111 en contra, de los cuales 15 del PSOE ,y con la abstención
  de 68 diputados"; "En la sesión de este sábado sólo había 349 diputados"; "a Rajoy le hubieran bastado diez
  abstenciones -y no once- para ser investido"; the fifteen named ("los siete diputados del PSC -Meritxell
  Batet, Manuel Cruz, Lídia Guinart, José Zaragoza, Mercé Perea, Marc Lamuà y Joan Ruiz- y los parlamentarios
  Margarita Robles, Zaida Cantera, Sofía Hernanz, Pere Joan Pons, Odón Elorza, Susana Sumelzo, Rocío de Frutos
  y María Luz Martínez Seijo").
- Hora Punta: yes "los 134 diputados del PP más sus socios electorales (los dos de UPN y el de Foro Asturias).
  También los 32 de Ciudadanos y la de Coalición Canaria"; no "los 67 diputados de Unidos Podemos-En Comú
  Podem-En Marea; los 9 de ERC; los 5 del PNV; y dentro del Grupo Mixto los 8 del Partit Demòcrata de Catalunya,
  los 4 de Compromís y los 2 de EH Bildu"; "El resto del Grupo Socialista, 68 diputados, acataron la abstención".
- El Día, 27 October 2016: "170 votos a favor, 180 en contra y ninguna abstención, por debajo de los 176 síes
  requeridos para ser investido en primera vuelta".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.model import Stance
from whipcount.rules.decide import pass_rule_in
from whipcount.tally import whip_count
from whipcount.tally.cases import judge_recorded

CASE = "es-cd-2016"
FIRST = "investiture-rajoy-first-ballot-2016-10-27"
SECOND = "investiture-rajoy-second-ballot-2016-10-29"
D = dt.date
SEATS = {"pp": 134, "upn": 2, "foro": 1, "cs": 32, "cc": 1, "psoe": 84, "up": 67, "erc": 9, "pdecat": 8, "pnv": 5,
         "compromis": 4, "bildu": 2, "nc": 1}
FIFTEEN = {"meritxell-batet", "manuel-cruz", "lidia-guinart", "jose-zaragoza", "merce-perea", "marc-lamua",
           "joan-ruiz", "margarita-robles", "zaida-cantera", "sofia-hernanz", "pere-joan-pons", "odon-elorza",
           "susana-sumelzo", "rocio-de-frutos", "luz-martinez-seijo"}


def test_the_parties_are_the_reported_ones_and_the_yes_is_170() -> None:
    scenario = load_scenario(CASE)
    assert {p.id: p.seats for p in scenario.parties} == SEATS
    assert sum(SEATS.values()) == 350
    assert 134 + 2 + 1 + 32 + 1 == 170  # the yes of both ballots
    assert 84 + 67 + 9 + 8 + 5 + 4 + 2 + 1 == 180  # the no of the first ballot
    on_the_day = scenario.state(D(2016, 10, 29))
    assert (on_the_day.seats, on_the_day.vacancies) == (350, 1)  # Sánchez's seat, "sólo había 349 diputados"
    assert scenario.state(D(2016, 10, 27)).vacancies == 0


def test_the_divisions_are_the_recorded_ones_and_judged_so() -> None:
    scenario = load_scenario(CASE)
    motions = {m.id: m for m in scenario.motions}
    first, second = motions[FIRST].division, motions[SECOND].division
    assert first is not None and second is not None
    assert (first.yes, first.no, first.abstain) == (170, 180, 0)
    assert (second.yes, second.no, second.abstain) == (170, 111, 68)
    assert second.yes + second.no + second.abstain == 349
    assert motions[FIRST].round == 1 and motions[SECOND].round == 2  # the second vote of Art. 99(3)
    assert {member for member, vote in second.votes if vote == "no"} == FIFTEEN
    # the first: an absolute majority of 350, 176; the second: more yes than no, 141 of the 281 votes cast
    for motion_id, needed, passed in ((FIRST, 176, False), (SECOND, 281 // 2 + 1, True)):
        outcome = judge_recorded(scenario, motions[motion_id])
        assert outcome is not None
        assert (outcome.yes, outcome.needed, outcome.passed) == (170, needed, passed), outcome.explanation


def test_the_whip_count_of_the_second_ballot_is_the_record_seat_for_seat(run_cli: Callable[..., Any]) -> None:
    """The PSOE's line (abstain) and its fifteen who voted no give the record's 170, 111 and 68; the magic number
    is 141 if the 281 members not abstaining all vote (349 - 68), as they did."""
    result = run_cli("count", CASE, "--json")
    assert result.code == 0, result.err
    count = json.loads(result.out)
    assert count["date"] == "2016-10-29" and count["vacancies"] == 1
    assert (count["committed_yes"], count["committed_no"], count["abstain"], count["absent"]) == (170, 111, 68, 0)
    assert (count["voting"], count["needed"], count["basis"]) == (349 - 68, 141, "votes-cast")
    assert count["short"] == 0
    socialists_no = [p for p in count["could_supply"] if p["key"].startswith("member:")]
    assert {p["key"].removeprefix("member:") for p in socialists_no} == FIFTEEN
    text = " ".join(run_cli("count", CASE).out.split())
    assert "magic number 141 if the 281 members not abstaining all vote" in text


def test_the_whip_count_of_the_first_ballot(run_cli: Callable[..., Any]) -> None:
    count = json.loads(run_cli("count", CASE, "--motion", FIRST, "--json").out)
    assert count["date"] == "2016-10-27"
    assert (count["committed_yes"], count["committed_no"], count["needed"], count["short"]) == (170, 180, 176, 6)
    # under an absolute majority of the members an abstention is no help: the bar stays 176
    runs = json.loads(run_cli("what-if", CASE, "--motion", FIRST, "--abstain", "psoe", "--json").out)["runs"]
    assert (runs[1]["committed_yes"], runs[1]["needed"]) == (170, 176)


@pytest.mark.parametrize(("day", "abstaining", "passes"), [
    (D(2016, 10, 29), 10, True), (D(2016, 10, 29), 9, False),    # 349 seats: "diez abstenciones -y no once-"
    (D(2016, 10, 27), 11, True), (D(2016, 10, 27), 10, False),   # 350 seats: eleven, as on the day of the committee
])
def test_ten_socialist_abstentions_would_have_sufficed_once_sanchez_had_gone(day: dt.date, abstaining: int,
                                                                             passes: bool) -> None:
    """The rest of the PSOE voting no and ``abstaining`` of it abstaining, on the second ballot's rule: 170 yes
    against 180 - ``abstaining`` no with Sánchez in his seat, 179 - ``abstaining`` without him."""
    scenario = load_scenario(CASE)
    state = scenario.state(day)
    stances = [Stance(D(2016, 10, 23), "no", party="psoe"),
               Stance(D(2016, 10, 23), "abstain", party="psoe", seats=abstaining)]
    stances += [s for s in scenario.stances if s.party in {"cs", "cc"}]
    count = whip_count(state, stances, kind="investiture", rule=pass_rule_in(scenario, state))
    no = (180 if day == D(2016, 10, 27) else 179) - abstaining
    by_stance = count.by_stance()
    assert (by_stance["yes"], by_stance["no"], by_stance["abstain"]) == (170, no, abstaining)
    assert (count.needed <= 170) is passes
    assert (170 > no) is passes


def test_what_if_the_abstaining_socialists_had_voted_no(run_cli: Callable[..., Any]) -> None:
    """``--no psoe`` on the second ballot: the 68 abstainers join the 111 noes, 170 against 179 of the 349 present,
    so the motion fails and 175 is needed (more yes than no with everyone voting); ``--switch psoe`` cannot say
    this, as a party standing on no side switches away from where most of its voting seats stand (its 15 noes:
    to yes)."""
    runs = json.loads(run_cli("what-if", CASE, "--no", "psoe", "--switch", "psoe", "--json").out)["runs"]
    assert [r["label"] for r in runs[1:]] == ["psoe vote no", "psoe switch"]
    baseline, no, switch = runs[0], runs[1], runs[2]
    assert (baseline["committed_yes"], baseline["needed"]) == (170, 141)
    assert (no["committed_yes"], no["needed"]) == (170, 175)
    assert no["p_pass"] < 0.05 < 0.95 < baseline["p_pass"]
    assert switch["committed_yes"] == 170 + 83  # the whole PSOE, its 15 noes and its 68 abstainers, to yes


def test_what_if_some_socialists_vote_yes_in_the_order_typed(run_cli: Callable[..., Any]) -> None:
    """``--yes psoe:68`` moves the party's bulk (the 68 abstainers) to yes: 238 for, 111 against; changes are made
    in the order typed, so ``--no psoe:10`` then ``--yes psoe:5`` takes ten of the bulk then five more."""
    runs = json.loads(run_cli("what-if", CASE, "--yes", "psoe:68", "--json").out)["runs"]
    assert (runs[1]["label"], runs[1]["committed_yes"], runs[1]["needed"]) == ("68 of psoe vote yes", 238, 175)
    runs = json.loads(run_cli("what-if", CASE, "--no", "psoe:10", "--yes", "psoe:5", "--json").out)["runs"]
    assert [r["label"] for r in runs[1:]] == ["10 of psoe vote no", "5 of psoe vote yes", "all changes"]
    # all together: 175 yes; 121 no; 53 abstaining, so 296 vote and 149 is a majority of them
    assert (runs[3]["committed_yes"], runs[3]["needed"]) == (175, 149)


def test_the_second_ballot_is_said_to_be_the_vote_48_hours_on_not_one_to_come(run_cli: Callable[..., Any]) -> None:
    """Art. 99(3): "se someterá la misma propuesta a nueva votación cuarenta y ocho horas después de la anterior,
    y la confianza se entenderá otorgada si obtuviere la mayoría simple". The second ballot passed, so nothing
    follows it: its explanation describes itself (it had read "invested ... (a new vote 48 hours later ...)")."""
    motions = json.loads(run_cli("outcome", CASE, "--json").out)["motions"]
    second = next(m for m in motions if m["id"] == SECOND)["outcome"]
    assert second["passed"] and second["round"] == 2 and second["next_step"] is None
    assert "the second vote, 48 hours after the first, needs a simple majority" in second["explanation"]
    assert "a new vote" not in second["explanation"]
