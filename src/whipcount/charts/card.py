"""A seat chart laid out for a card of fixed size (the ``social`` preset, 1200 x 675 pixels), so that on the
card no text is under :data:`LEAST_PX` pixels.

The card shows a chart at ``min(1152 / width, 627 / height)`` pixels a unit (24 pixels of margin all round),
so a chart whose smallest text is 11 units must be at most :func:`card_box` (1267 x 690 units) for that text
to come out at 10 pixels or more. A tall legend beside the seats, or long notes under them, would make the
chart taller than that and the card would shrink every text. :func:`plan_card` lays the chart out for the box
instead, trying in turn, and taking the first that fits:

1. the legend in as few columns beside the seats as its entries need, the seats scaled down (to half their
   size at least) to make room for them;
2. the same with the notes on colours shortened to one sentence (the SVG chart keeps them in full);
3. the parties with the fewest seats drawn in one grey, as few as fit, with an entry for each side that loses
   any ("5 others"), so that the side's heading still counts the entries under it; the notes name the first
   few of them ("Others: A, B, C and 5 more") and the description every one.

What 2 and 3 leave out is said in a :class:`CardFitWarning`, which the command line prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from whipcount.charts.legend import COLUMN_GAP, LegendEntry, flow_columns, stacked_width
from whipcount.charts.partycolours import OTHERS_COLOUR

__all__ = ["CARDS", "CARD_MARGIN", "LEAST_PX", "CardFitWarning", "CardPlan", "card_box", "card_scale", "merged_note",
           "plan_card"]

#: Named card sizes in pixels (width, height).
CARDS: dict[str, tuple[int, int]] = {"social": (1200, 675)}
#: The white margin round the chart on a card, in pixels.
CARD_MARGIN = 24.0
#: The least size of a text on a card, in pixels.
LEAST_PX = 10.0
#: The least scale of the seats beside a legend in columns.
_LEAST_SEATS = 0.5
_CARD_OTHERS = "card-others"

Legend = list[tuple[str, list[LegendEntry]]]


class CardFitWarning(UserWarning):
    """A card leaves something out (or shows a text under :data:`LEAST_PX` pixels) to keep its text
    readable: the message says what. The command line prints it as a warning."""


def card_scale(width: float, height: float, preset: str = "social") -> float:
    """Pixels a unit at which a card of ``preset`` shows a chart ``width`` x ``height`` units: as large as fits
    within its margins."""
    w, h = CARDS[preset]
    return min((w - 2 * CARD_MARGIN) / width, (h - 2 * CARD_MARGIN) / height)


def card_box(smallest: float, preset: str = "social") -> tuple[float, float]:
    """The largest chart (width, height in units) a card of ``preset`` shows with its ``smallest`` text at
    :data:`LEAST_PX` pixels or more."""
    w, h = CARDS[preset]
    return (w - 2 * CARD_MARGIN) * smallest / LEAST_PX, (h - 2 * CARD_MARGIN) * smallest / LEAST_PX


@dataclass(frozen=True, slots=True)
class CardPlan:
    """How a seat chart is laid out for a card: the picture's width, the seats' scale, the legend (with the
    entries drawn together, if any) flowed in columns no taller than ``legend_height``, the notes, and what
    was left out (``merged``: the labels drawn as one entry; ``short``: the colour notes shortened)."""

    width: float
    k: float
    legend: Legend
    legend_height: float
    notes: list[str]
    merged: tuple[str, ...] = ()
    merged_keys: frozenset[str] = frozenset()
    short: bool = False

    def read_out(self) -> list[str]:
        """The notes as the description reads them: the parties drawn together named, every one."""
        short = merged_note(self.merged) if self.merged else None
        return [merged_note(self.merged, every=True) if note == short else note for note in self.notes]

    def warning(self) -> str | None:
        """What the card leaves out, in words, or ``None``."""
        said = []
        if self.merged:
            said.append(f"draws the {len(self.merged)} parties with the fewest seats in one grey, an entry "
                        f"'N others' for each side: {', '.join(self.merged)}")
        if self.short:
            said.append("shortens the notes on colours to one sentence (the SVG chart has them in full)")
        if not said:
            return None
        return "social card: to keep every text at 10 pixels or more, it " + "; it ".join(said)


@dataclass(frozen=True, slots=True)
class CardMeasure:
    """What :func:`plan_card` needs to know of the chart: the seats' size at scale 1 (width, height), the
    room above them for the lines' labels, the height of the heading and of the notes and credit at a
    width, and the notes of a legend (``short``: the colour notes in one sentence)."""

    seats: tuple[float, float]
    headroom: float
    heading: Callable[[float], float]
    foot: Callable[[Sequence[str], float], float]
    notes: Callable[[Legend, bool], list[str]]


def plan_card(legend: Legend, m: CardMeasure, box: tuple[float, float]) -> CardPlan:
    """The first layout that fits ``box`` (see the module docstring), or, when none does, the most compact
    one (its :meth:`CardPlan.warning` then says that the text will be small)."""
    entries = [e for _, group in legend for e in group if not e.vacant]
    last: CardPlan | None = None
    for keep in range(len(entries), 0, -1):
        shown, merged, keys = _merge(legend, entries, keep)
        for short in (False, True) if keep == len(entries) else (True,):  # notes shortened before any merge
            notes = m.notes(shown, short) + ([merged_note(merged)] if merged else [])
            plan, fits = _columns(shown, notes, m, box)
            last = replace(plan, merged=merged, merged_keys=keys, short=short)
            if fits:
                return last
    assert last is not None or not entries
    return last or CardPlan(stacked_width(legend), 1.0, legend, box[1], m.notes(legend, False))


def _columns(legend: Legend, notes: list[str], m: CardMeasure, box: tuple[float, float]) -> tuple[CardPlan, bool]:
    """The legend in as few columns as fit beside the seats in ``box``, and whether they do."""
    col_w = stacked_width(legend)
    seats_w, seats_h = m.seats
    plan = None
    for ncols in range(1, 1 + sum(len(g) for _, g in legend)):
        legend_w = ncols * col_w + (ncols - 1) * COLUMN_GAP
        k = min(1.0, (box[0] - 36 - legend_w) / seats_w)
        if k < _LEAST_SEATS and plan is not None:
            break
        k = max(k, _LEAST_SEATS)
        width = seats_w * k + 24 + legend_w + 12
        top = m.heading(width) + m.headroom + 10
        room = box[1] - top - m.foot(notes, width) - 20
        columns = flow_columns(legend, max(room, 40.0))
        tallest = max(sum(it[3] for it in col) for col in columns)
        plan = CardPlan(width, k, legend, max(room, 40.0), notes)
        height = top + max(seats_h * k + 6, tallest) + m.foot(notes, width) + 20
        if len(columns) <= ncols and width <= box[0] and height <= box[1]:
            return replace(plan, legend_height=_balanced(legend, plan.legend_height, len(columns))), True
    assert plan is not None
    return plan, False


def _balanced(legend: Legend, height: float, ncols: int) -> float:
    """The least column height, down from ``height``, that keeps the legend in ``ncols`` columns: columns of
    even length instead of full ones and a last one of a single entry."""
    lo, hi = 0.0, height
    while hi - lo > 1:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if len(flow_columns(legend, mid)) <= ncols else (mid, hi)
    return hi


def _merge(legend: Legend, entries: list[LegendEntry], keep: int) -> tuple[Legend, tuple[str, ...], frozenset[str]]:
    """The legend with all but the ``keep`` entries of the most seats drawn together, one grey entry, "N others",
    at the end of each side's group that loses any (parties the colour plan already drew together are among
    them), so that a side's heading still counts the entries under it; the labels and keys drawn together."""
    if keep >= len(entries):
        return legend, (), frozenset()
    ranked = sorted(entries, key=lambda e: (bool(e.members), -e.count))
    kept = {id(e) for e in ranked[:keep]}
    shown: Legend = []
    labels: list[str] = []
    for i, (head, group) in enumerate(legend):
        gone = [e for e in group if id(e) not in kept and not e.vacant]
        mine = list(dict.fromkeys(m for e in gone for m in (e.members or (e.label,))))
        labels += mine
        others = [LegendEntry(f"{_CARD_OTHERS}-{i}", f"{len(mine)} others", OTHERS_COLOUR, sum(e.count for e in gone),
                              group=group[0].group)] if gone else []
        rest = [e for e in group if id(e) in kept or e.vacant]
        if rest or others:
            shown.append((head, [*rest, *others]))
    gone_keys = frozenset(e.key for e in entries if id(e) not in kept)
    return shown, tuple(dict.fromkeys(labels)), gone_keys


#: How long the names in the card's line on the parties drawn together may run (characters) before the
#: rest are counted ("and 5 more"): the line is for the card's foot, one or two lines.
_NAMED = 90
_NAMED_AT_MOST = 3


def merged_note(names: Sequence[str], *, every: bool = False) -> str:
    """The note on the parties drawn together in grey to fit the card: the first few of ``names`` (three
    at most, within :data:`_NAMED` characters, one always) and a count of the rest; ``every``: all of them
    (for the description read out in place of the picture)."""
    shown: list[str] = []
    for name in names:
        if not every and shown and (len(shown) == _NAMED_AT_MOST or len(", ".join([*shown, name])) > _NAMED):
            break
        shown.append(name)
    rest = len(names) - len(shown)
    said = (f"{', '.join(shown)} and {rest} more" if rest else
            f"{', '.join(shown[:-1])} and {shown[-1]}" if len(shown) > 1 else shown[0])
    return f"Others: {said}, drawn in one grey to fit the card."
