"""Every command that prints a † prints what it stands for: the "Not verified:" notes follow it."""

from __future__ import annotations

import pytest

from whipcount.io.scenario import bundled_scenarios

PER_SCENARIO = ("tally", "count", "forecast", "outcome", "power", "coalitions")
OTHERS = (("rules", "list"), ("rules", "show", "pk-na"), ("cases",), ("scenarios",),
          ("compare", "pk-na-2022", "gb-hc-1979"), ("demo", "--no-report"))
RUNS = [(c, s) for s in bundled_scenarios() for c in PER_SCENARIO] + [(c[0], *c[1:]) for c in OTHERS]


@pytest.mark.parametrize("args", [r if isinstance(r, tuple) else (r,) for r in RUNS], ids=" ".join)
def test_a_dagger_is_followed_by_its_notes(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args)
    if "†" not in r.out:
        return
    first = r.out.index("†")
    after = r.out[first:]
    explained = "Not verified:" in after or "† the recorded division is marked unverified" in after
    assert explained, f"`whipcount {' '.join(args)}` prints † without the notes after it"
    if "Not verified:" in after:
        notes = after[after.index("Not verified:"):].splitlines()[1:]
        assert notes and notes[0].lstrip().startswith("† ") and len(notes[0].strip()) > 4


def test_some_commands_do_print_daggers(run_cli) -> None:  # type: ignore[no-untyped-def]
    # guard against the test above passing vacuously
    assert "†" in run_cli("tally", "gb-hc-1979").out
    assert "†" in run_cli("rules", "list").out


def test_an_unverified_member_marks_the_party_seats_he_sits_in(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    """The party is sure of itself, but one of its seated members is not confirmed (who he is, or which side he
    sits on): its seats carry a †, and the note names the member and why."""
    path = write_scenario("""\
chamber: {name: Test Assembly, rules: pk-na, seats: 10, as_of: 2020-01-01, sides: [government, opposition]}
parties:
  - {id: red, name: Red Party, short: Red, seats: 6, side: government, source: "https://example.org/r"}
  - {id: independent, name: Independents, short: Ind., seats: 4, by_side: {government: 2, opposition: 2},
     source: "https://example.org/i"}
members:
  - {id: a, name: Mr A, party: independent, side: government, verified: false, note: named only by a blog,
     source: "https://example.org/a"}
  - {id: b, name: Ms B, party: independent, side: opposition, source: "https://example.org/b"}
""")
    out = run_cli("tally", str(path)).out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 3}
    assert "Ind. †" in rows and "Red" in rows  # Red has no doubtful member: no dagger
    assert "† Ind.: Mr A: named only by a blog" in out
    sure = str(path).replace(".yaml", "-sure.yaml")
    with open(sure, "w", encoding="utf-8") as f:
        f.write(path.read_text(encoding="utf-8").replace("verified: false, ", ""))
    assert "†" not in run_cli("tally", sure).out
