"""Every list of a Popolo file past its cap is refused with the line where the list starts and its path as
the file writes it, whichever list it is: the bundle's own (``persons``, ``vote_events[0].votes``) and those
its ``extras`` carry into the scenario (``extras.stances``, ``persons[0].extras.sources``), under the general
cap of 100,000 items and over it. Nothing is written.

The places come from the caps table itself, so a list added to the format is checked the day it is capped.
The line is the test's own: the file is written with a marker where the list goes and the list put on the
line after the marker's, then the marker's line is looked up in the text.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InputError
from whipcount.io.json_places import JsonPlaces
from whipcount.io.list_caps import ANY, as_table
from whipcount.io.popolo import export_popolo, read_popolo
from whipcount.io.popolo_caps import popolo_caps
from whipcount.io.scenario import load_scenario
from whipcount.io.yamlsource import load_json_file

GENERAL = 100_000  # the cap of any list (README), and so the most a capped one is ever allowed
MARK = "@@the-long-list@@"
# places that are mappings of free keys in the format (README, "Popolo"): every object's extras, a party's
# seats by side, a member's or party's identifiers by scheme
MAPPINGS = ("extras", "by_side", "identifiers")


def _places() -> list[tuple[str, int]]:
    return [(path, cap) for path, cap in as_table(popolo_caps()).items() if cap is not None]


@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    return export_popolo(load_scenario("pk-na-2022"))


def _is_mapping(path: str) -> bool:
    parts = path.split("/")
    return parts[-1] in MAPPINGS and not (parts[-1] == "identifiers" and "extras" not in parts)


def _put(doc: dict[str, Any], path: str, value: Any) -> str:
    """Put ``value`` at ``path`` of ``doc`` (an item of a list: the first; a free key: ``k``), making what
    is missing on the way; the path as an error should name it (``persons[0].extras.sources``)."""
    parts = path.split("/")
    here: Any = doc
    named = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == ANY and isinstance(here, list):
            if not here:
                here.append({})
            key: str | int = 0
            named += "[0]"
        else:
            key = "k" if part == ANY else part
            named += ("." if named else "") + str(key)
        if last:
            here[key] = value
        else:
            if isinstance(here, dict) and not isinstance(here.get(key), dict | list):
                here[key] = [] if parts[i + 1] == ANY and not _is_mapping("/".join(parts[:i + 1])) else {}
            here = here[key]
    return named


def _file(tmp_path: Path, bundle: dict[str, Any], path: str, n: int) -> tuple[Path, str, int]:
    """The bundle written with ``n`` items at ``path``: the file, the path as named, the list's line."""
    doc = copy.deepcopy(bundle)
    named = _put(doc, path, MARK)
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if f'"{MARK}"' in t) + 1
    items: Any = {f"k{i}": i for i in range(n)} if _is_mapping(path) else [f"x{i}" for i in range(n)]
    file = tmp_path / "p.json"
    file.write_text(text.replace(f'"{MARK}"', "\n  " + json.dumps(items)), encoding="utf-8")
    return file, named, line


def test_the_places_are_every_list_of_the_format_and_of_what_its_extras_carry() -> None:
    places = dict(_places())
    assert places["persons"] == 20_000 and places["vote_events/*/votes"] == 20_000
    assert places["extras/stances"] == 100_000 and places["extras/events/*/members"] == 20_000
    assert places["persons/*/extras/sources"] == 1_000 and places["organizations/*/extras/sides"] == 100
    assert places["vote_events/*/extras/adjudications"] == 10_000
    assert places["extras/constitutions/*/motions"] == 10_000
    assert len(places) >= 55


@pytest.mark.parametrize(("path", "cap"), _places())
def test_a_list_past_its_own_cap_is_refused_on_the_line_it_starts(tmp_path: Path, bundle: dict[str, Any],
                                                                    path: str, cap: int) -> None:
    file, named, line = _file(tmp_path, bundle, path, cap)
    load_json_file(file, caps=popolo_caps())  # at the cap: read
    file, named, line = _file(tmp_path, bundle, path, cap + 1)
    with pytest.raises(InputError) as caught:
        load_json_file(file, caps=popolo_caps())
    assert str(caught.value) == f"{file}:{line}: {named}: {cap + 1:,} listed; at most {cap:,} accepted"


@pytest.mark.parametrize(("path", "cap"), _places())
def test_a_list_past_the_general_cap_is_named_by_its_path_and_line(tmp_path: Path, bundle: dict[str, Any],
                                                                   path: str, cap: int) -> None:
    file, named, line = _file(tmp_path, bundle, path, GENERAL + 1)
    with pytest.raises(InputError) as caught:
        load_json_file(file, caps=popolo_caps())
    assert str(caught.value) == f"{file}:{line}: {named}: {GENERAL + 1:,} listed; at most {cap:,} accepted"


@pytest.mark.parametrize(("path", "n"), [
    ("persons", 20_001), ("vote_events/*/votes", 20_001), ("persons/*/extras/sources", 1_001),
    ("extras/stances", GENERAL + 1), ("organizations/*/extras/sides", 101), ("extras/events/*/members", 20_001),
])
def test_the_import_refuses_with_one_line_and_writes_nothing(tmp_path: Path, bundle: dict[str, Any], path: str,
                                                             n: int) -> None:
    file, named, line = _file(tmp_path, bundle, path, n)
    with pytest.raises(InputError) as caught:
        read_popolo(file)
    assert str(caught.value).startswith(f"{file}:{line}: {named}: {n:,} listed; at most ")
    out = tmp_path / "out.yaml"
    env = dict(os.environ, COLUMNS="200")
    proc = subprocess.run([sys.executable, "-m", "whipcount.cli.main", "import", "popolo", file.name, "-o", out.name],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr[-800:]
    assert proc.stderr.strip().splitlines()[0].startswith(f"error: p.json:{line}: {named}: {n:,} listed")
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


# -- the places themselves: against a writer that records where each array and object starts ---------------------
_KEYS = ["a", "b,[", 'q"}', "back\\slash", "ünï", "k:{", ""]
_TEXTS = ["x", "a,b]", 'say "hi"', "\\", "\\\"", "{[,:]}", "é\n"]


def _write(value: Any, rng: random.Random, out: list[str], places: dict[tuple[Any, ...], int],
           loc: tuple[Any, ...]) -> None:
    """``value`` as JSON into ``out``, random white space between tokens; ``places`` gets the byte offset of
    each array and object by its path."""
    def space() -> str:
        return rng.choice(["", " ", "\n", "\n  ", "\t", "\r\n"])

    if isinstance(value, dict | list):
        places[loc] = len("".join(out).encode())
        out.append("{" if isinstance(value, dict) else "[")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for n, (k, v) in enumerate(items):
            out.append(space() + ("," + space() if n else ""))
            if isinstance(value, dict):
                out.append(json.dumps(k, ensure_ascii=rng.random() < 0.5) + space() + ":" + space())
            _write(v, rng, out, places, (*loc, k))
        out.append(space() + ("}" if isinstance(value, dict) else "]"))
    else:
        out.append(json.dumps(value, ensure_ascii=rng.random() < 0.5))


def _random_value(rng: random.Random, depth: int) -> Any:
    if depth > 3 or rng.random() < 0.3:
        return rng.choice([1, -2.5, None, True, *_TEXTS])
    if rng.random() < 0.5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))]
    return {rng.choice(_KEYS) + str(i): _random_value(rng, depth + 1) for i in range(rng.randrange(0, 6))}


@pytest.mark.parametrize("seed", range(150))
def test_every_array_and_object_is_found_where_it_was_written(seed: int) -> None:
    rng = random.Random(seed)
    value = {"root": _random_value(rng, 0), "more": [_random_value(rng, 1), {"x": []}]}
    out: list[str] = [space := rng.choice(["", "\n", " "])]
    places: dict[tuple[Any, ...], int] = {}
    _write(value, rng, out, places, ())
    raw = ("".join(out) + space).encode()
    assert json.loads(raw) == value
    found = JsonPlaces(raw)
    for loc, offset in places.items():
        assert found.offset(loc) == offset, (loc, raw)
        assert found.loc_at(offset) == loc, (loc, raw)
        assert found.line(offset) == raw[:offset].count(b"\n") + 1
    assert found.offset(("no such key",)) is None and found.offset(("more", 5)) is None


def _lists(value: Any, loc: tuple[str, ...]) -> list[str]:
    """The path of every list in ``value``, an item of a list written ``*``."""
    if isinstance(value, list):
        return ["/".join(loc), *(p for v in value for p in _lists(v, (*loc, ANY)))]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _lists(v, (*loc, k))]
    return []


def test_every_list_whipcount_writes_into_a_bundle_is_capped_where_it_is_read() -> None:
    # the exporter puts each of a scenario's lists (each capped in the scenario file) somewhere in the bundle,
    # its extras included: the reader must hold every one of them to a cap
    from whipcount.io.scenario import bundled_scenarios

    caps = as_table(popolo_caps())
    seen = set()
    for sid in bundled_scenarios():
        for path in _lists(export_popolo(load_scenario(sid)), ()):
            seen.add(path)
            assert caps.get(path) is not None, (sid, path)
    assert {"extras/stances", "extras/events/*/sources", "vote_events/*/votes"} <= seen


@pytest.mark.parametrize(("path", "cap"), _places())
def test_a_list_past_its_own_cap_is_refused_before_any_object_is_built(
        tmp_path: Path, bundle: dict[str, Any], path: str, cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal comes from the text alone: ``json.loads`` builds no object of the file (its hook, which
    every object of the file goes through, is never called), where it had built every item of the list."""
    import whipcount.io.yamlsource as yamlsource

    built: list[int] = []

    def counted(items: list[tuple[str, Any]]) -> dict[str, Any]:
        built.append(len(items))
        return dict(items)

    monkeypatch.setattr(yamlsource, "unique_pairs", counted)
    file, named, line = _file(tmp_path, bundle, path, cap + 1)
    with pytest.raises(InputError) as caught:
        load_json_file(file, caps=popolo_caps())
    assert str(caught.value) == f"{file}:{line}: {named}: {cap + 1:,} listed; at most {cap:,} accepted"
    assert built == []
