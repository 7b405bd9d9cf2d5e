"""``whipcount new``: a small, valid, commented scenario to start your own case from."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
from pathlib import Path

import click

from whipcount.cli.app import STDOUT, cli, console, parse_date, write_output
from whipcount.errors import InputError
from whipcount.io.outfile import check_writable
from whipcount.io.resolve import rules_option
from whipcount.io.rules_ref import looks_like_path
from whipcount.rules import Constitution, get_constitution
from whipcount.rules.core import MotionRule

TEMPLATE = """\
# A scenario for whipcount: replace every value marked EXAMPLE with your own, each with its source.
# Check it with `whipcount tally {path}`; the format is in the README ("The scenario file") and
# `whipcount schema scenario`.
id: my-case
title: {title}
chamber:
  name: {chamber}
  rules: {rules}               # a built-in profile (`whipcount rules list`) or your own constitution file
  seats: {seats}                 # {seats_note}
  vacancies: 0
  as_of: {as_of}           # the date the party seats below hold on
  sides: [government, opposition, other]
parties:                       # EXAMPLE parties: their seats on as_of must add up to seats less vacancies
  - {{id: party-a, name: Party A, short: A, seats: {gov}, side: government, source: "https://example.org/EXAMPLE"}}
  - {{id: party-b, name: Party B, short: B, seats: {opp}, side: opposition, source: "https://example.org/EXAMPLE"}}
  - {{id: party-c, name: Party C, short: C, seats: {other}, side: other, verified: false,
     note: "EXAMPLE of a figure not yet confirmed: shown with a dagger"}}
events:                        # dated changes, each with a source, in date order
  - {{date: {event}, kind: switch-side, party: party-c, seats: {moved}, to: opposition,
     summary: "EXAMPLE: part of Party C joins the opposition", source: "https://example.org/EXAMPLE"}}
motion:                        # the motion being counted
  kind: {kind}
  target: "EXAMPLE: the head of government"
  filed: {filed}
  vote: {vote}
stances: []                    # the whip count: {{date, party or member, stance, seats?, until?, office?, source}}
key_dates: [{{date: {filed}, label: motion filed}}]
unverified: ["EXAMPLE: what could not be confirmed, in words"]
"""


_PLAIN = re.compile(r"[^\W_][\w .,'()/-]*[^\W_]|[^\W_]")
"""Text safe to write unquoted in the template: letters and digits first and last, no ': ', ' #' or quotes."""


def _scalar(text: str) -> str:
    """``text`` as a YAML value that reads back as that text: plain when it can be, else double-quoted
    (JSON's quoting is YAML's)."""
    import yaml

    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:  # not a number, a date or a yes
        return text
    return json.dumps(text, ensure_ascii=False)


def rules_reference(ref: str, output: str) -> str:
    """What the scenario's ``rules:`` says: a profile's id as given; a constitution file's path (given
    relative to the current folder) relative to the folder of the file written, where the scenario reads
    it from (a scenario on standard output: as given)."""
    if not looks_like_path(ref) or output == STDOUT or os.path.isabs(ref):
        return ref
    folder = os.path.dirname(os.path.realpath(output))  # the scenario reads its rules from its real folder
    here = os.path.join(os.path.realpath(os.path.dirname(ref) or "."), os.path.basename(ref))
    try:
        return Path(os.path.relpath(here, folder)).as_posix()
    except ValueError:  # another drive: no relative path
        return here


def template(rules_id: str, path: str, today: dt.date, *, rules_ref: str | None = None) -> str:
    """The starting scenario for a chamber under ``rules_id`` (a registered profile), dated around ``today``;
    ``rules_ref`` is what its ``rules:`` says (default: the id)."""
    c = get_constitution(rules_id)
    held = _vote_day(c, today)
    day = today if held is None else held
    period = c.seats_on(day) or c.seats_on(None)
    seats = period.seats if period else 101
    in_force = [m.kind for m in c.motions if m.in_force(day)]
    kind = next((k for k in ("no-confidence", "constructive-no-confidence", "confidence", "investiture",
                             "pm-election") if k in in_force), in_force[0])
    gov = seats // 2 - 2
    other = min(10, seats - gov) // 2 or 1
    opp = seats - gov - other
    days = _days_to_vote(c.motion(kind, day))
    filed = today - dt.timedelta(days=5) if held is None else held - dt.timedelta(days=days)
    as_of = filed - dt.timedelta(days=25)
    what = kind.replace("-", " ")
    return _fill(TEMPLATE, dict(
        path=shlex.quote(path) if path.isprintable() else "my-case.yaml", chamber=_scalar(c.name),
        title=_scalar(f"EXAMPLE: {'an' if what[0] in 'aeiou' else 'a'} {what} vote in the {c.name}"),
        rules=_scalar(rules_ref or rules_id), seats=seats, as_of=as_of.isoformat(), gov=gov, opp=opp,
        seats_note="the chamber's size on the as_of date" if period else
        "EXAMPLE: the chamber's size on the as_of date (the rules give none)",
        other=other, moved=max(1, other // 2), event=_event_day(as_of, filed, days).isoformat(), kind=kind,
        filed=filed.isoformat(), vote=(filed + dt.timedelta(days=days)).isoformat(),
    ))


def _event_day(as_of: dt.date, filed: dt.date, days: int) -> dt.date:
    """The example's side switch: the day after the filing, inside the motion's window that a timeline chart
    shows by default (so that the example's own chart shows the seats move), where the vote is two days or
    more after it; else ten days after ``as_of``."""
    return filed + dt.timedelta(days=1) if days >= 2 else as_of + dt.timedelta(days=10)


def _vote_day(c: Constitution, today: dt.date) -> dt.date | None:
    """None when a rule of ``c`` is in force ``today`` (the example is dated around it); else the day the
    example's vote is held: the last day a rule was in force (a constitution of the past), or the first day
    of one not yet in force."""
    if any(m.in_force(today) for m in c.motions):
        return None
    ended = [m.end - dt.timedelta(days=1) for m in c.motions if m.end is not None and m.end <= today]
    if ended:
        return max(ended)
    return min(m.start for m in c.motions if m.start is not None)


COMMENT_COLUMN = 31
"""Where the template's comments after a value start (one space past the value where it is longer)."""


def _fill(template: str, values: dict[str, object]) -> str:
    """``template`` filled in line by line, each comment after a value (two spaces or more, then '# ', in the
    template itself: never in a value, which may hold anything) starting at :data:`COMMENT_COLUMN`."""
    out = []
    for line in template.splitlines():
        code, sep, comment = line.partition("  # ")
        code = code.format(**values)
        out.append(f"{code.rstrip().ljust(COMMENT_COLUMN - 1)} # {comment.format(**values)}" if sep else code)
    return "\n".join(out) + "\n"


def _days_to_vote(rule: MotionRule, default: int = 15) -> int:
    """Days from filing to the example's vote: ``default``, moved into the rule's window when the window
    counts from the filing (a window counted from the moving has no date in the example to count from)."""
    w = rule.window
    if w is None or w.after != "motion-filed":
        return default
    days = max(default, w.min_days or 0)
    return min(days, w.max_days) if w.max_days is not None else days


@cli.command("new")
@click.argument("file", required=False, metavar="[FILE.yaml]", type=click.Path(dir_okay=False))
@click.option("--rules", "rules_id", default="pk-na", show_default=True, metavar="ID|FILE",
              help="The rules profile of the chamber (`whipcount rules list`), or your own constitution file "
                   "(the scenario names it relative to its own folder).")
@click.option("-o", "--output", "output", metavar="FILE.yaml", type=click.Path(dir_okay=False),
              help="Where to write the scenario (the same as FILE.yaml).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--on", "on", metavar="DATE", default=None,
              help="Date the example around DATE (YYYY-MM-DD) instead of today: its motion filed five days "
                   "before, its seats 25 days before that (a case of the past, or the same file on any day).")
def new_cmd(file: str | None, rules_id: str, output: str | None, force: bool, on: str | None) -> None:
    """Write a small, valid, commented scenario to start your own case from.

    FILE.yaml (or `-o FILE.yaml`) is where it goes: `whipcount new my-case.yaml` (`-` for standard output).
    """
    if file is not None and output is not None and Path(file) != Path(output):
        raise InputError(f"two files named: {file} and -o {output}; give one")
    named = file if file is not None else output
    if named is None or not named.strip():
        raise InputError("name the file to write: `whipcount new my-case.yaml` (or `-o my-case.yaml`)")
    path = Path(named)
    if named != STDOUT:
        check_writable(named)  # a name the system refuses (too long, a folder missing) is said before anything
        if os.path.exists(named) and not force:
            raise InputError(f"{path}: the file exists; give --force to overwrite it")
    cid, _ = rules_option(rules_id)
    today = parse_date(on) or dt.date.today()
    from whipcount.io.scenario import bare_bundled_name  # the bundled names, where a file would shadow one

    ref = str(path) if named == STDOUT or not bare_bundled_name(named) else f"./{named}"
    text = template(cid, "my-case.yaml" if named == STDOUT else ref, today,
                    rules_ref=rules_reference(rules_id, named))
    if write_output(named, text):
        console.print(f"wrote {path}: replace the EXAMPLE values, then run `whipcount tally {shlex.quote(ref)}`")
