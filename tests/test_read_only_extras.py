"""A scenario's and a constitution's ``extras`` are as frozen as the rest of them: the Speaker a scenario keeps
there decides who is out of a vote that the chair only breaks ties in, so changing it in place would change the
chamber behind a frozen object. Every change in place raises TypeError, at any depth; a changed copy is made
with dataclasses.replace, and every writer and copier gives the same extras back."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from whipcount.io.popolo import import_popolo
from whipcount.io.popolo_export import export_popolo
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.model import Scenario
from whipcount.rules import get_constitution

DATA = Path(__file__).resolve().parents[1] / "src" / "whipcount" / "data" / "scenarios"


@pytest.fixture(scope="module")
def pakistan() -> Scenario:
    return load_scenario("pk-na-2022")


def _speaker_in_the_file() -> dict[str, Any]:
    """The Speaker as the bundled file writes it, read without whipcount."""
    with (DATA / "pk-na-2022.yaml").open(encoding="utf-8") as fh:
        return dict(yaml.safe_load(fh)["chamber"]["speaker"])


CHANGES: list[tuple[str, Callable[[Any], object]]] = [
    ("set", lambda x: x.__setitem__("speaker", {"name": "Someone Else", "party": "pmln"})),
    ("delete", lambda x: x.__delitem__("speaker")),
    ("update", lambda x: x.update(speaker=None)),
    ("or-equals", lambda x: x.__ior__({"speaker": None})),
    ("pop", lambda x: x.pop("speaker")),
    ("popitem", lambda x: x.popitem()),
    ("setdefault", lambda x: x.setdefault("other", 1)),
    ("clear", lambda x: x.clear()),
    ("nested-set", lambda x: x["speaker"].__setitem__("party", "pmln")),
    ("nested-update", lambda x: x["speaker"].update(party="pmln")),
    ("nested-list-append", lambda x: x["speaker"]["sources"].append({"url": "https://example.org"})),
    ("nested-list-set", lambda x: x["speaker"]["sources"].__setitem__(0, {"url": "https://example.org"})),
    ("nested-list-clear", lambda x: x["speaker"]["sources"].clear()),
    ("nested-list-extend", lambda x: x["speaker"]["sources"].__iadd__([{}])),
    ("nested-list-item", lambda x: x["speaker"]["sources"][0].__setitem__("url", "https://example.org")),
]


@pytest.mark.parametrize("change", [c for _, c in CHANGES], ids=[name for name, _ in CHANGES])
def test_a_scenario_s_extras_cannot_change_in_place(pakistan: Scenario, change: Callable[[Any], object]) -> None:
    before = pakistan.speaker_on(pakistan.chamber.as_of)
    with pytest.raises(TypeError, match="read-only"):
        change(pakistan.extras)
    assert pakistan.speaker_on(pakistan.chamber.as_of) == before
    speaker = _speaker_in_the_file()
    assert before is not None and (before["name"], before["party"]) == (speaker["name"], speaker["party"])


def test_the_extras_are_a_copy_of_the_caller_s_dict(pakistan: Scenario) -> None:
    mine: dict[str, Any] = {"speaker": {"name": "Ayaz Sadiq", "party": "pmln", "side": "opposition"}}
    changed = dataclasses.replace(pakistan, extras=mine)
    mine["speaker"]["party"] = "pti"  # the caller's own dict stays theirs to change
    assert changed.speaker_on(changed.chamber.as_of)["party"] == "pmln"  # type: ignore[index]
    with pytest.raises(TypeError):
        changed.extras["speaker"]["party"] = "pti"  # type: ignore[index]
    assert pakistan.extras["speaker"]["name"] == "Asad Qaiser"  # type: ignore[index]


def test_a_constitution_s_extras_cannot_change_in_place() -> None:
    profile = get_constitution("pk-na")
    with pytest.raises(TypeError, match="read-only"):
        profile.extras["note"] = "changed"  # type: ignore[index]
    mine = {"note": "one"}
    changed = dataclasses.replace(profile, extras=mine)
    mine["note"] = "two"
    assert changed.extras == {"note": "one"} and profile.extras == {}
    with pytest.raises(TypeError):
        changed.extras.pop("note")  # type: ignore[attr-defined]


def test_a_historic_vote_s_extras_cannot_change_in_place() -> None:
    from whipcount.io.historic import historic_votes

    vote = next(v for v in historic_votes() if v.extras)
    with pytest.raises(TypeError, match="read-only"):
        vote.extras["seats_note"] = "changed"  # type: ignore[index]


def test_the_extras_still_read_as_a_dict(pakistan: Scenario) -> None:
    extras = pakistan.extras
    assert isinstance(extras, dict) and isinstance(extras["speaker"]["sources"], list)  # type: ignore[index]
    plain = json.loads(json.dumps(extras))
    assert plain == extras and type(plain) is dict
    assert plain["speaker"]["name"] == _speaker_in_the_file()["name"]
    mutable = dict(extras)
    mutable["speaker"] = None  # dict(...) is the mutable copy
    assert extras["speaker"] is not None


@pytest.mark.parametrize("how", ["pickle", "copy", "deepcopy"])
def test_copies_keep_the_extras_read_only(pakistan: Scenario, how: str) -> None:
    again = {"pickle": lambda s: pickle.loads(pickle.dumps(s)), "copy": copy.copy,
             "deepcopy": copy.deepcopy}[how](pakistan)
    assert again.extras == pakistan.extras and again.speaker_on(again.chamber.as_of) == \
        pakistan.speaker_on(pakistan.chamber.as_of)
    with pytest.raises(TypeError):
        again.extras["speaker"]["party"] = "pmln"


def test_writers_give_the_same_extras_back(pakistan: Scenario, tmp_path: Path) -> None:
    from whipcount.storage import Store

    path = tmp_path / "pk.yaml"
    path.write_text(dump_scenario(pakistan), encoding="utf-8")
    from_yaml = load_scenario(str(path))
    from_popolo = import_popolo(json.loads(json.dumps(export_popolo(pakistan))), "pk.json").scenario
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        store.save_scenario(pakistan)
        from_store = store.scenario(pakistan.id)
    finally:
        store.close()
    day = pakistan.chamber.as_of
    for again in (from_yaml, from_popolo, from_store):
        assert again.extras == pakistan.extras
        assert again.speaker_on(day) == pakistan.speaker_on(day)
        with pytest.raises(TypeError):
            again.extras["speaker"] = None
