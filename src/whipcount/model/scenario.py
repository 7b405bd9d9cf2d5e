"""A scenario: a chamber, its parties and members, the event log, the motions and what was recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from whipcount.errors import ArgumentError, EventError, InputError
from whipcount.model.arguments import (
    check_count,
    check_date,
    check_instance,
    check_items,
    check_real,
    plain_counts,
    plain_dates,
)
from whipcount.model.chamber import INDEPENDENT, Chamber, ChamberState, Member, Party
from whipcount.model.division import VOTE_OPTIONS as VOTE_OPTIONS  # re-exported: the module that held them
from whipcount.model.division import Adjudication as Adjudication
from whipcount.model.division import Division
from whipcount.model.events import Event
from whipcount.model.frozen import read_only
from whipcount.model.ids import did_you_mean
from whipcount.model.names import folded
from whipcount.model.place import Fields, Place
from whipcount.model.replayer import check_log, history, replay, states_on
from whipcount.model.sources import Source

STANCES: tuple[str, ...] = ("yes", "lean-yes", "undecided", "lean-no", "no", "abstain", "absent")


_TARGET_WORD = {"no-confidence": "against", "constructive-no-confidence": "against", "confidence": "in",
                "investiture": "of", "pm-election": "to succeed"}
"""How a motion of each kind relates to its target: no confidence *against* a government, confidence *in*
it, the investiture *of* one, the election of a head of government *to succeed* one."""


def motion_about(kind: str, target: str | None) -> str:
    """``" against Imran Khan"``, ``" in the Fico government"``: the words after the motion's kind that name
    its target (empty without one)."""
    if not target:
        return ""
    return f" {_TARGET_WORD.get(kind, 'concerning')} {target}"


@dataclass(frozen=True, slots=True)
class Motion:
    """A motion before the chamber: what kind, against or for whom, and its dates. ``round``: 1 for a first
    poll, 2 for a run-off (judged, counted and forecast under the run-off's threshold). ``stances``: the
    whip count of a further motion (the main motion's is :attr:`Scenario.stances`)."""

    kind: str
    target: str | None = None
    successor: str | None = None
    filed: dt.date | None = None
    moved: dt.date | None = None
    vote: dt.date | None = None
    rules: str | None = None
    id: str = ""
    division: Division | None = None
    sources: tuple[Source, ...] = ()
    note: str | None = None
    round: int = 1
    stances: tuple[Stance, ...] = ()
    origin: Fields | None = field(default=None, compare=False, repr=False, metadata={"stored": False})
    """Where the motion's fields were read (``origin.at("kind")``: ``s.yaml:12: motion.kind``), for the errors
    of a command that meets its kind only later; None for one built in code or read back from a database."""

    def __post_init__(self) -> None:
        plain_counts(self, "round")
        plain_dates(self, "filed", "moved", "vote")
        # a division is the vote: its day is the motion's vote day where no other is given, for every reader
        # (a file, an import, a motion built in code)
        if self.vote is None and self.division is not None and self.division.date is not None:
            object.__setattr__(self, "vote", self.division.date)

    @property
    def about(self) -> str:
        """The words after the kind that name the target: ``" against Imran Khan"`` (see :func:`motion_about`)."""
        return motion_about(self.kind, self.target)

    @property
    def label(self) -> str:
        """Its kind, target and successor: ``"pm-election (Friedrich Merz)"``, ``"no-confidence against Imran
        Khan"``."""
        return self.kind + self.about + (f" ({self.successor})" if self.successor else "")

    @property
    def opened(self) -> dt.date | None:
        """The day the motion came into being: its filing, or its moving where no filing is recorded (the
        earlier of the two); None when the file gives neither."""
        days = [d for d in (self.filed, self.moved) if d is not None]
        return min(days) if days else None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the motion had been filed or moved by the end of ``day`` (one with neither date recorded
        exists on every day). The one test of it: the whip count, the forecast, what-if, the charts, the
        report, the dashboard and ``outcome`` all ask it."""
        return self.opened is None or self.opened <= day

    def withdrawn_by(self, event: Event) -> bool:
        """Whether ``event`` withdraws this motion: an event of any kind (the movers' statement, a ruling)
        with ``effect: withdraw``, dated from the motion's filing or moving (any day, for one with neither)
        up to its vote. The one test of it: where the motion stands (``outcome``) and whether it is still
        counted and forecast both ask it."""
        opened = self.opened
        return (event.effect == "withdraw" and (opened is None or event.date >= opened)
                and (self.vote is None or event.date <= self.vote))


@dataclass(frozen=True, slots=True)
class Stance:
    """A whip-count entry: where a party or a member stands on the motion, from ``date`` on and, when ``until``
    is given, up to the day before ``until`` (the first day it no longer holds; from then on the count reads
    the subject as if this entry had never been made)."""

    date: dt.date
    stance: str
    party: str | None = None
    member: str | None = None
    seats: int | None = None
    side: str | None = None
    p_yes: float | None = None
    sources: tuple[Source, ...] = ()
    note: str | None = None
    verified: bool = True
    origin: str | Place | None = None
    until: dt.date | None = None
    office: str | None = None
    """Why these seats cannot vote on the motion, by office (the chair, a deputy who does not vote, a teller):
    only with the stance "absent". No what-if moves them, no pivot counts on them, and the voting-power game
    leaves them out."""

    def __post_init__(self) -> None:
        plain_counts(self, "seats")
        plain_dates(self, "date", "until")

    def holds_on(self, day: dt.date) -> bool:
        """Whether the entry holds on ``day``: from its ``date`` on, and before its ``until`` if it has one."""
        return self.date <= day and (self.until is None or day < self.until)


def checked_stances(stances: Iterable[Stance]) -> list[Stance]:
    """The stances, each checked to be a Stance with dates and counts of the right types (one built in code is
    checked here, as a file's is when it is read): an ArgumentError naming it and the field, not a TypeError
    from a comparison of dates deep inside the whip count."""
    out = list(stances)
    for i, s in enumerate(out):
        check_instance(s, Stance, f"stances[{i}]")
        try:
            _check_fields(s, "")
        except ArgumentError:  # named where it was read only now (a place in a file is found when shown)
            _check_fields(s, f"{s.origin or f'stances[{i}]'}: ")
    return out


def _check_fields(s: Stance, where: str) -> None:
    check_date(s.date, f"{where}date")
    if s.until is not None:
        check_date(s.until, f"{where}until")
    if s.seats is not None:
        check_count(s.seats, f"{where}seats")
    if s.p_yes is not None:
        check_real(s.p_yes, f"{where}p_yes")


@dataclass(frozen=True, slots=True)
class ForecastSettings:
    """How the scenario's forecast is modelled (command-line options override these).

    ``swing``/``party_swing``: standard deviations, on the logit scale, of a shock shared by every
    uncommitted bloc of the chamber / of one party; ``cohesion``: probability that a bloc acts as one;
    ``together``: groups of parties that move together with a probability; ``sims``/``seed``: Monte Carlo.
    """

    swing: float = 0.0
    party_swing: float = 0.0
    cohesion: float | None = None
    together: tuple[tuple[tuple[str, ...], float], ...] = ()
    sims: int | None = None
    seed: int | None = None


@dataclass(frozen=True, slots=True, repr=False)
class Scenario:
    """Everything a scenario file holds, validated and typed.

    Its repr is a one-line summary (the whole case would run to tens of thousands of characters in a
    notebook); every field is still there to read. ``extras`` (what a file holds beyond the model, such as
    its Speaker) is read-only like the rest, and so is every dict and list inside it
    (:func:`~whipcount.model.frozen.read_only`: changing one in place raises ``TypeError``), since the state
    of the chamber, the charts and the report read it: give a changed copy with
    ``dataclasses.replace(scenario, extras={...})``.
    """

    id: str
    title: str
    chamber: Chamber
    parties: tuple[Party, ...]
    events: tuple[Event, ...] = ()
    members: tuple[Member, ...] = ()
    motions: tuple[Motion, ...] = ()
    stances: tuple[Stance, ...] = ()
    stance_probabilities: tuple[tuple[str, float], ...] = ()
    key_dates: tuple[tuple[dt.date, str], ...] = ()
    sources: tuple[Source, ...] = ()
    unverified: tuple[str, ...] = ()
    description: str = ""
    extras: Mapping[str, object] = field(default_factory=dict)
    forecast: ForecastSettings = ForecastSettings()
    constitutions: tuple[tuple[str, str], ...] = ()
    """Constitutions of the user's own that the scenario carries: (id, YAML text), resolved by ``io``."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", read_only(self.extras))  # a copy: the caller's dict stays theirs
        # lists built in code: a list or a generator kept as a tuple (a generator had been a TypeError from len(),
        # text such as parties="red" three parties of one letter), and each item of its type, named if not
        for name, cls in (("parties", Party), ("events", Event), ("members", Member), ("motions", Motion),
                          ("stances", Stance)):
            value = getattr(self, name)
            if type(value) is not tuple or not all(isinstance(v, cls) for v in value):
                article = "an" if cls.__name__[0] in "AEIOU" else "a"
                object.__setattr__(self, name, check_items(value, cls, f"scenario {self.id!r}: {name}",
                                                           f"{article} {cls.__name__}"))

    def __repr__(self) -> str:
        return (f"Scenario(id={self.id!r}, title={self.title!r}, chamber={self.chamber.name!r}, "
                f"seats={self.chamber.seats}, as_of={self.chamber.as_of}, parties={len(self.parties)}, "
                f"events={len(self.events)}, motions={len(self.motions)}, stances={len(self.stances)})")

    @property
    def motion(self) -> Motion | None:
        """The scenario's main motion (the first one)."""
        return self.motions[0] if self.motions else None

    def motion_label(self, motion: Motion) -> str:
        """``motion``'s :attr:`Motion.label`, with its id where another motion of the scenario voted the same
        day reads the same (two ballots of one day: ``"pm-election (Friedrich Merz), motion
        chancellor-first-ballot-2025-05-06"``), so that every command names which one it speaks of."""
        alike = [m for m in self.motions if m.label == motion.label and m.vote == motion.vote]
        return f"{motion.label}, motion {motion.id}" if len(alike) > 1 and motion.id else motion.label

    def for_motion(self, motion_id: str | None) -> Scenario:
        """The scenario seen from one of its motions: that motion first, so that it is the one counted,
        forecast and charted, with its own stances as the whip count (none: every seat takes its side's
        default). ``None`` or the main motion's id: the scenario itself."""
        if motion_id is None or (self.motion is not None and self.motion.id == motion_id):
            return self
        chosen = self._motion_named(motion_id)
        if chosen is self.motion:
            return self
        rest = tuple(m for m in self.motions if m is not chosen)
        return replace(self, motions=(chosen, *rest), stances=chosen.stances)

    def _motion_named(self, name: str) -> Motion:
        """The motion whose id is ``name``, else the one motion of kind ``name`` (as ``outcome --motion`` reads
        a kind); an InputError listing each motion's id and kind where none is, or several are of that kind."""
        chosen = next((m for m in self.motions if m.id == name), None)
        if chosen is not None:
            return chosen
        of_kind = [m for m in self.motions if m.kind == name]
        listed = ", ".join(f"{m.id} ({m.kind}{', vote ' + m.vote.isoformat() if m.vote else ''})"
                           for m in (of_kind or self.motions)) or "none"
        if len(of_kind) == 1:
            return of_kind[0]
        if of_kind:
            raise InputError(f"{self.id}: --motion {name!r}: {len(of_kind)} motions are of that kind ({listed}): "
                             "give the id of one")
        names = sorted({m.kind for m in self.motions} | {m.id for m in self.motions if m.id})
        raise InputError(f"{self.id}: no motion {name!r} of that id or kind (motions: {listed})"
                         f"{did_you_mean(str(name), names)}")

    @property
    def last_date(self) -> dt.date:
        """The last date the log speaks of (the chamber's ``as_of`` if there are no events)."""
        dates = [self.chamber.as_of, *(e.date for e in self.events)]
        for m in self.motions:
            dates += [d for d in (m.filed, m.moved, m.vote) if d]
        return max(dates)

    @property
    def names(self) -> dict[str, str]:
        """What a reader knows each party and member by, under its id: a party's :attr:`~Party.label` (the
        parties a split or merger creates by their names), a member's name; the members who left their party
        for no other as ``Independents``, as the count names them."""
        out = {m.id: m.name for m in self.members}
        if INDEPENDENT in self.party_ids():
            out[INDEPENDENT] = "Independents"
        out.update((e.new_party.id, e.new_party.name) for e in self.events if e.new_party is not None)
        out.update((p.id, p.label) for p in self.parties)
        return out

    def party_id(self, text: str) -> str:
        """The id of the party ``text`` names: its id, else its id, short name or name as typed (ignoring case,
        accents and invisible characters: :func:`~whipcount.model.names.folded`).

        A name no party has comes back as written, for the caller's own error to name; a name two parties
        share is an InputError naming both.
        """
        if any(p.id == text for p in self.parties):
            return text
        typed = folded(text)
        ids = sorted({p.id for p in self.parties
                      if typed in {folded(p.id), folded(p.name), folded(p.short or p.id)}})
        if len(ids) > 1:
            raise InputError(f"{text!r} names more than one party ({', '.join(ids)}): give the party's id")
        return ids[0] if ids else text

    def party_ids(self) -> list[str]:
        """The id of every party the scenario knows, in order: those it starts with, those its events create,
        and ``independent`` once members leave their party for no other."""
        ids = {p.id for p in self.parties} | {e.new_party.id for e in self.events if e.new_party is not None}
        if any(e.kind == "leave-party" and not e.to_party for e in self.events) or any(
                m.party == INDEPENDENT for m in self.members):
            ids.add(INDEPENDENT)
        return sorted(ids)

    def known_party_id(self, text: str) -> str:
        """:meth:`party_id`, refusing a name no party of the scenario has with an InputError that lists them:
        ``unknown party 'xyz' (known: afd, cdu, ...)``, and the nearest when one is close (``; did you mean
        'cdu'?``)."""
        pid = self.party_id(text)
        known = self.party_ids()
        if pid not in known:
            shown = text if len(text) <= 80 else text[:79] + "…"
            hint = did_you_mean(pid, known) if len(text) <= 80 else ""
            raise InputError(f"unknown party {shown!r} (known: {', '.join(known)}){hint}")
        return pid

    def rules_for(self, motion: Motion | None = None) -> str:
        """The rules profile ``motion`` (default: the main motion) is judged under: its own, else the chamber's."""
        m = motion if motion is not None else self.motion
        return (m.rules if m is not None and m.rules else None) or self.chamber.rules

    @property
    def default_date(self) -> dt.date:
        """The date a query means when it gives none: the main motion's vote, else the log's last date."""
        m = self.motion
        if m is not None and m.vote is not None:
            return m.vote
        return self.last_date

    def state(self, on: dt.date | None = None) -> ChamberState:
        """The chamber at the end of ``on`` (default: :attr:`default_date`). A date before ``chamber.as_of``
        has no state: refused naming the scenario, the argument and the first date it can show."""
        day = on or self.default_date
        as_of = self.chamber.as_of
        # anything but two plain dates (a datetime, a string) is for replay to refuse, by name
        if type(day) is dt.date and type(as_of) is dt.date and day < as_of:
            raise EventError(f"scenario {self.id!r}: state(on=...): expected a date on or after {as_of.isoformat()}, "
                             f"the date its seat counts hold (chamber.as_of), got {day.isoformat()}")
        return replay(self.chamber, self.parties, self.events, on=day, members=self.members)

    def states(self, days: Iterable[dt.date]) -> Iterator[ChamberState]:
        """The chamber at the end of each of ``days`` (increasing, none before ``chamber.as_of``), as
        :meth:`state` gives it, the log replayed once for them all."""
        return states_on(self.chamber, self.parties, self.events, days, members=self.members)

    def history(self) -> Iterator[tuple[Event | None, ChamberState]]:
        """The starting state, then the state after each event."""
        return history(self.chamber, self.parties, self.events, members=self.members)

    def check_log(self) -> None:
        """Raise what going through :meth:`history` raises, without building its states."""
        check_log(self.chamber, self.parties, self.events, members=self.members)

    def events_between(self, start: dt.date, end: dt.date) -> list[Event]:
        """Events dated after ``start`` up to and including ``end``, in log order."""
        return [e for e in sorted(self.events, key=lambda e: e.date) if start < e.date <= end]

    def speaker_on(self, on: dt.date) -> dict[str, object] | None:
        """Who presides on ``on``: the chamber's Speaker, as changed by ``presiding-officer`` events that
        name a party (``by`` gives the person; ``role`` is then "Presiding", not "Speaker"). None when the
        scenario records no Speaker."""
        current = self.extras.get("speaker")
        speaker = dict(current) if isinstance(current, dict) else None
        if speaker is not None:
            speaker.setdefault("role", "Speaker")
        for e in sorted(self.events, key=lambda e: e.date):
            if e.date > on:
                break
            if e.kind == "presiding-officer" and e.party is not None:
                speaker = {
                    "name": e.by,
                    "party": e.party,
                    "side": e.to,
                    "source": e.sources[0].url if e.sources else None,
                    "role": "Presiding",  # whoever takes the chair (a deputy, a panel member), not the Speaker
                }
        return speaker
