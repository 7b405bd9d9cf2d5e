"""Every table of every bundled case's report can be read by a screen reader: each header cell says whether it
heads a column or a row (``scope``), and each table has a name (a caption, or a heading it points to); and the
recorded vote names every count the division has, as the record gives them.

The divisions' figures are the record's (tests/fixtures/cases/record.yaml): Germany 2025's second ballot,
"325 ... for ..., 289 voted against, one abstained, and three ballots were declared invalid" (LIGA.net).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report


class _Tables(HTMLParser):
    """Each table's attributes, whether it has a caption, and the attributes of every header cell in it."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"attrs": dict(attrs), "caption": False, "th": []})
            self.depth += 1
        elif self.depth and tag == "caption":
            self.tables[-1]["caption"] = True
        elif self.depth and tag == "th":
            cells = self.tables[-1]["th"]
            assert isinstance(cells, list)
            cells.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1


def _tables(html: str) -> list[dict[str, object]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_every_header_cell_has_a_scope_and_every_table_a_name(sid: str) -> None:
    html = build_report(load_scenario(sid))
    tables = _tables(html)
    assert tables
    for table in tables:
        attrs = table["attrs"]
        assert isinstance(attrs, dict)
        named = table["caption"] or attrs.get("aria-label") or attrs.get("aria-labelledby")
        assert named, (sid, attrs)
        if attrs.get("aria-labelledby"):
            assert f'id="{attrs["aria-labelledby"]}"' in html, (sid, attrs)
        cells = table["th"]
        assert isinstance(cells, list)
        assert [c for c in cells if c.get("scope") not in ("col", "row")] == [], (sid, attrs)


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_recorded_vote_names_the_invalid_ballots() -> None:
    words = _words(build_report(load_scenario("de-bt-2025")))
    assert re.search(r"Recorded vote: 325 yes, 289 no, 1 abstaining, 3 invalid\b", words), words[:200]


def test_the_recorded_vote_names_the_members_present_not_voting(tmp_path: Path) -> None:
    path = tmp_path / "present.yaml"
    path.write_text("""\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
motion:
  kind: no-confidence
  target: Someone
  vote: 2020-01-22
  division: {date: 2020-01-22, yes: 5, no: 3, present_not_voting: 2, absent: 1, source: "https://example.org/d"}
""", encoding="utf-8")
    words = _words(build_report(load_scenario(str(path))))
    assert "Recorded vote: 5 yes, 3 no, 2 present not voting, 1 absent" in words


def test_an_election_s_recorded_vote_is_by_candidate() -> None:
    # the Yomiuri, 11 November 2024: "Ishiba received 221 votes, while Noda got 160 votes. Eighty-four votes
    # were invalid." (the run-off, Japan's House of Representatives)
    words = _words(build_report(load_scenario("jp-hr-2024")))
    assert "Recorded vote: Shigeru Ishiba 221, Yoshihiko Noda 160, 84 invalid" in words
    assert "160 no" not in words
    # the stance charts' note says the same of the division they are not
    assert "not the recorded division of that day (Shigeru Ishiba 221, Yoshihiko Noda 160, 84 invalid)" in words
