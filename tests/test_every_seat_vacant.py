"""A chamber whose events leave every seat vacant (the last members resign) has no member to vote on the
days after: every command that counts a bar on such a day says so in one line naming the file, the line and
the event that left the last seat empty, and the day asked, instead of ``vacancies: 10 vacancies leave no
member in a chamber of 10 seats``, which named neither the file nor a field the file has. A day before the
event is counted as usual: 6 of 10 (a majority of the total membership, floor(10/2) + 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult

EMPTIED = """\
id: emptied
title: every seat vacated
chamber: {name: Small House, rules: pk-na, seats: 10, vacancies: 0, as_of: 2024-01-01}
parties:
  - {id: a, name: A, seats: 6, side: government, source: "https://example.org/a"}
  - {id: b, name: B, seats: 4, side: opposition, source: "https://example.org/b"}
events:
  - {date: 2024-01-20, kind: resign, party: a, seats: 6, source: "https://example.org/e1"}
  - {date: 2024-01-21, kind: resign, party: b, seats: 4, source: "https://example.org/e2"}
motion: {kind: no-confidence, target: PM, filed: 2024-01-10, vote: 2024-02-01}
"""

COMMANDS = [("tally",), ("count",), ("forecast",), ("power",), ("coalitions",), ("cases",), ("outcome",),
            ("what-if", "--yes", "b"), ("tally", "--json"), ("tally", "--format", "csv")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_day_with_every_seat_vacant_names_the_event_that_emptied_it(
        run_cli: Callable[..., CliResult], write_scenario: Callable[[str], Path], command: tuple[str, ...]) -> None:
    path = write_scenario(EMPTIED, "emptied.yaml")
    r = run_cli(command[0], str(path), *command[1:])
    assert r.code == 1 and not r.out
    err = json.loads(r.err)["error"] if "--json" in command else r.err
    assert "emptied.yaml:9: events[1]: resign on 2024-01-21 left every one of the 10 seats vacant" in err, err
    assert "on 2024-02-01 no member is there to vote" in err and "give a date before 2024-01-21" in err
    assert "Traceback" not in r.err


def test_the_day_before_is_counted(run_cli: Callable[..., CliResult], write_scenario: Callable[[str], Path]) -> None:
    path = write_scenario(EMPTIED, "emptied.yaml")
    r = run_cli("tally", str(path), "--on", "2024-01-20", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["needed"], out["vacancies"], out["sides"]["opposition"]) == (10 // 2 + 1, 6, 4)


def test_the_dashboard_of_that_day_says_no_seat_is_held(tmp_path: Path, write_scenario: Callable[[str], Path]) -> None:
    """The dashboard loads (no bar, no P(pass)), says why, and lists the seats as none held, not 'Seats: .'."""
    pytest.importorskip("fastapi")
    import re

    from fastapi.testclient import TestClient

    from whipcount.io.scenario import load_scenario
    from whipcount.storage import Store
    from whipcount.web.app import create_app

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        store.save_scenario(load_scenario(str(write_scenario(EMPTIED, "emptied.yaml"))))
        client = TestClient(create_app(store=store, secret="v" * 48, public_read=True, fail_delay=0.0))
        r = client.get("/s/emptied")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.text))
        assert r.status_code == 200 and "10 seats, 10 vacant" in text
        assert "Seats: none held." in text and "Seats: ." not in text
        assert "left every one of the 10 seats vacant" in text
        assert client.get("/api/scenarios/emptied/dashboard").json()["p_pass"] is None
    finally:
        store.close()
