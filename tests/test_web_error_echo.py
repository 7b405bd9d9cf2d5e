"""No error carries a long submitted value back: whatever the path (the request's validation, the store's
checks, the page forms, an unknown scenario or page), a value an error quotes is cut to 80 characters
(docs/web.md, JSON API). The request's own validation already cut what it quotes; these are the paths
that did not."""

from __future__ import annotations

import re
from typing import Any

import pytest

from test_web_api import PK, _app, client, store  # noqa: F401
from whipcount.storage import Store

LONG = "q" * 900
STANCES = f"/api/scenarios/{PK}/stances"

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("post", STANCES, {"json": {"subject": "party:pti", "stance": "no", "version": 0, "source": "https://e.com/ " + LONG}}),
    ("post", STANCES, {"json": {"subject": "party:pti", "stance": "no", "version": 0, "source": "ftp://e.com/" + LONG}}),
    ("post", STANCES, {"json": {"subject": "party:" + LONG, "stance": "no", "version": 0}}),
    ("post", STANCES, {"json": {"subject": "member:" + LONG, "stance": "no", "version": 0}}),
    ("post", STANCES, {"json": {"subject": "member:x@" + LONG, "stance": "no", "version": 0}}),
    ("post", f"/api/scenarios/{LONG}/stances", {"json": {"subject": "party:pti", "stance": "no", "version": 0}}),
    ("post", f"/s/{PK}/stance", {"data": {"subject": "party:" + LONG, "stance": "no", "version": "0"}}),
    ("post", f"/s/{PK}/stance", {"data": {"subject": "party:pti", "stance": "no", "version": "0", "date": LONG}}),
    ("get", f"/api/scenarios/{PK}/dashboard?on={LONG}", {}),
    ("get", f"/api/scenarios/{LONG}", {}),
    ("get", f"/api/scenarios/{LONG}/history", {}),
    ("get", f"/api/scenarios/{LONG}/audit", {}),
    ("get", f"/s/{LONG}", {}),
    ("get", f"/s/{PK}/stance?subject=party:{LONG}", {}),
    ("get", f"/{LONG}", {}),
    ("get", f"/api/{LONG}", {}),
]


@pytest.mark.parametrize(("method", "path", "kw"), CASES, ids=[f"{m} {p[:40]} {i}" for i, (m, p, _) in enumerate(CASES)])
def test_an_error_quotes_at_most_80_characters_of_a_value(store: Store, method: str, path: str,  # noqa: F811
                                                          kw: dict[str, Any]) -> None:
    c = client(_app(store), "alice")
    if "data" in kw:
        kw = {"data": {**kw["data"], "csrf_token": c.headers["X-CSRF-Token"]}}
    r = getattr(c, method)(path, **kw)
    assert r.status_code >= 400, r.text[:300]
    said = r.text if r.headers["content-type"].startswith("application/json") else _alerts(r.text)
    assert "q" * 81 not in said, said[:600]


def _alerts(html: str) -> str:
    """What a page says went wrong (a form keeps what was typed in its fields, to be corrected there)."""
    found = re.findall(r'<p class="error" role="alert"[^>]*>(.*?)</p>', html, re.DOTALL)
    assert found, html[:600]
    return " ".join(found)
