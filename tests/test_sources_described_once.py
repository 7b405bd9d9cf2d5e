"""An article is described once on every path into a scenario: a scenario file, an event appended through the
JSON API and one appended with the event form refuse alike a citation of an address that gives it another outlet,
headline or date than a citation of it before, naming the field, so a stored scenario never holds what its own
file would refuse."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from test_web_api import PK, _app, assert_error, client, login_form, store  # noqa: F401
from test_web_event_form import _field_error, _fields
from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

ARTICLE = "https://www.pakistantoday.com.pk/2022/03/30/mqm-p-abandons-govt-how-does-it-affect-the-na-number-game/"
"""An article the bundled scenario cites with its outlet (Pakistan Today), headline and date (30 March 2022)."""

DEATH = {"date": "2022-08-01", "kind": "death", "party": "ppp", "summary": "A PPP member dies"}
"""An event that fits the log after its last (28 July 2022)."""

OTHERWISE = [
    # (the source appended, the field refused): each describes the article otherwise than the scenario does
    ({"url": ARTICLE, "outlet": "Dawn"}, "outlet"),
    ({"url": ARTICLE, "title": "Another headline"}, "title"),
    ({"url": ARTICLE, "date": "2022-03-31"}, "date"),
]


def _bundled() -> str:
    return (resources.files("whipcount") / "data" / "scenarios" / f"{PK}.yaml").read_text(encoding="utf-8")


def _file_with(tmp_path: Path, sources: list[Any]) -> Path:
    """The bundled scenario's file with the event appended to its log (as the last item of ``events``)."""
    text = _bundled()
    end = text.index("\nmotion:")
    event = json.dumps({**DEATH, "sources": sources})  # JSON is YAML
    path = tmp_path / "scenario.yaml"
    path.write_text(f"{text[:end]}\n  - {event}{text[end:]}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("source", "detail"), OTHERWISE)
def test_every_path_refuses_an_article_described_otherwise(store: Store, tmp_path: Path,  # noqa: F811
                                                          source: dict[str, str], detail: str) -> None:
    sources = ["https://example.org/obituary", source]
    (tmp_path / "bundled.yaml").write_text(_bundled(), encoding="utf-8")
    n = len(load_scenario(tmp_path / "bundled.yaml").events)  # the event appended is events[n]
    with pytest.raises(InputError, match=rf"events\[{n}\]\.sources\[1\]\.{detail}: .* differs from .* given "
                                         r"for the same address at line \d+ \(describe an article once\)"):
        load_scenario(_file_with(tmp_path, sources))

    app = _app(store)
    api = client(app, "alice")
    events = len(store.events(PK))
    assert_error(api.post(f"/api/scenarios/{PK}/events", json={**DEATH, "sources": sources}), 400,
                 rf"^sources\.1\.{detail}: .* differs from .* given for the same address in event \d+ of the log "
                 r"\(2022-\d\d-\d\d, [a-z-]+\) \(describe an article once\)$")

    form = login_form(app, "bob")
    page = form.get(f"/s/{PK}/events/new").text
    typed = {"sources_0_url": sources[0], **{f"sources_1_{k}": v for k, v in source.items()}}
    r = form.post(f"/s/{PK}/events/new", data=_fields(page, **DEATH, **typed), follow_redirects=False)
    assert r.status_code == 400
    assert "differs from" in _field_error(r.text, f"sources_1_{detail}")
    assert len(store.events(PK)) == events  # nothing was stored


def test_two_sources_of_one_event_that_describe_an_address_otherwise_are_refused(store: Store) -> None:  # noqa: F811
    sources = [{"url": "https://example.org/a", "outlet": "Dawn"}, {"url": "https://example.org/a", "outlet": "BBC"}]
    assert_error(client(_app(store), "alice").post(f"/api/scenarios/{PK}/events", json={**DEATH, "sources": sources}),
                 400, r"^sources\.1\.outlet: 'BBC' differs from 'Dawn' given for the same address at sources\.0 ")


def test_an_article_described_alike_or_not_at_all_is_taken(store: Store) -> None:  # noqa: F811
    sources = [ARTICLE, {"url": ARTICLE, "outlet": "Pakistan Today", "quote": "MMA —14"}]
    r = client(_app(store), "alice").post(f"/api/scenarios/{PK}/events", json={**DEATH, "sources": sources})
    assert r.status_code in (200, 201), r.text


def test_a_refused_source_is_named_as_the_body_gives_it(store: Store) -> None:  # noqa: F811
    api = client(_app(store), "alice")
    dawn = {"url": ARTICLE, "outlet": "Dawn"}
    assert_error(api.post(f"/api/scenarios/{PK}/events", json={**DEATH, "source": dawn}), 400,
                 r"^source\.outlet: 'Dawn' differs from 'Pakistan Today'")
    assert_error(api.post(f"/api/scenarios/{PK}/events",
                          json={**DEATH, "source": "https://example.org/obituary", "sources": [dawn]}), 400,
                 r"^sources\.0\.outlet: 'Dawn' differs from 'Pakistan Today'")


def test_an_address_described_outside_the_log_is_named_where() -> None:
    from dataclasses import replace

    from whipcount.errors import InputError as Refused
    from whipcount.model import Event, Source
    from whipcount.storage.event_checks import check_described

    scenario = load_scenario(PK)
    only = Source("https://example.org/party-only", outlet="Dawn")  # cited by one party alone
    first = replace(scenario.parties[0], sources=(*scenario.parties[0].sources, only))
    scenario = replace(scenario, parties=(first, *scenario.parties[1:]))
    ev = Event(dt.date(2022, 8, 1), "death", party="ppp", sources=(Source(only.url, outlet="BBC"),))
    with pytest.raises(Refused, match=rf"^sources\.0\.outlet: 'BBC' differs from 'Dawn' given for the same address "
                                      rf"in party {first.id} \(describe an article once\)$"):
        check_described(scenario, ev)
    check_described(scenario, replace(ev, sources=(Source(only.url, outlet="Dawn", quote="it said"),)))  # alike
