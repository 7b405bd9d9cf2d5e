"""``what-if --no PARTY`` means "vote no"; under a rule where only the votes for the motion are recorded
(``votes_recorded: yes-only``: France's motion de censure, Art. 49(2), "Seuls sont recensés les votes
favorables") there is no vote against, so it means "do not vote for it". The help says so, and so does the
column a what-if on France's 2024 censure heads ("rn do not vote for").
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any


def _flat(text: str) -> str:
    """One line, a word the help wraps at its hyphen (``yes-`` / ``only``) joined again."""
    return re.sub(r"\s+", " ", re.sub(r"-\n\s*", "-", text))


def test_the_help_of_no_says_what_it_means_under_yes_only(run_cli: Any) -> None:
    r = run_cli("what-if", "--help")
    assert r.code == 0, r.err
    said = _flat(r.out)
    start = said.index("--no PARTY[:N]")
    no_help = said[start:said.index("--absent PARTY[:N]")]
    assert "vote no" in no_help
    assert "yes-only" in no_help and "do not vote for" in no_help


def test_the_pivot_docstring_does_not_speak_of_voting_no_alone() -> None:
    # the module, not the function of the same name the package exports
    doc = _flat(importlib.import_module("whipcount.tally.forecast").__doc__ or "")
    assert "voted no" in doc and "yes-only" in doc and "did not vote for" in doc


def test_france_s_column_says_not_for(run_cli: Any) -> None:
    # the RN's 124 seats of 2024 not voting for the censure: the column is headed for what they do
    r = run_cli("what-if", "fr-an-2024", "--no", "rn", "--json")
    assert r.code == 0, r.err
    labels = [run["label"] for run in json.loads(r.out)["runs"]]
    assert any("do not vote for" in label for label in labels), labels
    assert not any("vote no" in label for label in labels), labels
