"""``whipcount rules list|show``: the constitutions whipcount knows, their motions, thresholds and sources."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import click

from whipcount.cli.app import (
    cli,
    console,
    emit_json,
    json_option,
    markup_escape,
    on_option,
    parse_date,
    print_notes,
)
from whipcount.cli.numbers import WholeNumber
from whipcount.cli.rules_periods import day_of, in_force_on, kinds_not_in_force, spans_words
from whipcount.errors import InputError, WhipcountError
from whipcount.io.rules_ref import resolve_rules
from whipcount.model.ids import did_you_mean
from whipcount.rules import (
    MOTION_KINDS,
    Constitution,
    MotionRule,
    all_constitutions,
    registry_errors,
)
from whipcount.rules.core import MOTION_LOST, Threshold
from whipcount.rules.needed import check_vacancies, poll_needed
from whipcount.rules.wording import basis_noun, recorded_words, span, vacancy_basis


@cli.group()
def rules() -> None:
    """The constitutions whipcount knows: their motions, thresholds and sources."""


def _seats_text(c: Constitution, on: dt.date | None) -> str:
    p = c.seats_on(on)
    if p is None:
        return "?"
    return f"{p.seats}" + ("" if p.verified else "†")


@rules.command("list")
@json_option
def rules_list(as_json: bool) -> None:
    """Every rules profile, its motions and the chamber's size today († unverified)."""
    cs = all_constitutions()
    if as_json:  # one object, as every command prints, with the profiles the table's "skipped:" lines name
        emit_json({"profiles": [{"id": c.id, "name": c.name, "country": c.country, "motions": list(c.kinds),
                                 "seats": (p.seats if (p := c.seats_on(None)) else None), "origin": c.origin,
                                 "sources": sorted({m.source.url for m in c.motions})} for c in cs],
                   "skipped": registry_errors()})
        return
    from whipcount.cli.fit import Col, fitting_tables

    cols = [Col("id"), Col("chamber", text=True), Col("seats", "right"), Col("motions", text=True)]
    rows = [[c.id, c.name, _seats_text(c, None), ", ".join(c.kinds)] for c in cs]
    for table in fitting_tables(cols, rows, console.width, title="Rules profiles", show_lines=False):
        console.print(table)
    print_notes([f"{c.id}: {p.seats} seats, {p.note or 'not confirmed against an official source'}"
                 for c in cs if (p := c.seats_on(None)) is not None and not p.verified])
    for err in registry_errors():
        console.print(f"[yellow]skipped:[/] {markup_escape(str(err))}", soft_wrap=True, markup=True)


def _vacancies(th: Threshold) -> dict[str, Any]:
    """How vacant seats bear on a threshold: ``counted`` and ``verified`` as every ``--json`` gives them beside a
    bar (:meth:`Threshold.vacancy_keys`, null where they have no part in it), ``of`` the membership basis they
    reach it through (the bar's own, or its floor's), the text or practice that says so, and ``words``, the
    line ``rules show`` prints."""
    keys = th.vacancy_keys()
    counted, verified = keys["vacancies_counted"], keys["vacancies_verified"]
    through = vacancy_basis(th.basis, th.floor.basis if th.floor is not None else None)
    if counted is None:
        words = f"not applicable: the bar is counted on {basis_noun(th.basis)}, which vacant seats have no part in"
    else:
        words = ("counted" if counted else "left out") + ("" if th.basis == through else " of the floor") + \
            ("" if verified else " (unverified)") + (f": {th.basis_note}" if th.basis_note else "")
    return {"counted": counted, "verified": verified, "of": through, "note": th.basis_note,
            "source": ({"article": th.basis_source.cite(), "url": th.basis_source.url} if th.basis_source else None),
            "words": words}


def _floor(th: Threshold, seats: int | None, vacancies: int) -> dict[str, Any] | None:
    """The fewest yes votes the threshold carries with whatever the turnout: its share of the membership, and
    the count for the chamber's size with ``vacancies`` of its seats empty (null when the size is not known)."""
    fl = th.floor
    if fl is None:
        return None
    return {"fraction": str(fl.fraction), "basis": fl.basis, "strict": fl.strict, "words": fl.describe(),
            "count": fl.required(seats, vacancies) if seats else None,
            "source": {"article": fl.source.cite(), "url": fl.source.url} if fl.source else None}


def _needed(m: MotionRule, round: int, seats: int | None, day: dt.date | None, vacancies: int) -> dict[str, Any]:
    """What one poll of ``m`` needs in the chamber of ``seats`` with ``vacancies`` empty, as the words give it:
    ``count`` (yes votes), or ``reject_at`` (noes, under a negative majority), ``of`` the basis they are counted
    from, ``floor``; each null, with the ``reason``, where the bar is no fixed number (a share of the turnout) or
    the chamber's size on the day is not known."""
    th = m.poll(round)[0]
    out: dict[str, Any] = {"count": None, "reject_at": None, "of": None, "floor": None, "seats": seats,
                           "vacancies": vacancies, "explanation": None, "reason": None}
    no_size = f"the profile gives no size for the chamber {f'on {day}' if day else 'today'}"
    unapplied = f" and --vacancies {vacancies} is not applied" if vacancies else ""  # said, not passed over
    if th.depends_on_turnout:
        out["reason"] = f"the number depends on turnout: a share of {basis_noun(th.basis)}"
        if not seats and th.floor is not None:  # the floor is a share of the membership: no size, no floor
            out["reason"] += f"; {no_size}, so its floor cannot be worked out{unapplied}"
    elif not seats:
        out["reason"] = no_size + (f", so --vacancies {vacancies} is not applied" if vacancies else "")
    else:
        out["of"] = seats if th.basis == "total" else seats - vacancies
    if seats:
        n = poll_needed(m, round, seats=seats, vacancies=vacancies)
        out.update(count=n.count, reject_at=n.reject_at, floor=n.floor, explanation=n.explanation)
    return out


def _tie_and_quorum(th: Threshold, seats: int | None) -> list[str]:
    """What a tie does (where one can decide: a bar of one half of a turnout or a casting vote), and the
    quorum, in words."""
    lines = []
    if th.tie == "casting-vote":
        how = f"; by convention it goes {th.tie_convention}" if th.tie_convention else ""
        why = f" ({th.tie_note})" if th.tie_note else ""
        cite = f" [{th.tie_source.cite()}]" if th.tie_source else ""
        lines.append(f"tie: the presiding officer's casting vote decides{how}{why}{cite}")
    elif th.depends_on_turnout:
        lines.append(_tie_words(th))
    if th.quorum is not None:
        lines.append(f"quorum: {th.quorum.describe(seats or None)}")
    return lines


def _tie_words(th: Threshold) -> str:
    """What a tie (as many for as against) does where no casting vote decides it: half the votes either
    reach the threshold's share or not; a negative threshold reads the noes' half."""
    half = Fraction(1, 2)
    reached = half > th.fraction if th.strict else half >= th.fraction
    if th.negative:
        return ("tie: the motion is rejected (half the votes against reach the bar)" if reached
                else "tie: the motion stands (half the votes against do not reach the bar)")
    return ("tie: the motion is carried (half the votes reach the bar)" if reached
            else "tie: the motion fails (it needs more than the bar)")


def _if_not(m: MotionRule) -> str:
    """What follows a first vote that fails: the rule's own words, or, where a run-off follows and the rule
    gives none, the run-off (never "the motion is lost", which a failed first vote is not)."""
    if m.runoff is None or m.effect_fail != MOTION_LOST:
        return m.effect_fail
    what = f"a second poll between the top {m.runoff.among}" if m.runoff.among >= 2 else "a further vote"
    return f"{what} follows, decided by {m.runoff.threshold.describe()}"


def _motion_dict(m: MotionRule, seats: int | None, day: dt.date | None, vacancies: int) -> dict[str, Any]:
    th = m.threshold
    d: dict[str, Any] = {
        "kind": m.kind, "title": m.title, "threshold": th.describe(), "basis": th.basis,
        "fraction": str(th.fraction), "strict": th.strict, "negative": th.negative, "tie": th.tie,
        "tie_convention": th.tie_convention,
        "needed": _needed(m, 1, seats, day, vacancies),
        "floor": _floor(th, seats, vacancies),
        **th.vacancy_keys(),
        "vacancies": _vacancies(th),
        "quorum": th.quorum.describe(seats) if th.quorum and seats else None,
        "source": {"article": m.source.cite(), "url": m.source.url},
        "effect": m.effect, "effect_fail": _if_not(m), "successor": m.successor,
        "in_force": {"from": m.start, "until": m.end}, "verified": m.verified, "note": m.note,
        "movers": m.movers.describe(seats) if m.movers else None,
        "window": m.window.describe() if m.window else None,
        "bars": [b.text for b in m.bars],
        "runoff": ({"among": m.runoff.among, "threshold": m.runoff.threshold.describe(),
                    "source": m.runoff.source.cite() if m.runoff.source else None,
                    "needed": _needed(m, 2, seats, day, vacancies), **m.runoff.threshold.vacancy_keys()}
                   if m.runoff else None),
        "defection": [{"from": p.start, "until": p.end, "counted": p.counted, "source": p.source.cite(),
                       "url": p.source.url, "note": p.note} for p in m.defection],
        "other_sources": [{"article": s.cite(), "url": s.url} for s in m.sources],
        "votes_recorded": m.votes_recorded,
    }
    return d


@rules.command("show")
@click.argument("rules_id")
@on_option
@click.option("--vacancies", type=WholeNumber(0, 100_000), default=0, show_default=True,
              help="Vacant seats: each motion's bar is worked out with them, saying whether they count.")
@click.option("--motion", "kind", metavar="KIND", help="Only the rules for this kind of motion.")
@json_option
def rules_show(rules_id: str, on: str | None, vacancies: int, kind: str | None, as_json: bool) -> None:
    """One profile: each motion's threshold, procedure and source, and the chamber's size over time."""
    day = parse_date(on)
    c = resolve_rules(rules_id)
    motions = list(c.motions) if kind is None else _of_kind(c, list(c.motions), kind)
    asked = motions
    if day is not None:
        motions = in_force_on(c, motions, day, kind)
    lapsed = kinds_not_in_force(asked, motions)
    for seats in {_seats(c, day_of(m, day)) for m in motions} - {None}:  # refused by name, not left unsaid
        try:
            check_vacancies(seats or 0, vacancies)
        except WhipcountError as exc:
            raise InputError(f"--vacancies: {str(exc).removeprefix('vacancies: ')}") from None
    if as_json:
        emit_json({
            "id": c.id, "name": c.name, "country": c.country, "note": c.note, "origin": c.origin,
            "seats": [{"seats": p.seats, "from": p.start, "until": p.end, "source": p.source,
                       "verified": p.verified, "note": p.note} for p in c.seats],
            "motions": [_motion_dict(m, _seats(c, day_of(m, day)), day_of(m, day), vacancies) for m in motions],
            "not_in_force": [{"kind": k, "in_force": [{"from": a, "until": b} for a, b in spans]}
                             for k, spans in lapsed.items()],
        })
        return
    _print_profile(c)
    if day is not None and lapsed:
        console.print(f"  not in force on {day}: {spans_words(lapsed)}", soft_wrap=True)
    for m in motions:
        mday = day_of(m, day)
        _print_motion(m, _seats(c, mday), mday, vacancies)


def _of_kind(c: Constitution, motions: list[MotionRule], kind: str) -> list[MotionRule]:
    """The rules of ``motions`` for ``--motion KIND``, or an error naming the option and the kinds there are."""
    chosen = [m for m in motions if m.kind == kind]
    if chosen:
        return chosen
    if kind not in MOTION_KINDS:
        raise InputError(f"--motion: unknown motion kind {kind!r} (expected one of: {', '.join(MOTION_KINDS)})"
                         f"{did_you_mean(kind, MOTION_KINDS)}")
    kinds = list(dict.fromkeys(m.kind for m in motions))
    raise InputError(f"--motion: {c.named} has no rule for {kind!r}; expected one of: {', '.join(kinds)}")


def _seats(c: Constitution, day: dt.date | None) -> int | None:
    period = c.seats_on(day)
    return period.seats if period else None


def _print_profile(c: Constitution) -> None:
    """The profile's id, name and country, its note, and the chamber's size in each period."""
    console.print(f"[bold]{c.id}[/]: {markup_escape(c.name + (f' ({c.country})' if c.country else ''))}", markup=True)
    if c.note:
        console.print(f"  {c.note}", soft_wrap=True)
    for p in c.seats:
        # a size with no dates holds always: no span to give; else its first and last day, as errors give it
        period = f" from {span(p.start, p.end)}" if p.start or p.end else ""
        flag = "" if p.verified else " [yellow](unverified)[/]"
        console.print(f"  seats {p.seats}{period}{flag}" + (f": {markup_escape(p.note)}" if p.note else ""),
                      soft_wrap=True, markup=True)


def _print_motion(m: MotionRule, seats: int | None, day: dt.date | None, vacancies: int = 0) -> None:
    """A motion's rule: its dates, what it passes with (worked out for ``seats`` on ``day``, ``vacancies`` of them
    vacant, as ``--json`` gives ``needed``) and its source, vacant seats, ties and quorum, what follows, then its
    procedure (_print_procedure)."""
    console.print(f"\n[bold]{m.kind}[/]" + (f": {markup_escape(m.title)}" if m.title else "")
                  + ("" if m.verified else " [yellow](unverified)[/]"), markup=True)
    if m.start or m.end:
        console.print(f"  in force from {span(m.start, m.end)}")  # its first and last day, as seats are
    need = _needed(m, 1, seats, day, vacancies)
    said = need["explanation"] or need["reason"]  # no number: why not
    said = said.removeprefix(f"{m.threshold.share()}, ")  # a turnout bar's words begin with the share said before
    console.print(f"  passes with: {m.threshold.describe()} ({said})", soft_wrap=True)
    console.print(f"  source: {m.source.cite()} <{m.source.url}>", soft_wrap=True)
    if m.votes_recorded != "all":  # every vote recorded goes without saying
        console.print(f"  votes recorded: {recorded_words(m.votes_recorded)}", soft_wrap=True)
    bs = m.threshold.basis_source
    console.print(f"  vacant seats: {_vacancies(m.threshold)['words']}"
                  + (f" ({bs.cite()} <{bs.url}>)" if bs else ""), soft_wrap=True)
    for line in _tie_and_quorum(m.threshold, seats):
        console.print(f"  {line}", soft_wrap=True)
    console.print(f"  if carried: {m.effect}; if not: {_if_not(m)}", soft_wrap=True)
    _print_procedure(m, seats, day, vacancies)


def _print_procedure(m: MotionRule, seats: int | None, day: dt.date | None, vacancies: int) -> None:
    """Who moves the motion, when it is voted, what bars it, its run-off (its bar worked out as the first
    poll's is), how votes against the party's direction count, and the notes."""
    if m.movers:
        console.print(f"  moved by: {m.movers.describe(seats)}", soft_wrap=True)
    if m.window:
        console.print(f"  vote: {m.window.describe()}", soft_wrap=True)
    for b in m.bars:
        console.print(f"  bar: {b.text}" + (f" ({b.source.cite()})" if b.source else ""), soft_wrap=True)
    if m.runoff:
        need = _needed(m, 2, seats, day, vacancies)  # a fixed number is worked out, as the first poll's is
        fixed = need["count"] is not None or need["reject_at"] is not None
        # a run-off among the top few, or (among 1) a further vote open to all: never "top 1"
        head = f"runoff: top {m.runoff.among}" if m.runoff.among >= 2 else "then a further vote"
        unapplied = "--vacancies" in (need["reason"] or "")  # a bar of the membership, and no size to apply them to
        console.print(f"  {head}, {m.runoff.threshold.describe()}"
                      + (f" ({need['explanation']})" if fixed else f" ({need['reason']})" if unapplied else "")
                      + (f" ({m.runoff.source.cite()})" if m.runoff.source else ""), soft_wrap=True)
        if m.runoff.threshold.basis != m.threshold.basis:
            poll = "the run-off" if m.runoff.among >= 2 else "the further vote"
            console.print(f"  in {poll}, vacant seats: {_vacancies(m.runoff.threshold)['words']}", soft_wrap=True)
    for dp in m.defection:
        console.print(f"  votes against the party's direction {'counted' if dp.counted else 'NOT counted'} "
                      f"from {span(dp.start, dp.end)} ({dp.source.article})", soft_wrap=True)
    if m.movers and m.movers.note:
        console.print(f"  movers: {m.movers.note}", soft_wrap=True)
    if m.note:
        console.print(f"  note: {m.note}", soft_wrap=True)
