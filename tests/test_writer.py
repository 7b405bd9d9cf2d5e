"""The scenario writer: YAML that reads back into an equal Scenario, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from strategies_interchange import scenarios, states, without_origins
from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.writer import dump_scenario, write_bytes_atomic, write_scenario, write_text_atomic
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario


def reread(text: str, sid: str = "scenario") -> Scenario:
    return parse_scenario(load_yaml_text(text, "written.yaml"), default_id=sid)


def test_bundled_scenario_round_trips() -> None:
    original = load_scenario("pk-na-2022")
    again = reread(dump_scenario(original))
    assert without_origins(again) == without_origins(original)
    assert states(again) == states(original)


def test_written_file_keeps_the_bundled_key_order_and_iso_dates() -> None:
    text = dump_scenario(load_scenario("pk-na-2022"))
    top = [line.split(":")[0] for line in text.splitlines() if line and not line[0].isspace()]
    assert top[:6] == ["id", "title", "description", "chamber", "parties", "members"]
    assert top.index("events") < top.index("motion") < top.index("division") < top.index("motions")
    assert "  as_of: 2022-03-08\n" in text
    # the first party as a user would write it
    assert "  - id: pti\n    name: Pakistan Tehreek-e-Insaf\n    short: PTI\n    seats: 155\n" in text


def test_yes_and_no_keys_read_back_as_counts() -> None:
    original = load_scenario("pk-na-2022")
    data = yaml.safe_load(dump_scenario(original))  # a YAML 1.1 reader: 'yes' must not become True
    assert data["division"]["yes"] == 174


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_scenario_round_trips(sc: Scenario) -> None:
    again = reread(dump_scenario(sc), sc.id)
    assert without_origins(again) == without_origins(sc)
    assert states(again) == states(sc)


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")
    write_scenario(load_scenario("pk-na-2022"), target)
    assert target.read_text(encoding="utf-8").startswith("id: pk-na-2022\n")
    assert sorted(os.listdir(tmp_path)) == ["out.yaml"]  # no temporary file left behind


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")


    with pytest.raises(TypeError):
        write_bytes_atomic(target, 42)  # type: ignore[arg-type]  # fails after the temp file is open
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["out.yaml"]


def test_write_into_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere/out\.yaml: cannot write"):
        write_text_atomic(tmp_path / "nowhere" / "out.yaml", "x")


def test_shared_values_are_written_out_not_aliased() -> None:
    import dataclasses
    import datetime as dt

    sc = load_scenario("pk-na-2022")
    day = dt.date(2022, 4, 10)
    motion = dataclasses.replace(sc.motions[0], vote=day)
    motion = dataclasses.replace(motion, division=dataclasses.replace(motion.division, date=day))  # type: ignore[arg-type]
    text = dump_scenario(dataclasses.replace(sc, motions=(motion, *sc.motions[1:])))
    assert "&id" not in text and "*id" not in text
    assert text.count("2022-04-10") >= 2


@pytest.mark.parametrize("title", ["0E0", "1e5", "-2E+3", ".5", "2022-01-01", "true", "No", "null", "~", "12_3"])
def test_text_that_looks_like_a_number_or_date_reads_back_as_text(title: str) -> None:
    """The reader follows YAML 1.2 ("0E0" is a float there, not in the 1.1 the emitter knows): such text is
    quoted, so a title or a name comes back as the same string."""
    import dataclasses

    sc = dataclasses.replace(load_scenario("pk-na-2022"), title=title)
    assert reread(dump_scenario(sc)).title == title
