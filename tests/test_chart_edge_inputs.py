"""Valid but unusual scenarios reach every chart and the report as a drawing or a one-line error naming what
is wrong, never a traceback: a Speaker's party without seats, a chamber left empty, dates at the ends of the
calendar, a forecast chart with nothing to forecast, a motion its rules do not provide."""

from __future__ import annotations

from pathlib import Path

import pytest

PARTIES = """\
parties:
  - {id: a, name: Party A, seats: 3, side: government}
  - {id: b, name: Party B, seats: 2, side: opposition}
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _one_line_error(res, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert res.code != 0 and "Traceback" not in res.err
    assert len(res.err.strip().splitlines()) == 1, res.err
    for w in words:
        assert w in res.err


def test_a_speaker_whose_party_holds_no_seat_is_refused_where_it_is_written(tmp_path, run_cli):
    path = _write(tmp_path, "zero.yaml", "chamber: {name: Z, rules: gb-hc, seats: 5, as_of: 2023-01-01, "
                                         "speaker: {party: d, name: Sp}}\n" + PARTIES
                  + "  - {id: d, name: Party D, seats: 0, side: other}\n")
    for args in (("chart", path, "-o", str(tmp_path / "z.svg")), ("report", path, "-o", str(tmp_path / "z.html")),
                 ("tally", path)):
        _one_line_error(run_cli(*args), "zero.yaml:1: chamber.speaker.party", "holds no seat on 2023-01-01")
    assert not (tmp_path / "z.svg").exists() and not (tmp_path / "z.html").exists()


def test_a_speaker_named_on_the_command_line_without_seats_is_an_error(tmp_path, run_cli):
    path = _write(tmp_path, "s.yaml", "chamber: {name: S, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES
                  + "  - {id: d, name: Party D, seats: 0, side: other}\n")
    _one_line_error(run_cli("chart", path, "--speaker", "d", "-o", str(tmp_path / "s.svg")),
                    "party 'd' holds no seat on 2023-01-01")


@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
def test_a_speaker_in_the_only_seat_is_an_error_naming_the_speaker(tmp_path, run_cli, layout):
    """A chamber of one seat, its member named Speaker: nothing is left for the benches. The error had said
    'a chamber needs at least 1 seat to draw, got 0' of a chamber of one seat."""
    path = _write(tmp_path, "one.yaml", "chamber: {name: S, rules: gb-hc, seats: 1, as_of: 2023-01-01}\n"
                  "parties:\n  - {id: a, name: Party A, seats: 1, side: government}\n")
    out = tmp_path / "one.svg"
    _one_line_error(run_cli("chart", path, "--speaker", "a", "--layout", layout, "-o", str(out)),
                    "speaker: the Speaker's seat is the chamber's only one")
    assert not out.exists()


def test_a_timeline_of_an_empty_chamber_says_there_is_nothing_to_draw(tmp_path, run_cli):
    path = _write(tmp_path, "vac.yaml", "chamber: {name: V, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES
                  + "events:\n"
                  "  - {date: 2023-01-05, kind: resign, party: a, seats: 3, source: 'https://example.org/a'}\n"
                  "  - {date: 2023-01-06, kind: resign, party: b, seats: 2, source: 'https://example.org/a'}\n"
                  "motion: {kind: no-confidence, target: X, filed: 2023-01-10, vote: 2023-01-15}\n")
    _one_line_error(run_cli("chart", path, "--kind", "timeline", "-o", str(tmp_path / "t.svg")),
                    "no side holds a seat", "--from")
    # around a day with members, the same file draws
    res = run_cli("chart", path, "--kind", "timeline", "--from", "2023-01-01", "--to", "2023-01-07",
                  "-o", str(tmp_path / "t.svg"))
    assert res.code == 0 and (tmp_path / "t.svg").read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize(("as_of", "vote"), [("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31")])
def test_dates_at_the_ends_of_the_calendar_draw(tmp_path, run_cli, as_of, vote):
    path = _write(tmp_path, "ends.yaml", f"chamber: {{name: E, rules: gb-hc, seats: 5, as_of: {as_of}}}\n" + PARTIES
                  + f"motion: {{kind: no-confidence, target: X, filed: {as_of}, vote: {vote}}}\n")
    for args in (("chart", path, "--kind", "timeline", "-o", str(tmp_path / "t.svg")),
                 ("chart", path, "-o", str(tmp_path / "h.svg")), ("report", path, "-o", str(tmp_path / "r.html"))):
        res = run_cli(*args)
        assert res.code == 0, res.err
    assert (tmp_path / "r.html").stat().st_size > 0


def test_a_timeline_to_the_last_day_of_the_calendar_draws(tmp_path, run_cli):
    path = _write(tmp_path, "s.yaml", "chamber: {name: S, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES)
    res = run_cli("chart", path, "--kind", "timeline", "--to", "9999-12-31", "-o", str(tmp_path / "t.svg"))
    assert res.code == 0, res.err


def test_a_forecast_chart_without_a_motion_says_so(tmp_path, run_cli):
    path = _write(tmp_path, "s.yaml", "chamber: {name: S, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES)
    _one_line_error(run_cli("chart", path, "--kind", "forecast", "-o", str(tmp_path / "f.svg")),
                    "no motion to forecast", "motion:")


def test_a_motion_its_rules_do_not_provide_is_refused_at_its_line(tmp_path, run_cli):
    path = _write(tmp_path, "inv.yaml", "chamber: {name: I, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES
                  + "motion: {kind: investiture, target: X, vote: 2023-01-15}\n")
    for args in (("tally", path), ("chart", path, "-o", str(tmp_path / "i.svg")), ("outcome", path)):
        _one_line_error(run_cli(*args), "inv.yaml:5: motion.kind", "gb-hc has no investiture motion",
                        "no-confidence")


@pytest.mark.parametrize(("groups", "line", "words"), [
    ("    - {parties: [a, b]}\n    - {parties: [b, a]}\n", 9, "party 'b' is already in group 0"),
    ("    - {parties: [a, a]}\n", 8, "party 'a' twice in one group"),
])
def test_parties_moving_together_are_in_one_group_each(tmp_path, run_cli, groups, line, words):
    path = _write(tmp_path, "tg.yaml", "chamber: {name: S, rules: gb-hc, seats: 5, as_of: 2023-01-01}\n" + PARTIES
                  + "motion: {kind: no-confidence, target: X, vote: 2023-01-15}\nforecast:\n  together:\n" + groups)
    _one_line_error(run_cli("forecast", path), f"tg.yaml:{line}: forecast.together", words)


def test_overlapping_seat_periods_in_a_constitution_file_are_named_at_their_line(tmp_path, run_cli):
    path = _write(tmp_path, "cx.yaml", "id: cx\nname: CX\ncountry: Nowhere\nseats:\n"
                  "  - {seats: 100, start: 2020-01-01, end: 2022-01-01}\n  - {seats: 120, start: 2021-01-01}\n"
                  "motions:\n  - kind: no-confidence\n    threshold: {basis: total, fraction: 1/2}\n"
                  "    source: {article: Art. 1, document: Constitution, url: 'https://example.org/c'}\n")
    _one_line_error(run_cli("rules", "show", path), "cx.yaml:4: seats: seat periods overlap")
