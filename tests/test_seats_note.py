"""A scenario whose chamber is not the size its rules profile fixes on the day of the vote says so when its
division is judged: the scenario's seats are the ones judged, so a profile for another period or a mistyped size
would otherwise pass unseen (a file of 100 seats beside a chamber of 101)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament, one_party_case

DIVISION = "division: {yes: 61, no: 40}\n"


@pytest.mark.parametrize(("seats", "said"), [
    ("100", "the scenario's chamber has 101 seats where the rules profile 'my-parliament' fixes 100 on 2024-02-10: "
            "the scenario's are judged"),
    ('[{seats: 99, end: 2024-01-01, source: "https://example.org/a"}, '
     '{seats: 120, start: 2024-01-01, source: "https://example.org/b"}]',
     "the scenario's chamber has 101 seats where the rules profile 'my-parliament' fixes 120 on 2024-02-10: "
     "the scenario's are judged"),
    ("101", None),
    ('[{seats: 99, end: 2024-01-01, source: "https://example.org/a"}, '
     '{seats: 101, start: 2024-01-01, source: "https://example.org/b"}]', None),
], ids=["100", "120-from-2024", "same", "same-in-its-period"])
def test_a_chamber_of_another_size_than_its_profile_is_noted(run_cli: Callable[..., Any], tmp_path: Path,
                                                              seats: str, said: str | None) -> None:
    (tmp_path / "my-parliament.yaml").write_text(my_parliament(seats=seats), encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(one_party_case("my-parliament.yaml") + DIVISION, encoding="utf-8")
    r = run_cli("outcome", str(case), "--json")
    assert r.code == 0, r.err
    outcome = json.loads(r.out)["motions"][0]["outcome"]
    # three fifths of the 101 seats judged is 60.6, so 61 is needed whatever the profile says
    assert (outcome["needed"], outcome["passed"], outcome["seats"]) == (61, True, 101)
    if said is None:
        assert outcome["notes"] == []
    else:
        assert outcome["notes"] == [said] and outcome["explanation"].endswith(f"({said})")
        assert said in run_cli("outcome", str(case)).out


def test_the_whip_count_says_so_too(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    """The count's bar is three fifths of the scenario's 101 seats (61), and its notes say the profile's 100 were
    not the ones counted."""
    (tmp_path / "my-parliament.yaml").write_text(my_parliament(seats="100"), encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(one_party_case("my-parliament.yaml"), encoding="utf-8")
    count = json.loads(run_cli("count", str(case), "--json").out)
    said = ("the scenario's chamber has 101 seats where the rules profile 'my-parliament' fixes 100 on 2024-02-10: "
            "the scenario's are counted")
    assert count["needed"] == 61 and said in count["notes"]
    assert said in " ".join(run_cli("count", str(case)).out.split())  # the terminal wraps it
    (tmp_path / "my-parliament.yaml").write_text(my_parliament(seats="101"), encoding="utf-8")
    assert not any("rules profile" in n for n in json.loads(run_cli("count", str(case), "--json").out)["notes"])
