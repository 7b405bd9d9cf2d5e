"""A scenario with two motions (Germany 2025: both ballots of 6 May for Merz): the dashboard names the motion
it counts under a label no other shares, lists every motion, and counts the one asked for (``?motion=ID``,
the API and the page) with its own stances, as `whipcount count --motion` does; the whip count edited here
stays the main motion's."""

from __future__ import annotations

import re

from test_web_api import _app, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
FIRST, SECOND = "chancellor-first-ballot-2025-05-06", "chancellor-second-ballot-2025-05-06"


def test_each_motion_is_labelled_apart_and_can_be_chosen(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    main = c.get(f"/api/scenarios/{DE}/dashboard").json()
    assert [m["id"] for m in main["motions"]] == [SECOND, FIRST]
    labels = [m["label"] for m in main["motions"]]
    assert len(set(labels)) == 2 and all(m["id"] in m["label"] for m in main["motions"])
    assert main["motion"]["id"] == SECOND and "Friedrich Merz" in main["motion"]["label"]
    # the SPD's 120 seats move to no on the main motion: 328 - 120 = 208 there; the first ballot keeps its own
    version = c.get(f"/api/scenarios/{DE}/stances").json()["stances"]
    spd = next(s["version"] for s in version if s["subject"] == "party:spd")
    assert c.post(f"/api/scenarios/{DE}/stances",
                  json={"subject": "party:spd", "stance": "no", "version": spd}).status_code == 200
    assert c.get(f"/api/scenarios/{DE}/dashboard").json()["yes"] == 208
    first = c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST}).json()
    assert (first["motion"]["id"], first["yes"], first["magic_number"]) == (FIRST, 328, 316)
    assert [m["id"] for m in first["motions"]] == [SECOND, FIRST]
    assert c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": SECOND}).json()["yes"] == 208
    assert_error(c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": "third"}), 404,
                 f"no motion 'third' .*{SECOND} .*{FIRST}")


def test_the_page_offers_every_motion_and_says_which_it_counts(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    page = c.get(f"/s/{DE}", params={"motion": FIRST}).text
    options = re.findall(r'<option value="([^"]+)"\s*(selected)?>([^<]+)</option>', page)
    assert [(v, bool(sel)) for v, sel, _ in options] == [(SECOND, False), (FIRST, True)]
    # the id first: a phone's closed list shows the start of the text, where the two ballots differ
    assert [t for _, _, t in options] == [f"{SECOND}: pm-election (Friedrich Merz) (main)",
                                          f"{FIRST}: pm-election (Friedrich Merz)"]
    assert f"Motion: pm-election (Friedrich Merz), motion {FIRST}, vote 2025-05-06." in page
    assert "A further motion" in page  # not the main motion's whip count, and says so
    assert "live.js" in page and f'data-fragment="/s/{DE}/live?motion={FIRST}"' in page  # live, its own fragment
    live = c.get(f"/s/{DE}").text
    assert f"motion {SECOND}, vote 2025-05-06." in live and "live.js" in live


def test_a_further_motions_board_is_computed_once_a_revision(store: Store, monkeypatch) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """Another motion's board (with its P(pass): 60 ms for Pakistan's PM election) was computed on every
    request, so readers asking for it again and again cost the server a count each; it is computed once a
    revision, day and motion, and again after a write."""
    from whipcount.web import state

    calls: list[str] = []
    real = state.build_board

    def counted(scenario, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(scenario.motion.id)
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(state, "build_board", counted)
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    for _ in range(3):
        assert c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST}).json()["yes"] == 328
    assert calls.count(FIRST) == 1
    assert c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST, "on": "2025-05-05"}).status_code == 200
    assert calls.count(FIRST) == 2  # another day, another board
    version = next(s["version"] for s in c.get(f"/api/scenarios/{DE}/stances").json()["stances"]
                   if s["subject"] == "party:spd")
    assert c.post(f"/api/scenarios/{DE}/stances",
                  json={"subject": "party:spd", "stance": "no", "version": version}).status_code == 200
    c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST})
    assert calls.count(FIRST) == 3  # a write is a new revision
