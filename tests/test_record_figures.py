"""Single figures of the bundled cases pinned to the record they were checked against (fact-check of the cases
other than pk-na-2022). Each test names the source and quotes it; the figure is typed in from the source, not
from whipcount's output."""

from __future__ import annotations

import datetime as dt

from whipcount.io.historic import historic_votes
from whipcount.io.scenario import load_scenario
from whipcount.tally.cases import judge_division_of, judge_recorded


def _motion(case: str, motion_id: str):  # type: ignore[no-untyped-def]
    return next(m for m in load_scenario(case).motions if m.id == motion_id)


def test_japan_2024_first_poll_counts_465_votes() -> None:
    # livedoor News: "石破首相(自民党総裁)221票、立憲民主党の野田代表151票、日本維新の会の馬場代表38票、
    # 国民民主党の玉木代表28票などの順で、投票総数465票の過半数に達した候補がいない"; The Asia Business Daily:
    # "out of a total of 465 votes, Prime Minister Ishiba received 221 votes". The file once had 464 (26 others).
    motion = _motion("jp-hr-2024", "pm-first-poll-2024-11-11")
    assert motion.division is not None
    cands = dict(motion.division.candidates)
    assert (cands["Shigeru Ishiba"], cands["Yoshihiko Noda"], cands["Nobuyuki Baba"], cands["Yuichiro Tamaki"]) == \
        (221, 151, 38, 28)
    assert sum(cands.values()) == 465
    outcome = judge_recorded(load_scenario("jp-hr-2024"), motion)
    assert outcome is not None
    assert outcome.needed == 233 and outcome.passed is False   # "falling short of the 233-vote majority required"


def _filed_event(case: str):  # type: ignore[no-untyped-def]
    return next(e for e in load_scenario(case).events if e.kind == "motion-filed")


def test_germany_1982_motion_was_tabled_on_28_september() -> None:
    # The Bundestag's chronicle of the 9th Bundestag: "28.09.1982 | ... Einbringung des Antrags nach Art. 67 GG
    # (Konstruktives Misstrauensvotum)". The file had the date as unconfirmed.
    scenario = load_scenario("de-bt-1982")
    event = _filed_event("de-bt-1982")
    assert event.date == scenario.motions[0].filed == dt.date(1982, 9, 28)
    assert event.verified
    assert any("webarchiv.bundestag.de" in s.url for s in event.sources)


def test_germany_1982_kohl_needed_249_in_the_historic_record() -> None:
    # Der Tagesspiegel, 2 October 1982: "Kohl, der zur Kanzlerwahl 249 Stimmen benötigt hätte, erhielt insgesamt
    # 256 Stimmen." The entry had the 249 as not stated in a source.
    vote = next(v for v in historic_votes() if v.id == "de-1982-kohl")
    assert (vote.yes, vote.needed, vote.verified) == (256, 249, True)
    assert any("tagesspiegel.de" in s for s in vote.sources)
    assert vote.judge().needed == 249


def test_germany_1972_the_coalition_s_majority_melted_as_the_sources_count_it() -> None:
    # FES chronicle, 1969: "SPD 224 ..., die CDU/CSU 242 ... und die FDP 30"; vorwärts: Brandt had "254 möglichen
    # Stimmen". Die Zeit 42/1970, after Mende, Starke and Zoglmann left the FDP: "schrumpfte die
    # Regierungsmehrheit auf sechs Stimmen ohne die Berliner Abgeordneten". Grau: the CDU/CSU group had grown
    # "auf 246 Abgeordnete" by spring 1972 and with Helms's leaving the FDP on 23 April "über 247 Mandate".
    scenario = load_scenario("de-bt-1972")

    def sides(day: dt.date) -> dict[str, int]:
        return scenario.state(day).sides()

    assert sides(dt.date(1969, 10, 21)) == {"government": 254, "opposition": 242, "other": 0}
    after_1970 = sides(dt.date(1970, 10, 8))
    assert after_1970["government"] - after_1970["opposition"] == 6
    assert sides(dt.date(1972, 4, 22))["opposition"] == 246
    assert sides(dt.date(1972, 4, 27)) == {"government": 249, "opposition": 247, "other": 0}


def test_germany_1972_barzel_needed_249_in_the_historic_record() -> None:
    # FES chronicle, 27 April 1972: "Von diesen stimmen 247 für R. Barzel, 10 dagegen und 3 enthalten sich der
    # Stimme. Da zur Annahme des Antrages aber 249 Stimmen erforderlich sind, ist der Mißtrauensantrag ... abgelehnt."
    vote = next(v for v in historic_votes() if v.id == "de-1972-barzel")
    assert (vote.yes, vote.no, vote.abstain, vote.needed) == (247, 10, 3, 249)
    outcome = vote.judge()
    assert outcome.needed == 249 and outcome.passed is False


def test_israel_2021_lapid_told_the_president_on_2_june() -> None:
    # Globes, 3 June 2021: "at 11.30 pm last night, just 30 minutes before his 21-day mandate to form a government
    # expired, Yesh Atid chairman Yair Lapid informed President Reuven Rivlin that he had succeeded in forming a
    # government". The file had the date as unconfirmed.
    event = _filed_event("il-knesset-2021")
    assert event.date == load_scenario("il-knesset-2021").motions[0].filed == dt.date(2021, 6, 2)
    assert event.verified and any("globes.co.il" in s.url for s in event.sources)


def test_sweden_2021_seats_and_division_by_party() -> None:
    # Fria Tider, 21 June 2021, by party: V "Ja – 27", L "Avstår – 19", two members without a party abstaining,
    # eight absent; 181 yes, 109 no, 51 abstaining.
    scenario = load_scenario("se-riksdag-2021")
    state = scenario.state(dt.date(2021, 6, 21))
    seats = {p.id: p.seats for p in state.parties}
    assert (seats["v"], seats["l"], seats["independent"], seats["sd"], seats["c"]) == (27, 19, 2, 62, 31)
    division = scenario.motions[0].division
    assert division is not None
    assert (division.yes, division.no, division.abstain, division.absent) == (181, 109, 51, 8)
    assert seats["m"] + seats["sd"] + seats["kd"] + seats["v"] == 181


def test_romania_2009_valid_votes_are_the_430_of_the_official_minutes() -> None:
    # Monitorul de Suceava, reading the minutes: "Din cele 434 de voturi exprimate, patru au fost anulate, astfel
    # că numărul de voturi valabile a fost de 430"; 254 for ("potrivit anunțului oficial"), 176 against.
    division = load_scenario("ro-parl-2009").motions[0].division
    assert division is not None
    assert (division.yes, division.no) == (254, 176) and division.yes + division.no == 430
    assert division.invalid == 4 and division.yes + division.no + division.invalid == 434  # "patru au fost anulate"


def test_japan_2024_first_poll_names_every_candidate() -> None:
    # Yahoo! News Japan (news.yahoo.co.jp/articles/3fb97708d7f83cd5976bb40dd69c4c62e88e174f): "石破氏が221票、
    # 野田氏が151票。ほか日本維新の会の馬場伸幸代表が38票、国民民主党の玉木雄一郎代表が28票、れいわ新選組の山本太郎
    # 代表が9票、共産党の田村智子委員長が8票、吉良州司氏が4票、神谷宗幣氏と河村たかし氏がともに3票". The file had
    # the last 27 as one "others" entry, marked unverified.
    division = _motion("jp-hr-2024", "pm-first-poll-2024-11-11").division
    assert division is not None and division.verified
    assert dict(division.candidates) == {
        "Shigeru Ishiba": 221, "Yoshihiko Noda": 151, "Nobuyuki Baba": 38, "Yuichiro Tamaki": 28,
        "Taro Yamamoto": 9, "Tomoko Tamura": 8, "Shuji Kira": 4, "Sohei Kamiya": 3, "Takashi Kawamura": 3}


def test_sweden_2021_the_left_party_withdrew_its_confidence_on_17_june() -> None:
    # Pledge Times, 17 June 2021: "Dadgostar on Tuesday gave the country's government a 48-hour time limit ...
    # The time limit ended today, Thursday, at 10 a.m."; Irish Independent, 17 June 2021: "Sweden's Left Party
    # said today it would seek support ... to put forward a no confidence vote". The file had the day as
    # unconfirmed ("the week before the vote").
    scenario = load_scenario("se-riksdag-2021")
    said = next(e for e in scenario.events if e.kind == "statement" and e.party == "v")
    assert said.date == dt.date(2021, 6, 17) and said.verified
    assert {"pledgetimes.com", "www.independent.ie"} <= {s.url.split("/")[2] for s in said.sources}
    assert not any("Left Party withdrew" in u for u in scenario.unverified)


def test_spain_2018_noes_are_169_though_one_report_gives_168() -> None:
    # Última Hora, 1 June 2018, after the vote: "Sólo han votado en contra el PP, Ciudadanos, UPN y Foro, es decir,
    # 169 diputados" (PP 134 + Cs 32 + UPN 2 + Foro 1); leonoticias gives "168 'noes'", which with 180 yes and one
    # abstention would leave one of the 350 deputies unaccounted for. The file keeps 169 and cites both.
    division = load_scenario("es-cd-2018").motions[0].division
    assert division is not None
    assert (division.yes, division.no, division.abstain, division.absent) == (180, 169, 1, 0)
    assert 134 + 32 + 2 + 1 == division.no and 180 + 169 + 1 == 350
    hosts = {s.url.split("/")[2] for s in division.sources}
    assert {"amp.ultimahora.es", "www.leonoticias.com"} <= hosts
    assert "168" in (division.note or "")


def test_germany_2025_the_coalition_s_328_gave_merz_310_then_325_of_the_316_needed(run_cli) -> None:  # type: ignore[no-untyped-def]
    # Just the News (AP), 6 May 2025: "He received 310  out of 630 votes, but needed a majority of 316 to win. His
    # coalition, one of the slimmest postwar majorities, holds 328 seats." newsworm: "307 MPs voted against Merz,
    # three abstained and one vote was invalid." LIGA.net: "325 members of parliament voted for Merz's candidacy,
    # nine more than the required 316 votes. 289 voted against, one abstained, and three ballots were declared
    # invalid." TGCOM24: "Al secondo turno sono stati espressi 618 voti". German Bundestag: CDU/CSU "208 seats",
    # SPD "120 seats", AfD "152", Greens "85", Left "64"; WirtschaftsWoche: the SSW "Genau einen von 630 Sitzen".
    import json

    scenario = load_scenario("de-bt-2025")
    seats = {p.id: p.seats for p in scenario.parties}
    assert seats == {"cdu-csu": 208, "spd": 120, "afd": 152, "greens": 85, "linke": 64, "ssw": 1}
    assert scenario.state(dt.date(2025, 5, 6)).sides() == {"government": 328, "opposition": 301, "other": 1}
    count = json.loads(run_cli("count", "de-bt-2025", "--json").out)
    assert (count["needed"], count["committed_yes"], count["short"]) == (316, 328, 0)  # the whip count: 12 spare
    first, second = (_motion("de-bt-2025", f"chancellor-{n}-ballot-2025-05-06") for n in ("first", "second"))
    assert first.division is not None and second.division is not None
    assert (first.division.yes, first.division.no, first.division.abstain) == (310, 307, 3)
    assert (second.division.yes, second.division.no, second.division.abstain) == (325, 289, 1)
    assert second.division.yes + second.division.no + second.division.abstain + 3 == 618  # 3 invalid
    assert first.division.yes + first.division.no + first.division.abstain + 1 == 621  # 1 invalid; 621 took part
    for motion, yes, passed in ((first, 310, False), (second, 325, True)):
        outcome = judge_recorded(scenario, motion)
        assert outcome is not None
        assert (outcome.needed, outcome.yes, outcome.passed) == (316, yes, passed)
    assert first.round == second.round == 1  # a second ballot under the same bar, not a run-off (Art. 63(3))
    # 18 of the coalition's 328 short: the first ballot's 310, six short of the 316
    runs = json.loads(run_cli("what-if", "de-bt-2025", "--switch", "cdu-csu:18", "--json").out)["runs"]
    assert (runs[1]["committed_yes"], runs[1]["short"]) == (310, 6)


def _quotes(case: str, on: dt.date, kind: str) -> str:
    """Every quote of the sources of the case's events of that kind on that day, in one text."""
    events = [e for e in load_scenario(case).events if e.date == on and e.kind == kind]
    return " ".join(s.quote or "" for e in events for s in e.sources)


def test_event_summaries_are_borne_out_by_their_quotes() -> None:
    # Each summary's claim was in no quote of its event's sources. The record, typed in from each source:
    # Radio România Actualități, 8 October 2009: "semnată inclusiv de şapte parlamentari PSD"; "Grupul parlamentar
    # al PDL a părăsit pentru a doua oară plenul"; the request to send the motion to the legal committees
    # ("Comisiilor juridice") "a fost respinsă". Israel National News, 13 June 2021: "Bennett was sworn in as Prime
    # Minister, with Yair Lapid sworn in as alternate prime minister". The Japan News, 11 November 2024: "elected
    # Monday as the 103rd prime minister". News.az (Xinhua): "the first sitting prime minister to be ousted in a
    # no-confidence vote in Swedish history". Wikipedia, 2021 Swedish government crisis: "Löfven chose to resign on
    # 28 June, meaning that the Speaker of the Riksdag Andreas Norlén was tasked to find a Prime Minister".
    expected = {
        ("ro-parl-2009", dt.date(2009, 10, 6), "motion-filed"): ("şapte parlamentari PSD",),
        ("ro-parl-2009", dt.date(2009, 10, 8), "motion-moved"): ("PDL a părăsit", "Comisiilor juridice", "respinsă"),
        ("il-knesset-2021", dt.date(2021, 6, 13), "vote"): ("sworn in as Prime Minister", "alternate prime minister"),
        ("jp-hr-2024", dt.date(2024, 11, 11), "vote"): ("103rd prime minister",),
        ("se-riksdag-2021", dt.date(2021, 6, 21), "vote"): ("first sitting prime minister to be ousted",),
        ("se-riksdag-2021", dt.date(2021, 6, 28), "statement"): ("Speaker of the Riksdag",),
    }
    for (case, on, kind), phrases in expected.items():
        text = _quotes(case, on, kind)
        assert all(p in text for p in phrases), (case, on, kind)


def test_japan_2024_the_twelve_independents_voted_six_for_ishiba_four_for_kira_two_for_noda() -> None:
    # Yahoo! News Japan (news.yahoo.co.jp/articles/557414b8f290f4519d1b5273f21f2220c9e96e52): "世耕弘成氏ら計6人が、
    # 衆院会派「自民党・無所属の会」に入会した" and "他に入会したのは、非公認で衆院選を戦った西村康稔、萩生田光一、平沢勝栄
    # 各氏、自民候補を破った無所属の三反園訓、広瀬建両氏"; sankeiweekly.com: Hagiuda "ら与党系無所属議員" voted for
    # Ishiba in both polls, the Yushi no Kai for its own Kira in the first; Yahoo! News Japan
    # (news.yahoo.co.jp/articles/33baf8678613a38534aa2ac433433dadd6473fb1): "与党から造反は出なかった" and Noda's 160
    # were "立民会派に所属する149人に加え、共産党の8人、衆院会派「有志の会」の1人、無所属議員2人". 191 + 24 + 6 = 221;
    # 149 + 8 + 1 + 2 = 160; 6 + 4 + 2 = 12. The split had been our arithmetic from the parties' seats, unverified.
    scenario = load_scenario("jp-hr-2024")
    party = next(p for p in scenario.parties if p.id == "independent")
    assert party.seats == 12 and dict(party.by_side) == {"government": 6, "other": 6} and party.verified
    quotes = " ".join(s.quote or "" for s in party.sources)
    for name in ("世耕弘成", "西村康稔", "萩生田光一", "平沢勝栄", "三反園訓", "広瀬建"):
        assert name in quotes
    assert "計6人" in quotes and "与党から造反は出なかった" in quotes and "無所属議員2人" in quotes
    assert 191 + 24 + 6 == 221 and 149 + 8 + 1 + 2 == 160 and 6 + 4 + 2 == party.seats
    runoff = [s for s in scenario.stances if s.party == "independent"]
    assert {(s.stance, s.seats) for s in runoff} == {("abstain", 3), ("no", None)} and all(s.verified for s in runoff)
    assert any("無所属議員2人" in (q.quote or "") for s in runoff for q in s.sources)
    assert not any("our arithmetic from the parties' seats" in item for item in scenario.unverified)


def test_sweden_2021_the_centre_party_said_it_would_abstain_on_the_day_of_the_vote() -> None:
    # The Swedish Times, 21 June 2021: "Before the vote, the leader of the Center Party, Annie Lööf declared that
    # the party will vote yellow". The stance was dated 17 June, which the report does not say; before 21 June the
    # Centre Party's 31 are undecided, on the day abstaining: to vote yellow is to abstain (Fria Tider's count of the
    # division: "51 ledamöter (L, C och två politiska vildar) avstod från att rösta"). It was entered as absent.
    scenario = load_scenario("se-riksdag-2021")
    stance = next(s for s in scenario.stances if s.party == "c")
    assert stance.date == dt.date(2021, 6, 21) and stance.stance == "abstain"
    assert any("Before the vote" in (s.quote or "") for s in stance.sources)


def test_israel_2021_notice_by_email_and_the_section_in_doubt() -> None:
    # Reuters, 2 June 2021: "About 35 minutes before a Wednesday midnight deadline, the centrist Yair Lapid told
    # President Reuven Rivlin in an email"; the event's note said "e-mail" with no source saying so. Islam Times
    # quotes Lapid's notice: "an alternative government in accordance with Article 13 [a] of the Basic Law", a
    # section other than the s. 13(d) the rules profile cites, so the doubt names it.
    scenario = load_scenario("il-knesset-2021")
    event = _filed_event("il-knesset-2021")
    assert any("in an email" in (s.quote or "") for s in event.sources)
    assert any("13 [a]" in item and "13(d)" in item for item in scenario.unverified)


def test_germany_2025_and_japan_2024_invalid_ballots_are_counted_and_named_as_invalid() -> None:
    # newsworm (first ballot): "307 MPs voted against Merz, three abstained and one vote was invalid"; LIGA.net
    # (second ballot): "289 voted against, one abstained, and three ballots were declared invalid". The Japan News
    # (run-off, 11 November 2024): "Ishiba received 221 votes, while Noda got 160 votes. Eighty-four votes were
    # invalid." The explanation once called Germany's invalid ballots "present not voting" and left Japan's out.
    scenario = load_scenario("de-bt-2025")
    first, second = (_motion("de-bt-2025", f"chancellor-{n}-ballot-2025-05-06") for n in ("first", "second"))
    assert first.division is not None and second.division is not None
    assert (first.division.invalid, second.division.invalid) == (1, 3)
    assert first.division.present_not_voting is None and second.division.present_not_voting is None
    for motion, words in ((first, "310 in favour, 307 against, 3 abstaining, 1 invalid vote; 316 needed"),
                          (second, "325 in favour, 289 against, 1 abstaining, 3 invalid votes; 316 needed")):
        outcome = judge_recorded(scenario, motion)
        assert outcome is not None and words in outcome.explanation
        assert "present not voting" not in outcome.explanation
    japan = load_scenario("jp-hr-2024")
    runoff = _motion("jp-hr-2024", "pm-runoff-2024-11-11")
    assert runoff.division is not None and runoff.division.invalid == 84
    outcome = judge_recorded(japan, runoff)
    assert outcome is not None and outcome.passed and outcome.invalid == 84
    assert ("run-off: Shigeru Ishiba 221, runner-up 160, 84 invalid votes; 191 needed: a majority of the 381 "
            "votes cast (the 84 invalid votes left out)") in outcome.explanation


def test_punjab_2022_run_off_365_voted_and_the_chair_rejected_10() -> None:
    # Business Recorder, 22 July 2022: "Hamza received 179 votes whereas Elahi garnered 186 votes however, 10 votes
    # of Elahi's own party were not counted"; The Quint, 26 July: the Supreme Court "declared Punjab Assembly deputy
    # speaker's decision to reject 10 votes as unconstitutional". 186 + 179 = 365 voted; the declared result was
    # explained as "a majority of the 355 members present and voting", as if ten had not voted.
    scenario = load_scenario("pk-pa-punjab-2022")
    runoff = _motion("pk-pa-punjab-2022", "cm-runoff-2022-07-22")
    division = runoff.division
    assert division is not None
    assert (division.yes, division.no, division.invalid) == (176, 179, 10)
    assert division.yes + division.no + division.invalid == 186 + 179
    judged = judge_division_of(scenario, runoff)
    assert judged is not None and judged.adjudicated is not None
    declared = judged.declared
    assert declared.elected == "Hamza Shehbaz"
    assert "179, runner-up 176, 10 invalid votes; 178 needed: a majority of the 355 members present and voting " \
           "(the 10 invalid votes left out)" in declared.explanation
    settled = judge_recorded(scenario, runoff)
    assert settled is not None and settled.elected == "Pervaiz Elahi" and not settled.invalid
    assert "Pervaiz Elahi 186, runner-up 179; 183 needed: a majority of the 365 members present and voting" \
        in settled.explanation
