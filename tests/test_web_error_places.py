"""An error in a body's source names the field as the API names it (``source.url``, ``sources.0``), as a
scenario file's error does (``events[0].source.url``), where it named the form pydantic tried too
(``source.SourceIn.url``, ``sources.0.str``): words of the code, not of the API."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_api import PK, _app, client, store  # noqa: F401
from whipcount.storage import Store

RESIGN = {"date": "2022-07-29", "kind": "resign", "party": "pti", "reason": "reported"}


@pytest.mark.parametrize(("sent", "place"), [
    ({"source": {"url": "ftp://example.org/a"}}, "source.url"),
    ({"source": 5}, "source"),
    ({"sources": [5]}, "sources.0"),
    ({"sources": [{"url": "ftp://example.org/a"}]}, "sources.0.url"),
    ({"sources": [{"url": "https://example.org/a", "quote": 5}]}, "sources.0.quote"),
])
def test_a_sources_error_names_its_field_alone(store: Store, sent: dict[str, Any], place: str) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    events = len(store.events(PK))
    r = c.post(f"/api/scenarios/{PK}/events", json={**RESIGN, **sent})
    body = r.json()
    assert r.status_code == 422, body
    assert body["error"].startswith(f"{place}: "), body["error"]
    assert "SourceIn" not in r.text and ".str" not in r.text
    assert len(store.events(PK)) == events
