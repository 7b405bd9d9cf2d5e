"""Every query parameter that names something is read as the API reads a body's text: stripped, its line
breaks as line feeds. A motion, party, subject, stance, scenario or user padded with spaces (a link pasted
from a chat, a value copied with its line break) had been a 404 or a 422 on the pages and the API alike,
where the same name in a body was read."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store
from whipcount.web.query import normal_query

DE = "de-bt-2025"
FIRST = "chancellor-first-ballot-2025-05-06"
PAD = " \r\n\t"

ASKED = [  # the route, and its parameters as named
    (f"/api/scenarios/{DE}/dashboard", {"motion": FIRST}),
    (f"/api/scenarios/{DE}/members", {"motion": FIRST, "party": "spd", "stance": "yes", "side": "government"}),
    (f"/api/scenarios/{DE}/stances", {"motion": FIRST}),
    (f"/api/scenarios/{DE}/history", {"motion": FIRST, "subject": "party:spd"}),
    (f"/api/scenarios/{DE}/dashboard", {"on": "2025-05-01"}),
    ("/api/compare", {"a": DE, "b": DE}),
    ("/api/audit", {"user": "alice", "scenario": DE, "action": "stance.set"}),
    (f"/api/scenarios/{DE}/audit", {"target": "party:spd"}),
    (f"/s/{DE}", {"motion": FIRST}),
    (f"/s/{DE}/members", {"party": "spd", "stance": "yes"}),
    (f"/s/{DE}/stance", {"subject": "party:spd", "motion": FIRST}),
    ("/compare", {"a": DE, "b": DE}),
]


@pytest.mark.parametrize(("path", "params"), ASKED, ids=[f"{p}?{'&'.join(q)}" for p, q in ASKED])
def test_a_name_padded_with_whitespace_reads_as_the_name(store: Store, path: str,  # noqa: F811
                                                          params: dict[str, str]) -> None:
    store.save_scenario(load_scenario(DE))
    app = _app(store)
    c = client(app, "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": f" {FIRST} ", "subject": " party:spd ",
                                                        "stance": "no", "version": 1}).status_code == 200
    assert app.state.wc.settle(60)  # P(pass) of the write computed: both reads see the same, not one pending
    plain = c.get(path, params=params)
    padded = c.get(path, params={k: f"{PAD}{v}{PAD}" for k, v in params.items()})
    assert plain.status_code == 200, plain.text
    assert padded.status_code == 200, padded.text[:300]
    assert _content(padded) == _content(plain)


def _content(r: Any) -> Any:
    """What an answer says, without what changes from one request to the next (a form's CSRF token, the nonce of
    a page's charts' styles)."""
    if r.headers["content-type"].startswith("application/json"):
        return r.json()
    import re

    return re.sub(r'name="csrf_token" value="[^"]*"| nonce="[^"]*"', "", r.text)


def test_the_query_string_keeps_its_names_order_and_untouched_values() -> None:
    assert normal_query(b"a=1&b=%20x%20&b=y&c=") == b"a=1&b=x&b=y&c="
    assert normal_query(b"q=caf%C3%A9%0D%0A") == b"q=caf%C3%A9"
    raw = b"motion=m-1&on=2025-05-01&x=%2B"
    assert normal_query(raw) is raw  # nothing to change: as it came
