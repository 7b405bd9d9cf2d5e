"""A Popolo export reads the replay's changes once: it had copied the whole chamber after every event, twice
(a scenario of 35,000 events over 5,000 members took minutes and gigabytes). Its memberships are checked
against the memberships built the old way, from the state after each event, on a generated
EveryPolitician-size import cut small, and on the bundled scenarios."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generated_case import generated_import
from whipcount.io.popolo import export_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.model.working_state import WorkingState


def _generated() -> Scenario:
    return generated_import()


def _spans_from_states(sc: Scenario) -> set[tuple[Any, ...]]:
    """(member, from, until, party, side) of every seated span, from the full state after each event."""
    by_day: dict[dt.date, Any] = {}
    start = None
    for event, state in sc.history():
        if event is None:
            start = state
        else:
            by_day[event.date] = state
    assert start is not None
    spans = {m.id: [(None, m.party, m.side, m.seated)] for m in start.members}
    for day in sorted(by_day):
        for m in by_day[day].members:
            if (m.party, m.side, m.seated) != spans[m.id][-1][1:]:
                spans[m.id].append((day, m.party, m.side, m.seated))
    out = set()
    for mid, rows in spans.items():
        for i, (since, party, side, seated) in enumerate(rows):
            if seated:
                until = rows[i + 1][0] if i + 1 < len(rows) else None
                out.add((mid, since and since.isoformat(), until and until.isoformat(), party, side))
    return out


def _exported_spans(bundle: dict[str, Any], sc: Scenario) -> set[tuple[Any, ...]]:
    first_side = {m.id: m.side for m in sc.members}
    out = set()
    for ms in bundle["memberships"]:
        extras = ms.get("extras", {})
        side = extras.get("side", first_side.get(ms["person_id"]))
        out.add((ms["person_id"], ms.get("start_date"), ms.get("end_date"), ms.get("on_behalf_of_id"), side))
    return out


@pytest.mark.parametrize("name", ["generated", "pk-na-2022", "gb-hc-2019", "de-bt-1972"])
def test_memberships_are_those_of_the_state_after_each_event(name: str) -> None:
    sc = _generated() if name == "generated" else load_scenario(name)
    bundle = export_popolo(sc)
    exported = _exported_spans(bundle, sc)
    truth = _spans_from_states(sc)
    # a span from the start gives its member's own side (None: the party's); compare where both say one
    assert {s[:4] for s in exported} == {s[:4] for s in truth}
    assert {s for s in exported if s[1] is not None} == {s for s in truth if s[1] is not None}


def test_an_export_copies_no_chamber_state_per_event(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = _generated()
    assert len(sc.events) > 500
    copies = 0
    real = WorkingState.snapshot

    def counted(self: WorkingState, on: dt.date) -> Any:
        nonlocal copies
        copies += 1
        return real(self, on)

    monkeypatch.setattr(WorkingState, "snapshot", counted)
    export_popolo(sc)
    assert copies <= 2, copies  # the old export made two for every event
