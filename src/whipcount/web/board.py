"""The dashboard's numbers: the whip count, the magic number, P(pass), the seat picture, last changes.

The count itself is :func:`whipcount.tally.whip_count` on the current stances (one per subject, as the
store keeps them) and P(pass) the tally's forecast with the scenario's own ``forecast:`` settings, as
``whipcount forecast`` computes it: exact, or Monte Carlo from the scenario's seed (a fixed one when it
sets none) when a swing moves some bloc. Each position of the count is tied back to the stored subject an editor
changes (``party:pti``, ``party:bap@opposition``, ``party:pti/part``, ``member:ID``) and its version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from whipcount.charts.colours import STANCE_COLOURS as CHART_STANCE_COLOURS
from whipcount.charts.colours import STANCE_LABELS as CHART_STANCE_LABELS
from whipcount.charts.colours import stance_labels
from whipcount.errors import WhipcountError
from whipcount.model import STANCES, ChamberState, ForecastSettings, Scenario, Stance, format_points
from whipcount.rules import pass_rule_in
from whipcount.storage import HistoryRow, StanceRow, Subject, live_date

__all__ = ["STANCE_COLOURS", "STANCE_LABELS", "Board", "build_board", "compute_board", "forecast_fields",
           "motion_list", "position_key"]

#: The id of the dashboard's table of seats by stance, which the seat chart's aria-describedby names.
SEATS_TABLE = "seats-table"
#: The width (CSS pixels) the phone variant of the seat chart is drawn for.
NARROW_WIDTH = 360.0

# One palette and one set of labels for the charts and the pages.
STANCE_LABELS = CHART_STANCE_LABELS
STANCE_COLOURS = CHART_STANCE_COLOURS


def position_key(subject: Subject, seats: int | None, state: ChamberState,
                 since: dt.date | None = None) -> str | None:
    """The key :func:`whipcount.tally.whip_count` gives the position a stored subject fills; a side it names
    is the side of ``since`` (the row's date), followed through any change of government, as the count does."""
    if subject.kind == "member":
        return f"member:{subject.ref}"
    try:
        party = state.party(subject.ref)
    except KeyError:
        return None
    side = party.side if subject.side is None else state.side_named_on(subject.side, since or state.date)
    if subject.part:
        return f"{party.id}@{side}/{seats}"
    if subject.office:
        return f"{party.id}@{side}/office"
    return f"{party.id}@{side}" if party.split else party.id


def _default_subject(party: str, side: str, state: ChamberState) -> str:
    p = state.party(party)
    return f"party:{party}@{side}" if (p.split or side != p.side) else f"party:{party}"


@dataclass(frozen=True, slots=True)
class Board:
    """A computed dashboard: JSON-ready ``data``, the whip count behind it (None without a motion or when
    it cannot be counted), and a function drawing the seat chart (only pages call it)."""

    data: dict[str, Any]
    count: Any
    draw: Callable[[], str]


def compute_board(
    scenario: Scenario,
    stances: list[Stance],
    rows: list[StanceRow],
    history: list[HistoryRow],
    *,
    revision: int,
    on: dt.date | None = None,
) -> tuple[dict[str, Any], Callable[[], str]]:
    """The dashboard of ``scenario`` with the current ``stances`` (their stored ``rows``) on ``on``
    (default: :func:`whipcount.storage.live_date`), P(pass) included: JSON-ready data, and a function
    drawing the seat chart (called only when a page shows it; the JSON API never pays for it)."""
    board = build_board(scenario, stances, rows, history, revision=revision, on=on)
    return board.data, board.draw


def motion_list(scenario: Scenario) -> list[dict[str, Any]]:
    """Every motion of ``scenario``, the main one first, each under a label no other of them shares (two
    ballots of one day are told apart by their ids: :meth:`~whipcount.model.Scenario.motion_label`)."""
    return [{"id": m.id, "label": scenario.motion_label(m), "vote": m.vote.isoformat() if m.vote else None}
            for m in scenario.motions]


def build_board(
    scenario: Scenario,
    stances: list[Stance] | tuple[Stance, ...],
    rows: list[StanceRow] | tuple[StanceRow, ...],
    history: list[HistoryRow],
    *,
    revision: int,
    on: dt.date | None = None,
    state: ChamberState | None = None,
    forecast: bool = True,
) -> Board:
    """The dashboard, as :func:`compute_board`. ``state`` is the chamber on that day when the caller
    has it already replayed; ``forecast=False`` leaves P(pass) out (``p_pass_pending``), for
    :func:`forecast_fields` to fill in later, off the request path."""
    day = on or live_date(scenario, list(stances))
    if state is None or state.date != day:
        state = scenario.state(day)
    motion = scenario.motion
    data: dict[str, Any] = {
        "ok": True, "scenario": scenario.id, "title": scenario.title, "revision": revision,
        "date": state.date.isoformat(),
        "chamber": {"name": scenario.chamber.name, "seats": state.seats, "rules": scenario.chamber.rules},
        "vacancies": state.vacancies, "sides": state.sides(), "unverified_events": state.unverified_events,
        "motion": {"id": motion.id, "label": scenario.motion_label(motion), "kind": motion.kind,
                   "target": motion.target, "successor": motion.successor,
                   "vote": motion.vote.isoformat() if motion.vote else None} if motion else None,
        "motions": motion_list(scenario),
        "needed": None, "magic_number": None, "tally": dict.fromkeys(STANCES, 0), "yes": 0,
        "yes_and_leaning": 0, "short_by": None, "p_pass": None, "p_pass_note": None,
        "p_pass_revision": None, "p_pass_pending": False,
        "positions": [], "members": [], "last_changes": [h.as_dict() for h in history], "problems": [],
        "notes": [], "reject_at": None, "votes_recorded": "all",
    }
    by_key = _rows_by_position(rows, state)
    count = _count(scenario, state, stances, data)
    if count is not None:
        tally = count.by_stance()
        leaning = tally["lean-yes"] - count.yes_set_apart()  # a crossed member's yes the rule does not count: none
        data.update(tally=tally, yes=tally["yes"], yes_and_leaning=tally["yes"] + leaning,
                    magic_number=count.needed, short_by=count.short, notes=list(count.notes))
        if count.rule.negative:  # the motion stands unless the noes reach the bar: no yes vote is needed
            data.update(magic_number=None, short_by=None, reject_at=count.needed)
        data["positions"] = _positions(count, by_key, state, _party_colours(scenario, state))
        unforecast = _not_pending(scenario, state.date)
        if unforecast is not None:
            data["p_pass_note"] = f"no forecast: {unforecast}"
        elif forecast:
            data.update(forecast_fields(count, revision, scenario.forecast))
        else:
            data["p_pass_pending"] = True
    data["members"] = _members(state, data["positions"])
    return Board(data, count, lambda: _svg(state, count, data))


def _count(scenario: Scenario, state: ChamberState, stances: Sequence[Stance], data: dict[str, Any]) -> Any:
    """The whip count of the main motion on the day (``None`` without a motion, or when the count or the
    rules refuse it: the reason goes to ``data["problems"]``); what the motion needs goes to ``data``."""
    from whipcount.tally import fitted_on_its_day, whip_count

    motion = scenario.motion
    if motion is None:
        return None
    try:
        rule = pass_rule_in(scenario, state)
        count = whip_count(state, stances, kind=motion.kind, rule=rule,
                           probabilities=dict(scenario.stance_probabilities), lapse=fitted_on_its_day(scenario))
        data["needed"] = {"count": None if rule.negative else count.needed, "basis": rule.basis,
                          **rule.vacancy_keys(), "explanation": rule.describe()}
        data["votes_recorded"] = rule.votes_recorded  # "yes-only": the stances' labels say "not for", never "no"
    except WhipcountError as exc:
        data["problems"].append(str(exc))
        return None
    return count


def _not_pending(scenario: Scenario, day: dt.date) -> str | None:
    """Why the main motion has no P(pass) on ``day`` (not filed yet, dismissed or suspended, or decided), as
    ``whipcount forecast`` says it; None while it is pending."""
    from whipcount.tally.phase import motion_phase

    try:
        phase = motion_phase(scenario, day)
    except WhipcountError as exc:
        return str(exc)
    return None if phase.pending else phase.text


def _rows_by_position(rows: Sequence[StanceRow], state: ChamberState) -> dict[str, StanceRow]:
    """The stored row behind each position of the count (the latest, when two land on one position)."""
    by_key: dict[str, StanceRow] = {}
    for r in sorted(rows, key=lambda r: (r.date, r.updated_at)):
        k = position_key(Subject.parse(r.subject), r.seats, state, r.date)
        if k is not None:
            by_key[k] = r
    return by_key


def _positions(
    count: Any, by_key: dict[str, StanceRow], state: ChamberState, colours: dict[str, str]
) -> list[dict[str, Any]]:
    out = []
    for p in count.positions:
        row = by_key.get(p.key)
        subject = row.subject if row else (f"member:{p.member}" if p.member
                                           else _default_subject(p.party, p.side, state))
        out.append({
            "key": p.key, "label": p.label, "party": p.party, "side": p.side, "seats": p.seats,
            "stance": p.stance, "default": p.default, "why": p.why, "member": p.member,
            "date": p.date.isoformat() if p.date else None, "until": p.until.isoformat() if p.until else None,
            "source": p.sources[0].url if p.sources else None, "note": p.note, "verified": p.verified,
            "office": p.office, "subject": subject, "version": row.version if row else 0,
            "updated_by": row.updated_by if row else None,
            "colour": colours.get(p.party),
        })
    return out


def _members(state: ChamberState, positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every member with their own stance, if any, and how they are counted: a member with no stance of
    their own counts with the rest of their party on their side."""
    member_stance = {p["member"]: p for p in positions if p["member"]}
    rest = {(p["party"], p["side"]): p["stance"] for p in positions
            if not p["member"] and not p["subject"].endswith("/part")}
    out = []
    for m in state.members:
        pos = member_stance.get(m.id)
        out.append({
            "id": m.id, "name": m.name, "party": m.party, "side": m.side, "seated": m.seated,
            "constituency": m.constituency, "subject": f"member:{m.id}",
            "stance": pos["stance"] if pos else None,
            "counted_as": pos["stance"] if pos else rest.get((m.party, m.side)) if m.seated else None,
            "version": pos["version"] if pos else 0,
            "note": pos["note"] if pos else None, "source": pos["source"] if pos else None,
        })
    return out


def forecast_fields(count: Any, revision: int, settings: ForecastSettings) -> dict[str, Any]:
    """P(pass) of a whip count under the scenario's forecast ``settings``, and how it was computed: the
    dashboard's ``p_pass`` fields. The same revision always shows the same figure: exact, or Monte Carlo
    from a fixed seed (at most :data:`MAX_SIMS` draws: the dashboard computes it again on every edit)."""
    from whipcount.tally import plan_for, scenario_forecast
    from whipcount.tally.settings import draws_words

    out: dict[str, Any] = {"p_pass": None, "p_pass_note": None, "p_pass_revision": revision, "p_pass_pending": False}
    if count is None:
        return out
    try:
        plan = plan_for(settings)
        plan = dataclasses.replace(plan, sims=min(plan.sims, MAX_SIMS))
        fc = scenario_forecast(count, plan, pivotal=False)
        out["p_pass"] = float(fc.p_pass)
        how = (f"Monte Carlo ({draws_words(plan.sims)} from seed {plan.fixed_seed}, standard error "
               f"{format_points(fc.stderr)}{'; ' + fc.method_reason if fc.method_reason else ''})"
               if fc.method == "monte-carlo" else "exact")
        out["p_pass_note"] = f"{how}: {plan.describe() or DEFAULTS_NOTE} (docs/web.md)"
    except WhipcountError as exc:
        out["p_pass_note"] = f"no forecast: {exc}"
    return out


def _party_colours(scenario: Scenario, state: ChamberState) -> dict[str, str]:
    """Each party's colour as the scenario's charts draw it (:func:`whipcount.charts.partycolours.scenario_colours`:
    moved where colour-blind readers could not tell two apart), else its own."""
    from whipcount.charts.partycolours import scenario_colours

    own = {p.id: p.colour for p in state.parties if p.colour}
    try:
        return {**own, **scenario_colours(scenario).colours}
    except WhipcountError:  # a colour the charts refuse: the table still shows the parties' own
        return own


DEFAULTS_NOTE = "the forecast's default model"
"""What the P(pass) note says of a scenario that sets no forecast settings of its own."""
MAX_SIMS = 200_000
"""The most Monte Carlo draws the dashboard's P(pass) takes (the scenario's ``forecast.sims`` when fewer):
at most a fraction of a second of the server's time on every edit, a standard error of 0.0011 at most."""


def _svg(state: ChamberState, count: Any, data: dict[str, Any]) -> str:
    """The hemicycle coloured by stance (falls back to a plain bar if the chart cannot be drawn)."""
    from whipcount.charts import render_hemicycle
    from whipcount.report.engines import stance_blocks
    from whipcount.web.seats import bar_svg

    labels = stance_labels(data["votes_recorded"])
    if count is None:
        return bar_svg(data, STANCE_COLOURS, labels)
    blocks = stance_blocks(count)
    try:
        # drawn for a desktop column and for a phone; the page shows one by the width of the figure
        wide, narrow = (render_hemicycle(state, by="stance", stances=blocks,
                                         needed=data["magic_number"], votes_recorded=data["votes_recorded"],
                                         heading=False, width=width, describedby=SEATS_TABLE,
                                         chart_id=f"live-{data['scenario']}-{state.date.isoformat()}{suffix}")
                        for width, suffix in ((None, ""), (NARROW_WIDTH, "-narrow")))
        return f'<div class="wide">{wide}</div><div class="narrow">{narrow}</div>'
    except WhipcountError as exc:
        data["problems"].append(f"seat chart: {exc}")
        return bar_svg(data, STANCE_COLOURS, labels)
