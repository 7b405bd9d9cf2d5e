"""A chamber's size in every year: no historic vote needs --seats. Profiles state the periods they have a
source for; ParlGov's size at each election fills the rest (marked unverified, with its source). Checked
against figures reported at the time, not against the table itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random

import pytest

from whipcount.rules import all_constitutions
from whipcount.rules.core import SeatPeriod
from whipcount.rules.parlgov_seats import PARLGOV_URL, elections, with_parlgov

BACKED = {"au-hr": "AUS", "be-ch": "BEL", "ca-hc": "CAN", "de-bt": "DEU", "es-cd": "ESP", "fr-an": "FRA",
          "gb-hc": "GBR", "hu-ogy": "HUN", "il-knesset": "ISR", "jp-hr": "JPN", "nz-hr": "NZL", "pl-sejm": "POL",
          "se-riksdag": "SWE", "si-dz": "SVN"}


@pytest.mark.parametrize("rid,country", sorted(BACKED.items()))
def test_every_year_since_the_first_election_has_a_size(rid: str, country: str) -> None:
    c = next(c for c in all_constitutions() if c.id == rid)
    first = elections(country)[0][0]
    for year in range(first.year + 1, dt.date.today().year + 1):
        period = c.seats_on(dt.date(year, 7, 1))
        assert period is not None, (rid, year)
        assert period.verified or period.note, (rid, year)  # an uncertain size says so


def test_filled_periods_say_where_they_come_from() -> None:
    gb = next(c for c in all_constitutions() if c.id == "gb-hc")
    p = gb.seats_on(dt.date(1995, 1, 1))
    assert p is not None and p.seats == 651  # 651 seats from the 1992 election to 1997
    assert p.source == PARLGOV_URL and not p.verified and "ParlGov" in (p.note or "")


@pytest.mark.parametrize("args,needed,passed", [
    # Schröder, 16 November 2001: 336 to 326, "two votes more than the 334 required" in the 666-seat chamber (CNN)
    (["de-bt", "confidence", "--yes", "336", "--no", "326", "--on", "2001-11-16"], 334, True),
    # Barzel, 27 April 1972: 247 votes, two short of the absolute majority of 249 (bpb)
    (["de-bt", "constructive-no-confidence", "--yes", "247", "--on", "1972-04-27"], 249, False),
    # Callaghan, 28 March 1979: 311 to 310, a majority of the votes cast (BBC)
    (["gb-hc", "no-confidence", "--yes", "311", "--no", "310", "--on", "1979-03-28"], 311, True),
])
def test_historic_votes_need_no_seats_option(run_cli, args: list[str], needed: int, passed: bool) -> None:  # type: ignore[no-untyped-def]
    rid, kind, *rest = args
    r = run_cli("outcome", "--rules", rid, "--motion", kind, *rest, "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["needed"], out["passed"]) == (needed, passed)


def _expected_size(stated: tuple[SeatPeriod, ...], runs: tuple[tuple[dt.date, int], ...], day: dt.date) -> int | None:
    """The size on ``day`` worked out day by day: a stated period if one covers it, else the last election's."""
    for p in stated:
        if p.covers(day):
            return p.seats
    before = [n for d, n in runs if d <= day]
    return before[-1] if before else None


@pytest.mark.parametrize("country", ["DEU", "ITA", "MLT", "ROU"])  # sizes that changed between elections
@pytest.mark.parametrize("seed", range(4))
def test_filled_sizes_match_a_day_by_day_count(country: str, seed: int) -> None:
    """Random stated periods (before, between and after the elections, open or closed): every sampled day has
    exactly one period, and its size is the stated one where a stated period covers the day, else the size at
    the last election before it; nothing starts before the first election unless stated."""
    rng = random.Random(seed)
    runs = elections(country)
    lo, hi = runs[0][0] - dt.timedelta(days=2000), dt.date(2030, 1, 1)
    cuts = sorted(rng.sample(range((hi - lo).days), 4))
    days = [lo + dt.timedelta(days=c) for c in cuts]
    stated = (SeatPeriod(901, days[0], days[1]), SeatPeriod(902, days[2], days[3] if seed % 2 else None))
    filled = with_parlgov(stated, country)
    for k in range(0, (hi - lo).days, 23):
        day = lo + dt.timedelta(days=k)
        covering = [p for p in filled if p.covers(day)]
        want = _expected_size(stated, runs, day)
        assert [p.seats for p in covering] == ([] if want is None else [want]), (country, seed, day)
    for a, b in zip(filled, filled[1:], strict=False):
        assert a.end is not None and a.end <= (b.start or dt.date.min), (a, b)  # sorted, never overlapping


def test_parlgov_sizes_start_with_the_first_election_of_1945_or_later() -> None:
    """The module's promise: elections since 1945. The table itself reaches back further (Ireland and
    Sweden voted in 1944), so the cut is real; read here with the csv module, apart from the code under test."""
    from importlib import resources

    text = resources.files("whipcount").joinpath("data", "parlgov", "parliament_seats.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["election_date"].startswith("1944") for r in rows)
    for country in {r["country"] for r in rows}:
        days = sorted({dt.date.fromisoformat(r["election_date"]) for r in rows if r["country"] == country})
        since = [d for d in days if d.year >= 1945]
        assert [d for d, _ in elections(country)] == since, country
