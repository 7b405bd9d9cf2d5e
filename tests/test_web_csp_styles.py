"""No page lets an inline style apply but the CSS of its own charts: every page's Content Security Policy has no
'unsafe-inline' for styles, a page has no style attribute (a colour's swatch is an SVG square filled by a
presentation attribute), and each ``<style>`` a chart carries is marked with the nonce of that page alone (the
swatches' colours: test_web_pages; the live dashboard in a browser: test_web_browser_csp)."""

from __future__ import annotations

import re
from typing import Any

from test_web_api import PK, _app, client, login_form, store  # noqa: F401
from whipcount.storage import Store


def style_src(r: Any) -> str:
    directives = dict(d.strip().split(" ", 1) for d in r.headers["content-security-policy"].split(";"))
    return directives["style-src"]


def test_no_page_lets_an_inline_style_apply_but_its_charts(store: Store) -> None:  # noqa: F811
    app = _app(store)
    editor, anonymous = login_form(app, "alice"), client(app)
    pages = [editor.get(p) for p in (f"/s/{PK}", f"/s/{PK}?on=2022-03-30", f"/s/{PK}/members", f"/s/{PK}/events",
                                     f"/s/{PK}/stance?subject=party:ppp", f"/compare?a={PK}&on_b=2022-03-08",
                                     "/password", f"/s/{PK}/events/new", f"/s/{PK}/live", "/s/no-such-scenario", f"/s/{PK}?on=tomorrow")]
    pages.append(anonymous.get("/login"))
    charts = 0
    for r in pages:
        where = (str(r.request.url), r.status_code)
        src = style_src(r)
        assert "'unsafe-inline'" not in src and "'unsafe-hashes'" not in src, where
        assert not re.search(r"\sstyle=", r.text), where
        nonces = re.findall(r"'nonce-([^']+)'", src)
        tags = [] if "/live" in where[0] else re.findall(r"<style[^>]*>", r.text)  # the fragment live.js marks
        for tag in tags:
            charts += 1
            assert nonces and tag == f'<style nonce="{nonces[0]}">', (where, tag)
    assert charts >= 4  # the dashboard's and the past day's hemicycles, each drawn for a desktop and a phone
    # a nonce is the page's alone
    again = [style_src(editor.get(f"/s/{PK}")) for _ in range(3)]
    assert len(set(again)) == 3

