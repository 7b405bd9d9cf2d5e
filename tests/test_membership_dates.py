"""A term of memberships read as of any date gives the same chamber from that date on.

Independent truth: each membership read directly from the table. A member sits on day ``D`` for the party
of the membership that started on or before ``D`` and has not ended: it ends on its ``end_date`` (the seat is
vacant from that day on, docs/interchange.md), unless the member's next membership starts within a day of
it, which takes over on its own start date (a change of group, not a vacancy). That rule is written here
once, on dates, with no events; the reader instead derives an event log and starting seats. The two must
agree on every day, whichever date the reader starts from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.io.csvio import import_csv, term_csv

BASE = dt.date(2020, 1, 1)
PARTIES = ("red", "blue", "green")
SIDES = {"red": "government", "blue": "opposition", "green": "other"}


def sides_of(people: list[list[Span]]) -> dict[str, str]:
    """--side for the parties the term names (a --side naming a party the file lacks is an error)."""
    named = {party for spans in people for party, _, _ in spans}
    return {party: side for party, side in SIDES.items() if party in named}

Span = tuple[str, dt.date | None, dt.date | None]  # party, start (None: before the term), end (None: sits on)


@st.composite
def terms(draw: st.DrawFn) -> list[list[Span]]:
    """Up to six people, each with up to four memberships one after another: gaps of 0, 1 or more days."""
    people = []
    for _ in range(draw(st.integers(1, 6))):
        spans: list[Span] = []
        day = draw(st.integers(0, 10))
        open_start = draw(st.booleans())
        for k in range(draw(st.integers(1, 4))):
            start = None if (k == 0 and open_start) else BASE + dt.timedelta(days=day)
            day += draw(st.integers(1, 12))
            spans.append((draw(st.sampled_from(PARTIES)), start, BASE + dt.timedelta(days=day)))
            day += draw(st.sampled_from([0, 1, 2, 5]))
        if draw(st.booleans()):  # the last one runs on
            spans[-1] = (spans[-1][0], spans[-1][1], None)
        people.append(spans)
    return people


def csv_text(people: list[list[Span]]) -> str:
    rows = ["id,name,group,group_id,start_date,end_date"]
    for i, spans in enumerate(people):
        for party, start, end in spans:
            rows.append(f"p{i},Person {i},{party.title()},{party},{start or ''},{end or ''}")
    return "\n".join(rows) + "\n"


def truth(people: list[list[Span]], day: dt.date) -> Counter[str]:
    """Seats by party on ``day``, straight from the table."""
    seats: Counter[str] = Counter()
    for spans in people:
        for k, (party, start, end) in enumerate(spans):
            nxt = spans[k + 1][1] if k + 1 < len(spans) else None
            if end is not None and nxt is not None and (nxt - end).days <= 1:
                end = nxt  # the next membership takes over on its start date
            if (start is None or start <= day) and (end is None or day < end):
                seats[party] += 1
    return seats


@settings(max_examples=150, deadline=None)
@given(terms(), st.integers(0, 40), st.integers(0, 40))
def test_the_chamber_on_any_day_is_the_table_whatever_the_start_date(people: list[list[Span]], a: int,
                                                                      b: int) -> None:
    text = csv_text(people)
    size = len(people) + 1  # one seat that nobody holds, so vacancies never run out
    read = {}
    for offset in sorted({a, b}):
        as_of = BASE + dt.timedelta(days=offset)
        read[offset] = import_csv(text, "t.csv", rules="pk-na", as_of=as_of, seats=size,
                                  sides=sides_of(people)).scenario
    for offset, sc in read.items():
        for day in range(offset, 70):
            on = BASE + dt.timedelta(days=day)
            state = sc.state(on)
            got = Counter({p.id: p.seats for p in state.parties if p.seats})
            assert got == truth(people, on), (offset, on.isoformat(), text)
            assert state.vacancies == size - sum(got.values())


def test_a_change_of_group_on_the_start_date_keeps_the_member() -> None:
    # Ana leaves Red and joins Blue on 1 January 2020: read as of that very day, she sits for Blue (the
    # reader once dropped the second membership, leaving her seat vacant for good)
    people = [[("red", dt.date(2019, 5, 1), dt.date(2020, 1, 1)), ("blue", dt.date(2020, 1, 1), None)],
              [("red", dt.date(2019, 5, 1), None)]]
    for as_of in (dt.date(2019, 12, 31), dt.date(2020, 1, 1), dt.date(2020, 1, 2)):
        sc = import_csv(csv_text(people), "t.csv", rules="pk-na", as_of=as_of, seats=2,
                        sides=sides_of(people)).scenario
        for day in (dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.date(2021, 1, 1)):
            if day >= as_of:
                state = sc.state(day)
                assert ({p.id: p.seats for p in state.parties if p.seats}, state.vacancies) == (
                    {"red": 1, "blue": 1}, 0), (as_of, day)


@settings(max_examples=60, deadline=None)
@given(terms(), st.integers(0, 40))
def test_a_term_csv_written_on_a_day_lists_who_sits_that_day(people: list[list[Span]], a: int) -> None:
    # the read term written out again as of each day: one row per member sitting, under their group
    as_of = BASE + dt.timedelta(days=a)
    sc = import_csv(csv_text(people), "t.csv", rules="pk-na", as_of=as_of, seats=len(people) + 1,
                    sides=sides_of(people)).scenario
    for day in range(a, 70):
        on = BASE + dt.timedelta(days=day)
        rows = list(csv.DictReader(io.StringIO(term_csv(sc, on))))
        assert Counter(r["group_id"] for r in rows) == truth(people, on), (on.isoformat(), csv_text(people))
        assert len({r["id"] for r in rows}) == len(rows)


DAY_ORDER = [
    # the order docs/interchange.md states, whatever the order of the rows (the rows run the other way:
    # the fill first, the vacancy last)
    (("c,Cy,Red,red,2020-01-01,", "b,Ben,Red,red,2019-01-01,2020-01-01", "b,Ben,Blue,blue,2020-01-01,",
      "a,Ana,Green,green,2019-01-01,2020-01-01"),
     [("vacate", ("a",)), ("join-party", ("b",)), ("fill-seat", ("c",))]),
    # steps of one kind keep the order of their rows, whatever the order of the people: Ana's rows come
    # first, but Ben's change of group is the earlier row
    (("a,Ana,Red,red,2019-01-01,2020-01-01", "b,Ben,Red,red,2019-01-01,2020-01-01", "b,Ben,Blue,blue,2020-01-01,",
      "a,Ana,Green,green,2020-01-01,"),
     [("join-party", ("b",)), ("join-party", ("a",))]),
]


@pytest.mark.parametrize(("rows", "log"), DAY_ORDER, ids=["by-kind", "by-row"])
def test_on_one_day_vacancies_then_changes_of_group_then_fills_each_in_the_rows_order(
        rows: tuple[str, ...], log: list[tuple[str, tuple[str, ...]]]) -> None:
    text = "id,name,group,group_id,start_date,end_date\n" + "".join(f"{r}\n" for r in rows)
    sc = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 6, 1), seats=2, sides=SIDES).scenario
    assert [(e.kind, e.members) for e in sc.events] == log
