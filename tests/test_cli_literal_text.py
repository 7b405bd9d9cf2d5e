"""Text from a user's files is printed as written: square brackets are not read as rich markup, and
``:name:`` is not read as an emoji code.

A party called "Liste [rot]" lost its "[rot]" (rich took it for a style), a title with ":100:" showed 💯,
and an error quoting ``--switch red:100`` read "red💯". Each command's table output must show the file's
own words, and an error must quote the user's option as typed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_case

CONSTITUTION = """\
id: literal-rules
name: "Rat [alt] :star:"
country: "Land [x]"
seats: 101
motions:
  - kind: no-confidence
    title: "Misstrauen [b]jetzt[/b] :fire:"
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 1 [a]", url: "https://example.org/1"}
"""

SCENARIO = """\
id: literal
title: "Fall [bold]eins[/bold] :100:"
chamber: {name: "Rat [alt] :thumbs_up:", rules: rules.yaml, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: "Liste [rot]", short: "R:100:", seats: 51, side: government, source: "https://example.org/a"}
  - {id: blue, name: "Blau [i]B[/i]", short: "[b]", seats: 50, side: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: "Kanzler :fire:", filed: 2024-02-01, vote: 2024-02-10}
stances:
  - {party: red, stance: lean-no, date: 2024-02-02, source: "https://example.org/s"}
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_case(tmp_path, CONSTITUTION, SCENARIO)


@pytest.mark.parametrize(("command", "shown"), [
    ("tally", ["Rat [alt] :thumbs_up:", "R:100:", "[b]"]),
    ("count", ["Fall [bold]eins[/bold] :100:", "R:100:", "[b]"]),
    ("forecast", ["Fall [bold]eins[/bold] :100:", "R:100:"]),
    ("power", ["R:100:", "[b]"]),
    ("coalitions", ["R:100:"]),  # 51 of 101: Liste [rot] wins alone
    ("outcome", ["Fall [bold]eins[/bold] :100:", "Kanzler :fire:", "Art. 1 [a]"]),
])
def test_the_file_s_words_are_printed_as_written(run_cli, case: Path, command: str,  # type: ignore[no-untyped-def]
                                                 shown: list[str]) -> None:
    r = run_cli(command, str(case))
    assert r.code == 0, r.err
    flat = " ".join(r.out.split())  # a table may wrap a long cell; the words stay in order
    for text in shown:
        assert text in flat, (text, r.out)
    assert not any(ord(ch) > 0x2FFF for ch in r.out), r.out  # no emoji put in for ':100:' or ':fire:'


def test_rules_show_prints_the_constitution_s_words(run_cli, case: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("rules", "show", str(case.parent / "rules.yaml"))
    assert r.code == 0, r.err
    for text in ("Rat [alt] :star: (Land [x])", "Misstrauen [b]jetzt[/b] :fire:", "Art. 1 [a]"):
        assert text in r.out, (text, r.out)


def test_an_error_quotes_the_option_as_typed(run_cli, case: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("what-if", str(case), "--switch", "red:100")
    assert r.code == 1
    assert "red:100" in r.err and "\N{HUNDRED POINTS SYMBOL}" not in r.err, r.err


def test_json_is_unchanged(run_cli, case: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", str(case), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["chamber"] == "Rat [alt] :thumbs_up:"
