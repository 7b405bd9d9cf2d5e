"""A scenario without a motion counts under any rules profile, not only those with a plain no-confidence motion.

A motionless scenario (a CSV import, a seat table) once asked every profile for a ``no-confidence`` motion,
so under the Bundestag's, Spain's, Belgium's, Poland's, Slovenia's or Hungary's rules (constructive motions
only) tally, power, coalitions and compare all failed. The kind counted is now the profile's own: the plain
no-confidence motion where there is one, else the constructive one, else the profile's first motion.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whipcount.rules import all_constitutions

PROFILES = sorted(c.id for c in all_constitutions() if c.origin == "built-in")


def _motionless(tmp_path: Path, rules: str, seats: int, split: tuple[int, int]) -> Path:
    path = tmp_path / f"{rules}.yaml"
    path.write_text(
        f"""id: bare-{rules}
title: A motionless scenario under {rules}
chamber: {{name: Test chamber, rules: {rules}, seats: {seats}, vacancies: 0, as_of: 2024-06-01,
           sides: [government, opposition]}}
parties:
  - {{id: a, name: A, seats: {split[0]}, side: government, source: "https://example.org/a"}}
  - {{id: b, name: B, seats: {split[1]}, side: opposition, source: "https://example.org/b"}}
""",
        encoding="utf-8",
    )
    return path


def _expected_kind(rules: str, on: dt.date) -> str:
    motions = next(c.motions for c in all_constitutions() if c.id == rules)
    kinds = [m.kind for m in motions if (m.start or dt.date.min) <= on < (m.end or dt.date.max)]
    return next((k for k in ("no-confidence", "constructive-no-confidence") if k in kinds), kinds[0])


def test_the_kind_is_the_one_in_force_on_the_date() -> None:
    """Israel's Knesset has had only the constructive motion since the 2001 Basic Law took effect (2003)."""
    assert _expected_kind("il-knesset", dt.date(2024, 6, 1)) == "constructive-no-confidence"
    assert _expected_kind("il-knesset", dt.date(1990, 6, 1)) == "no-confidence"
    assert _expected_kind("de-bt", dt.date(2024, 6, 1)) == "constructive-no-confidence"


@pytest.mark.parametrize("rules", PROFILES)
def test_every_command_counts_a_motionless_scenario(run_cli, tmp_path: Path, rules: str) -> None:  # type: ignore[no-untyped-def]
    path = str(_motionless(tmp_path, rules, 101, (51, 50)))
    tally = run_cli("tally", path, "--json")
    assert tally.code == 0, tally.err
    data = json.loads(tally.out)
    assert data["rules"] == rules and sum(data["sides"].values()) == 101
    assert data["motion"] == _expected_kind(rules, dt.date(2024, 6, 1))
    needs_turnout = data["needed"] is None
    assert needs_turnout or 51 <= data["needed"] <= 101  # a majority at least, never more than the chamber
    for command in (("power", path, "--json"), ("coalitions", path), ("compare", path, path)):
        r = run_cli(*command)
        if needs_turnout and command[0] in {"power", "coalitions"}:
            assert r.code != 0 and "turnout" in r.err and "Traceback" not in r.err
        else:
            assert r.code == 0, (command, r.err)


@pytest.mark.parametrize(
    ("rules", "seats", "needed", "article"),
    [
        ("de-bt", 630, 316, "Art. 67(1)"),  # Basic Law Art. 67(1): a majority of the Members of the Bundestag
        ("es-cd", 350, 176, "113"),  # Spanish Constitution s. 113(1): an absolute majority of the Congress
        ("pl-sejm", 460, 231, "158"),  # Polish Constitution Art. 158(1): a majority of the statutory deputies
        ("hu-ogy", 199, 100, "21"),  # Fundamental Law Art. 21(1): more than half of the Members
        ("si-dz", 90, 46, "116"),  # Slovenian Constitution Art. 116: a majority of all deputies
    ],
)
def test_constructive_profiles_count_their_constructive_motion(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, rules: str, seats: int, needed: int, article: str
) -> None:
    """The published thresholds of the constructive motions: a majority of the whole membership."""
    path = str(_motionless(tmp_path, rules, seats, (seats // 2, seats - seats // 2)))
    r = run_cli("tally", path, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["motion"] == "constructive-no-confidence"
    assert data["needed"] == needed and data["basis"] == "total"
    assert article in data["explanation"]
