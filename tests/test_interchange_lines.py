"""Popolo and OCD files: an error or warning about a place in the file names its line as well as its path.
The line expected is found in the text by a value only the edited place holds (not by the reader's own
search), in files indented as people write them, with Windows line ends too."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import InterchangeError
from whipcount.io.csvio import read_csv
from whipcount.io.interchange_base import json_locator
from whipcount.io.ocd import read_ocd
from whipcount.io.popolo import dump_popolo, import_popolo, read_popolo
from whipcount.io.scenario import load_scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the one line of ``text`` holding ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def _write(path: Path, data: Any, newline: str) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return text


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return json.loads(dump_popolo(load_scenario("pk-na-2022")))  # type: ignore[no-any-return]


Edit = Callable[[dict[str, Any]], None]
POPOLO_ERRORS: list[tuple[Edit, str, str]] = [
    (lambda d: d["memberships"][40].update(start_date="2022-99-01"), '"2022-99-01"',
     "memberships[40].start_date: no such date: '2022-99-01'"),
    (lambda d: d["persons"][7].update(name=12345), '"name": 12345', "persons[7].name: "),
    (lambda d: d["organizations"][2].update(classification=["party"]), '"classification": [', "organizations[2]"),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("edit", "needle", "said"), POPOLO_ERRORS, ids=["date", "type", "list"])
def test_a_popolo_error_names_the_line(bundle: dict[str, Any], tmp_path: Path, newline: str, edit: Edit,
                                       needle: str, said: str) -> None:
    data = copy.deepcopy(bundle)
    edit(data)
    path = tmp_path / "pk.json"
    text = _write(path, data, newline)
    with pytest.raises(InterchangeError) as caught:
        read_popolo(path)
    assert str(caught.value).startswith(f"{path}:{_line_of(text, needle)}: {said}"), str(caught.value)


def test_a_popolo_warning_names_the_line(tmp_path: Path) -> None:
    """A foreign bundle (no sides in it): the warning about the organizations names where their list starts."""
    data = json.loads((HERE / "ep-popolo-examplia.json").read_text(encoding="utf-8"))
    path = tmp_path / "ex.json"
    text = _write(path, data, "\n")
    result = read_popolo(path, rules="pk-na", term="term/2")
    line = _line_of(text, '"organizations": [')
    assert any(w.startswith(f"{path}:{line}: organizations: no side given for ") for w in result.warnings), \
        result.warnings


@pytest.mark.parametrize(("edit", "needle", "said"), [
    (lambda d: d["votes"][2].update(option="maybe"), '"maybe"', "votes[2].option: unknown vote option 'maybe'"),
    (lambda d: d.update(start_date="15/03/2021"), '"15/03/2021"', "start_date: expected a date"),
], ids=["option", "date"])
def test_an_ocd_error_names_the_line(tmp_path: Path, edit: Edit, needle: str, said: str) -> None:
    examplia = read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario
    data = json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "v.json"
    text = _write(path, data, "\n")
    with pytest.raises(InterchangeError) as caught:
        read_ocd(path, examplia)
    assert str(caught.value).startswith(f"{path}:{_line_of(text, needle)}: {said}"), str(caught.value)


def test_a_file_gone_before_the_error_is_named_by_path_alone(bundle: dict[str, Any], tmp_path: Path) -> None:
    """The text is read again only for a line: if it cannot be, the path is said without one."""
    data = copy.deepcopy(bundle)
    data["memberships"][40]["start_date"] = "2022-99-01"
    with pytest.raises(InterchangeError, match=r"^pk\.json: memberships\[40\]\.start_date: no such date"):
        import_popolo(data, "pk.json", locate=json_locator(tmp_path / "gone.json", "pk.json"))


def test_a_path_the_file_does_not_hold_is_named_without_a_line(tmp_path: Path) -> None:
    """A place a message names that is not in the text (a value read from elsewhere): no line is made up."""
    path = tmp_path / "small.json"
    text = _write(path, {"persons": [{"id": "a"}], "organizations": []}, "\n")
    locate = json_locator(path, "small.json")
    line = _line_of(text, '"id": "a"')
    assert locate(("persons", 0, "id")) == f"small.json:{line}: persons[0].id"
    assert locate(("persons", 3)) == "small.json: persons[3]"
    assert locate(("memberships",)) == "small.json: memberships"
    assert locate(()) == "small.json:1"  # the document starts on the first line


def test_a_required_field_the_file_leaves_out_is_placed_on_its_object_s_line(tmp_path: Path) -> None:
    """A person without a name: the error names the line the person starts on, as a scenario file's does
    (it named no line, so a reader of a 5,000-person file had to count)."""
    path = tmp_path / "small.json"
    text = _write(path, {"persons": [{"id": "a", "name": "A"}, {"id": "b"}],
                         "vote_events": [{"id": "v", "counts": [{"option": "yes"}]}]}, "\n")
    person = _line_of(text, '"id": "b"') - 1  # the object's opening brace, the line before its first key
    with pytest.raises(InterchangeError) as err:
        import_popolo(json.loads(text), "small.json", locate=json_locator(path, "small.json"))
    assert str(err.value).startswith(f"small.json:{person}: persons[1].name: required field is missing")
    data = json.loads(text)
    data["persons"][1]["name"] = "B"
    text = _write(path, data, "\n")
    count = _line_of(text, '"option": "yes"') - 1
    with pytest.raises(InterchangeError) as err:
        import_popolo(data, "small.json", locate=json_locator(path, "small.json"))
    assert str(err.value).startswith(f"small.json:{count}: vote_events[0].counts[0].value: required field is missing")


def test_every_place_of_a_long_list_is_found_on_its_line() -> None:
    """2,000 members, each asked for (the places of a list and of its objects are found once, not per
    question): every one on the line the text puts it, whatever the order of the questions."""
    from whipcount.io.json_places import JsonPlaces

    data = {"memberships": [{"person_id": f"p{i}", "start_date": f"2020-{1 + i % 12:02d}", "n": i}
                            for i in range(2000)]}
    text = json.dumps(data, indent=1)
    places = JsonPlaces(text.encode("utf-8"))
    line_of_n = {line.strip(): n for n, line in enumerate(text.splitlines(), 1) if '"n": ' in line}
    for i in [*range(1999, -1, -7), 0, 1999]:
        at = places.offset(("memberships", i, "n"))
        assert at is not None and places.line(at) == line_of_n[f'"n": {i}']
    ends = places._ends
    assert ends is not None and (ends[places.is_open] > 0).all()  # well-formed: every closing matched, no scan


@pytest.mark.parametrize("text", [b'{"a": [1, 2}', b'{"a": {"b": 1]', b']]{{', b'{"a": "]"}'])
def test_places_in_text_that_is_not_well_formed_are_none_or_a_place(text: bytes) -> None:
    from whipcount.io.json_places import JsonPlaces

    places = JsonPlaces(text)
    for loc in [("a",), ("a", 0), ("a", 1), ("a", "b"), ()]:
        at = places.offset(loc)
        assert at is None or 0 <= at <= len(text)


def test_places_before_where_a_text_breaks_off_are_still_found() -> None:
    """A text cut short (more brackets open than close): its containers are found by a scan instead."""
    from whipcount.io.json_places import JsonPlaces

    text = b'{"a": [1, 22, {"c": 333}], "b": [4444, '
    places = JsonPlaces(text)
    assert places.offset(("a", 1)) == text.index(b"22")
    assert places.offset(("a", 2, "c")) == text.index(b"333")
    assert places.offset(("b", 0)) == text.index(b"4444")
    assert places.offset(("a", 3)) is None  # three items: the commas of "b" are not "a"'s


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]{},:1 ", max_size=40))
def test_every_container_ends_where_a_scan_ends_it(text: str) -> None:
    """Closings matched by depth in one pass (or left to the scan where the text is not well-formed) are
    those of a scan from each opening to the first mark back above its depth, for any brackets at all."""
    from whipcount.io.json_places import JsonPlaces

    places = JsonPlaces(text.encode())
    for i in range(len(places.at)):
        if places.is_open[i]:
            after = [j for j in range(i + 1, len(places.at)) if places.depth[j] < places.depth[i]]
            assert places._end(i) == (after[0] if after else len(places.at))


def test_a_repeated_key_is_placed_where_the_value_read_is() -> None:
    """JSON readers keep the last of a repeated key: the line named is that one's."""
    from whipcount.io.json_places import JsonPlaces

    text = b'{\n "start_date": "2020-01-01",\n "start_date": "2020-99-01"\n}'
    assert json.loads(text)["start_date"] == "2020-99-01"
    places = JsonPlaces(text)
    at = places.offset(("start_date",))
    assert at == text.index(b'"2020-99-01"') and places.line(at) == 3


def test_past_fifty_warnings_one_line_counts_the_rest_and_json_lists_them_all(run_cli: Any, tmp_path: Path) -> None:
    """70 memberships with month-precision dates (a warning each), and the warnings of a foreign bundle."""
    n = 70
    data = {"persons": [{"id": f"p{i}", "name": f"Person {i}"} for i in range(n)],
            "organizations": [{"id": "leg", "name": "Leg", "classification": "legislature"},
                              {"id": "red", "name": "Red", "classification": "party"}],
            "memberships": [{"person_id": f"p{i}", "organization_id": "leg", "on_behalf_of_id": "red",
                             "start_date": "2020-06"} for i in range(n)]}
    path = tmp_path / "many.json"
    _write(path, data, "\n")
    r = run_cli("import", "popolo", str(path), "--rules", "pk-na", "-o", str(tmp_path / "a.yaml"), "--json")
    assert r.code == 0, r.err
    listed = json.loads(r.out)["warnings"]
    assert sum("has month precision" in w for w in listed) == n
    lines = r.err.strip().splitlines()
    assert len(lines) == 51 and lines[:50] == [f"warning: {w}" for w in listed[:50]]
    assert lines[50] == f"warning: and {len(listed) - 50:,} more warnings (--json lists them all)"


@pytest.mark.parametrize(("count", "last"), [(50, None), (51, "warning: and 1 more warning (--json lists them all)"),
                                             (52, "warning: and 2 more warnings (--json lists them all)")])
def test_fifty_warnings_are_all_shown_and_one_more_is_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             count: int, last: str | None) -> None:
    from whipcount.cli.interchange import _emit
    from whipcount.io.interchange_base import ImportResult

    warnings = tuple(f"x.json: persons[{i}]: number {i}" for i in range(count))
    _emit(ImportResult(load_scenario("pk-na-2022"), warnings), str(tmp_path / "out.yaml"), False)
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[:50] == [f"warning: {w}" for w in warnings[:50]]
    assert lines[50:] == ([last] if last else [])


def test_the_import_line_counts_one_of_a_kind_in_the_singular(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A seat table of one party, whose size it does not give (one warning), read into a scenario: the line
    had said "1 parties ... (1 warnings)"."""
    table = tmp_path / "one.csv"
    table.write_text("party,seats,side\nred,5,government\n", encoding="utf-8")
    out = tmp_path / "one.yaml"
    r = run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2024-01-01", "-o", str(out))
    assert r.code == 0, r.err
    assert r.out.strip() == f"{out}: 1 party, 0 members, 0 events, 0 motions (1 warning)"
    assert r.err.count("warning:") == 1


def test_an_imports_help_says_what_json_prints(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """An import prints a line, or the scenario, never a table: its `--json` help said "instead of tables".
    With `--json` and no `-o` it writes nothing and prints the summary alone, as the help now says."""
    table = tmp_path / "one.csv"
    table.write_text("party,seats,side\nred,5,government\n", encoding="utf-8")
    r = run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2024-01-01", "--json")
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    assert summary["written"] is None and summary["parties"] == 1 and len(summary["warnings"]) == 1
    assert list(tmp_path.iterdir()) == [table]
    for command in ("popolo", "csv", "ocd"):
        text = " ".join(run_cli("import", command, "--help").out.split())
        assert "tables" not in text
        assert "--json Print a JSON summary" in text
        assert "with --json, left out: nothing is written" in text


def _line_by_mark(data: dict[str, Any], path: str) -> int:
    """The line where the value at ``path`` (``extras.events[3]``, ``memberships[40].start_date``) starts in
    ``data`` written with an indent of 2: the line a mark put in its stead lands on."""
    parts = [int(n) if n else key for key, n in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)]
    marked = copy.deepcopy(data)
    node = marked
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = "@@mark@@"
    return _line_of(json.dumps(marked, indent=2, ensure_ascii=False), "@@mark@@")


def test_an_import_finds_no_line_until_a_message_shows_one(bundle: dict[str, Any], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A good bundle is read without searching its text for a single place (every event and stance keeps
    where it was read, found when shown); each then names the line it was read from, all found in one
    search of the text."""
    import whipcount.io.json_places as json_places

    made: list[int] = []

    class Counted(json_places.JsonPlaces):
        def __init__(self, raw: bytes) -> None:
            made.append(1)
            super().__init__(raw)

    monkeypatch.setattr(json_places, "JsonPlaces", Counted)
    path = tmp_path / "pk.json"
    _write(path, bundle, "\n")
    scenario = read_popolo(path).scenario
    assert made == []
    shown = [ev.where for ev in scenario.events] + [str(s.origin) for s in scenario.stances]
    head = f"{path}:"
    placed = [w[len(head):].partition(": ") for w in shown if w.startswith(head)]
    assert len(placed) == len(scenario.events) + len(scenario.stances) > 50
    for line, _, at in placed[::7]:
        assert int(line) == _line_by_mark(bundle, at), at
    assert made == [1]
