"""The columns of ``count``, ``forecast`` and ``outcome --format csv``, fixed whatever the date.

Their JSON changes shape with where the motion stands (a count before the vote, a recorded result after
it, a status before a motion is judged), and a field is ``null`` on one day and an object the next
(``recorded``, ``timing``, ``adjudicated``): flattened as they come, the CSVs of two days would have
different columns. Each command's CSV has instead every column it can have, in one order; a cell the day
does not fill is empty. A column ending in ``_*`` stands for a group found in the rows (the seats per side,
``sides_government`` ..., in the chamber's order), the chamber's default sides where no row gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whipcount.model import DEFAULT_SIDES

#: A judged division (``Outcome.to_dict``, its ``source`` flattened), as ``recorded``, ``outcome``,
#: ``declared`` and ``adjudicated`` give it.
OUTCOME = ("passed", "needed", "basis", "vacancies_counted", "vacancies_verified", "votes_recorded", "motion", "rules",
           "explanation", "elected", "yes", "no", "abstain", "absent", "counted_yes", "seats", "vacancies", "on",
           "reject_at", "tie", "quorum", "quorum_met", "round", "next_step", "effect", "source_article", "source_url",
           "notes", "present_not_voting", "invalid", "defectors")


def under(prefix: str, keys: Sequence[str]) -> tuple[str, ...]:
    """``keys`` as the columns of a nested object ``prefix``."""
    return tuple(f"{prefix}_{k}" for k in keys)


PHASE_KEYS = ("status", "text", "recorded")
"""Where the motion stands: what ``count`` and ``forecast`` print alone on a day it is not pending."""

PHASE = ("motion_status_status", "motion_status_text", *under("motion_status_recorded", OUTCOME))

COUNT = ("scenario", "date", "motion", "seats", "vacancies", "needed", "reject_at", "basis", "vacancies_counted",
         "vacancies_verified", "votes_recorded", "explanation", "committed_yes", "lean_yes", "undecided", "lean_no",
         "committed_no", "abstain", "absent", "short", "voting", "present", "carried_as_committed", "quorum",
         "quorum_short", "suppliers", "could_supply",
         *under("crossed", ("seats", "members", "votes", "leaning", "with_party", "not_crossed", "not_crossed_votes",
                            "counted", "rule", "url", "note", "explanation")), "notes",
         *PHASE, "key", "label", "party", "side",
         "position_seats", "stance", "default", "position_date", "member", "p_yes", "sources", "origin", "note",
         "verified", "until", "office")

FORECAST = ("scenario", "date", "motion", "p_pass", "needed", "basis", "vacancies_counted", "vacancies_verified",
            "votes_recorded", "median", "interval", "mean_yes", "method", "method_reason", "sims", "stderr", "swing",
            "party_swing", "pivotal", "reject_at", "explanation", "committed_yes", "quorum", "quorum_short", "seed",
            "notes", *PHASE)

MOTION = ("scenario", "on", "id", "kind", "target", "successor", "vote",
          *under("outcome", OUTCOME), "outcome_division_verified", *under("declared", OUTCOME),
          *under("adjudicated", OUTCOME),
          *under("adjudicated_decision", ("date", "by", "summary", "excluded", "sources", "note")),
          *under("timing", ("within_window", "earliest", "latest", "text")),
          *under("status", ("rules", "motion", "on", "state", "pending", "since", "by", "summary", "steps",
                            "deadlines", "bars", "notes")),
          *under("needed", ("count", "basis", "vacancies_counted", "vacancies_verified", "explanation", "reject_at")),
          "sides_*", "no_division")
"""``outcome SCENARIO``: one row per motion, judged (``outcome``, ``declared``, ``adjudicated``, ``timing``)
or not yet (``status``, ``needed``, ``sides``)."""


MARGIN_SIDES = ("government", "opposition")
"""The sides a margin over the number needed is given for: ``other`` gathers the parties on neither side
(abstainers, parties voting each their own way), not a bloc that could reach the number, so a margin of its
seats over the number needed (Romania 2009: 18 - 236 = -218) would say nothing true."""

COMPARE = ("compared", "scenario", "title", "date", "chamber", "rules", "seats", "vacancies", "seats_held",
           "needed", "reject_at", "basis", "vacancies_counted", "vacancies_verified", "explanation", "notes", "sides_*",
           "counted_*", *under("margins", MARGIN_SIDES), "unverified_events",
           *under("motion", ("kind", "target", "successor", "filed", "vote")), *under("outcome", OUTCOME),
           "id", "name", "short", "party_seats", "side", "by_side_*", "verified")
"""``compare A [B] --format csv``: one row per party of each side of the comparison (``compared``: ``A`` or
``B``), each with its side's figures, the main motion and, once voted, its outcome; the same columns on any
two dates (the sides of both chambers, then any other a row has)."""


def nest_phase(obj: dict[str, Any]) -> dict[str, Any]:
    """The object ``count`` or ``forecast`` prints on a day the motion is not pending (``status``, ``text``,
    ``recorded`` beside the scenario and date) with those under ``motion_status``, as a count has them."""
    if "motion_status" in obj or "status" not in obj:
        return obj
    rest = {k: v for k, v in obj.items() if k not in PHASE_KEYS}
    return {**rest, "motion_status": {k: obj.get(k) for k in PHASE_KEYS}}


def header(fixed: Sequence[str], rows: list[dict[str, Any]], sides: Sequence[str] = DEFAULT_SIDES) -> list[str]:
    """The columns of a CSV: ``fixed``, then any column the rows have that it does not name, so that nothing
    is dropped. A ``_*`` group is one column per side of ``sides`` (the chamber's, in its order) whether or
    not the day's rows fill it, then any other the rows have: a day with no motion pending has the same
    columns as one with. An empty column that stands for an object left out that day (``recorded`` where
    ``recorded_passed`` ... are named) is left out."""
    seen = dict.fromkeys(k for r in rows for k in r)
    out: list[str] = []
    for column in fixed:
        if column.endswith("_*"):
            prefix = column[:-1]
            group = under(prefix[:-1], sides)
            out += [*group, *(k for k in seen if k.startswith(prefix) and k not in group)]
        else:
            out.append(column)
    named = set(out)

    def left_out(k: str) -> bool:
        return all(r.get(k) in (None, "") for r in rows) and any(c.startswith(f"{k}_") for c in out)

    return out + [k for k in seen if k not in named and not left_out(k)]
