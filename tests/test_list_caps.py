"""How many items each list of an input may hold, refused at once past the cap, for every reader.

The caps are the ones the README states for users, written here as numbers, not read from the code: 20,000
members (the largest chamber has 2,977 seats), 1,000 parties, 100 sides, 100,000 events and stances, 10,000
motions, 1,000 sources of one item, 100,000 rows of a CSV, 100,000 items of any list no format names, and
100,000 values that a YAML document's aliases stand for together. A refusal names the file, the line, the list,
its cap and what was found, comes while the file is read (before validation builds anything), and writes
nothing.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from whipcount.errors import InputError
from whipcount.io import limits
from whipcount.io.constitution import ConstitutionFile
from whipcount.io.json_caps import _longest
from whipcount.io.ocd import OcdVoteEvent
from whipcount.io.popolo_format import PopoloBundle
from whipcount.io.scenario import load_scenario
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.yamlsource import load_json_text, load_yaml_text

MEMBERS, PARTIES, SIDES, EVENTS, STANCES, MOTIONS, SOURCES, ROWS = (20_000, 1_000, 100, 100_000, 100_000, 10_000,
                                                                    1_000, 100_000)
ITEMS, ALIAS_VALUES = 100_000, 100_000
CPU_SECONDS = 8  # a refusal within a few seconds of CPU (3.2 s the slowest seen, on a machine twice as slow as
# most); the old code took 12 to 50 s on these files

HEAD = ["chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}", "parties:",
        "  - {id: a, name: A, seats: 300, side: government}", "  - {id: b, name: B, seats: 300, side: opposition}"]


def test_the_caps_are_the_stated_ones() -> None:
    assert (limits.MAX_MEMBERS, limits.MAX_PARTIES, limits.MAX_SIDES, limits.MAX_EVENTS, limits.MAX_STANCES,
            limits.MAX_MOTIONS, limits.MAX_SOURCES, limits.MAX_ROWS) == (MEMBERS, PARTIES, SIDES, EVENTS, STANCES,
                                                                         MOTIONS, SOURCES, ROWS)
    assert (limits.Limits().max_items, limits.Limits().max_alias_values) == (ITEMS, ALIAS_VALUES)


def _uncapped(node: Any, defs: dict[str, Any], path: str, seen: set[str]) -> list[str]:
    """Every array, and every object of free keys, in a JSON Schema that states no largest size."""
    if not isinstance(node, dict):
        return []
    out: list[str] = []
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            out += _uncapped(defs[name], defs, path, seen | {name})
    for word in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(word, []):
            out += _uncapped(sub, defs, path, seen)
    if node.get("type") == "array" and "maxItems" not in node:
        out.append(path)
    free = node.get("additionalProperties")
    if node.get("type") == "object" and isinstance(free, dict) and free and "maxProperties" not in node:
        out.append(path)
    for key, sub in (node.get("properties") or {}).items():
        out += _uncapped(sub, defs, f"{path}.{key}", seen)
    for word in ("items", "additionalProperties"):
        out += _uncapped(node.get(word), defs, f"{path}[]", seen)
    return out


@pytest.mark.parametrize("model", [ScenarioFile, ConstitutionFile, PopoloBundle, OcdVoteEvent])
def test_every_list_of_every_format_has_a_cap(model: Any) -> None:
    schema = model.model_json_schema()
    assert _uncapped(schema, schema.get("$defs", {}), model.__name__, set()) == []


# -- YAML: refused at the first item past the cap ---------------------------------------------------------------
def _members(n: int) -> str:
    return "\n".join([*HEAD, "members:", *(f"  - {{id: m{i}, name: M {i}, party: a}}" for i in range(n))]) + "\n"


def test_members_up_to_the_cap_are_read_and_one_more_is_refused_on_its_line() -> None:
    caps = _scenario_caps()
    assert len(load_yaml_text(_members(MEMBERS), "big.yaml", caps=caps).data["members"]) == MEMBERS
    # the header is four lines and "members:" the fifth, so member i (from 0) is on line 6 + i
    with pytest.raises(InputError, match=rf"^big\.yaml:{6 + MEMBERS}: members: over 20,000 listed; "
                                         r"at most 20,000 accepted$"):
        load_yaml_text(_members(MEMBERS + 1), "big.yaml", caps=caps)


def _scenario_caps() -> Any:
    from whipcount.io.list_caps import caps_of

    return caps_of(ScenarioFile)


@pytest.mark.parametrize(("path", "text", "line", "cap"), [
    ("chamber.sides", "chamber: {sides: [%s]}\n", 1, SIDES),
    ("events[0].members", "events:\n  - members: [%s]\n", 2, MEMBERS),
    ("parties[0].by_side", "parties:\n  - by_side: {%s}\n", 2, SIDES),
    ("sources", "sources: [%s]\n", 1, SOURCES),
])
def test_each_named_list_is_refused_past_its_own_cap(path: str, text: str, line: int, cap: int) -> None:
    def items(n: int) -> str:
        return ", ".join(f"k{i}: 1" if "{%s}" in text else f"x{i}" for i in range(n))

    assert load_yaml_text(text % items(cap), "s.yaml", caps=_scenario_caps()).data is not None
    with pytest.raises(InputError, match=rf"^s\.yaml:{line}: {re.escape(path)}: over {cap:,} listed; "
                                         rf"at most {cap:,} accepted$"):
        load_yaml_text(text % items(cap + 1), "s.yaml", caps=_scenario_caps())


def test_a_list_no_format_names_is_held_to_the_general_cap() -> None:
    text = "whatever:\n" + "  - x\n" * ITEMS
    assert len(load_yaml_text(text, "u.yaml").data["whatever"]) == ITEMS
    with pytest.raises(InputError, match=rf"^u\.yaml:{ITEMS + 2}: whatever: over 100,000 listed"):
        load_yaml_text(text + "  - x\n", "u.yaml")


# -- YAML aliases: the values they stand for together are bounded -----------------------------------------------
@pytest.mark.parametrize("extra", [0, 1])
def test_the_values_aliases_stand_for_are_bounded(extra: int) -> None:
    # an anchored list of 999 scalars is 1,000 values; 100 aliases of it stand for 100,000
    text = "a: &x [" + ", ".join(["v"] * 999) + "]\nb: [" + ", ".join(["*x"] * 100) + "]\n"
    if extra:
        text += "c: &y 1\nd: *y\n"
    if not extra:
        assert len(load_yaml_text(text, "al.yaml").data["b"]) == 100
        return
    with pytest.raises(InputError, match=r"^al\.yaml:4: the aliases stand for over 100,000 values together"):
        load_yaml_text(text, "al.yaml")


def test_an_alias_of_a_long_list_is_refused_where_it_is_put() -> None:
    text = "\n".join([*HEAD, "unverified: &s [" + ", ".join(f"u{i}" for i in range(1_500)) + "]",
                      "events:", "  - {date: 2000-01-02, kind: statement, sources: *s}"]) + "\n"
    with pytest.raises(InputError, match=r"^s\.yaml:7: events\[0\]\.sources: 1,500 listed \(the alias \*s\); "
                                         r"at most 1,000 accepted$"):
        load_yaml_text(text, "s.yaml", caps=_scenario_caps())


def _bomb(tmp_path: Path) -> Path:
    """A hostile shape (125 KB, 1,000 aliases of a list of 4,500 values) with each list within its
    own cap: 70 KB whose 1,000 aliases of a list of 900 sources stand for 901,000 values. The old reader
    validated and walked every one of them: 13 s and 200 MB before the scenario loaded."""
    lines = [*HEAD, "unverified: [" + ", ".join(f"u{i}" for i in range(4)) + "]", "key_dates: []",
             "sources: &s [" + ", ".join(f"https://e.org/{i}" for i in range(900)) + "]", "events:"]
    lines += ["  - {date: 2000-01-02, kind: statement, sources: *s}"] * 1_000
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


# -- through the command line: bounded CPU and memory, nothing written -------------------------------------------
def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, 1 << 30))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=CPU_SECONDS * 5, preexec_fn=_limits, check=False)


def _refused(proc: subprocess.CompletedProcess[str], expected: str) -> None:
    assert proc.returncode == 1, proc.stderr[-800:]
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"error: {expected}"], proc.stderr[-800:]


def test_the_alias_bomb_of_the_review_is_refused_at_once(tmp_path: Path) -> None:
    path = _bomb(tmp_path)
    assert path.stat().st_size < 80_000
    # each alias stands for 901 values (the list and its items): the 111th passes 100,000; events start on line 9
    _refused(_run("tally", path.name, cwd=tmp_path),
             "bomb.yaml:119: the aliases stand for over 100,000 values together (a YAML alias bomb?); "
             "write the values out")


def test_a_scenario_of_a_million_members_is_refused_as_it_is_read(tmp_path: Path) -> None:
    # 1,000,000 members in 45 MB: the old reader parsed them all, then gave up at 5,000,000 values (12 s, 1 GB)
    path = tmp_path / "million.yaml"
    with path.open("w") as f:
        f.write(_members(0))
        f.writelines(f"  - {{id: m{i}, name: Member {i}, party: a}}\n" for i in range(1_000_000))
    _refused(_run("tally", path.name, cwd=tmp_path),
             f"million.yaml:{6 + MEMBERS}: members: over 20,000 listed; at most 20,000 accepted")


def test_a_popolo_file_of_600_000_persons_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "persons.json"
    persons = ",\n".join(f'{{"id": "p{i}", "name": "P {i}"}}' for i in range(600_000))
    path.write_text('{\n"organizations": [],\n"persons": [\n' + persons + "\n]}\n")
    out = tmp_path / "out.yaml"
    _refused(_run("import", "popolo", path.name, "-o", out.name, cwd=tmp_path),
             "persons.json:3: persons: 600,000 listed; at most 20,000 accepted")
    assert not out.exists()


def test_a_popolo_list_past_its_cap_but_within_the_general_one_is_counted_exactly(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    persons = json.dumps([{"id": f"p{i}", "name": "P"} for i in range(MEMBERS + 1)])
    path.write_text('{"organizations": [],\n "persons":\n  ' + persons + "}")  # the list starts on line 3
    out = tmp_path / "out.yaml"
    _refused(_run("import", "popolo", path.name, "-o", out.name, cwd=tmp_path),
             "p.json:3: persons: 20,001 listed; at most 20,000 accepted")
    assert not out.exists()


def test_a_csv_of_more_rows_than_the_cap_is_refused_on_the_first_row_past_it(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("party,seats,side\n" + "".join(f"p{i},1,government\n" for i in range(1_000_000)))
    out = tmp_path / "out.yaml"
    _refused(_run("import", "csv", path.name, "--rules", "pk-na", "--as-of", "2020-01-01", "-o", out.name, cwd=tmp_path),
             f"rows.csv:{ROWS + 2}: rows: over 100,000 listed; at most 100,000 accepted")
    assert not out.exists()


def test_the_csv_cap_is_the_stated_one() -> None:
    from whipcount.errors import InterchangeError
    from whipcount.io.csv_cells import _rows

    text = "party,seats\n" + "p,1\n" * ROWS
    assert len(_rows(text, "r.csv")[1]) == ROWS
    with pytest.raises(InterchangeError, match=rf"^r\.csv:{ROWS + 2}: rows: over 100,000 listed"):
        _rows(text + "p,1\n", "r.csv")


# -- JSON: the longest list found without parsing, checked against counting the parsed data ---------------------
def _random_json(rng: random.Random, depth: int) -> Any:
    if depth > 3 or rng.random() < 0.3:
        return rng.choice([1, "a,b]", "x{[", None, True, '"q\\"]'])
    if rng.random() < 0.5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(0, 12))]
    return {f"k{i},[": _random_json(rng, depth + 1) for i in range(rng.randrange(0, 12))}


def _longest_by_walking(value: Any) -> int:
    if isinstance(value, list):
        return max([len(value), *(_longest_by_walking(v) for v in value)])
    if isinstance(value, dict):
        return max([len(value), *(_longest_by_walking(v) for v in value.values())])
    return 0


@pytest.mark.parametrize("seed", range(200))
def test_the_scan_finds_the_longest_list_a_parse_would(seed: int) -> None:
    value = _random_json(random.Random(seed), 0)
    text = json.dumps(value).encode()
    structure = bytes(c for c in json.dumps(_strip_strings(value)).encode() if c in b"[]{},")
    found, _ = _longest(structure)
    expected = _longest_by_walking(value)
    assert found == (expected if expected >= 2 else 0), text  # a one-item list has no comma to count


def _strip_strings(value: Any) -> Any:
    if isinstance(value, list):
        return [_strip_strings(v) for v in value]
    if isinstance(value, dict):
        return {str(i): _strip_strings(v) for i, v in enumerate(value.values())}
    return 0


def test_json_of_a_list_past_the_general_cap_is_refused_without_being_parsed() -> None:
    text = '{"a": 1,\n "whatever": [' + ", ".join(["{}"] * (ITEMS + 1)) + "]}"
    start = time.process_time()
    with pytest.raises(InputError, match=r"^w\.json:2: whatever: 100,001 listed; at most 100,000 accepted$"):
        load_json_text(text, "w.json")
    assert time.process_time() - start < 2
    assert len(load_json_text(text.replace("{}, ", "", 1), "w.json")["whatever"]) == ITEMS


# -- the web API: a body's lists are held to the same caps, and nothing is stored -------------------------------
def test_an_event_with_too_many_members_is_refused_by_the_api_and_not_stored(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import make_web_store
    from whipcount.web.app import create_app

    store = make_web_store(tmp_path, monkeypatch, {"alice": "editor"}, "a long enough password")
    try:
        app = create_app(store.url, store=store, secret="caps-" + "x" * 40, fail_delay=0.0)
        c = TestClient(app)
        r = c.post("/api/login", json={"name": "alice", "password": "a long enough password"})
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        before = len(store.events("pk-na-2022"))
        r = c.post("/api/scenarios/pk-na-2022/events", json={
            "date": "2022-04-01", "kind": "defect", "party": "ppp", "to": "opposition", "confirm": True,
            "members": [f"m{i}" for i in range(MEMBERS + 1)]})
        assert r.status_code == 422, r.text
        assert r.json()["error"] == "members: 20,001 listed; at most 20,000 accepted"
        assert len(store.events("pk-na-2022")) == before
    finally:
        store.close()


def test_the_bundled_cases_are_far_inside_every_cap() -> None:
    from whipcount.io.scenario import bundled_scenarios

    for sid in bundled_scenarios():
        s = load_scenario(sid)
        assert len(s.members) * 100 < MEMBERS and len(s.events) * 100 < EVENTS, sid


@pytest.mark.parametrize("model", ["scenario", "constitution"])
def test_the_written_out_caps_are_the_schema_s_and_find_the_same_cap_everywhere(model: str) -> None:
    # the table the readers start from (io/caps_table.py, so that no schema is built on start-up) against
    # the caps read from the model's JSON Schema: the same table, and every place of the whole schema tree,
    # looked up key by key as the YAML reader does, finds the same cap in the pruned table
    from whipcount.io.caps_table import FIELDS, KINDS, SINGLE, TABLES
    from whipcount.io.constitution import ConstitutionFile
    from whipcount.io.list_caps import (
        ANY,
        CapTree,
        as_table,
        caps_of,
        fields_table,
        kinds_table,
        schema_caps,
        single_table,
    )

    cls = ScenarioFile if model == "scenario" else ConstitutionFile
    full = schema_caps(cls)
    assert TABLES[f"{cls.__module__}.{cls.__qualname__}"] == as_table(full), \
        "run: python -m whipcount.io.list_caps > src/whipcount/io/caps_table.py"
    assert FIELDS[f"{cls.__module__}.{cls.__qualname__}"] == fields_table(full), \
        "run: python -m whipcount.io.list_caps > src/whipcount/io/caps_table.py"
    assert SINGLE[f"{cls.__module__}.{cls.__qualname__}"] == single_table(full), \
        "run: python -m whipcount.io.list_caps > src/whipcount/io/caps_table.py"
    assert KINDS[f"{cls.__module__}.{cls.__qualname__}"] == kinds_table(full), \
        "run: python -m whipcount.io.list_caps > src/whipcount/io/caps_table.py"
    pruned = caps_of(cls)
    checked = 0

    carried = schema_caps(ConstitutionFile)

    def walk(whole: CapTree, kept: CapTree | None, depth: int) -> None:
        nonlocal checked
        assert (kept.cap if kept is not None else None) == whole.cap
        assert (kept.fields if kept is not None else None) == whole.fields
        assert (kept.single if kept is not None else None) == whole.single
        checked += 1
        for key, sub in whole.children.items():
            probe = "an item" if key == ANY else key
            here = kept.child(probe) if kept is not None else None
            if cls is ScenarioFile and depth == 0 and key == "constitutions":
                # a constitution written in the scenario is a constitution file's, read with its fields and caps
                assert here is not None and here.cap == sub.cap
                inner = here.child(0)
                assert inner is not None and inner.label == "constitution" and inner.model is ConstitutionFile
                walk(carried, inner, depth + 2)
                continue
            walk(sub, here, depth + 1)

    walk(full, pruned, 0)
    assert checked > 50
