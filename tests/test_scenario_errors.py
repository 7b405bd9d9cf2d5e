"""Bad scenario files: one line naming the file, the line or field, what was expected and what was found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.yamlsource import load_yaml_text

CASES = {
    "broken-yaml": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01\nparties: []\n",
        r"scenario\.yaml:\d+: not valid YAML",
    ),
    "unknown-field": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government, colur: '#fff'}\n",
        r"scenario\.yaml:3: parties\[0\]\.colur: unknown field",
    ),
    "unknown-party-in-event": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: pti, name: A, seats: 5, side: government}\n"
        "events:\n  - {date: 2020-02-01, kind: switch-side, party: pti2, to: opposition}\n",
        r"scenario\.yaml:5: events\[0\]\.party: unknown party 'pti2'",
    ),
    "seats-over-chamber-size": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 8, side: government}\n  - {id: b, name: B, seats: 3, side: opposition}\n",
        r"scenario\.yaml:2: parties: parties hold 11 seats but the chamber has only 10",
    ),
    # a source is a URL or a mapping: the error names the field, not the branch of the type it tried
    "source-of-neither-kind": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n"
        "events:\n  - {date: 2020-02-01, kind: statement, source: 5}\n",
        r"scenario\.yaml:5: events\[0\]\.source: expected text, got 5$",
    ),
    # two problems in one entry: the first is named, the other counted
    "two-problems-in-one-event": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n"
        "events:\n  - {date: 2020-02-01, kind: statement, note: 5, summary: 6}\n",
        r"scenario\.yaml:5: events\[0\]\.note: expected text, got 5 \(and 1 more\)$",
    ),
    "date-not-a-date": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n"
        "events:\n  - {date: 2020-02-30, kind: statement}\n",
        r"scenario\.yaml:5: events\[0\]\.date: no such day: February 2020 has 29 days, got '2020-02-30'",
    ),
    "word-for-a-date": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: last tuesday}\nparties:\n  - {id: a, name: A, seats: 5, side: government}\n",
        r"scenario\.yaml:1: chamber\.as_of: expected a date as YYYY-MM-DD, got 'last tuesday'",
    ),
    "event-moves-more-seats-than-party-has": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n  - {id: b, name: B, seats: 2, side: opposition}\n"
        "events:\n  - {date: 2020-02-01, kind: switch-side, party: a, to: opposition, seats: 3}\n"
        "  - {date: 2020-02-02, kind: switch-side, party: b, to: government, seats: 5}\n",
        r"scenario\.yaml:7: events\[1\].*moves 5 seat\(s\) of 'b' but it holds only 2",
    ),
    "unknown-side": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: goverment}\n",
        r"scenario\.yaml:3: parties\[0\]\.side: unknown side 'goverment'",
    ),
    "bad-colour": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government, colour: reddish}\n",
        r"scenario\.yaml:3: parties\[0\]\.colour: expected a colour as #rgb, #rrggbb or a CSS colour name such as 'darkgreen', got 'reddish'",
    ),
    "negative-seats": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: -5, side: government}\n",
        r"scenario\.yaml:3: parties\[0\]\.seats: expected at least 0, got -5",
    ),
    "duplicate-key": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, seats: 6, side: government}\n",
        r"scenario\.yaml:3: not valid YAML: duplicate key 'seats'",
    ),
    "more-named-members-than-seats": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 1, side: government}\n"
        "members:\n  - {id: m1, name: M1, party: a}\n  - {id: m2, name: M2, party: a}\n",
        r"scenario\.yaml:6: members\[1\]: 2 named member\(s\) of 'a' sit on the government side on the as_of "
        r"date, but the party holds only 1 seat\(s\) there \(a member who takes a seat later, at a by-election "
        r"or a fill-seat event, is listed with seated: false\)$",
    ),
    # a member named on a side where the party holds no seat at all is named by its line too
    "named-member-on-an-empty-side": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 5, side: government}\n"
        "members:\n  - {id: m1, name: M1, party: a, side: opposition}\n",
        r"scenario\.yaml:5: members\[0\]: 1 named member\(s\) of 'a' sit on the opposition side on the as_of "
        r"date, but the party holds only 0 seat\(s\) there",
    ),
    # a member still to take a seat (at a by-election) takes none on the as_of date
    "unseated-members-are-not-counted-but-a-later-seated-one-is": (
        "chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
        "parties:\n  - {id: a, name: A, seats: 1, side: government}\n"
        "members:\n  - {id: m0, name: M0, party: a, seated: false}\n  - {id: m1, name: M1, party: a}\n"
        "  - {id: m2, name: M2, party: a}\n",
        r"scenario\.yaml:7: members\[2\]: 2 named member\(s\) of 'a'",
    ),
    "not-a-mapping": ("- just\n- a list\n", r"scenario\.yaml: expected a mapping"),
    "empty-file": ("", r"scenario\.yaml: expected a mapping .* got an empty file"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_scenario_is_one_clear_line_and_exit_1(name, write_scenario, run_cli) -> None:  # type: ignore[no-untyped-def]
    text, pattern = CASES[name]
    path = write_scenario(text)
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert re.search(pattern, str(exc.value)), str(exc.value)
    r = run_cli("tally", str(path))
    assert r.code == 1
    assert r.out == ""
    assert "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert str(path.name) in r.err


def test_a_missing_file_is_one_clear_line(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", str(tmp_path / "nope.yaml"))
    assert r.code == 1 and "nope.yaml" in r.err and "no such file" in r.err


SWEDEN = Path(__file__).resolve().parent.parent / "src" / "whipcount" / "data" / "scenarios" / "se-riksdag-2021.yaml"


@pytest.mark.parametrize(("old", "new"), [("yes: 181", "yes: 182"), ("no: 109", "no: 110"),
                                          ("abstain: 51", "abstain: 52"), ("absent: 8", "absent: 9"),
                                          ("absent: 8", "absent: 8\n  present_not_voting: 1")])
def test_a_division_counting_more_members_than_seats_is_refused(old: str, new: str) -> None:
    # 181 + 109 + 51 + 8 is the Riksdag's 349: one more member of any kind is one too many
    text = SWEDEN.read_text(encoding="utf-8")
    assert text.count(old) == 1
    with pytest.raises(InputError, match=r"^se\.yaml:\d+: division: the division counts 350 members but the "
                                         r"chamber has 349 seats"):
        parse_scenario(load_yaml_text(text.replace(old, new), "se.yaml"))


@pytest.mark.parametrize(("extra", "where"), [
    ("motions:\n  - {id: second, kind: confidence, rules: nowhere-known}\n", "motions\\[0\\]"),
    ("motions:\n  - {id: second, kind: investiture}\n  - {id: third, kind: confidence, rules: nowhere-known}\n",
     "motions\\[1\\]"),
])
def test_a_further_motions_unknown_rules_is_named_by_its_own_place(extra: str, where: str) -> None:
    # beside the file's `motion`, `motions` lists more: an error in one names its place in that list
    text = SWEDEN.read_text(encoding="utf-8") + extra
    with pytest.raises(InputError, match=rf"^se\.yaml:\d+: {where}\.rules: unknown rules profile 'nowhere-known'"):
        parse_scenario(load_yaml_text(text, "se.yaml"))


@pytest.mark.parametrize("vote_date", [True, False])
def test_a_division_counting_a_vacant_seat_is_refused(vote_date: bool) -> None:
    # a seat falls vacant three days before the vote: 348 sat, the division counts 349; the day is the
    # motion's vote date, or the division's own date when the motion gives none
    text = SWEDEN.read_text(encoding="utf-8").replace(
        "events:\n", "events:\n  - {date: 2021-06-18, kind: vacate, party: s, seats: 1}\n", 1)
    if not vote_date:
        text = text.replace("  vote: 2021-06-21\n", "", 1)
    with pytest.raises(InputError, match=r"^se\.yaml:\d+: division: the division counts 349 members but only 348 "
                                         r"sat on 2021-06-21 \(349 seats, 1 vacant\)"):
        parse_scenario(load_yaml_text(text, "se.yaml"))


@pytest.mark.parametrize("before", ["", "  - {date: 2020-01-15, kind: leave-party, party: b, members: [b1]}\n"])
def test_a_member_joins_from_the_independents_only_once_there_are_any(before: str) -> None:
    # "independent" is a party like any other in the log: an event may take a member from it once a
    # member has left a party for it (and is refused by its field, in the loader's words, before)
    text = ("chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}\n"
            "parties:\n  - {id: a, name: A, seats: 3, side: government}\n"
            "  - {id: b, name: B, seats: 2, side: opposition}\n"
            "members:\n  - {id: b1, name: Bo, party: b}\n"
            "events:\n" + before +
            "  - {date: 2020-02-01, kind: join-party, party: a, from_party: independent, members: [b1]}\n")
    if before:
        sc = parse_scenario(load_yaml_text(text, "s.yaml"))
        assert [e.from_party for e in sc.events] == [None, "independent"]
        return
    with pytest.raises(InputError, match=r"^s\.yaml:8: events\[0\]\.from_party: unknown party 'independent' "
                                         r"\(known by then: a, b\)$"):
        parse_scenario(load_yaml_text(text, "s.yaml"))


ADJUDGED = """\
chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}
parties:
  - {id: a, name: A, seats: 3, side: government}
  - {id: b, name: B, seats: 2, side: opposition}
motion:
  kind: no-confidence
  division:
    date: 2020-02-01
    yes: 3
    no: 2
    adjudications:
      - {date: 2020-02-10, by: A court, CHANGE}
"""


@pytest.mark.parametrize(("change", "refusal"), [
    ("no: 1", None),
    ("yes: 2", None),
    ("excluded: 1", None),
    ("summary: nothing changed", "an adjudication needs excluded, yes, no, candidates or invalid (what it changed)"),
    ("excluded: 1, yes: 2", "give excluded or yes, not both"),
])
def test_an_adjudication_changes_one_thing_of_the_count(change: str, refusal: str | None) -> None:
    text = ADJUDGED.replace("CHANGE", change)
    if refusal is None:
        sc = parse_scenario(load_yaml_text(text, "s.yaml"))
        assert sc.motion is not None and sc.motion.division is not None
        assert len(sc.motion.division.adjudications) == 1
        return
    with pytest.raises(InputError, match=rf"^s\.yaml:12: motion\.division\.adjudications\[0\]: {re.escape(refusal)}$"):
        parse_scenario(load_yaml_text(text, "s.yaml"))


@pytest.mark.parametrize(("text", "said"), [
    ("- a\n- b\n", "a list of 2 item(s)"),
    ("42\n", "a single value (int)"),
    ("just some words\n", "plain text starting 'just some words'"),
    # the text is echoed up to 40 characters, and a comma suggests a CSV (read as YAML, its lines fold into
    # one plain scalar)
    ("x" * 40 + "\nmore\n", f"plain text starting '{'x' * 40}'"),
    ("x" * 41 + "\n", f"plain text starting '{'x' * 40}'"),
    ("party,seats,side\nred,2,government\n",
     "plain text starting 'party,seats,side red,2,government' (a CSV? read it with `whipcount import csv`)"),
])
def test_a_file_that_is_not_a_mapping_says_what_it_holds(text: str, said: str) -> None:
    with pytest.raises(InputError, match=rf"^s\.yaml: expected a mapping with chamber, parties and events, "
                                         rf"got {re.escape(said)}$"):
        parse_scenario(load_yaml_text(text, "s.yaml"))


@pytest.mark.parametrize(("colour", "echo"), [
    ("x" * 58, "'" + "x" * 58 + "'"),  # 60 characters with its quotes: echoed whole
    ("x" * 59, "'" + "x" * 58 + "…"),  # 61: cut to 60
])
def test_a_bad_colour_is_echoed_up_to_60_characters(colour: str, echo: str) -> None:
    text = ("chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}\n"
            f"parties:\n  - {{id: a, name: A, seats: 5, side: government, colour: '{colour}'}}\n")
    with pytest.raises(InputError, match=rf"^s\.yaml:3: parties\[0\]\.colour: expected a colour as #rgb, #rrggbb "
                                         rf"or a CSS colour name such as 'darkgreen', got {re.escape(echo)}$"):
        parse_scenario(load_yaml_text(text, "s.yaml"))


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: 2\n c: 3\n", 3),  # an indented key where no mapping may start: on the third line
    ("id: x\ntitle: t\n\n\nparties: [a, b\nmore: 1\n", 6),  # the unclosed list is found wanting on line 6
])
def test_a_yaml_syntax_error_names_its_line_counted_from_1(text: str, line: int) -> None:
    with pytest.raises(InputError, match=rf"^s\.yaml:{line}: not valid YAML: "):
        load_yaml_text(text, "s.yaml")


def test_a_count_written_as_a_float_is_refused_at_its_line() -> None:
    text = SWEDEN.read_text(encoding="utf-8")
    assert text.count("yes: 181") == 1
    with pytest.raises(InputError, match=r"^se\.yaml:\d+: division\.yes: expected a whole number, got 181\.0$"):
        parse_scenario(load_yaml_text(text.replace("yes: 181", "yes: 181.0"), "se.yaml"))


@pytest.mark.parametrize(("text", "said"), [
    ("id: x\nparties:\n\t- {id: a}\n", r"s\.yaml:3: not valid YAML: found character '\\t' that cannot start any token "
                                       r"\(a tab: YAML indents with spaces\)"),
    ("id: x\ntitle: @handle\n", r"s\.yaml:2: not valid YAML: found character '@' that cannot start any token "
                                r"\(reserved in YAML: put the value in quotes\)"),
    ("id: x\nunverified: [\"日本語 é\", `code`]\n", r"s\.yaml:2: not valid YAML: found character '`'"),
])
@pytest.mark.parametrize("as_file", [False, True])
def test_a_character_no_yaml_token_starts_with_is_named(tmp_path: Path, text: str, said: str, as_file: bool) -> None:
    # libyaml says "found character that cannot start any token" and not which: a tab pasted from a
    # spreadsheet, or a handle, read as if the file held a character the eye cannot find
    if as_file:
        (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=said.replace("s\\.yaml", re.escape(str(tmp_path / "s.yaml")))):
            load_scenario(tmp_path / "s.yaml")
    else:
        with pytest.raises(InputError, match=rf"^{said}"):
            load_yaml_text(text, "s.yaml")
