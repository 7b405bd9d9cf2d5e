"""A day is written YYYY-MM-DD, in a scenario file, a Popolo file and a request body alike.

pydantic alone reads a number as seconds since 1970 and a time of midnight as its day, so ``until: 1586044800``
was taken as 5 April 2020 (1586044800 = 18,357 days of 86,400 seconds after 1 January 1970, counted by
hand below), ``date: 0`` as 1 January 1970, and ``2020-04-02T00:00:00+05:00`` (19:00 on 1 April in UTC) as
2 April, each without a word. Each is refused now, naming the field; the day written out still reads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from test_web_api import PK, app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario

HEAD = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-03-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
members:
  - {id: rami, name: Rami Red, party: red, side: government}
motion: {kind: no-confidence, target: Someone, moved: 2020-03-25, vote: 2020-04-10}
stances:
"""
LINE = 9  # the stance's line in the file


def test_the_number_read_as_a_day_is_the_day_by_hand() -> None:
    assert 18_357 * 86_400 == 1_586_044_800
    assert dt.date(1970, 1, 1) + dt.timedelta(days=18_357) == dt.date(2020, 4, 5)


def _stance(tmp_path: Path, date: str, until: str | None = None) -> Path:
    ends = f", until: {until}" if until is not None else ""
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + f'  - {{date: {date}, member: rami, stance: "yes"{ends}, source: "https://example.org/2"}}\n',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("date", "until", "problem"), [
    ("2020-03-19", "1586044800", "stances[0].until: expected a date as YYYY-MM-DD, got the number 1586044800"),
    ("2020-03-19", '"1586044800"', "stances[0].until: expected a date as YYYY-MM-DD, got '1586044800'"),
    ("2020-03-19", "2020-04-02T00:00:00", "stances[0].until: expected a date as YYYY-MM-DD, without a time, "
                                          "got 2020-04-02T00:00:00"),
    ("2020-03-19", '"2020-04-02T00:00:00+05:00"', "stances[0].until: expected a date as YYYY-MM-DD, "
                                                  "got '2020-04-02T00:00:00+05:00'"),
    ("0", None, "stances[0].date: expected a date as YYYY-MM-DD, got the number 0"),
    ("2020-03-19 00:00:00", None, "stances[0].date: expected a date as YYYY-MM-DD, without a time, "
                                  "got 2020-03-19T00:00:00"),
    ("2020-03-19", "[2020-04-02]", "stances[0].until: expected a date as YYYY-MM-DD, got a list"),
    ("2020-03-19", "{on: 2020-04-02}", "stances[0].until: expected a date as YYYY-MM-DD, got a mapping"),
])
def test_a_day_given_as_a_number_or_a_time_is_refused_naming_the_field(
        run_cli: Any, tmp_path: Path, date: str, until: str | None, problem: str) -> None:
    path = _stance(tmp_path, date, until)
    r = run_cli("count", str(path))
    assert r.code == 1
    assert r.out == ""
    assert r.err.strip() == f"error: {path}:{LINE}: {problem}"


@pytest.mark.parametrize("until", ["2020-04-05", '"2020-04-05"'])
def test_the_day_written_out_still_reads(tmp_path: Path, until: str) -> None:
    [s] = load_scenario(str(_stance(tmp_path, "2020-03-19", until))).stances
    assert (s.date, s.until) == (dt.date(2020, 3, 19), dt.date(2020, 4, 5))


def test_a_popolo_file_s_until_as_a_number_is_refused(run_cli: Any, tmp_path: Path) -> None:
    path = _stance(tmp_path, "2020-03-19", "2020-04-05")
    popolo = tmp_path / "s.json"
    assert run_cli("export", "popolo", str(path), "-o", str(popolo)).code == 0
    data = json.loads(popolo.read_text(encoding="utf-8"))
    assert data["extras"]["stances"][0]["until"] == "2020-04-05"
    data["extras"]["stances"][0]["until"] = 1_586_044_800
    popolo.write_text(json.dumps(data), encoding="utf-8")
    r = run_cli("import", "popolo", str(popolo), "-o", str(tmp_path / "back.yaml"))
    assert r.code == 1
    assert r.err.strip() == (f"error: {popolo}:1: extras.stances[0].until: expected a date as YYYY-MM-DD, "
                             "got the number 1586044800")
    assert not (tmp_path / "back.yaml").exists()


@pytest.mark.parametrize(("path", "body", "problem"), [
    ("stances/clear", {"subject": "party:ji", "version": 1, "until": 1649203200},
     "until: expected a date as YYYY-MM-DD, got the number 1649203200"),
    ("stances/clear", {"subject": "party:ji", "version": 1, "until": "2022-04-06T00:00:00+05:00"},
     "until: expected a date as YYYY-MM-DD, got '2022-04-06T00:00:00+05:00'"),
    ("stances", {"subject": "party:ji", "stance": "no", "version": 1, "date": "1648598400"},
     "date: expected a date as YYYY-MM-DD, got '1648598400'"),
    ("stances", {"subject": "party:ji", "stance": "no", "version": 1, "until": ["2022-04-06"]},
     "until: expected a date as YYYY-MM-DD, got a list"),
])
def test_a_request_s_day_as_a_number_or_a_time_is_refused_and_nothing_written(
        app: Any, path: str, body: dict[str, Any], problem: str) -> None:  # noqa: F811
    c = client(app, "alice")
    before = c.get(f"/api/scenarios/{PK}/history", params={"subject": "party:ji"}).json()["history"]
    r = c.post(f"/api/scenarios/{PK}/{path}", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == problem
    assert c.get(f"/api/scenarios/{PK}/history", params={"subject": "party:ji"}).json()["history"] == before
