"""Vacant seats: a bar counted on the total membership ignores them; one counted on the members in office
(Romania's joint sitting, France's Assemblée, Nepal's House) drops with them. Every membership basis says
which, with a source, and ``--vacancies`` moves the bar exactly where the rule says so."""

from __future__ import annotations

import json

import pytest

from whipcount.rules import all_constitutions, needed

MEMBERSHIP = [(c, m) for c in all_constitutions() if c.origin == "built-in"
              for m in c.motions if m.threshold.basis in ("total", "sitting")]


def _majority(n: int) -> int:
    """More than half of n, written from the words: the smallest count above n / 2."""
    return next(k for k in range(n + 1) if 2 * k > n)


def test_every_membership_basis_says_whether_vacancies_count_and_cites_it() -> None:
    assert len(MEMBERSHIP) >= 20
    for c, m in MEMBERSHIP:
        th = m.threshold
        assert th.basis_source is not None and th.basis_source.url.startswith("https://"), (c.id, m.kind)
        assert th.basis_note and len(th.basis_note) > 30, (c.id, m.kind)


@pytest.mark.parametrize("c,m", MEMBERSHIP, ids=lambda x: getattr(x, "id", getattr(x, "kind", "")))
def test_vacancies_move_the_bar_only_on_the_members_in_office(c, m) -> None:  # type: ignore[no-untyped-def]
    day = m.start or (p.start if (p := c.seats[-1]) else None)
    seats = 300
    if m.threshold.fraction != 1 / 2 or not m.threshold.strict:
        pytest.skip("not a simple absolute majority")
    for vacancies in (0, 1, 2, 7):
        got = needed(c, m.kind, seats=seats, vacancies=vacancies, on=day)
        if got.count is None:  # a negative majority: the bar is on the noes
            got_bar = got.reject_at
        else:
            got_bar = got.count
        in_basis = seats if m.threshold.basis == "total" else seats - vacancies
        assert got_bar == _majority(in_basis), (c.id, m.kind, vacancies)


def test_pakistan_counts_the_vacant_seat_172_of_342(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Art. 95(4): 'the total membership'; on 10 April 2022 NA-33 was vacant and 172 were needed."""
    out = json.loads(run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174",
                             "--seats", "342", "--vacancies", "1", "--on", "2022-04-10", "--json").out)
    assert (out["needed"], out["passed"]) == (172, True)


def test_romania_counts_the_members_in_office(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Joint sitting of 28 February 2025: 464 in office, 233 needed, 147 for: rejected (AGERPRES).
    With three of 471 seats empty the bar is a majority of 468 = 235, not 236."""
    base = ["outcome", "--rules", "ro-parl", "--motion", "no-confidence", "--json"]
    feb = json.loads(run_cli(*base, "--yes", "147", "--no", "1", "--on", "2025-02-28").out)
    assert (feb["needed"], feb["passed"]) == (233, False)
    full = json.loads(run_cli(*base, "--yes", "235", "--seats", "471", "--on", "2009-10-13").out)
    empty = json.loads(run_cli(*base, "--yes", "235", "--seats", "471", "--vacancies", "3",
                               "--on", "2009-10-13").out)
    assert (full["needed"], full["passed"]) == (236, False)
    assert (empty["needed"], empty["passed"]) == (235, True)


def test_rules_show_says_whether_vacancies_count(run_cli) -> None:  # type: ignore[no-untyped-def]
    ro = json.loads(run_cli("rules", "show", "ro-parl", "--json").out)
    vac = ro["motions"][0]["vacancies"]
    assert vac["counted"] is False and "in office" in vac["note"]
    pk = json.loads(run_cli("rules", "show", "pk-na", "--on", "2022-04-10", "--json").out)
    assert all(m["vacancies"]["counted"] for m in pk["motions"] if m["basis"] == "total")
    text = run_cli("rules", "show", "ro-parl").out
    assert "vacant seats: left out" in text
