"""A division that names some of its voters (Spain 2016: fifteen of the 111 noes) is a scenario's own record:
the bundle whipcount writes of it reads back without a warning, under --strict too, while another publisher's
partial roll is still warned of, and a roll listing more votes than counted is refused."""

from __future__ import annotations

import json

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import bundled_scenarios, load_scenario


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_every_bundled_scenario_reads_back_without_a_warning(sid: str) -> None:
    result = import_popolo(json.loads(dump_popolo(load_scenario(sid))), f"{sid}.json", strict=True)
    assert result.warnings == ()


def es_2016() -> dict[str, object]:
    bundle = json.loads(dump_popolo(load_scenario("es-cd-2016")))
    assert isinstance(bundle, dict)
    return bundle


def test_more_votes_listed_than_counted_is_refused() -> None:
    bundle = es_2016()
    ve = bundle["vote_events"][0]  # type: ignore[index]
    ve["counts"] = [c if c["option"] != "no" else {**c, "value": 10} for c in ve["counts"]]
    ve["counts"] = [c if c["option"] != "abstain" else {**c, "value": 169} for c in ve["counts"]]  # 349 sit
    with pytest.raises(InterchangeError, match=r"^es\.json: vote_events\[0\]\.counts: expected the roll to name at "
                                               r"most 10 members voting no, the division's count of no, got 15 named"):
        import_popolo(bundle, "es.json")


def test_another_publishers_partial_roll_is_warned_of() -> None:
    bundle = es_2016()
    bundle["extras"] = {}  # no event log: read as any publisher's bundle
    for m in bundle["memberships"]:  # type: ignore[attr-defined]
        m.pop("extras", None)
    warnings = import_popolo(bundle, "es.json", rules="es-cd", seats=350).warnings
    assert any("counts say 111 no but 15 individual no vote(s) are listed" in w for w in warnings)
