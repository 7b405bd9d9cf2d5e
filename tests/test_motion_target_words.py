"""A motion's target is named with the word its kind takes, in every place that names it.

A confidence motion is *in* a government, an investiture *of* one; only a motion of no confidence is
*against* its target. `outcome`, the count's "did not exist yet" line, the report and the Popolo export all
said "investiture against Fico IV" and "confidence against ...".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whipcount.model import Motion, motion_about

SCENARIO = """\
chamber: {{name: Test Assembly, rules: it-senate, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
motion: {{kind: {kind}, target: The Cabinet, filed: 2020-02-01, vote: 2020-02-05}}
"""

WORDS = [("no-confidence", "against"), ("confidence", "in"), ("investiture", "of")]


@pytest.mark.parametrize(("kind", "word"), WORDS)
def test_each_view_names_the_target_with_its_kind_s_word(run_cli, tmp_path: Path, kind: str,  # type: ignore[no-untyped-def]
                                                         word: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(kind=kind), encoding="utf-8")
    phrase = f"{kind} motion {word} The Cabinet"
    before = run_cli("count", str(path), "--on", "2020-01-15")
    assert before.code == 0 and phrase in before.out, before.out + before.err
    outcome = run_cli("outcome", str(path))
    assert outcome.code == 0 and f"{kind} {word} The Cabinet" in outcome.out, outcome.out + outcome.err
    out = tmp_path / "case.json"
    assert run_cli("export", "popolo", str(path), "-o", str(out)).code == 0
    texts = [m["text"] for m in json.loads(out.read_text(encoding="utf-8"))["motions"]]
    assert texts == [f"{kind.replace('-', ' ').capitalize()} motion {word} The Cabinet"]
    report = tmp_path / "case.html"
    assert run_cli("report", str(path), "-o", str(report)).code == 0
    assert phrase in report.read_text(encoding="utf-8")


def test_the_words_for_every_kind() -> None:
    assert motion_about("constructive-no-confidence", "X") == " against X"
    assert motion_about("pm-election", "X") == " to succeed X"
    assert motion_about("investiture", None) == "" and Motion("confidence", target="X").about == " in X"
