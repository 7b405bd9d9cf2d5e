"""Every bundled historic vote comes out as the record says, judged through the public rules API."""

from __future__ import annotations

import dataclasses

import pytest

from whipcount.errors import InputError
from whipcount.io.historic import HistoricVote, historic_votes, parse_historic
from whipcount.io.yamlsource import load_yaml_text
from whipcount.rules import all_constitutions

VOTES = historic_votes()


def test_dataset_is_broad_enough() -> None:
    assert len(VOTES) >= 20
    chambers = {v.rules for v in VOTES}
    assert len(chambers) >= 12
    assert {v.motion for v in VOTES} >= {"no-confidence", "constructive-no-confidence", "confidence",
                                         "investiture", "pm-election"}
    assert chambers <= {c.id for c in all_constitutions()}


@pytest.mark.parametrize("vote", VOTES, ids=lambda v: v.id)
def test_outcome_matches_the_record(vote) -> None:  # type: ignore[no-untyped-def]
    o = vote.judge()
    assert o.passed is vote.passed, f"{vote.id}: {o.explanation}"
    if vote.needed is not None:
        assert o.needed == vote.needed, f"{vote.id}: {o.explanation}"
    if vote.reject_at is not None:
        assert o.reject_at == vote.reject_at
    assert vote.sources and all(s.startswith("http") for s in vote.sources)
    if not vote.verified:
        assert vote.note, f"{vote.id}: an unverified entry must say what is unverified"


def test_well_known_figures_of_the_record() -> None:
    by_id = {v.id: v for v in VOTES}
    assert (by_id["gb-1979-callaghan"].yes, by_id["gb-1979-callaghan"].no) == (311, 310)
    assert by_id["es-2018-sanchez"].needed == 176 and by_id["es-2018-sanchez"].yes == 180
    assert by_id["pk-1989-bhutto"].needed == 119 and by_id["pk-1989-bhutto"].yes == 107
    # France 2024: three vacant seats made the bar 288, not the usual 289.
    assert by_id["fr-2024-barnier"].judge().needed == 288


def test_a_bad_entry_names_file_line_and_field() -> None:
    text = "version: 1\nvotes:\n  - id: x\n    rules: pk-na\n    motion: no-confidence\n    date: 2022-04-10\n" \
           "    yes: -1\n    passed: true\n    outcome: o\n    source: https://e.org\n"
    with pytest.raises(InputError, match=r"votes\.yaml:7: votes\[0\]\.yes"):
        parse_historic(load_yaml_text(text, "votes.yaml"))
    missing = text.replace("yes: -1", "yes: 1").replace("    source: https://e.org\n", "")
    with pytest.raises(InputError, match="needs a source"):
        parse_historic(load_yaml_text(missing, "votes.yaml"))


ONE = "version: 1\nvotes:\n  - id: x\n    rules: pk-na\n    motion: no-confidence\n    date: 2022-04-10\n" \
      "    yes: 1\n    seats: SEATS\n    passed: true\n    outcome: o\n    source: https://e.org\n"


def test_a_chamber_of_one_seat_is_read_and_of_none_refused() -> None:
    # seats is a positive number: 1 is the smallest chamber there is
    (vote,) = parse_historic(load_yaml_text(ONE.replace("SEATS", "1"), "votes.yaml"))
    assert vote.seats == 1 and vote.yes == 1
    with pytest.raises(InputError, match=r"votes\.yaml:8: votes\[0\]\.seats: expected more than 0, got"):
        parse_historic(load_yaml_text(ONE.replace("SEATS", "0"), "votes.yaml"))


def test_of_two_problems_the_first_in_the_file_is_named() -> None:
    # yes on line 7 and seats on line 8 are both wrong: the message names line 7, where a reader starts
    two = ONE.replace("SEATS", "0").replace("yes: 1", "yes: -1")
    with pytest.raises(InputError, match=r"votes\.yaml:7: votes\[0\]\.yes"):
        parse_historic(load_yaml_text(two, "votes.yaml"))


@pytest.mark.parametrize("field", ["no", "abstain", "vacancies", "needed", "reject_at"])  # every count but yes
def test_a_count_of_0_is_read_and_below_it_refused(field: str) -> None:
    text = ONE.replace("SEATS", "342").replace("    passed: true\n", f"    {field}: N\n    passed: true\n")
    (vote,) = parse_historic(load_yaml_text(text.replace("N", "0"), "votes.yaml"))
    assert getattr(vote, field) == 0
    with pytest.raises(InputError, match=rf"votes\.yaml:9: votes\[0\]\.{field}: expected at least 0, got -"):
        parse_historic(load_yaml_text(text.replace("N", "-1"), "votes.yaml"))


def test_an_empty_record_is_refused() -> None:
    with pytest.raises(InputError, match=r"votes\.yaml:2: votes: .*at least 1 item"):
        parse_historic(load_yaml_text("version: 1\nvotes: []\n", "votes.yaml"))


def test_a_vote_that_gives_no_vacancies_has_none() -> None:
    # France counts the seats filled: of 576 seats a majority is 289 with none vacant (288 with one)
    text = ("version: 1\nvotes:\n  - id: x\n    rules: fr-an\n    motion: no-confidence\n    date: 2024-12-04\n"
            "    yes: 300\n    seats: 576\n    passed: true\n    outcome: o\n    source: https://e.org\n")
    (vote,) = parse_historic(load_yaml_text(text, "votes.yaml"))
    assert vote.vacancies == 0 and vote.judge().needed == 289
    built = HistoricVote(id="x", rules="fr-an", motion="no-confidence", date=vote.date, yes=300, passed=True,
                         outcome="o", sources=("https://e.org",), seats=576)
    assert built.judge().needed == 289
    assert dataclasses.replace(built, vacancies=1).judge().needed == 288


def test_a_vote_with_no_yes_at_all_is_read_and_a_negative_one_refused() -> None:
    text = ONE.replace("SEATS", "342")
    (vote,) = parse_historic(load_yaml_text(text.replace("yes: 1", "yes: 0"), "votes.yaml"))
    assert vote.yes == 0 and vote.judge().passed is False
    with pytest.raises(InputError, match=r"votes\.yaml:7: votes\[0\]\.yes: expected at least 0, got -"):
        parse_historic(load_yaml_text(text.replace("yes: 1", "yes: -1"), "votes.yaml"))


def test_the_data_readme_counts_the_historic_votes() -> None:
    from pathlib import Path

    import whipcount

    readme = (Path(whipcount.__file__).parent / "data" / "README.md").read_text(encoding="utf-8")
    assert f"| {len(VOTES)} historic confidence-type votes" in readme


def test_the_rules_page_counts_the_historic_votes() -> None:
    """docs/rules.md said 25 votes when the record held 26."""
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    profiles = len({v.rules for v in VOTES})
    years = f"{min(v.date for v in VOTES).year}-{max(v.date for v in VOTES).year}"
    assert f"holds {len(VOTES)} votes across {profiles} profiles ({years})" in page
