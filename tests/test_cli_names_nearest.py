"""A mistyped name of something whipcount knows by name gets the nearest one, as a mistyped party does.

The README promises that a value a list allows is named back with "the nearest when one is close". A
bundled scenario (`tally pk-na-2021`), a rules profile (`rules show pk-nb`), a bundled game, a ParlGov
country and a scenario's motion (`forecast --motion pm-electon`, `outcome --motion no-confidance`) had
listed what there is and left the reader to find the one meant.
"""

from __future__ import annotations

from typing import Any

import pytest

from whipcount.errors import InterchangeError, NotFound
from whipcount.io.ocd import import_ocd
from whipcount.io.scenario import load_scenario
from whipcount.power.named import named_game
from whipcount.storage.further import further_motion


@pytest.mark.parametrize(("args", "meant"), [
    (["tally", "pk-na-2021"], "pk-na-2022"),
    (["tally", "gb-hc-2091", "--json"], "gb-hc-2019"),
    (["rules", "show", "pk-nb"], "pk-na"),
    (["outcome", "--rules", "fr-ann", "--motion", "no-confidence", "--yes", "300"], "fr-an"),
    (["new", "--rules", "de-btt", "-o", "-"], "de-bt"),
    (["power", "--game", "eu-councl-2024"], "eu-council-2024"),
    (["power", "--parlgov", "--country", "DUE"], "DEU"),
    (["forecast", "pk-na-2022", "--motion", "pm-electon"], "pm-election"),  # the kind, which --motion takes
    (["count", "pk-na-2022", "--motion", "pm-election-2022-04-12"], "pm-election-2022-04-11"),
    (["outcome", "pk-na-2022", "--motion", "no-confidance"], "no-confidence"),
])
def test_a_mistyped_name_is_answered_with_the_one_meant(run_cli: Any, args: list[str], meant: str) -> None:
    r = run_cli(*args)
    assert r.code == 1 and r.out == ""
    assert f"did you mean '{meant}'?" in r.err, r.err


@pytest.mark.parametrize("args", [
    ["tally", "qq-zz-1850"],  # shares no more than its pattern with any bundled id (in-ls-1999 is near xx-yy-1999)
    ["rules", "show", "zz"],
    ["power", "--parlgov", "--country", "QQQ"],
    ["forecast", "pk-na-2022", "--motion", "something-else-entirely"],
])
def test_a_name_near_nothing_gets_no_guess(run_cli: Any, args: list[str]) -> None:
    r = run_cli(*args)
    assert r.code == 1 and "did you mean" not in r.err and r.err.startswith("error: ")


def test_the_library_and_the_web_api_say_it_too() -> None:
    sc = load_scenario("pk-na-2022")
    with pytest.raises(NotFound, match=r"did you mean 'eu-council-2024'\?$"):
        named_game("eu-council-2042")
    with pytest.raises(NotFound, match=r"did you mean 'pm-election-2022-04-11'\?$"):
        further_motion(sc, "pm-election-2022-4-11")  # a stance's motion in POST /api/scenarios/ID/stances
    data = {"motion_text": "election of the Prime Minister", "motion_classification": ["pm-election"],
            "start_date": "2022-04-11", "counts": [{"option": "yes", "value": 174}], "votes": []}
    with pytest.raises(InterchangeError, match=r"did you mean 'pm-election-2022-04-11'\?$"):
        import_ocd(data, "pm.json", sc, motion="pm-elektion-2022-04-11")
