"""The report's sentences say what the record says: the verdict and the recorded vote, the opposition's
margin on each key date, voting power in per cent, the forecast's settings, what is not confirmed.

Figures are worked out by hand from the small chamber below (11 seats, 6 needed: a majority of the total
membership) or taken from the record of Pakistan's 2022 vote.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.report import build_report

CHAMBER = """\
id: worded
title: Worded
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 5, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
  - {id: green, name: Green Party, seats: 1, side: government}
events:
  - {date: 2020-01-20, kind: switch-side, party: green, to: opposition, source: "https://example.org/g"}
  - {date: 2020-01-25, kind: switch-side, party: blue, to: government, verified: false,
     source: "https://example.org/b"}
key_dates:
  - {date: 2020-01-10, label: before}
  - {date: 2020-01-21, label: level}
motion:
  kind: no-confidence
  target: Someone
  vote: 2020-01-22
  division: {date: 2020-01-22, yes: 6, no: 3, abstain: 1, absent: 1, source: "https://example.org/d"}
"""


def _report(tmp_path: Path, text: str = CHAMBER) -> str:
    path = tmp_path / "worded.yaml"
    path.write_text(text, encoding="utf-8")
    return build_report(load_scenario(str(path)))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".").replace(" ,", ",")


def test_the_verdict_and_the_recorded_vote_are_the_records(tmp_path: Path) -> None:
    words = _text(_report(tmp_path))
    assert "The motion passed with 6 votes; 6 were needed." in words
    assert "Recorded vote: 6 yes, 3 no, 1 abstaining, 1 absent" in words
    bare = CHAMBER.replace(", no: 3, abstain: 1, absent: 1", "")
    words = _text(_report(tmp_path, bare))
    assert "Recorded vote: 6 yes." in words or "Recorded vote: 6 yes " in words
    assert "abstaining" not in words and " absent" not in words.split("Recorded vote")[1][:40]


@pytest.mark.parametrize(("day", "sentence"), [
    ("10 January 2020", "The opposition is 1 short of the 6 needed."),  # blue's 5
    ("21 January 2020", "The opposition has exactly the 6 needed."),  # with green: 6
])
def test_the_opposition_margin_on_each_key_date(tmp_path: Path, day: str, sentence: str) -> None:
    words = _text(_report(tmp_path))
    after = words.split(day, 1)[1]  # the key date's own caption comes first
    assert after.index(sentence) == after.index("The opposition")


def test_an_unconfirmed_event_is_listed_with_its_note_or_as_not_confirmed(tmp_path: Path) -> None:
    words = _text(_report(tmp_path))
    assert "2020-01-25, Blue Party moves to the government: not confirmed" in words or \
        re.search(r"2020-01-25, [^:]*: not confirmed", words)
    noted = CHAMBER.replace("verified: false,", "verified: false, note: reported by one paper only,")
    assert re.search(r"2020-01-25, [^:]*: reported by one paper only", _text(_report(tmp_path, noted)))


def _brute_force_shares(weights: list[int], quota: int, player: int) -> tuple[float, float]:
    """``player``'s Banzhaf and Shapley-Shubik shares, by enumerating every coalition of the others."""
    from math import factorial

    import numpy as np

    n = len(weights)
    bits = (np.arange(1 << (n - 1))[:, None] >> np.arange(n - 1)) & 1  # every coalition of n - 1 others
    swings, sizes = [], []
    for i, w in enumerate(weights):
        total = bits @ np.array(weights[:i] + weights[i + 1:])
        swing = (total < quota) & (total + w >= quota)
        swings.append(int(swing.sum()))
        sizes.append(bits.sum(axis=1)[swing])
    ss = sum(factorial(k) * factorial(n - k - 1) for k in sizes[player].tolist()) / factorial(n)
    return swings[player] / sum(swings), ss


def test_pakistans_power_table_is_in_per_cent_of_the_exact_share() -> None:
    words = _text(build_report(load_scenario("pk-na-2022")))
    # the players on the vote's day: 14 blocs and the 4 independents seat by seat (docs/power.md), quota 172;
    # PML-N's 84 less Ayaz Sadiq, who presided and could not vote (Dawn, 10 April 2022)
    weights = [155, 83, 56, 14, 7, 1, 4, 4, 1, 4, 1, 1, 1, 1, 3, 1, 1, 1, 1]
    banzhaf, shapley = _brute_force_shares(weights, 172, 0)
    assert re.search(rf"PTI 155 {100 * banzhaf:.1f}% {100 * shapley:.1f}%", words)
    assert "The motion passed with 174 votes; 172 were needed." in words


def test_the_forecast_section_says_the_scenarios_own_settings(tmp_path: Path) -> None:
    text = CHAMBER.replace("motion:\n", "forecast: {cohesion: 1.0}\nmotion:\n").replace(
        "  division: {date: 2020-01-22, yes: 6, no: 3, abstain: 1, absent: 1, source: \"https://example.org/d\"}\n", "")
    words = _text(_report(tmp_path, text))
    assert "(exact method: cohesion 1 for every bloc)" in words
    # a swing moves only a bloc that has not committed: red is undecided
    swung = text.replace("forecast: {cohesion: 1.0}", "forecast: {swing: 0.5, seed: 3, sims: 2000}\n"
                         "stances: [{date: 2020-01-10, party: red, stance: undecided}]")
    html = _report(tmp_path, swung)
    assert "with a swing" in html  # the chart's model line
    assert "(monte-carlo method: swing (logit scale): chamber SD 0.5, party SD 0; 2,000 draws from seed 3" in _text(html)


def test_a_chart_says_with_a_swing_only_when_there_is_one(tmp_path: Path) -> None:
    plain = CHAMBER.replace("motion:\n", "forecast: {cohesion: 1.0}\nmotion:\n")
    assert "with a swing" not in _report(tmp_path, plain) and "with a swing" not in _report(tmp_path)
    party_only = CHAMBER.replace("motion:\n", "forecast: {party_swing: 0.4, sims: 2000}\n"
                                 "stances: [{date: 2020-01-10, party: red, stance: undecided}]\nmotion:\n")
    assert "with a swing" in _report(tmp_path, party_only)


def test_the_seat_tables_say_seats_by_party_and_stances_by_the_whip_count() -> None:
    words = _text(build_report(load_scenario("pk-na-2022")))
    assert "Seats on 8 March 2022 as a table" in words and "Stances on 10 April 2022 as a table" in words
    assert "Stances on 8 March 2022 as a table" not in words


def test_a_threshold_of_the_votes_cast_names_no_number_in_the_forecast() -> None:
    # the United Kingdom, 1979: a majority of the votes cast, a number only turnout sets
    words = _text(build_report(load_scenario("gb-hc-1979")))
    forecast = words.split("Forecast", 1)[1]
    assert "yes votes needed" not in forecast.split("Who was pivotal")[0]


def test_a_notebooks_monte_carlo_forecast_shows_its_standard_error() -> None:
    import numpy as np

    from whipcount.report.notebook import forecast_html
    from whipcount.tally import count_scenario, forecast, model_from_count

    model = model_from_count(count_scenario(load_scenario("pk-na-2022")))
    exact = forecast_html(forecast(model, method="exact", pivotal=False))
    drawn = forecast(model, method="monte-carlo", sims=2000, rng=np.random.default_rng(1), pivotal=False)
    assert "±" not in exact.split("<svg")[0]
    # the error in percentage points, one decimal, as beside every percentage
    assert f"± {100 * drawn.stderr:.1f} pt" in forecast_html(drawn).split("<svg")[0]


@pytest.mark.parametrize(("name", "follows"), [
    ("pk-na-2022", "What follows: the Prime Minister ceases to hold office."),  # Art. 95(4)
    ("gb-hc-1979", "What follows: the government resigns or seeks a dissolution."),
    ("gb-hc-2019", "What follows: the government survives."),  # the motion failed, 306 to 325
    ("de-bt-1972", "What follows: the Chancellor stays in office."),  # Barzel 247 of the 249 needed
])
def test_the_outcome_says_what_follows_under_the_constitution(name: str, follows: str) -> None:
    assert follows in _text(build_report(load_scenario(name)))


PARTS = CHAMBER.replace("motion:\n", """\
stances:
  - {date: 2020-01-10, party: blue, seats: 2, stance: "yes", verified: false, source: "https://example.org/x"}
  - {date: 2020-01-10, party: blue, stance: "yes", source: {url: "https://example.org/x", outlet: The Paper,
     quote: blue says yes}}
motion:
""")


def test_a_bloc_merged_from_an_unconfirmed_part_is_unconfirmed_and_marked_once(tmp_path: Path) -> None:
    from whipcount.report.engines import stance_view

    path = tmp_path / "parts.yaml"
    path.write_text(PARTS, encoding="utf-8")
    (blue,) = [b for b in stance_view(load_scenario(str(path)), None).blocks if b.party == "blue"]
    assert (blue.stance, blue.seats, blue.verified) == ("yes", 5, False)
    html = _report(tmp_path, PARTS)
    assert re.search(r"<td>Blue Party †</td><td>Opposition</td>", html) or \
        re.search(r"<td>[^<]*blue[^<]*†</td><td>Opposition</td>", html, re.I)
    assert not re.search(r"<td>Opposition †</td>", html)


def test_a_source_cited_twice_keeps_what_either_citation_says(tmp_path: Path) -> None:
    # the outcome cites the division's source first, bare; the timeline cites it again, with more
    text = CHAMBER.replace('source: "https://example.org/d"}', 'source: "https://example.org/x"}').replace(
        'source: "https://example.org/g"}',
        'source: {url: "https://example.org/x", outlet: The Paper, title: Green crosses, quote: green says yes}}')
    html = _report(tmp_path, text)
    listed = html[html.index('<ol class="refs">'):].split("</ol>", 1)[0]
    refs = _text(listed)
    assert listed.count('"https://example.org/x"') == 1  # one entry for the one address
    assert "The Paper" in refs and "Green crosses" in refs and "green says yes" in refs



def test_the_reference_list_merges_what_two_citations_of_one_address_say() -> None:
    # a file's loader already gives every citation of an address its outlet, headline and date; a scenario
    # built in Python may not, and the list then keeps each from whichever citation gave it
    import datetime as dt

    from whipcount.model import Source
    from whipcount.report.markup import Refs

    url = "https://example.org/x"
    for first, second in ((Source(url, "a quote", "The Paper", "Red holds", dt.date(2020, 1, 2)), Source(url)),
                          (Source(url), Source(url, "a quote", "The Paper", "Red holds", dt.date(2020, 1, 2)))):
        refs = Refs()
        assert refs.cite([first]).count("[1]") == 1
        assert refs.cite([second, url]).count("[1]") == 1  # one address, one mark: not [1][1]
        listed = _text(refs.render())
        assert listed.count("The Paper") == 1 and "Red holds" in listed and "2 January 2020" in listed
        assert "a quote" in listed


def test_a_key_date_one_seat_above_the_bar_says_so(tmp_path: Path) -> None:
    # red 4, blue 5, green 2: with green the opposition holds 7 of 11, one above the 6 needed
    text = CHAMBER.replace("seats: 5, side: government}", "seats: 4, side: government}", 1).replace(
        "seats: 1, side: government}", "seats: 2, side: government}")
    words = _text(_report(tmp_path, text))
    after = words.split("21 January 2020", 1)[1]
    assert after.index("The opposition is 1 above the 6 needed.") == after.index("The opposition")


@pytest.mark.parametrize(("name", "opening"), [
    ("pk-na-2022", "A no-confidence motion against Imran Khan."),
    ("il-knesset-2021", "An investiture motion"),
])
def test_the_motion_is_named_with_its_article(name: str, opening: str) -> None:
    assert opening in _text(build_report(load_scenario(name)))


def test_the_seat_table_has_a_row_a_party_and_its_seats_column_is_numeric() -> None:
    html = build_report(load_scenario("pk-na-2022"))
    words = _text(html)
    assert "PTI Government 155 " in words  # seats by party on a key date
    # the whip count on the day of the vote: PTI boycotted, and the 20 dissidents named in its references and
    # Khawaja Sheraz did not vote (Dawn, 10 April; the Election Commission, 11 May): all 155 absent
    assert "PTI Government Absent 155 " in words and "PTI Government No " not in words
    assert '<th scope="col" class="num">Seats</th>' in html and '<th scope="col" class="num">Party</th>' not in html
    refs = _text(html[html.index('<ol class="refs">'):].split("</ol>", 1)[0])
    # no headline: the address tells its articles apart
    assert "The Quint, 10 April 2022 www.thequint.com/amp/story/news/world/welcome-purana-pakistan-imran-khan-loses-no-trust-vote" in refs


@pytest.mark.parametrize(("seats", "drawn"), [(3000, True), (3001, False)])
def test_a_chamber_too_large_to_draw_still_gets_its_report(run_cli, tmp_path: Path, seats: int,  # type: ignore[no-untyped-def]
                                                           drawn: bool) -> None:
    """Charts draw at most 3,000 seats; past that the report says why there is no seat chart and keeps the
    seat table (the chart command itself refuses, naming the limit)."""
    case, out = tmp_path / "big.yaml", tmp_path / "big.html"
    assert run_cli("new", str(case)).code == 0
    text = case.read_text(encoding="utf-8").replace("seats: 336 ", f"seats: {seats} ")
    case.write_text(text.replace("seats: 166,", f"seats: {seats - 170},"), encoding="utf-8")
    assert run_cli("chart", str(case), "-o", str(tmp_path / "c.svg")).code == (0 if drawn else 1)
    r = run_cli("report", str(case), "-o", str(out))
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    assert ("No seat chart" not in html) is drawn
    assert (html.count('class="seat') > seats) is drawn  # every seat drawn, or none
    assert f"{seats - 170}" in html  # the table still lists the largest party's seats


def test_a_seat_table_row_cites_its_party_s_source() -> None:
    html = build_report(load_scenario("pk-na-2022"))
    (pti_url,) = [s.url for p in load_scenario("pk-na-2022").parties if p.id == "pti" for s in p.sources]
    refs = dict(re.findall(r'<li id="ref-(\d+)"><a href="([^"]+)"', html))
    cited = re.findall(r'<tr><td>PTI</td><td>Government</td><td class="num">\d+</td><td><sup><a class="ref" '
                       r'href="#ref-(\d+)">', html)
    assert cited and all(refs[n] == pti_url for n in cited)


def test_the_whip_count_table_cites_each_stance_s_own_source_too() -> None:
    """On the day of the vote the scenario records PTI as absent (the boycott), citing a report of its own:
    the row of PTI's absent seats cites PTI's source and that one."""
    sc = load_scenario("pk-na-2022")
    (entry,) = [s for s in sc.stances if s.party == "pti" and s.stance == "absent"]
    (party_url,) = [s.url for p in sc.parties if p.id == "pti" for s in p.sources]
    html = build_report(sc)
    refs = dict(re.findall(r'<li id="ref-(\d+)"><a href="([^"]+)"', html))
    (cell,) = re.findall(r'<tr><td>PTI</td><td>Government</td><td>Absent</td><td class="num">155</td><td>(.*?)</td>',
                         html)
    assert [refs[n] for n in re.findall(r'href="#ref-(\d+)"', cell)] == [party_url, entry.sources[0].url]


def test_an_archived_address_is_shown_whole(tmp_path: Path) -> None:
    """A Wayback Machine address holds a second "://": the reference list shows all of it after the scheme."""
    archived = "https://web.archive.org/web/20220410000000/https://www.example.org/na-vote"
    text = CHAMBER.replace("https://example.org/g", archived, 1)
    assert archived in text
    words = _report(tmp_path, text)
    assert '<span class="ref-url">web.archive.org/web/20220410000000/https://www.example.org/na-vote</span>' in words


def test_who_was_pivotal_writes_probabilities_as_the_rest_of_the_report_does() -> None:
    # P(pass) of Pakistan's whip count is 64.5% (the headline of the same page); a bloc's switch is written
    # the same way, never as a decimal such as 0.645, and a tiny chance as "< 0.1%", never as 0.000
    html = build_report(load_scenario("pk-na-2022"))
    section = html.split("Who was pivotal", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section)
    assert items
    percent = r"(?:\d{1,3}\.\d%|0%|100%|&lt; 0\.1%|&gt; 99\.9%)"
    for item in items[:-1]:  # the last says how many more blocs there are
        assert re.fullmatch(rf"if .+, P\(pass\) goes from 64\.5% to {percent}", item), item
    assert not re.search(r"\b0\.\d{3}\b", section)
    assert "P(pass) = 64.5%" in html
