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
