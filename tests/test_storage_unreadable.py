"""A database whose rows do not fit the model (edited by hand, or written by another version of whipcount)
is an error that names what could not be read, where inside the row and what was found there: from the
library, the command line (no traceback) and the dashboard's API (503, the error shape), on SQLite and
PostgreSQL. The rows themselves are left as they were."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from whipcount.cli.main import main
from whipcount.errors import StorageError
from whipcount.model import Party, Source
from whipcount.storage import Store, schema
from whipcount.storage.codec import decode, encode

PK = "pk-na-2022"


def _edit(store: Store, table: Any, where: Any, change: Callable[[Any], None]) -> None:
    """Change the ``data`` of one row of ``table`` in place, as a hand edit of the database would."""
    with store.engine.begin() as conn:
        data = copy.deepcopy(conn.execute(select(table.c.data).where(where)).scalar_one())
        change(data)
        conn.execute(update(table).where(where).values(data=data))


def _pti(store: Store) -> Any:
    return (schema.parties.c.scenario_id == PK) & (schema.parties.c.id == "pti")


def _set(key: str, value: Any) -> Callable[[Any], None]:
    return lambda data: data.__setitem__(key, value)


CASES = [
    # (table, which row, the change, what the error must say)
    (schema.parties, _pti, _set("name", 5), "a stored Party cannot be read: name: expected str, got 5"),
    (schema.parties, _pti, lambda d: d.pop("seats"), "a stored Party cannot be read: seats: missing"),
    (schema.parties, _pti, _set("sources", [{"url": "https://example.org/a"}, {"url": 7}]),
     "a stored Party cannot be read: sources[1].url: expected str, got 7"),
    (schema.parties, _pti, _set("sources", "https://example.org/a"),
     "a stored Party cannot be read: sources: expected a list, got 'https://example.org/a'"),
    (schema.parties, _pti, _set("by_side", [["government", "many"]]),
     "a stored Party cannot be read: by_side[0][1]: expected int, got 'many'"),
    (schema.parties, _pti, _set("seats", True), "a stored Party cannot be read: seats: expected int, got True"),
    (schema.events, lambda s: (schema.events.c.scenario_id == PK) & (schema.events.c.seq == 2),
     _set("date", "the tenth of April"), "a stored Event cannot be read: date: Invalid isoformat string"),
    (schema.scenarios, lambda s: schema.scenarios.c.id == PK, lambda d: d.pop("motions"),
     f"the stored scenario '{PK}' cannot be read: KeyError 'motions'"),
]


@pytest.mark.parametrize(("table", "where", "change", "message"), CASES,
                         ids=[c[3].split(": ", 1)[-1][:40] for c in CASES])
def test_a_row_that_does_not_fit_is_named_with_its_field(loaded: Store, table, where, change, message):
    _edit(loaded, table, where(loaded), change)
    with pytest.raises(StorageError) as caught:
        loaded.scenario(PK)
    assert message in str(caught.value)
    assert "edited by hand, or written by another version of whipcount" in str(caught.value)
    with loaded.engine.connect() as conn:  # reading changed nothing
        assert conn.execute(select(schema.scenarios.c.id)).scalars().all() == [PK]


def test_the_command_line_says_what_it_could_not_read_without_a_traceback(loaded: Store, tmp_path, capsys):
    _edit(loaded, schema.parties, _pti(loaded), _set("name", 5))
    out = tmp_path / "dump.yaml"
    code = main(["db", "dump", PK, "--db", loaded.url, "-o", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert "a stored Party cannot be read: name: expected str, got 5" in err
    assert "Traceback" not in err


def test_a_stance_row_that_does_not_fit_is_named_too(loaded: Store):
    loaded.set_stance(PK, "party:mqm-p", stance="yes", version=0, user="x")
    where = (schema.stances.c.scenario_id == PK) & (schema.stances.c.subject == "party:mqm-p")
    _edit(loaded, schema.stances, where, _set("date", 20220330))
    other = Store(loaded.url)  # a process with nothing in memory reads the row
    try:
        with pytest.raises(StorageError, match=r"a stored Stance cannot be read: date: expected a date, got 20220330"):
            other.snapshot(PK)
    finally:
        other.close()


def test_every_field_of_a_value_read_back_fits_and_nested_places_are_named():
    party = Party("p", "P", 3, "government", sources=(Source("https://example.org/a", date=None),))
    assert decode(Party, encode(party)) == party
    data = encode(party)
    data["sources"][0]["date"] = "yesterday"
    with pytest.raises(StorageError, match=r"sources\[0\]\.date: "):
        decode(Party, data)
    with pytest.raises(StorageError, match=r"a stored Party cannot be read: expected an object for Party, got \[\]"):
        decode(Party, [])
    with pytest.raises(StorageError, match=r"\[1\]: expected 2 items, got 1"):
        decode(tuple[tuple[str, float], ...], [["a", 1.0], ["b"]])
    with pytest.raises(StorageError, match=r"\['x'\]: expected str, got 1"):
        decode(dict[str, str], {"x": 1})
    with pytest.raises(StorageError, match=r"expected str \| None, got 1"):
        decode(str | None, 1)
    assert decode(str | None, None) is None and decode(float, 2) == 2.0 and type(decode(float, 2)) is float
    with pytest.raises(StorageError, match="expected float, got True"):
        decode(float, True)  # a bool is not a number here
    with pytest.raises(StorageError, match="expected int, got True"):
        decode(int, True)
    with pytest.raises(StorageError, match="expected int, got '1'"):
        decode(int, "1")


def test_the_dashboard_answers_503_naming_the_field(loaded: Store):
    from fastapi.testclient import TestClient

    from whipcount.web.app import create_app

    _edit(loaded, schema.parties, _pti(loaded), _set("name", 5))
    app = create_app(loaded.url, store=loaded, secret="test-secret-" + "x" * 40, public_read=True)
    with TestClient(app) as client:
        r = client.get(f"/api/scenarios/{PK}")
    body = r.json()
    assert r.status_code == 503 and body["ok"] is False and body["status"] == 503
    assert "a stored Party cannot be read: name: expected str, got 5" in body["error"]


def test_an_error_repeats_at_most_80_characters_of_what_it_found():
    with pytest.raises(StorageError) as caught:
        decode(int, "x" * 200)
    assert "got '" + "x" * 78 + "…" + " (was" in str(caught.value)  # the value's repr, cut to 80
    with pytest.raises(StorageError) as caught:
        decode(tuple[dt.date, ...], ["2022-04-10", "9" * 300])
    told = str(caught.value).split("[1]: ", 1)[1].split(" (was the row", 1)[0]
    assert told.startswith("Invalid isoformat string: '999")
    assert len(told) == 80 and told.endswith("9…")  # another error's message, cut to 80 too
    with pytest.raises(StorageError) as caught:
        decode(dt.date, "9" * 300)
    told = str(caught.value).split("cannot be read: ", 1)[1].split(" (was the row", 1)[0]
    assert len(told) == 80 and told.endswith("9…")
