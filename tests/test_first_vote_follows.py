"""A first vote that fails where the rule has a second one is not the end of the motion: what follows says
so, in the words of one's own constitution file as in a built-in profile (Spain's investiture, Art. 99(3):
an absolute majority first, then more yes than no)."""

from __future__ import annotations

from pathlib import Path

from whipcount.io.constitution import load_constitution_file
from whipcount.rules import judge

# A fictional Cortes of 17 seats, Art. 99(3) style; the file says nothing of what follows a failed vote.
CORTES = """\
id: ruritania
name: Ruritanian Cortes
seats: 17
motions:
  - kind: investiture
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 99(3)", url: "https://example.org/ruritania#99"}
    runoff: {threshold: {basis: votes-cast, fraction: "1/2", strict: true}, among: 1}
"""


def _cortes(tmp_path: Path) -> Path:
    path = tmp_path / "ruritania.yaml"
    path.write_text(CORTES, encoding="utf-8")
    return path


def test_a_failed_first_vote_is_not_called_lost(tmp_path: Path) -> None:
    rules = load_constitution_file(_cortes(tmp_path))
    # more than half of 17 is 8.5, so 9 are needed; 8 fall short
    first = judge(rules, "investiture", yes=8, no=5, abstain=2)
    assert (first.passed, first.needed) == (False, 9)
    assert "lost" not in first.effect and "lost" not in first.explanation
    assert first.effect == ("not carried in the first vote: a further vote follows, decided by a majority of "
                            "the votes cast")
    assert first.effect in first.explanation
    # the second vote: 7 yes against 6 no is more than half of the 13 votes cast (6.5), so it carries
    second = judge(rules, "investiture", yes=7, no=6, abstain=1, absent=1, vacancies=2, round=2)
    assert (second.passed, second.needed) == (True, 7)


def test_a_failed_second_vote_ends_it(tmp_path: Path) -> None:
    rules = load_constitution_file(_cortes(tmp_path))
    last = judge(rules, "investiture", yes=6, no=6, round=2)  # a tie is not more than half of 12
    assert last.passed is False and last.next_step is None
    assert last.effect == "the motion fails in the second vote"


def test_a_rule_s_own_words_for_a_failed_first_vote_are_kept() -> None:
    spain = judge("es-cd", "investiture", yes=170, no=160, seats=350)  # 176 of 350 needed
    assert spain.effect.startswith("the candidate is not invested in the first vote: a further vote follows")
    assert spain.effect.endswith("(Art. 99(3))")


def test_the_command_line_says_a_further_vote_follows(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("outcome", "--rules", str(_cortes(tmp_path)), "--motion", "investiture", "--yes", "8", "--no", "5")
    assert r.code == 0, r.err
    assert "FAILED" in r.out and "a further vote follows" in r.out and "lost" not in r.out
