"""Two spellings of one position (``party:ppp`` and ``party:ppp@opposition`` while PPP sits in opposition)
are one stance with one version: the second of two writers who read version 0 gets 409, through the API and
the stance form alike."""

from __future__ import annotations

import re

from test_web_api import PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.storage import Store


def test_the_second_spelling_of_a_position_read_at_the_same_version_is_a_conflict(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert set_stance(c, "party:ppp", "no", 0, note="editor 1").status_code == 200
    body = assert_error(set_stance(c, "party:ppp@opposition", "yes", 0, note="editor 2"), 409, "changed since")
    assert body["current"]["subject"] == "party:ppp" and body["current"]["stance"] == "no"
    positions = [p for p in c.get(f"/api/scenarios/{PK}/dashboard").json()["positions"] if p["party"] == "ppp"]
    assert [(p["subject"], p["stance"], p["version"]) for p in positions] == [("party:ppp", "no", 1)]


def test_the_form_opens_the_stored_spelling_with_its_version(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert set_stance(c, "party:ppp", "no", 0).status_code == 200
    html = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp@opposition"}).text
    assert re.search(r'name="subject" value="party:ppp"', html)
    assert re.search(r'name="version" value="1"', html)


def test_the_history_of_a_position_is_found_under_either_spelling(store: Store) -> None:  # noqa: F811
    # MQM-P joined the opposition on 30 March (scenario file): on the vote's day its main side is the opposition,
    # so party:mqm-p@opposition is party:mqm-p, the spelling a write stores
    c = client(_app(store), "alice")
    assert set_stance(c, "party:mqm-p@opposition", "no", 0, note="talks collapsed").status_code == 200
    assert set_stance(c, "party:mqm-p", "yes", 1, note="back on").status_code == 200
    url = f"/api/scenarios/{PK}/history"
    plain = c.get(url, params={"subject": "party:mqm-p"}).json()["history"]
    assert [(h["subject"], h["new_stance"], h["version"]) for h in plain] == [("party:mqm-p", "yes", 2),
                                                                             ("party:mqm-p", "no", 1)]
    assert c.get(url, params={"subject": "party:mqm-p@opposition"}).json()["history"] == plain
    # the other side is another position: nothing recorded there
    assert c.get(url, params={"subject": "party:mqm-p@government"}).json()["history"] == []
    assert_error(c.get(url, params={"subject": "mqm-p"}), 400, "subject")
