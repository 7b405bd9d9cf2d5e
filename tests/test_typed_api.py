"""The public API is typed for its users: a script using it passes ``mypy --strict``.

The package ships ``py.typed``; this holds the promise from the user's side, as attrs' ``typing_tests`` do:
the names a user imports resolve to typed signatures, so a wrong call (a date as text) is caught before it
runs, and a right one is not flagged.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

USER = '''
import datetime as dt
import whipcount
from whipcount.power import WeightedGame, banzhaf, shapley_shubik
from whipcount.rules import judge
from whipcount.tally import count_scenario, forecast, model_from_count

sc = whipcount.load_scenario("pk-na-2022")
state: whipcount.ChamberState = sc.state(dt.date(2022, 3, 30))
sides: dict[str, int] = state.sides()
p: float = forecast(model_from_count(count_scenario(sc, dt.date(2022, 3, 30)), cohesion=0.8)).p_pass
first = banzhaf(WeightedGame([4, 4, 4, 2, 2, 1], 12))[0] + shapley_shubik(WeightedGame([2, 1], 2))[0]
passed: bool = judge("pk-na", "no-confidence", yes=174, seats=342).passed
'''

# the EEC Council of 1958: exact indices are Fractions (5/21 for France), floats with exact=False
EXACT = '''
from fractions import Fraction
from whipcount.power import WeightedGame, banzhaf, deegan_packel, shapley_shubik

eec = WeightedGame([4, 4, 4, 2, 2, 1], 12)
france: Fraction = banzhaf(eec)[0]
shares: tuple[Fraction, ...] = shapley_shubik(eec, exact=True)
total: Fraction = sum(deegan_packel(eec), Fraction(0))
approx: float = banzhaf(eec, exact=False)[0]
'''
EXACT_WRONG = "wrong: Fraction = banzhaf(eec, exact=False)[0]\n"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """One ``mypy --strict`` run (a cold run takes tens of seconds) over the user's script and the same script
    with a date as text: its messages by file."""
    where = tmp_path_factory.mktemp("typed")
    sources = {"user.py": USER, "user_wrong.py": USER + 'sc.state("2022-03-30")\n',
               "user_exact.py": EXACT, "user_exact_wrong.py": EXACT + EXACT_WRONG}
    for name, text in sources.items():
        (where / name).write_text(text, encoding="utf-8")
    out, err, _ = api.run(["--strict", "--no-incremental", "--cache-dir", str(where / "cache"),
                           "--config-file", os.devnull, *(str(where / n) for n in sources)])
    found: dict[str, list[str]] = {name: [] for name in sources}
    for line in (out + err).splitlines():
        name = Path(line.split(":", 1)[0]).name
        if name in found:
            found[name].append(line)
    return found


def test_a_users_script_type_checks(checked: dict[str, list[str]]) -> None:
    assert checked["user.py"] == []


def test_a_date_as_text_is_caught_by_the_type_checker(checked: dict[str, list[str]]) -> None:
    [message] = checked["user_wrong.py"]
    assert 'incompatible type "str"' in message and "date" in message, message



def test_an_exact_index_is_typed_as_fractions(checked: dict[str, list[str]]) -> None:
    # every index was typed Fraction | float whatever ``exact`` said: a script holding 5/21 as a Fraction failed
    assert checked["user_exact.py"] == []
    [message] = checked["user_exact_wrong.py"]
    assert '"float"' in message and "Fraction" in message, message
