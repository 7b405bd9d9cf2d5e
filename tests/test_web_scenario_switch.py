"""With several scenarios stored, every page links to each of them (a *Scenarios* list in the header): the
team moves from one case to another without typing an address."""

from __future__ import annotations

from test_web_api import PK, _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"


def test_every_page_links_to_every_scenario(store: Store) -> None:  # noqa: F811
    for case in (PK, DE):
        store.save_scenario(load_scenario(case))
    c = client(_app(store), "alice")
    assert {s["id"] for s in c.get("/api/scenarios").json()["scenarios"]} == {PK, DE}
    for here, path in ((PK, ""), (PK, "/members"), (PK, "/events"), (PK, "/stance?subject=party:ppp"),
                       (DE, ""), (DE, "/members")):
        page = c.get(f"/s/{here}{path}").text
        for other in (PK, DE):
            assert f'<a href="/s/{other}"' in page, (here, path, other)
        assert f'<a href="/s/{here}" aria-current="page">' in page
    assert f'<a href="/s/{DE}"' in c.get("/compare").text


def test_one_scenario_needs_no_list(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(PK))
    page = client(_app(store), "alice").get(f"/s/{PK}").text
    assert "<summary>Scenarios</summary>" not in page
