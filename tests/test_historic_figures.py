"""Every figure of the historic record pinned to a source that states it, quoted beside it. The figures are typed in
from the sources, not from the file or from whipcount's output: a count changed in the file, or a bar whipcount
works out differently from the one reported, fails here."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.io.historic import historic_votes

BY_ID = {v.id: v for v in historic_votes()}

# id: (date, yes, no, abstain, seats, needed as reported or None where no source states one, passed)
RECORD = {
    # BBC On This Day, 28 March 1979: the motion was carried "by 311 votes to 310"
    "gb-1979-callaghan": (dt.date(1979, 3, 28), 311, 310, None, None, None, True),
    # parliament.uk, 16 January 2019: "voting against a motion of no confidence, 325 to 306"
    "gb-2019-may": (dt.date(2019, 1, 16), 306, 325, None, None, None, False),
    # FES chronicle: "Von diesen stimmen 247 für R. Barzel, 10 dagegen und 3 enthalten sich der Stimme. Da zur
    # Annahme des Antrages aber 249 Stimmen erforderlich sind ..."
    "de-1972-barzel": (dt.date(1972, 4, 27), 247, 10, 3, 496, 249, False),
    # CNN, 16 November 2001: "Schroeder won the vote in the Bundestag by 336 to 326, two votes more than the 334
    # required for victory in the 666-seat chamber"
    "de-2001-schroeder": (dt.date(2001, 11, 16), 336, 326, None, None, 334, True),
    # Der Tagesspiegel, 2 October 1982: "Kohl, der zur Kanzlerwahl 249 Stimmen benötigt hätte, erhielt insgesamt
    # 256 Stimmen"
    "de-1982-kohl": (dt.date(1982, 10, 1), 256, None, None, None, 249, True),
    # WDR (quoted by unsere-grundrechte.de): "stimmten 207 Abgeordnete für Scholz, 394 gegen ihn und 116
    # enthielten sich ... die notwendige Mehrheit von mindestens 367 Stimmen"; RRN: "out of 733 voting deputies"
    "de-2024-scholz": (dt.date(2024, 12, 16), 207, 394, 116, 733, 367, False),
    # Diario de León, 1 June 2018: "por 180 votos a favor ... 169 en contra ... y la abstención de Coalición
    # Canaria"; infoLibre, the same day: "la mayoría absoluta de la Cámara - 176 votos"
    "es-2018-sanchez": (dt.date(2018, 6, 1), 180, 169, 1, None, 176, True),
    # elEconomista, 14 June 2017: "los 82 votos a favor ..., 170 votos en contra y 97 abstenciones";
    # "la candidatura de Pablo Iglesias, que necesitaba 176 votos"
    "es-2017-iglesias": (dt.date(2017, 6, 14), 82, 170, 97, None, 176, False),
    # CBC (via lurkerlounge's copy), 28 November 2005: "In a 171 to 133 vote, the House passed a historic
    # no-confidence motion"
    "ca-2005-martin": (dt.date(2005, 11, 28), 171, 133, None, None, None, True),
    # rediff, 17 April 1999: "The BJP ruling coalition secured 269 votes while the opposition got 270"
    "in-1999-vajpayee": (dt.date(1999, 4, 17), 269, 270, None, None, None, False),
    # Los Angeles Times, 19 June 1993: "the motion passed 255 to 220"; Deseret News, 17 June 1993:
    # "Parliament's more powerful 512-seat lower house"
    "jp-1993-miyazawa": (dt.date(1993, 6, 18), 255, 220, None, 512, None, True),
    # Monitorul de Suceava: "adoptată ... cu 254 de voturi „pentru” și 176 „împotrivă”"; Bursa: "exceeded the 236
    # votes required"
    "ro-2009-boc": (dt.date(2009, 10, 13), 254, 176, None, 471, 236, True),
    # AGERPRES (ecopoliticnews): "There were 147 votes 'in favour' and one 'against'"; "out of a total of 464
    # MPs, 358 were present"; "a minimum of 233 votes"
    "ro-2025-ciolacu": (dt.date(2025, 2, 28), 147, 1, None, 464, 233, False),
    # BBC (newssniffer's copy), 24 January 2008: "He won 156 votes in the upper house, with 161 against and one
    # abstention"
    "it-2008-prodi": (dt.date(2008, 1, 24), 156, 161, 1, None, None, False),
    # La Sesia, 19 January 2021: "Sono stati 156 i "sì", 140 i "no" e 16 gli astenuti"
    "it-2021-conte": (dt.date(2021, 1, 19), 156, 140, 16, None, None, True),
    # EIN Presswire (Reuters), 21 June 2021: "The no-confidence motion, which required 175 votes in the 349-seat
    # parliament to pass, was supported by 181 lawmakers"
    "se-2021-lofven": (dt.date(2021, 6, 21), 181, None, None, None, 175, True),
    # Radio Canada International, 14 November 2018: "Lawmakers voted 195 to 154 against the speaker's
    # nomination"; "195 against Kristersson, well above the 175 needed to stop a prime minister candidate"
    "se-2018-kristersson": (dt.date(2018, 11, 14), 154, 195, None, None, None, False),
    # The Orient News, 10 May 2021: "93 lawmakers voting in favour of the motion, 124 against it, while 15
    # remained abstain"; "Prime Minister Oli required at least 136 votes"
    "np-2021-oli": (dt.date(2021, 5, 10), 93, 124, 15, None, 136, False),
    # Politico Europe, 4 December 2024: "adopté ... par 331 voix, bien au-delà des 288 voix nécessaires"
    "fr-2024-barnier": (dt.date(2024, 12, 4), 331, None, None, None, 288, True),
    # The Quint, 10 April 2022: 174 votes for the resolution; 172 needed in the 342-member House
    "pk-2022-imran-khan": (dt.date(2022, 4, 10), 174, None, None, None, 172, True),
    # Daily Pakistan, 11 April 2022: Shehbaz Sharif elected with 174 votes
    "pk-2022-shehbaz": (dt.date(2022, 4, 11), 174, None, None, None, 172, True),
    # Zee News, 6 March 2021: "Prime Minister Khan managed to secure 178 votes ... A total of 172 votes was needed"
    "pk-2021-imran-khan-confidence": (dt.date(2021, 3, 6), 178, None, None, None, 172, True),
    # Los Angeles Times, 1 November 1989: "The combined opposition mustered 107 votes in the 237-seat National
    # Assembly, 12 short of the 119 it needed"
    "pk-1989-bhutto": (dt.date(1989, 11, 1), 107, None, None, None, 119, False),
    # Dawn, 29 August 2006: "got only 136 votes, 36 short of a simple majority of 172 in the 342-seat house"
    "pk-2006-aziz": (dt.date(2006, 8, 29), 136, None, None, None, 172, False),
    # Budapest Business Journal: "with 207 votes cast for and 165 against him"; AP (foxnews): "the 386-member
    # parliament"
    "hu-2006-gyurcsany": (dt.date(2006, 10, 6), 207, 165, None, 386, None, True),
    # Blikk: "A parlament 204 igen szavazattal, 8 tartózkodással, nem szavazatok nélkül ... fogadta el az
    # indítványt"; Expatica (AFP): "204 deputies of the 386-seat parliament voted in favour"
    "hu-2009-bajnai": (dt.date(2009, 4, 14), 204, 0, 8, 386, None, True),
}


def test_every_entry_has_its_source_figures() -> None:
    assert set(RECORD) == set(BY_ID)


@pytest.mark.parametrize("vote_id", sorted(RECORD))
def test_the_figures_are_the_sources(vote_id: str) -> None:
    day, yes, no, abstain, seats, needed, passed = RECORD[vote_id]
    vote = BY_ID[vote_id]
    assert (vote.date, vote.yes, vote.no, vote.abstain, vote.seats, vote.passed) == \
        (day, yes, no, abstain, seats, passed)
    if needed is not None:
        assert vote.needed == needed          # the bar as reported is the record's
        assert vote.judge().needed == needed  # and the bar whipcount works out


def test_spain_2017_iglesias_needed_176() -> None:
    # elEconomista, 14 June 2017: "la candidatura de Pablo Iglesias, que necesitaba 176 votos, ha obtenido 82
    # votos a favor". The entry had no bar.
    vote = BY_ID["es-2017-iglesias"]
    assert vote.needed == 176 and vote.judge().needed == 176 and vote.judge().passed is False
    assert any("eleconomista.es" in s for s in vote.sources)
    assert "necesitaba 176 votos" in (vote.note or "")


def test_nepal_2021_oli_136_is_a_source_s_figure() -> None:
    # The Orient News, 10 May 2021: "Prime Minister Oli required at least 136 votes in the 275-member House of
    # Representatives to win the confidence motion as four members are currently under suspension". The entry
    # had said no source gave the 136.
    vote = BY_ID["np-2021-oli"]
    assert (vote.needed, vote.vacancies, vote.judge().needed) == (136, 4, 136)
    assert any("theorientnews.com" in s for s in vote.sources)
    assert "required at least 136 votes" in (vote.note or "")
    assert "our arithmetic" not in (vote.note or "")


def test_romania_2025_ciolacu_minutes_are_quoted() -> None:
    # AGERPRES: "out of a total of 464 MPs, 358 were present and the total number of votes cast was 148. There
    # were no canceled votes."
    vote = BY_ID["ro-2025-ciolacu"]
    assert vote.yes + (vote.no or 0) == 148
    assert "358 were present" in (vote.note or "") and "no canceled votes" in (vote.note or "")


def test_spain_2018_sanchez_cites_pages_that_quote_its_figures() -> None:
    # El Plural's report, cited before, could not be read; Diario de León and infoLibre state the figures.
    vote = BY_ID["es-2018-sanchez"]
    assert not any("elplural" in s for s in vote.sources)
    assert any("diariodeleon.es" in s for s in vote.sources) and any("infolibre.es" in s for s in vote.sources)
    note = vote.note or ""
    assert "180 votos a favor" in note and "169 en contra" in note and "176 votos" in note
