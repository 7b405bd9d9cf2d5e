"""A body a page's form cannot be read from is answered in the app's own words and format, on every page that takes
a form: the error page (or, to a client asking for JSON, the error shape), with the status and what was expected:
a file in a multipart form, a multipart form the parser cannot read, a body sent as another type than a form, bytes
that are not UTF-8 (escaped, or in a multipart form's field whatever charset it declares); and a body over the server's limit is the error page too, not the API's JSON. Nothing is
written, and nothing sent is quoted back but the name of its field."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, assert_error, store  # noqa: F401
from test_web_form_fields import form_routes
from whipcount.storage import Store

URLENCODED = "application/x-www-form-urlencoded"
FILE = ("request body: expected a form of text fields, got a file in field 'upload'; a page's form takes no "
        "files")
UNREAD = "request body: expected a form (application/x-www-form-urlencoded or multipart/form-data), could not read it: "
NOT_FORM = ("request body: expected a form sent as Content-Type: application/x-www-form-urlencoded or "
            "multipart/form-data, got ")
STARLETTE = ("Too many files", "Missing boundary", "There was an error parsing the body", "expected JSON")


def _file_body(token: str) -> tuple[bytes, str]:
    """A multipart form of a stance's fields and one file (what ``curl -F upload=@notes.txt`` sends)."""
    fields = {"csrf_token": token, "subject": "party:ppp", "stance": "no", "version": "0", "name": "alice",
              "password": PASSWORD}
    parts = b"".join(b'--zz\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (k.encode(), v.encode())
                     for k, v in fields.items())
    parts += (b'--zz\r\nContent-Disposition: form-data; name="upload"; filename="notes.txt"\r\n'
              b"Content-Type: text/plain\r\n\r\nsecret notes\r\n--zz--\r\n")
    return parts, "multipart/form-data; boundary=zz"


def _multipart(token: str, *, field: bytes = b"note", value: bytes = b"\xff\xfe", charset: str = "",
               part_type: bytes = b"", extra: bytes = b"") -> tuple[bytes, str]:
    """A multipart stance form (as ``curl -F`` sends it) with ``value`` in ``field``, a ``charset`` declared on the
    form's type, a ``part_type`` on that field's part and ``extra`` parts."""
    fields = [(b"csrf_token", token.encode()), (b"subject", b"party:ppp"), (b"stance", b"no"), (b"version", b"0"),
              (b"name", b"alice"), (b"password", PASSWORD.encode()), (field, value)]
    parts = b"".join(b'--zz\r\nContent-Disposition: form-data; name="%s"\r\n%s\r\n%s\r\n'
                     % (k, b"Content-Type: %s\r\n" % part_type if part_type and k == field else b"", v)
                     for k, v in fields)
    return parts + extra + b"--zz--\r\n", "multipart/form-data; boundary=zz" + (f"; charset={charset}" if charset else "")


def _not_utf8(field: str, what: str = "value", at: int = 0) -> str:
    return re.escape(f"request body: expected a form in UTF-8, got field {field!r} whose {what} holds a byte that is "
                     f"not UTF-8 (at byte {at})") + "$"


LATIN1 = b'--zz\r\nContent-Disposition: form-data; name="_charset_"\r\n\r\niso-8859-1\r\n'
BODIES: dict[str, tuple[Any, int, str]] = {
    # name: (body and type, or a function of the CSRF token giving them), status, the message (a regex)
    "a file": (_file_body, 422, re.escape(FILE)),
    "multipart without a boundary": ((b"csrf_token=x", "multipart/form-data"), 422,
                                     re.escape(UNREAD + "missing boundary in multipart") + "$"),
    "a multipart part cut short": ((b"--zz\r\nbad\r\n\r\n", "multipart/form-data; boundary=zz"), 422,
                                   re.escape(UNREAD) + "found invalid character 13 in header"),
    "JSON": ((b'{"stance": "no"}', "application/json"), 415, re.escape(NOT_FORM + "Content-Type 'application/json'")),
    "text": ((b"stance=no", "text/plain"), 415, re.escape(NOT_FORM + "Content-Type 'text/plain'")),
    "no type": ((b"stance=no", None), 415, re.escape(NOT_FORM + "no Content-Type")),
    "a file in a field named in UTF-8": (lambda t: _multipart(t, field=b'd\xc3\xa9p\xc3\xb4t"; filename="a.txt', value=b"x"),
                                         422, re.escape(FILE.replace("'upload'", "'d\u00e9p\u00f4t'"))),
    "not UTF-8": (lambda t: (f"csrf_token={t}&subject=party%3Appp&stance=no&version=0&note=ok%FF%FE".encode(),
                             URLENCODED), 422,
                  re.escape("request body: expected a form in UTF-8, got field 'note' whose value holds a byte "
                            "that is not UTF-8 (at byte 2)")),
    # the same bytes in a multipart form, whatever charset it declares: it is read as UTF-8, as the pages send it
    "multipart not UTF-8": (_multipart, 422, _not_utf8("note")),
    "multipart password not UTF-8": (lambda t: _multipart(t, field=b"password", value=PASSWORD.encode() + b"\xe9"),
                                     422, _not_utf8("password", at=len(PASSWORD))),
    "multipart field name not UTF-8": (lambda t: _multipart(t, field=b"n\xf6te", value=b"ok"), 422,
                                       _not_utf8("n\ufffdte", "name", 1)),
    "multipart declared Latin-1": (lambda t: _multipart(t, charset="iso-8859-1"), 422, _not_utf8("note")),
    "multipart part declared Latin-1": (lambda t: _multipart(t, part_type=b"text/plain; charset=iso-8859-1"), 422,
                                        _not_utf8("note")),
    "multipart _charset_ Latin-1": (lambda t: _multipart(t, extra=LATIN1), 422, _not_utf8("note")),
}


def _signed_in(app: Any) -> tuple[TestClient, str]:
    """A browser signed in as an editor, and its session's CSRF token: no route refuses it before the form."""
    c = TestClient(app)
    token = _form_token(c.get("/login").text)
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": "/"},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    return c, _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)


def _alert(r: Any) -> str:
    found = re.search(r'<p class="error" role="alert"[^>]*>([^<]*)</p>', r.text)
    assert found, r.text[-500:]
    return html.unescape(found.group(1))


@pytest.mark.parametrize("case", list(BODIES))
def test_a_form_body_that_cannot_be_read_is_the_error_page_saying_what_was_expected(store: Store,  # noqa: F811
                                                                                    case: str) -> None:
    made, status, said = BODIES[case]
    app = _app(store)
    for path in form_routes(app):
        c, token = _signed_in(app)
        content, kind = made(token) if callable(made) else made
        headers = {"content-type": kind} if kind else {}
        r = c.post(f"{path}?subject=party:ppp", content=content, headers=headers, follow_redirects=False)
        assert r.status_code == status, (path, r.status_code, r.text[-300:])
        assert r.headers["content-type"].startswith("text/html"), path
        assert re.search(said, _alert(r)), (path, _alert(r))
        assert not any(w in r.text for w in STARLETTE), path
        assert PASSWORD not in r.text and "secret notes" not in r.text, path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        # a client asking for JSON gets the error shape
        j = c.post(path, content=content, headers={**headers, "accept": "application/json"})
        assert_error(j, status, said)
    assert store.stance(PK, "party:ppp") is None and store.audit(PK, action="stance.set") == []  # nothing written
    assert TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200


def test_a_form_without_a_type_or_a_body_is_an_empty_form(store: Store) -> None:  # noqa: F811
    c, _ = _signed_in(_app(store))
    # no field at all: read as an empty form, so the form's own checks answer (here, the CSRF token)
    r = c.post(f"/s/{PK}/stance?subject=party:ppp", follow_redirects=False)
    assert r.status_code == 403 and _alert(r).startswith("CSRF token missing or wrong"), r.text[-300:]


@pytest.mark.parametrize("multipart", [False, True])
@pytest.mark.parametrize("path", ["/login", f"/s/{PK}/stance?subject=party:ppp"])
def test_a_page_body_over_the_limit_is_the_error_page(store: Store, path: str, multipart: bool) -> None:  # noqa: F811
    c, token = _signed_in(_app(store, max_body=1000))
    content, kind = _multipart(token, value=b"x" * 2000) if multipart else (b"note=" + b"x" * 2000, URLENCODED)
    r = c.post(path, content=content, headers={"content-type": kind}, follow_redirects=False)
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html"), r.text[:300]
    assert _alert(r) == "request body too large: at most 1000 bytes"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["connection"] == "close"
    api = c.post(f"/api/scenarios/{PK}/stances", content=b"x" * 2000, headers={"content-type": "application/json"})
    assert_error(api, 413, "^request body too large: at most 1000 bytes$")


@pytest.mark.parametrize("charset", ["", "utf-8", "iso-8859-1"])
def test_a_multipart_form_in_utf8_is_stored_as_sent(store: Store, charset: str) -> None:  # noqa: F811
    c, token = _signed_in(_app(store))
    note = "\u00d1o\u00f1o \u65e5\u672c"  # Ñoño 日本, written by its code points
    content, kind = _multipart(token, value=note.encode("utf-8"), charset=charset,
                               extra=LATIN1 if charset == "iso-8859-1" else b"")
    r = c.post(f"/s/{PK}/stance?subject=party:ppp", content=content, headers={"content-type": kind},
               follow_redirects=False)
    assert r.status_code == 303, r.text[-300:]
    row = store.stance(PK, "party:ppp")
    assert row is not None and (row.stance, row.note) == ("no", note)
    assert [e.after["note"] for e in store.audit(PK, action="stance.set")] == [note]
