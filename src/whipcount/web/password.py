"""Changing one's own password: the page ``/password`` (linked from every page's header, for every role)
and ``POST /api/password``.

The current password is checked as a sign-in checks it (:func:`~whipcount.web.login.sign_in`: the same
argon2 verification, the same attempt limits, a failure answered as late), so a wrong one is a failed
sign-in and the form cannot be used to guess passwords faster than the sign-in page. The new one must pass
:func:`~whipcount.storage.accounts.check_password`, as ``users add`` and ``users set-password`` require.
On success every session of the account ends (as ``users set-password`` ends them), the audit trail gets a
``user.password`` row under the user's own name, and the browser that asked is signed in again with a new
session id (and CSRF token): a copy of its old cookie, taken by anyone, stops working with the others.
No password is ever echoed: not in an error, an audit row or a page.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from whipcount.errors import InputError
from whipcount.storage.accounts import MAX_PASSWORD, check_password
from whipcount.storage.passwords import kept_form
from whipcount.web.api_bodies import SMALL_BODY
from whipcount.web.auth import (
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    HTTPError,
    SessionUser,
    check_csrf,
    check_origin,
    current_user,
    known_device,
    start_session,
)
from whipcount.web.body import StrictJSONRoute
from whipcount.web.form import NormalFormRoute
from whipcount.web.gate import before_body
from whipcount.web.login import client_address, sign_in
from whipcount.web.pages import render

__all__ = ["api_router", "change_own_password", "page_router"]

api_router = APIRouter(prefix="/api", tags=["api"], route_class=StrictJSONRoute)
page_router = APIRouter(include_in_schema=False, route_class=NormalFormRoute)  # the CSRF token read as text

UNCHANGED = "; nothing was changed"
WRONG = "current password: wrong" + UNCHANGED
MISMATCH = "new password: the two you typed differ (type the same new password twice)" + UNCHANGED
CHANGED = "password-changed"
"""The notice of the session a change made on the page starts: the page after it says the change was made."""
FORM_ANSWERS = (400, 403, 429, 503)
"""The statuses the page answers with its form again, saying why (401, signed out, leads to sign-in)."""


def _signed_in(request: Request, sent: str | None) -> SessionUser:
    """The signed-in user of a request carrying the session's CSRF token from this site (any role)."""
    user = current_user(request)
    if user is None:  # e.g. the session ended while the form was open: sign-in leads back to the form
        raise HTTPError(401, "sign in to change your password", next_path="/password")
    check_csrf(request, sent)
    return user


async def change_own_password(request: Request, response: Response, user: SessionUser, current: str,
                              new: str, notice: str | None = None) -> str:
    """Give ``user`` the password ``new`` if ``current`` is theirs; returns the CSRF token of the browser's
    new session (with ``notice`` for its next page), whose cookie is set on ``response``. Raises HTTPError:
    400 (the new password refused, no attempt counted), 403 (``current`` wrong, counted as a failed sign-in),
    429 or 503 (as a sign-in)."""
    wc = request.app.state.wc
    if not current or len(current) > MAX_PASSWORD:
        raise HTTPError(400, "current password: give the password you sign in with" + UNCHANGED)
    try:
        check_password(new, "new password")
    except InputError as exc:
        raise HTTPError(400, f"{exc}{UNCHANGED}") from None
    if kept_form(new) == kept_form(current):
        raise HTTPError(400, "new password: expected one other than the current password" + UNCHANGED)
    device = await run_in_threadpool(known_device, request, user.name)
    try:
        account = await sign_in(wc, user.name, current, client_address(request, wc.proxies), device)
    except HTTPError as exc:
        if exc.status == 401:
            raise HTTPError(403, WRONG) from None
        raise
    await run_in_threadpool(lambda: wc.store.accounts.set_password(user.name, new, by=user.name))
    return str(await run_in_threadpool(start_session, request, response, account, notice))


class PasswordChange(BaseModel):
    """The current password and the new one (taken as typed: nothing is stripped, as at sign-in)."""

    max_body: ClassVar[int] = SMALL_BODY

    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD)
    new_password: str = Field(max_length=MAX_PASSWORD, description="8 to 1,000 characters, not a commonly "
                                                                   "used password, not one character repeated")


@before_body
def _api_user(request: Request) -> SessionUser:
    return _signed_in(request, request.headers.get(CSRF_HEADER))


@api_router.post("/password", summary="Change your own password (the current one is checked as a sign-in is, and "
                                      "counted with them); ends your other sessions and returns the new CSRF token")
async def change_password(body: PasswordChange, request: Request, response: Response,
                          user: Annotated[SessionUser, Depends(_api_user)]) -> dict[str, Any]:
    csrf = await change_own_password(request, response, user, body.current_password, body.new_password)
    return {"ok": True, "user": user.name, "csrf_token": csrf}


def _form_page(request: Request, *, status: int = 200, error: str | None = None, changed: bool = False,
               headers: dict[str, str] | None = None) -> Response:
    """The form (never with a password in it), with what went wrong or that the password was changed."""
    return render(request, "password.html", status=status, error=error, changed=changed, headers=headers)


@page_router.get("/password")
def password_page(request: Request) -> Response:
    """The form; once after a change made with it, the notice that it was made (the session's, kept on the
    server: no link shows it)."""
    if current_user(request) is None:
        raise HTTPError(401, "sign in to change your password")
    notice = request.app.state.wc.store.sessions.take_notice(request.cookies.get(SESSION_COOKIE, ""))
    return _form_page(request, changed=notice == CHANGED)


@before_body
def _page_user_first(request: Request) -> None:
    """A signed-in user sending from this site, checked before the form is read (its CSRF token once it is)."""
    if current_user(request) is None:
        raise HTTPError(401, "sign in to change your password", next_path="/password")
    check_origin(request)


@page_router.post("/password", dependencies=[Depends(_page_user_first)])
async def password_submit(request: Request, current_password: str = Form(""), new_password: str = Form(""),
                          new_password_again: str = Form(""),
                          csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    user = await run_in_threadpool(_signed_in, request, csrf_token)
    response = RedirectResponse("/password", status_code=303)
    try:
        if new_password != new_password_again:
            raise HTTPError(400, MISMATCH)
        await change_own_password(request, response, user, current_password, new_password, notice=CHANGED)
    except HTTPError as exc:
        if exc.status not in FORM_ANSWERS:
            raise
        return _form_page(request, status=exc.status, error=exc.message, headers=exc.headers)
    return response
