"""What a tie does, in words, agrees with the verdict, for every share a turnout threshold may ask.

A tie is as many votes for as against, so the yes votes are exactly one half of the basis. The verdict
follows from the constitution's text by hand: "at least one half" is reached by a tie (carried), "more
than one half" is not (lost); "more than one third" is reached by one half; a negative threshold reads
the noes' half. The explanation of `outcome` and the tie line of `rules show` must say the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CONSTITUTION = """\
id: tie-words
name: Tie Words
seats: 100
motions:
  - kind: confidence
    threshold: {{basis: votes-cast, fraction: "{fraction}", strict: {strict}, negative: {negative}}}
    source: {{article: "Art. 1", url: "https://example.org/1"}}
"""

# (fraction, strict, negative, carried on a tie of 40 to 40): by hand from the words of the threshold
CASES = [
    ("1/2", "false", "false", True),  # at least one half: 40 of 80 is one half
    ("1/2", "true", "false", False),  # more than one half: 40 is not more than 40
    ("1/3", "true", "false", True),  # more than one third: 40 > 80/3
    ("2/3", "false", "false", False),  # at least two thirds: 40 < 160/3
    ("1/2", "false", "true", False),  # rejected if at least one half vote against: 40 of 80 do
    ("1/2", "true", "true", True),  # rejected only if more than one half vote against: 40 is not
]


@pytest.mark.parametrize(("fraction", "strict", "negative", "carried"), CASES)
def test_a_tie_is_explained_as_it_is_decided(run_cli, tmp_path: Path, fraction: str, strict: str,  # type: ignore[no-untyped-def]
                                             negative: str, carried: bool) -> None:
    rules = tmp_path / "tie.yaml"
    rules.write_text(CONSTITUTION.format(fraction=fraction, strict=strict, negative=negative), encoding="utf-8")
    out = run_cli("outcome", "--rules", str(rules), "--motion", "confidence", "--yes", "40", "--no", "40")
    assert out.code == 0, out.err
    assert ("PASSED" in out.out) is carried
    assert "a tie fails" not in out.out if carried else "reaches the bar" not in out.out
    shown = run_cli("rules", "show", str(rules))
    assert shown.code == 0, shown.err
    (tie_line,) = [line.strip() for line in shown.out.splitlines() if line.strip().startswith("tie:")]
    good = ("is carried", "stands") if carried else ("fails", "is rejected")
    assert tie_line.startswith(tuple(f"tie: the motion {g}" for g in good)), tie_line
