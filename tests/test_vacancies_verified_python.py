"""In Python, ``vacancies_verified`` says what every ``--json`` says beside the same bar: False where the
profile marks the treatment of vacant seats unverified, True where a source settles it, None where vacant
seats have no part in the bar (a share of the votes cast or of the members present, without a floor of the
membership), on a :class:`Threshold`, a :class:`PassRule`, an :class:`Outcome` and a :class:`Forecast` alike.

The chamber of ten of ``test_vacancies_verified``: its no-confidence motion needs a majority of the total
membership, a treatment its file marks unverified (False); its confidence motion a majority of the sitting
members, settled (True); its investiture a majority of the votes cast, which no vacant seat can change (None).
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from test_vacancies_verified import CASES, TEN
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import Floor, Threshold, judge, pass_rule
from whipcount.tally import Bloc, ForecastModel, PassRule, forecast

# (kind, vacancies_verified) by hand, as in CASES: total unverified, sitting settled, votes cast not applicable
TRUTH = {kind: verified for kind, _, verified in CASES}
assert TRUTH == {"no-confidence": False, "confidence": True, "investiture": None}


@pytest.mark.parametrize("kind", sorted(TRUTH))
def test_every_object_of_a_poll_tells_the_truth_its_json_tells(kind: str) -> None:
    ten = parse_constitution_text(TEN, "ten.yaml")
    truth = TRUTH[kind]
    threshold = next(m.threshold for m in ten.motions if m.kind == kind)
    rule = pass_rule(ten, kind, vacancies=2)
    outcome = judge(ten, kind, yes=6, no=1, vacancies=2)
    result = forecast(ForecastModel((Bloc("red", 5, 0.9), Bloc("blue", 3, 0.1)), rule), pivotal=False)
    assert threshold.vacancies_verified is truth
    assert rule.vacancies_verified is truth
    assert outcome.vacancies_verified is truth
    assert result.vacancies_verified is truth
    assert outcome.to_dict()["vacancies_verified"] is truth
    assert result.as_dict()["vacancies_verified"] is truth


def test_a_bar_of_votes_cast_built_by_hand_has_no_vacancy_to_verify() -> None:
    # the constructors users call are unchanged; the attribute says "not applicable" where it is
    assert PassRule("votes-cast").vacancies_verified is None
    assert PassRule("present", vacancies_verified=False).vacancies_verified is None
    assert PassRule("fixed", 5).vacancies_verified is None
    assert Threshold("votes-cast").vacancies_verified is None
    assert Threshold("votes-cast", vacancies_verified=False).vacancies_verified is None


def test_a_membership_bar_or_floor_keeps_its_setting() -> None:
    assert PassRule("total", 172).vacancies_verified is True
    assert PassRule("sitting", 5, vacancies_verified=False).vacancies_verified is False
    floored = PassRule("votes-cast", floor=4, floor_basis="total", vacancies_verified=False)
    assert floored.vacancies_verified is False
    th = Threshold("votes-cast", floor=Floor(Fraction(2, 5), "total"), vacancies_verified=False)
    assert th.vacancies_verified is False
    assert Threshold("total").vacancies_verified is True


def test_moving_a_bar_to_a_membership_basis_reads_not_applicable_as_settled() -> None:
    # None on a votes-cast bar carried by replace() to a total one is the default there, settled, not "unverified"
    cast = Threshold("votes-cast")
    assert dataclasses.replace(cast, basis="total").vacancies_verified is True
    assert dataclasses.replace(PassRule("votes-cast"), basis="total", count=6).vacancies_verified is True
