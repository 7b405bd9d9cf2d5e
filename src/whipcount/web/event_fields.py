"""The event form's fields (:mod:`whipcount.web.event_pages`): one for each field a scenario file's event may
give, which kinds read each (:data:`whipcount.model.EVENT_FIELDS`), and the API's body they become.

A field a kind does not read is shown for every kind without JavaScript, its hint naming the kinds that read
it; with JavaScript, ``forms.js`` shows only the fields of the kind chosen. Either way the server checks what
is sent as the API checks its body (:class:`~whipcount.web.api.EventAppend`, the scenario file's event model),
so the form, the API and a file cannot disagree: a field the kind does not read is refused, naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from whipcount.io.limits import MAX_SEATS
from whipcount.model import EVENT_FIELDS, SEAT_KINDS
from whipcount.model.events import EVENT_KINDS, kind_label
from whipcount.storage.schema import INT_MAX
from whipcount.web.api import EventAppend
from whipcount.web.event_sources import SOURCE_LABELS, sources_of_rows
from whipcount.web.stance_pages import form_number

__all__ = ["FIELDS", "FORM_KINDS", "KIND_FIELDS", "LABELS", "body_of", "field_of", "kinds_of", "used_by"]

NEW_PARTY = ("new_party_id", "new_party_name", "new_party_colour", "new_party_side")
"""The form's fields of a new party (a split's, a merger's), as ``new_party: {id, name, colour, side}``."""
EVENT_FIELD_OF = {"party": "party", "to": "to", "from_side": "from_side", "seats": "seats", "members": "members",
                  "to_party": "to_party", "from_party": "from_party", "parties": "parties", "into": "into",
                  **dict.fromkeys(NEW_PARTY, "new_party"), "effect": "effect"}
"""The form's fields that say what an event changes, each with the event's field it gives."""
FIELDS = ("date", "kind", *EVENT_FIELD_OF, "by", "summary", "note", "reason")
"""The form's fields of text, in its order; its sources are rows of their own
(:mod:`whipcount.web.event_sources`), and its boxes ``unverified``, ``confirm`` and ``repeat``."""
LISTS = ("members", "parties")
"""The fields of ids, separated by commas or spaces."""
LABELS = {"date": "Date", "kind": "Kind", "party": "Party", "to": "Side it moves to", "from_side": "Side it leaves",
          "seats": "Seats", "members": "Members", "to_party": "Party joined", "from_party": "Party left",
          "parties": "Parties that merge", "into": "Party they merge into", "new_party_id": "New party's id",
          "new_party_name": "New party's name", "new_party_colour": "New party's colour",
          "new_party_side": "New party's side", "effect": "Effect on the motion", "by": "By",
          "summary": "Summary", "note": "Note", "reason": "Reason", "unverified": "Unconfirmed",
          **SOURCE_LABELS}
"""The fields' labels, by the names :data:`FIELDS` gives them."""
HINTS = {"party": "its id, as the scenario names it (for members joining a party, the party joined; for a step "
                  "of the motion or the chamber, the party it concerns, if any)",
         "to": "needed for a change of sides or crossing the floor; else, if given, the side a filled seat or the "
               "members who move sit on",
         "from_side": "where the party sits on more than one side: the side the seats leave",
         "seats": "how many move; or name the members below; neither: the whole party (a change of sides) or one "
                  "seat (a resignation, a death, a seat filled)",
         "members": "their ids, separated by commas or spaces",
         "to_party": "its id; left empty, the members sit as independents",
         "from_party": "its id; left empty, independents (or, with members named, each from the party they sit in)",
         "parties": "their ids, at least two, separated by commas or spaces",
         "into": "its id: one of the parties, another party, or the new party below",
         "new_party_id": "lower-case letters, digits and hyphens (pti-f)",
         "new_party_name": "as a reader knows it",
         "new_party_colour": "#rgb, #rrggbb or a colour name, for its seats on the charts (optional)",
         "new_party_side": "where its seats sit (optional: the side they sat on)",
         "effect": "what it did to the motion, if anything",
         "by": "who acted: a court, the Speaker, the chamber (optional)"}
"""What each field expects, shown under it."""
WIDGETS = {"party": "party", "to": "side", "from_side": "side", "seats": "number", "to_party": "party",
           "from_party": "party", "into": "party", "new_party_side": "side", "effect": "effect"}
"""How a field is drawn where it is no plain text box: a party's id (with the scenario's ids to choose from),
a side, a number, an effect."""
SEAT_GROUP, STEP_GROUP = "Seats that change hands", "The motion and the chamber"
"""The groups of kinds in the form's list: the kinds that change seats, and the others."""
FORM_KINDS = tuple(k for k in EVENT_KINDS if EVENT_FIELDS[k] <= set(EVENT_FIELD_OF.values()))
"""The kinds the form's fields can say all of: every kind a scenario file's event may be."""
KIND_FIELDS = {k: tuple(f for f, name in EVENT_FIELD_OF.items() if name in EVENT_FIELDS[k]) for k in FORM_KINDS}
"""The form's fields each kind reads, besides the date, the kind, who, the summary, the note, the sources and the
reason."""
WORDS_FIELD = (("party in 'to_party'", "to_party"), ("party in 'from_party'", "from_party"),
               ("merge into", "into"), ("'into'", "into"), ("new_party", "new_party_id"),
               ("two parties in 'parties'", "parties"), ("unknown party", "party"), ("unknown side", "to"),
               ("unknown member", "members"), ("member '", "members"), ("but the party holds only", None),
               ("seat(s)", "seats"), ("needs seats or members", "seats"))
"""The field a refusal of the log names in its words where it names none first (the replay's: ``unknown party
'x'``), the first that fits; None for words about the event as a whole (named members left sitting where the
seats moved by count no longer are: the party, the count, the side or the members named may be wrong)."""


def kinds_of(field: str) -> tuple[str, ...]:
    """The kinds that read the form's ``field``: every kind for a field that says nothing of what changes."""
    return tuple(k for k in FORM_KINDS if field not in EVENT_FIELD_OF or field in KIND_FIELDS[k])


def used_by(field: str) -> str:
    """Which kinds read ``field``, in words for its hint: ``for Party split, Parties merged`` or, where most
    kinds read it, ``for every kind but Change of government``."""
    kinds = kinds_of(field)
    if set(kinds) == set(FORM_KINDS) - SEAT_KINDS:
        return f"for every kind under {STEP_GROUP}"
    if len(kinds) * 2 <= len(FORM_KINDS):
        return "for " + ", ".join(sorted(map(kind_label, kinds)))
    return "for every kind but " + ", ".join(sorted(kind_label(k) for k in FORM_KINDS if k not in kinds))


def kind_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The kinds for the form's list, in two groups (seats, procedure), each in the order of their names."""
    seats = sorted((k for k in FORM_KINDS if k in SEAT_KINDS), key=kind_label)
    procedure = sorted((k for k in FORM_KINDS if k not in SEAT_KINDS), key=kind_label)
    return [(group, [(k, kind_label(k)) for k in kinds])
            for group, kinds in ((SEAT_GROUP, seats), (STEP_GROUP, procedure))]


def field_of(message: str, values: Mapping[str, str] | None = None) -> str | None:
    """The form's field a refusal names: first (``party: ...``, ``request: to: ...``, ``new_party.name: ...``;
    a source's: :func:`~whipcount.web.event_sources.form_words`), or as the one a kind needs (``a defect event
    needs 'to'``), else one its words name (:data:`WORDS_FIELD`; a count refused, the field that gave it), and
    of something unknown the field that holds it (``unknown side 'x'``: the side given as ``x``, the one moved
    to or the new party's); None for one about the event as a whole."""
    head = message.removeprefix("request: ").removeprefix("event.").split(": ", 1)[0]
    parts = re.split(r"[.\[]", head, maxsplit=2)
    name = {"new_party": f"new_party_{parts[1]}" if len(parts) > 1 else "new_party_id"}.get(parts[0], parts[0])
    if name in FIELDS or name == "revision":
        return name
    needs = re.search(r"event needs '(\w+)'", message)
    if needs and needs.group(1) in FIELDS:
        return needs.group(1)
    named = next((field for words, field in WORDS_FIELD if words in message), None)
    if "seat(s)" in message and named == "seats" and values is not None and not values.get("seats"):
        named = "members" if values.get("members") else None  # the count the members named gave, or the kind's
    if named is None or "unknown " not in message:
        return named
    for quoted in re.findall(r"'([^']*)'", message):  # the field that holds what is unknown
        held = [f for f in EVENT_FIELD_OF if quoted in (values or {}).get(f, "").replace(",", " ").split()]
        if held:
            return held[0]
    return named


def body_of(values: Mapping[str, str], revision: str) -> EventAppend:
    """The API's body for the form's ``values``: a field left empty is not sent; ``members`` and ``parties``,
    ids separated by commas or spaces; the new party's fields as one ``new_party``. Refused as the API refuses
    a body (:class:`~pydantic.ValidationError`), or an :class:`InputError`."""
    sources = sources_of_rows(values)  # none at all is allowed, as in a file and the API: "no source given"
    data: dict[str, Any] = {k: values[k] for k in FIELDS if values.get(k) and k not in (*NEW_PARTY, *LISTS)}
    if sources:
        data["sources"] = sources
    if values.get("unverified") == "yes":
        data["verified"] = False
    if values.get("seats"):
        data["seats"] = form_number("seats", values["seats"], 0, MAX_SEATS)
    for k in LISTS:
        if values.get(k):
            data[k] = values[k].replace(",", " ").split()
    new_party = {k.removeprefix("new_party_"): values[k] for k in NEW_PARTY if values.get(k)}
    if new_party:
        data["new_party"] = new_party
    data.update(confirm=values.get("confirm") == "yes", repeat=values.get("repeat") == "yes",
                revision=form_number("revision", revision, 1, INT_MAX))
    return EventAppend.model_validate(data)
