"""The dashboard in a real browser (Playwright driving Debian's Chromium) under a Content Security Policy with no
'unsafe-inline' for styles: its charts' CSS applies when the page loads and again in the chart a live update
swaps in, the swatches keep their colours, and the browser refuses nothing the page itself brings."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import expect

from browser import chromium_browser, csp_refusals
from test_web_live import PK, _login, server, sign_in  # noqa: F401
from whipcount.storage import Store

SEAT_STROKE = "() => getComputedStyle(document.querySelector('#hemicycle .seat')).stroke"
"""A seat's outline: white from its chart's <style> (#ffffff), none when that CSS is refused."""


def test_the_live_dashboards_charts_keep_their_styles(server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        refused = csp_refusals(ctx)
        page: Any = sign_in(ctx, base, "vera")
        policy = page.evaluate("() => fetch(location.href).then(r => r.headers.get('content-security-policy'))")
        assert "'unsafe-inline'" not in policy.split("style-src")[1].split(";")[0]
        assert page.evaluate(SEAT_STROKE) == "rgb(255, 255, 255)"
        swatch = "() => getComputedStyle(document.querySelector('table.tally .swatch rect')).fill"
        assert page.evaluate(swatch) not in ("none", "rgb(0, 0, 0)")  # the stance's colour, not the default
        yes = int(page.inner_text("#yes"))
        page.evaluate("document.querySelector('#hemicycle .seat').dataset.old = '1'")
        with httpx.Client(base_url=base) as http:  # an editor elsewhere: PML-N undecided (83 seats that day)
            token = _login(http, "alice")
            version = {r["subject"]: r["version"] for r in http.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            r = http.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token},
                          json={"subject": "party:pml-n", "stance": "undecided",
                                "version": version.get("party:pml-n", 0), "date": "2022-04-01"})
            assert r.status_code == 200, r.text
        expect(page.locator("#yes")).to_have_text(str(yes - 83), timeout=10_000)
        assert page.evaluate("document.querySelector('#hemicycle .seat').dataset.old") is None  # a new chart
        assert page.evaluate(SEAT_STROKE) == "rgb(255, 255, 255)"
        assert page.evaluate(swatch) not in ("none", "rgb(0, 0, 0)")
        assert refused == [], "\n".join(refused)
