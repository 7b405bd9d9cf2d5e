"""The scenario file: its schema (pydantic, at this edge only), loading, and bundled scenarios.

``load_scenario("pk-na-2022")`` or ``load_scenario("my.yaml")`` gives a validated
:class:`whipcount.model.Scenario`. Every error names the file, the line, the field, what was expected
and what was found, in one line.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from whipcount.errors import ArgumentError, InputError, ModelError, NotFound, ScenarioError
from whipcount.io.document_kind import other_document, read_as, read_file_as
from whipcount.io.identifiers import identifier_problem
from whipcount.io.idle_values import scenario_file_set_aside
from whipcount.io.input_base import json_schema_of
from whipcount.io.limits import file_on_the_way
from whipcount.io.list_caps import caps_of, field_words
from whipcount.io.plain_words import and_more, field_place
from whipcount.io.resolve import resolve_scenario_rules
from whipcount.io.scenario_build import Ctx, build, division_path
from whipcount.io.scenario_chair import presiding_words
from whipcount.io.scenario_divisions import roll_beyond_seats, sat_on
from whipcount.io.scenario_in_force import check_motion_rules
from whipcount.io.scenario_runoffs import check_runoffs
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.scenario_sources import share_source_details
from whipcount.io.schema_fields import reported_error
from whipcount.io.yamlsource import Located, load_yaml_file, load_yaml_text
from whipcount.model import Scenario
from whipcount.model.ids import did_you_mean

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "ScenarioFile",
    "bare_bundled_name",
    "bundled_scenarios",
    "first_problem",
    "identifier_problem",
    "load_scenario",
    "load_scenario_set_aside",
    "parse_scenario",
    "scenario_json_schema",
]


def first_problem(exc: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """Where a scenario file's model found its first problem (the path of fields and indexes, without
    pydantic's names of the branches it tried) and the problem in words, with how many more there are."""
    err = reported_error(exc.errors())
    loc = field_place(err["loc"])
    return loc, f"{field_words(err, loc, caps_of(ScenarioFile))}{and_more(exc, err)}"


def _what_document(data: object) -> str:
    """What a file that is not a mapping holds, in words a user recognises (a CSV reads as one string)."""
    if data is None:
        return "an empty file"
    if isinstance(data, list):
        return f"a list of {len(data)} item(s)"
    if isinstance(data, str):
        first = data.strip().splitlines()[0] if data.strip() else ""
        hint = " (a CSV? read it with `whipcount import csv`)" if "," in first else ""
        return f"plain text starting {first[:40]!r}{hint}"
    return f"a single value ({type(data).__name__})"


def parse_scenario(located: Located, default_id: str = "scenario", base: Path | None = None) -> Scenario:
    """Validate parsed YAML (with its line map) into a Scenario, or raise one ScenarioError.

    Its rules references are resolved (:mod:`whipcount.io.resolve`): constitution files relative to
    ``base`` (the scenario file's folder; the current folder when None)."""
    if not isinstance(located.data, dict):
        raise ScenarioError(f"{located.name}: expected a mapping with chamber, parties and events, "
                            f"got {_what_document(located.data)}")
    if (other := other_document(located.data, "scenario", located.name)) is not None:
        raise ScenarioError(f"{located.name}: {other}")
    try:
        f = ScenarioFile.model_validate(located.data)
    except ValidationError as exc:
        loc, problem = first_problem(exc)
        raise ScenarioError(f"{located.where(loc)}: {problem}") from None
    share_source_details(f, located)
    scenario = resolve_scenario_rules(build(f, Ctx(located), default_id), located, base)
    check_motion_rules(Ctx(located), f, scenario)
    _check_sitting(scenario, f, located)
    check_runoffs(scenario, f, located)
    return scenario


def _check_sitting(scenario: Scenario, f: ScenarioFile, located: Located) -> None:
    """A recorded division counts no more members than sat on its day (the seats less the vacancies the
    event log has left by then), and a member's recorded vote is cast by a member who sat that day, so the
    error points into the file, not into a later command."""
    for mi, m in enumerate(scenario.motions):
        d = m.division
        on = m.vote  # a dated division sets it (Motion)
        if d is None or on is None:
            continue
        try:
            state = scenario.state(max(on, scenario.chamber.as_of))
        except ModelError:
            continue  # the log's own error is reported where the log is used
        counted = d.counted()  # an election's candidates' votes hold its yes and no
        sitting = state.seats - state.vacancies
        words = f" ({d.counted_words()})" if d.candidates else ""
        if counted > sitting:
            raise ScenarioError(f"{located.where(division_path(f, mi))}: the division counts {counted} members"
                                f"{words} but only {sitting} sat on {on.isoformat()} ({state.seats} seats, "
                                f"{state.vacancies} vacant)")
        if counted < sitting and d.absent is not None:  # with absent given, every member is accounted for
            missing = sitting - counted
            chair = presiding_words(scenario, m, on, missing)
            raise ScenarioError(f"{located.where(division_path(f, mi))}: the division accounts for {counted}{words} "
                                f"of the {sitting} members who sat on {on.isoformat()}; {missing} missing: "
                                f"{chair + '; ' if chair else ''}give "
                                "every member who did not vote as absent (one present who did not vote as "
                                "present_not_voting, an invalid ballot as invalid), or leave absent out where the "
                                "record does not say")
        members = {ms.id: ms for ms in state.members}
        for j, (mid, vote) in enumerate(d.votes):
            ms = members.get(mid)
            if ms is not None and not ms.seated:
                raise ScenarioError(f"{located.where((*division_path(f, mi), 'votes', j))}: member {mid!r} is "
                                    f"recorded as voting {vote!r} on {on.isoformat()} but holds no seat that day "
                                    f"({ms.status})")
        if (beyond := roll_beyond_seats(d, *sat_on(scenario, on))):
            raise ScenarioError(f"{located.where((*division_path(f, mi), *beyond[0]))}: {beyond[1]}")


def _bundled_files() -> dict[str, Traversable]:
    """Bundled scenario ids → their files, from the folder's listing alone (no file is read)."""
    folder = resources.files("whipcount") / "data" / "scenarios"
    return {entry.name.removesuffix(".yaml"): entry for entry in sorted(folder.iterdir(), key=lambda p: p.name)
            if entry.name.endswith(".yaml")}


def bundled_scenarios() -> dict[str, str]:
    """Bundled scenario ids → titles."""
    out: dict[str, str] = {}
    for sid, entry in _bundled_files().items():
        title = sid
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.startswith("title:"):
                title = line.split(":", 1)[1].strip().strip("\"'")
                break
        out[sid] = title
    return out


def load_scenario(ref: str | Path) -> Scenario:
    """A scenario from a path, or the id of a bundled one (``whipcount scenarios`` lists them)."""
    located, stem, base = _read(ref)
    return parse_scenario(located, default_id=stem, base=base)


def load_scenario_set_aside(ref: str | Path) -> tuple[Scenario, dict[str, Any]]:
    """A scenario as :func:`load_scenario` reads it, from a file an earlier version may have written (a
    backup ``db dump`` wrote): the values that version read and ignored, which the reader now refuses
    (:mod:`whipcount.io.idle_values`), are taken out before it is read, as the database's migration takes
    them out of stored rows. Returns the scenario and the values set aside, by their place in the file."""
    located, stem, base = _read(ref)
    took = scenario_file_set_aside(located.data)
    return parse_scenario(located, default_id=stem, base=base), took


def shadows_bundled(ref: str | Path) -> bool:
    """Whether ``ref``, as typed, names both a file in the current folder and a bundled scenario (a file
    ``pk-na-2022`` written by ``whipcount new pk-na-2022``): read either way, one would be taken silently for the
    other, so it is refused, naming both ways to say which (``./pk-na-2022``)."""
    return isinstance(ref, str) and bare_bundled_name(ref) and os.path.lexists(ref)


def bare_bundled_name(name: str) -> bool:
    """Whether ``name`` is a bundled scenario's name as it stands (no folder, no suffix): a file of that name in
    the current folder would shadow it (:func:`shadows_bundled`)."""
    if "/" in name or os.sep in name or Path(name).suffix:
        return False
    return name in _bundled_files()


def _read(ref: str | Path) -> tuple[Located, str, Path | None]:
    """A scenario file's parsed text (a path's, or a bundled scenario's), its default id and the folder its
    rules files are found from."""
    if not isinstance(ref, str | os.PathLike):
        raise ArgumentError(f"ref: expected a scenario file's path or a bundled scenario's name (text), got "
                            f"{ref!r} ({type(ref).__name__})")
    if str(ref) == "":  # Path("") is the current folder: "'.': is a directory" named nothing the user typed
        raise InputError("expected a scenario file or the name of a bundled scenario, got an empty name")
    path = Path(ref)
    if shadows_bundled(ref):
        raise InputError(f"{str(ref)!r} is both a file in this folder and the name of a bundled scenario: give "
                         f"./{ref} for the file (or name it {ref}.yaml), or run whipcount from another folder for "
                         "the bundled one")
    if path.suffix.lower() in (".yaml", ".yml", ".json") or os.path.lexists(path) or "/" in str(ref):
        if not os.path.lexists(path):
            if (way := file_on_the_way(path)) is not None:
                raise InputError(f"{ref}: {way} is a file, not a folder; expected a scenario file in a folder")
            raise InputError(f"{ref}: no such file (and not the name of a bundled scenario)")
        located = read_file_as("scenario", path, lambda checked: load_yaml_file(
            path, caps=caps_of(ScenarioFile, fields=checked)), ScenarioError)
        return located, path.stem, path.resolve().parent
    name = str(ref)
    bundled = _bundled_files()  # the one file asked for is read, not every bundled one for its title
    if name not in bundled:
        raise NotFound(
            f"{name!r} is neither a file nor a bundled scenario (bundled: {', '.join(bundled) or 'none'})"
            f"{did_you_mean(name, bundled)}"
        )
    text = bundled[name].read_text(encoding="utf-8")
    return read_as("scenario", f"{name}.yaml", lambda checked: load_yaml_text(
        text, f"{name}.yaml", caps=caps_of(ScenarioFile, fields=checked)), ScenarioError), name, None


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario file."""
    return json_schema_of(ScenarioFile, "whipcount scenario")


def scenario_json_schema_text() -> str:
    """The JSON Schema, as published in ``schemas/scenario.schema.json``."""
    return json.dumps(scenario_json_schema(), indent=2, sort_keys=True) + "\n"

