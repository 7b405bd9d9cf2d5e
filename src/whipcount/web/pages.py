"""The pages: dashboard, members and parties, compare, login (the stance form:
:mod:`whipcount.web.stance_pages`; the event log and the audit trail: :mod:`whipcount.web.trail`).

Forms post back to the page that drew them; on bad input the form is drawn again with the message, and
nothing is stored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from whipcount.charts.colours import stance_labels
from whipcount.io.limits import quoted
from whipcount.model import STANCES
from whipcount.storage.accounts import MAX_PASSWORD
from whipcount.storage.schema import NAME_MAX
from whipcount.web.api import compare_boards, filter_rows, parse_on, reader, scenario_ref
from whipcount.web.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    HTTPError,
    background,
    check_csrf,
    check_origin,
    known_device,
    said_same_site,
    sign_out,
    start_session,
)
from whipcount.web.form import NormalFormRoute
from whipcount.web.gate import before_body
from whipcount.web.headers import new_nonce, with_nonce
from whipcount.web.limits import small_body
from whipcount.web.live import sse_stream
from whipcount.web.login import client_address, sign_in
from whipcount.web.rendering import page_context

__all__ = ["router"]

router = APIRouter(include_in_schema=False, route_class=NormalFormRoute)  # forms read as the API reads text


def _wc(request: Request) -> Any:
    return request.app.state.wc


def render(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
           **ctx: Any) -> HTMLResponse:
    """A page with the common context (user, CSRF token, scenarios), its charts' styles allowed by a nonce of
    its own (:func:`~whipcount.web.headers.with_nonce`)."""
    nonce = new_nonce()
    board = ctx.get("board")
    if isinstance(board, dict) and "votes_recorded" in board:  # only the votes for recorded: a no is "Not for"
        ctx.setdefault("stance_labels", stance_labels(board["votes_recorded"]))
    html = _wc(request).templates.get_template(template).render(**page_context(request), csp_nonce=nonce, **ctx)
    html, policy = with_nonce(html, nonce)
    return HTMLResponse(html, status_code=status, headers={**(headers or {}), **policy})


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/")
def home(request: Request) -> Response:
    reader(request)
    scenarios = _wc(request).store.scenarios()
    if not scenarios:
        return render(request, "error.html", status=404, status_code=404,
                      message="no scenario in the database yet: load one with `whipcount db load SCENARIO`",
                      errors=[])
    return RedirectResponse(f"/s/{quote(scenarios[0].id)}", status_code=303)


EXPIRED = "the sign-in form had expired; nothing was checked: sign in again"
"""What the sign-in page says when the form sent was one whose token no longer holds (left open over a day)."""


@router.get("/login")
def login_page(request: Request, next: str = "/", expired: str = "") -> Response:
    """The sign-in form, leading to ``next`` (a path of this site, else the first page); ``expired``: the form sent
    before had expired (:data:`EXPIRED`, the page's own words, whatever the link says)."""
    return render(request, "login.html", next=_safe_next(next), error=EXPIRED if expired else None, name="")


@before_body
def same_site(request: Request) -> None:
    """A form posted from another site is refused (:func:`check_origin`) before it is read (its CSRF token, in the
    form, is checked once it is)."""
    check_origin(request)


@router.post("/login", dependencies=[Depends(same_site)])
@small_body
async def login_submit(request: Request, name: str = Form(""), password: str = Form(""),
                       csrf_token: str = Form("", alias=CSRF_FIELD), next: str = Form("/")) -> Response:
    target = _safe_next(next)
    try:
        await run_in_threadpool(check_csrf, request, csrf_token, before_login=True)
    except HTTPError:  # this site's form left open past its token's day: a fresh one (its cookie set by a GET)
        if not said_same_site(request):
            raise
        return RedirectResponse(f"/login?next={quote(target, safe='/')}&expired=1", status_code=303)
    wc = _wc(request)
    if not name or not password or len(name) > NAME_MAX or len(password) > MAX_PASSWORD:
        return render(request, "login.html", status=400, next=target, name=name[:NAME_MAX],
                      error="give your user name and password")
    try:
        device = await run_in_threadpool(known_device, request, name)
        user = await sign_in(wc, name, password, client_address(request, wc.proxies), device)
    except HTTPError as exc:
        if exc.status not in (401, 429, 503):
            raise
        return render(request, "login.html", status=exc.status, next=target, name=name, error=exc.message,
                      headers=exc.headers)
    response = RedirectResponse(target, status_code=303)
    await run_in_threadpool(start_session, request, response, user)
    return response


@router.post("/logout", dependencies=[Depends(same_site)])
@small_body
def logout(request: Request, csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    """Sign out (:func:`~whipcount.web.auth.sign_out`): to the sign-in page, the cookie cleared, also when the
    session had already ended (timed out, a new password, the account removed)."""
    response = RedirectResponse("/login", status_code=303)
    sign_out(request, response, csrf_token)
    return response


@router.get("/s/{scenario_id}")
def dashboard(request: Request, scenario_id: str, on: str | None = None, motion: str = "") -> Response:
    signed_in = reader(request) is not None  # a reader not signed in is not shown who wrote what
    wc = _wc(request)
    day = parse_on(on)
    cached = wc.motion_board(scenario_id, motion or None, day)
    data = cached.data_for(signed_in)
    further = data["motions"][:1] != [] and data["motion"]["id"] != data["motions"][0]["id"]
    live = day is None
    fragment = (wc.fragment_of(cached, signed_in=signed_in) if live
                else wc.render_fragment(cached, signed_in=signed_in, past=True))
    return render(request, "dashboard.html", board=data, fragment=fragment, live=live, further=further,
                  on=on or "")


@router.get("/s/{scenario_id}/live")
def live_fragment(request: Request, scenario_id: str, motion: str = "") -> Response:
    """The live part of the dashboard (of the further motion ``motion``, if given), fetched by live.js."""
    background(request)  # fetched by live.js, not by the person
    signed_in = reader(request) is not None
    cached, html = _wc(request).fragment(scenario_id, request, signed_in=signed_in, motion=motion or None)
    return HTMLResponse(html, headers={"X-Revision": str(cached.revision), "Cache-Control": "private, no-cache"})


@router.get("/s/{scenario_id}/members")
def members_page(request: Request, scenario_id: str, side: str = "", party: str = "", stance: str = "",
                 q: str = "", motion: str = "") -> Response:
    """The positions and members of the main motion, or of the further motion ``motion``, as the API's."""
    signed_in = reader(request) is not None
    if stance and stance not in STANCES:  # as the API's filter: no stance is not no member
        raise HTTPError(422, f"query.stance: expected one of {', '.join(STANCES)}, got {quoted(stance)}")
    board = _wc(request).motion_board(scenario_id, motion or None).data_for(signed_in)
    further = board["motions"][:1] != [] and board["motion"]["id"] != board["motions"][0]["id"]
    positions, members = filter_rows(board, side=side or None, party=party or None, stance=stance or None,
                                     q=q or None)
    parties = sorted({(p["party"], p["label"].split(" (")[0].split(":")[0]) for p in board["positions"]
                      if not p["member"]}, key=lambda p: p[1])
    return render(request, "members.html", board=board, positions=positions, members=members, parties=parties,
                  f={"side": side, "party": party, "stance": stance, "q": q}, further=further)


@router.get("/compare")
def compare_page(request: Request, a: str = "", b: str = "", on_a: str = "", on_b: str = "", motion_a: str = "",
                 motion_b: str = "") -> Response:
    reader(request)
    wc = _wc(request)
    scenarios = wc.store.scenarios()
    a = a or (scenarios[0].id if scenarios else "")
    b = b or a
    boards = compare_boards(wc, a, b, on_a or None, on_b or None, motion_a, motion_b) if a else []
    return render(request, "compare.html", boards=boards, stance_labels=compare_labels(boards),
                  f={"a": a, "b": b, "on_a": on_a, "on_b": on_b, "motion_a": motion_a, "motion_b": motion_b})


def compare_labels(boards: list[dict[str, Any]]) -> dict[str, str]:
    """The stances' row names of two boards side by side: where only the votes for are recorded in both, a no
    is "Not for"; where in one of them only, the row says both ("No (B: not for)")."""
    recorded = [b.get("votes_recorded", "all") for b in boards]
    if len(set(recorded)) <= 1:
        return stance_labels(recorded[0] if recorded else "all")
    plain, not_for = stance_labels("all"), stance_labels("yes-only")
    which = "AB"[recorded.index("yes-only")]
    return {s: label if not_for[s] == label else f"{label} ({which}: {not_for[s].lower()})"
            for s, label in plain.items()}


def _still_reader(request: Request) -> Callable[[], Awaitable[bool]]:
    """Whether the stream's client may still read: anyone with ``--public-read``, else while the session it
    was opened with holds (looked up anew each time, in a worker thread)."""
    wc = _wc(request)
    sid = request.cookies.get(SESSION_COOKIE)

    async def allowed() -> bool:
        if wc.public_read:
            return True
        return bool(sid) and await run_in_threadpool(partial(wc.store.sessions.lookup, sid, touch=False)) is not None

    return allowed


@router.get("/events/stream")
async def stream(request: Request, scenario: str | None = None) -> Response:
    background(request)  # opened (and reopened) by live.js, not by the person
    await run_in_threadpool(reader, request)  # the session is looked up in the database
    wc = _wc(request)
    if scenario is not None:
        first = {scenario: await run_in_threadpool(wc.revision, scenario_ref(scenario))}
    else:  # every scenario's (the stream the dashboard windows of a browser share)
        first = await run_in_threadpool(wc.store.revisions)
    options = {k: getattr(request.app.state, f"sse_{k}") for k in ("keepalive", "recheck")
               if hasattr(request.app.state, f"sse_{k}")}
    return StreamingResponse(
        sse_stream(wc.broadcaster, scenario, first, request.is_disconnected, allowed=_still_reader(request),
                   **options),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
