"""The take-back form when the stance changed after it was opened: its box confirms the stance as it is now
(the one a take-back sent again would take back), and the page says that the stance changed meanwhile and what
it is now, after a 409 and after a sign-in in another tab alike; taken back meanwhile, it says there is nothing
left to take back, not that the form is kept below."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from test_web_api import PK, _app, store  # noqa: F401
from test_web_form_resume import SAME_SITE, _post_forms, _sign_in
from whipcount.storage import Store

CLEAR = f"/s/{PK}/stance/clear?subject=party%3Appp"
PAGE = f"/s/{PK}/stance?subject=party:ppp"


def _open_take_back(store: Store) -> tuple[TestClient, dict[str, str]]:  # noqa: F811
    """alice, signed in, with the take-back form of PPP's stance (lean-no, version 1 by bob) open."""
    app = _app(store)
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob")
    c = TestClient(app)
    _sign_in(c)
    return c, _post_forms(c.get(PAGE).text)[CLEAR]


def _send(c: TestClient, fields: dict[str, str]) -> Any:
    return c.post(CLEAR, data={**fields, "confirm": "yes", "reason": "typed"}, headers=SAME_SITE,
                  follow_redirects=False)


def test_after_a_sign_in_elsewhere_a_newer_stance_is_said_to_be_new(store: Store) -> None:  # noqa: F811
    c, fields = _open_take_back(store)
    store.set_stance(PK, "party:ppp", stance="no", version=1, user="bob", note="voted with the government")
    _sign_in(c)  # another tab: the open form's token is no longer the session's
    r = _send(c, fields)
    assert r.status_code == 403 and "opened under an earlier sign-in" in r.text
    assert 'id="newer">Recorded meanwhile by bob' in r.text and "voted with the government" in r.text
    assert _post_forms(r.text)[CLEAR]["version"] == "2"  # the box now confirms version 2, and the page says why
    assert "(version 2) on party:ppp" in r.text and "typed</textarea>" in r.text
    assert store.stance(PK, "party:ppp").stance == "no"  # type: ignore[union-attr]


def test_after_a_sign_in_elsewhere_an_unchanged_stance_is_not_called_new(store: Store) -> None:  # noqa: F811
    c, fields = _open_take_back(store)
    _sign_in(c)
    r = _send(c, fields)
    assert r.status_code == 403 and 'id="newer"' not in r.text


def test_a_conflict_asks_for_the_box_to_be_ticked_again_for_the_stance_as_it_is(store: Store) -> None:  # noqa: F811
    c, fields = _open_take_back(store)
    store.set_stance(PK, "party:ppp", stance="no", version=1, user="bob")
    r = _send(c, fields)
    assert r.status_code == 409 and 'id="newer">Recorded meanwhile by bob' in r.text
    assert "to take that one back, tick the box again" in r.text and "record it over" not in r.text
    assert _post_forms(r.text)[CLEAR]["version"] == "2" and 'name="confirm" value="yes" required>' in r.text


def test_a_stance_taken_back_meanwhile_leaves_nothing_to_take_back(store: Store) -> None:  # noqa: F811
    c, fields = _open_take_back(store)
    store.clear_stance(PK, "party:ppp", version=1, user="bob")
    r = _send(c, fields)
    assert r.status_code == 409 and "it is now none; nothing is left to take back" in r.text
    assert 'id="newer">Taken back meanwhile' in r.text and "kept below" not in r.text
    assert CLEAR not in r.text  # no take-back form: nothing to take back
