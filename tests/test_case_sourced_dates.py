"""Days the bundled cases once left unverified, now pinned to the source that states them. The days and counts are
typed in from the sources, not from the scenario files: a date moved back, or a count the replay gives differently
from the one reported, fails here."""

from __future__ import annotations

import datetime as dt

from whipcount.io.scenario import load_scenario

# Geo News, 6 July 2022: "The Election Commission of Pakistan (ECP) Wednesday notified PTI members on five reserved
# seats in Punjab"; Newsweek Pakistan, after the notification: "the Pakistan Tehreek-e-Insaf has 163—including the
# new reserved members". Before it, PTI held five fewer.
RESERVED_NOTIFIED = dt.date(2022, 7, 6)
PTI_WITH_RESERVED = 163
# Der Bundespräsident: "Der Bundespräsident hat mit einem Schreiben an die Präsidentin des Deutschen Bundestages am
# 5. Mai dem Deutschen Bundestag vorgeschlagen, Friedrich Merz zum Bundeskanzler zu wählen."
MERZ_PROPOSED = dt.date(2025, 5, 5)


def _pti_seats(on: dt.date) -> int:
    state = load_scenario("pk-pa-punjab-2022").state(on)
    return next(p.seats for p in state.parties if p.id == "pti")


def test_pti_holds_its_five_reserved_seats_from_the_day_they_were_notified() -> None:
    assert RESERVED_NOTIFIED.strftime("%A") == "Wednesday"  # the day the reports name
    assert _pti_seats(RESERVED_NOTIFIED) == PTI_WITH_RESERVED
    assert _pti_seats(RESERVED_NOTIFIED - dt.timedelta(days=1)) == PTI_WITH_RESERVED - 5
    assert _pti_seats(dt.date(2022, 7, 16)) == PTI_WITH_RESERVED  # before the by-elections of 17 July


def test_the_first_chancellor_ballot_of_2025_is_filed_on_the_day_of_the_presidents_proposal() -> None:
    motions = {m.id: m for m in load_scenario("de-bt-2025").motions}
    first = motions["chancellor-first-ballot-2025-05-06"]
    assert first.filed == MERZ_PROPOSED
    assert any("bundespraesident.de" in s.url and "am 5. Mai" in (s.quote or "") for s in first.sources)
