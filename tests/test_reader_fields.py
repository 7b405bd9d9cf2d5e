"""A field a scenario or constitution file does not have is refused when its key is read, before anything
under it is built: the file, the line, the field and the fields expected there, in the words validation
uses. A place of the format that takes any keys (an event's extras, a constitution carried in a scenario)
takes them still.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from limited import cpu_of
from whipcount.errors import ConstitutionFileError, InputError, ScenarioError
from whipcount.io.constitution import load_constitution_file, parse_constitution_text
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.yamlsource import load_yaml_text

MB = 1 << 20
HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
# the fields of a scenario file (docs/scenario-format.md) and of a source, written out here
SCENARIO_FIELDS = ("chamber, constitutions, description, division, events, forecast, id, key_dates, members, "
                   "motion, motions, parties, sources, stance_probabilities, stances, title, unverified")
SOURCE_FIELDS = "date, outlet, quote, title, url"
CONSTITUTION_FIELDS = "country, id, motions, name, note, seats"
SPELLING = "unknown field (check its spelling against the {} schema)"


def test_a_field_the_scenario_does_not_have_is_refused_before_what_it_holds_is_read(tmp_path: Path) -> None:
    """2,400,000 values in 5 MB, each list within its cap, under ``x:``: the reader of before built them all
    (355 MB, 5 to 6 s of CPU on the 2-core machine) before validation refused the field; a file of the
    header alone takes 36 MB."""
    (tmp_path / "s.yaml").write_text(HEAD + "x: [" + ", ".join(["[" + ",".join(["1"] * 99_999) + "]"] * 24) + "]\n")
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [
        f"error: s.yaml:5: x: {SPELLING.format('scenario')}; expected one of: {SCENARIO_FIELDS}"]
    assert peak < 100 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 3, f"{seconds:.1f} s of CPU"


@pytest.mark.parametrize(("text", "expected"), [
    ("parites: []\n", f"s.yaml:5: parites: {SPELLING.format('scenario')}; expected one of: {SCENARIO_FIELDS}; "
                      "did you mean 'parties'?"),
    ("events:\n  - date: 2001-01-01\n    kind: statement\n    source: {url: 'https://example.org/a', titel: A}\n",
     f"s.yaml:8: events[0].source.titel: {SPELLING.format('scenario')}; expected one of: {SOURCE_FIELDS}; "
     "did you mean 'title'?"),
    ("sources:\n  - https://example.org/a\n  - {url: 'https://example.org/b', 1: x}\n",
     f"s.yaml:7: sources[1][1]: {SPELLING.format('scenario')}; expected one of: {SOURCE_FIELDS}"),
])
def test_an_unknown_field_is_named_with_its_line_and_the_fields_expected(tmp_path: Path, text: str,
                                                                          expected: str) -> None:
    (tmp_path / "s.yaml").write_text(HEAD + text)
    with pytest.raises(ScenarioError) as refused:
        load_scenario(tmp_path / "s.yaml")
    assert str(refused.value) == expected.replace("s.yaml", str(tmp_path / "s.yaml"))


def test_validation_names_an_unknown_field_as_the_reader_does() -> None:
    """Data read without the format's fields (as a file of another format is) is refused by validation, in
    the same words, with the same fields expected."""
    text = HEAD + "forecast:\n  sims: 100\n  seeed: 1\n"
    read = load_yaml_text(text, "s.yaml")  # no format given: nothing refused as it is read
    with pytest.raises(ScenarioError) as validated:
        parse_scenario(read)
    with pytest.raises(ScenarioError) as streamed:
        load_scenario_text(text)
    assert str(validated.value) == str(streamed.value) == (
        f"s.yaml:7: forecast.seeed: {SPELLING.format('scenario')}; expected one of: cohesion, party_swing, seed, "
        "sims, swing, together; did you mean 'seed'?")


def load_scenario_text(text: str) -> None:
    from whipcount.errors import ScenarioError
    from whipcount.io.document_kind import read_as
    from whipcount.io.list_caps import caps_of
    from whipcount.io.scenario import ScenarioFile

    parse_scenario(read_as("scenario", "s.yaml", lambda checked: load_yaml_text(
        text, "s.yaml", caps=caps_of(ScenarioFile, fields=checked)), ScenarioError))


def test_the_places_that_take_any_keys_take_them(tmp_path: Path) -> None:
    """An event's extras are a mapping of any keys: read, not refused for their keys."""
    (tmp_path / "s.yaml").write_text(HEAD + "events:\n  - date: 2001-01-01\n    kind: statement\n    source: a book\n"
                                     "    extras: {anything: 1, 'another one': yes}\n")
    scenario = load_scenario(tmp_path / "s.yaml")
    assert set(dict(scenario.events[0].extras)) == {"anything", "another one"}


EXTRAS = "events:\n  - date: 2001-01-01\n    kind: statement\n    source: a book\n    extras:\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("      a: 1\n      b: [1, 2]\n", "s.yaml:11: events[0].extras.b: expected text, got a list"),
    ("      b:\n        c: 1\n", "s.yaml:10: events[0].extras.b: expected text, got a mapping"),
    ("      a: &a [1]\n", "s.yaml:10: events[0].extras.a: expected text, got a list"),
])
def test_a_list_or_mapping_among_an_event_s_extras_is_refused_as_it_opens(text: str, expected: str) -> None:
    """Any key, but one value each (text, a number, true or false): a list or mapping is refused as it opens,
    in the words validation uses for it (data read without the format's places, refused by validation)."""
    with pytest.raises(InputError) as streamed:
        load_scenario_text(HEAD + EXTRAS + text)
    assert str(streamed.value) == expected
    with pytest.raises(ScenarioError) as validated:
        parse_scenario(load_yaml_text(HEAD + EXTRAS + text, "s.yaml"))
    assert str(validated.value) == expected


def test_an_alias_of_a_list_among_an_event_s_extras_is_refused_where_it_is_put() -> None:
    with pytest.raises(InputError) as refused:
        load_scenario_text(HEAD + EXTRAS.replace("    extras:", "    parties: &a [a, b]\n    extras:")
                           + "      a: 1\n      b: *a\n")
    assert str(refused.value) == "s.yaml:12: events[0].extras.b: expected text, got a list"


def test_values_within_every_cap_in_an_event_s_extras_are_refused_before_they_are_read(tmp_path: Path) -> None:
    """2,400,000 values in 5 MB under one key of an event's extras: built whole before (as under a field the
    scenario does not have, 355 MB and more) until validation refused them; a file of the header alone takes
    36 MB."""
    (tmp_path / "s.yaml").write_text(HEAD + EXTRAS + "      x: [" + ", ".join(["[" + ",".join(["1"] * 99_999) + "]"] * 24)
                                     + "]\n")
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == ["error: s.yaml:10: events[0].extras.x: expected text, got a list"]
    assert peak < 100 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 3, f"{seconds:.1f} s of CPU"


CARRIED = "constitutions:\n  - id: own\n    name: Own\n"


def test_a_carried_constitution_within_every_cap_is_refused_before_what_it_holds_is_read(tmp_path: Path) -> None:
    """2,400,000 values in 5 MB under a field a constitution does not have, in a constitution the scenario
    carries (a mapping of any keys to the scenario's schema): the reader of before built them all (657 MB, 6
    to 7 s of CPU on the 2-core machine) before the constitution was validated; a file of the header alone
    takes 36 MB. Refused as its key is read, in a constitution file's words."""
    (tmp_path / "s.yaml").write_text(HEAD + CARRIED + "    x: [" + ", ".join(["[" + ",".join(["1"] * 99_999) + "]"] * 24)
                                     + "]\n")
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [
        f"error: s.yaml:8: constitutions[0].x: {SPELLING.format('constitution')}; expected one of: "
        f"{CONSTITUTION_FIELDS}"]
    assert peak < 100 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 3, f"{seconds:.1f} s of CPU"


@pytest.mark.parametrize(("text", "expected"), [
    ("    motions:\n      - kind: no-confidence\n        thresold: {fraction: 1/2, basis: total}\n",
     "s.yaml:10: constitutions[0].motions[0].thresold: {}; expected one of: bars, defection, effect, effect_fail, "
     "end, kind, movers, note, runoff, source, start, successor, threshold, title, verified, votes_recorded, window; did you mean "
     "'threshold'?"),
    ("    motions:\n      - kind: no-confidence\n        threshold: {fraction: 1/2, basis: total, quorom: {}}\n",
     "s.yaml:10: constitutions[0].motions[0].threshold.quorom: {}; expected one of: basis, basis_note, "
     "basis_source, floor, fraction, negative, quorum, strict, tie, tie_convention, tie_note, tie_source, "
     "vacancies_verified; did you mean 'quorum'?"),
    ("    seats:\n      - {seats: 10, start: 2000-01-01, sorce: a book}\n",
     "s.yaml:9: constitutions[0].seats[0].sorce: {}; expected one of: end, note, seats, source, start, verified; "
     "did you mean 'source'?"),
])
def test_a_carried_constitution_s_unknown_field_is_named_as_a_constitution_file_s(tmp_path: Path, text: str,
                                                                                    expected: str) -> None:
    """The field, its line in the scenario, the fields a constitution has there and the one meant."""
    (tmp_path / "s.yaml").write_text(HEAD + CARRIED + text)
    with pytest.raises(ScenarioError) as refused:
        load_scenario(tmp_path / "s.yaml")
    assert str(refused.value) == expected.format(SPELLING.format("constitution")).replace(
        "s.yaml", str(tmp_path / "s.yaml"))


def test_a_carried_constitution_s_lists_are_held_to_a_constitution_file_s_caps(tmp_path: Path) -> None:
    """A constitution's motions: at most 10,000 (the README), refused at the first past it
    as it is read, where the 100,000 of a list no format names had let them all be read."""
    (tmp_path / "s.yaml").write_text(HEAD + CARRIED + "    motions:\n" + "      - {kind: no-confidence}\n" * 10_001)
    with pytest.raises(InputError) as refused:
        load_scenario(tmp_path / "s.yaml")
    assert str(refused.value) == (f"{tmp_path / 's.yaml'}:{8 + 10_001}: constitutions[0].motions: over 10,000 "
                                  "listed; at most 10,000 accepted")


def test_a_popolo_bundle_is_still_said_to_be_one(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text('{"organizations": [], "persons": [{"id": "p", "name": "P"}]}\n')
    with pytest.raises(ScenarioError, match=r"p\.json: expected a scenario \(chamber, parties, events\), got a "
                                            r"Popolo bundle"):
        load_scenario(tmp_path / "p.json")


def test_a_constitution_s_unknown_field_is_refused_as_it_is_read(tmp_path: Path) -> None:
    text = "id: own\nname: Own\ncountry: X\nmotoins: " + "[" + ",".join(["1"] * 99_999) + "]\n"
    expected = (f"c.yaml:4: motoins: {SPELLING.format('constitution')}; expected one of: {CONSTITUTION_FIELDS}; "
                "did you mean 'motions'?")
    with pytest.raises(ConstitutionFileError) as streamed:
        parse_constitution_text(text, "c.yaml")
    assert str(streamed.value) == expected
    (tmp_path / "c.yaml").write_text(text)
    with pytest.raises(ConstitutionFileError) as from_file:
        load_constitution_file(tmp_path / "c.yaml")
    assert str(from_file.value) == expected.replace("c.yaml", str(tmp_path / "c.yaml"), 1)


def test_a_popolo_bundle_of_many_values_is_told_by_its_head(tmp_path: Path) -> None:
    """A file whose first field is a Popolo bundle's (``persons:``), holding 2,400,000 values, handed as a
    scenario: its head (the first 64 KiB) says what it is, so it is not read a second time, whole, to tell."""
    values = ", ".join(["[" + ",".join(["1"] * 99_999) + "]"] * 24)
    (tmp_path / "p.yaml").write_text(f"persons: [{values}]\nmemberships: []\n")
    seconds, peak, proc = cpu_of("tally", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.startswith("error: p.yaml: expected a scenario (chamber, parties, events), got a Popolo "
                                  "bundle"), proc.stderr[:300]
    assert peak < 100 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 3, f"{seconds:.1f} s of CPU"
