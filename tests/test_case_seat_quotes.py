"""Every party's seats in four cases quote the words of a source that carry the figure, and the figures are the
record's, typed in by hand from the sources the cases cite:

- Pakistan, National Assembly, 8 March 2022 (The News and Pakistan Observer before the first ally left; Pakistan
  Today's list of 30 March for the MMA's 14 less Jamaat-e-Islami's one): PTI 155, PML-N 84, PPP 56, MMA 14, JI 1,
  MQM-P 7, BAP 5, PML-Q 5, BNP-M 4, GDA 3, AML 1, JWP 1, ANP 1, independents 2 with the government and 2 with the
  opposition; 341 members, one seat vacant.
- Spain, Congreso, 1 June 2018 (El País; Te Interesa for the noes): PP 134, PSOE 84, Unidos Podemos 67, Cs 32, ERC 9,
  PDeCAT 8, PNV 5, Compromís 4, UPN 2, EH Bildu 2, Foro 1, CC 1, NC 1; 350.
- Romania, Parliament, 2008 election (Mediafax, the Central Election Office's totals of both chambers): PD-L 166,
  PSD+PC 163, PNL 93, UDMR 31, minorities 18; 471.
- Punjab, Provincial Assembly, 6 April 2022 (Business Recorder): PTI 183, PML-N 165, PML-Q 10, PPP 7, independents
  5, Rah-e-Haq 1; 371.

A quote carries a figure in digits or, as the press writes small numbers, in words (English or Spanish)."""

from __future__ import annotations

import re

import pytest

from whipcount.io.scenario import load_scenario

RECORD = {
    "pk-na-2022": ({"pti": 155, "pml-n": 84, "ppp": 56, "mma": 14, "ji": 1, "mqm-p": 7, "bap": 5, "pml-q": 5,
                    "bnp-m": 4, "gda": 3, "aml": 1, "jwp": 1, "anp": 1, "independent": 4}, 341),
    "es-cd-2018": ({"pp": 134, "psoe": 84, "up": 67, "cs": 32, "erc": 9, "pdecat": 8, "pnv": 5, "compromis": 4,
                    "upn": 2, "bildu": 2, "foro": 1, "cc": 1, "nc": 1}, 350),
    "ro-parl-2009": ({"pd-l": 166, "psd-pc": 163, "pnl": 93, "udmr": 31, "minorities": 18}, 471),
    "pk-pa-punjab-2022": ({"pti": 183, "pml-n": 165, "pml-q": 10, "ppp": 7, "independent": 5, "rhp": 1}, 371),
}
BY_SIDE = {("pk-na-2022", "independent"): {"government": 2, "opposition": 2}}

WORDS = {1: ("one", "uno"), 2: ("two", "dos"), 3: ("three", "tres"), 4: ("four", "cuatro"), 5: ("five", "cinco"),
         6: ("six", "seis"), 7: ("seven", "siete"), 8: ("eight", "ocho"), 9: ("nine", "nueve"), 10: ("ten", "diez")}


def carries(quote: str, n: int) -> bool:
    """Whether a quote states the figure n: as a whole number in digits, or as a word."""
    forms = (str(n), *WORDS.get(n, ()))
    return any(re.search(rf"(?<![\w.,]){re.escape(f)}(?![\w]|[.,]\d)", quote, re.IGNORECASE) for f in forms)


def test_carries_reads_whole_numbers_and_words_only() -> None:
    assert carries("PTI — 155", 155) and carries("MMA —14", 14) and carries("los nueve de ERC", 9)
    assert carries("one each of Jamhoori Watan Party", 1) and carries("Foro Asturias (1)", 1)
    assert not carries("PTI — 1550", 155) and not carries("12,155 votes", 155) and not carries("someone", 1)
    assert not carries("1.5 per cent", 1) and not carries("PTI — 155", 15)


@pytest.mark.parametrize("case", sorted(RECORD))
def test_every_party_s_seats_are_the_record_s_and_quote_the_figure(case: str) -> None:
    seats, members = RECORD[case]
    sc = load_scenario(case)
    assert {p.id: p.seats for p in sc.parties} == seats
    assert sum(seats.values()) == members
    assert sc.chamber.seats - members == (1 if case == "pk-na-2022" else 0)  # NA-33 Hangu, vacant from 14 February
    for p in sc.parties:
        quotes = [s.quote for s in p.sources if s.quote]
        assert any(carries(q, p.seats) for q in quotes), f"{case}: {p.id}'s {p.seats} seats are not quoted: {quotes}"
        for side, n in BY_SIDE.get((case, p.id), {}).items():
            assert dict(p.by_side)[side] == n
            assert any(carries(q, n) for q in quotes), f"{case}: {p.id}'s {n} with the {side} are not quoted"
