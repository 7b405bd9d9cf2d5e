"""`rules show` states a quorum as the constitution does, whether or not the chamber's size is known.

A quorum given as a count (`quorum: {count: 60}`) on a date before the profile's first stated size was
printed as "quorum: None of the members", a fraction as "1/3 of the members"; and a profile without a
country was headed "Name ()". The words here are the constitution file's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CONSTITUTION = """\
id: quorum-words
name: Quorum Words
seats: [{{seats: 120, start: 2025-01-01, source: "https://example.org/b"}}]
motions:
  - kind: no-confidence
    threshold: {{basis: sitting, fraction: "2/3", strict: false, quorum: {quorum}}}
    source: {{article: "Art. 3", url: "https://example.org/3"}}
"""


@pytest.mark.parametrize(("quorum", "on", "words"), [
    ("{count: 60}", "2019-01-01", "quorum: a quorum of 60"),
    ("{count: 60}", "2025-06-01", "quorum: a quorum of 60"),
    ('{fraction: "1/3"}', "2019-01-01", "quorum: a quorum of at least one third of the members"),
    ('{fraction: "1/3"}', "2025-06-01", "quorum: a quorum of 40 (at least one third of 120)"),
])
def test_the_quorum_in_words(run_cli, tmp_path: Path, quorum: str, on: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rules.yaml"
    path.write_text(CONSTITUTION.format(quorum=quorum), encoding="utf-8")
    r = run_cli("rules", "show", str(path), "--on", on)
    assert r.code == 0, r.err
    assert words in r.out, r.out
    assert "None" not in r.out
    assert r.out.splitlines()[0] == "quorum-words: Quorum Words"  # no country, no empty brackets


def test_a_size_without_dates_has_no_span(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`seats: 146` in a constitution holds always; it was shown as "seats 146 from ... to today"."""
    path = tmp_path / "rules.yaml"
    path.write_text(CONSTITUTION.format(quorum="{count: 60}").replace(
        'seats: [{seats: 120, start: 2025-01-01, source: "https://example.org/b"}]', "seats: 146"), encoding="utf-8")
    lines = run_cli("rules", "show", str(path)).out.splitlines()
    assert lines[1].strip() == "seats 146"
    dated = tmp_path / "dated.yaml"
    dated.write_text(CONSTITUTION.format(quorum="{count: 60}"), encoding="utf-8")
    assert run_cli("rules", "show", str(dated)).out.splitlines()[1].strip() == "seats 120 from 2025-01-01 to today"
