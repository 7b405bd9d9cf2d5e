"""``whipcount count``: the whip count on a date, and the loading shared by the forecasting commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from whipcount.cli.app import (
    cli,
    console,
    emit_json,
    motion_option,
    on_option,
    parse_date,
    print_notes,
    scenario_date,
)
from whipcount.cli.csv_columns import COUNT
from whipcount.cli.formats import format_option, phased, records
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.rules.wording import stance_words
from whipcount.tally import Position, WhipCount, count_scenario
from whipcount.tally.crossed import APART
from whipcount.tally.phase import motion_phase

STANCE_STYLE = {
    "yes": "bold green",
    "lean-yes": "green",
    "undecided": "yellow",
    "lean-no": "red",
    "no": "bold red",
    "abstain": "magenta",
    "absent": "dim",
}

def _sources(p: Position) -> list[dict[str, str | None]]:
    return [{"url": s.url, "quote": s.quote, "outlet": s.outlet, "title": s.title,
             "date": s.date.isoformat() if s.date else None, "citation": s.cite()} for s in p.sources]


def position_dict(p: Position) -> dict[str, Any]:
    """One position of a count, as JSON."""
    return {
        "key": p.key,
        "label": p.label,
        "party": p.party,
        "side": p.side,
        "seats": p.seats,
        "stance": p.stance,
        "default": p.default,
        "date": p.date.isoformat() if p.date else None,
        "member": p.member,
        "p_yes": p.p_yes,
        "sources": _sources(p),
        "origin": str(p.origin) if p.origin is not None else None,
        "note": p.note,
        "verified": p.verified,
        "until": p.until.isoformat() if p.until else None,
        "office": p.office,
    }


def bar_dict(count: WhipCount) -> dict[str, Any]:
    """What the motion needs, as every ``--json`` gives it: ``needed`` yes votes, or under a negative rule (the
    motion stands unless the noes reach a bar) ``reject_at`` noes; the basis; and the rule in words."""
    rule = count.rule
    return {"needed": None if rule.negative else count.needed, "reject_at": count.needed if rule.negative else None,
            "basis": rule.basis, **rule.vacancy_keys(),
            "votes_recorded": rule.votes_recorded, "explanation": rule.describe()}


def count_dict(scenario: Scenario, count: WhipCount) -> dict[str, Any]:
    """The ``--json`` shape of ``whipcount count`` (documented in docs/forecast.md)."""
    by = count.by_stance()
    return {
        "scenario": scenario.id,
        "date": count.date.isoformat(),
        "motion": count.kind,
        "seats": count.seats,
        "vacancies": count.vacancies,
        **bar_dict(count),
        "committed_yes": by["yes"],
        "lean_yes": by["lean-yes"],
        "undecided": by["undecided"],
        "lean_no": by["lean-no"],
        "committed_no": by["no"],
        "abstain": by["abstain"],
        "absent": by["absent"],
        "short": count.short,
        "voting": count.voting,
        "present": count.present,
        "carried_as_committed": count.carried_as_committed(),
        "quorum": count.rule.quorum or None,
        "quorum_short": count.quorum_short,
        "suppliers": [{"key": p.key, "label": p.label, "seats": p.seats, "stance": p.stance}
                      for p in count.suppliers_needed()],
        "could_supply": [{"key": p.key, "label": p.label, "seats": p.seats, "stance": p.stance}
                         for p in count.suppliers()],
        "positions": [position_dict(p) for p in count.positions],
        "notes": list(count.notes),
        "crossed": count.crossed.as_dict() if count.crossed is not None else None,
    }


def load_on(scenario_ref: str, on: str | None, motion: str | None = None) -> tuple[Scenario, dt.date | None]:
    """The scenario seen from ``motion`` (default: its main motion) and the date asked for."""
    return load_scenario(scenario_ref).for_motion(motion), parse_date(on)


def motion_words(sc: Scenario, kind: str) -> str:
    """The counted motion in a heading: its kind, and its id where another motion of the scenario voted the
    same day reads the same (:meth:`Scenario.motion_label`), so two ballots of one day are told apart."""
    motion = sc.motion
    if motion is None or sc.motion_label(motion) == motion.label:
        return kind
    return f"{kind}, motion {motion.id}"


def not_pending(sc: Scenario, ref: str, date: dt.date | None, as_json: bool, *, counting: bool = False) -> bool:
    """Say so, and return True, when the main motion is not pending on ``date`` (not yet filed, dismissed or
    suspended by a ruling or court order, or decided: then its recorded result is shown); a count or a
    forecast then has nothing to look ahead to, except that ``counting`` (the whip count) goes on while the
    motion is dismissed or suspended. A motion pending on a date before the scenario's seat counts hold
    (``ref``: the scenario as given) is refused by :func:`scenario_date`: there is no chamber that day to count."""
    phase = motion_phase(sc, date)
    if phase.countable if counting else phase.pending:
        scenario_date(sc, ref, date)
        return False
    if as_json:
        emit_json({"scenario": sc.id, "date": (date or sc.default_date).isoformat(), **phase.as_dict()})
    else:
        console.print(f"[bold]{escape(sc.title)}[/]: {escape(phase.text)}", soft_wrap=True, markup=True)
        console.print("nothing to count or forecast on that date; give --on a date while the motion was pending")
    return True


@cli.command("count")
@click.argument("scenario")
@on_option
@motion_option
@format_option(phased(records("positions", "position")), COUNT)
def count_command(scenario: str, on: str | None, motion: str | None, as_json: bool) -> None:
    """The whip count: committed, leaning, undecided, abstaining and absent; the magic number; who could supply it."""
    sc, date = load_on(scenario, on, motion)
    if not_pending(sc, scenario, date, as_json, counting=True):
        return
    wc = count_scenario(sc, date)
    phase = motion_phase(sc, date)
    if as_json:
        emit_json({**count_dict(sc, wc), "motion_status": phase.as_dict()})
        return
    if not phase.pending:  # dismissed or suspended: the count of positions, not of a vote that can be held
        console.print(f"[yellow]{escape(phase.text)}[/]", soft_wrap=True, markup=True)
    by = wc.by_stance()
    _print_positions(sc, wc, by)
    _print_outcome(wc, by)


def _print_positions(sc: Scenario, wc: WhipCount, by: dict[str, int]) -> None:
    """The table of positions, their seats by stance, the magic number and the notes on the count."""
    table = Table(title=f"Whip count: {sc.title}, {wc.date.isoformat()} ({motion_words(sc, wc.kind)})",
                  title_justify="left")
    for name, kw in (("position", {}), ("side", {}), ("seats", {"justify": "right"}), ("stance", {}),
                     ("from", {"overflow": "fold"})):
        table.add_column(name, **kw)  # type: ignore[arg-type]
    recorded = wc.rule.votes_recorded
    for p in wc.positions:
        mark = "" if p.verified else " †"
        table.add_row(p.label + mark, p.side, str(p.seats),
                      Text(stance_words(p.stance, recorded), style=STANCE_STYLE[p.stance]), p.why)
    console.print(table)
    apart = wc.yes_set_apart()
    of_them = f" ({apart} of them {_apart_words(wc)}: a yes of theirs is not counted)" if apart else ""
    console.print(
        f"committed yes [bold]{by['yes']}[/] · leaning yes {by['lean-yes']}{of_them} · undecided {by['undecided']} · "
        f"{stance_words('lean-no', recorded).replace('lean-', 'leaning ')} {by['lean-no']} · "
        f"committed {stance_words('no', recorded)} {by['no']} · abstaining {by['abstain']} · absent {by['absent']}",
        markup=True
    )
    words = escape(wc.needed_words()).replace(str(wc.needed), f"[bold]{wc.needed}[/]", 1)
    console.print(("the motion stands unless " if wc.rule.negative else "magic number ") + words, markup=True)
    for note in wc.own_notes:  # the rule's own notes end the magic number's line already
        console.print(note)
    if any(not p.verified for p in wc.positions):
        print_notes([f"{p.label}: {p.why or 'stance not confirmed'}" for p in wc.positions if not p.verified]
                    + list(sc.unverified))


def _apart_words(wc: WhipCount) -> str:
    """Who the members leaning yes are whose yes the defection rule does not count: crossed the floor, or
    (some of them not) against their party's direction."""
    keys = [p.key for p in wc.positions if p.stance == "lean-yes" and p.not_counted is not None
            and p.counts_only != "yes"]
    return "crossed the floor" if all(k.endswith(APART) for k in keys) else "go against their party's direction"


def _print_outcome(wc: WhipCount, by: dict[str, int]) -> None:
    """Whether the committed votes carry it, and what it is short of (the quorum, or the votes needed)."""
    carried = wc.carried_as_committed()
    # with no vote committed (nobody yes, no or abstaining) there is no "other" and nothing the committed carry
    other = "other " if by["yes"] + by["no"] + by["abstain"] else ""
    if carried is not None and wc.others and other:
        others = ("the other one does not vote" if wc.others == 1 else "the other two do not vote" if wc.others == 2
                  else f"the other {wc.others} do not vote")
        against = "against" if wc.rule.votes_recorded == "all" else "beside"
        console.print(f"committed yes {by['yes']} {against} committed {stance_words('no', wc.rule.votes_recorded)} "
                      f"{by['no']}: "
                      + ("[green]carried[/]" if carried else "[yellow]not carried[/]") + f" if {others}"
                      + _short_of_quorum(wc), markup=True)
    if_all = (((" if the other one votes" if other else " if the one member votes") if wc.others == 1
               else " if the other two vote" if wc.others == 2 and other
               else " if both vote" if wc.others == 2 else f" if all {wc.others} vote")
              if carried is not None and wc.others else "")
    if wc.quorum_short:
        console.print(f"[yellow]{escape(quorum_short_words(wc))}[/]", markup=True)
    elif wc.rule.negative:
        _print_negative(wc, if_all)
    elif wc.short == 0:
        console.print(f"[green]the committed yes votes reach it{if_all}, with {by['yes'] - wc.needed} to spare[/]",
                      markup=True)
    else:
        who = ", ".join(_supplier_words(p, wc) for p in wc.suppliers_needed())
        console.print(f"[yellow]needs {wc.short} more{if_all}[/]; they could come from: "
                      f"{escape(who or 'nobody left')}", markup=True)


def _supplier_words(p: Position, wc: WhipCount) -> str:
    """A position that could supply yes votes, its seats and stance; the party's largest position whose yes the
    defection rule sets apart supplies them only all together, as its party's direction changed."""
    stance = stance_words(p.stance, wc.rule.votes_recorded)
    if p.yes_as_a_whole and p.seats == 1:
        return f"{p.label} (1, {stance}: the party's direction changed)"
    if p.yes_as_a_whole:
        return (f"{p.label} (all {p.seats} together, {stance}: the party's direction changed; a yes of fewer of them "
                "is not counted)")
    return f"{p.label} ({p.seats}, {stance})"


def quorum_short_words(wc: WhipCount) -> str:
    """Why no division can be valid, where the members not absent cannot make the quorum."""
    return (f"at most {wc.present} members are expected to be present, {wc.quorum_short} short of the quorum of "
            f"{wc.rule.quorum}: no division can be valid")


def _short_of_quorum(wc: WhipCount) -> str:
    """Why the committed votes alone carry nothing when it is the quorum: too few of them to be present (the
    committed abstainers are present)."""
    by = wc.by_stance()
    present = by["yes"] + by["no"] + by["abstain"]
    if not wc.rule.quorum or present >= wc.rule.quorum:
        return ""
    return f": only {present} would be present, short of the quorum of {wc.rule.quorum}"


def _print_negative(wc: WhipCount, if_all: str) -> None:
    """Under a negative threshold: whether the noes can reach the bar that rejects the motion, and if they
    can, how many of those who may vote against must not, and who they could be."""
    by = wc.by_stance()
    against = by["no"] + wc.others
    if wc.short == 0:
        console.print(f"[green]the motion stands{if_all}: at most {against} could vote against, short of the "
                      f"{wc.needed} that reject it[/]", markup=True)
        return
    who = ", ".join(f"{p.label} ({p.seats}, {p.stance})" for p in wc.suppliers_needed())
    console.print(f"[yellow]{against} could vote against, {wc.short} more than the {wc.needed - 1} the motion "
                  f"survives{if_all}[/]; those who could vote yes or stay away instead: "
                  f"{escape(who or 'nobody left')}", markup=True)
