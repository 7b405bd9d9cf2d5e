"""The weighted game a scenario's chamber plays on a date: its parties (or blocs) under the main motion's
threshold. One definition for ``whipcount power`` and ``coalitions``, the demo and the report, so that they
weigh the same players.

A party whose seats sit on two sides (``by_side``, as the whip count keeps them) votes as two blocs, each
with its side: by default the players are then blocs (``bap@opposition``), else whole parties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from whipcount.errors import PowerError
from whipcount.model import ChamberState, Scenario
from whipcount.model.arguments import check_option
from whipcount.model.chamber import INDEPENDENT
from whipcount.power.game import WeightedGame
from whipcount.rules import (
    Chair,
    Needed,
    OutByOffice,
    chair_out_of_the_vote,
    defection_in,
    needed_in,
    pass_rule_for,
    scenario_kind,
    seats_out_by_office,
)

__all__ = ["BY", "ChamberGame", "TurnoutQuota", "by_words", "chamber_game", "player_label", "players"]

BY = ("party", "bloc")
"""Who the players are: whole parties, or each party's seats on each side."""


class TurnoutQuota(PowerError):
    """The main motion's threshold is not a count of yes votes (a negative majority): no quota to play to."""


@dataclass(frozen=True)
class ChamberGame:
    """A game plus where it came from (for JSON and captions; ``extra`` is empty for a game given by
    weights), and each player's left-right position where known."""

    game: WeightedGame
    extra: dict[str, Any] = field(default_factory=dict)
    left_right: tuple[float | None, ...] | None = None


def _quota(need: Needed, voters: int) -> tuple[int | None, str]:
    """The yes votes that win among ``voters`` members, all voting, and why; None when the threshold counts
    no votes for the motion."""
    quota, explanation, reject_at = need.count, need.explanation, need.reject_at
    if quota is None and need.threshold is not None and need.threshold.depends_on_turnout:
        # a bar on the votes cast: the game every member plays when all of them vote, a tie going as the
        # chair's casting vote goes by convention (as the whip count and the forecast have it)
        rule = pass_rule_for(need.threshold, seats=need.seats or voters, vacancies=need.vacancies)
        if not need.threshold.negative:
            quota = rule.bar(voters)
            tie = rule.tie_words(voters)
            return quota, f"{quota} of the {voters} members if every one votes{tie}: {need.explanation}"
        reject_at = rule.bar(voters)  # a negative bar on the votes cast: the noes that reject, all voting
    if quota is None and reject_at is not None and reject_at <= voters:
        # the motion stands unless the noes reach reject_at: with every member voting, the yes side wins
        # when the others fall short of it, so it needs voters - reject_at + 1
        quota = voters - reject_at + 1
        explanation = (f"{quota} of the {voters} members if every one votes, so that the noes stay under "
                       f"{reject_at}: {need.explanation}")
    return quota, explanation


def players(state: ChamberState, by: str) -> list[tuple[str, int, str, float | None]]:
    """(name, seats, side, left-right) per player: each party whole (``party``), or each party's seats on
    each side as a bloc of its own (``bloc``: "bap@opposition"), as the whip count has them. Independents
    do not vote as one: each of their seats is a player of weight 1, named by the member where the scenario
    names one ("independent#ali-wazir"), else numbered on ("independent#4"; by bloc "independent@opposition#4")."""
    if by == "party":
        blocs = [(p.id, p.seats, p.side, p.left_right) for p in state.parties if p.seats > 0]
    else:
        blocs = [(p.id if not p.split else f"{p.id}@{side}", n, side, p.left_right)  # by_side has no side of 0
                 for p in state.parties for side, n in p.by_side]
    out: list[tuple[str, int, str, float | None]] = []
    for name, seats, side, lr in blocs:
        if name.partition("@")[0] != INDEPENDENT:
            out.append((name, seats, side, lr))
            continue
        named = sorted(m.id for m in state.members if m.seated and m.party == INDEPENDENT
                       and (by == "party" or m.side == side))[:seats]
        seat_ids = named + [str(k) for k in range(len(named) + 1, seats + 1)]
        out += [(f"{name}#{seat}", 1, side, lr) for seat in seat_ids]
    return out


def chamber_game(scenario: Scenario, on: dt.date | None = None, *, allow_improper: bool = False,
                 by: str | None = None) -> ChamberGame:
    """The parties' (or blocs') weighted game under the main motion's threshold on ``on``. ``by`` None:
    blocs when any party sits on two sides (its seats there vote with that side), else parties. A bar on
    the votes cast is played as if every member votes (a majority of the votes cast is then a majority of
    the members seated); under a negative majority (the motion stands unless the noes reach ``reject_at``)
    the yes side wins when the rest fall short of it: ``voters - reject_at + 1``, every member voting. A
    threshold that counts no votes for the motion raises :class:`TurnoutQuota`."""
    if by is not None:
        check_option(by, BY, "players by", PowerError)
    state = scenario.state(on)
    kind = scenario_kind(scenario, state.date)
    need = needed_in(scenario, state)
    chair = chair_out_of_the_vote(scenario, state, kind)
    offices = seats_out_by_office(scenario, state)
    crossed = _crossed_out(scenario, state)
    quota, explanation = _quota_less_non_voters(scenario, state, need, chair, offices, crossed)
    split = [p.id for p in state.parties if p.split]
    by = by or ("bloc" if split else "party")
    chosen = players(state, by)
    if chair is not None:
        chosen = _without(chosen, chair.party, chair.side, 1)
    for o in offices:
        chosen = _without(chosen, o.party, o.side, o.seats, o.member)
    for c in state.crossed if crossed else ():
        chosen = _without(chosen, c.party, c.side, c.seats)
    quota = _decided(scenario.id, kind, state.date, need, quota, explanation, sum(n for _, n, _, _ in chosen))
    # the quota is the rule's, never one the user chose: where it is half the voters or less (a tie that
    # carries the motion, noes that need more than half to reject it, a bar of a third of the members), the
    # game is improper by the rule itself, a coalition and its complement both winning, and is played so
    improper = 2 * quota <= sum(n for _, n, _, _ in chosen)
    if improper and need.count is not None:  # a bar in members: no tie makes it so, say what it means
        explanation += "; a coalition and the rest can both reach it (an improper game, as the rule makes it)"
    game = WeightedGame([n for _, n, _, _ in chosen], quota, names=[name for name, _, _, _ in chosen],
                        proper=not (allow_improper or improper))
    extra = {
        "scenario": scenario.id,
        "date": state.date.isoformat(),
        "motion": kind,
        "explanation": explanation,
        "notes": list(need.notes),
        "by": by,
        "split_parties": split,
        "split_labels": [p.label for p in state.parties if p.split],
        "sides": [side for _, _, side, _ in chosen],
        "labels": [player_label(state, name) for name, _, _, _ in chosen],
    }
    return ChamberGame(game, extra, tuple(lr for _, _, _, lr in chosen))


def _decided(scenario: str, kind: str, on: dt.date, need: Needed, quota: int | None, explanation: str,
             voters: int) -> int:
    """The quota, where the members who may vote can decide the motion; else a PowerError naming the scenario,
    the day and the bar: a motion needing more yes votes than they are (seats vacant or out of the vote), one
    that stands unless more of them vote against than there are, and a threshold that counts no votes
    (:class:`TurnoutQuota`). The first two had been a bare game's error ('quota 172 is above the total weight
    162') and a threshold 'not a count of votes for the motion'."""
    day = on.isoformat()
    if quota is None and need.reject_at is not None and need.reject_at > voters:
        raise PowerError(f"{scenario}: the {kind} motion stands on {day} whatever the members do: only "
                         f"{voters} of them can vote, fewer than the {need.reject_at} votes against that reject "
                         f"it ({need.explanation}); no coalition decides it, so there is no power to share")
    if quota is None:
        raise TurnoutQuota(f"{scenario}: the {kind} threshold ({need.explanation}) is not a count of votes "
                           "for the motion")
    if quota > voters:
        raise PowerError(f"{scenario}: no coalition can carry the {kind} motion on {day}: it needs {quota} "
                         f"votes ({explanation}) and only {voters} members can vote; there is no power to share")
    return quota


def _crossed_out(scenario: Scenario, state: ChamberState) -> str | None:
    """Where the defection rule of the day does not count votes cast against the party's direction, the
    source of that rule: the seats that crossed the floor (they vote with the side they crossed to) are then
    no players. None where they are, or nobody crossed."""
    period = defection_in(scenario, state) if state.crossed else None
    return period.source.article if period is not None and not period.counted else None


def _quota_less_non_voters(scenario: Scenario, state: ChamberState, need: Needed, chair: Chair | None,
                           offices: Sequence[OutByOffice], crossed: str | None = None) -> tuple[int | None, str]:
    """The game's quota among the members who may vote (the seats held, less the chair's, those out by
    office and, under ``crossed``, those who crossed the floor) and its explanation, which says which seats do
    not vote and why."""
    out = sum(o.seats for o in offices)
    apart = sum(c.seats for c in state.crossed) if crossed else 0
    quota, explanation = _quota(need, state.seats_held - (1 if chair is not None else 0) - out - apart)
    if apart:
        explanation += (f"; {apart} seat{'s' if apart > 1 else ''} of members who crossed the floor: their votes "
                        f"against their party's direction are not counted ({crossed})")
    if chair is not None:
        short = player_label(state, chair.party)
        explanation += f"; {chair.name} presides and votes only in a tie: one seat of {short} does not vote"
    if out:
        why = "; ".join(dict.fromkeys(o.office for o in offices))
        explanation += f"; {out} seat{'s' if out > 1 else ''} cannot vote by office ({why})"
    return quota, explanation


def _without(chosen: list[tuple[str, int, str, float | None]], party: str, side: str, seats: int,
             member: str | None = None) -> list[tuple[str, int, str, float | None]]:
    """The players less ``seats`` of ``party`` on ``side`` that do not vote (the chair's seat, seats out by
    office): taken from the party's player (its bloc on that side), or, for independents, whose seats are
    players of one, ``member``'s seat or the last numbered ones."""
    of_party = [i for i, (name, _, _, _) in enumerate(chosen) if name.partition("@")[0].partition("#")[0] == party]
    # players by whole party carry the party's main side: a seat on another side is still the party's
    mine = [i for i in of_party if chosen[i][2] == side] or of_party
    named = [i for i in mine if member is not None and chosen[i][0].endswith(f"#{member}")]
    out = list(chosen)
    for i in named or sorted(mine, reverse=True):
        if seats <= 0:  # equivalent mutants "<= -> <", "0 -> -1": taking none more changes no player
            break
        name, n, player_side, lr = out[i]
        take = min(n, seats)
        out[i] = (name, n - take, player_side, lr)
        seats -= take
    return [c for c in out if c[1] > 0]


def player_label(state: ChamberState, player: str) -> str:
    """A player as a reader knows it: the party's short name, with its side for a bloc ("BAP (opposition)"),
    and an independent's seat by its member or its number ("Ind.: Ali Wazir", "Ind. 4")."""
    bloc, _, seat = player.partition("#")
    party_id, _, side = bloc.partition("@")
    party = next((p for p in state.parties if p.id == party_id), None)
    short = party.label if party is not None else party_id
    label = f"{short} ({side})" if side else short
    if not seat:
        return label
    member = next((m for m in state.members if m.id == seat), None)  # an independent's seat, by its member
    return f"{label}: {member.name}" if member is not None else f"{label} {seat}"


def by_words(extra: dict[str, Any], option: str = "--by bloc", names: Sequence[str] = ()) -> str | None:
    """Who the players of a scenario's game are, in words (None for a game given by weights); ``names``, the
    game's players, say whether independents' seats are players of their own."""
    if "by" not in extra:
        return None
    words = _by_words(extra, option)
    seats = sum(1 for name in names if name.partition("#")[0].partition("@")[0] == INDEPENDENT)
    if seats:  # 'players are whole parties' had read as if the independents voted as one
        words += (f"; each of the {seats} independents is a player of its own" if seats > 1
                  else "; the member without a party is a player of their own")
    return words


def _by_words(extra: dict[str, Any], option: str) -> str:
    labels = extra.get("split_labels", extra["split_parties"])  # as a reader knows them
    split = ", ".join(labels)
    # one party sits; several parties, or the independents (each seat a player of its own), sit
    sit = "sits" if len(labels) == 1 and extra["split_parties"] != ["independent"] else "sit"
    if extra["by"] == "bloc":
        return (f"players are blocs: each party's seats on one side ({split} {sit} on two sides)" if split
                else "players are blocs: each party's seats on one side")
    return "players are whole parties" + (f" ({split} {sit} on two sides: {option} weighs them apart)" if split
                                          else "")
