"""Israel, 13 June 2021: the parties' seats are the election of 23 March 2021, as the Central Elections
Committee's final results give them (typed in by hand from The Yeshiva World's and AFSI's lists of them,
which agree): Likud 30, Yesh Atid 17, Shas 9, Blue and White 8, Yamina 7, Labor 7, UTJ 7, Yisrael Beiteinu 7,
Religious Zionism 6, Joint List 6, New Hope 6, Meretz 6, Ra'am 4. Each party's seats quote their row of the
results table the case cites (its last figure is the seats)."""

from __future__ import annotations

from whipcount.io.scenario import load_scenario

ELECTED = {"likud": 30, "yesh-atid": 17, "shas": 9, "blue-white": 8, "yamina": 7, "labor": 7, "utj": 7,
           "yisrael-beiteinu": 7, "religious-zionism": 6, "joint-list": 6, "new-hope": 6, "meretz": 6, "raam": 4}


def test_every_party_s_seats_are_the_election_s_and_quote_their_row() -> None:
    sc = load_scenario("il-knesset-2021")
    assert {p.id: p.seats for p in sc.parties} == ELECTED
    assert sum(ELECTED.values()) == 120
    for p in sc.parties:
        rows = [s.quote for s in p.sources if s.quote and "wikipedia.org" in s.url]
        assert any(r.split()[-1] == str(ELECTED[p.id]) for r in rows), (p.id, rows)
