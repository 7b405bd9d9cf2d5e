"""The pages' templates: the Jinja2 environment (autoescaped, with its filters) and what every page needs.

Both the pages (:mod:`whipcount.web.pages`) and the error pages (:mod:`whipcount.web.errors`) render
through :func:`page_context`, which gives a template the user, the CSRF token and the scenarios.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from whipcount.errors import StorageError
from whipcount.model import STANCES, format_probability
from whipcount.model.events import kind_label
from whipcount.web.auth import csrf_token, current_user
from whipcount.web.board import STANCE_COLOURS, STANCE_LABELS
from whipcount.web.state import WebState

__all__ = ["environment", "http_url", "page_context"]

HERE = Path(__file__).parent


def page_context(request: Request) -> dict[str, Any]:
    """What every page template needs: the user, the CSRF token, the scenarios. A database that cannot look the
    session up draws the page as for no one signed in (the error page saying so, most often), where the error page
    had failed in turn and the server had answered a bare 500, without a word or the security headers."""
    wc: WebState = request.app.state.wc
    try:
        user = current_user(request)
    except StorageError:
        user = request.scope.setdefault("state", {})["wc_user"] = None  # for this answer alone
    try:
        scenarios = wc.store.scenarios()
    except StorageError:
        scenarios = []
    return {"user": user, "csrf": csrf_token(request), "scenarios": scenarios, "public_read": wc.public_read}


def http_url(url: str | None) -> str:
    """``url`` for an ``href`` if it is http(s), else ``#``: a scenario file can carry any text as a source
    (``javascript:...`` included), and a link must never run it."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def environment() -> Environment:
    """The templates of the pages, autoescaped, with the filters and globals they use."""
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["probability"] = format_probability
    env.filters["kind_label"] = kind_label
    env.globals["stance_labels"] = STANCE_LABELS
    env.globals["stance_colours"] = STANCE_COLOURS
    env.globals["stances"] = STANCES
    return env
