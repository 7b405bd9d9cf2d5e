"""A chamber's size in every year: no historic vote needs --seats. Profiles state the periods they have a
source for; ParlGov's size at each election fills the rest (marked unverified, with its source). Checked
against figures reported at the time, not against the table itself."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from whipcount.rules import all_constitutions
from whipcount.rules.parlgov_seats import PARLGOV_URL, elections

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
