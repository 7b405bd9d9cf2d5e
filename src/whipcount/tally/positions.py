"""What a whip count is: its positions (seats that stand together on the motion) and the count itself, with
the magic number, the margin and who could supply what is missing (built by :mod:`whipcount.tally.count`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from whipcount.model import Crossing, Source
from whipcount.model.place import Place
from whipcount.tally.passing import PassRule

DEFAULT_STANCE_PROBABILITIES: dict[str, float] = {
    "yes": 0.98,
    "lean-yes": 0.75,
    "undecided": 0.5,
    "lean-no": 0.25,
    "no": 0.01,
    "abstain": 0.0,
    "absent": 0.0,
}
"""Probability that a member with this stance votes yes (see :mod:`whipcount.tally.model`'s docstring)."""

__all__ = ["AGAINST_FIRST", "CrossedVotes", "Position", "WhipCount"]

AGAINST_FIRST: tuple[str, ...] = ("yes", "lean-yes", "undecided", "lean-no", "no", "abstain", "absent")
"""Stances in the order a count lists them."""


@dataclass(frozen=True, slots=True)
class Position:
    """Seats that stand together on the motion: a party on one side, a part of it, or one member."""

    key: str
    label: str
    party: str
    side: str
    seats: int
    stance: str
    p_yes: float | None = None
    default: bool = False
    date: dt.date | None = None
    sources: tuple[Source, ...] = ()
    origin: str | Place | None = None
    note: str | None = None
    member: str | None = None
    verified: bool = True
    until: dt.date | None = None
    """The first day the stance recorded no longer holds, if it ends (:attr:`Stance.until`)."""
    office: str | None = None
    """Why these seats cannot vote, by office (the chair, a deputy, a teller: :attr:`Stance.office`): no what-if
    moves them and no count or pivot looks to them for votes."""
    seat_labels: tuple[str, ...] = ()
    """Independents' seats one by one (each is a bloc of its own in the forecast), by the members who hold them
    as far as the scenario names them, sorted by member id as :func:`whipcount.power.chamber.players` names
    them ("Ind.: Ali Wazir"), the seats past the names by number ("Ind. 4")."""
    not_counted: str | None = None
    """Why some of these seats' votes do not count: members of a party (crossed the floor or not) who may vote
    against its direction where the defection rule of the day says such votes are not counted. A firm stance
    against it is then ``abstain`` (present, no vote counted); no what-if moves crossed members
    (:mod:`whipcount.tally.crossed`)."""
    counts_only: str | None = None
    """Of such seats whose stance only leans against the party's direction (or is undecided), or goes with it,
    which keep it: the one vote of theirs that still counts, the party's line (``yes`` or ``no``); the other is
    not counted (present, not voting). None for every other position."""
    uncounted: Position | None = None
    """The seats as they stand before the rule sets their votes apart (their own stance), for a what-if to
    count them again once their party's direction comes their way."""
    holds_direction: bool = False
    """Of such seats, the party's largest position on its own side, whose stance is the party's direction: a
    pivot may switch it (the party's direction with it), where it switches no other seats set apart."""

    @property
    def yes_as_a_whole(self) -> bool:
        """Whether these seats supply a yes only all together: the party's largest position whose yes the
        defection rule sets apart, which counts only as the party's direction changed (one member's yes is not
        counted)."""
        return self.not_counted is not None and self.holds_direction and self.counts_only != "yes"

    @property
    def why(self) -> str:
        """Where the stance comes from, in a few words."""
        if self.default:
            return f"default: {self.side} on this motion"
        first = self.sources[0].url if self.sources else "no source given"
        ends = f" (until {self.until.isoformat()})" if self.until else ""
        return f"{self.date.isoformat() if self.date else ''}{ends} {first}".strip()


@dataclass(frozen=True, slots=True)
class CrossedVotes:
    """Members who crossed the floor and vote against their party's direction on the motion, and whether the
    defection rule of the day counts their votes (``article``, ``url``: its source; ``note``: what it says)."""

    seats: int
    members: tuple[str, ...]
    direction: str | None
    """How the votes against the party's direction of the crossed seats (and of the seats a what-if moved
    against the rest of their party) go: ``for``, ``against`` or ``for or against`` the motion; None where no
    such seats may vote against it (only members who did not cross: :attr:`not_crossed_direction`)."""
    counted: bool
    article: str
    url: str | None
    note: str
    words: str
    leaning: int = 0
    """Of ``seats`` and the seats a what-if moved against the rest of their party, those whose stance only
    leans against the party's direction or is undecided, where that direction is to vote yes or no: they keep
    it, and where the rule does not count such votes only a vote of theirs with the party's direction counts.
    Where the direction is not to vote, no vote of theirs counts and none is among them."""
    with_party: int = 0
    """Crossed seats besides ``seats`` whose stance goes with the party's direction but may still vote against
    it (``lean-yes`` where the party is for the motion; ``lean-no`` or ``no`` where it is against): where the rule
    does not count such votes, that chance is set apart as well, and their vote with the party counts."""
    not_crossed: int = 0
    """Members of the parties who did not cross the floor (on their party's own side) whose stance goes against
    its direction, or who hold it but may still vote the other way (a party leaning no: a yes; a party not to
    vote: any vote), where the rule does not count such votes: their vote against it is set apart too."""
    not_crossed_direction: str | None = None
    """How the votes against their party's direction of the :attr:`not_crossed` members go (as
    :attr:`direction`); None where there are none."""

    def as_dict(self) -> dict[str, object]:
        """The record as ``--json`` gives it."""
        return {"seats": self.seats, "members": list(self.members), "votes": self.direction,
                "leaning": self.leaning, "with_party": self.with_party, "not_crossed": self.not_crossed,
                "not_crossed_votes": self.not_crossed_direction, "counted": self.counted,
                "rule": self.article, "url": self.url, "note": self.note, "explanation": self.words}


@dataclass(frozen=True, slots=True)
class WhipCount:
    """The whip count on ``date`` for a motion of ``kind``, under ``rule``."""

    date: dt.date
    kind: str
    rule: PassRule
    seats: int
    vacancies: int
    positions: tuple[Position, ...]
    probabilities: tuple[tuple[str, float], ...] = ()
    notes: tuple[str, ...] = field(default=())
    crossed: CrossedVotes | None = None
    """The votes of members who crossed the floor under the defection rule of the day, where any crossed."""
    crossings: tuple[Crossing, ...] = ()
    """The seats that crossed the floor by that day (:attr:`whipcount.model.ChamberState.crossed`)."""

    def __repr__(self) -> str:
        # one line for a notebook (the dataclass repr of the bundled case ran to 16,572 characters); it never
        # raises, even for a count the model would refuse (a stance by_stance does not know)
        stances: dict[str, int] = {}
        for p in self.positions:
            stances[p.stance] = stances.get(p.stance, 0) + p.seats
        try:
            need: int | None = self.needed  # on a turnout basis: if everyone not absent votes
        except (KeyError, TypeError, ValueError, AssertionError):
            need = None
        return (f"WhipCount(date={self.date}, kind={self.kind!r}, seats={self.seats}, vacancies={self.vacancies}, "
                f"needed={need}, basis={self.rule.basis!r}, by_stance={stances}, "
                f"positions={len(self.positions)})")

    @property
    def own_notes(self) -> tuple[str, ...]:
        """The count's notes but the rule's own (which end the bar's words): the chair taken out of the vote, a
        stance that lapsed, sides of the chamber's own names read as undecided. Every command that shows the
        count's bar says these too."""
        return tuple(n for n in self.notes if n not in self.rule.notes)

    def by_stance(self) -> dict[str, int]:
        """Seats per stance, every stance listed (zeros included), in :data:`AGAINST_FIRST` order."""
        out = dict.fromkeys(AGAINST_FIRST, 0)
        for p in self.positions:
            out[p.stance] += p.seats
        return out

    def yes_set_apart(self) -> int:
        """Seats leaning yes whose yes the defection rule does not count (members who crossed the floor from a
        party against the motion, :mod:`whipcount.tally.crossed`): in :meth:`by_stance`'s ``lean-yes`` by
        their stance, but no source of a yes."""
        return sum(p.seats for p in self.positions
                   if p.stance == "lean-yes" and p.not_counted is not None and p.counts_only != "yes")

    @property
    def seats_held(self) -> int:
        """Seats with a sitting member (the sum of every position)."""
        return sum(p.seats for p in self.positions)

    @property
    def needed(self) -> int:
        """The magic number: yes votes needed (on a turnout basis: if everyone not absent votes); under a
        negative threshold (the motion stands unless the noes reach a bar), the noes that reject it."""
        if self.rule.depends_on_turnout:
            # nothing is carried (or, under a negative threshold, rejected) without one vote for it: 0 of
            # 0 votes is no share, whatever a bar of 0 says
            return max(1, self.rule.bar(self.voting))
        assert self.rule.count is not None
        return self.rule.count

    @property
    def present(self) -> int:
        """Seats whose members are expected in the chamber: every seat held but the absent ones (abstainers
        are present, and count toward a quorum)."""
        return self.seats_held - self.by_stance()["absent"]

    @property
    def voting(self) -> int:
        """The seats the basis counts when everyone expected votes: every seat held but the absent ones and,
        unless the basis is the members present (where an abstention counts against), the abstainers."""
        return self.present - (0 if self.rule.counts_abstentions else self.by_stance()["abstain"])

    @property
    def others(self) -> int:
        """Seats neither committed yes, committed no, abstaining nor absent: those whose votes are still open."""
        by = self.by_stance()
        return self.present - by["yes"] - by["no"] - by["abstain"]

    def carried_as_committed(self) -> bool | None:
        """On a turnout basis, whether the committed votes alone carry the motion (everyone else staying
        out, so the committed alone must make the quorum); None on a fixed basis, where :attr:`short` says
        it."""
        if not self.rule.depends_on_turnout:
            return None
        by = self.by_stance()
        return self.rule.passes_one(by["yes"], by["no"], by["abstain"])

    @property
    def quorum_short(self) -> int:
        """How many members short of the rule's quorum the chamber is when everyone not absent turns up
        (0 when the quorum can be met, or the rule has none): above 0, no division can be valid."""
        return max(0, self.rule.quorum - self.present)

    def needed_words(self) -> str:
        """``"172: 172 of 342: a majority of the total membership ..."``, or on a turnout basis
        ``"233 if all 465 members vote: a majority of the votes cast, ..."``; under a negative threshold
        ``"the noes reach 175: rejected only if 175 of 349 vote against ..."`` (the motion stands unless...)."""
        head = f"the noes reach {self.needed}" if self.rule.negative else f"{self.needed}"
        if not self.rule.depends_on_turnout:
            return f"{head}: {self.rule.describe()}"
        by = self.by_stance()
        away = ["absent"] if by["absent"] else []
        if by["abstain"] and not self.rule.counts_abstentions:
            away.append("abstaining")
        # on the members present, the abstainers are in the basis without voting: they attend, and count against
        verb, among = ("attend", f" ({by['abstain']} of them abstaining)") if (
            by["abstain"] and self.rule.counts_abstentions) else ("vote", "")
        if self.voting == 1:  # one member: "the 1 member votes", never "all 1 members vote"
            who = f"the 1 member {'not ' + ' or '.join(away) + ' ' if away else ''}{verb}s"
        elif self.voting == 2:  # "both members vote", never "all 2 members vote"
            who = f"both members {'not ' + ' or '.join(away) + ' ' if away else ''}{verb}"
        else:
            who = (f"all {self.voting} members {verb}" if not away
                   else f"the {self.voting} members not {' or '.join(away)} all {verb}")
        return f"{head} if {who}{among}{self.rule.tie_words(self.voting)}: {self.rule.describe()}"

    @property
    def committed_yes(self) -> int:
        """Seats whose stance is ``yes``."""
        return self.by_stance()["yes"]

    @property
    def short(self) -> int:
        """How many more yes votes the motion needs beyond its committed ones (0 when it has enough). Under
        a negative threshold no yes vote is needed: the motion stands unless the noes reach the bar, so this
        is how many of those who may vote against (committed noes and every open vote) must vote yes or stay
        away instead (0 when the noes cannot reach the bar)."""
        if self.rule.negative:
            return max(0, self.by_stance()["no"] + self.others - (self.needed - 1))
        return max(0, self.needed - self.committed_yes)

    def suppliers(self) -> list[Position]:
        """Positions that could supply the missing votes, likeliest first: by the probability of a yes the
        forecast gives them (an entry's ``p_yes``, else the scenario's probability for the stance, else
        :data:`DEFAULT_STANCE_PROBABILITIES`: leaning yes, undecided, leaning no, committed no, then abstaining
        and absent), then by stance in that order, then largest first; never seats that cannot vote by office
        (the chair, who votes only in a tie, deputies, tellers), nor seats whose yes the defection rule does not
        count (but a party's largest position, whose yes as a whole is the party's direction changed)."""
        order = {"lean-yes": 0,  # equivalent mutant "0 -> -1": still first
                 "undecided": 1, "lean-no": 2, "no": 3, "abstain": 4,
                 "absent": 5}  # equivalent mutant "5 -> 6": still last
        pool = [p for p in self.positions if p.stance in order and p.office is None
                and (p.not_counted is None or p.counts_only == "yes" or p.holds_direction)]  # a yes with the party
        return sorted(pool, key=lambda p: (-self.p_yes_of(p), order[p.stance], -p.seats, p.label))

    def p_yes_of(self, p: Position) -> float:
        """The probability that a member of ``p`` votes yes, as the forecast reads it."""
        if p.p_yes is not None:
            return p.p_yes
        return dict(self.probabilities).get(p.stance, DEFAULT_STANCE_PROBABILITIES.get(p.stance, 0.0))

    def suppliers_needed(self) -> list[Position]:
        """Few positions, taken in :meth:`suppliers` order, that would make up :attr:`short`: among the
        likeliest left (one probability of a yes, one stance), the smallest position that alone closes what is
        left of the gap, else the largest, and on. So the Commons of 16 January 2019, ten short, names the
        DUP's ten (who "would have carried it 316 to 315"), not the Conservatives' 314.

        On a turnout basis members counted absent (or abstaining, where an abstention is not counted) who come
        to vote yes add to the votes cast as well as to the yes, so the bar rises with them (of 631 votes 316
        are needed; with 11 absent members voting yes, 322 of 642): the walk goes on until the yes reach the
        bar of the larger turnout."""
        out: list[Position] = []
        got = came = 0
        pool = self.suppliers()
        tier_of = {p.key: (self.p_yes_of(p), p.stance) for p in pool}  # keys are unique in a count
        while pool and not self._gap_closed(got, came):
            tier = [p for p in pool if tier_of[p.key] == tier_of[pool[0].key]]  # largest first
            closers = [p for p in tier if self._gap_closed(got + p.seats, came + self._coming(p))]
            chosen = min(closers, key=lambda p: (p.seats, p.label)) if closers else tier[0]
            out.append(chosen)
            pool.remove(chosen)
            got += chosen.seats
            came += self._coming(chosen)
        return out

    def _gap_closed(self, got: int, came: int) -> bool:
        """Whether ``got`` more yes votes, ``came`` of them from members counted absent, make up the gap."""
        if self.rule.negative or not self.rule.depends_on_turnout or not came:
            return got >= self.short
        return self.committed_yes + got >= max(1, self.rule.bar(self.voting + came))

    def _coming(self, p: Position) -> int:
        """The votes ``p`` adds to the basis by voting yes: its seats when counted absent, or abstaining where
        an abstention is not counted, else none."""
        outside = p.stance == "absent" or (p.stance == "abstain" and not self.rule.counts_abstentions)
        return p.seats if outside else 0
