"""A forecast model from a whip count: each position's bloc with the probabilities its stance carries.

:func:`model_from_count` is the way in for library users (``model_from_count(count, swing=0.5)``) and for
every command; the model itself, the stances' default probabilities and cohesion are in
:mod:`whipcount.tally.model`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from whipcount.errors import ArgumentError, ForecastError
from whipcount.model import INDEPENDENT, STANCES
from whipcount.model.arguments import check_instance, check_items, check_option
from whipcount.model.ids import did_you_mean
from whipcount.tally.count import default_stance
from whipcount.tally.crossed import recount
from whipcount.tally.model import (
    DEFAULT_COHESION,
    DEFAULT_STANCE_PROBABILITIES,
    Bloc,
    ForecastModel,
    Group,
    check_p,
)
from whipcount.tally.passing import PassRule
from whipcount.tally.positions import Position, WhipCount

__all__ = ["STAY_AWAY_STANCES", "model_from_count"]


def model_from_count(
    count: WhipCount,
    *,
    probabilities: Mapping[str, float] | None = None,
    cohesion: Mapping[str, float] | float | None = None,
    groups: Iterable[tuple[Iterable[str], float]] = (),
    swing: float = 0.0,
    party_swing: float = 0.0,
) -> ForecastModel:
    """A :class:`ForecastModel` from a whip count.

    ``probabilities`` override the count's own (the scenario's ``stance_probabilities``), which override
    :data:`DEFAULT_STANCE_PROBABILITIES`; a stance entry's ``p_yes`` overrides them all for its seats. Given,
    the count is counted again under its defection rule with them (:func:`whipcount.tally.crossed.recount`), as
    the same probabilities in the scenario's file would count it: a member's chance of a vote against the
    party's direction is what the rule sets apart.
    ``cohesion``: one number for every bloc, or per stance over :data:`DEFAULT_COHESION`.
    ``groups``: (party ids, together) pairs; each forms a :class:`Group` of every bloc of those parties.
    ``swing``, ``party_swing``: standard deviations of the shared and per-party shocks (logit scale).
    """
    check_instance(count, WhipCount, "count", "count_scenario(scenario, date) makes one")
    if probabilities is not None and not isinstance(probabilities, Mapping):
        raise ArgumentError(f"probabilities: expected a mapping of stance to P(yes) such as {{'undecided': 0.4}}, "
                            f"got {probabilities!r} ({type(probabilities).__name__})")
    probs = _probabilities(dict(count.probabilities), probabilities or {})
    if probabilities:  # which votes the defection rule sets apart turns on them: counted again with them
        count = recount(replace(count, probabilities=tuple({**dict(count.probabilities), **probabilities}.items())),
                        lambda side: default_stance(side, count.kind))
    coh = _cohesion(cohesion)
    away = _away(count.rule)
    blocs = tuple(b for p in count.positions for b in _blocs(p, probs, coh, away))
    return ForecastModel(blocs, count.rule, _groups(groups, blocs, count), swing, party_swing)


def _probabilities(own: Mapping[str, float], given: Mapping[str, float]) -> dict[str, float]:
    """P(yes) per stance: the defaults, overridden by the count's own table, overridden by ``given``."""
    probs = dict(DEFAULT_STANCE_PROBABILITIES)
    for source_name, table in (("stance_probabilities", dict(own)), ("probabilities", dict(given))):
        for stance, value in table.items():
            check_option(stance, STANCES, f"{source_name}: stance", ForecastError)
            probs[stance] = check_p(f"{source_name}.{stance}", "the value", value)
    return probs


def _cohesion(cohesion: Mapping[str, float] | float | None) -> dict[str, float]:
    """Cohesion per stance: one number for all, or a table over the defaults."""
    coh = dict(DEFAULT_COHESION)
    if cohesion is not None and not isinstance(cohesion, Mapping):
        coh = dict.fromkeys(STANCES, check_p("cohesion", "the value", cohesion))
    elif cohesion is not None:
        for stance, value in cohesion.items():
            check_option(stance, STANCES, "cohesion: stance", ForecastError)
            coh[stance] = check_p(f"cohesion.{stance}", "the value", value)
    return coh


def _groups(groups: Iterable[tuple[Iterable[str], float]], blocs: tuple[Bloc, ...], count: WhipCount
            ) -> tuple[Group, ...]:
    """A group per (party ids, together) pair, of every bloc of those parties; each party listed once and
    holding seats on the count's date."""
    party_ids = {b.party for b in blocs}
    out: list[Group] = []
    pairs: tuple[Any, ...] = check_items(groups, (tuple, list), "groups", "a (party ids, together) pair")
    for i, pair in enumerate(pairs):
        if len(pair) != 2:
            raise ArgumentError(f"groups[{i}]: expected a (party ids, together) pair, got {pair!r}")
        parties, together = pair
        listed = list(check_items(parties, str, f"groups[{i}]: party ids", "a party id"))
        members = set(listed)
        if len(members) < len(listed):
            twice = next(pid for k, pid in enumerate(listed) if pid in listed[:k])
            raise ForecastError(f"group {i + 1}: party {twice!r} twice in one group")
        for pid in members:
            if pid not in party_ids:
                raise ForecastError(f"group {i + 1}: party {pid!r} holds no seats on {count.date.isoformat()} "
                                    f"(parties: {', '.join(sorted(party_ids))}){did_you_mean(pid, party_ids)}")
        keys = tuple(b.key for b in blocs if b.party in members)
        out.append(Group("+".join(sorted(members)), keys, together))
    return tuple(out)


STAY_AWAY_STANCES: frozenset[str] = frozenset({"yes", "absent"})
"""Stances whose members who do not vote yes are absent rather than voting no (see
:mod:`whipcount.tally.model`'s docstring); ``abstain``'s abstain, which :func:`_away` weighs by the rule."""


def _away(rule: PassRule) -> frozenset[str]:
    """The stances whose members who do not vote yes are counted away: :data:`STAY_AWAY_STANCES`, and
    ``abstain`` where an abstention is on neither side (it is a no where it counts against)."""
    return STAY_AWAY_STANCES if rule.abstain_as_no else STAY_AWAY_STANCES | {"abstain"}


def _blocs(p: Position, probs: Mapping[str, float], coh: Mapping[str, float], away: frozenset[str]) -> list[Bloc]:
    """The position's bloc; independents have no whip, so their seats are blocs of one member each
    (``independent@opposition#2``), which neither act as one nor share a party's shock."""
    if p.office is not None:  # cannot vote, whatever the scenario's probability for the absent
        return [Bloc(p.key, p.seats, 0.0, 1.0, 0.0, p.label, p.party, p.side, p.stance, fixed=True)]
    p_yes = p.p_yes if p.p_yes is not None else probs[p.stance]
    p_absent = 1.0 - p_yes if p.stance in away else 0.0
    abstains = p.stance == "abstain"
    if p.not_counted is not None:  # votes the defection rule does not count: none, whatever a pivot would try
        return [_apart(p, p_yes, coh, away)]
    if p.party == INDEPENDENT and (p.seats > 1 or p.seat_labels):
        labels = (p.seat_labels if len(p.seat_labels) == p.seats
                  else tuple(f"{p.label} {k}" for k in range(1, p.seats + 1)))
        return [Bloc(f"{p.key}#{k}", 1, p_yes, p_absent, 0.0, label, p.party, p.side, p.stance, abstains=abstains)
                for k, label in enumerate(labels, start=1)]
    # one member has nothing to act as one with: 0, whatever the stance's cohesion
    cohesion = coh[p.stance] if p.seats > 1 else 0.0
    return [Bloc(p.key, p.seats, p_yes, p_absent, cohesion, p.label, p.party, p.side, p.stance, abstains=abstains)]


def _apart(p: Position, p_yes: float, coh: Mapping[str, float], away: frozenset[str]) -> Bloc:
    """The bloc of crossed seats whose votes against their party's direction the defection rule does not count
    (:mod:`whipcount.tally.crossed`): a firm stance abstains; any other keeps its chance of each vote, the vote
    with the party (``counts_only``) counted, the other an abstention (present, not voting; a no where an
    abstention weighs as one). No pivot switches it; a swing moves its members' own chance of a yes as it moves
    any bloc of their stance, and the vote against the party stays set apart (:attr:`Bloc.set_apart`)."""
    if p.counts_only is None:
        p_absent = 1.0 - p_yes if p.stance in away else 0.0
        return Bloc(p.key, p.seats, 0.0, p_absent, 0.0, p.label, p.party, p.side, p.stance,
                    abstains=p.stance == "abstain", fixed=not p.holds_direction)
    yes, not_counted = (p_yes, 1.0 - p_yes) if p.counts_only == "yes" else (0.0, p_yes)
    cohesion = coh[p.stance] if p.seats > 1 else 0.0  # the members still act as one as their stance does
    # its yes set apart is drawn where a yes is (the bottom of a group's shared draw), read from the top
    return Bloc(p.key, p.seats, yes, not_counted if "abstain" in away else 0.0, cohesion, p.label, p.party, p.side,
                p.stance, abstains=True, fixed=not p.holds_direction, from_top=p.counts_only == "no",
                set_apart="no" if p.counts_only == "yes" else "yes")
