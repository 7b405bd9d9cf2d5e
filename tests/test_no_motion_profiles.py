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
    negative = "rejected only if" in data["explanation"]  # the motion stands unless the noes reach a bar
    assert data["needed"] is None or 51 <= data["needed"] <= 101  # a majority at least, never above the chamber
    for command in (("power", path, "--json"), ("coalitions", path), ("compare", path, path)):
        r = run_cli(*command)
        assert r.code == 0, (command, r.err)
    quota = json.loads(run_cli("power", path, "--json").out)["quota"]
    if negative:  # rejected by 51 noes of 101: the yes side must keep the other 101 - q under 51
        assert quota == 101 - 51 + 1
    else:  # a bar on the votes cast is played with every member voting: a majority at least
        assert 51 <= quota <= 101 and (data["needed"] is None or quota == data["needed"])


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


def test_a_votes_cast_bar_is_played_with_every_member_voting(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Commons' majority of the votes cast, with all 649 seated members voting: 325. Banzhaf swings
    counted by brute force over every coalition of the four parties and three independents."""
    import itertools

    path = tmp_path / "uk.yaml"
    path.write_text(
        """id: uk
chamber: {name: Commons, rules: gb-hc, seats: 650, vacancies: 1, as_of: 2024-01-01,
          sides: [government, opposition, other]}
parties:
  - {id: con, name: Conservative, short: Con, seats: 320, side: government, source: "https://example.org/a"}
  - {id: lab, name: Labour, short: Lab, seats: 300, side: opposition, source: "https://example.org/a"}
  - {id: ld, name: Liberal Democrats, short: LD, seats: 19, side: opposition, source: "https://example.org/a"}
  - {id: sf, name: Sinn Fein, short: SF, seats: 7, side: other, source: "https://example.org/a"}
  - {id: independent, name: Independents, seats: 3, side: other, source: "https://example.org/a"}
""",
        encoding="utf-8",
    )
    r = run_cli("power", str(path), "--json", "--index", "banzhaf")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["quota"] == 325 and "if every one votes" in data["explanation"]
    weights = data["weights"]
    assert sorted(weights) == [1, 1, 1, 7, 19, 300, 320]
    swings = [0] * len(weights)
    for mask in itertools.product((0, 1), repeat=len(weights)):
        total = sum(w for w, x in zip(weights, mask, strict=True) if x)
        for i, w in enumerate(weights):
            swings[i] += bool(mask[i]) and total >= 325 > total - w
    from fractions import Fraction

    got = [Fraction(v["exact"]) for v in data["indices"]["banzhaf"]]
    assert got == [Fraction(s, sum(swings)) for s in swings]


def test_a_negative_majority_is_played_as_keeping_the_noes_under_the_bar(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sweden's investiture: the candidate stands unless a majority of the Riksdag, 175 of 349, votes against
    (Instrument of Government 6:4). With every member voting, a coalition carries it when the other members
    number fewer than 175: 349 - 174 = 175 of its own. A party of 175 alone does; one of 174 cannot, and
    with the two parties each other's only partner the first holds all the power (checked by hand)."""
    path = _motionless(tmp_path, "se-riksdag", 349, (175, 174))
    text = path.read_text(encoding="utf-8") + "motion: {kind: investiture, target: A candidate, vote: 2024-06-01}\n"
    path.write_text(text, encoding="utf-8")
    r = run_cli("power", str(path), "--index", "banzhaf", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["quota"] == 175 and out["weights"] == [175, 174]
    assert [v["exact"] for v in out["indices"]["banzhaf"]] == ["1", "0"]
