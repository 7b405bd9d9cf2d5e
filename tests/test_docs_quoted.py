"""What the docs quote a command as printing, it prints: each case is a passage of a page and the command
it quotes, run on the bundled scenarios. The passages are prose, which tests/test_docs_run.py does not run
(it runs the code blocks), and they had drifted: the page gave `export csv pk-na-2022` as leaving out "3
whip-count entries, 25 event(s)" and Pakistan 2022 as naming 25 members, where the scenario has grown to
46 entries, 27 events and 33 named members."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def _squash(text: str) -> str:
    return " ".join(text.split())


# (page, what the page says, the command, what the command prints: on stdout, or with "err:" on stderr)
QUOTED = [
    ("docs/interchange.md",
     "left out: 2 motion(s) with 2 recorded division(s), 46 whip-count entries, 27 event(s) of the log",
     ("export", "csv", "pk-na-2022", "-o", "-"),
     "err:warning: pk-na-2022: a CSV holds the seats on one day only; left out: 2 motion(s) with 2 recorded "
     "division(s), 46 whip-count entries, 27 event(s) of the log, 33 named member(s), 31 source(s), 4 note(s), "
     "8 unverified mark(s), 3 key date(s), the description (`whipcount export popolo` keeps everything)"),
    ("docs/interchange.md", "Pakistan 2022 names 33 of its 341 members",
     ("export", "csv", "pk-na-2022", "--kind", "members", "-o", "-"),
     "err:the term CSV lists the 33 named members; the other 308 seats held are left out"),
    ("docs/forecast.md", "\"233 if all 465 members vote\"", ("count", "jp-hr-2024", "--motion", "pm-first-poll-2024-11-11"),
     "magic number 233 if all 465 members vote"),
    # the runoff's 221, 160 and 84 invalid are the record's (Yomiuri: "Ishiba received 221 votes, while Noda got 160
    # votes. Eighty-four votes were invalid."), an invalid ballot counting for neither candidate
    ("docs/cases.md", "`whipcount count jp-hr-2024` gives 221 committed yes, 160 committed no and 84 abstaining",
     ("count", "jp-hr-2024"), "committed yes 221 · leaning yes 0 · undecided 0 · leaning no 0 · committed no 160 · "
     "abstaining 84"),
    ("docs/forecast.md", "the Commons count names the DUP's ten", ("count", "gb-hc-2019"),
     "needs 10 more; they could come from: DUP (10, no)"),
    ("docs/forecast.md", "`power gb-hc-2019`: 318 of the 635 who can vote", ("power", "gb-hc-2019"),
     "quota 318 of 635"),
    ("docs/forecast.md", "`--switch raam` in the Knesset of 13 June 2021 leaves 57 for",
     ("what-if", "il-knesset-2021", "--switch", "raam", "--json"), '"committed_yes": 57'),
    ("docs/charts.md", "(`MMA #4b7f52 → #95d89c`)", ("chart", "pk-na-2022", "-o", "-"), "MMA #4b7f52 → #95d89c"),
    ("docs/charts.md", "(228 of 342)", ("chart", "pk-na-2022", "--two-thirds", "-o", "-"),
     "A second line marks two thirds (228)"),
    ("docs/cases.md", "`whipcount count` gives 249\ncommitted yes", ("count", "de-bt-1972"), "committed yes 249"),
    # Rediff, 17 April 1999: "The BJP ruling coalition secured 269 votes while the opposition got 270."
    ("docs/cases.md", "`whipcount\ncount in-ls-1999` gives 269 committed yes and 270 committed no", ("count", "in-ls-1999"),
     "committed yes 269 · leaning yes 0 · undecided 0 · leaning no 0 · committed no 270"),
    ("docs/power.md", "the National Coalition's Banzhaf index was 25/93 instead of\n  251/932",
     ("power", "--parlgov", "--country", "FIN", "--index", "banzhaf"), "KOK,48,1,200,101,"),
]


@pytest.mark.parametrize("page,said,command,printed", QUOTED, ids=[q[0] + ":" + q[1][:30] for q in QUOTED])
def test_what_the_page_quotes_is_printed(page: str, said: str, command: tuple[str, ...], printed: str,
                                         run_cli) -> None:  # type: ignore[no-untyped-def]
    assert _squash(said) in _squash((ROOT / page).read_text(encoding="utf-8")), f"{page} no longer says: {said}"
    r = run_cli(*command)
    assert r.code == 0, r.err
    stream, text = (r.err, printed[4:]) if printed.startswith("err:") else (r.out, printed)
    assert _squash(text) in _squash(stream), f"`whipcount {' '.join(command)}` did not print: {text}"


def test_the_parlgov_table_holds_the_elections_and_countries_the_page_counts(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert "CC0, 844 elections in 37 countries;" in (ROOT / "docs/power.md").read_text(encoding="utf-8")
    rows = json.loads(run_cli("power", "--parlgov", "--index", "banzhaf", "--float", "--json").out)["rows"]
    assert len({r["election_id"] for r in rows}) == 844
    assert len({r["country"] for r in rows}) == 37
