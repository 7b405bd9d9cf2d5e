"""Motions and vote events of a Popolo bundle, read into a scenario's motions and divisions (also used by
the OCD vote-event reader)."""

from __future__ import annotations

from whipcount.io.interchange_base import _DIVISION_FIELDS, _MOTION_FIELDS, Data, Loc, _Ids, _Reader, slug
from whipcount.io.limits import one_of, unknown_reference
from whipcount.io.popolo_format import COUNTED, OPTION_IN, OPTION_OUT, PopMotion, VoteEvent
from whipcount.io.scenario_fields import MOTION_KINDS
from whipcount.model import VOTE_OPTIONS
from whipcount.model.ids import is_id

NOT_VOTING = frozenset({"excused", "paired", "not-voting"})
"""Options of members who did not vote, counted as absent in a division."""

ROLL_COUNTED = ("yes", "no", "abstain")
"""The counts a roll call alone gives: the votes listed for each option (absent is not, a roll may be partial)."""


def _motions(
    r: _Reader, chamber_id: str, person_ids: _Ids, paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]]
) -> list[Data]:
    """The chamber's motions of the kinds whipcount models (others left out with a warning), each with the
    division of its vote event; ``paths`` learns where each was read from."""
    motion_at: dict[str, int] = {}
    out: list[Data] = []
    for i, m in enumerate(r.bundle.motions):
        if m.id in motion_at:
            raise r.fail(("motions", i, "id"), f"motion id {m.id!r} is used twice")
        if m.organization_id is not None and m.organization_id != chamber_id:
            continue
        entry = _motion(r, i, m)
        if entry is not None:
            motion_at[m.id] = len(out)
            paths[("motions", len(out))] = (("motions", i), _MOTION_FIELDS)
            out.append(entry)
    _divisions(r, out, motion_at, person_ids, paths)
    return out


def _motion(r: _Reader, i: int, m: PopMotion) -> Data | None:
    """The ``i``-th motion as a scenario's motion, or None (with a warning) for a kind whipcount does not
    model. Its extras, written by whipcount's export, win over the Popolo fields."""
    x = dict(m.extras)
    classification = m.classification[0] if isinstance(m.classification, list) and m.classification else (
        m.classification if isinstance(m.classification, str) else None)
    kind = x.pop("kind", None) or classification
    if kind not in MOTION_KINDS:
        r.warnings.append(f"{r.at(('motions', i))}: classification {kind!r} is not a motion whipcount models "
                          f"({', '.join(MOTION_KINDS)}): left out")
        return None
    entry: Data = {"id": x.pop("id", None) if "id" in x else (m.id if is_id(m.id) else slug(m.id)),
                   "kind": kind}
    if entry["id"] == "":
        del entry["id"]
    if "kind" not in m.extras and m.date is not None:
        got = r.date(("motions", i, "date"), m.date)
        if got is not None:
            entry["filed"] = got[0]
    if "note" not in x and m.text and "kind" not in m.extras:
        entry["note"] = m.text
    entry.update(x)
    return entry


def _divisions(r: _Reader, out: list[Data], motion_at: dict[str, int], person_ids: _Ids,
               paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]]) -> None:
    """Each vote event's division on its motion in ``out`` (at ``motion_at[motion id]``); one without a
    motion, on a motion left out or on a motion already voted is skipped, with a warning where none was
    given."""
    for i, ve in enumerate(r.bundle.vote_events):
        loc: Loc = ("vote_events", i)
        if ve.motion_id is None:
            r.warnings.append(f"{r.at(loc)}: no motion_id: left out")
            continue
        if ve.motion_id not in motion_at:
            if any(m.id == ve.motion_id for m in r.bundle.motions):
                continue  # its motion was left out, with a warning
            raise r.fail((*loc, "motion_id"), unknown_reference("motion", ve.motion_id, motion_at))
        target = out[motion_at[ve.motion_id]]
        if "division" in target:
            r.warnings.append(f"{r.at(loc)}: a second vote on motion {ve.motion_id!r}: left out")
            continue
        division = division_from_votes(r, loc, ve, person_ids.map)
        target["division"] = division
        paths[("motions", motion_at[ve.motion_id], "division")] = (loc, _DIVISION_FIELDS)


def division_from_votes(r: _Reader, loc: Loc, ve: VoteEvent, people: dict[str, str]) -> Data:
    """A division mapping from a vote event; counts that disagree with the votes become warnings."""
    division: Data = {}
    got = r.date((*loc, "start_date"), ve.start_date)
    if got is not None:
        division["date"] = got[0]
    counts = _stated_counts(r, loc, ve)
    votes, tally = _listed_votes(r, loc, ve, people)
    _reconcile(r, loc, ve, counts, tally)
    for option in COUNTED:
        if option in counts:
            division[option] = counts[option]
    away = {o: n for o, n in counts.items() if o in NOT_VOTING}
    if away:  # members who did not vote: absent, as a division's absent counts every member who did not vote
        division["absent"] = counts.get("absent", 0) + sum(away.values())
        listed = ", ".join(f"{OPTION_OUT[o]} {n}" for o, n in away.items())
        r.warnings.append(f"{r.at(loc)}: counts: a whipcount division counts yes, no, abstain and absent only; "
                          f"counted as absent (members who did not vote): {listed}")
    other = {o: n for o, n in counts.items() if o not in COUNTED and o not in NOT_VOTING}
    if other:  # what 'other' was is not said: neither a vote nor an absence, so left out, and said so
        listed = ", ".join(f"{OPTION_OUT[o]} {n}" for o, n in other.items())
        r.warnings.append(f"{r.at(loc)}: counts: a whipcount division counts yes, no, abstain and absent only; "
                          f"left out: {listed}")
    if votes:
        division["votes"] = votes
    division.update(dict(ve.extras))
    return division


def _option(r: _Reader, at: Loc, option: str) -> str:
    """The whipcount vote option a Popolo option names, or an error at ``at``."""
    got = OPTION_IN.get(option.strip().lower())
    if got is None:
        raise r.fail(at, f"unknown vote option {one_of(option, OPTION_IN)}")
    return got


def _stated_counts(r: _Reader, loc: Loc, ve: VoteEvent) -> dict[str, int]:
    """The vote event's counts by option, each option once."""
    counts: dict[str, int] = {}
    for j, c in enumerate(ve.counts):
        option = _option(r, (*loc, "counts", j, "option"), c.option)
        if option in counts:
            raise r.fail((*loc, "counts", j, "option"), f"option {c.option!r} is counted twice")
        counts[option] = c.value
    return counts


def _listed_votes(r: _Reader, loc: Loc, ve: VoteEvent, people: dict[str, str]) -> tuple[list[Data], dict[str, int]]:
    """The members' votes (each member once) and the number of votes listed for each option, a vote with
    no voter included."""
    votes: list[Data] = []
    tally: dict[str, int] = {}
    seen: set[str] = set()
    for j, v in enumerate(ve.votes):
        option = _option(r, (*loc, "votes", j, "option"), v.option)
        tally[option] = tally.get(option, 0) + 1
        if v.voter_id is None:
            continue  # counted, but no member to attach it to
        if v.voter_id not in people:
            raise r.fail((*loc, "votes", j, "voter_id"), unknown_reference("person", v.voter_id, people))
        member = people[v.voter_id]
        if member in seen:
            raise r.fail((*loc, "votes", j, "voter_id"), f"{v.voter_id!r} votes twice")
        seen.add(member)
        votes.append({"member": member, "vote": option})
    return votes, tally


def _reconcile(r: _Reader, loc: Loc, ve: VoteEvent, counts: dict[str, int], tally: dict[str, int]) -> None:
    """Warnings where the counts and the listed votes disagree (the votes of members who did not vote, of
    an option with no count of its own, against the absent count, as a division counts them; in a bundle
    whipcount wrote, only more votes listed than counted, since its divisions name some voters; more listed
    than counted is then refused at the counts, where the division is checked); yes, no
    and abstain taken from the votes where the event gives no counts, the yes count where only it is
    missing (a warning each), and an error where there is neither (the place found only for one)."""
    if ve.votes:
        listed = _as_counted(counts, tally)
        named_some = "events" in r.bundle.extras  # a bundle whipcount wrote: a division names the voters it knows
        for option in sorted(set(counts) | set(listed), key=lambda o: VOTE_OPTIONS.index(o)):
            if named_some and counts.get(option, 0) > listed.get(option, 0):
                continue  # a partial roll, as the scenario holds it (fifteen noes named of 111)
            if option in counts and counts[option] != listed.get(option, 0):
                r.warnings.append(
                    f"{r.at(loc)}: counts say {counts[option]} {OPTION_OUT[option]} but {listed.get(option, 0)} "
                    f"individual {OPTION_OUT[option]} vote(s) are listed (tellers, pairs, recusals or a "
                    f"partial roll?)"
                )
    if not counts and ve.votes:  # a roll call alone: its votes are the counts
        counts.update({o: tally.get(o, 0) for o in ROLL_COUNTED})
        taken = ", ".join(f"{OPTION_OUT[o]} {counts[o]}" for o in ROLL_COUNTED)
        r.warnings.append(f"{r.at(loc)}: no counts: taken from the {len(ve.votes)} individual vote(s) listed "
                          f"({taken}; absent is not counted, since a roll may leave members out)")
    elif "yes" not in counts and ve.votes:
        counts["yes"] = tally.get("yes", 0)
        r.warnings.append(f"{r.at(loc)}: no yes count: taken as the {counts['yes']} individual yes vote(s)")
    if "yes" not in counts:
        raise r.fail((*loc, "counts"), "no count of yes votes and no individual votes")


def _as_counted(counts: dict[str, int], tally: dict[str, int]) -> dict[str, int]:
    """The listed votes by option, those of members who did not vote in an option the counts give no
    number for added to absent (a division that folded them into its absent count lists them as cast)."""
    listed = dict(tally)
    for option in NOT_VOTING:
        if option not in counts and option in listed:
            listed["absent"] = listed.get("absent", 0) + listed.pop(option)
    return listed
