"""What the browser and a shared cache may keep: nothing that holds a CSRF token, a one-time notice or what
only a signed-in user may read (RFC 9111, section 5.2.2.5: ``no-store``; section 5.2.2.7: ``private``), so a
back button after sign-out on a newsroom's shared computer shows no page; the dashboard, which revalidates by
its ETag (its data and the live fragment the page fetches), is ``private, no-cache``; the bundled assets may be
cached."""

from __future__ import annotations

from typing import Any

from test_web_api import PK, _app, client, login_form, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store


def _directives(r: Any) -> set[str]:
    return {d.strip() for d in r.headers.get("cache-control", "").split(",") if d.strip()}


def test_pages_and_answers_are_not_stored(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(PK))
    app = _app(store)
    form = login_form(app, "alice")
    api = client(app, "alice")
    anonymous = client(app)
    for r in (form.get("/password"), form.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}),
              form.get("/"), form.get(f"/s/{PK}"), anonymous.get("/login"), api.get("/api/me"), anonymous.get("/api/me"),
              api.get(f"/api/scenarios/{PK}/stances"), api.post("/api/login", json={"name": "x", "password": "y"})):
        assert {"private", "no-store"} <= _directives(r), (r.request.url, r.status_code, r.headers)


def test_the_dashboard_revalidates_and_the_assets_may_be_kept(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(PK))
    app = _app(store)
    api, form = client(app, "alice"), login_form(app, "alice")
    for r in (api.get(f"/api/scenarios/{PK}/dashboard"), form.get(f"/s/{PK}/live")):
        assert r.status_code == 200 and _directives(r) == {"private", "no-cache"}, r.headers
    css = client(app).get("/static/app.css")
    assert css.status_code == 200 and "no-store" not in _directives(css)


def test_the_api_docs_assets_may_be_kept_as_the_apps_own(store: Store) -> None:  # noqa: F811
    # Swagger UI's scripts and styles are files of the package, the same for everyone: cached as /static/ is
    # (no cache-control of the app's, the file's ETag to revalidate by); the docs page and an error there are not
    app = _app(store)
    anonymous = client(app)
    own = anonymous.get("/static/app.css")
    for path in ("/api/docs/static/swagger-ui-bundle.js", "/api/docs/static/swagger-ui.css"):
        r = anonymous.get(path)
        assert r.status_code == 200 and _directives(r) == _directives(own) == set(), (path, r.headers)
        assert r.headers.get("etag") and r.headers.get("last-modified"), r.headers
    for r in (anonymous.get("/api/docs"), anonymous.get("/api/docs/static/no-such-file.js"),
              login_form(app, "alice").get("/api/docs/static/no-such-file.js")):
        assert {"private", "no-store"} <= _directives(r), (r.request.url, r.status_code, r.headers)
