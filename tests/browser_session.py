"""A session that ends while a form is open, in a real browser: the server forgets it (as after the idle time),
the browser still holds its cookie; the form sent then leads to the sign-in page, and signing in again leads back."""

from __future__ import annotations

import re
from typing import Any

from test_web_live import PASSWORD
from whipcount.storage import Store
from whipcount.web.auth import SESSION_COOKIE


def end_session(ctx: Any, store: Store) -> None:
    """The session of browser context ``ctx`` ends on the server, its cookie still in the browser."""
    store.sessions.revoke(next(c["value"] for c in ctx.cookies() if c["name"] == SESSION_COOKIE))


def sign_in_again(page: Any, back_to: str | re.Pattern[str], name: str = "alice") -> None:
    """On the sign-in page a form sent without a session led to, sign ``name`` in; wait for ``back_to``."""
    page.wait_for_url(re.compile(r"/login\?next="), wait_until="domcontentloaded")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(back_to, wait_until="load")
