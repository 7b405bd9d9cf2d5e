"""The replay's check that no party has more named members on a side than it holds seats there reads a count
kept as members move, not every member after every event: a log of 98,000 seat changes over 5,000 named
members (a Popolo file of 50,000 memberships) spent half a minute scanning members.

The count is held against a brute-force count of the members after each event of random logs, and the scan
is counted: a log of named fills and vacancies never walks the whole membership."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from hypothesis import given, settings

from strategies_members import member_logs
from whipcount.errors import WhipcountError
from whipcount.model import Chamber, Event, Member, Party
from whipcount.model.handlers import Replayer
from whipcount.model.replayer import _ordered


def _brute(r: Replayer) -> Counter[tuple[str, str]]:
    return Counter((rec.party, rec.side) for rec in r.members.values()
                   if rec.seated and rec.party is not None and rec.side is not None)


@settings(max_examples=200, deadline=None)
@given(member_logs())
def test_the_count_of_named_members_is_the_members_counted_after_every_event(log: Any) -> None:
    r = Replayer.start(log.chamber, log.parties, log.members)
    assert +Counter(r.named) == _brute(r)
    for ev in _ordered(log.events):
        if ev.date < log.chamber.as_of:
            continue
        try:
            r.apply(ev)
        except WhipcountError:
            break
        assert +Counter(r.named) == _brute(r)


class _Scans(dict[str, Any]):
    """The members, counting each walk through all of them."""

    walks = 0

    def values(self) -> Any:
        type(self).walks += 1
        return super().values()

    def items(self) -> Any:
        type(self).walks += 1
        return super().items()

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def test_a_log_of_named_seat_changes_never_walks_every_member() -> None:
    n = 200
    chamber = Chamber("House", n, "pk-na", dt.date(2020, 1, 1))
    parties = [Party("a", "A", n, "government")]
    members = [Member(f"m{i}", f"M {i}", "a") for i in range(n)]
    r = Replayer.start(chamber, parties, members)
    r.members = _Scans(r.members)
    day = dt.date(2020, 1, 2)
    for i in range(n):
        r.apply(Event(day, "resign", party="a", members=(f"m{i}",)))
        r.apply(Event(day, "fill-seat", party="a", members=(f"m{i}",), to="government"))
    assert _Scans.walks == 0
    assert _brute(r) == {("a", "government"): n}
