"""The event form says every kind of event a scenario file may hold (a party split and its new party, a merger
and its parties, a member joining or leaving a party, the procedural kinds and their effect on the motion), and
the event it appends is the one the same entry in a scenario file is read as, and the one the API stores. A field
that is wrong, or that the kind does not read, is refused on the form next to that field, nothing stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_web_api import PASSWORD, PK, _app, client, login_form, store  # noqa: F401
from test_web_event_form import _field_error, _fields
from whipcount.io.scenario import load_scenario
from whipcount.model import EFFECTS, EVENT_FIELDS, Event
from whipcount.model.events import EVENT_KINDS
from whipcount.storage import Store

DAY = dt.date(2022, 8, 1)  # after the log's last event (28 July 2022): no date to confirm
SOURCE = "https://example.org/report"
SAMPLES: dict[str, dict[str, Any]] = {
    # on 1 August 2022, by `whipcount tally pk-na-2022 --on 2022-08-01`: MQM-P 7 with the government, PML-Q 4 with the
    # opposition, PTI 144 in opposition, 12 seats vacant; raja-riaz and farrukh-altaf sit for PTI
    "switch-side": {"party": "mqm-p", "to": "opposition", "from_side": "government", "seats": 3},
    "defect": {"party": "pti", "to": "government", "members": ["raja-riaz", "noor-alam-khan"]},
    "leave-party": {"party": "pti", "members": ["raja-riaz"], "to_party": "pml-n"},
    "join-party": {"party": "pml-n", "from_party": "pti", "seats": 2, "to": "government"},
    "split": {"party": "pti", "seats": 5, "to": "government",
              "new_party": {"id": "pti-f", "name": "PTI Forward", "colour": "#00aa00", "side": "government"}},
    "merge": {"parties": ["gda", "aml"], "into": "gda-aml",
              "new_party": {"id": "gda-aml", "name": "GDA and AML", "side": "opposition"}},
    "resign": {"party": "pml-q", "from_side": "opposition", "seats": 1},
    "death": {"party": "ppp"},
    "disqualify": {"party": "pti", "members": ["farrukh-altaf"]},
    "vacate": {"party": "mqm-p", "seats": 2},
    "by-election": {"party": "pti", "to": "opposition", "seats": 1},
    "fill-seat": {"party": "pml-n", "to": "government"},
    "government-change": {},
}
"""An event of each seat-changing kind that fits the Pakistan scenario's log on :data:`DAY`, as a file writes it."""
ANY_KIND = {"party": "pti", "members": ["raja-riaz", "asim-nazir"]}
"""What a kind without a sample of its own gives of the fields it reads (with an effect on the motion)."""


def sample(kind: str) -> dict[str, Any]:
    """The event of ``kind`` as a scenario file's entry: its sample, or every field the kind reads from
    :data:`ANY_KIND` (a field no sample can give fails the test: the form must be shown to say it)."""
    fields = SAMPLES.get(kind)
    if fields is None:
        missing = sorted(EVENT_FIELDS[kind] - {*ANY_KIND, "effect"})
        assert not missing, f"{kind}: no sample value for {missing}"
        fields = {k: v for k, v in ANY_KIND.items() if k in EVENT_FIELDS[kind]}
        if "effect" in EVENT_FIELDS[kind]:
            fields["effect"] = sorted(EFFECTS)[EVENT_KINDS.index(kind) % len(EFFECTS)]
    unconfirmed = EVENT_KINDS.index(kind) % 2 == 1  # every other kind marked not verified, with its note
    return {"date": DAY, "kind": kind, **fields, "by": "the Speaker", "summary": f"the {kind} of the form",
            "sources": SOURCES, **({"verified": False, "note": "one report so far"} if unconfirmed else {})}


SOURCES: list[Any] = [
    SOURCE,  # an address alone
    {"url": "https://example.org/article", "outlet": "The Example", "title": "What happened on the day",
     "date": dt.date(2022, 7, 31), "quote": "it happened, the Speaker said"},  # an article described
    "National Assembly Secretariat, notification F.2(1)/2022",  # a citation in words
]
"""The sources of each sample, of each form a file's event may give them in."""


def form_of(entry: dict[str, Any]) -> dict[str, str]:
    """What an editor types in the form for a file's ``entry``: ids separated by commas, the new party's
    fields one by one, each source in a row of its own, the box ticked of an event not verified."""
    form = {}
    for k, v in entry.items():
        if k == "new_party":
            form.update({f"new_party_{sub}": text for sub, text in v.items()})
        elif k == "sources":
            for i, source in enumerate(v):
                given = source if isinstance(source, dict) else {"url": source}
                form.update({f"sources_{i}_{part}": str(text) for part, text in given.items()})
        elif k == "verified":
            form["unverified"] = "" if v else "yes"
        else:
            form[k] = ", ".join(v) if isinstance(v, list) else str(v)
    return form


def as_json(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` as the API's JSON body: its dates as YYYY-MM-DD."""
    return {**entry, "date": entry["date"].isoformat(),
        "sources": [{**s, "date": s["date"].isoformat()} if isinstance(s, dict) else s for s in entry["sources"]]}


def from_file(entry: dict[str, Any], tmp_path: Path) -> Event:
    """The event a copy of the Pakistan scenario file holding ``entry`` as its first event is read as."""
    text = (files("whipcount.data") / "scenarios" / f"{PK}.yaml").read_text(encoding="utf-8")
    line = "  - " + yaml.safe_dump(entry, default_flow_style=True, width=10**6)
    path = tmp_path / "with-event.yaml"
    path.write_text(text.replace("\nevents:\n", f"\nevents:\n{line}", 1), encoding="utf-8")
    return next(e for e in load_scenario(path).events if e.summary == entry["summary"])


def _plain(e: Event) -> Event:
    return dataclasses.replace(e, origin=None)


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_kind_appended_from_the_form_is_the_event_a_file_holds(store: Store, kind: str,  # noqa: F811
                                                                     tmp_path: Path) -> None:
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    assert f'<option value="{kind}"' in page
    entry = sample(kind)
    for field in form_of(entry):  # every field the kind reads is on the form, shown for it
        box = re.search(rf'<div class="field" data-kinds="([^"]*)">\s*<label for="f-{field}"', page)
        assert box is None or kind in box.group(1).split(), (kind, field)
        assert f'name="{field}"' in page, (kind, field)
    n = len(store.events(PK))
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **form_of(entry)), follow_redirects=False)
    assert r.status_code == 303, re.findall(r'class="field-error"[^>]*>([^<]*)', r.text)
    assert len(store.events(PK)) == n + 1
    stored = store.events(PK)[-1][1]
    assert _plain(stored) == _plain(from_file(entry, tmp_path))
    assert stored.kind == kind and stored.by == "the Speaker"
    # typed in by hand: the sources as SOURCES gives them, the note and the mark of every other kind
    assert [(s.url, s.outlet, s.title, s.date, s.quote) for s in stored.sources] == [
        (SOURCE, None, None, None, None),
        ("https://example.org/article", "The Example", "What happened on the day", dt.date(2022, 7, 31),
         "it happened, the Speaker said"),
        ("National Assembly Secretariat, notification F.2(1)/2022", None, None, None, None)]
    unconfirmed = EVENT_KINDS.index(kind) % 2 == 1
    assert (stored.verified, stored.note) == ((False, "one report so far") if unconfirmed else (True, None))
    # the same entry sent to the API as JSON, on a database of its own, is stored the same
    other = Store(f"sqlite:///{tmp_path / 'api.db'}")
    try:
        other.add_user("alice", "editor", PASSWORD)
        api = client(_app(other), "alice").post(f"/api/scenarios/{PK}/events",
                                                json=as_json(entry))
        assert api.status_code == 201, api.text
        assert _plain(other.events(PK)[-1][1]) == _plain(stored)
    finally:
        other.close()


WRONG = [
    ("split", {"new_party_id": "PTI Forward"}, "new_party_id", 422, "expected an id"),
    ("split", {"new_party_name": ""}, "new_party_name", 422, "new_party.name"),
    ("split", {"new_party_colour": "sort of green"}, "new_party_colour", 422, "colour"),
    ("split", {"new_party_side": "sideways"}, "new_party_side", 400, "unknown side"),
    ("merge", {"parties": "gda, nope"}, "parties", 400, "unknown party"),
    ("merge", {"into": "elsewhere"}, "into", 400, "merge into unknown party"),
    ("merge", {"seats": "3"}, "seats", 422, "a merge event does nothing with it"),
    ("leave-party", {"to_party": "nope"}, "to_party", 400, "unknown party in &#39;to_party&#39;"),
    ("join-party", {"from_party": "nope"}, "from_party", 400, "unknown party in &#39;from_party&#39;"),
    ("switch-side", {"from_side": "sideways"}, "from_side", 400, "unknown side &#39;sideways&#39;"),
    ("defect", {"to": ""}, "to", 422, "needs &#39;to&#39;"),
    ("vote", {"effect": "explode"}, "effect", 422, "unknown effect"),
    ("statement", {"to": "government"}, "to", 422, "a statement event does nothing with it"),
    ("split", {"party": ""}, "party", 422, "needs &#39;party&#39;"),
]


@pytest.mark.parametrize(("kind", "change", "field", "status", "words"), WRONG)
def test_a_wrong_field_is_refused_next_to_it_and_nothing_is_stored(store: Store, kind: str,  # noqa: F811
                                                                   change: dict[str, str], field: str, status: int,
                                                                   words: str) -> None:
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    n, revision = len(store.events(PK)), store.revision(PK)
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **{**form_of(sample(kind)), **change}),
               follow_redirects=False)
    assert r.status_code == status and (len(store.events(PK)), store.revision(PK)) == (n, revision)
    error = _field_error(r.text, field)
    assert words in error and f'href="#f-{field}"' in r.text
    for k, v in change.items():  # what was typed is kept
        assert html.escape(v) in r.text, k


def test_without_javascript_every_field_shows_naming_the_kinds_that_use_it(store: Store) -> None:  # noqa: F811
    page = login_form(_app(store), "alice").get(f"/s/{PK}/events/new").text
    assert '<div class="field" data-kinds' in page and not re.search(r'<div class="field"[^>]* hidden', page)
    hints = dict(re.findall(r'<small class="note" id="([a-z_]+)-hint">([^<]*)</small>', page))
    assert hints["new_party_name"].startswith("for Parties merged, Party split: ")
    assert hints["parties"].startswith("for Parties merged: ") and hints["into"].startswith("for Parties merged: ")
    assert hints["to_party"].startswith("for Left a party: ")
    assert hints["from_party"].startswith("for Joined a party: ")
    assert hints["party"].startswith("for every kind but Change of government, Parties merged: ")
    assert hints["effect"].startswith("for every kind under The motion and the chamber: ")
    party = re.search(r'data-kinds="([^"]*)">\s*<label for="f-party"', page)
    assert party and "split" in party.group(1).split() and "merge" not in party.group(1).split()
