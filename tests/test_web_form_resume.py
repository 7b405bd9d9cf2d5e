"""A page's form sent when its session no longer holds leads back to the same form, with its subject: after the
session ended (sign-in, then the form's own page: the stance form of the same subject and motion, the take-back
form beside it, the password form, the event form), after a sign-in in another tab (the form drawn again at once with what was
typed, its version kept, nothing written), and a sign-in form left open past its token's day (a fresh sign-in form
leading to the same place). Sign-in leads only to a path of this site, whatever ``next`` says."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from whipcount.storage import Store
from whipcount.web.auth import PRE_COOKIE, SESSION_COOKIE

FURTHER = "pm-election-2022-04-11"
"""The further motion of the bundled Pakistan scenario (its PM election)."""
SAME_SITE = {"origin": "http://testserver"}
"""What a browser sends with a form of this site's own page."""


def _sign_in(c: TestClient, nxt: str = "/") -> Any:
    token = _form_token(c.get("/login").text)
    return c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": nxt},
                  follow_redirects=False)


def _post_forms(page: str) -> dict[str, dict[str, str]]:
    """The POST forms of a page but sign-out, by action: their fields as the page fills them in."""
    forms = {}
    for attrs, body in re.findall(r'<form method="post" action="([^"]*)"[^>]*>(.*?)</form>', page, re.DOTALL):
        action = html.unescape(attrs)
        if action == "/logout":
            continue
        fields = {html.unescape(n): html.unescape(v) for n, v in
                  re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)}
        forms[action] = fields
    return forms


PAGES = [f"/s/{PK}/stance?subject=party:ppp", f"/s/{PK}/stance?subject=party:ppp&motion={FURTHER}", "/password",
         f"/s/{PK}/events/new"]


@pytest.mark.parametrize("page", PAGES)
def test_every_form_sent_after_its_session_ended_leads_back_to_itself(store: Store, page: str) -> None:  # noqa: F811
    app = _app(store)  # loads the scenario
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob")  # the take-back form shows
    logged = len(store.events(PK))
    if "motion" in page:
        store.set_motion_stance(PK, FURTHER, "party:ppp", stance="lean-no", version=0, user="bob")
    c = TestClient(app)
    assert _sign_in(c).status_code == 303
    forms = _post_forms(c.get(page).text)
    assert len(forms) == (2 if "/stance" in page else 1), forms
    for action, fields in forms.items():
        store.sessions.revoke(c.cookies[SESSION_COOKIE])  # the session ends while the form is open
        r = c.post(action, data={**fields, "note": "typed", "reason": "typed"}, headers=SAME_SITE,
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), (action, r.text[-200:])
        login = c.get(r.headers["location"]).text
        nxt = re.search(r'name="next" value="([^"]*)"', login)
        assert nxt, login
        back = _sign_in(c, html.unescape(nxt.group(1)))
        assert back.status_code == 303
        where = back.headers["location"]
        again = c.get(where.split("#")[0])
        assert again.status_code == 200 and action in _post_forms(again.text), (action, where)
    assert store.history(PK, subject="party:ppp")[0].changed_by == "bob"  # nothing was written
    assert len(store.events(PK)) == logged


def test_a_stance_form_leads_back_marked_to_be_filled_in_again(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    _sign_in(c)
    fields = _post_forms(c.get(PAGES[1]).text)[f"/s/{PK}/stance?subject=party%3Appp&motion={FURTHER}"]
    store.sessions.revoke(c.cookies[SESSION_COOKIE])
    r = c.post(f"/s/{PK}/stance?subject=party%3Appp&motion={FURTHER}", data={**fields, "stance": "no"},
               follow_redirects=False)
    assert parse_qs(urlsplit(r.headers["location"]).query)["next"] == [
        f"/s/{PK}/stance?subject=party:ppp&motion={FURTHER}#resume"]


def test_a_form_opened_before_a_sign_in_elsewhere_comes_back_with_what_was_typed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    old_tab = TestClient(app)
    _sign_in(old_tab)
    fields = _post_forms(old_tab.get(PAGES[0]).text)[f"/s/{PK}/stance?subject=party%3Appp"]
    _sign_in(old_tab)  # signed in again in another tab: a new session, whose CSRF token the open form lacks
    typed = {**fields, "stance": "no", "note": "walked out at noon", "source": "https://example.org/walkout"}
    r = old_tab.post(f"/s/{PK}/stance?subject=party%3Appp", data=typed, headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 403 and "opened under an earlier sign-in" in r.text
    assert store.stance(PK, "party:ppp") is None  # nothing written
    again = _post_forms(r.text)[f"/s/{PK}/stance?subject=party%3Appp"]
    assert again["version"] == "0" and again["csrf_token"] != fields["csrf_token"]
    assert 'value="no" checked' in r.text and "walked out at noon</textarea>" in r.text
    assert 'value="https://example.org/walkout"' in r.text
    # sent again from the page drawn again: written, once
    r = old_tab.post(f"/s/{PK}/stance?subject=party%3Appp", data={**typed, "csrf_token": again["csrf_token"]},
                     headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 303 and store.stance(PK, "party:ppp").note == "walked out at noon"  # type: ignore[union-attr]
    assert len(store.history(PK, subject="party:ppp")) == 1


def test_a_wrong_token_without_word_of_this_site_is_still_only_refused(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    _sign_in(c)
    r = c.post(f"/s/{PK}/stance?subject=party%3Appp", data={"subject": "party:ppp", "stance": "no", "version": "0",
                                                           "note": "planted", "csrf_token": "guess"})
    assert r.status_code == 403 and "CSRF token missing or wrong" in r.text and "planted" not in r.text


def test_a_sign_in_form_left_open_past_its_day_leads_to_a_fresh_one_with_the_same_target(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    token = _form_token(c.get("/login").text)
    c.cookies.delete(PRE_COOKIE)  # its day is over: the browser dropped the cookie
    target = f"/s/{PK}/stance?subject=party:ppp#resume"
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": target},
               headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 303 and SESSION_COOKIE not in c.cookies and "set-cookie" not in r.headers
    fresh = c.get(r.headers["location"])
    assert "the sign-in form had expired; nothing was checked: sign in again" in fresh.text
    assert f'name="next" value="{html.escape(target)}"' in fresh.text
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": _form_token(fresh.text),
                               "next": target}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}/stance?subject=party:ppp#resume"


HOSTILE = ["//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "http:evil.example",
           " //evil.example", "/\t/evil.example", "/\r\n/evil.example", "javascript:alert(1)", "evil.example",
           "\x00//evil.example", "/%09/evil.example#resume"]


@pytest.mark.parametrize("nxt", HOSTILE)
def test_sign_in_leads_only_to_a_path_of_this_site(store: Store, nxt: str) -> None:  # noqa: F811
    c = TestClient(_app(store))
    shown = re.search(r'name="next" value="([^"]*)"', c.get("/login", params={"next": nxt}).text)
    r = _sign_in(c, nxt)
    for where in (html.unescape(shown.group(1)) if shown else "/", r.headers["location"]):
        # as a browser reads it: tabs and line breaks dropped, a backslash as a slash
        read = urlsplit("http://testserver" + re.sub(r"[\t\r\n]", "", where).replace("\\", "/"))
        assert read.netloc == "testserver" and where.startswith("/"), (nxt, where)
