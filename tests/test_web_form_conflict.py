"""Two reporters save the same party's stance from the form at once: the second is refused (409) and sees
what the first recorded (stance, date, note, source, who), keeps everything typed, and is told to send it
again, not to reload (which would lose it); sending it again records it over the first."""

from __future__ import annotations

from test_web_api import PK, _app, _form_token, login_form, store  # noqa: F401
from whipcount.storage import Store


def _save(c, token: str, note: str, stance: str, source: str, version: str = "0"):  # type: ignore[no-untyped-def]
    return c.post(f"/s/{PK}/stance", data={"csrf_token": token, "subject": "party:ppp", "stance": stance,
                                           "version": version, "note": note, "source": source},
                  follow_redirects=False)


def test_the_second_reporter_sees_the_first_and_keeps_what_they_typed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    alice, bob = login_form(app, "alice"), login_form(app, "bob")
    ta = _form_token(alice.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)
    tb = _form_token(bob.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)
    assert _save(alice, ta, "PPP leadership wavers", "lean-no", "https://example.org/a").status_code == 303
    bobs = "Zardari told us: PPP votes yes\nsecond line"
    r = _save(bob, tb, bobs, "yes", "https://example.org/b")
    assert r.status_code == 409
    page = r.text
    assert "reload" not in page and "send it again" in page
    newer = page[page.index('id="newer"'):].split("</p>")[0]
    for seen in ("alice", "<b>Leaning no</b>", "PPP leadership wavers", "https://example.org/a"):
        assert seen in newer, seen
    assert f">{bobs}</textarea>" in page and 'value="https://example.org/b"' in page
    assert 'name="version" value="1"' in page and 'value="yes" checked' in page
    assert _save(bob, tb, bobs, "yes", "https://example.org/b", version="1").status_code == 303
    row = store.stance(PK, "party:ppp")
    assert row is not None and (row.stance, row.note, row.updated_by, row.version) == ("yes", bobs, "bob", 2)
