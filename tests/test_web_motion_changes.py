"""A further motion's dashboard (``/s/ID?motion=ID``) lists the last changes of its own stances, as the main
motion's dashboard lists the main motion's: newest first, who made them, take-backs and ends in words, escaped,
on a past day (``?on=``) those behind its count, and in the live fragment it fetches (``/s/ID/live?motion=ID``). The main
motion's list keeps to the main motion's stances. The further motion's list had been empty, whatever was written.

Germany 2025's first ballot (a further motion; the second is the main one) has the file's own stances: the
CDU/CSU yes from 28 April, the SPD yes from 30 April."""

from __future__ import annotations

from typing import Any

from test_web_api import XSS, _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"


def _changes(c: Any, motion: str | None = FIRST, **params: str) -> list[tuple[str, str | None, str, str | None]]:
    board = c.get(f"/api/scenarios/{DE}/dashboard", params={**({"motion": motion} if motion else {}), **params})
    assert board.status_code == 200, board.text
    return [(h["subject"], h["old_stance"], h["new_stance"], h.get("changed_by")) for h in board.json()["last_changes"]]


def _written(store: Store) -> Any:  # noqa: F811
    """alice's three writes on the first ballot: the SPD no, AfD absent, then the SPD's no taken back."""
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    for body in ({"subject": "party:spd", "stance": "no", "version": 1, "note": XSS},
                 {"subject": "party:afd", "stance": "absent", "version": 0}):
        assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, **body}).status_code == 200
    r = c.post(f"/api/scenarios/{DE}/stances/clear", json={"motion": FIRST, "subject": "party:spd", "version": 2,
                                                           "reason": "the wrong ballot"})
    assert r.status_code == 200, r.text
    return c


def test_a_further_motions_dashboard_lists_its_own_changes_newest_first(store: Store) -> None:  # noqa: F811
    c = _written(store)
    assert _changes(c) == [  # by hand: the three writes, newest first, then the file's two entries
        ("party:spd", "no", "cleared", "alice"),
        ("party:afd", None, "absent", "alice"),
        ("party:spd", "yes", "no", "alice"),
        ("party:spd", None, "yes", None),
        ("party:cdu-csu", None, "yes", None),
    ]
    # a past day lists those behind its count, as the main motion's page does: alice's stances hold from the
    # vote's day (6 May), after it; the take-back counts from the SPD's first entry's day (30 April)
    assert _changes(c, on="2025-05-01") == [
        ("party:spd", "no", "cleared", "alice"),
        ("party:spd", None, "yes", None),
        ("party:cdu-csu", None, "yes", None),
    ]
    assert _changes(c, motion=None) == _changes(c, motion=MAIN)
    assert all(h[3] != "alice" for h in _changes(c, motion=None))  # none of the first ballot's on the main's list
    main = [(h.subject, h.old_stance, h.new_stance) for h in store.history(DE, limit=10)]
    assert [h[:3] for h in _changes(c, motion=None)] == main


def test_the_page_and_the_live_fragment_show_them_escaped(store: Store) -> None:  # noqa: F811
    c = _written(store)
    page = c.get(f"/s/{DE}", params={"motion": FIRST}).text
    changes = page[page.index('id="changes"'):]
    assert "party:spd No → taken back as wrong" in " ".join(changes.split())
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in changes
    assert f'data-fragment="/s/{DE}/live?motion={FIRST}"' in page and "/static/live.js" in page
    live = c.get(f"/s/{DE}/live", params={"motion": FIRST})
    assert live.status_code == 200 and live.headers["X-Revision"] == str(store.revision(DE))
    assert "taken back as wrong" in live.text and "<script>alert" not in live.text
    assert "taken back as wrong" not in c.get(f"/s/{DE}/live").text  # the main motion's fragment
    past = c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-05-01"}).text
    assert "taken back as wrong" in past and "/static/live.js" not in past  # a past day: not live
    missing = c.get(f"/s/{DE}/live", params={"motion": "third"})
    assert missing.status_code == 404 and "no motion &#39;third&#39;" in missing.text


def test_a_reader_not_signed_in_is_not_told_who_or_why(store: Store) -> None:  # noqa: F811
    _written(store)
    public = client(_app(store, public_read=True))
    rows = public.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST}).json()["last_changes"]
    assert len(rows) == 5 and all("changed_by" not in h for h in rows)
    assert "note" not in rows[0] and rows[2]["note"] == XSS  # a take-back's reason hidden, a stance's note kept
    assert "the wrong ballot" not in public.get(f"/s/{DE}/live", params={"motion": FIRST}).text


def test_the_trail_says_which_motion_a_stance_change_is_of(store: Store) -> None:  # noqa: F811
    """The event log's audit trail had listed the first ballot's changes as the main motion's (the same target,
    the same from and to); each now names its motion."""
    c = _written(store)
    assert c.post(f"/api/scenarios/{DE}/stances", json={"subject": "party:linke", "stance": "no",
                                                         "version": 0}).status_code == 200  # the main motion's
    page = c.get(f"/s/{DE}/events").text
    rows = [" ".join(r.split()) for r in page.split('<tr><td class="date"')[1:]]
    labelled = [r for r in rows if f"(motion {FIRST})" in r]
    assert len(labelled) == 3  # alice's three writes on the first ballot, by hand
    assert [r for r in rows if "party:linke" in r and "(motion" not in r]  # the main motion's, unlabelled
