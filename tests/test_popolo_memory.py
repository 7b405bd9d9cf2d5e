"""Reading a Popolo file holds one form of the bundle at a time: while the scenario is built from its mapping,
neither the parsed JSON nor the bundle's validated objects are alive (they had been, the three together: a
12 MB bundle peaked at 353 MB, 4.7 times ``json.load`` of it; see docs/performance.md)."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

import whipcount.io.scenario as scenario_module
from whipcount.io.popolo import dump_popolo, read_popolo
from whipcount.io.popolo_format import Membership, Person, PopoloBundle
from whipcount.io.scenario import load_scenario


def _alive() -> dict[str, int]:
    """What of a bundle is alive now: its validated objects, and the parsed JSON's memberships."""
    gc.collect()
    out = {"bundle models": 0, "parsed memberships": 0}
    for obj in gc.get_objects():
        if isinstance(obj, PopoloBundle) and (obj.persons or obj.memberships):
            out["bundle models"] += 1
        elif isinstance(obj, Membership | Person):
            out["bundle models"] += 1
        elif isinstance(obj, dict) and isinstance(obj.get("person_id"), str) and "organization_id" in obj:
            out["parsed memberships"] += 1
    return out


@pytest.mark.parametrize("case", ["pk-na-2022", "es-cd-2016"])
def test_the_bundle_is_let_go_before_the_scenario_is_built(case: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(dump_popolo(load_scenario(case)), encoding="utf-8")
    memberships = len(json.loads(path.read_text(encoding="utf-8"))["memberships"])
    assert memberships > 10  # something to be let go
    seen: list[dict[str, int]] = []
    build = scenario_module.build

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(_alive())
        return build(*args, **kwargs)

    monkeypatch.setattr(scenario_module, "build", watched)
    result = read_popolo(path)
    assert seen == [{"bundle models": 0, "parsed memberships": 0}]
    assert len(result.scenario.members) == len(load_scenario(case).members)  # and the import is whole
